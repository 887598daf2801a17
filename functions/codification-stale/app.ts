import { staleArticles } from '../../domain/services/codification';
import { vietnamDate } from '../../domain/dates';
import { httpHandler, json, type AppContext } from '../_shared/http';

/** The codifiers' work list: codified articles whose source article has changed since the codified text. */
export const create = (ctx: AppContext) =>
  httpHandler(ctx, { fn: 'codification-stale' }, async ({ ports }) => json(await staleArticles(ports, vietnamDate(ports.clock.now()))));
