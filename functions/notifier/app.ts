/**
 * The notifier (EventBridge Scheduler, every minute; docs/adr/0022): the history recorded since its last run becomes
 * deliveries for the subscriptions it concerns, then the due webhooks are sent, signed, with backoff. One run at a
 * time (reserved concurrency 1), so the cursor and the deliveries have one writer; a run that fails is retried by
 * the next minute's, which resumes from the cursor.
 */
import middy from '@middy/core';
import { DomainError } from '../../domain/errors';
import { notifySubscribers } from '../../domain/services/subscriptions';
import { retryPolicyFromEnv } from '../_shared/config';
import type { AppContext } from '../_shared/http';

export const create = (ctx: AppContext) => {
  const retry = retryPolicyFromEnv();
  return middy(async () => {
    const ports = await ctx.ports();
    if (!ports.subscriptions || !ports.webhooks)
      throw new DomainError('dependency_unavailable', 'The notifier needs the subscription store and a webhook sender');
    const result = await notifySubscribers({ ...ports, subscriptions: ports.subscriptions }, ports.webhooks, retry);
    ctx.logger.info('Notifier', result);
    return result;
  });
};
