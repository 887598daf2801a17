/**
 * The sender and the notifier's run (domain/services/subscriptions.ts) on the SQLite repository with a fake webhook
 * and a clock the test moves: a failing receiver's deliveries reach it in the order recorded once it answers; a
 * replay that lands while a POST is under way is not lost and does not crash the run; a dispatch that fails does not
 * keep the due deliveries back; a resume cut short is completed by repeating it.
 */
import { openDatabase } from '../../../adapters/sqlite/db';
import { SqliteSubscriptionRepository } from '../../../adapters/sqlite/subscription-repository';
import type { SubscriptionRepository, WebhookResult, WebhookSender } from '../../../domain/ports';
import { notifySubscribers, type SubscriptionPorts, sendDue, updateSubscription } from '../../../domain/services/subscriptions';
import type { Delivery, Subscription } from '../../../domain/subscriptions/types';

const RETRY = { firstMs: 60_000, maxMs: 600_000, pauseAfterMs: 24 * 3600_000 };

function setup() {
  const repo: SubscriptionRepository = new SqliteSubscriptionRepository(openDatabase(':memory:'));
  let now = Date.parse('2026-12-07T10:00:00Z');
  const clock = { now: () => new Date(now) };
  const got: string[] = [];
  let answer: (id: string) => WebhookResult | Promise<WebhookResult> = () => ({ ok: true, status: 204, error: null });
  const sender: WebhookSender = {
    refuse: async () => null,
    post: async (_url, body) => {
      const id = (JSON.parse(body) as { id: string }).id;
      const r = await answer(id);
      if (r.ok) got.push(id);
      return r;
    },
  };
  const sub: Subscription = {
    id: 'sub_a',
    owner: 'o',
    target: { kind: 'document', workId: 'w' },
    webhookUrl: 'https://hooks.example.vn/x',
    secret: 'whsec_x',
    label: null,
    createdAt: '2026-12-01T00:00:00.000Z',
    cancelledAt: null,
    pausedAt: null,
    pauseReason: null,
    failingSince: null,
    revision: 1,
  };
  const delivery = (k: number): Delivery => ({
    id: `d${k}`,
    subscriptionId: sub.id,
    eventId: `e${k}`,
    recordedAt: `2026-12-07T09:00:0${k}.000Z`,
    createdAt: '2026-12-07T09:59:00.000Z',
    state: 'pending',
    attempts: 0,
    nextAttemptAt: '2026-12-07T10:00:00.000Z',
    lastAttemptAt: null,
    lastError: null,
    deliveredAt: null,
    notification: {
      id: `d${k}`,
      subscription: { id: sub.id, target: sub.target, label: null },
      event: { id: `e${k}`, kind: 'status.changed', workId: 'w', recordedAt: `2026-12-07T09:00:0${k}.000Z`, actor: 'system', reason: null, summary: `e${k}` },
      document: { id: 'w', number: null, title: null },
    },
    revision: 1,
  });
  return {
    repo,
    sub,
    delivery,
    got,
    clock,
    sender,
    advance: (ms: number) => {
      now += ms;
    },
    answerWith: (f: typeof answer) => {
      answer = f;
    },
  };
}

it('holds a failing subscription’s other deliveries behind the failing one, then sends them in the order recorded', async () => {
  const t = setup();
  await t.repo.create(t.sub);
  await t.repo.enqueue([1, 2, 3, 4].map(t.delivery));
  t.answerWith((id) => (id === 'd1' ? { ok: false, status: 503, error: null } : { ok: true, status: 204, error: null }));
  const first = await sendDue({ subscriptions: t.repo, clock: t.clock }, t.sender, { retry: RETRY, random: () => 0 });
  expect(first).toMatchObject({ sent: 0, failed: 1, deferred: 3 });
  expect(t.got).toEqual([]);
  // Before the retry nothing is due; the receiver answers again; at the retry all four go, in order.
  t.advance(30_000);
  expect((await sendDue({ subscriptions: t.repo, clock: t.clock }, t.sender, { retry: RETRY })).seen).toBe(0);
  t.answerWith(() => ({ ok: true, status: 204, error: null }));
  t.advance(30_000);
  await sendDue({ subscriptions: t.repo, clock: t.clock }, t.sender, { retry: RETRY });
  expect(t.got).toEqual(['d1', 'd2', 'd3', 'd4']);
  const s = await t.repo.get(t.sub.id);
  expect([s?.failingSince, s?.retryAt]).toEqual([null, null]);
});

it('leaves a delivery replayed during its POST to the replay, and goes on with the run', async () => {
  const t = setup();
  await t.repo.create(t.sub);
  await t.repo.enqueue([1, 2].map(t.delivery));
  t.answerWith(async (id) => {
    if (id === 'd1') {
      // The owner asks for d1 again while it is being sent: its revision moves on.
      const d = await t.repo.delivery(t.sub.id, 'd1');
      if (d) await t.repo.updateDelivery({ ...d, nextAttemptAt: t.clock.now().toISOString() });
    }
    return { ok: true, status: 204, error: null };
  });
  const r = await sendDue({ subscriptions: t.repo, clock: t.clock }, t.sender, { retry: RETRY });
  expect(r.sent).toBe(2);
  // The replay stands: d1 is due again (and will be sent again, as asked); d2 is delivered.
  expect((await t.repo.delivery(t.sub.id, 'd1'))?.state).toBe('pending');
  expect((await t.repo.delivery(t.sub.id, 'd2'))?.state).toBe('delivered');
});

it('sends what is due even when matching the history fails, and says why', async () => {
  const t = setup();
  await t.repo.create(t.sub);
  await t.repo.enqueue([t.delivery(1)]);
  const failingHistory = {
    append: async () => undefined,
    forWork: async () => [],
    feed: async () => {
      throw new Error('search index unavailable');
    },
    recent: async () => ({ items: [], older: null }),
  };
  const ports = { subscriptions: t.repo, clock: t.clock, history: failingHistory } as unknown as SubscriptionPorts;
  const r = await notifySubscribers(ports, t.sender, RETRY, 5_000);
  expect(r.dispatchError).toBe('search index unavailable');
  expect(r.sent).toBe(1);
  expect(t.got).toEqual(['d1']);
});

it('completes a resume that was cut short when it is repeated', async () => {
  const t = setup();
  await t.repo.create({ ...t.sub, pausedAt: '2026-12-06T00:00:00.000Z', pauseReason: 'x' });
  await t.repo.enqueue([1, 2].map((k) => ({ ...t.delivery(k), state: 'held' as const, nextAttemptAt: null })));
  // The first resume stored the subscription, then failed before its sweep (simulated: unpause directly).
  const s = await t.repo.get(t.sub.id);
  if (!s) throw new Error('no subscription');
  await t.repo.update({ ...s, pausedAt: null, pauseReason: null });
  expect((await t.repo.inState(t.sub.id, 'held', 10)).length).toBe(2);
  await updateSubscription({ subscriptions: t.repo, clock: t.clock }, 'o', t.sub.id, 'resume');
  expect(await t.repo.inState(t.sub.id, 'held', 10)).toEqual([]);
  await sendDue({ subscriptions: t.repo, clock: t.clock }, t.sender, { retry: RETRY });
  expect(t.got).toEqual(['d1', 'd2']);
});
