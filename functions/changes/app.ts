import { DomainError } from '../../domain/errors';
import { changesSince } from '../../domain/services/history';
import type { HistoryEvent } from '../../domain/history/types';
import type { RecentPage } from '../../domain/ports';
import { ChangesQuery } from '../../schemas/history';
import { ATOM_TYPE, atomXml } from '../_shared/atom';
import { httpHandler, json, type AppContext } from '../_shared/http';

/** What an Atom reader cares about: documents ingested and documents whose text, relations or status changed. */
const ATOM_KINDS: ReadonlySet<HistoryEvent['kind']> = new Set(['document.created', 'document.updated', 'relations.changed', 'status.changed']);
/** The schema's default `limit`, left out of the Atom links; and the most events an Atom page reads. */
const DEFAULT_LIMIT = 100;
const ATOM_MAX = 100;

/**
 * The change feed for API consumers: every event of the history after a cursor, in the order recorded, resumable
 * (`cursor` is always returned). `format=atom` (or Accept: application/atom+xml) is the Atom feed for feed readers:
 * the newest events first, and a `next` link to the older ones (`before`), absent on the last page.
 */
export const create = (ctx: AppContext) =>
  httpHandler(ctx, { fn: 'changes', query: ChangesQuery, cacheControl: 'no-cache' }, async ({ query, ports, headers }) => {
    const wantsAtom = query.format === 'atom' || (query.format === undefined && /application\/atom\+xml/.test(headers.accept ?? ''));
    if (!wantsAtom) {
      if (query.before !== undefined) throw new DomainError('validation', 'before pages the Atom feed (format=atom); the JSON feed resumes with since');
      return json(await changesSince(ports, query.since ?? null, query.limit));
    }
    if (query.since !== undefined)
      throw new DomainError('validation', 'since resumes the JSON feed; the Atom feed is newest first and pages with before (its next link)');
    const page = await ports.history.recent(query.before ?? null, Math.min(query.limit, ATOM_MAX));
    return json(atomOf(page, query.limit, query.before ?? null, ctx.publicBaseUrl ?? '', ports.clock.now()), 200, {
      'content-type': ATOM_TYPE,
    });
  });

function atomOf(page: RecentPage, limit: number, before: string | null, base: string, now: Date): string {
  // Links are absolute for feed readers, on the configured public base URL: never on the Host header, which the
  // client writes (a forged one would land in a cached feed).
  const url = (cursor: string | null) =>
    `${base}/v1/changes?format=atom${limit === DEFAULT_LIMIT ? '' : `&limit=${limit}`}${cursor ? `&before=${encodeURIComponent(cursor)}` : ''}`;
  const items = page.items.filter((e) => ATOM_KINDS.has(e.kind));
  // Newest first: the feed is as recent as its first entry; an empty feed is as of now.
  const newest = items[0] ?? page.items[0];
  return atomXml({
    id: `${base}/v1/changes`,
    title: 'CSDLQG pháp luật — văn bản mới và văn bản thay đổi',
    description: 'Văn bản được tiếp nhận, sửa đổi nội dung, thay đổi quan hệ hoặc tình trạng hiệu lực',
    link: `${base}/`,
    updated: newest ? new Date(newest.recordedAt) : now,
    self: url(before),
    next: page.older ? url(page.older) : null,
    entries: items.map((e) => ({
      id: `urn:csdl:event:${e.id}`,
      title: e.summary,
      link: `${base}/document.html?id=${encodeURIComponent(e.workId)}`,
      date: new Date(e.recordedAt),
      description: [e.reason, e.status ? e.status.reasons.join('; ') : null].filter(Boolean).join(' — ') || e.summary,
      author: e.actor,
      category: e.kind,
    })),
  });
}
