/**
 * The middy stack every HTTP handler shares: request limits and JSON parsing, identity and role checks, zod
 * validation, problem+json errors, ETag/Cache-Control on reads. Handlers stay thin: validate → domain → respond.
 */
import middy from '@middy/core';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { createHash } from 'node:crypto';
import type * as z from 'zod/mini';
import { isDomainError } from '../../domain/errors';
import type { ImportPorts, Ports } from '../../domain/ports';
import { HttpProblem, problem, problemResponse, type ProblemCode } from './problem';
import { type Access, type FunctionName, ROUTES } from '../../schemas/routes';

export type HttpEvent = APIGatewayProxyEventV2 & {
  requestContext: APIGatewayProxyEventV2['requestContext'] & {
    authorizer?: { jwt?: { claims?: Record<string, string | number | boolean | string[]>; scopes?: string[] } };
  };
};
export type HttpResult = APIGatewayProxyStructuredResultV2;

export interface Identity {
  subject: string;
  roles: string[];
}

/** What every handler is built with: the ports (created lazily, once per container) and a logger. */
export interface AppContext {
  ports(): Promise<Ports>;
  logger: Logger;
  storeName: string;
  /** The import job store, uploaded files and queues (docs/adr/0010); only the codification import functions use it. */
  imports?: () => Promise<ImportPorts>;
  /**
   * The API's public base URL (no trailing slash) for absolute links, from configuration (PUBLIC_BASE_URL; locally
   * http://127.0.0.1:PORT), never from the request's Host header. Absent: links are relative.
   */
  publicBaseUrl?: string;
}

export interface ParsedRequest<Q, P, B> {
  query: Q;
  params: P;
  body: B;
  identity: Identity | null;
  requestId: string;
  headers: Record<string, string | undefined>;
  ports: Ports;
}

export interface JsonReply {
  status?: number;
  body: unknown;
  headers?: Record<string, string>;
}

interface HandlerSpec<Q, P, B> {
  fn: FunctionName;
  query?: z.ZodMiniType<Q>;
  params?: z.ZodMiniType<P>;
  body?: z.ZodMiniType<B>;
  /** Cache-Control for successful GETs; an ETag is always sent with them. */
  cacheControl?: string;
}

const DEFAULT_CACHE = 'public, max-age=60, stale-while-revalidate=300';

/** Groups from a Cognito (or local development) JWT: `cognito:groups` as an array or a bracketed/space list. */
export function identityFrom(event: HttpEvent): Identity | null {
  const claims = event.requestContext.authorizer?.jwt?.claims;
  if (!claims || typeof claims.sub !== 'string') return null;
  const raw = claims['cognito:groups'];
  const roles = Array.isArray(raw)
    ? raw.map(String)
    : typeof raw === 'string'
      ? raw
          .replace(/^\[|\]$/g, '')
          .split(/[\s,]+/)
          .filter(Boolean)
      : [];
  return { subject: claims.sub, roles };
}

/** Reviewers may do what editors do. */
/** The roles that satisfy each access level. Anyone with a working identity in the drafting process may comment. */
export const ROLE_GRANTS: Record<Exclude<Access, 'public' | 'identified'>, string[]> = {
  editor: ['editor', 'reviewer'],
  reviewer: ['reviewer'],
  drafter: ['drafter'],
  appraiser: ['appraiser'],
  commenter: ['commenter', 'drafter', 'appraiser', 'reviewer', 'editor'],
};

function authorize(access: Access, identity: Identity | null): void {
  if (access === 'public') return;
  if (!identity)
    throw new HttpProblem(
      'unauthenticated',
      access === 'identified' ? 'Sign in: send a bearer token' : `Send a bearer token of an identity with the ${access} role`,
    );
  if (access === 'identified') return;
  if (!identity.roles.some((r) => ROLE_GRANTS[access].includes(r)))
    throw new HttpProblem('forbidden', `This needs the ${access} role; your identity has: ${identity.roles.join(', ') || 'none'}`);
}

function headerMap(event: HttpEvent): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(event.headers ?? {})) out[k.toLowerCase()] = v;
  return out;
}

function readBody(event: HttpEvent, headers: Record<string, string | undefined>, maxBytes: number): unknown {
  if (event.body === undefined || event.body === null || event.body === '') return undefined;
  const bytes = event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
  if (bytes.byteLength > maxBytes) throw new HttpProblem('payload_too_large', `The body has ${bytes.byteLength} bytes; the limit is ${maxBytes}`);
  const type = headers['content-type'] ?? '';
  if (!/^application\/(.+\+)?json\b/i.test(type)) throw new HttpProblem('unsupported_media_type', 'Send the body as application/json');
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch (e) {
    throw new HttpProblem('malformed_json', (e as Error).message);
  }
}

function validate<T>(schema: z.ZodMiniType<T> | undefined, value: unknown, where: string): T {
  if (!schema) return undefined as T;
  const res = schema.safeParse(value ?? {});
  if (res.success) return res.data;
  throw new HttpProblem('validation', `Invalid ${where}`, {
    errors: res.error.issues.map((i) => ({ path: [where, ...i.path.map(String)].join('.'), message: issueMessage(i) })),
  });
}

function issueMessage(i: z.core.$ZodIssue): string {
  switch (i.code) {
    case 'invalid_type':
      // A parameter this route refuses outright (schemas/common.ts NotAsRecorded) says why in its own words.
      return i.expected === 'never' ? i.message : `expected ${i.expected}`;
    case 'too_big':
      return `must be at most ${String(i.maximum)}${i.origin === 'string' ? ' characters' : ''}`;
    case 'too_small':
      return `must be at least ${String(i.minimum)}${i.origin === 'string' ? ' characters' : ''}`;
    case 'invalid_value':
      return `must be one of ${i.values.map(String).join(', ')}`;
    case 'unrecognized_keys':
      return `unknown keys ${i.keys.join(', ')}`;
    case 'invalid_format':
      return `invalid ${i.format}`;
    default:
      return i.message;
  }
}

/**
 * Failures of a backing service that a later retry may not meet: AWS SDK throttling, 5xx and network errors,
 * OpenSearch connection errors. They answer 503 with Retry-After instead of 500.
 */
function isTransientDependencyError(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const err = e as { name?: string; code?: string; $fault?: string; $retryable?: unknown; $metadata?: { httpStatusCode?: number } };
  const names = [
    'ThrottlingException',
    'ProvisionedThroughputExceededException',
    'RequestLimitExceeded',
    'InternalServerError',
    'ServiceUnavailable',
    'SlowDown',
    'TimeoutError',
    'ConnectionError',
    'NoLivingConnectionsError',
    'TransactionConflictException',
  ];
  const codes = ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND'];
  return (
    err.$fault === 'server' ||
    err.$retryable !== undefined ||
    names.includes(err.name ?? '') ||
    codes.includes(err.code ?? '') ||
    (err.name === 'TransactionCanceledException' &&
      (e as { CancellationReasons?: { Code?: string }[] }).CancellationReasons?.some((r) => r.Code === 'ThrottlingError') === true) ||
    (err.name === 'ResponseError' && ((e as { meta?: { statusCode?: number } }).meta?.statusCode ?? 0) >= 500)
  );
}

function toProblem(error: unknown, requestId: string, logger: Logger): HttpResult {
  if (error instanceof HttpProblem) return problemResponse(problem(error.code, error.message, { ...error.extra, requestId }));
  if (isDomainError(error))
    return problemResponse(
      problem(error.code as ProblemCode, error.message, {
        ...(error.details?.candidates ? { candidates: error.details.candidates } : {}),
        ...(error.details?.withdrawn ? { documentId: error.details.documentId, withdrawn: error.details.withdrawn } : {}),
        ...(error.details?.diagnostics ? { diagnostics: error.details.diagnostics } : {}),
        requestId,
      }),
      error.code === 'dependency_unavailable' ? { 'retry-after': '5' } : {},
    );
  if (isTransientDependencyError(error)) {
    logger.warn('Backing service unavailable', { error: error as Error, requestId });
    return problemResponse(problem('dependency_unavailable', 'A backing service is busy or unreachable; retry shortly', { requestId }), { 'retry-after': '5' });
  }
  logger.error('Unhandled error', { error: error as Error, requestId });
  return problemResponse(problem('internal', undefined, { requestId }));
}

function withEtag(event: HttpEvent, headers: Record<string, string | undefined>, res: HttpResult, cacheControl: string): HttpResult {
  if (event.requestContext.http.method !== 'GET' || res.statusCode !== 200 || typeof res.body !== 'string') return res;
  const etag = `W/"${createHash('sha256').update(res.body).digest('base64url').slice(0, 27)}"`;
  const cacheHeaders = { etag, 'cache-control': cacheControl, vary: 'accept-encoding' };
  const inm = headers['if-none-match'];
  if (
    inm
      ?.split(',')
      .map((s) => s.trim())
      .includes(etag)
  )
    return { statusCode: 304, headers: { ...res.headers, ...cacheHeaders }, body: '' };
  return { ...res, headers: { ...res.headers, ...cacheHeaders } };
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): JsonReply {
  return { status, body, headers };
}

type MiddyRequest = middy.Request<HttpEvent & { parsedBody?: unknown }, HttpResult>;

/** Middlewares, in order: identity and role → body limits and JSON → (handler) → ETag → problem+json on error. */
function routeMiddlewares(
  ctx: AppContext,
  access: Access,
  maxBody: number,
  cacheControl: string,
): middy.MiddlewareObj<HttpEvent & { parsedBody?: unknown }, HttpResult>[] {
  const requestIdOf = (r: MiddyRequest) => r.context.awsRequestId ?? r.event.requestContext.requestId;
  return [
    {
      name: 'problem-json',
      onError: (request: MiddyRequest) => {
        request.response = toProblem(request.error, requestIdOf(request), ctx.logger);
      },
    },
    {
      name: 'etag',
      after: (request: MiddyRequest) => {
        if (request.response) request.response = withEtag(request.event, headerMap(request.event), request.response, cacheControl);
      },
    },
    {
      name: 'authorize',
      before: (request: MiddyRequest) => {
        ctx.logger.appendKeys({ requestId: requestIdOf(request) });
        authorize(access, identityFrom(request.event));
      },
    },
    {
      name: 'json-body',
      before: (request: MiddyRequest) => {
        request.event.parsedBody = readBody(request.event, headerMap(request.event), maxBody);
      },
    },
  ];
}

/** Builds a middy handler for one route of the route table. */
export function httpHandler<Q = undefined, P = undefined, B = undefined>(
  ctx: AppContext,
  spec: HandlerSpec<Q, P, B>,
  impl: (req: ParsedRequest<Q, P, B>) => Promise<JsonReply>,
) {
  const route = ROUTES.find((r) => r.fn === spec.fn);
  if (!route) throw new Error(`No route for function ${spec.fn}`);

  const core = async (event: HttpEvent & { parsedBody?: unknown }, context: Context): Promise<HttpResult> => {
    const reply = await impl({
      query: validate(spec.query, event.queryStringParameters, 'query'),
      params: validate(spec.params, event.pathParameters, 'path'),
      body: spec.body ? validate(spec.body, event.parsedBody, 'body') : (undefined as B),
      identity: identityFrom(event),
      requestId: context.awsRequestId ?? event.requestContext.requestId,
      headers: headerMap(event),
      ports: await ctx.ports(),
    });
    // Bytes (an original file, a Word or PDF rendering) travel base64-encoded, as API Gateway expects.
    if (reply.body instanceof Uint8Array)
      return {
        statusCode: reply.status ?? 200,
        headers: { 'content-type': 'application/octet-stream', ...(reply.headers ?? {}) },
        body: Buffer.from(reply.body.buffer, reply.body.byteOffset, reply.body.byteLength).toString('base64'),
        isBase64Encoded: true,
      };
    return {
      statusCode: reply.status ?? 200,
      headers: { 'content-type': 'application/json; charset=utf-8', ...(reply.headers ?? {}) },
      body: typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body),
    };
  };

  return middy<HttpEvent & { parsedBody?: unknown }, HttpResult>(core).use(
    routeMiddlewares(ctx, route.access, route.maxBodyBytes ?? 64 * 1024, spec.cacheControl ?? DEFAULT_CACHE),
  );
}
