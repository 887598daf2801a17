/**
 * Issue 22 on the local runtime: a DOCX bomb sent to the public linter is refused at once, and a client that
 * declares a body and sends part of it gets 408 after REQUEST_TIMEOUT_MS instead of holding the connection 300 s.
 */
import { connect } from 'node:net';
import { timeoutsFromEnv } from '../../local/server';
import { docxBomb, measured } from '../support/docx-bomb';
import { startLocalApi } from '../support/local-api';

type Api = Awaited<ReturnType<typeof startLocalApi>>;
let api: Api;
const saved = { request: process.env.REQUEST_TIMEOUT_MS, headers: process.env.HEADERS_TIMEOUT_MS };
const TIMEOUT_MS = 1000;

beforeAll(async () => {
  process.env.REQUEST_TIMEOUT_MS = String(TIMEOUT_MS);
  process.env.HEADERS_TIMEOUT_MS = String(TIMEOUT_MS);
  api = await startLocalApi();
});
afterAll(async () => {
  await api.close();
  for (const [name, value] of [
    ['REQUEST_TIMEOUT_MS', saved.request],
    ['HEADERS_TIMEOUT_MS', saved.headers],
  ] as const)
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
});

it('refuses a DOCX bomb on POST /v1/lint with 422 problem+json in under 2 s and 200 MB', async () => {
  const { docx, xmlBytes } = docxBomb(28.5);
  expect(xmlBytes).toBeGreaterThan(28 * 1024 * 1024);
  const body = JSON.stringify({ fileName: 'bomb.docx', content: docx.toString('base64'), encoding: 'base64' });
  const { result, ms, rssGrowthMb } = await measured(async () => {
    const res = await fetch(`${api.base}/v1/lint`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    return { status: res.status, type: res.headers.get('content-type'), problem: (await res.json()) as { type: string; detail: string } };
  });
  expect(result).not.toBeInstanceOf(Error);
  const answer = result as Exclude<typeof result, Error>;
  expect(answer.status).toBe(422);
  expect(answer.type).toMatch(/^application\/problem\+json/);
  expect(answer.problem.type).toBe('/problems/unreadable-document');
  expect(answer.problem.detail).toMatch(/^bomb\.docx: not a readable DOCX: its XML unpacks to more than 12 MB/);
  expect(ms).toBeLessThan(2000);
  expect(rssGrowthMb).toBeLessThan(200);
});

/** Sends `data` on a raw connection and collects what comes back until the server closes it (or `waitMs` passes). */
function rawExchange(base: string, data: string, waitMs: number): Promise<{ answer: string; ms: number; closed: boolean }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const socket = connect(Number(port), hostname, () => socket.write(data));
    let answer = '';
    const give = (closed: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ answer, ms: performance.now() - started, closed });
    };
    const timer = setTimeout(() => give(false), waitMs);
    socket.on('data', (chunk) => {
      answer += chunk.toString('utf8');
    });
    socket.on('close', () => give(true));
    socket.on('error', reject);
  });
}

it('answers 408 and closes a connection whose body stops short of its Content-Length, within the request timeout', async () => {
  const head = `POST /v1/lint HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n`;
  const { answer, ms, closed } = await rawExchange(api.base, `${head}{"fileName":`, 10_000);
  expect(closed).toBe(true);
  expect(answer).toMatch(/^HTTP\/1\.1 408 /);
  expect(answer).toMatch(/content-type: application\/problem\+json/i);
  expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toMatchObject({ type: '/problems/request-timeout', status: 408 });
  expect(ms).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
  expect(ms).toBeLessThan(TIMEOUT_MS + 1500);
});

it('answers 408 to headers that never end, within the headers timeout', async () => {
  const { answer, ms, closed } = await rawExchange(api.base, 'GET /v1/documents HTTP/1.1\r\nHost: localhost\r\nX-Slow: 1', 10_000);
  expect(closed).toBe(true);
  expect(answer).toMatch(/^HTTP\/1\.1 408 /);
  expect(ms).toBeLessThan(TIMEOUT_MS + 1500);
});

it('reads the timeouts from the environment: 15 s and 10 s by default, headers never longer than the request', () => {
  expect(timeoutsFromEnv({})).toEqual({ requestMs: 15_000, headersMs: 10_000 });
  expect(timeoutsFromEnv({ REQUEST_TIMEOUT_MS: '5000' })).toEqual({ requestMs: 5000, headersMs: 5000 });
  expect(timeoutsFromEnv({ REQUEST_TIMEOUT_MS: '30000', HEADERS_TIMEOUT_MS: '2000' })).toEqual({ requestMs: 30_000, headersMs: 2000 });
  expect(() => timeoutsFromEnv({ REQUEST_TIMEOUT_MS: '0' })).toThrow(/REQUEST_TIMEOUT_MS must be a number/);
  expect(() => timeoutsFromEnv({ HEADERS_TIMEOUT_MS: 'soon' })).toThrow(/HEADERS_TIMEOUT_MS must be a number/);
});
