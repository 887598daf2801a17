import { documentTimeline } from '../../domain/services/consolidation';
import { DocumentParams, TimelineQuery } from '../../schemas/status';
import { httpHandler, json, type AppContext } from '../_shared/http';

/** Every date on which a document's text or validity changes, and by what. */
export const create = (ctx: AppContext) =>
  httpHandler(ctx, { fn: 'documents-timeline', params: DocumentParams, query: TimelineQuery }, async ({ params, ports }) =>
    json(await documentTimeline(ports, params.id)),
  );
