/** Lambda entry: the notifier (EventBridge Scheduler, every minute). */
import { awsAppContext } from '../_shared/aws-context';
import { create } from './app';

export const handler = create(awsAppContext('notifier'));
