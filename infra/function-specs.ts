/**
 * One row per Lambda function: what it may touch and how big it is. Keyed by every name in FUNCTIONS and
 * BACKGROUND_FUNCTIONS (functions/_shared/routes.ts), so adding a function there without a row here is a compile
 * error, and a row grants nothing that is not written in it.
 */
import type { BackgroundFunctionName, FunctionName } from '../functions/_shared/routes';

export type CsdlFunctionName = FunctionName | BackgroundFunctionName;

export interface FunctionSpec {
  readonly description: string;
  readonly memoryMiB: number;
  /** HTTP-backed functions stay under API Gateway's 30 s integration limit. */
  readonly timeoutSeconds: number;
  /** DynamoDB: `read` = Get/BatchGet/Query/ConditionCheck/Describe on the table and its GSIs; `readwrite` adds Put/Update/Delete/BatchWrite. */
  readonly table?: 'read' | 'readwrite';
  /** Originals bucket: `read` = GetObject + ListBucket (so a missing key is a 404, not a 403); `readwrite` adds PutObject. */
  readonly bucket?: 'read' | 'readwrite';
  /** OpenSearch, on indexes `<prefix>*` only: `read` = GET/HEAD/POST (search); `write` adds PUT/DELETE/PATCH and `_bulk`. */
  readonly search?: 'read' | 'write';
  /** Triggered by the table's stream (see StreamIndexing). */
  readonly tableStream?: boolean;
  /**
   * Invoked on a schedule (see DailyJob). The seam for the daily status sweep at 00:05 Asia/Ho_Chi_Minh: when its
   * function exists in BACKGROUND_FUNCTIONS, its row gets `schedule: 'daily-00:05-ICT'` and the stack wires it.
   */
  readonly schedule?: 'daily-00:05-ICT';
}

export const FUNCTION_SPECS: Record<CsdlFunctionName, FunctionSpec> = {
  health: { description: 'GET /health', memoryMiB: 256, timeoutSeconds: 5 },
  openapi: { description: 'GET /openapi.json', memoryMiB: 256, timeoutSeconds: 5 },
  'documents-list': { description: 'GET /v1/documents', memoryMiB: 512, timeoutSeconds: 10, table: 'read' },
  'documents-get': { description: 'GET /v1/documents/{id}', memoryMiB: 512, timeoutSeconds: 10, table: 'read', bucket: 'read' },
  'documents-create': {
    description: 'POST /v1/documents: store the original, parse, lint, write the work (editor)',
    memoryMiB: 1024,
    timeoutSeconds: 29,
    table: 'readwrite',
    bucket: 'readwrite',
  },
  'units-get': { description: 'GET /v1/documents/{id}/units/{eId}', memoryMiB: 512, timeoutSeconds: 10, table: 'read' },
  lint: { description: 'POST /v1/lint: format findings for a draft (reads and writes nothing)', memoryMiB: 1024, timeoutSeconds: 29 },
  search: { description: 'GET /v1/search', memoryMiB: 512, timeoutSeconds: 10, search: 'read' },
  'documents-status': { description: 'GET /v1/documents/{id}/status: status at a date with reasons', memoryMiB: 512, timeoutSeconds: 10, table: 'read' },
  'documents-relations': { description: 'GET /v1/documents/{id}/relations: the relations diagram', memoryMiB: 512, timeoutSeconds: 10, table: 'read' },
  'documents-consolidated': {
    description: 'GET /v1/documents/{id}/consolidated: the text in force at a date',
    memoryMiB: 1024,
    timeoutSeconds: 20,
    table: 'read',
  },
  'documents-timeline': { description: 'GET /v1/documents/{id}/timeline: dates the text changes', memoryMiB: 512, timeoutSeconds: 10, table: 'read' },
  'documents-diff': { description: 'GET /v1/documents/{id}/diff: word diff between two dates', memoryMiB: 1024, timeoutSeconds: 20, table: 'read' },
  'status-check': { description: 'POST /v1/status/check: status of cited documents', memoryMiB: 512, timeoutSeconds: 20, table: 'read' },
  'codification-topics': { description: 'GET /v1/codification: topics and headings', memoryMiB: 512, timeoutSeconds: 10, table: 'read' },
  'codification-heading': { description: 'GET /v1/codification/headings/{id}', memoryMiB: 1024, timeoutSeconds: 20, table: 'read' },
  'codification-article': { description: 'GET /v1/codification/articles/{code}', memoryMiB: 512, timeoutSeconds: 10, table: 'read' },
  'codification-stale': { description: 'GET /v1/codification/stale: the codifiers work list', memoryMiB: 1024, timeoutSeconds: 29, table: 'read' },
  'search-suggest': { description: 'GET /v1/search/suggest: numbers and titles as they are typed', memoryMiB: 512, timeoutSeconds: 10, search: 'read' },
  'status-sweep': {
    description: 'Daily 00:05 ICT: refresh stored statuses whose dates passed',
    memoryMiB: 1024,
    timeoutSeconds: 300,
    table: 'read',
    bucket: 'read',
    search: 'write',
    schedule: 'daily-00:05-ICT',
  },
  indexer: {
    description: 'DynamoDB stream -> OpenSearch (bulk, partial batch failures, DLQ)',
    memoryMiB: 1024,
    timeoutSeconds: 120,
    table: 'read',
    bucket: 'read',
    search: 'write',
    tableStream: true,
  },
};
