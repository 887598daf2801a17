import { withdrawWork } from '../../domain/services/withdrawal';
import { WithdrawalParams, WithdrawalRequest } from '../../schemas/withdrawal';
import { httpHandler, json, type AppContext } from '../_shared/http';

/**
 * A reviewer withdraws a document ingested by mistake, with a reason (docs/adr/0011, amendment): kept in its history,
 * its relations and effects retracted, out of lists and search; reversible (documents-reinstate). Idempotent.
 */
export const create = (ctx: AppContext) =>
  httpHandler(ctx, { fn: 'documents-withdraw', params: WithdrawalParams, body: WithdrawalRequest }, async ({ params, body, ports, identity }) => {
    const result = await withdrawWork(ports, params.id, { actor: identity?.subject ?? 'unknown', reason: body.reason });
    ctx.logger.info('Document withdrawn by a reviewer', { documentId: result.documentId, reviewer: identity?.subject, changed: result.changed });
    return json(result, 200);
  });
