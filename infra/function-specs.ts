/**
 * One row per Lambda function: what it may touch and how big it is. Keyed by every name in FUNCTIONS and
 * BACKGROUND_FUNCTIONS (schemas/routes.ts), so adding a function there without a row here is a compile
 * error, and a row grants nothing that is not written in it.
 */
import type { BackgroundFunctionName, FunctionName } from '../schemas/routes';
import type { BundleAsset } from './bundling';
import type { BatchWriteKind, WriteKeyKind } from './constructs/access-grants';

export type CsdlFunctionName = FunctionName | BackgroundFunctionName;

export interface FunctionSpec {
  readonly description: string;
  readonly memoryMiB: number;
  /** HTTP-backed functions stay under API Gateway's 30 s integration limit. */
  readonly timeoutSeconds: number;
  /**
   * DynamoDB: `read` = Get/BatchGet/Query/ConditionCheck/Describe on the table and its GSIs; `readwrite` adds
   * Put/Update on the table. No function may DeleteItem (the history is append-only, docs/adr/0011).
   */
  readonly table?: 'read' | 'readwrite';
  /**
   * BatchWriteItem (which also deletes), only for the functions whose repository calls batch-write, and only on the
   * partition keys of those batches (`dynamodb:LeadingKeys`, BATCH_WRITE_KEY_PREFIXES in constructs/access-grants.ts).
   */
  readonly batchWrite?: readonly BatchWriteKind[];
  /** Put/UpdateItem only on these partitions (`dynamodb:LeadingKeys`, WRITE_KEY_PREFIXES in constructs/access-grants.ts). */
  readonly writeKeys?: WriteKeyKind;
  /** Originals bucket: `read` = GetObject + ListBucket (so a missing key is a 404, not a 403); `readwrite` adds PutObject under `originals/` only. */
  readonly bucket?: 'read' | 'readwrite' | 'bulk';
  /** OpenSearch, on indexes `<prefix>*` only: `read` = GET/HEAD/POST (search); `write` adds PUT/DELETE/PATCH and `_bulk`. */
  readonly search?: 'read' | 'write';
  /** Files the bundle carries beside its code (infra/bundling.ts BUNDLE_ASSETS). */
  readonly assets?: readonly BundleAsset[];
  /** Triggered by the table's stream (see StreamIndexing). */
  readonly tableStream?: boolean;
  /**
   * Invoked on a schedule (see DailyJob). The seam for the daily status sweep at 00:05 Asia/Ho_Chi_Minh: when its
   * function exists in BACKGROUND_FUNCTIONS, its row gets `schedule: 'daily-00:05-ICT'` and the stack wires it.
   * `every-minute`: the notifier of subscriptions (docs/adr/0022).
   */
  readonly schedule?: 'daily-00:05-ICT' | 'every-minute';
  /**
   * Its part in the serverless import of the Bộ pháp điển (CodificationImport, docs/adr/0010): `start` may send to
   * the split queue; `split` consumes it, lists/reads the import prefix and sends to the file queue; `work` consumes
   * the file queue and reads the import prefix; `status` only reads jobs. Grants on the bucket stay within the prefix.
   */
  readonly codificationImport?: 'start' | 'status' | 'split' | 'work';
  /**
   * Reserved concurrency: a ceiling for public functions whose work grows with what a stranger uploads, so a flood
   * cannot take the account's concurrency from the others. Reserving needs ≥ 100 unreserved in the account (new
   * accounts start at a lower limit: ask for the default 1000 first).
   */
  readonly reservedConcurrency?: number;
  /**
   * The stack a family of functions lives in when it is kept apart from the stateless stack (CloudFormation allows 500
   * resources per stack): `follow` = infra/stacks/follow-stack.ts (subscriptions and their notifier, issue 21).
   */
  readonly stack?: 'follow';
}

export const FUNCTION_SPECS: Record<CsdlFunctionName, FunctionSpec> = {
  health: { description: 'GET /health', memoryMiB: 256, timeoutSeconds: 5 },
  openapi: { description: 'GET /openapi.json', memoryMiB: 256, timeoutSeconds: 5 },
  // Browsing (filters, facets, the coming changes) reads the search index (issue 21); the plain list reads the table.
  'documents-list': {
    description: 'GET /v1/documents: list, find by number, or browse with filters and counts',
    memoryMiB: 512,
    timeoutSeconds: 10,
    table: 'read',
    search: 'read',
  },
  'documents-get': { description: 'GET /v1/documents/{id}', memoryMiB: 512, timeoutSeconds: 10, table: 'read', bucket: 'read' },
  'documents-create': {
    description: 'POST /v1/documents: store the original, parse, lint, write the work (editor)',
    memoryMiB: 1024,
    timeoutSeconds: 29,
    table: 'readwrite',
    batchWrite: ['units'],
    bucket: 'readwrite',
  },
  'units-get': { description: 'GET /v1/documents/{id}/units/{eId}', memoryMiB: 512, timeoutSeconds: 10, table: 'read' },
  lint: {
    description: 'POST /v1/lint: format findings for a draft (reads and writes nothing)',
    memoryMiB: 1024,
    timeoutSeconds: 29,
    // Public and parses whatever is uploaded: at most 5 at a time (more get 429 from Lambda, 5xx from the API).
    reservedConcurrency: 5,
  },
  search: { description: 'GET /v1/search', memoryMiB: 512, timeoutSeconds: 10, search: 'read' },
  answer: {
    description: 'GET /v1/answer: cited answers to a question at a date (units with their text and status at that date)',
    memoryMiB: 1024,
    timeoutSeconds: 15,
    table: 'read',
    search: 'read',
  },
  'documents-status': { description: 'GET /v1/documents/{id}/status: status at a date with reasons', memoryMiB: 512, timeoutSeconds: 10, table: 'read' },
  'documents-relations': { description: 'GET /v1/documents/{id}/relations: the relations diagram', memoryMiB: 512, timeoutSeconds: 10, table: 'read' },
  'documents-consolidated': {
    description: 'GET /v1/documents/{id}/consolidated: the text in force at a date (JSON, text, HTML, Word, PDF)',
    memoryMiB: 1024,
    timeoutSeconds: 20,
    table: 'read',
    // The PDF embeds DejaVu Serif (functions/_shared/print-fonts.ts).
    assets: ['print-fonts'],
  },
  'documents-timeline': { description: 'GET /v1/documents/{id}/timeline: dates the text changes', memoryMiB: 512, timeoutSeconds: 10, table: 'read' },
  'documents-diff': { description: 'GET /v1/documents/{id}/diff: word diff between two dates', memoryMiB: 1024, timeoutSeconds: 20, table: 'read' },
  'status-check': { description: 'POST /v1/status/check: status of cited documents', memoryMiB: 512, timeoutSeconds: 20, table: 'read' },
  'codification-topics': { description: 'GET /v1/codification: topics and headings', memoryMiB: 512, timeoutSeconds: 10, table: 'read' },
  'codification-heading': { description: 'GET /v1/codification/headings/{id}', memoryMiB: 1024, timeoutSeconds: 20, table: 'read' },
  'codification-article': { description: 'GET /v1/codification/articles/{code}', memoryMiB: 512, timeoutSeconds: 10, table: 'read' },
  'codification-stale': { description: 'GET /v1/codification/stale: the codifiers work list', memoryMiB: 1024, timeoutSeconds: 29, table: 'read' },
  'documents-history': { description: 'GET /v1/documents/{id}/history: the append-only history', memoryMiB: 512, timeoutSeconds: 10, table: 'read' },
  changes: { description: 'GET /v1/changes: the change feed (JSON or Atom)', memoryMiB: 512, timeoutSeconds: 10, table: 'read' },
  'documents-withdraw': {
    description: 'POST /v1/documents/{id}/withdraw: a reviewer withdraws a document ingested by mistake (reversible)',
    memoryMiB: 512,
    timeoutSeconds: 10,
    table: 'readwrite',
  },
  'documents-reinstate': {
    description: 'POST /v1/documents/{id}/reinstate: a reviewer reinstates a withdrawn document',
    memoryMiB: 512,
    timeoutSeconds: 10,
    table: 'readwrite',
  },
  'documents-source': {
    description: 'GET /v1/documents/{id}/sources/{n}: an original file as received (303 to a presigned S3 URL)',
    memoryMiB: 256,
    timeoutSeconds: 5,
    table: 'read',
    bucket: 'read',
  },
  bulk: {
    description: "GET /v1/bulk[/{name}]: the latest dump's files (303 to a presigned S3 URL)",
    memoryMiB: 256,
    timeoutSeconds: 5,
    bucket: 'read',
  },
  eli: { description: 'GET /eli/vn/{type}/{year}/{id}[/{date}]: an ELI-style name resolved (303)', memoryMiB: 256, timeoutSeconds: 5, table: 'read' },
  'relations-add': { description: 'POST /v1/documents/{id}/relations: a reviewer adds a relation', memoryMiB: 512, timeoutSeconds: 10, table: 'readwrite' },
  'relations-correct': {
    description: 'PATCH /v1/documents/{id}/relations/{relationId}: a reviewer corrects a relation',
    memoryMiB: 512,
    timeoutSeconds: 10,
    table: 'readwrite',
  },
  'relations-remove': {
    description: 'DELETE /v1/documents/{id}/relations/{relationId}: a reviewer removes a relation',
    memoryMiB: 512,
    timeoutSeconds: 10,
    table: 'readwrite',
  },
  'search-suggest': { description: 'GET /v1/search/suggest: numbers and titles as they are typed', memoryMiB: 512, timeoutSeconds: 10, search: 'read' },
  'status-sweep': {
    description: 'Daily 00:05 ICT: refresh stored statuses whose dates passed, then write the bulk dump',
    // The dump holds every document with its originals and the Bộ pháp điển in memory while it is compressed.
    memoryMiB: 2048,
    timeoutSeconds: 900,
    // Writes the history: a status that changes is an event.
    table: 'readwrite',
    // Reads the originals into the dump; writes the dump under bulk/ (and nothing else).
    bucket: 'bulk',
    search: 'write',
    schedule: 'daily-00:05-ICT',
  },
  'codification-imports-create': {
    description: 'POST /v1/codification/imports: record an import job and queue its split (reviewer)',
    memoryMiB: 512,
    timeoutSeconds: 10,
    table: 'readwrite',
    codificationImport: 'start',
  },
  systematization: {
    description: 'GET /v1/systematization: the systematization lists of an issuer or province at a date (JSON, CSV, HTML)',
    memoryMiB: 1024,
    timeoutSeconds: 29,
    table: 'read',
  },
  'sectors-list': { description: 'GET /v1/sectors: the sector catalogue (built in; reads nothing)', memoryMiB: 256, timeoutSeconds: 5 },
  'documents-sectors': { description: 'GET /v1/documents/{id}/sectors: confirmed sectors and suggestions', memoryMiB: 512, timeoutSeconds: 10, table: 'read' },
  'sectors-confirm': { description: 'PUT /v1/documents/{id}/sectors: a reviewer confirms sectors', memoryMiB: 512, timeoutSeconds: 10, table: 'readwrite' },
  // Reads every work with its units, links and codified articles (the table and its GSIs), and each original (the
  // bucket: what the instruction reader could not read is not stored): the longest HTTP timeout, as the other
  // whole-store reads (systematization, codification-stale).
  quality: {
    description: 'GET /v1/quality: the corpus quality report, worst documents first (reviewer; reads every work)',
    memoryMiB: 1024,
    timeoutSeconds: 29,
    table: 'read',
    bucket: 'read',
  },
  'codification-imports-get': {
    description: 'GET /v1/codification/imports/{id}: import progress and report',
    memoryMiB: 256,
    timeoutSeconds: 10,
    table: 'read',
    codificationImport: 'status',
  },
  // Drafting (docs/adr/0014): drafts live in the table, versions' originals in the bucket; promotion ingests (the
  // work, its units and the original; the stream indexes it). Nothing here touches the search index.
  'drafts-create': { description: 'POST /v1/drafts: a drafter opens a draft', memoryMiB: 256, timeoutSeconds: 10, table: 'readwrite' },
  'drafts-get': { description: 'GET /v1/drafts/{id}: a draft with versions, window, appraisals', memoryMiB: 512, timeoutSeconds: 10, table: 'read' },
  'drafts-versions-add': {
    description: 'POST /v1/drafts/{id}/versions: upload a version (parsed, linted; rejected with findings in strict mode)',
    memoryMiB: 1024,
    timeoutSeconds: 29,
    table: 'readwrite',
    batchWrite: ['units'],
    bucket: 'readwrite',
  },
  'drafts-diff': {
    description: 'GET /v1/drafts/{id}/diff: unit diff between versions, renumbering followed',
    memoryMiB: 1024,
    timeoutSeconds: 20,
    table: 'read',
  },
  'drafts-comments-add': { description: 'POST /v1/drafts/{id}/comments: a comment on a unit', memoryMiB: 512, timeoutSeconds: 10, table: 'readwrite' },
  'drafts-comments-list': {
    description: 'GET /v1/drafts/{id}/comments: the comment synthesis (JSON or CSV)',
    memoryMiB: 1024,
    timeoutSeconds: 20,
    table: 'read',
  },
  'comments-resolve': {
    description: 'PATCH /v1/comments/{id}: the drafting team accepts or rejects a comment',
    memoryMiB: 256,
    timeoutSeconds: 10,
    table: 'readwrite',
  },
  'drafts-consultation-set': {
    description: 'PUT /v1/drafts/{id}/consultation: the public consultation window',
    memoryMiB: 256,
    timeoutSeconds: 10,
    table: 'readwrite',
  },
  'drafts-appraisals-add': { description: 'POST /v1/drafts/{id}/appraisals: an appraisal opinion', memoryMiB: 512, timeoutSeconds: 10, table: 'readwrite' },
  'drafts-promote': {
    description: 'POST /v1/drafts/{id}/promote: the final version becomes the official work',
    memoryMiB: 1024,
    timeoutSeconds: 29,
    table: 'readwrite',
    batchWrite: ['units'],
    bucket: 'readwrite',
  },
  'checking-findings-add': {
    description: 'POST /v1/documents/{id}/checking-findings: a checking finding on a unit',
    memoryMiB: 512,
    timeoutSeconds: 10,
    table: 'readwrite',
  },
  'checking-findings-list': { description: 'GET /v1/documents/{id}/checking-findings', memoryMiB: 256, timeoutSeconds: 10, table: 'read' },
  'codification-import-split': {
    description: 'Import split queue -> one file message per đề mục of the uploaded export',
    memoryMiB: 512,
    timeoutSeconds: 120,
    table: 'readwrite',
    batchWrite: ['codificationTopics'],
    codificationImport: 'split',
  },
  'codification-import-worker': {
    description: 'Import file queue -> one đề mục imported (partial batch failures, DLQ)',
    memoryMiB: 1536,
    timeoutSeconds: 120,
    table: 'readwrite',
    batchWrite: ['codificationArticles'],
    search: 'write',
    codificationImport: 'work',
  },
  indexer: {
    description: 'DynamoDB stream -> OpenSearch (bulk, partial batch failures, DLQ)',
    memoryMiB: 1024,
    timeoutSeconds: 120,
    // Writes the links it reads from each document, and the history.
    table: 'readwrite',
    batchWrite: ['links'],
    bucket: 'read',
    search: 'write',
    tableStream: true,
  },
  // Following the law (issue 21, docs/adr/0022): the subscription items only, through the table grants of the row.
  'subscriptions-create': {
    stack: 'follow',
    description: 'POST /v1/subscriptions: follow a document, a unit, a sector or a search',
    memoryMiB: 512,
    timeoutSeconds: 10,
    table: 'readwrite',
    writeKeys: 'subscriptions',
  },
  'subscriptions-list': {
    stack: 'follow',
    description: "GET /v1/subscriptions: the caller's subscriptions",
    memoryMiB: 256,
    timeoutSeconds: 10,
    table: 'read',
  },
  'subscriptions-get': {
    stack: 'follow',
    description: 'GET /v1/subscriptions/{id}: a subscription and its deliveries',
    memoryMiB: 256,
    timeoutSeconds: 10,
    table: 'read',
  },
  'subscriptions-update': {
    stack: 'follow',
    description: 'PATCH /v1/subscriptions/{id}: cancel or resume',
    memoryMiB: 256,
    timeoutSeconds: 10,
    table: 'readwrite',
    writeKeys: 'subscriptions',
  },
  'subscriptions-replay': {
    stack: 'follow',
    description: 'POST /v1/subscriptions/{id}/deliveries/{deliveryId}/replay: send a delivery again',
    memoryMiB: 256,
    timeoutSeconds: 10,
    table: 'readwrite',
    writeKeys: 'subscriptions',
  },
  'subscriptions-feed': {
    stack: 'follow',
    description: "GET /v1/subscriptions/{id}/feed: a subscription's Atom feed",
    memoryMiB: 256,
    timeoutSeconds: 10,
    table: 'read',
  },
  mcp: {
    stack: 'follow',
    description: 'POST /mcp: the read-only tools for assistants (Model Context Protocol, streamable HTTP, stateless)',
    memoryMiB: 1024,
    timeoutSeconds: 29,
    // The tools read documents, units, links and codified articles, and search (search, answer).
    table: 'read',
    search: 'read',
  },
  notifier: {
    stack: 'follow',
    description: 'Every minute: the history since the last run becomes deliveries; due webhooks are sent, signed, with backoff',
    memoryMiB: 1024,
    // A run starts no POST after 50 s (functions/notifier RUN_BUDGET_MS), each bounded by 10 s: the next minute's run
    // resumes the rest. Shorter than the schedule's event age, so a throttled minute is dropped, not queued.
    timeoutSeconds: 90,
    // Reads the history, works, units and links (a unit's diff); writes deliveries and its cursor, nothing else.
    table: 'readwrite',
    writeKeys: 'subscriptions',
    // Sectors and saved searches are matched by the search index's own filters.
    search: 'read',
    schedule: 'every-minute',
    // One run at a time: the cursor and the deliveries have one writer.
    reservedConcurrency: 1,
  },
};
