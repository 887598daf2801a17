/** Lambda entry: DynamoDB stream → search index. */
import { awsAppContext } from '../_shared/aws-context';
import { create } from './app';

export const handler = create(awsAppContext('indexer'));
