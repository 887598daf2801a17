import { DomainError } from '../../domain/errors';
import type { SearchQuery as PortQuery } from '../../domain/ports';
import { type SearchResultHit, searchDocuments, searchGrouped } from '../../domain/services/search';
import { decodeCursor, encodeCursor } from '../../adapters/cursor';
import { SearchQuery } from '../../schemas/search';
import { httpHandler, json, type AppContext } from '../_shared/http';

/** Search engines page by offset up to a window (OpenSearch's max_result_window): deeper pages need a narrower query. */
const MAX_WINDOW = 10_000;
/** Units shown under each document when hits are grouped. */
const PER_GROUP = 3;

const isOffset = (v: unknown): v is { o: number } =>
  typeof v === 'object' && v !== null && Number.isInteger((v as { o?: unknown }).o) && (v as { o: number }).o >= 0 && (v as { o: number }).o < MAX_WINDOW;

const hitJson = (h: SearchResultHit) => ({
  documentId: h.workId,
  documentNumber: h.documentNumber,
  documentType: h.documentType,
  documentTitle: h.documentTitle,
  title: h.title,
  kind: h.kind,
  eId: h.eId,
  articleNum: h.articleNum,
  citation: h.citation,
  issued: h.issued,
  status: h.status,
  snippet: h.snippet,
  highlights: h.highlights,
  score: h.score,
});

export const create = (ctx: AppContext) =>
  httpHandler(ctx, { fn: 'search', query: SearchQuery }, async ({ query, ports }) => {
    const limit = query.limit ?? 20;
    const offset = query.cursor ? decodeCursor(query.cursor, isOffset).o : 0;
    if (offset + limit > MAX_WINDOW) throw new DomainError('validation', `Results are paged up to ${MAX_WINDOW}; refine the query to see more`);
    const issuedFrom = query.issuedFrom ?? (query.year ? `${query.year}-01-01` : undefined);
    const issuedTo = query.issuedTo ?? (query.year ? `${query.year}-12-31` : undefined);
    const { cursor: _c, year: _y, group, limit: _l, ...filters } = query;
    const req: PortQuery = {
      ...filters,
      limit,
      offset,
      ...(issuedFrom ? { issuedFrom } : {}),
      ...(issuedTo ? { issuedTo } : {}),
    };
    const page = (shown: number, total: number) => {
      const next = offset + shown;
      return next < total && shown > 0 && next < MAX_WINDOW ? { nextCursor: encodeCursor({ o: next }) } : {};
    };
    if (group === 'document') {
      const res = await searchGrouped(ports, req, PER_GROUP);
      return json({
        total: res.total,
        groups: res.groups.map((g) => {
          const first = g.hits[0];
          return {
            documentId: g.workId,
            documentNumber: first?.documentNumber ?? null,
            documentType: first?.documentType ?? 'unknown',
            documentTitle: first?.documentTitle ?? null,
            score: g.score,
            hits: g.hits.map(hitJson),
          };
        }),
        ...(res.facets ? { facets: res.facets } : {}),
        ...page(res.groups.length, res.total),
      });
    }
    const res = await searchDocuments(ports, req);
    return json({ total: res.total, hits: res.hits.map(hitJson), ...(res.facets ? { facets: res.facets } : {}), ...page(res.hits.length, res.total) });
  });
