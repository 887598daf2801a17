/** The OpenAPI 3.1 document, generated from the route table and the zod schemas (JSON Schema 2020-12). */
import * as z from 'zod/mini';
import { type FunctionName, ROUTES } from './routes';
import { Appraisal, DocumentWithUnits, Health, Problem } from './common';
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
  BulkListResponse,
  DocumentQuery,
  BulkParams,
  EliParams,
  Redirect,
  SourceParams,
} from './documents';
import {
  AddRelationRequest,
  ChangesQuery,
  ChangesResponse,
  CorrectRelationRequest,
  HistoryParams,
  HistoryQuery,
  HistoryResponse,
  RemoveRelationRequest,
  ReviewItemParams,
  ReviewParams,
  ReviewResponse,
} from './history';
import { AnswerQuery, AnswerResponse, SearchQuery, SearchResponse, SuggestQuery, SuggestResponse } from './search';
import { ArticleParams, ArticleResponse, HeadingParams, HeadingQuery, HeadingResponse, StaleResponse, TopicsResponse } from './codification';
import { CreateImportRequest, ImportParams, ImportResponse } from './codification-imports';
import { QualityQuery, QualityResponse } from './quality';
import { WithdrawalParams, WithdrawalRequest, WithdrawalResponse } from './withdrawal';
import {
  CreateSubscriptionRequest,
  CreateSubscriptionResponse,
  DeliveryParams,
  ReplayResponse,
  SubscriptionDetailResponse,
  SubscriptionFeedQuery,
  SubscriptionFeedResponse,
  SubscriptionListResponse,
  SubscriptionParams,
  SubscriptionQuery,
  SubscriptionResponse,
  UpdateSubscriptionRequest,
} from './subscriptions';
import {
  AddAppraisalRequest,
  AddCommentRequest,
  AddFindingRequest,
  AddVersionRequest,
  CheckingFinding,
  Comment,
  CommentParams,
  CommentsQuery,
  CreateDraftRequest,
  Draft,
  DraftDiffQuery,
  DraftDiffResponse,
  DraftParams,
  DraftResponse,
  DraftVersionQuery,
  FindingsParams,
  FindingsResponse,
  PromoteRequest,
  PromoteResponse,
  ResolveCommentRequest,
  SetWindowRequest,
  SynthesisResponse,
  VersionResponse,
} from './drafting';
import {
  ConfirmSectorsRequest,
  DocumentSectorsResponse,
  SectorParams,
  SectorsResponse,
  SystematizationQuery,
  SystematizationResponse,
} from './systematization';
import {
  ConsolidatedQuery,
  ConsolidatedResponse,
  DiffQuery,
  DiffResponse,
  DocumentParams,
  RelationsQuery,
  RelationsResponse,
  StatusCheckRequest,
  StatusCheckResponse,
  StatusQuery,
  StatusResponse,
  TimelineQuery,
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
    summary:
      'List documents (cursor pagination), find them by number, or browse without a query: the search filters (issuer, sector, province, year, status, inForceAt, effective and expiry windows) with facet counts (facets=true) and sort=date|effective|expiry',
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
    summary: 'One document by id or official number, with its units; format=akn: Akoma Ntoso 3.0 XML (with at: as in force on that date)',
    tags: ['documents'],
    params: DocumentIdParams,
    query: DocumentQuery,
    alternates: { 'application/akn+xml': { type: 'string', contentMediaType: 'application/akn+xml' } },
    responses: { 200: DocumentWithUnits },
    // 410: withdrawn by a reviewer; the problem carries `withdrawn` (who, when, why; docs/adr/0011, amendment).
    errors: [404, 409, 410],
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
  answer: {
    summary: 'Cited answers to a question in Vietnamese, as the law stood on a date: units with their text, status and ground, or no answer',
    tags: ['search'],
    query: AnswerQuery,
    responses: { 200: AnswerResponse },
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
    summary: 'Relations with other documents (lược đồ), both directions, grouped by type; `asRecordedAt` for an earlier moment',
    tags: ['status'],
    params: DocumentParams,
    query: RelationsQuery,
    responses: { 200: RelationsResponse },
    errors: [404, 409],
    cached: true,
  },
  'documents-consolidated': {
    summary:
      "The text in force at a date (hợp nhất): JSON tree, plain text or HTML with VBHN-style notes, or Word (docx) and PDF set out like a VBHN with the notes as footnotes; units no longer in force marked, the document's validity said above it, amendments whose text is missing listed; unapplied effects listed",
    tags: ['consolidation'],
    params: DocumentParams,
    query: ConsolidatedQuery,
    responses: { 200: ConsolidatedResponse },
    alternates: {
      'text/plain': { type: 'string' },
      'text/html': { type: 'string' },
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
        type: 'string',
        contentMediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      },
      'application/pdf': { type: 'string', contentMediaType: 'application/pdf' },
    },
    errors: [404, 409],
    cached: true,
  },
  'documents-timeline': {
    summary: 'Every date on which the text or the validity changes, and by what (effects, status, units, known amendments not in the database)',
    tags: ['consolidation'],
    params: DocumentParams,
    query: TimelineQuery,
    responses: { 200: TimelineResponse },
    errors: [404, 409],
    cached: true,
  },
  'documents-diff': {
    summary: 'Units whose text or validity differs between two dates, with a word diff, and the validity at both dates',
    tags: ['consolidation'],
    params: DocumentParams,
    query: DiffQuery,
    responses: { 200: DiffResponse },
    errors: [404, 409],
    cached: true,
  },
  'documents-history': {
    summary: 'The append-only history of a document: its versions, relations, reviewers’ edits and statuses (who, what, when, why)',
    tags: ['status'],
    params: HistoryParams,
    query: HistoryQuery,
    responses: { 200: HistoryResponse },
    errors: [404, 409],
    cached: true,
  },
  changes: {
    summary: 'The change feed: every event recorded after a cursor, in order, resumable; `format=atom` for an Atom feed',
    tags: ['status'],
    query: ChangesQuery,
    responses: { 200: ChangesResponse },
    alternates: { 'application/atom+xml': { type: 'string' } },
  },
  'documents-withdraw': {
    summary:
      'A reviewer withdraws a document ingested by mistake, with a reason: kept in its history, its relations and effects retracted, out of lists and search (GET answers 410); reversible',
    tags: ['status'],
    params: WithdrawalParams,
    body: WithdrawalRequest,
    responses: { 200: WithdrawalResponse },
    errors: [401, 403, 404, 409, 413, 415],
  },
  'documents-reinstate': {
    summary: 'A reviewer reinstates a withdrawn document, with a reason: what the withdrawal retracted comes back',
    tags: ['status'],
    params: WithdrawalParams,
    body: WithdrawalRequest,
    responses: { 200: WithdrawalResponse },
    errors: [401, 403, 404, 409, 413, 415],
  },
  'documents-source': {
    summary:
      'An original file of the document as received (n from 1, in the order of `sources`): its bytes, media type, file name and sha256 (Repr-Digest); on AWS a 303 to a short-lived download URL',
    tags: ['open data'],
    params: SourceParams,
    responses: { 200: null, 303: Redirect },
    alternates: Object.fromEntries(
      ['text/plain', 'text/markdown', 'text/html', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'].map((t) => [
        t,
        { type: 'string', contentMediaType: t },
      ]),
    ),
    errors: [404, 409, 410],
    cached: true,
  },
  eli: {
    summary: 'An ELI-style name (/eli/vn/{type}/{year}/{id}) resolved: 303 to the document (a browser: its page)',
    tags: ['open data'],
    params: EliParams,
    responses: { 303: Redirect },
    errors: [404, 410],
  },
  bulk: {
    summary:
      'Bulk download: the files of the latest dump (JSON Lines, gzip: every document with its units, relations, validity and originals; the Bộ pháp điển; the changes since the previous dump) with size and sha256; by name, the file itself (on AWS a 303 to a short-lived URL)',
    tags: ['open data'],
    params: BulkParams,
    responses: { 200: BulkListResponse, 303: Redirect },
    alternates: {
      'application/gzip': { type: 'string', contentMediaType: 'application/gzip' },
      'application/zip': { type: 'string', contentMediaType: 'application/zip' },
    },
    errors: [404],
    cached: true,
  },
  'subscriptions-create': {
    summary:
      'Follow a document, a unit (eId), a sector or a saved search: each change is POSTed to the webhook, signed (X-Csdl-Signature: t=,v1= HMAC-SHA256 of "t.body"), and kept in the subscription\'s Atom feed. The secret is in this answer only',
    tags: ['following'],
    body: CreateSubscriptionRequest,
    responses: { 201: CreateSubscriptionResponse },
    errors: [401, 404, 409, 410, 413, 415],
  },
  'subscriptions-list': {
    summary: 'Your subscriptions, cancelled ones included (never their secrets)',
    tags: ['following'],
    responses: { 200: SubscriptionListResponse },
    errors: [401],
  },
  'subscriptions-get': {
    summary: 'One of your subscriptions with its deliveries, newest first (state, attempts, last error)',
    tags: ['following'],
    params: SubscriptionParams,
    query: SubscriptionQuery,
    responses: { 200: SubscriptionDetailResponse },
    errors: [401, 404],
  },
  'subscriptions-update': {
    summary: 'Cancel a subscription (kept, no longer matched) or resume a paused one (what it held is sent)',
    tags: ['following'],
    params: SubscriptionParams,
    body: UpdateSubscriptionRequest,
    responses: { 200: SubscriptionResponse },
    errors: [401, 404, 410, 413, 415],
  },
  'subscriptions-replay': {
    summary: 'Send one delivery again, now (receivers deduplicate by X-Csdl-Delivery)',
    tags: ['following'],
    params: DeliveryParams,
    responses: { 202: ReplayResponse },
    errors: [401, 404, 410],
  },
  mcp: {
    summary:
      'Tools for assistants: the Model Context Protocol (streamable HTTP, stateless, JSON answers) with read-only tools — search, cited answers at a date, a unit at a date, status with its grounds, relations, diff',
    tags: ['following'],
    body: z.record(z.string(), z.unknown()),
    responses: { 200: z.unknown(), 202: null },
    errors: [413, 415],
  },
  'subscriptions-feed': {
    summary: "A subscription's own Atom feed (its unguessable id is the key): each change it was told of, newest first; format=json for JSON",
    tags: ['following'],
    params: SubscriptionParams,
    query: SubscriptionFeedQuery,
    responses: { 200: SubscriptionFeedResponse },
    alternates: { 'application/atom+xml': { type: 'string' } },
    errors: [404],
  },

  'relations-add': {
    summary: 'A reviewer adds a relation to a document (who, when, why are kept)',
    tags: ['status'],
    params: ReviewParams,
    body: AddRelationRequest,
    responses: { 200: ReviewResponse, 201: ReviewResponse },
    errors: [401, 403, 404, 409, 413, 415],
  },
  'relations-correct': {
    summary: 'A reviewer corrects a relation of a document (by its id)',
    tags: ['status'],
    params: ReviewItemParams,
    body: CorrectRelationRequest,
    responses: { 200: ReviewResponse, 201: ReviewResponse },
    errors: [401, 403, 404, 409, 413, 415],
  },
  'relations-remove': {
    summary: 'A reviewer removes a relation of a document (by its id); the removal stays in the history',
    tags: ['status'],
    params: ReviewItemParams,
    body: RemoveRelationRequest,
    responses: { 200: ReviewResponse, 201: ReviewResponse },
    errors: [401, 403, 404, 409, 413, 415],
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
  'codification-imports-create': {
    summary: 'Import a Bộ pháp điển export uploaded under imports/phapdien/{importId}/ (reviewer; split and processed in parallel)',
    tags: ['codification'],
    body: CreateImportRequest,
    responses: { 202: ImportResponse },
    errors: [409, 413, 415],
  },
  systematization: {
    summary: 'Systematization (hệ thống hóa) of an issuer or a province at a date: the official lists, each status with its ground; CSV or HTML',
    tags: ['status'],
    query: SystematizationQuery,
    responses: { 200: SystematizationResponse },
    alternates: { 'text/csv': { type: 'string' }, 'text/html': { type: 'string' } },
    cached: true,
  },
  'sectors-list': {
    summary: 'The sector (lĩnh vực) catalogue: the chủ đề of the Bộ pháp điển with their đề mục',
    tags: ['sectors'],
    responses: { 200: SectorsResponse },
    cached: true,
  },
  'documents-sectors': {
    summary: 'A document’s sectors: confirmed by a reviewer (who, when, why), and suggestions with their evidence',
    tags: ['sectors'],
    params: SectorParams,
    responses: { 200: DocumentSectorsResponse },
    errors: [404, 409],
    cached: true,
  },
  'sectors-confirm': {
    summary: 'A reviewer confirms a document’s sectors (catalogue codes, with a reason)',
    tags: ['sectors'],
    params: SectorParams,
    body: ConfirmSectorsRequest,
    responses: { 200: DocumentSectorsResponse },
    errors: [401, 403, 404, 409, 413, 415],
  },
  quality: {
    summary:
      'The corpus quality report (reviewer): in total and per document, worst first — metadata missing, diagnostics, citations naming no document, amendment effects not applied with the reason, numbering gaps and very long units. Reads every document: private, never cached by a shared cache',
    tags: ['quality'],
    query: QualityQuery,
    responses: { 200: QualityResponse },
    cached: true,
  },
  'codification-imports-get': {
    summary: 'Progress of an import, and its final report once complete (reviewer)',
    tags: ['codification'],
    params: ImportParams,
    responses: { 200: ImportResponse },
    errors: [404],
  },
  'drafts-create': {
    summary: 'Open a draft (drafter): title, drafting agency, drafting team, optional consultation window',
    tags: ['drafting'],
    body: CreateDraftRequest,
    responses: { 201: z.object({ draft: Draft }) },
    errors: [401, 403, 413, 415],
  },
  'drafts-get': {
    summary: 'A draft: versions with their lint findings, consultation window, appraisals, the units of a version',
    tags: ['drafting'],
    params: DraftParams,
    query: DraftVersionQuery,
    responses: { 200: DraftResponse },
    errors: [404],
  },
  'drafts-versions-add': {
    summary:
      'Upload a version (drafting team): parsed and linted; strict lint errors store it as rejected with its findings; a repeat (Idempotency-Key, or the same file) answers 200 with the first',
    tags: ['drafting'],
    params: DraftParams,
    body: AddVersionRequest,
    responses: { 200: VersionResponse, 201: VersionResponse },
    errors: [401, 403, 404, 409, 413, 415, 422],
  },
  'drafts-diff': {
    summary: 'Unit-level diff between two versions; renumbered units are followed by content',
    tags: ['drafting'],
    params: DraftParams,
    query: DraftDiffQuery,
    responses: { 200: DraftDiffResponse },
    errors: [404],
  },
  'drafts-comments-add': {
    summary:
      'Comment on a unit of a version, or reply (commenter; the public only inside the consultation window: 409 outside); a repeat (Idempotency-Key, or the same text) answers 200 with the first',
    tags: ['drafting'],
    params: DraftParams,
    body: AddCommentRequest,
    responses: { 200: z.object({ comment: Comment }), 201: z.object({ comment: Comment }) },
    errors: [401, 403, 404, 409, 413, 415],
  },
  'drafts-comments-list': {
    summary: 'Bảng tổng hợp ý kiến: comments per unit of the newest version (carried over), orphaned ones apart; JSON or CSV',
    tags: ['drafting'],
    params: DraftParams,
    query: CommentsQuery,
    responses: { 200: SynthesisResponse },
    errors: [404],
    alternates: { 'text/csv': { type: 'string' } },
  },
  'comments-resolve': {
    summary: 'Accept or reject a comment with an explanation (the drafting team; once)',
    tags: ['drafting'],
    params: CommentParams,
    body: ResolveCommentRequest,
    responses: { 200: z.object({ comment: Comment }) },
    errors: [401, 403, 404, 409, 413, 415],
  },
  'drafts-consultation-set': {
    summary: 'Set (or clear) the public consultation window: inclusive dates in Vietnam (drafting team)',
    tags: ['drafting'],
    params: DraftParams,
    body: SetWindowRequest,
    responses: { 200: z.object({ draft: Draft }) },
    errors: [401, 403, 404, 409, 413, 415],
  },
  'drafts-appraisals-add': {
    summary: 'Record an appraisal opinion (thẩm định) on a version, against units (appraiser)',
    tags: ['drafting'],
    params: DraftParams,
    body: AddAppraisalRequest,
    responses: { 201: z.object({ appraisal: Appraisal }) },
    errors: [401, 403, 404, 409, 413, 415],
  },
  'drafts-promote': {
    summary:
      'Promulgate an appraised draft: the final version becomes the official document (number, dates, signer) (reviewer; the same request again completes or repeats it)',
    tags: ['drafting'],
    params: DraftParams,
    body: PromoteRequest,
    responses: { 200: PromoteResponse, 201: PromoteResponse },
    errors: [401, 403, 404, 409, 413, 415],
  },
  'checking-findings-add': {
    summary: 'Record a checking finding (kiểm tra văn bản) on a unit of a document, and its handling (appraiser)',
    tags: ['drafting'],
    params: FindingsParams,
    body: AddFindingRequest,
    responses: { 201: z.object({ finding: CheckingFinding }) },
    errors: [401, 403, 404, 413, 415],
  },
  'checking-findings-list': {
    summary: 'The checking findings of a document: who, when, which unit, what, the handling',
    tags: ['drafting'],
    params: FindingsParams,
    responses: { 200: FindingsResponse },
    errors: [404],
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
  202: 'Accepted (work queued)',
  303: 'See other: the resource is at Location',
  304: 'Not modified (ETag matched)',
  400: 'Invalid request',
  401: 'No or invalid identity',
  403: 'Identity lacks the role',
  404: 'Not found',
  409: 'Conflict or ambiguous reference',
  410: 'Gone: the document was withdrawn (the problem says who withdrew it, when and why)',
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
      operationId: route.operationId ?? route.fn.replace(/-(\w)/g, (_, c: string) => c.toUpperCase()),
      summary: op.summary,
      tags: op.tags,
      // A function serving two routes (the ELI with and without a date) has the parameters of both: each route lists its own.
      parameters: [...parameters(op.params, 'path').filter((p) => route.path.includes(`{${p.name}}`)), ...parameters(op.query, 'query')],
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
