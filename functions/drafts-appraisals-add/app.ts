import { addAppraisal } from '../../domain/services/drafting';
import { AddAppraisalRequest, DraftParams } from '../../schemas/drafting';
import { actorOf } from '../_shared/actor';
import { httpHandler, json, type AppContext } from '../_shared/http';

/** The appraisal body records its opinion (thẩm định) on a version, against units: who, when, what, outcome. */
export const create = (ctx: AppContext) =>
  httpHandler(ctx, { fn: 'drafts-appraisals-add', params: DraftParams, body: AddAppraisalRequest }, async ({ params, body, ports, identity }) => {
    const appraisal = await addAppraisal(ports, actorOf(identity), params.id, {
      eIds: body.eIds,
      body: body.body,
      opinion: body.opinion,
      outcome: body.outcome,
      ...(body.version !== undefined ? { version: body.version } : {}),
    });
    return json({ appraisal }, 201);
  });
