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
import { create as codificationImportsCreate } from '../functions/codification-imports-create/app';
import { create as codificationImportsGet } from '../functions/codification-imports-get/app';
import { create as searchSuggest } from '../functions/search-suggest/app';
import { create as answer } from '../functions/answer/app';
import { create as unitsGet } from '../functions/units-get/app';
import { create as documentsHistory } from '../functions/documents-history/app';
import { create as changes } from '../functions/changes/app';
import { create as relationsAdd } from '../functions/relations-add/app';
import { create as documentsWithdraw } from '../functions/documents-withdraw/app';
import { create as documentsReinstate } from '../functions/documents-reinstate/app';
import { create as documentsSource } from '../functions/documents-source/app';
import { create as eli } from '../functions/eli/app';
import { create as bulk } from '../functions/bulk/app';
import { create as relationsCorrect } from '../functions/relations-correct/app';
import { create as relationsRemove } from '../functions/relations-remove/app';
import { create as systematization } from '../functions/systematization/app';
import { create as sectorsList } from '../functions/sectors-list/app';
import { create as documentsSectors } from '../functions/documents-sectors/app';
import { create as sectorsConfirm } from '../functions/sectors-confirm/app';
import { create as quality } from '../functions/quality/app';
import { create as draftsCreate } from '../functions/drafts-create/app';
import { create as draftsGet } from '../functions/drafts-get/app';
import { create as draftsVersionsAdd } from '../functions/drafts-versions-add/app';
import { create as draftsDiff } from '../functions/drafts-diff/app';
import { create as draftsCommentsAdd } from '../functions/drafts-comments-add/app';
import { create as draftsCommentsList } from '../functions/drafts-comments-list/app';
import { create as commentsResolve } from '../functions/comments-resolve/app';
import { create as draftsConsultationSet } from '../functions/drafts-consultation-set/app';
import { create as draftsAppraisalsAdd } from '../functions/drafts-appraisals-add/app';
import { create as draftsPromote } from '../functions/drafts-promote/app';
import { create as checkingFindingsAdd } from '../functions/checking-findings-add/app';
import { create as checkingFindingsList } from '../functions/checking-findings-list/app';
import { create as subscriptionsCreate } from '../functions/subscriptions-create/app';
import { create as subscriptionsList } from '../functions/subscriptions-list/app';
import { create as subscriptionsGet } from '../functions/subscriptions-get/app';
import { create as subscriptionsUpdate } from '../functions/subscriptions-update/app';
import { create as subscriptionsReplay } from '../functions/subscriptions-replay/app';
import { create as subscriptionsFeed } from '../functions/subscriptions-feed/app';
import { create as mcp } from '../functions/mcp/app';
import { localPublicBaseUrl } from '../functions/_shared/config';
import type { AppContext, HttpEvent, HttpResult } from '../functions/_shared/http';
import type { FunctionName } from '../schemas/routes';

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
  answer,
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
  'documents-history': documentsHistory,
  changes,
  'relations-add': relationsAdd,
  'relations-correct': relationsCorrect,
  'relations-remove': relationsRemove,
  'codification-imports-create': codificationImportsCreate,
  'codification-imports-get': codificationImportsGet,
  'drafts-create': draftsCreate,
  'drafts-get': draftsGet,
  'drafts-versions-add': draftsVersionsAdd,
  'drafts-diff': draftsDiff,
  'drafts-comments-add': draftsCommentsAdd,
  'drafts-comments-list': draftsCommentsList,
  'comments-resolve': commentsResolve,
  'drafts-consultation-set': draftsConsultationSet,
  'drafts-appraisals-add': draftsAppraisalsAdd,
  'drafts-promote': draftsPromote,
  'checking-findings-add': checkingFindingsAdd,
  'checking-findings-list': checkingFindingsList,
  systematization,
  'sectors-list': sectorsList,
  'documents-sectors': documentsSectors,
  'sectors-confirm': sectorsConfirm,
  quality,
  'documents-withdraw': documentsWithdraw,
  'documents-reinstate': documentsReinstate,
  'documents-source': documentsSource,
  eli,
  bulk,
  'subscriptions-create': subscriptionsCreate,
  'subscriptions-list': subscriptionsList,
  'subscriptions-get': subscriptionsGet,
  'subscriptions-update': subscriptionsUpdate,
  'subscriptions-replay': subscriptionsReplay,
  'subscriptions-feed': subscriptionsFeed,
  mcp,
};

/**
 * The handlers share `ctx` itself (not a copy): its `publicBaseUrl`, when not given, is the local default
 * (PUBLIC_BASE_URL, or http://127.0.0.1:PORT), and a server started on port 0 may set it once it knows the port.
 */
export function buildHandlers(ctx: AppContext): Record<FunctionName, LocalHandler> {
  ctx.publicBaseUrl ??= localPublicBaseUrl(process.env);
  return Object.fromEntries(Object.entries(FACTORIES).map(([fn, make]) => [fn, make(ctx)])) as Record<FunctionName, LocalHandler>;
}
