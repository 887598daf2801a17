import { notFound } from '../../domain/errors';
import { headingAt } from '../../domain/services/codification';
import { HeadingParams, HeadingQuery } from '../../schemas/codification';
import { httpHandler, json, type AppContext } from '../_shared/http';

/** A đề mục with its structure and codified articles; with `at`, texts from the sources' consolidated versions. */
export const create = (ctx: AppContext) =>
  httpHandler(ctx, { fn: 'codification-heading', params: HeadingParams, query: HeadingQuery }, async ({ params, query, ports }) => {
    const h = await headingAt(ports, params.id, query.at ?? null);
    if (!h) throw notFound(`Đề mục ${params.id}`, { id: params.id });
    return json(h);
  });
