import { vietnamDate } from '../../domain/dates';
import { documentStatus } from '../../domain/services/status';
import { DocumentParams, StatusQuery } from '../../schemas/status';
import { httpHandler, json, type AppContext } from '../_shared/http';

/** Status of a document (or one unit) at a date, with the reasons and flags for review. */
export const create = (ctx: AppContext) =>
  httpHandler(ctx, { fn: 'documents-status', params: DocumentParams, query: StatusQuery }, async ({ params, query, ports }) => {
    const at = query.at ?? vietnamDate(ports.clock.now());
    return json(await documentStatus(ports, params.id, at, query.eId, query.asRecordedAt));
  });
