import { listSubscriptions, subscriptionsOf } from '../../domain/services/subscriptions';
import { httpHandler, json, type AppContext } from '../_shared/http';

/** The caller's subscriptions, cancelled ones included (never their secrets). */
export const create = (ctx: AppContext) =>
  httpHandler(ctx, { fn: 'subscriptions-list', cacheControl: 'private, no-store' }, async ({ ports, identity }) =>
    json(await listSubscriptions({ subscriptions: subscriptionsOf(ports) }, identity?.subject ?? '')),
  );
