import { vietnamDate } from '../../domain/dates';
import { checkCitations } from '../../domain/services/status';
import { StatusCheckRequest } from '../../schemas/status';
import { httpHandler, json, type AppContext } from '../_shared/http';

/** Status of every document a list of citations (or a draft's căn cứ block) names, at a date. */
export const create = (ctx: AppContext) =>
  httpHandler(ctx, { fn: 'status-check', body: StatusCheckRequest }, async ({ body, ports }) => {
    const at = body.at ?? vietnamDate(ports.clock.now());
    return json(await checkCitations(ports, body.text, at));
  });
