import { documentDiff } from '../../domain/services/consolidation';
import { DiffQuery, DocumentParams } from '../../schemas/status';
import { httpHandler, json, type AppContext } from '../_shared/http';

/** Units whose text differs between two dates, with a word diff. */
export const create = (ctx: AppContext) =>
  httpHandler(ctx, { fn: 'documents-diff', params: DocumentParams, query: DiffQuery }, async ({ params, query, ports }) => {
    return json(await documentDiff(ports, params.id, query.from, query.to));
  });
