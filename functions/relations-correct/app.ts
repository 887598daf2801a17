import { reviewRelation } from '../../domain/services/history';
import { CorrectRelationRequest, ReviewItemParams } from '../../schemas/history';
import { httpHandler, json, type AppContext } from '../_shared/http';

/** A reviewer corrects a relation (type, other document, units, dates): the old one gives way to the corrected one. */
export const create = (ctx: AppContext) =>
  httpHandler(ctx, { fn: 'relations-correct', params: ReviewItemParams, body: CorrectRelationRequest }, async ({ params, body, ports, identity }) => {
    const result = await reviewRelation(ports, params.id, {
      action: 'correct',
      relationId: params.relationId,
      relation: body.relation,
      reason: body.reason,
      actor: identity?.subject ?? 'unknown',
    });
    ctx.logger.info('Relation corrected by a reviewer', { documentId: params.id, relationId: params.relationId, reviewer: identity?.subject });
    return json(result, result.created ? 201 : 200);
  });
