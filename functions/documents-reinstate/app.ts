import { reinstateWork } from '../../domain/services/withdrawal';
import { WithdrawalParams, WithdrawalRequest } from '../../schemas/withdrawal';
import { httpHandler, json, type AppContext } from '../_shared/http';

/** A reviewer reinstates a withdrawn document, with a reason: everything the withdrawal retracted comes back. Idempotent. */
export const create = (ctx: AppContext) =>
  httpHandler(ctx, { fn: 'documents-reinstate', params: WithdrawalParams, body: WithdrawalRequest }, async ({ params, body, ports, identity }) => {
    const result = await reinstateWork(ports, params.id, { actor: identity?.subject ?? 'unknown', reason: body.reason });
    ctx.logger.info('Document reinstated by a reviewer', { documentId: result.documentId, reviewer: identity?.subject, changed: result.changed });
    return json(result, 200);
  });
