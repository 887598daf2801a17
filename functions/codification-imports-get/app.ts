import { notFound } from '../../domain/errors';
import { importView } from '../../domain/services/codification-import';
import { ImportParams } from '../../schemas/codification-imports';
import { httpHandler, json, type AppContext } from '../_shared/http';
import { importPortsOf } from '../_shared/import-ports';

/** An import's progress while it runs, and its final report once complete. */
export const create = (ctx: AppContext) =>
  httpHandler(ctx, { fn: 'codification-imports-get', params: ImportParams, cacheControl: 'private, no-cache' }, async ({ params }) => {
    const job = await (await importPortsOf(ctx)).jobs.get(params.id);
    if (!job) throw notFound(`Import ${params.id}`, { id: params.id });
    return json(importView(job));
  });
