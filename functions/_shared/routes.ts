/**
 * The one table of HTTP routes. The CDK app builds API Gateway routes and Lambda functions from it, the local
 * runtime dispatches requests with it, and the OpenAPI document lists it. A route's `fn` is the folder under
 * functions/ whose handler.ts serves it.
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Who may call a route: `public` needs no identity; the others need a JWT whose groups include one of them. */
export type Access = 'public' | 'editor' | 'reviewer';

export interface RouteDef {
  method: HttpMethod;
  /** API Gateway path syntax: `/v1/documents/{id}`. */
  path: string;
  fn: FunctionName;
  access: Access;
  /** Largest accepted request body in bytes (413 above it). */
  maxBodyBytes?: number;
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
] as const;
export type FunctionName = (typeof FUNCTIONS)[number];

/** Functions that are not behind HTTP: invoked by streams, queues or schedules. */
export const BACKGROUND_FUNCTIONS = ['indexer', 'status-sweep'] as const;
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
];
