import { createSubscription, subscriptionsOf } from '../../domain/services/subscriptions';
import { DomainError } from '../../domain/errors';
import { CreateSubscriptionRequest } from '../../schemas/subscriptions';
import { httpHandler, json, type AppContext } from '../_shared/http';

/**
 * Follow a document, a unit, a sector or a saved search (docs/adr/0022). The answer carries the webhook signing secret,
 * shown this once, and the subscription's Atom feed.
 */
export const create = (ctx: AppContext) =>
  httpHandler(ctx, { fn: 'subscriptions-create', body: CreateSubscriptionRequest, cacheControl: 'no-store' }, async ({ body, ports, identity }) => {
    if (!ports.webhooks) throw new DomainError('dependency_unavailable', 'This runtime sends no webhooks');
    const { subscription, secret } = await createSubscription({ ...ports, subscriptions: subscriptionsOf(ports) }, ports.webhooks, identity?.subject ?? '', {
      target: body.target,
      ...(body.webhookUrl !== undefined ? { webhookUrl: body.webhookUrl } : {}),
      ...(body.label !== undefined ? { label: body.label } : {}),
    });
    const feed = `${ctx.publicBaseUrl ?? ''}/v1/subscriptions/${subscription.id}/feed`;
    return json({ subscription, secret, feed }, 201, { location: `/v1/subscriptions/${subscription.id}` });
  });
