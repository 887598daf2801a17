/**
 * Webhooks (docs/adr/0022): the signature a receiver checks, the backoff and the pause, the matching helpers, and the
 * sender's refusals — on AWS only https to public addresses (no private, loopback, link-local or metadata address,
 * whether written as an address or reached through a name); the local runtime also allows loopback.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpWebhookSender } from '../../../adapters/webhook/http-sender';
import { deliveryId, eIdsOverlap, unitMessage } from '../../../domain/subscriptions/match';
import { backoffMs, DEFAULT_RETRY, shouldPause } from '../../../domain/subscriptions/retry';
import { newSecret, signatureHeader, verifySignature } from '../../../domain/subscriptions/signature';
import { retryPolicyFromEnv } from '../../../functions/_shared/config';

describe('signatures', () => {
  const secret = newSecret();
  const body = JSON.stringify({ id: 'd1', event: { summary: 'Khoản 2 Điều 5 thay đổi' } });
  const at = new Date('2026-12-07T10:00:00Z');

  it('verifies what it signed, and nothing else', () => {
    const header = signatureHeader(secret, body, at);
    expect(header).toMatch(/^t=1796637600,v1=[0-9a-f]{64}$/);
    expect(verifySignature(secret, body, header, at)).toBe(true);
    expect(verifySignature(secret, body.replace('5', '6'), header, at)).toBe(false);
    expect(verifySignature(newSecret(), body, header, at)).toBe(false);
    expect(verifySignature(secret, body, header.replace(/t=\d+/, 't=1796637601'), at)).toBe(false);
    expect(verifySignature(secret, body, 'v1=abc', at)).toBe(false);
  });

  it('refuses an old signature (a replayed request)', () => {
    const header = signatureHeader(secret, body, at);
    expect(verifySignature(secret, body, header, new Date(at.getTime() + 299_000))).toBe(true);
    expect(verifySignature(secret, body, header, new Date(at.getTime() + 301_000))).toBe(false);
  });

  it('makes a new 256-bit secret each time', () => {
    const a = newSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(newSecret()).not.toBe(a);
  });
});

describe('retries', () => {
  it('backs off exponentially from the first wait to the longest, jittered by at most a fifth', () => {
    const waits = [1, 2, 3, 4, 10, 20].map((n) => backoffMs(DEFAULT_RETRY, n, 0));
    expect(waits).toEqual([60_000, 120_000, 240_000, 480_000, 6 * 3600_000, 6 * 3600_000]);
    expect(backoffMs(DEFAULT_RETRY, 1, 0.999)).toBeLessThanOrEqual(72_000);
    expect(backoffMs(DEFAULT_RETRY, 1, 0.999)).toBeGreaterThan(71_000);
  });

  it('pauses a subscriber after three days of failures', () => {
    const since = '2026-12-01T00:00:00.000Z';
    expect(shouldPause(DEFAULT_RETRY, since, new Date('2026-12-03T23:59:59Z'))).toBe(false);
    expect(shouldPause(DEFAULT_RETRY, since, new Date('2026-12-04T00:00:00Z'))).toBe(true);
  });

  it('reads its overrides from the environment and names a bad one', () => {
    expect(retryPolicyFromEnv({})).toEqual(DEFAULT_RETRY);
    expect(retryPolicyFromEnv({ WEBHOOK_RETRY_FIRST_MS: '100', WEBHOOK_PAUSE_AFTER_MS: '5000' })).toEqual({
      ...DEFAULT_RETRY,
      firstMs: 100,
      pauseAfterMs: 5000,
    });
    expect(() => retryPolicyFromEnv({ WEBHOOK_RETRY_MAX_MS: '1h' })).toThrow(/WEBHOOK_RETRY_MAX_MS/);
  });
});

describe('matching', () => {
  it('derives one delivery id per subscription and event', () => {
    expect(deliveryId('sub_a', 'ev1')).toMatch(/^[0-9a-f]{32}$/);
    expect(deliveryId('sub_a', 'ev1')).toBe(deliveryId('sub_a', 'ev1'));
    expect(deliveryId('sub_a', 'ev1')).not.toBe(deliveryId('sub_b', 'ev1'));
    expect(deliveryId('sub_a', 'ev1')).not.toBe(deliveryId('sub_a', 'ev2'));
  });

  it('relates a unit to those above and inside it, not to its siblings', () => {
    expect(eIdsOverlap('art_5__para_2', 'art_5')).toBe(true);
    expect(eIdsOverlap('art_5', 'art_5__para_2__point_a')).toBe(true);
    expect(eIdsOverlap('art_5__para_2', 'art_5__para_2')).toBe(true);
    expect(eIdsOverlap('art_5__para_2', 'art_5__para_20')).toBe(false);
    expect(eIdsOverlap('art_5', 'art_50')).toBe(false);
  });

  it('says which unit of which document changes from when by which document', () => {
    expect(unitMessage('art_5__para_2', '09/2022/TT-BLĐTBXH', '2024-07-01', '12/2024/TT-BLĐTBXH')).toBe(
      'Khoản 2 Điều 5 của 09/2022/TT-BLĐTBXH thay đổi từ ngày 01/07/2024 theo 12/2024/TT-BLĐTBXH',
    );
    expect(unitMessage('art_3__para_1__point_b', '59/2020/QH14', null, null)).toBe('Điểm b khoản 1 Điều 3 của 59/2020/QH14 thay đổi');
  });
});

describe('the sender', () => {
  const aws = new HttpWebhookSender({ allowLoopback: false });
  const local = new HttpWebhookSender({ allowLoopback: true });

  it.each([
    ['http://hooks.example.vn/x', /use https/],
    ['ftp://hooks.example.vn/x', /use https/],
    ['not a url', /not a URL/],
    ['https://user:pw@hooks.example.vn/x', /credentials/],
    ['https://127.0.0.1/x', /loopback/],
    ['https://[::1]/x', /loopback/],
    ['https://localhost/x', /loopback/],
    ['https://10.1.2.3/x', /private/],
    ['https://172.20.0.1/x', /private/],
    ['https://192.168.1.1/x', /private/],
    ['https://169.254.169.254/latest/meta-data', /private, link-local/],
    ['https://[fd00::1]/x', /private/],
    ['https://[fe80::1]/x', /private/],
    ['https://[::ffff:10.0.0.1]/x', /private/],
    ['https://100.64.0.1/x', /private/],
    ['https://[::7f00:1]/x', /private/],
    ['https://[2002:7f00:1::]/x', /private/],
  ])('on AWS refuses %s', async (url, why) => {
    expect(await aws.refuse(url)).toMatch(why);
  });

  it('on AWS accepts https to a public address', async () => {
    expect(await aws.refuse('https://203.119.8.1/hook')).toBeNull();
    expect(await aws.refuse('https://[2001:4860:4860::8888]/hook')).toBeNull();
  });

  it('locally also allows loopback (http or https), and nothing private', async () => {
    expect(await local.refuse('http://127.0.0.1:9999/x')).toBeNull();
    expect(await local.refuse('https://localhost/x')).toBeNull();
    expect(await local.refuse('http://10.0.0.1/x')).toMatch(/https/);
    expect(await local.refuse('https://10.0.0.1/x')).toMatch(/private/);
  });

  it('refuses at the connection a name that resolves to a loopback address, and posts to one it may reach', async () => {
    const got: string[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        got.push(`${req.headers['x-csdl-delivery']} ${body}`);
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    try {
      // `localhost` passes the URL check with allowLoopback false only if it is https; its address is refused at lookup.
      const refused = await aws.post(`https://localhost:${port}/x`, '{}', { 'x-csdl-delivery': 'd0' });
      expect(refused.ok).toBe(false);
      expect(refused.error).toMatch(/refused: localhost resolves to .*loopback/);
      const sent = await local.post(`http://localhost:${port}/x`, '{"a":1}', { 'x-csdl-delivery': 'd1' });
      expect(sent).toEqual({ ok: true, status: 204, error: null });
      expect(got).toEqual(['d1 {"a":1}']);
    } finally {
      server.close();
    }
  });

  it('gives up on a receiver that drips its answer, at the deadline of the whole exchange', async () => {
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const drip = setInterval(() => res.write('.'), 200);
      res.on('close', () => clearInterval(drip));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    try {
      const started = Date.now();
      const r = await new HttpWebhookSender({ allowLoopback: true, timeoutMs: 1000 }).post(`http://127.0.0.1:${port}/x`, '{}', {});
      expect(r.ok).toBe(false);
      expect(r.error).toMatch(/within 1000 ms/);
      expect(Date.now() - started).toBeLessThan(2500);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it('reports a receiver that is not there', async () => {
    const r = await local.post('http://127.0.0.1:1/x', '{}', {});
    expect(r.ok).toBe(false);
    expect(r.error).toMatch(/ECONNREFUSED/);
  });
});
