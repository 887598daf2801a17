import { buildOpenApi } from '../../schemas/openapi';
import { APP_VERSION } from '../_shared/config';
import { httpHandler, json, type AppContext } from '../_shared/http';

export const create = (ctx: AppContext) => {
  const document = JSON.stringify(buildOpenApi(APP_VERSION));
  return httpHandler(ctx, { fn: 'openapi', cacheControl: 'public, max-age=300' }, async () => json(document));
};
