import { diffToText } from '../../domain/consolidate/diff';
import { subscriptionFeed, subscriptionsOf } from '../../domain/services/subscriptions';
import { SubscriptionFeedQuery, SubscriptionParams } from '../../schemas/subscriptions';
import { ATOM_TYPE, atomXml } from '../_shared/atom';
import { httpHandler, json, type AppContext } from '../_shared/http';

/**
 * A subscription's own feed (docs/adr/0022): each change it was told of, newest first, as Atom (default) or JSON.
 * Its key is the subscription's unguessable id, so a feed reader needs no token; it shows what the law says, never
 * the owner or the webhook.
 */
export const create = (ctx: AppContext) =>
  httpHandler(
    ctx,
    { fn: 'subscriptions-feed', params: SubscriptionParams, query: SubscriptionFeedQuery, cacheControl: 'no-cache' },
    async ({ params, query, ports }) => {
      const { subscription, items, older } = await subscriptionFeed({ subscriptions: subscriptionsOf(ports) }, params.id, query.before ?? null, query.limit);
      const entries = items.map((d) => d.notification);
      if (query.format === 'json')
        return json({ label: subscription.label, target: subscription.target, cancelledAt: subscription.cancelledAt, items: entries, older });
      const base = ctx.publicBaseUrl ?? '';
      const url = (before: string | null) => `${base}/v1/subscriptions/${subscription.id}/feed${before ? `?before=${encodeURIComponent(before)}` : ''}`;
      const newest = entries[0];
      return json(
        atomXml({
          id: `${base}/v1/subscriptions/${subscription.id}/feed`,
          title: `CSDLQG pháp luật — theo dõi: ${subscription.label ?? subscription.id}`,
          description: 'Thay đổi về nội dung, hiệu lực và quan hệ của điều được theo dõi',
          link: `${base}/`,
          updated: newest ? new Date(newest.event.recordedAt) : ports.clock.now(),
          self: url(query.before ?? null),
          next: older ? url(older) : null,
          entries: entries.map((n) => ({
            id: `urn:csdl:delivery:${n.id}`,
            title: n.unit?.message ?? `${n.document.number ?? n.document.id}: ${n.event.summary}`,
            link: `${base}/document.html?id=${encodeURIComponent(n.document.id)}${n.unit ? `#${encodeURIComponent(n.unit.eId)}` : ''}`,
            date: new Date(n.event.recordedAt),
            description: n.unit?.diff.length ? n.unit.diff.map((c) => diffToText(c.text)).join('\n') : n.event.summary,
            author: n.event.actor,
            category: n.event.kind,
          })),
        }),
        200,
        { 'content-type': ATOM_TYPE },
      );
    },
  );
