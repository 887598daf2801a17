import { documentRelations } from '../../domain/services/status';
import { DocumentParams, RelationsQuery } from '../../schemas/status';
import { httpHandler, json, type AppContext } from '../_shared/http';

/** The relations diagram (lược đồ) of a document: every relation, both directions, grouped by type. */
export const create = (ctx: AppContext) =>
  httpHandler(ctx, { fn: 'documents-relations', params: DocumentParams, query: RelationsQuery }, async ({ params, query, ports }) =>
    json(await documentRelations(ports, params.id, query.asRecordedAt)),
  );
