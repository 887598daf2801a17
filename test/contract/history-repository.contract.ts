/**
 * The HistoryRepository contract: append-only, idempotent by event id, per-document order, a resumable feed, and the
 * same events newest first in pages that follow one another without a repeat or a gap (the Atom feed).
 */
import type { HistoryEvent } from '../../domain/history/types';
import type { HistoryRepository } from '../../domain/ports';

const event = (workId: string, n: number, recordedAt: string): HistoryEvent => ({
  id: `${workId}:e${n}`,
  workId,
  kind: n === 0 ? 'document.created' : 'status.changed',
  recordedAt,
  actor: 'system',
  reason: null,
  summary: `sự kiện ${n} của ${workId}`,
  ...(n > 0 ? { status: { from: 'in_force', to: 'expired', on: recordedAt.slice(0, 10), reasons: ['Bị thay thế'] } } : {}),
});

/** `make(now)`: a repository on an empty store whose clock is `now` (the feed may hold back events newer than a few seconds). */
export function historyRepositoryContract(name: string, make: (now: () => Date) => Promise<HistoryRepository>): void {
  describe(`HistoryRepository contract: ${name}`, () => {
    let clock = new Date('2026-01-01T00:00:00.000Z');
    let repo: HistoryRepository;
    beforeAll(async () => {
      repo = await make(() => clock);
    });

    /** Every page of `recent` from the newest, following `older` until null. */
    const walkRecent = async (limit: number) => {
      const pages: string[][] = [];
      let before: string | null = null;
      for (let i = 0; i < 50; i++) {
        const page = await repo.recent(before, limit);
        expect(page.items.length).toBeLessThanOrEqual(limit);
        pages.push(page.items.map((e) => e.id));
        if (page.older === null) return pages;
        expect(typeof page.older).toBe('string');
        before = page.older;
      }
      throw new Error('recent: no last page');
    };

    it('reads an empty history newest first as one empty last page', async () => {
      expect(await repo.recent(null, 10)).toEqual({ items: [], older: null });
    });

    it('appends once per id and lists a document’s events oldest first', async () => {
      const a = [event('A', 0, '2024-01-05T01:00:00.000Z'), event('A', 1, '2024-03-07T01:00:00.000Z')];
      await repo.append(a);
      await repo.append([{ ...a[0], recordedAt: '2025-01-01T00:00:00.000Z', summary: 'replayed' } as HistoryEvent]);
      const got = await repo.forWork('A');
      expect(got.map((e) => e.id)).toEqual(['A:e0', 'A:e1']);
      expect(got[0]).toEqual(a[0]);
      expect(await repo.forWork('nobody')).toEqual([]);
    });

    it('serves every event across months in order, resumable from any cursor, empty pages included', async () => {
      await repo.append([event('B', 0, '2024-02-10T01:00:00.000Z'), event('B', 1, '2024-05-01T01:00:00.000Z'), event('C', 0, '2024-05-01T02:00:00.000Z')]);
      const ids: string[] = [];
      let cursor: string | null = null;
      for (let i = 0; i < 20; i++) {
        const page = await repo.feed(cursor, 2);
        ids.push(...page.items.map((e) => e.id));
        expect(typeof page.cursor).toBe('string');
        cursor = page.cursor;
        if (page.items.length === 0) break;
      }
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.sort()).toEqual(['A:e0', 'A:e1', 'B:e0', 'B:e1', 'C:e0'].sort());
      // Nothing more after the last cursor; a later event shows up from it.
      expect((await repo.feed(cursor, 10)).items).toEqual([]);
      clock = new Date('2026-03-01T00:00:00.000Z');
      await repo.append([event('D', 0, '2026-02-27T00:00:00.000Z')]);
      const next = await repo.feed(cursor, 10);
      expect(next.items.map((e) => e.id)).toEqual(['D:e0']);
      expect((await repo.feed(next.cursor, 10)).items).toEqual([]);
    });

    it('reads the feed newest first in pages that neither repeat nor skip an event, the last one saying so', async () => {
      const order: string[] = [];
      for (let cursor: string | null = null, i = 0; i < 50; i++) {
        const page: Awaited<ReturnType<typeof repo.feed>> = await repo.feed(cursor, 100);
        if (page.items.length === 0) break;
        order.push(...page.items.map((e) => e.id));
        cursor = page.cursor;
      }
      const newestFirst = [...order].reverse();
      expect(newestFirst).toHaveLength(6);
      for (const limit of [1, 2, 5, 100]) {
        const pages = await walkRecent(limit);
        expect(pages.flat()).toEqual(newestFirst);
        // An engine may end a bounded read early (DynamoDB: so many months a call); here no page but the last is empty.
        for (const p of pages.slice(0, -1)) expect(p.length).toBeGreaterThan(0);
      }
      const top = await repo.recent(null, 2);
      expect(top.items.map((e) => e.id)).toEqual(newestFirst.slice(0, 2));
      expect(top.items[0]).toEqual(event('D', 0, '2026-02-27T00:00:00.000Z'));
      // A newer event shows on top; an older page already handed out still continues where it was.
      clock = new Date('2026-03-02T00:00:00.000Z');
      await repo.append([event('E', 0, '2026-03-01T12:00:00.000Z')]);
      const rest = await repo.recent(top.older, 100);
      expect(rest.items.map((e) => e.id)).toEqual(newestFirst.slice(2));
      expect(rest.older).toBeNull();
      expect((await repo.recent(null, 1)).items.map((e) => e.id)).toEqual(['E:e0']);
    });

    it('rejects a tampered cursor, and the cursors of one reading in the other', async () => {
      await expect(repo.feed('bm90IGEgY3Vyc29y', 10)).rejects.toMatchObject({ code: 'validation' });
      await expect(repo.recent('bm90IGEgY3Vyc29y', 10)).rejects.toMatchObject({ code: 'validation' });
      const older = (await repo.recent(null, 1)).older as string;
      const cursor = (await repo.feed(null, 1)).cursor;
      await expect(repo.feed(older, 10)).rejects.toMatchObject({ code: 'validation' });
      await expect(repo.recent(cursor, 10)).rejects.toMatchObject({ code: 'validation' });
    });
  });
}
