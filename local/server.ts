/**
 * The local runtime's HTTP server: turns each request into an API Gateway HTTP API (v2) event, verifies the
 * development bearer token as the JWT authorizer would, and calls the same handlers the Lambdas run.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join } from 'node:path';
import type { Context } from 'aws-lambda';
import { problem, problemResponse, type ProblemCode } from '../functions/_shared/problem';
import type { HttpEvent, HttpResult } from '../functions/_shared/http';
import { ROUTES, type RouteDef } from '../schemas/routes';
import { WEB_CSP } from '../schemas/web-csp';
import type { LocalHandler } from './handlers';
import type { FunctionName } from '../schemas/routes';

/** API Gateway HTTP APIs refuse bodies over 10 MB before any Lambda runs. */
const GATEWAY_MAX_BODY = 10 * 1024 * 1024;
/** A refused body is read and dropped up to this many bytes (or for DRAIN_MS) before the connection is cut. */
const DRAIN_MAX_BYTES = 32 * 1024 * 1024;
const DRAIN_MS = 10_000;

/**
 * After answering 413 before reading a request's body: the rest of the body is read and dropped, bounded, so the
 * client (still sending) reads the answer instead of a reset. Closing at once makes the kernel reset the connection
 * when more data arrives, and a reset can discard the answer the client had not read yet ("lingering close").
 */
function drainRefused(req: IncomingMessage): void {
  let read = 0;
  const cut = () => req.socket.destroy();
  const timer = setTimeout(cut, DRAIN_MS);
  timer.unref();
  req.on('data', (chunk: Buffer) => {
    read += chunk.length;
    if (read > DRAIN_MAX_BYTES) cut();
  });
  req.on('end', () => clearTimeout(timer));
  req.on('close', () => clearTimeout(timer));
  req.resume();
}
const WEB_ROOT = join(__dirname, '..', 'web');

interface CompiledRoute {
  route: RouteDef;
  re: RegExp;
  names: string[];
}

function compile(route: RouteDef): CompiledRoute {
  const names: string[] = [];
  // Escape what a regex would read (`.` in /openapi.json), then turn each {param} into a segment group.
  const pattern = route.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_m, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { route, re: new RegExp(`^${pattern}$`), names };
}

/** Requests per second a client may send on average, and how many at once (a token bucket per remote address). */
export interface RateLimit {
  rps: number;
  burst: number;
}

/**
 * The local runtime's stand-in for API Gateway throttling (infra/constructs/http-api.ts): `RATE_LIMIT_RPS` (default
 * 50; 0 turns the limit off) and `RATE_LIMIT_BURST` (default 100). Throws on a value that is not a number ≥ 0.
 */
export function rateLimitFromEnv(env: Record<string, string | undefined>): RateLimit | null {
  const read = (name: string, fallback: number) => {
    const raw = env[name]?.trim();
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a number ≥ 0, not ${JSON.stringify(raw)}`);
    return n;
  };
  const rps = read('RATE_LIMIT_RPS', 50);
  const burst = read('RATE_LIMIT_BURST', 100);
  return rps > 0 && burst > 0 ? { rps, burst: Math.max(1, Math.floor(burst)) } : null;
}

/**
 * One token bucket per client key: `burst` tokens to start with, refilled at `rps` per second; a request takes one.
 * `take` answers 0 when the request may go on, else the seconds until a token is back. Buckets that are full again
 * are forgotten, so memory follows the clients of the last minute.
 */
export function tokenBuckets(limit: RateLimit, now: () => number = () => performance.now()) {
  const buckets = new Map<string, { tokens: number; at: number }>();
  let sweptAt = now();
  const refill = (b: { tokens: number; at: number }, t: number) => Math.min(limit.burst, b.tokens + ((t - b.at) / 1000) * limit.rps);
  return {
    take(key: string): number {
      const t = now();
      if (t - sweptAt > 60_000 || buckets.size > 10_000) {
        for (const [k, b] of buckets) if (refill(b, t) >= limit.burst) buckets.delete(k);
        sweptAt = t;
      }
      const b = buckets.get(key) ?? { tokens: limit.burst, at: t };
      b.tokens = refill(b, t);
      b.at = t;
      buckets.set(key, b);
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return 0;
      }
      return (1 - b.tokens) / limit.rps;
    },
    get clients() {
      return buckets.size;
    },
  };
}

/**
 * How long a client may take to send a request: `headersMs` for its headers, `requestMs` for the whole of it, body
 * included; past that the server answers 408 `/problems/request-timeout` and closes the connection (Node's default,
 * 300 s, let a client that declared a body and sent part of it hold a connection for five minutes; issue 22).
 */
export interface ServerTimeouts {
  headersMs: number;
  requestMs: number;
}

/**
 * `REQUEST_TIMEOUT_MS` (default 15,000) for a whole request and `HEADERS_TIMEOUT_MS` (default 10,000, at most the
 * former) for its headers. Throws on a value that is not a number > 0.
 */
export function timeoutsFromEnv(env: Record<string, string | undefined>): ServerTimeouts {
  const read = (name: string, fallback: number) => {
    const raw = env[name]?.trim();
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a number of milliseconds > 0, not ${JSON.stringify(raw)}`);
    return Math.ceil(n);
  };
  const requestMs = read('REQUEST_TIMEOUT_MS', 15_000);
  return { requestMs, headersMs: Math.min(requestMs, read('HEADERS_TIMEOUT_MS', 10_000)) };
}

export interface ServerOptions {
  handlers: Record<FunctionName, LocalHandler>;
  /** Per-client throttling (429 `/problems/rate-limited` with Retry-After); none when absent. */
  rateLimit?: RateLimit | null;
  /** How long a client may take to send a request; timeoutsFromEnv(process.env) when absent. */
  timeouts?: ServerTimeouts;
  /** Verifies a bearer token; null means invalid (401, as the JWT authorizer answers). */
  verifyToken(token: string): Promise<Record<string, string | string[]> | null>;
  onRequest?(method: string, path: string, status: number, ms: number): void;
}

function send(res: ServerResponse, result: HttpResult): void {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(result.headers ?? {})) headers[k] = String(v);
  res.writeHead(result.statusCode ?? 200, headers);
  res.end(result.body ? Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8') : undefined);
}

const sendProblem = (res: ServerResponse, code: ProblemCode, detail?: string, headers: Record<string, string> = {}) =>
  send(res, problemResponse(problem(code, detail), headers));

async function readBody(req: IncomingMessage, max: number): Promise<Buffer | 'too_large'> {
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > max) return 'too_large';
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > max) return 'too_large';
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function toEvent(
  req: IncomingMessage,
  url: URL,
  compiled: CompiledRoute,
  pathValues: string[],
  body: Buffer,
  claims: Record<string, string | string[]> | null,
): HttpEvent {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(',') : v;
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) query[k] = query[k] === undefined ? v : `${query[k]},${v}`;
  const pathParameters = Object.fromEntries(compiled.names.map((n, i) => [n, pathValues[i] ?? '']));
  const textual = /^(application\/(.+\+)?json|text\/)/i.test(headers['content-type'] ?? '');
  const now = new Date();
  const requestId = randomUUID();
  return {
    version: '2.0',
    routeKey: `${compiled.route.method} ${compiled.route.path}`,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    ...(compiled.names.length ? { pathParameters } : {}),
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'localhost',
      http: {
        method: req.method ?? 'GET',
        path: url.pathname,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId,
      routeKey: `${compiled.route.method} ${compiled.route.path}`,
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
      ...(claims ? { authorizer: { jwt: { claims, scopes: [] } } } : {}),
    },
    ...(body.length ? { body: textual ? body.toString('utf8') : body.toString('base64'), isBase64Encoded: !textual } : { isBase64Encoded: false }),
  } as HttpEvent;
}

const lambdaContext = (fn: string, requestId: string): Context =>
  ({
    awsRequestId: requestId,
    functionName: fn,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:local:${fn}`,
    memoryLimitInMB: '512',
    logGroupName: `local/${fn}`,
    logStreamName: 'local',
    callbackWaitsForEmptyEventLoop: false,
    getRemainingTimeInMillis: () => 30_000,
  }) as unknown as Context;

/** The web UI: a flat folder of pages and assets (no sub-folders, no dot files, nothing but these types). */
const STATIC_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

async function serveStatic(res: ServerResponse, path: string): Promise<boolean> {
  const name = path === '/' ? 'index.html' : path.slice(1);
  const type = STATIC_TYPES[extname(name)];
  if (!type || !/^[A-Za-z0-9][A-Za-z0-9_-]*\.[a-z]+$/.test(name)) return false;
  let body: Buffer;
  try {
    body = await readFile(join(WEB_ROOT, name));
  } catch {
    return false;
  }
  res.writeHead(200, {
    'content-type': type,
    'cache-control': 'no-cache',
    'content-security-policy': WEB_CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'same-origin',
  });
  res.end(body);
  return true;
}

export function createLocalServer(options: ServerOptions): Server {
  const routes = ROUTES.map(compile);
  const limit = options.rateLimit ?? null;
  const limiter = limit ? tokenBuckets(limit) : null;
  const timeouts = options.timeouts ?? timeoutsFromEnv(process.env);
  const server = createServer(
    {
      requestTimeout: timeouts.requestMs,
      headersTimeout: timeouts.headersMs,
      // Node looks for expired requests every 30 s by default: a short timeout needs a closer look.
      connectionsCheckingInterval: Math.max(100, Math.min(1000, Math.floor(timeouts.headersMs / 4))),
    },
    (req, res) => {
      const started = performance.now();
      res.on('finish', () => options.onRequest?.(req.method ?? '', req.url ?? '', res.statusCode, performance.now() - started));
      const wait = limiter?.take(req.socket.remoteAddress ?? '') ?? 0;
      if (limit && wait > 0) {
        const seconds = Math.max(1, Math.ceil(wait));
        return sendProblem(res, 'rate_limited', `More than ${limit.rps} requests per second (burst ${limit.burst}) from this client; retry in ${seconds} s`, {
          'retry-after': String(seconds),
        });
      }
      handle(req, res).catch((e) => {
        if (!res.headersSent) sendProblem(res, 'internal', undefined);
        else res.destroy(e as Error);
      });
    },
  );
  // Requests Node's parser refuses before any route runs (a target or headers over its 16 KB limit, garbage) still
  // get a problem+json answer, as API Gateway answers them itself.
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return socket.destroy();
    if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
      const body = JSON.stringify(problem('request_timeout', `The request was not received in full within ${timeouts.requestMs / 1000} s`));
      return socket.end(
        `HTTP/1.1 408 Request Timeout\r\ncontent-type: application/problem+json\r\ncache-control: no-store\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
      );
    }
    const tooLong = err.code === 'HPE_HEADER_OVERFLOW';
    const body = JSON.stringify(
      problem(tooLong ? 'uri_too_long' : 'validation', tooLong ? 'The request target or its headers exceed 16 KB' : 'Malformed HTTP request'),
    );
    socket.end(
      `HTTP/1.1 ${tooLong ? '414 URI Too Long' : '400 Bad Request'}\r\ncontent-type: application/problem+json\r\ncache-control: no-store\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
  });
  return server;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const target = req.url ?? '/';
    let url: URL;
    try {
      // Only origin-form targets ("/path?query"), as a gateway accepts; "//x" must not become a host.
      if (!target.startsWith('/') || target.startsWith('//')) throw new Error('not origin-form');
      url = new URL(target, 'http://localhost');
    } catch {
      return sendProblem(res, 'validation', 'Malformed request target');
    }
    // HEAD is GET without a body, as on API Gateway.
    const method = req.method === 'HEAD' ? 'GET' : (req.method ?? 'GET');
    if ((method === 'GET' || method === 'HEAD') && (await serveStatic(res, url.pathname))) return;
    const candidates = routes.map((c) => [c, c.re.exec(url.pathname)] as const).filter(([, m]) => m);
    if (candidates.length === 0) return sendProblem(res, 'route_not_found', `No route ${method} ${url.pathname}`);
    const found = candidates.find(([c]) => c.route.method === method);
    if (!found)
      return sendProblem(res, 'method_not_allowed', `${method} is not allowed on ${url.pathname}`, {
        allow: candidates.map(([c]) => c.route.method).join(', '),
      });
    const [compiled, match] = found;
    let pathValues: string[];
    try {
      // API Gateway hands handlers percent-decoded path parameters.
      pathValues = compiled.names.map((_, i) => decodeURIComponent((match as RegExpExecArray)[i + 1] ?? ''));
    } catch {
      return sendProblem(res, 'validation', 'Malformed percent-encoding in the path');
    }
    // The JWT authorizer answers before the body is read, as API Gateway does: anonymous uploads are not buffered.
    let claims: Record<string, string | string[]> | null = null;
    if (compiled.route.access !== 'public') {
      const token = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
      claims = token ? await options.verifyToken(token) : null;
      if (!claims) {
        res.setHeader('connection', 'close');
        return sendProblem(res, 'unauthenticated', token ? 'The bearer token is invalid or expired' : 'Send a bearer token of an editor or reviewer', {
          'www-authenticate': token ? 'Bearer error="invalid_token"' : 'Bearer',
        });
      }
    }
    const body = await readBody(req, Math.min(GATEWAY_MAX_BODY, (compiled.route.maxBodyBytes ?? 64 * 1024) + 1024));
    if (body === 'too_large') {
      drainRefused(req);
      return sendProblem(res, 'payload_too_large', `The limit for ${method} ${compiled.route.path} is ${compiled.route.maxBodyBytes ?? 64 * 1024} bytes`);
    }
    const event = toEvent(req, url, compiled, pathValues, body, claims);
    const fn = compiled.route.fn;
    const result = await options.handlers[fn](event, lambdaContext(fn, event.requestContext.requestId));
    send(res, req.method === 'HEAD' ? { ...result, body: '' } : result);
  }
}
