/** Every HTTP function's handler, built on a given AppContext: the local runtime serves them all in one process. */
import type { Context } from 'aws-lambda';
import { create as documentsCreate } from '../functions/documents-create/app';
import { create as documentsGet } from '../functions/documents-get/app';
import { create as documentsList } from '../functions/documents-list/app';
import { create as health } from '../functions/health/app';
import { create as openapi } from '../functions/openapi/app';
import { create as lint } from '../functions/lint/app';
import { create as search } from '../functions/search/app';
import { create as documentsStatus } from '../functions/documents-status/app';
import { create as documentsRelations } from '../functions/documents-relations/app';
import { create as documentsConsolidated } from '../functions/documents-consolidated/app';
import { create as documentsTimeline } from '../functions/documents-timeline/app';
import { create as documentsDiff } from '../functions/documents-diff/app';
import { create as statusCheck } from '../functions/status-check/app';
import { create as codificationTopics } from '../functions/codification-topics/app';
import { create as codificationHeading } from '../functions/codification-heading/app';
import { create as codificationArticle } from '../functions/codification-article/app';
import { create as codificationStale } from '../functions/codification-stale/app';
import { create as searchSuggest } from '../functions/search-suggest/app';
import { create as unitsGet } from '../functions/units-get/app';
import type { AppContext, HttpEvent, HttpResult } from '../functions/_shared/http';
import type { FunctionName } from '../functions/_shared/routes';

export type LocalHandler = (event: HttpEvent, context: Context) => Promise<HttpResult>;

const FACTORIES: Record<FunctionName, (ctx: AppContext) => LocalHandler> = {
  health,
  openapi,
  'documents-list': documentsList,
  'documents-get': documentsGet,
  'documents-create': documentsCreate,
  'units-get': unitsGet,
  lint,
  search,
  'search-suggest': searchSuggest,
  'documents-status': documentsStatus,
  'documents-relations': documentsRelations,
  'documents-consolidated': documentsConsolidated,
  'documents-timeline': documentsTimeline,
  'documents-diff': documentsDiff,
  'status-check': statusCheck,
  'codification-topics': codificationTopics,
  'codification-heading': codificationHeading,
  'codification-article': codificationArticle,
  'codification-stale': codificationStale,
};

export function buildHandlers(ctx: AppContext): Record<FunctionName, LocalHandler> {
  return Object.fromEntries(Object.entries(FACTORIES).map(([fn, make]) => [fn, make(ctx)])) as Record<FunctionName, LocalHandler>;
}
