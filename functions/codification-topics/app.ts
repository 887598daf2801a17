import { httpHandler, json, type AppContext } from '../_shared/http';

/** The Bộ pháp điển: chủ đề (topics) with their đề mục (headings) and article counts. */
export const create = (ctx: AppContext) =>
  httpHandler(ctx, { fn: 'codification-topics' }, async ({ ports }) => json({ topics: await ports.codification.listTopics() }));
