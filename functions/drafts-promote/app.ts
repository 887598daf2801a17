import { presentDocument } from '../_shared/present';
import { promoteDraft } from '../../domain/services/drafting';
import { DraftParams, PromoteRequest } from '../../schemas/drafting';
import { actorOf } from '../_shared/actor';
import { httpHandler, json, type AppContext } from '../_shared/http';

/** Promulgation: the final version becomes the official work (number, dates, signer); the draft links to it. */
export const create = (ctx: AppContext) =>
  httpHandler(ctx, { fn: 'drafts-promote', params: DraftParams, body: PromoteRequest }, async ({ params, body, ports, identity }) => {
    const { version, ...rest } = body;
    const result = await promoteDraft(ports, actorOf(identity), params.id, { ...rest, ...(version !== undefined ? { version } : {}) });
    ctx.logger.info('Draft promulgated', { draftId: params.id, documentId: result.work.id });
    return json({ draft: result.draft, document: presentDocument(result.work), diagnostics: result.diagnostics }, 201, {
      location: `/v1/documents/${encodeURIComponent(result.work.id)}`,
    });
  });
