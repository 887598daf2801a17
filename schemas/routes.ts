/**
 * The one table of HTTP routes. The CDK app builds API Gateway routes and Lambda functions from it, the local
 * runtime dispatches requests with it, and the OpenAPI document lists it. A route's `fn` is the folder under
 * functions/ whose handler.ts serves it.
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Who may call a route: `public` needs no identity; the others need a JWT whose groups include a role granted it
 * (functions/_shared/http.ts ROLE_GRANTS, docs/adr/0006): editors ingest documents; reviewers review (and may edit);
 * drafters run drafts; appraisers record appraisal and checking findings; commenters comment on drafts. `identified`
 * needs a valid token and no role: any signed-in person (following the law, issue 21).
 */
export type Access = 'public' | 'identified' | 'editor' | 'reviewer' | 'drafter' | 'appraiser' | 'commenter';

export interface RouteDef {
  method: HttpMethod;
  /** API Gateway path syntax: `/v1/documents/{id}`. */
  path: string;
  fn: FunctionName;
  access: Access;
  /** Largest accepted request body in bytes (413 above it). */
  maxBodyBytes?: number;
  /** The OpenAPI operationId when a function serves more than one route (default: the function's name in camelCase). */
  operationId?: string;
}

export const FUNCTIONS = [
  'health',
  'openapi',
  'documents-list',
  'documents-get',
  'documents-create',
  'units-get',
  'lint',
  'search',
  'search-suggest',
  'answer',
  'documents-status',
  'documents-relations',
  'documents-consolidated',
  'documents-timeline',
  'documents-diff',
  'status-check',
  'codification-topics',
  'codification-heading',
  'codification-article',
  'codification-stale',
  'documents-history',
  'changes',
  'relations-add',
  'relations-correct',
  'relations-remove',
  'codification-imports-create',
  'codification-imports-get',
  // Drafting (docs/adr/0014).
  'drafts-create',
  'drafts-get',
  'drafts-versions-add',
  'drafts-diff',
  'drafts-comments-add',
  'drafts-comments-list',
  'comments-resolve',
  'drafts-consultation-set',
  'drafts-appraisals-add',
  'drafts-promote',
  'checking-findings-add',
  'checking-findings-list',
  // Sectors and systematization (issue #10, docs/adr/0013).
  'systematization',
  'sectors-list',
  'documents-sectors',
  'sectors-confirm',
  // The corpus quality report (issue #19).
  'quality',
  // Withdrawing a document ingested by mistake, and reinstating it (issue #22).
  'documents-withdraw',
  'documents-reinstate',
  // Open data (issue #20): the originals as received, ELI-style names.
  'documents-source',
  'eli',
  'bulk',
  // Following the law (issue 21, docs/adr/0022): subscriptions, webhooks, per-subscription feeds.
  'subscriptions-create',
  'subscriptions-list',
  'subscriptions-get',
  'subscriptions-update',
  'subscriptions-replay',
  'subscriptions-feed',
  // Tools for assistants (issue 21): the MCP server on the API.
  'mcp',
] as const;
export type FunctionName = (typeof FUNCTIONS)[number];

/** Functions that are not behind HTTP: invoked by streams, queues or schedules. */
export const BACKGROUND_FUNCTIONS = ['indexer', 'status-sweep', 'codification-import-split', 'codification-import-worker', 'notifier'] as const;
export type BackgroundFunctionName = (typeof BACKGROUND_FUNCTIONS)[number];

export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;

export const ROUTES: readonly RouteDef[] = [
  { method: 'GET', path: '/health', fn: 'health', access: 'public' },
  { method: 'GET', path: '/openapi.json', fn: 'openapi', access: 'public' },
  { method: 'GET', path: '/v1/documents', fn: 'documents-list', access: 'public' },
  { method: 'POST', path: '/v1/documents', fn: 'documents-create', access: 'editor', maxBodyBytes: MAX_DOCUMENT_BYTES },
  { method: 'GET', path: '/v1/documents/{id}', fn: 'documents-get', access: 'public' },
  { method: 'GET', path: '/v1/documents/{id}/units/{eId}', fn: 'units-get', access: 'public' },
  { method: 'POST', path: '/v1/lint', fn: 'lint', access: 'public', maxBodyBytes: MAX_DOCUMENT_BYTES },
  { method: 'GET', path: '/v1/search', fn: 'search', access: 'public' },
  { method: 'GET', path: '/v1/search/suggest', fn: 'search-suggest', access: 'public' },
  { method: 'GET', path: '/v1/answer', fn: 'answer', access: 'public' },
  { method: 'GET', path: '/v1/documents/{id}/status', fn: 'documents-status', access: 'public' },
  { method: 'GET', path: '/v1/documents/{id}/relations', fn: 'documents-relations', access: 'public' },
  { method: 'GET', path: '/v1/documents/{id}/consolidated', fn: 'documents-consolidated', access: 'public' },
  { method: 'GET', path: '/v1/documents/{id}/timeline', fn: 'documents-timeline', access: 'public' },
  { method: 'GET', path: '/v1/documents/{id}/diff', fn: 'documents-diff', access: 'public' },
  { method: 'POST', path: '/v1/status/check', fn: 'status-check', access: 'public', maxBodyBytes: 256 * 1024 },
  { method: 'GET', path: '/v1/codification', fn: 'codification-topics', access: 'public' },
  { method: 'GET', path: '/v1/codification/headings/{id}', fn: 'codification-heading', access: 'public' },
  { method: 'GET', path: '/v1/codification/articles/{code}', fn: 'codification-article', access: 'public' },
  { method: 'GET', path: '/v1/codification/stale', fn: 'codification-stale', access: 'public' },
  { method: 'GET', path: '/v1/documents/{id}/history', fn: 'documents-history', access: 'public' },
  { method: 'GET', path: '/v1/changes', fn: 'changes', access: 'public' },
  { method: 'POST', path: '/v1/documents/{id}/relations', fn: 'relations-add', access: 'reviewer', maxBodyBytes: 16 * 1024 },
  { method: 'POST', path: '/v1/documents/{id}/withdraw', fn: 'documents-withdraw', access: 'reviewer', maxBodyBytes: 16 * 1024 },
  { method: 'POST', path: '/v1/documents/{id}/reinstate', fn: 'documents-reinstate', access: 'reviewer', maxBodyBytes: 16 * 1024 },
  { method: 'PATCH', path: '/v1/documents/{id}/relations/{relationId}', fn: 'relations-correct', access: 'reviewer', maxBodyBytes: 16 * 1024 },
  { method: 'DELETE', path: '/v1/documents/{id}/relations/{relationId}', fn: 'relations-remove', access: 'reviewer', maxBodyBytes: 16 * 1024 },
  // Importing the Bộ pháp điển replaces codified texts: reviewers (the codification role), not editors (docs/adr/0010).
  { method: 'POST', path: '/v1/codification/imports', fn: 'codification-imports-create', access: 'reviewer', maxBodyBytes: 1024 },
  { method: 'GET', path: '/v1/codification/imports/{id}', fn: 'codification-imports-get', access: 'reviewer' },
  // Drafting (docs/adr/0014): drafters run drafts, commenters comment (in the window), appraisers appraise and check.
  { method: 'POST', path: '/v1/drafts', fn: 'drafts-create', access: 'drafter', maxBodyBytes: 16 * 1024 },
  { method: 'GET', path: '/v1/drafts/{id}', fn: 'drafts-get', access: 'public' },
  { method: 'POST', path: '/v1/drafts/{id}/versions', fn: 'drafts-versions-add', access: 'drafter', maxBodyBytes: MAX_DOCUMENT_BYTES },
  { method: 'GET', path: '/v1/drafts/{id}/diff', fn: 'drafts-diff', access: 'public' },
  { method: 'POST', path: '/v1/drafts/{id}/comments', fn: 'drafts-comments-add', access: 'commenter', maxBodyBytes: 64 * 1024 },
  { method: 'GET', path: '/v1/drafts/{id}/comments', fn: 'drafts-comments-list', access: 'public' },
  { method: 'PATCH', path: '/v1/comments/{id}', fn: 'comments-resolve', access: 'drafter', maxBodyBytes: 64 * 1024 },
  { method: 'PUT', path: '/v1/drafts/{id}/consultation', fn: 'drafts-consultation-set', access: 'drafter', maxBodyBytes: 1024 },
  { method: 'POST', path: '/v1/drafts/{id}/appraisals', fn: 'drafts-appraisals-add', access: 'appraiser', maxBodyBytes: 256 * 1024 },
  { method: 'POST', path: '/v1/drafts/{id}/promote', fn: 'drafts-promote', access: 'reviewer', maxBodyBytes: 4 * 1024 },
  { method: 'POST', path: '/v1/documents/{id}/checking-findings', fn: 'checking-findings-add', access: 'appraiser', maxBodyBytes: 256 * 1024 },
  { method: 'GET', path: '/v1/documents/{id}/checking-findings', fn: 'checking-findings-list', access: 'public' },
  // Sectors and systematization (docs/adr/0013): anyone reads; reviewers confirm a document's sectors.
  { method: 'GET', path: '/v1/systematization', fn: 'systematization', access: 'public' },
  { method: 'GET', path: '/v1/sectors', fn: 'sectors-list', access: 'public' },
  { method: 'GET', path: '/v1/documents/{id}/sectors', fn: 'documents-sectors', access: 'public' },
  { method: 'PUT', path: '/v1/documents/{id}/sectors', fn: 'sectors-confirm', access: 'reviewer', maxBodyBytes: 16 * 1024 },
  // The corpus quality report reads every document: reviewers only (functions/quality/app.ts).
  { method: 'GET', path: '/v1/quality', fn: 'quality', access: 'reviewer' },
  // Open data (issue #20): an original file as received; ELI-style names resolved to the document or its version.
  { method: 'GET', path: '/v1/documents/{id}/sources/{n}', fn: 'documents-source', access: 'public' },
  { method: 'GET', path: '/eli/vn/{type}/{year}/{id}', fn: 'eli', access: 'public' },
  { method: 'GET', path: '/eli/vn/{type}/{year}/{id}/{date}', fn: 'eli', access: 'public', operationId: 'eliAt' },
  { method: 'GET', path: '/v1/bulk', fn: 'bulk', access: 'public' },
  { method: 'GET', path: '/v1/bulk/{name}', fn: 'bulk', access: 'public', operationId: 'bulkFile' },
  // Following the law (issue 21): any signed-in person follows documents, units, sectors and searches; the feed's
  // key is the subscription's unguessable id, so a feed reader needs no token.
  { method: 'POST', path: '/v1/subscriptions', fn: 'subscriptions-create', access: 'identified', maxBodyBytes: 8 * 1024 },
  { method: 'GET', path: '/v1/subscriptions', fn: 'subscriptions-list', access: 'identified' },
  { method: 'GET', path: '/v1/subscriptions/{id}', fn: 'subscriptions-get', access: 'identified' },
  { method: 'PATCH', path: '/v1/subscriptions/{id}', fn: 'subscriptions-update', access: 'identified', maxBodyBytes: 1024 },
  { method: 'POST', path: '/v1/subscriptions/{id}/deliveries/{deliveryId}/replay', fn: 'subscriptions-replay', access: 'identified', maxBodyBytes: 1024 },
  { method: 'GET', path: '/v1/subscriptions/{id}/feed', fn: 'subscriptions-feed', access: 'public' },
  // Tools for assistants (issue 21): Model Context Protocol, streamable HTTP, stateless, read only.
  { method: 'POST', path: '/mcp', fn: 'mcp', access: 'public', maxBodyBytes: 64 * 1024 },
];
