/**
 * Following the law (issue 21, docs/adr/0022) on the local runtime as `npm start` runs it (the stream poked by each
 * write): a webhook receiver on loopback gets exactly one signed delivery per change — including the changes made
 * while it was down, delivered on its return — and an amendment ingested through the API reaches a subscriber to the
 * unit it amends within 5 s, with the unit's word diff. Subscriptions belong to their owner; the secret is shown
 * once; a failing receiver is paused, not retried for ever; the feed is Atom.
 */
import { SIGNATURE_HEADER, verifySignature } from '../../domain/subscriptions/signature';
import type { Notification } from '../../domain/subscriptions/types';
import { devSecret, signDevToken } from '../../local/devtoken';
import { notifyLocally } from '../../local/stream';
import { Problem } from '../../schemas/common';
import { CreateSubscriptionResponse, DeliveryView, SubscriptionDetailResponse, SubscriptionListResponse } from '../../schemas/subscriptions';
import { corpusFile } from '../support/fixtures';
import { startLocalApi } from '../support/local-api';
import { until, WebhookReceiver } from '../support/webhook-receiver';

type Api = Awaited<ReturnType<typeof startLocalApi>>;
let api: Api;

const owner = 'citizen-a';
/** A signed-in person without any role: what `identified` asks. */
const tokenOf = (sub: string) => signDevToken(devSecret(api.embedded.dataDir), sub, []);
const call = async (method: string, path: string, body?: unknown, who: string | null = owner) => {
  const headers: Record<string, string> = {};
  if (who) headers.authorization = `Bearer ${await tokenOf(who)}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  return fetch(`${api.base}${path}`, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
};
const subscribe = async (body: unknown, who = owner) => {
  const res = await call('POST', '/v1/subscriptions', body, who);
  if (res.status !== 201) throw new Error(`subscribe: ${res.status} ${await res.text()}`);
  return CreateSubscriptionResponse.parse(await res.json());
};
const receiver = new WebhookReceiver();
const failing = new WebhookReceiver();

beforeAll(async () => {
  // Retries as soon as a test can wait for them; paused after 1.5 s of failures.
  process.env.WEBHOOK_RETRY_FIRST_MS = '100';
  process.env.WEBHOOK_RETRY_MAX_MS = '400';
  process.env.WEBHOOK_PAUSE_AFTER_MS = '1500';
  api = await startLocalApi({ stream: true, streamIntervalMs: 100 });
  await api.ingest('09-2022-TT-BLDTBXH.txt', corpusFile('09-2022-TT-BLDTBXH.txt'));
  await api.index();
  await receiver.up();
  failing.status = 500;
  await failing.up();
}, 120_000);
afterAll(async () => {
  await api?.close();
  await receiver.down();
  await failing.down();
  delete process.env.WEBHOOK_RETRY_FIRST_MS;
  delete process.env.WEBHOOK_RETRY_MAX_MS;
  delete process.env.WEBHOOK_PAUSE_AFTER_MS;
});

let unitSub: Awaited<ReturnType<typeof subscribe>>;
let docSub: Awaited<ReturnType<typeof subscribe>>;
let otherUnitSub: Awaited<ReturnType<typeof subscribe>>;
let feedOnly: Awaited<ReturnType<typeof subscribe>>;
let bySector: Awaited<ReturnType<typeof subscribe>>;
let byType: Awaited<ReturnType<typeof subscribe>>;
let byOtherType: Awaited<ReturnType<typeof subscribe>>;
let sectorCode = '';

describe('subscribing', () => {
  it('refuses a request without a token, a webhook that is not http(s) to loopback, and a unit the document does not have', async () => {
    const noToken = await call('POST', '/v1/subscriptions', { target: { kind: 'document', workId: '09/2022/TT-BLĐTBXH' } }, null);
    expect(noToken.status).toBe(401);
    const ftp = await call('POST', '/v1/subscriptions', { target: { kind: 'document', workId: '09/2022/TT-BLĐTBXH' }, webhookUrl: 'ftp://127.0.0.1/x' });
    expect(ftp.status).toBe(400);
    expect(Problem.parse(await ftp.json()).detail).toMatch(/webhookUrl: use https/);
    const remoteHttp = await call('POST', '/v1/subscriptions', {
      target: { kind: 'document', workId: '09/2022/TT-BLĐTBXH' },
      webhookUrl: 'http://example.com/x',
    });
    expect(remoteHttp.status).toBe(400);
    const unit = await call('POST', '/v1/subscriptions', { target: { kind: 'unit', workId: '09/2022/TT-BLĐTBXH', eId: 'art_99' } });
    expect(unit.status).toBe(404);
    const sector = await call('POST', '/v1/subscriptions', { target: { kind: 'sector', sector: 'no-such' } });
    expect(sector.status).toBe(400);
  });

  it('shows the signing secret once, at creation, and keeps subscriptions to their owner', async () => {
    unitSub = await subscribe({ target: { kind: 'unit', workId: '09/2022/TT-BLĐTBXH', eId: 'art_1__para_1' }, webhookUrl: receiver.url });
    docSub = await subscribe({ target: { kind: 'document', workId: '09-2022-TT-BLDTBXH' }, webhookUrl: receiver.url });
    otherUnitSub = await subscribe({ target: { kind: 'unit', workId: '09-2022-TT-BLDTBXH', eId: 'art_3' }, webhookUrl: receiver.url });
    feedOnly = await subscribe({ target: { kind: 'document', workId: '09/2022/TT-BLĐTBXH' } }, 'citizen-b');
    // A sector of 09/2022 and two saved searches, all feed-only: the search index's own filters decide what they get.
    const sectors = (await (await call('GET', '/v1/documents/09-2022-TT-BLDTBXH/sectors')).json()) as { sectors: { code: string }[] };
    sectorCode = sectors.sectors[0]?.code ?? '';
    expect(sectorCode).not.toBe('');
    bySector = await subscribe({ target: { kind: 'sector', sector: sectorCode } }, 'citizen-b');
    byType = await subscribe({ target: { kind: 'search', filters: { type: 'thong_tu', issuer: 'Bộ Lao động - Thương binh và Xã hội' } } }, 'citizen-b');
    byOtherType = await subscribe({ target: { kind: 'search', filters: { type: 'luat' } } }, 'citizen-b');
    expect(byType.subscription.label).toBe('type=thong_tu, issuer=Bộ Lao động - Thương binh và Xã hội');
    expect(unitSub.secret).toMatch(/^whsec_/);
    expect(unitSub.subscription.target).toEqual({ kind: 'unit', workId: '09-2022-TT-BLDTBXH', eId: 'art_1__para_1' });
    expect(unitSub.subscription.label).toBe('khoản 1 Điều 1 của 09/2022/TT-BLĐTBXH');
    const list = await call('GET', '/v1/subscriptions');
    const listed = SubscriptionListResponse.parse(await list.json());
    expect(listed.items.map((s) => s.id)).toEqual([unitSub.subscription.id, docSub.subscription.id, otherUnitSub.subscription.id]);
    const one = await call('GET', `/v1/subscriptions/${unitSub.subscription.id}`);
    const text = await one.text();
    expect(text).not.toContain(unitSub.secret);
    expect(text).not.toContain('secret');
    expect((await call('GET', `/v1/subscriptions/${unitSub.subscription.id}`, undefined, 'citizen-b')).status).toBe(404);
    expect((await call('GET', `/v1/subscriptions/${feedOnly.subscription.id}`)).status).toBe(404);
  });
});

describe('delivering', () => {
  let ingestedAt = 0;
  it('tells the subscriber to a unit, within 5 s of the amendment being ingested, what changed from when by which document', async () => {
    ingestedAt = Date.now();
    await api.ingest('02-2023-TT-BLDTBXH.txt', corpusFile('02-2023-TT-BLDTBXH.txt'));
    const isUnitChange = (n: Notification) => n.subscription.id === unitSub.subscription.id && n.unit !== undefined;
    await until('the unit delivery', () => receiver.notifications().some(isUnitChange));
    const got = receiver.got.find((g) => isUnitChange(JSON.parse(g.body) as Notification));
    const latency = (got?.at ?? 0) - ingestedAt;
    console.log(`amendment → unit subscriber: ${latency} ms`);
    expect(latency).toBeLessThanOrEqual(5000);
    const n = JSON.parse(got?.body ?? '{}') as Notification;
    expect(n.unit?.message).toBe('Khoản 1 Điều 1 của 09/2022/TT-BLĐTBXH thay đổi từ ngày 01/06/2023 theo 02/2023/TT-BLĐTBXH');
    expect(n.unit?.by).toEqual({ workId: '02-2023-TT-BLDTBXH', number: '02/2023/TT-BLĐTBXH' });
    const words = n.unit?.diff.flatMap((d) => d.text.filter((op) => op.op === 'insert').map((op) => op.text)).join(' ') ?? '';
    expect(words).toContain('Mục III');
    // Signed with the secret shown at creation, as a receiver checks it.
    expect(got?.headers['x-csdl-delivery']).toBe(n.id);
    expect(verifySignature(unitSub.secret, got?.body ?? '', String(got?.headers[SIGNATURE_HEADER]), new Date())).toBe(true);
    expect(verifySignature(docSub.secret, got?.body ?? '', String(got?.headers[SIGNATURE_HEADER]), new Date())).toBe(false);
    expect(verifySignature(unitSub.secret, `${got?.body} `, String(got?.headers[SIGNATURE_HEADER]), new Date())).toBe(false);
    // The unit's feed says the same, with the words removed and added.
    const atom = await (await call('GET', `/v1/subscriptions/${unitSub.subscription.id}/feed`, undefined, null)).text();
    expect(atom).toContain('Khoản 1 Điều 1 của 09/2022/TT-BLĐTBXH thay đổi từ ngày 01/06/2023 theo 02/2023/TT-BLĐTBXH');
    expect(atom).toMatch(/ \{\+[^+]*Mục III[^+]*\+\}/);
  });

  it('delivers each change exactly once per subscriber, however often the history is read again', async () => {
    await until('the document deliveries', () => receiver.notifications().some((n) => n.subscription.id === docSub.subscription.id));
    await api.index();
    await notifyLocally(api.embedded);
    const count = () => {
      const ids = receiver.notifications().map((n) => n.id);
      return { total: ids.length, distinct: new Set(ids).size };
    };
    const before = count();
    // The dispatcher reads the whole history again from the start: nothing is enqueued twice.
    api.embedded.db.prepare('DELETE FROM dispatch_cursors').run();
    const again = await notifyLocally(api.embedded);
    expect(again?.events).toBeGreaterThan(0);
    expect(again?.enqueued).toBe(0);
    expect(count()).toEqual(before);
    expect(before.total).toBe(before.distinct);
    // What each subscriber got equals what the database says it delivered.
    for (const s of [unitSub, docSub]) {
      const detail = SubscriptionDetailResponse.parse(await (await call('GET', `/v1/subscriptions/${s.subscription.id}?limit=100`)).json());
      const delivered = detail.deliveries
        .filter((d) => d.state === 'delivered')
        .map((d) => d.id)
        .sort();
      expect(
        receiver
          .notifications()
          .filter((n) => n.subscription.id === s.subscription.id)
          .map((n) => n.id)
          .sort(),
      ).toEqual(delivered);
      expect(detail.deliveries.every((d) => d.state === 'delivered' && d.attempts === 1)).toBe(true);
    }
    // The document subscriber is told of the relation the amendment brought; the other unit is left alone by it.
    const docKinds = receiver
      .notifications()
      .filter((n) => n.subscription.id === docSub.subscription.id)
      .map((n) => n.event.kind);
    expect(docKinds).toContain('relations.changed');
    expect(receiver.notifications().filter((n) => n.subscription.id === otherUnitSub.subscription.id && n.event.kind === 'relations.changed')).toEqual([]);
    // A subscriber without a webhook reads the same changes in its feed.
    const feed = await call('GET', `/v1/subscriptions/${feedOnly.subscription.id}/feed`, undefined, null);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toMatch(/application\/atom\+xml/);
    const xml = await feed.text();
    expect(xml).toContain('<entry>');
    expect(xml).toContain('09/2022/TT-BLĐTBXH');
    expect(xml).toContain(`/v1/subscriptions/${feedOnly.subscription.id}/feed`);
  });

  it('tells a sector and a saved search of the documents that fall under them, and nothing else', async () => {
    await until('the saved search deliveries', async () => {
      const feed = (await (await call('GET', `/v1/subscriptions/${byType.subscription.id}/feed?format=json`, undefined, null)).json()) as {
        items: Notification[];
      };
      return feed.items.some((n) => n.document.id === '02-2023-TT-BLDTBXH');
    });
    const items = async (id: string) =>
      ((await (await call('GET', `/v1/subscriptions/${id}/feed?format=json&limit=100`, undefined, null)).json()) as { items: Notification[] }).items;
    // The new Thông tư of the Ministry (created) and 09/2022 (its relations changed) are both Thông tư of the Ministry.
    expect(new Set((await items(byType.subscription.id)).map((n) => n.document.id))).toEqual(new Set(['02-2023-TT-BLDTBXH', '09-2022-TT-BLDTBXH']));
    expect(await items(byOtherType.subscription.id)).toEqual([]);
    // Every document the sector subscriber is told of is filed under that sector.
    const sectorItems = await items(bySector.subscription.id);
    expect(sectorItems.map((n) => n.document.id)).toContain('09-2022-TT-BLDTBXH');
    for (const id of new Set(sectorItems.map((n) => n.document.id))) {
      const s2 = (await (await call('GET', `/v1/documents/${id}/sectors`)).json()) as { sectors: { code: string }[] };
      expect({ id, codes: s2.sectors.map((x) => x.code) }).toEqual({ id, codes: expect.arrayContaining([sectorCode]) });
    }
  });

  it('keeps what changed while the receiver was down and delivers it, once, when it is back', async () => {
    const port = receiver.port;
    await receiver.down();
    const seen = receiver.got.length;
    // 169/QĐ-BLĐTBXH announces 09/2022 expired: a relation and a status change for the document subscriber.
    await api.ingest('169-QD-BLDTBXH.txt', corpusFile('169-QD-BLDTBXH.txt'));
    await until('a failed attempt', async () => {
      const detail = SubscriptionDetailResponse.parse(await (await call('GET', `/v1/subscriptions/${docSub.subscription.id}`)).json());
      return detail.deliveries.some((d) => d.state === 'pending' && d.attempts >= 1 && /ECONNREFUSED/.test(d.lastError ?? ''));
    });
    expect(receiver.got.length).toBe(seen);
    await new Promise((r) => setTimeout(r, 500));
    receiver.port = port;
    await receiver.up();
    await until('the held-back deliveries', async () => {
      const detail = SubscriptionDetailResponse.parse(await (await call('GET', `/v1/subscriptions/${docSub.subscription.id}?limit=100`)).json());
      return detail.deliveries.every((d) => d.state === 'delivered');
    });
    const detail = SubscriptionDetailResponse.parse(await (await call('GET', `/v1/subscriptions/${docSub.subscription.id}?limit=100`)).json());
    const ids = receiver
      .notifications()
      .filter((n) => n.subscription.id === docSub.subscription.id)
      .map((n) => n.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(detail.deliveries.map((d) => d.id).sort());
    expect(detail.deliveries.some((d) => d.attempts > 1)).toBe(true);
    expect(
      receiver
        .notifications()
        .some(
          (n) =>
            n.subscription.id === docSub.subscription.id &&
            n.document.id === '09-2022-TT-BLDTBXH' &&
            /169/.test(n.event.summary + n.event.workId + JSON.stringify(n)),
        ),
    ).toBe(true);
  });

  it('replays one delivery on request, under the same id', async () => {
    const detail = SubscriptionDetailResponse.parse(await (await call('GET', `/v1/subscriptions/${unitSub.subscription.id}`)).json());
    const first = detail.deliveries[0];
    if (!first) throw new Error('no delivery');
    const res = await call('POST', `/v1/subscriptions/${unitSub.subscription.id}/deliveries/${first.id}/replay`);
    expect(res.status).toBe(202);
    DeliveryView.parse(((await res.json()) as { delivery: unknown }).delivery);
    await until('the replay', () => receiver.notifications().filter((n) => n.id === first.id).length === 2);
  });
});

describe('a receiver that keeps failing', () => {
  it('is paused after failing long enough, and resumed by its owner gets what was held', async () => {
    const s = await subscribe({ target: { kind: 'document', workId: '09-2022-TT-BLDTBXH' }, webhookUrl: failing.url }, 'citizen-c');
    // A reviewer's edit is a change of the document: it reaches the new subscriber.
    const reviewer = await api.token(['reviewer']);
    const added = await fetch(`${api.base}/v1/documents/09-2022-TT-BLDTBXH/relations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${reviewer}` },
      body: JSON.stringify({ relation: { type: 'cites', direction: 'outgoing', other: '02/2023/TT-BLĐTBXH' }, reason: 'thử theo dõi' }),
    });
    expect(added.status).toBeLessThan(300);
    await until(
      'the pause',
      async () =>
        SubscriptionDetailResponse.parse(await (await call('GET', `/v1/subscriptions/${s.subscription.id}`, undefined, 'citizen-c')).json()).subscription
          .pausedAt !== null,
      15_000,
    );
    const paused = SubscriptionDetailResponse.parse(await (await call('GET', `/v1/subscriptions/${s.subscription.id}`, undefined, 'citizen-c')).json());
    expect(paused.subscription.pauseReason).toMatch(/HTTP 500/);
    expect(paused.deliveries.every((d) => d.state === 'held')).toBe(true);
    const tries = failing.got.length;
    await new Promise((r) => setTimeout(r, 600));
    expect(failing.got.length).toBe(tries);
    failing.status = 204;
    const resumed = await call('PATCH', `/v1/subscriptions/${s.subscription.id}`, { action: 'resume' }, 'citizen-c');
    expect(resumed.status).toBe(200);
    await until('the held deliveries', async () =>
      SubscriptionDetailResponse.parse(await (await call('GET', `/v1/subscriptions/${s.subscription.id}`, undefined, 'citizen-c')).json()).deliveries.every(
        (d) => d.state === 'delivered',
      ),
    );
    // Cancelled: kept, and told nothing more.
    const cancelled = await call('PATCH', `/v1/subscriptions/${s.subscription.id}`, { action: 'cancel' }, 'citizen-c');
    expect(cancelled.status).toBe(200);
    const count = failing.got.length;
    await fetch(`${api.base}/v1/documents/09-2022-TT-BLDTBXH/relations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${reviewer}` },
      body: JSON.stringify({ relation: { type: 'cites', direction: 'outgoing', other: '169/QĐ-BLĐTBXH' }, reason: 'thử hủy theo dõi' }),
    });
    await api.index();
    await notifyLocally(api.embedded);
    expect(failing.got.length).toBe(count);
    expect(api.streamErrors).toEqual([]);
  });
});
