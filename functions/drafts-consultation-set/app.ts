import { setConsultationWindow } from '../../domain/services/drafting';
import { DraftParams, SetWindowRequest } from '../../schemas/drafting';
import { actorOf } from '../_shared/actor';
import { httpHandler, json, type AppContext } from '../_shared/http';

/** The drafting team opens (or closes: `null`) the public consultation window: inclusive dates in Vietnam. */
export const create = (ctx: AppContext) =>
  httpHandler(ctx, { fn: 'drafts-consultation-set', params: DraftParams, body: SetWindowRequest }, async ({ params, body, ports, identity }) =>
    json({ draft: await setConsultationWindow(ports, actorOf(identity), params.id, body.window) }),
  );
