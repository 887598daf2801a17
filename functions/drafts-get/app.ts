import { draftView } from '../../domain/services/drafting';
import { DraftParams, DraftVersionQuery } from '../../schemas/drafting';
import { httpHandler, json, type AppContext } from '../_shared/http';

/** A draft with its versions (and their lint findings), consultation window, appraisals and the units of one version. */
export const create = (ctx: AppContext) =>
  httpHandler(ctx, { fn: 'drafts-get', params: DraftParams, query: DraftVersionQuery, cacheControl: 'no-cache' }, async ({ params, query, ports }) =>
    json(await draftView(ports, params.id, query.version)),
  );
