import { addComment } from '../../domain/services/drafting';
import { AddCommentRequest, DraftParams } from '../../schemas/drafting';
import { actorOf, idempotencyKeyOf, replayedHeader } from '../_shared/actor';
import { httpHandler, json, type AppContext } from '../_shared/http';

/**
 * A comment (góp ý) on a unit of a version, or a reply in its thread. The drafting, appraisal and review teams
 * comment at any time while it is a draft; other commenters only inside the public consultation window (409 outside).
 * Idempotent (issue 22): a repeat with the same `Idempotency-Key`, or without one the same text on the same unit by
 * the same person, answers 200 with the comment stored first.
 */
export const create = (ctx: AppContext) =>
  httpHandler(ctx, { fn: 'drafts-comments-add', params: DraftParams, body: AddCommentRequest }, async ({ params, body, ports, identity, headers }) => {
    const key = idempotencyKeyOf(headers);
    const { value: comment, replayed } = await addComment(ports, actorOf(identity), params.id, {
      text: body.text,
      ...(body.version !== undefined ? { version: body.version } : {}),
      ...(body.eId !== undefined ? { eId: body.eId } : {}),
      ...(body.parentId !== undefined ? { parentId: body.parentId } : {}),
      ...(key !== undefined ? { idempotencyKey: key } : {}),
    });
    return json({ comment }, replayed ? 200 : 201, { location: `/v1/comments/${comment.id}`, ...replayedHeader(replayed) });
  });
