import { replayDelivery, subscriptionsOf } from '../../domain/services/subscriptions';
import { DeliveryParams } from '../../schemas/subscriptions';
import { httpHandler, json, type AppContext } from '../_shared/http';

/** Send one delivery again, now (the receiver deduplicates by its id, `X-Csdl-Delivery`). */
export const create = (ctx: AppContext) =>
  httpHandler(ctx, { fn: 'subscriptions-replay', params: DeliveryParams, cacheControl: 'no-store' }, async ({ params, ports, identity }) =>
    json(await replayDelivery({ subscriptions: subscriptionsOf(ports), clock: ports.clock }, identity?.subject ?? '', params.id, params.deliveryId), 202),
  );
