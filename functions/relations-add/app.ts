import { reviewRelation } from '../../domain/services/history';
import { AddRelationRequest, ReviewParams } from '../../schemas/history';
import { httpHandler, json, type AppContext } from '../_shared/http';

/** A reviewer adds a relation the text does not state (or states where the extractor cannot read it). */
export const create = (ctx: AppContext) =>
  httpHandler(ctx, { fn: 'relations-add', params: ReviewParams, body: AddRelationRequest }, async ({ params, body, ports, identity }) => {
    const result = await reviewRelation(ports, params.id, {
      action: 'add',
      relation: body.relation,
      reason: body.reason,
      actor: identity?.subject ?? 'unknown',
    });
    ctx.logger.info('Relation added by a reviewer', { documentId: params.id, holder: result.holder, reviewer: identity?.subject, created: result.created });
    return json(result, result.created ? 201 : 200);
  });
