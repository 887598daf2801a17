import { DomainError } from '../../domain/errors';
import { searchDocuments } from '../../domain/services/search';
import { decodeCursor, encodeCursor } from '../../adapters/cursor';
import { SearchQuery } from '../../schemas/search';
import { httpHandler, json, type AppContext } from '../_shared/http';

/** Search engines page by offset up to a window (OpenSearch's max_result_window): deeper pages need a narrower query. */
const MAX_WINDOW = 10_000;

const isOffset = (v: unknown): v is { o: number } =>
  typeof v === 'object' && v !== null && Number.isInteger((v as { o?: unknown }).o) && (v as { o: number }).o >= 0 && (v as { o: number }).o < MAX_WINDOW;

export const create = (ctx: AppContext) =>
  httpHandler(ctx, { fn: 'search', query: SearchQuery }, async ({ query, ports }) => {
    const limit = query.limit ?? 20;
    const offset = query.cursor ? decodeCursor(query.cursor, isOffset).o : 0;
    if (offset + limit > MAX_WINDOW) throw new DomainError('validation', `Results are paged up to ${MAX_WINDOW}; refine the query to see more`);
    const issuedFrom = query.issuedFrom ?? (query.year ? `${query.year}-01-01` : undefined);
    const issuedTo = query.issuedTo ?? (query.year ? `${query.year}-12-31` : undefined);
    const res = await searchDocuments(ports, {
      q: query.q,
      limit,
      offset,
      ...(query.type ? { type: query.type } : {}),
      ...(query.scope ? { scope: query.scope } : {}),
      ...(issuedFrom ? { issuedFrom } : {}),
      ...(issuedTo ? { issuedTo } : {}),
    });
    const next = offset + res.hits.length;
    return json({
      total: res.total,
      hits: res.hits.map((h) => ({
        documentId: h.workId,
        documentNumber: h.documentNumber,
        documentType: h.documentType,
        title: h.title,
        kind: h.kind,
        eId: h.eId,
        articleNum: h.articleNum,
        citation: h.citation,
        snippet: h.snippet,
        highlights: h.highlights,
        score: h.score,
      })),
      ...(next < res.total && res.hits.length > 0 && next < MAX_WINDOW ? { nextCursor: encodeCursor({ o: next }) } : {}),
    });
  });
