/** Lambda entry: the AWS wiring around the handler in app.ts (which the local runtime also serves). */
import { awsAppContext } from '../_shared/aws-context';
import { create } from './app';

export const handler = create(awsAppContext('mcp'));
