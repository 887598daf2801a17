import { checkingFindings } from '../../domain/services/drafting';
import { FindingsParams } from '../../schemas/drafting';
import { httpHandler, json, type AppContext } from '../_shared/http';

/** The checking findings of a document, published with it: who, when, which unit, what, the handling. */
export const create = (ctx: AppContext) =>
  httpHandler(ctx, { fn: 'checking-findings-list', params: FindingsParams }, async ({ params, ports }) => json(await checkingFindings(ports, params.id)));
