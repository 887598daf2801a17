import { resolveComment } from '../../domain/services/drafting';
import { CommentParams, ResolveCommentRequest } from '../../schemas/drafting';
import { actorOf } from '../_shared/actor';
import { httpHandler, json, type AppContext } from '../_shared/http';

/** The drafting team accepts (tiếp thu) or rejects a comment, with its explanation (giải trình). Once. */
export const create = (ctx: AppContext) =>
  httpHandler(ctx, { fn: 'comments-resolve', params: CommentParams, body: ResolveCommentRequest }, async ({ params, body, ports, identity }) => {
    const comment = await resolveComment(ports, actorOf(identity), params.id, body);
    ctx.logger.info('Comment resolved', { commentId: comment.id, status: comment.status, by: comment.resolvedBy });
    return json({ comment });
  });
