import { decodeCursor, encodeCursor } from '../../adapters/cursor';
import { DomainError } from '../../domain/errors';
import type { BrowseAfter, BrowseSort } from '../../domain/ports';
import { referenceKey } from '../../domain/refs';
import { browseDocuments } from '../../domain/services/browse';
import { ListDocumentsQuery } from '../../schemas/documents';
import { httpHandler, json, type AppContext } from '../_shared/http';
import { presentDocument } from '../_shared/present';

/** The parameters that browse (through the search index) rather than page over the store. */
const BROWSE = [
  'issuer',
  'status',
  'sector',
  'province',
  'year',
  'issuedFrom',
  'issuedTo',
  'inForceAt',
  'effectiveFrom',
  'effectiveTo',
  'expiryFrom',
  'expiryTo',
  'sort',
  'facets',
] as const;

/** A browse cursor: the order it was made for and the last document of its page (ListDocumentsQuery `sort`). */
interface BrowseCursor {
  b: BrowseSort;
  id: string;
  k: string | null;
}

const SORTS: readonly string[] = ['id', 'date', 'effective', 'expiry'];
const isBrowseCursor = (v: unknown): v is BrowseCursor => {
  const c = v as Partial<BrowseCursor> | null;
  return (
    typeof c === 'object' &&
    c !== null &&
    typeof c.b === 'string' &&
    SORTS.includes(c.b) &&
    typeof c.id === 'string' &&
    c.id.length > 0 &&
    (c.k === null || (typeof c.k === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(c.k)))
  );
};

export const create = (ctx: AppContext) =>
  httpHandler(ctx, { fn: 'documents-list', query: ListDocumentsQuery }, async ({ query, ports }) => {
    const browsing = BROWSE.filter((k) => query[k] !== undefined);
    if (query.number) {
      if (query.cursor) throw new DomainError('validation', 'number and cursor cannot be combined');
      if (browsing.length > 0) throw new DomainError('validation', `number cannot be combined with ${browsing.join(', ')}`);
      const works = await ports.works.findByReferenceKey(referenceKey(query.number));
      return json({ items: works.filter((w) => !w.withdrawn && (!query.type || w.type === query.type)).map(presentDocument) });
    }
    if (browsing.length > 0) {
      const { limit, cursor, number: _n, asRecordedAt: _a, ...filters } = query;
      const sort = query.sort ?? 'id';
      let after: BrowseAfter | undefined;
      if (cursor) {
        const c = decodeCursor(cursor, isBrowseCursor);
        if (c.b !== sort) throw new DomainError('validation', `The cursor was made for sort=${c.b}; ask the same order, or start without a cursor`);
        after = { id: c.id, key: c.k };
      }
      const res = await browseDocuments(ports, { ...filters, sort, limit: limit ?? 20, ...(after ? { after } : {}) });
      return json({
        total: res.total,
        items: res.items.map((d) => ({ ...presentDocument(d.work), ...(d.changes ? { changes: d.changes } : {}) })),
        ...(res.facets ? { facets: res.facets } : {}),
        ...(res.next ? { nextCursor: encodeCursor({ b: sort, id: res.next.id, k: res.next.key }) } : {}),
      });
    }
    const page = await ports.works.list({
      limit: query.limit ?? 20,
      ...(query.cursor ? { cursor: query.cursor } : {}),
      ...(query.type ? { type: query.type } : {}),
    });
    // Withdrawn documents (domain/services/withdrawal.ts) are in no list; a page may then hold fewer than `limit`.
    return json({ items: page.items.filter((w) => !w.withdrawn).map(presentDocument), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) });
  });
