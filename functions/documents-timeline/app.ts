import { documentTimeline } from '../../domain/services/consolidation';
import { DocumentParams } from '../../schemas/status';
import { httpHandler, json, type AppContext } from '../_shared/http';

/** The dates on which a document's text changes, with the effects of each. */
export const create = (ctx: AppContext) =>
  httpHandler(ctx, { fn: 'documents-timeline', params: DocumentParams }, async ({ params, ports }) => json(await documentTimeline(ports, params.id)));
