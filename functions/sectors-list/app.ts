import { SECTORS } from '../../domain/sectors';
import { httpHandler, json, type AppContext } from '../_shared/http';

/** The sector catalogue: one sector per chủ đề of the Bộ pháp điển, with its đề mục. */
export const create = (ctx: AppContext) =>
  httpHandler(ctx, { fn: 'sectors-list' }, async () =>
    json({ source: 'Bộ pháp điển: 45 chủ đề and their đề mục (tree.json of the export; domain/sectors/catalogue.ts)', sectors: SECTORS }),
  );
