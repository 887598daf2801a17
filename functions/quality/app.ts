import { qualityReport } from '../../domain/services/quality';
import { QualityQuery } from '../../schemas/quality';
import { httpHandler, json, type AppContext } from '../_shared/http';

/**
 * The corpus quality report (issue 19): in total and per document, worst first — metadata missing, diagnostics,
 * citations that name no document, amendment effects not applied (with the reason), suspicious structure.
 *
 * Cost: one request reads every work of the store with its units and links (pages of 100, then per work its units,
 * outgoing and incoming links, and the cited works), and consolidates each amended work; `limit` only trims the list.
 * That is why the route is for reviewers only (schemas/routes.ts), runs with the longest HTTP timeout the gateway
 * allows (29 s, infra/function-specs.ts, like the other reads over the whole store: systematization,
 * codification-stale) and is never kept by a shared cache (`private`; CloudFront forwards reviewers' GETs uncached,
 * infra/stacks/web-stack.ts). The browser keeps it and revalidates it by its ETag (304 when nothing changed).
 */
export const create = (ctx: AppContext) =>
  httpHandler(ctx, { fn: 'quality', query: QualityQuery, cacheControl: 'private, no-cache' }, async ({ query, ports }) =>
    json(await qualityReport(ports, query.limit)),
  );
