import { subscriptionsOf, updateSubscription } from '../../domain/services/subscriptions';
import { SubscriptionParams, UpdateSubscriptionRequest } from '../../schemas/subscriptions';
import { httpHandler, json, type AppContext } from '../_shared/http';

/** Cancel a subscription (kept, no longer matched) or resume a paused one (what it held is sent). Idempotent. */
export const create = (ctx: AppContext) =>
  httpHandler(
    ctx,
    { fn: 'subscriptions-update', params: SubscriptionParams, body: UpdateSubscriptionRequest, cacheControl: 'no-store' },
    async ({ params, body, ports, identity }) =>
      json(await updateSubscription({ subscriptions: subscriptionsOf(ports), clock: ports.clock }, identity?.subject ?? '', params.id, body.action)),
  );
