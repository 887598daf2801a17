import { getSubscription, subscriptionsOf } from '../../domain/services/subscriptions';
import { SubscriptionParams, SubscriptionQuery } from '../../schemas/subscriptions';
import { httpHandler, json, type AppContext } from '../_shared/http';

/** One of the caller's subscriptions with its deliveries, newest first (another's answers 404). */
export const create = (ctx: AppContext) =>
  httpHandler(
    ctx,
    { fn: 'subscriptions-get', params: SubscriptionParams, query: SubscriptionQuery, cacheControl: 'private, no-store' },
    async ({ params, query, ports, identity }) =>
      json(await getSubscription({ subscriptions: subscriptionsOf(ports) }, identity?.subject ?? '', params.id, query.before ?? null, query.limit)),
  );
