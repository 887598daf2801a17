import { createDraft } from '../../domain/services/drafting';
import { CreateDraftRequest } from '../../schemas/drafting';
import { actorOf } from '../_shared/actor';
import { httpHandler, json, type AppContext } from '../_shared/http';

/** A drafter opens a draft (dự thảo): title, drafting agency, the drafting team (the creator and those listed). */
export const create = (ctx: AppContext) =>
  httpHandler(ctx, { fn: 'drafts-create', body: CreateDraftRequest }, async ({ body, ports, identity }) => {
    const draft = await createDraft(ports, actorOf(identity), body);
    ctx.logger.info('Draft created', { draftId: draft.id, by: draft.createdBy });
    return json({ draft }, 201, { location: `/v1/drafts/${draft.id}` });
  });
