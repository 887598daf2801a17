import { reviewRelation } from '../../domain/services/history';
import { RemoveRelationRequest, ReviewItemParams } from '../../schemas/history';
import { httpHandler, json, type AppContext } from '../_shared/http';

/** A reviewer removes a relation read wrongly from a text; the removal (who, when, why) stays in the history. */
export const create = (ctx: AppContext) =>
  httpHandler(ctx, { fn: 'relations-remove', params: ReviewItemParams, body: RemoveRelationRequest }, async ({ params, body, ports, identity }) => {
    const result = await reviewRelation(ports, params.id, {
      action: 'remove',
      relationId: params.relationId,
      reason: body.reason,
      actor: identity?.subject ?? 'unknown',
    });
    ctx.logger.info('Relation removed by a reviewer', { documentId: params.id, relationId: params.relationId, reviewer: identity?.subject });
    return json(result, result.created ? 201 : 200);
  });
