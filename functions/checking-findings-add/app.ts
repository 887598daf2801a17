import { addCheckingFinding } from '../../domain/services/drafting';
import { AddFindingRequest, FindingsParams } from '../../schemas/drafting';
import { actorOf } from '../_shared/actor';
import { httpHandler, json, type AppContext } from '../_shared/http';

/** A checking body's finding (kiểm tra văn bản) on a unit of a promulgated document, and the handling decided. */
export const create = (ctx: AppContext) =>
  httpHandler(ctx, { fn: 'checking-findings-add', params: FindingsParams, body: AddFindingRequest }, async ({ params, body, ports, identity }) => {
    const finding = await addCheckingFinding(ports, actorOf(identity), params.id, body);
    ctx.logger.info('Checking finding recorded', { documentId: finding.workId, eId: finding.eId, handling: finding.handling });
    return json({ finding }, 201);
  });
