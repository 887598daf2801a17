/**
 * The local runtime's per-client rate limit (a token bucket per remote address, local/server.ts), the stand-in for
 * API Gateway throttling: a burst over the limit gets 429 problem+json `/problems/rate-limited` with Retry-After,
 * another client is not held up, and the client recovers once it waits as told.
 */
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '../../functions/_shared/logger';
import { devSecret, verifyDevToken } from '../../local/devtoken';
import { buildHandlers } from '../../local/handlers';
import { createLocalServer, type RateLimit, rateLimitFromEnv, tokenBuckets } from '../../local/server';
import { tempEmbedded } from '../support/embedded';

const LIMIT: RateLimit = { rps: 2, burst: 10 };

async function start(rateLimit: RateLimit | null) {
  process.env.LOG_LEVEL = 'ERROR';
  const embedded = tempEmbedded();
  const secret = devSecret(embedded.dataDir);
  const server = createLocalServer({
    handlers: buildHandlers({ ports: async () => embedded.ports, logger: createLogger('test'), storeName: 'sqlite' }),
    verifyToken: (t) => verifyDevToken(secret, t),
    rateLimit,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }).then(() => embedded.close()),
  };
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One GET from a chosen loopback source address (127.0.0.0/8 is all loopback on Linux): a distinct client. */
function get(port: number, path: string, localAddress = '127.0.0.1'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, localAddress, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}

const burst = (port: number, n: number, path = '/health') => Promise.all(Array.from({ length: n }, () => get(port, path)));

describe('the local runtime rate limit', () => {
  let api: Awaited<ReturnType<typeof start>>;
  beforeAll(async () => {
    api = await start(LIMIT);
  });
  afterAll(() => api.close());

  it('answers a burst over the limit with 429 problem+json /problems/rate-limited and Retry-After', async () => {
    const answers = await burst(api.port, 30);
    const ok = answers.filter((a) => a.status === 200);
    const limited = answers.filter((a) => a.status === 429);
    expect(ok.length + limited.length).toBe(30);
    // The burst, plus at most what refills while the 30 requests are answered.
    expect(ok.length).toBeGreaterThanOrEqual(LIMIT.burst);
    expect(ok.length).toBeLessThanOrEqual(LIMIT.burst + 2);
    for (const a of limited) {
      expect(a.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(a.headers['cache-control']).toBe('no-store');
      expect(Number(a.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(JSON.parse(a.body)).toMatchObject({ type: '/problems/rate-limited', status: 429, title: 'Too many requests' });
    }
  });

  it('limits every route, the API and the web page alike, while the bucket is empty', async () => {
    const paths = ['/v1/documents?limit=1', '/', '/openapi.json', '/v1/search?q=luong'];
    // Emptied first (whatever refilled since), then every route is refused until a token is back.
    await burst(api.port, LIMIT.burst);
    const answers = await Promise.all(paths.map((p) => get(api.port, p)));
    expect(answers.map((a, i) => [paths[i], a.status])).toEqual(paths.map((p) => [p, 429]));
  });

  it('does not hold up another client', async () => {
    const other = await get(api.port, '/v1/documents?limit=1', '127.0.0.2');
    expect(other.status).toBe(200);
  });

  it('recovers once the client waits as Retry-After says', async () => {
    const limited = (await burst(api.port, LIMIT.burst + 2)).find((a) => a.status === 429);
    expect(limited).toBeDefined();
    if (!limited) return;
    await new Promise((r) => setTimeout(r, Number(limited.headers['retry-after']) * 1000));
    expect((await get(api.port, '/health')).status).toBe(200);
  }, 15_000);
});

describe('without a rate limit', () => {
  it('answers a burst of 150 requests without a 429', async () => {
    const api = await start(null);
    try {
      const answers = await burst(api.port, 150);
      expect(answers.filter((a) => a.status !== 200).map((a) => a.status)).toEqual([]);
    } finally {
      await api.close();
    }
  });
});

describe('the token bucket and its settings', () => {
  it('refills at rps tokens per second up to the burst, and says how long to wait', () => {
    let t = 0;
    const buckets = tokenBuckets({ rps: 4, burst: 3 }, () => t);
    expect([buckets.take('a'), buckets.take('a'), buckets.take('a')]).toEqual([0, 0, 0]);
    expect(buckets.take('a')).toBeCloseTo(0.25);
    expect(buckets.take('b')).toBe(0);
    t += 500; // two tokens back
    expect([buckets.take('a'), buckets.take('a')]).toEqual([0, 0]);
    expect(buckets.take('a')).toBeGreaterThan(0);
    t += 60_000; // full again, and forgotten at the next sweep
    buckets.take('c');
    expect(buckets.clients).toBe(1);
  });

  it('reads RATE_LIMIT_RPS and RATE_LIMIT_BURST: generous defaults, 0 turns it off, nonsense refused', () => {
    expect(rateLimitFromEnv({})).toEqual({ rps: 50, burst: 100 });
    expect(rateLimitFromEnv({ RATE_LIMIT_RPS: '5', RATE_LIMIT_BURST: '20' })).toEqual({ rps: 5, burst: 20 });
    expect(rateLimitFromEnv({ RATE_LIMIT_RPS: '0' })).toBeNull();
    expect(() => rateLimitFromEnv({ RATE_LIMIT_RPS: 'many' })).toThrow(/RATE_LIMIT_RPS/);
    expect(() => rateLimitFromEnv({ RATE_LIMIT_BURST: '-1' })).toThrow(/RATE_LIMIT_BURST/);
  });
});
