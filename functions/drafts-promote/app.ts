import { presentDocument } from '../_shared/present';
import { promoteDraft } from '../../domain/services/drafting';
import { DraftParams, PromoteRequest } from '../../schemas/drafting';
import { actorOf, replayedHeader } from '../_shared/actor';
import { httpHandler, json, type AppContext } from '../_shared/http';

/**
 * Promulgation by a reviewer, of a draft with an approving appraisal on record (409 appraisal-required otherwise): the
 * final version becomes the official work (number, dates, signer); the draft links to it. Resumable: the same request
 * again completes a promotion that failed halfway, or answers 200 with the same result once it is done.
 */
export const create = (ctx: AppContext) =>
  httpHandler(ctx, { fn: 'drafts-promote', params: DraftParams, body: PromoteRequest }, async ({ params, body, ports, identity }) => {
    const { version, ...rest } = body;
    const result = await promoteDraft(ports, actorOf(identity), params.id, { ...rest, ...(version !== undefined ? { version } : {}) });
    ctx.logger.info('Draft promulgated', { draftId: params.id, documentId: result.work.id, replayed: result.replayed });
    return json({ draft: result.draft, document: presentDocument(result.work), diagnostics: result.diagnostics }, result.replayed ? 200 : 201, {
      location: `/v1/documents/${encodeURIComponent(result.work.id)}`,
      ...replayedHeader(result.replayed),
    });
  });
