import { diffVersions } from '../../domain/services/drafting';
import { DraftDiffQuery, DraftParams } from '../../schemas/drafting';
import { httpHandler, json, type AppContext } from '../_shared/http';

/** Unit-level diff between two versions, following renumbered units (default: the two newest accepted versions). */
export const create = (ctx: AppContext) =>
  httpHandler(ctx, { fn: 'drafts-diff', params: DraftParams, query: DraftDiffQuery }, async ({ params, query, ports }) =>
    json(await diffVersions(ports, params.id, query.from, query.to)),
  );
