import { Feed } from 'feed';
import { changesSince } from '../../domain/services/history';
import type { HistoryEvent } from '../../domain/history/types';
import { ChangesQuery } from '../../schemas/history';
import { httpHandler, json, type AppContext } from '../_shared/http';

/** What an Atom reader cares about: documents ingested and documents whose text, relations or status changed. */
const ATOM_KINDS: ReadonlySet<HistoryEvent['kind']> = new Set(['document.created', 'document.updated', 'relations.changed', 'status.changed']);

/**
 * The change feed for API consumers: every event of the history after a cursor, in the order recorded, resumable
 * (`cursor` is always returned); `format=atom` gives the same page as an Atom feed for feed readers.
 */
export const create = (ctx: AppContext) =>
  httpHandler(ctx, { fn: 'changes', query: ChangesQuery, cacheControl: 'no-cache' }, async ({ query, ports, headers }) => {
    const page = await changesSince(ports, query.since ?? null, query.limit);
    const wantsAtom = query.format === 'atom' || (query.format === undefined && /application\/atom\+xml/.test(headers.accept ?? ''));
    if (!wantsAtom) return json(page);
    return json(atomOf(page.items, page.cursor, query.since ?? null, headers.host), 200, { 'content-type': 'application/atom+xml; charset=utf-8' });
  });

function atomOf(events: HistoryEvent[], cursor: string, since: string | null, host: string | undefined): string {
  // Links are absolute for feed readers; the host only when it looks like one (never echo arbitrary header text).
  const safe = host && /^[A-Za-z0-9.-]+(:\d+)?$/.test(host) ? host : null;
  const base = safe ? `${/^(localhost|127\.|\[::1\])/.test(safe) ? 'http' : 'https'}://${safe}` : '';
  const self = `${base}/v1/changes?format=atom${since ? `&since=${encodeURIComponent(since)}` : ''}`;
  const items = events.filter((e) => ATOM_KINDS.has(e.kind));
  const updated = items.length ? new Date(items[items.length - 1]?.recordedAt as string) : new Date(0);
  const feed = new Feed({
    id: `${base}/v1/changes`,
    title: 'CSDLQG pháp luật — văn bản mới và văn bản thay đổi',
    description: 'Văn bản được tiếp nhận, sửa đổi nội dung, thay đổi quan hệ hoặc tình trạng hiệu lực',
    link: `${base}/`,
    language: 'vi',
    updated,
    copyright: 'Văn bản quy phạm pháp luật không thuộc đối tượng bảo hộ quyền tác giả (Luật Sở hữu trí tuệ, Điều 15)',
    feedLinks: { atom: self, next: `${base}/v1/changes?format=atom&since=${encodeURIComponent(cursor)}` },
  });
  for (const e of items)
    feed.addItem({
      id: `urn:csdl:event:${e.id}`,
      title: e.summary,
      link: `${base}/document.html?id=${encodeURIComponent(e.workId)}`,
      date: new Date(e.recordedAt),
      description: [e.reason, e.status ? e.status.reasons.join('; ') : null].filter(Boolean).join(' — ') || e.summary,
      author: [{ name: e.actor }],
      category: [{ name: e.kind }],
    });
  return feed.atom1();
}
