/** Lambda entry: the daily status sweep (EventBridge Scheduler). */
import { awsAppContext } from '../_shared/aws-context';
import { create } from './app';

export const handler = create(awsAppContext('status-sweep'));
