/**
 * The notifier (EventBridge Scheduler, every minute; docs/adr/0022): the history recorded since its last run becomes
 * deliveries for the subscriptions it concerns, then the due webhooks are sent, signed, with backoff, for at most
 * RUN_BUDGET_MS. One run at a time (reserved concurrency 1): the cursor has one writer, and the deliveries are
 * claimed before each POST (the API's replay, resume and cancel write them too, under optimistic revisions). A run
 * that fails is not retried: the next minute's resumes from the cursor.
 */
import middy from '@middy/core';
import { DomainError } from '../../domain/errors';
import { notifySubscribers } from '../../domain/services/subscriptions';
import { retryPolicyFromEnv } from '../_shared/config';
import type { AppContext } from '../_shared/http';

/** A run stops starting POSTs after this long (each is bounded by 10 s; the function's timeout is 90 s). */
const RUN_BUDGET_MS = 50_000;

export const create = (ctx: AppContext) => {
  const retry = retryPolicyFromEnv();
  return middy(async () => {
    const ports = await ctx.ports();
    if (!ports.subscriptions || !ports.webhooks)
      throw new DomainError('dependency_unavailable', 'The notifier needs the subscription store and a webhook sender');
    const result = await notifySubscribers({ ...ports, subscriptions: ports.subscriptions }, ports.webhooks, retry, RUN_BUDGET_MS);
    ctx.logger.info('Notifier', { ...result });
    // The due deliveries went out; a dispatch that failed is an error of the run (the alarm), resumed next minute.
    if (result.dispatchError) throw new Error(`Notifier: matching the history failed: ${result.dispatchError}`);
    return result;
  });
};
