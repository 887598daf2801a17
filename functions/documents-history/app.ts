import { documentHistory } from '../../domain/services/history';
import { HistoryParams, HistoryQuery } from '../../schemas/history';
import { httpHandler, json, type AppContext } from '../_shared/http';

/** A document's history: every change to it, its text, its relations and its status (who, what, when, why). */
export const create = (ctx: AppContext) =>
  httpHandler(ctx, { fn: 'documents-history', params: HistoryParams, query: HistoryQuery }, async ({ params, query, ports }) =>
    json(await documentHistory(ports, params.id, query.asRecordedAt)),
  );
