/** The OpenAPI 3.1 document, generated from the route table and the zod schemas (JSON Schema 2020-12). */
import * as z from 'zod/mini';
import { type FunctionName, ROUTES } from '../functions/_shared/routes';
import { DocumentWithUnits, Health, Problem } from './common';
import {
  CreateDocumentRequest,
  CreateDocumentResponse,
  DocumentIdParams,
  ListDocumentsQuery,
  LintRequest,
  LintResponse,
  ListDocumentsResponse,
  UnitParams,
  UnitResponse,
} from './documents';
import { SearchQuery, SearchResponse, SuggestQuery, SuggestResponse } from './search';
import { ArticleParams, ArticleResponse, HeadingParams, HeadingQuery, HeadingResponse, StaleResponse, TopicsResponse } from './codification';
import {
  ConsolidatedQuery,
  ConsolidatedResponse,
  DiffQuery,
  DiffResponse,
  DocumentParams,
  RelationsResponse,
  StatusCheckRequest,
  StatusCheckResponse,
  StatusQuery,
  StatusResponse,
  TimelineResponse,
} from './status';

type Schema = z.core.$ZodType;

interface Operation {
  summary: string;
  tags: string[];
  params?: z.ZodMiniObject;
  query?: z.ZodMiniObject;
  body?: Schema;
  /** Success status → schema (null: not JSON). */
  responses: Record<number, Schema | null>;
  /** Extra error statuses this operation can answer besides 400/500. */
  errors?: number[];
  /** Other media types the 200 answer can take on request (`format=text`), with a JSON Schema of the body. */
  alternates?: Record<string, Record<string, unknown>>;
  cached?: boolean;
}

export const OPERATIONS: Record<FunctionName, Operation> = {
  health: { summary: 'Liveness and the store in use', tags: ['platform'], responses: { 200: Health } },
  openapi: { summary: 'This document', tags: ['platform'], responses: { 200: null } },
  'documents-list': {
    summary: 'List documents (cursor pagination), or find them by number',
    tags: ['documents'],
    query: ListDocumentsQuery,
    responses: { 200: ListDocumentsResponse },
    cached: true,
  },
  'documents-create': {
    summary: 'Ingest a document file (editor)',
    tags: ['documents'],
    body: CreateDocumentRequest,
    responses: { 200: CreateDocumentResponse, 201: CreateDocumentResponse },
    errors: [401, 403, 409, 413, 415, 422],
  },
  'documents-get': {
    summary: 'One document by id or official number, with its units',
    tags: ['documents'],
    params: DocumentIdParams,
    responses: { 200: DocumentWithUnits },
    errors: [404, 409],
    cached: true,
  },
  'units-get': {
    summary: 'One unit of a document (Điều 5, khoản 2, ...) with its path and children',
    tags: ['documents'],
    params: UnitParams,
    responses: { 200: UnitResponse },
    errors: [404, 409],
    cached: true,
  },
  lint: {
    summary: 'Check a draft or a document against the format rules (thể thức): findings by line',
    tags: ['drafting'],
    body: LintRequest,
    responses: { 200: LintResponse },
    errors: [413, 415, 422],
  },
  search: {
    summary: 'Full-text search, with or without diacritics',
    tags: ['search'],
    query: SearchQuery,
    responses: { 200: SearchResponse },
    cached: true,
  },
  'documents-status': {
    summary: 'Validity status of a document, or one of its units, at a date, with reasons (which document, unit, date)',
    tags: ['status'],
    params: DocumentParams,
    query: StatusQuery,
    responses: { 200: StatusResponse },
    errors: [404, 409],
    cached: true,
  },
  'documents-relations': {
    summary: 'Relations with other documents (lược đồ), both directions, grouped by type',
    tags: ['status'],
    params: DocumentParams,
    responses: { 200: RelationsResponse },
    errors: [404, 409],
    cached: true,
  },
  'documents-consolidated': {
    summary: 'The text in force at a date (hợp nhất): JSON tree, plain text or HTML with VBHN-style notes; unapplied effects listed',
    tags: ['consolidation'],
    params: DocumentParams,
    query: ConsolidatedQuery,
    responses: { 200: ConsolidatedResponse },
    alternates: { 'text/plain': { type: 'string' }, 'text/html': { type: 'string' } },
    errors: [404, 409],
    cached: true,
  },
  'documents-timeline': {
    summary: 'The dates on which the text changes, with the effects of each',
    tags: ['consolidation'],
    params: DocumentParams,
    responses: { 200: TimelineResponse },
    errors: [404, 409],
    cached: true,
  },
  'documents-diff': {
    summary: 'Units whose text differs between two dates, with a word diff',
    tags: ['consolidation'],
    params: DocumentParams,
    query: DiffQuery,
    responses: { 200: DiffResponse },
    errors: [404, 409],
    cached: true,
  },
  'status-check': {
    summary: 'Status at a date of every document a list of citations or a draft’s căn cứ block names',
    tags: ['status'],
    body: StatusCheckRequest,
    responses: { 200: StatusCheckResponse },
    errors: [413, 415],
  },
  'codification-topics': {
    summary: 'The Bộ pháp điển: chủ đề and their đề mục',
    tags: ['codification'],
    responses: { 200: TopicsResponse },
    cached: true,
  },
  'codification-heading': {
    summary: 'One đề mục: structure and codified articles (texts from the sources’ consolidated versions with `at`)',
    tags: ['codification'],
    params: HeadingParams,
    query: HeadingQuery,
    responses: { 200: HeadingResponse },
    errors: [404],
    cached: true,
  },
  'codification-article': {
    summary: 'A codified article by its code',
    tags: ['codification'],
    params: ArticleParams,
    responses: { 200: ArticleResponse },
    errors: [404],
    cached: true,
  },
  'codification-stale': {
    summary: 'Codified articles whose source article has a newer version than the codified text',
    tags: ['codification'],
    responses: { 200: StaleResponse },
    cached: true,
  },
  'search-suggest': {
    summary: 'Autocomplete: documents whose number or title starts with what was typed',
    tags: ['search'],
    query: SuggestQuery,
    responses: { 200: SuggestResponse },
    cached: true,
  },
};

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  304: 'Not modified (ETag matched)',
  400: 'Invalid request',
  401: 'No or invalid identity',
  403: 'Identity lacks the role',
  404: 'Not found',
  409: 'Conflict or ambiguous reference',
  413: 'Body too large',
  414: 'Request target (URL) too long',
  415: 'Unsupported content type',
  422: 'Unprocessable document',
  429: 'Too many requests',
  500: 'Internal error',
};

/** Shared definitions (recursive schemas such as Unit) hoisted into components.schemas while building. */
let sharedDefs: Record<string, unknown> = {};

/** JSON Schema of a zod schema, its `$defs` moved to `components.schemas` and its `$ref`s pointed there. */
function jsonSchema(schema: Schema, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _drop, $defs, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  for (const [name, def] of Object.entries(($defs as Record<string, unknown> | undefined) ?? {})) sharedDefs[name] = repoint(def);
  return repoint(rest) as Record<string, unknown>;
}

function repoint(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(repoint);
  if (node && typeof node === 'object')
    return Object.fromEntries(
      Object.entries(node).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' ? v.replace('#/$defs/', '#/components/schemas/') : repoint(v)]),
    );
  return node;
}

function parameters(obj: z.ZodMiniObject | undefined, where: 'path' | 'query') {
  if (!obj) return [];
  const js = jsonSchema(obj, 'input') as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(js.properties ?? {}).map(([name, schema]) => ({
    name,
    in: where,
    required: where === 'path' || (js.required ?? []).includes(name),
    schema,
  }));
}

export function buildOpenApi(version: string): Record<string, unknown> {
  sharedDefs = {};
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of ROUTES) {
    const op = OPERATIONS[route.fn];
    const responses: Record<string, unknown> = {};
    for (const [status, schema] of Object.entries(op.responses)) {
      responses[status] = {
        description: STATUS_TEXT[Number(status)] ?? 'OK',
        content: {
          ...(schema ? { 'application/json': { schema: jsonSchema(schema, 'output') } } : { 'application/json': {} }),
          ...(status === '200' ? Object.fromEntries(Object.entries(op.alternates ?? {}).map(([type, s]) => [type, { schema: s }])) : {}),
        },
        ...(op.cached ? { headers: { ETag: { schema: { type: 'string' } }, 'Cache-Control': { schema: { type: 'string' } } } } : {}),
      };
    }
    if (op.cached) responses['304'] = { description: STATUS_TEXT[304] };
    for (const status of [400, ...(op.errors ?? []), ...(route.access === 'public' ? [] : [401, 403]), 414, 429, 500]) {
      responses[String(status)] ??= {
        description: STATUS_TEXT[status] ?? 'Error',
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
      };
    }
    paths[route.path] ??= {};
    (paths[route.path] as Record<string, unknown>)[route.method.toLowerCase()] = {
      operationId: route.fn.replace(/-(\w)/g, (_, c: string) => c.toUpperCase()),
      summary: op.summary,
      tags: op.tags,
      parameters: [...parameters(op.params, 'path'), ...parameters(op.query, 'query')],
      ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(op.body, 'input') } } } } : {}),
      ...(route.access === 'public' ? { security: [] } : { security: [{ bearer: [] }], 'x-required-role': route.access }),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'CSDLQG pháp luật API',
      version,
      description:
        'Cơ sở dữ liệu quốc gia về pháp luật: legal normative documents of Viet Nam, their units, status and the Bộ pháp điển. Errors are application/problem+json with a stable `type`.',
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas: { Problem: jsonSchema(Problem, 'output'), ...sharedDefs },
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    },
  };
}
