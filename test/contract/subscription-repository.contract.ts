/**
 * The SubscriptionRepository contract (docs/adr/0022): subscriptions by id and by owner, cancelled ones kept;
 * optimistic updates (concurrent writers: one wins, the other gets a ConflictError, nothing is dropped silently);
 * deliveries enqueued once per id whatever the replays, paged newest first, due ones soonest first; one cursor moved
 * only from the value read.
 */
import { randomUUID } from 'node:crypto';
import { ConflictError } from '../../domain/errors';
import type { SubscriptionRepository } from '../../domain/ports';
import type { Delivery, Subscription } from '../../domain/subscriptions/types';

const subscription = (id: string, owner: string, at = '2026-12-01T01:00:00.000Z'): Subscription => ({
  id,
  owner,
  target: { kind: 'unit', workId: '09/2022/TT-BLĐTBXH', eId: 'art_5__para_2' },
  webhookUrl: 'https://hooks.example.vn/csdl',
  secret: 'whsec_test',
  label: 'Khoản 2 Điều 5',
  createdAt: at,
  cancelledAt: null,
  pausedAt: null,
  pauseReason: null,
  failingSince: null,
  revision: 1,
});

const delivery = (subscriptionId: string, k: number, state: Delivery['state'] = 'pending', next: string | null = null): Delivery => ({
  id: `${subscriptionId}-d${String(k).padStart(4, '0')}`,
  subscriptionId,
  eventId: `ev-${k}`,
  recordedAt: `2026-12-01T02:${String(Math.floor(k / 60)).padStart(2, '0')}:${String(k % 60).padStart(2, '0')}.000Z`,
  createdAt: '2026-12-01T03:00:00.000Z',
  state,
  attempts: 0,
  nextAttemptAt: state === 'pending' ? (next ?? '2026-12-01T03:00:00.000Z') : null,
  lastAttemptAt: null,
  lastError: null,
  deliveredAt: null,
  notification: {
    id: `${subscriptionId}-d${k}`,
    subscription: { id: subscriptionId, target: { kind: 'document', workId: 'w' }, label: null },
    event: {
      id: `ev-${k}`,
      kind: 'relations.changed',
      workId: 'w',
      recordedAt: '2026-12-01T02:00:00.000Z',
      actor: 'system',
      reason: null,
      summary: `sự kiện ${k}`,
    },
    document: { id: 'w', number: '09/2022/TT-BLĐTBXH', title: 'Thông tư' },
  },
  revision: 1,
});

export function subscriptionRepositoryContract(name: string, make: () => Promise<SubscriptionRepository>): void {
  describe(`SubscriptionRepository contract: ${name}`, () => {
    let repo: SubscriptionRepository;
    beforeAll(async () => {
      repo = await make();
    });
    const fresh = () => `sub_${randomUUID().replace(/-/g, '')}`;

    it('stores a subscription once, reads it by id and by owner, and keeps a cancelled one', async () => {
      const owner = `owner-${randomUUID()}`;
      const a = subscription(fresh(), owner, '2026-12-01T01:00:00.000Z');
      const b = subscription(fresh(), owner, '2026-12-02T01:00:00.000Z');
      await repo.create(a);
      await repo.create(b);
      await expect(repo.create(a)).rejects.toBeInstanceOf(ConflictError);
      expect(await repo.get(a.id)).toEqual(a);
      expect(await repo.get(fresh())).toBeNull();
      const cancelled = await repo.update({ ...b, cancelledAt: '2026-12-03T01:00:00.000Z' });
      expect(cancelled.revision).toBe(2);
      expect((await repo.byOwner(owner)).map((s) => [s.id, s.cancelledAt])).toEqual([
        [a.id, null],
        [b.id, '2026-12-03T01:00:00.000Z'],
      ]);
      const active = (await repo.active()).map((s) => s.id);
      expect(active).toContain(a.id);
      expect(active).not.toContain(b.id);
    });

    it('updates optimistically: of two writers that read the same revision, one wins and the other is refused', async () => {
      const s = subscription(fresh(), `owner-${randomUUID()}`);
      await repo.create(s);
      const results = await Promise.allSettled([
        repo.update({ ...s, pausedAt: '2026-12-04T00:00:00.000Z', pauseReason: 'a' }),
        repo.update({ ...s, label: 'b' }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(refused.reason).toBeInstanceOf(ConflictError);
      expect((await repo.get(s.id))?.revision).toBe(2);
      await expect(repo.update({ ...s, revision: 7 })).rejects.toBeInstanceOf(ConflictError);
    });

    it('enqueues each delivery once, however often the feed is replayed, and pages them newest first', async () => {
      const s = subscription(fresh(), `owner-${randomUUID()}`);
      await repo.create(s);
      const batch = Array.from({ length: 25 }, (_, k) => delivery(s.id, k));
      expect(await repo.enqueue(batch)).toBe(25);
      expect(await repo.enqueue([...batch.slice(20), delivery(s.id, 25)])).toBe(1);
      expect(await repo.enqueue([])).toBe(0);
      const seen: string[] = [];
      let before: string | null = null;
      for (let pages = 0; pages < 10; pages++) {
        const page = await repo.deliveries(s.id, before, 10);
        seen.push(...page.items.map((d) => d.eventId));
        if (!page.older) break;
        before = page.older;
      }
      expect(seen).toEqual(Array.from({ length: 26 }, (_, k) => `ev-${25 - k}`));
      expect(await repo.delivery(s.id, batch[3]?.id ?? '')).toEqual(batch[3]);
      expect(await repo.delivery(s.id, 'nope')).toBeNull();
    });

    it('answers the due deliveries soonest first, and a delivery leaves them when it is no longer pending', async () => {
      const s = subscription(fresh(), `owner-${randomUUID()}`);
      await repo.create(s);
      const late = delivery(s.id, 1, 'pending', '2099-01-01T00:00:02.000Z');
      const soon = delivery(s.id, 2, 'pending', '2099-01-01T00:00:01.000Z');
      const later = delivery(s.id, 3, 'pending', '2099-06-01T00:00:00.000Z');
      const recorded = delivery(s.id, 4, 'recorded');
      await repo.enqueue([late, soon, later, recorded]);
      const ours = async (now: string) => (await repo.due(now, 1000)).filter((d) => d.subscriptionId === s.id).map((d) => d.id);
      expect(await ours('2099-01-01T00:00:05.000Z')).toEqual([soon.id, late.id]);
      const sent = await repo.updateDelivery({ ...soon, state: 'delivered', nextAttemptAt: null, attempts: 1, deliveredAt: '2099-01-01T00:00:03.000Z' });
      expect(sent.revision).toBe(2);
      await expect(repo.updateDelivery({ ...soon, state: 'dead' })).rejects.toBeInstanceOf(ConflictError);
      expect(await ours('2099-01-01T00:00:05.000Z')).toEqual([late.id]);
      await repo.updateDelivery({ ...late, state: 'held', nextAttemptAt: null });
      expect(await ours('2099-12-31T00:00:00.000Z')).toEqual([later.id]);
      expect((await repo.inState(s.id, 'held', 10)).map((d) => d.id)).toEqual([late.id]);
      // A subscription's deliveries due at the same moment come in the order recorded (not by id).
      const t = '2099-02-01T00:00:00.000Z';
      const older = { ...delivery(s.id, 10, 'pending', t), id: `${s.id}-z`, recordedAt: '2026-12-01T00:00:00.000Z' };
      const newer = { ...delivery(s.id, 11, 'pending', t), id: `${s.id}-a`, recordedAt: '2026-12-02T00:00:00.000Z' };
      await repo.enqueue([newer, older]);
      expect((await ours('2099-02-01T00:00:00.000Z')).slice(-2)).toEqual([older.id, newer.id]);
      expect((await repo.inState(s.id, 'recorded', 10)).map((d) => d.id)).toEqual([recorded.id]);
    });

    it('moves the cursor only from the value read', async () => {
      const start = await repo.cursor();
      const next = `c-${randomUUID()}`;
      await repo.setCursor(next, start);
      expect(await repo.cursor()).toBe(next);
      await expect(repo.setCursor('other', start)).rejects.toBeInstanceOf(ConflictError);
      expect(await repo.cursor()).toBe(next);
    });
  });
}
