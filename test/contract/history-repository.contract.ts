/** The HistoryRepository contract: append-only, idempotent by event id, per-document order, a resumable feed. */
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

    it('rejects a tampered cursor', async () => {
      await expect(repo.feed('bm90IGEgY3Vyc29y', 10)).rejects.toMatchObject({ code: 'validation' });
    });
  });
}
