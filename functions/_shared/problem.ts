/**
 * problem+json (RFC 9457). One table maps stable error codes to HTTP status; the `type` is `/problems/<code>` and
 * never changes for a code.
 */
import type { ErrorCode } from '../../domain/errors';

export type ProblemCode =
  | ErrorCode
  | 'malformed_json'
  | 'unsupported_media_type'
  | 'route_not_found'
  | 'method_not_allowed'
  | 'uri_too_long'
  | 'request_timeout'
  | 'rate_limited'
  | 'internal';

export const PROBLEM_STATUS: Record<ProblemCode, number> = {
  validation: 400,
  malformed_json: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  route_not_found: 404,
  method_not_allowed: 405,
  gone: 410,
  request_timeout: 408,
  ambiguous_reference: 409,
  conflict: 409,
  appraisal_required: 409,
  payload_too_large: 413,
  uri_too_long: 414,
  unsupported_media_type: 415,
  unreadable_document: 422,
  lint_failed: 422,
  rate_limited: 429,
  internal: 500,
  dependency_unavailable: 503,
};

const TITLES: Record<ProblemCode, string> = {
  validation: 'The request is invalid',
  malformed_json: 'The request body is not valid JSON',
  unauthenticated: 'An identity is required',
  forbidden: 'Your identity lacks the role this needs',
  not_found: 'Not found',
  gone: 'The document was withdrawn',
  route_not_found: 'No such route',
  method_not_allowed: 'Method not allowed on this route',
  request_timeout: 'The request was not received in time',
  ambiguous_reference: 'The reference names several documents',
  conflict: 'Conflicting concurrent change',
  appraisal_required: 'The draft needs an approving appraisal (thẩm định) on record',
  payload_too_large: 'The request body is too large',
  uri_too_long: 'The request target (URL) or its headers are too long',
  unsupported_media_type: 'Unsupported content type',
  unreadable_document: 'The document cannot be read',
  lint_failed: 'The document fails the format rules (strict mode)',
  rate_limited: 'Too many requests',
  internal: 'Internal error',
  dependency_unavailable: 'A backing service is unavailable',
};

export const problemType = (code: ProblemCode) => `/problems/${code.replace(/_/g, '-')}`;

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  requestId?: string;
  [extra: string]: unknown;
}

export function problem(code: ProblemCode, detail?: string, extra: Record<string, unknown> = {}): ProblemBody {
  return { type: problemType(code), title: TITLES[code], status: PROBLEM_STATUS[code], ...(detail ? { detail } : {}), ...extra };
}

/** An error raised by the HTTP layer itself (not the domain): it already knows its problem code. */
export class HttpProblem extends Error {
  constructor(
    readonly code: ProblemCode,
    detail?: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail ?? TITLES[code]);
    this.name = 'HttpProblem';
  }
}

export function problemResponse(body: ProblemBody, headers: Record<string, string> = {}) {
  return {
    statusCode: body.status,
    headers: { 'content-type': 'application/problem+json', 'cache-control': 'no-store', ...headers },
    body: JSON.stringify(body),
  };
}
