import { suggestDocuments } from '../../domain/services/search';
import { SuggestQuery } from '../../schemas/search';
import { httpHandler, json, type AppContext } from '../_shared/http';

/** Autocomplete while typing a number or a title: `59/20` → 59/2020/QH14 Luật Doanh nghiệp. */
export const create = (ctx: AppContext) =>
  httpHandler(ctx, { fn: 'search-suggest', query: SuggestQuery }, async ({ query, ports }) => {
    const found = await suggestDocuments(ports, query.q, query.limit ?? 8);
    return json({
      suggestions: found.map((s) => ({ documentId: s.workId, documentNumber: s.documentNumber, documentType: s.documentType, title: s.title })),
    });
  });
