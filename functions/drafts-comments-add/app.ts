import { addComment } from '../../domain/services/drafting';
import { AddCommentRequest, DraftParams } from '../../schemas/drafting';
import { actorOf } from '../_shared/actor';
import { httpHandler, json, type AppContext } from '../_shared/http';

/**
 * A comment (góp ý) on a unit of a version, or a reply in its thread. The drafting, appraisal and review teams
 * comment at any time while it is a draft; other commenters only inside the public consultation window (409 outside).
 */
export const create = (ctx: AppContext) =>
  httpHandler(ctx, { fn: 'drafts-comments-add', params: DraftParams, body: AddCommentRequest }, async ({ params, body, ports, identity }) => {
    const comment = await addComment(ports, actorOf(identity), params.id, {
      text: body.text,
      ...(body.version !== undefined ? { version: body.version } : {}),
      ...(body.eId !== undefined ? { eId: body.eId } : {}),
      ...(body.parentId !== undefined ? { parentId: body.parentId } : {}),
    });
    return json({ comment }, 201, { location: `/v1/comments/${comment.id}` });
  });
