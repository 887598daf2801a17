import { httpHandler, json, type AppContext } from '../_shared/http';
import { APP_VERSION } from '../_shared/config';

export const create = (ctx: AppContext) =>
  httpHandler(ctx, { fn: 'health', cacheControl: 'no-store' }, async () =>
    json({ status: 'ok', version: APP_VERSION, store: ctx.storeName, time: new Date().toISOString() }),
  );
