import { DomainError } from '../../domain/errors';
import { referenceKey } from '../../domain/refs';
import { ListDocumentsQuery } from '../../schemas/documents';
import { httpHandler, json, type AppContext } from '../_shared/http';
import { presentDocument } from '../_shared/present';

export const create = (ctx: AppContext) =>
  httpHandler(ctx, { fn: 'documents-list', query: ListDocumentsQuery }, async ({ query, ports }) => {
    if (query.number) {
      if (query.cursor) throw new DomainError('validation', 'number and cursor cannot be combined');
      const works = await ports.works.findByReferenceKey(referenceKey(query.number));
      return json({ items: works.filter((w) => !w.withdrawn && (!query.type || w.type === query.type)).map(presentDocument) });
    }
    const page = await ports.works.list({
      limit: query.limit ?? 20,
      ...(query.cursor ? { cursor: query.cursor } : {}),
      ...(query.type ? { type: query.type } : {}),
    });
    // Withdrawn documents (domain/services/withdrawal.ts) are in no list; a page may then hold fewer than `limit`.
    return json({ items: page.items.filter((w) => !w.withdrawn).map(presentDocument), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) });
  });
