/** The history on SQLite: one row per event, `seq` (autoincrement, assigned at commit) orders the change feed. */
import { decodeCursor, encodeCursor } from '../cursor';
import type { FeedPage, HistoryEvent } from '../../domain/history/types';
import type { HistoryRepository, RecentPage } from '../../domain/ports';
import type { Db } from './db';

const isSeq = (v: unknown): v is { s: number } =>
  typeof v === 'object' && v !== null && Number.isSafeInteger((v as { s: unknown }).s) && (v as { s: number }).s >= 0;

/** The `recent` cursor: the seq the next older page stays below (a key of its own, so a feed cursor is refused). */
const isBefore = (v: unknown): v is { b: number } =>
  typeof v === 'object' && v !== null && Number.isSafeInteger((v as { b: unknown }).b) && (v as { b: number }).b > 0;

export class SqliteHistoryRepository implements HistoryRepository {
  constructor(private readonly db: Db) {}

  async append(events: HistoryEvent[]): Promise<void> {
    if (events.length === 0) return;
    const insert = this.db.prepare('INSERT INTO history (id, work_id, recorded_at, body) VALUES (?, ?, ?, ?) ON CONFLICT(id) DO NOTHING');
    this.db
      .transaction(() => {
        for (const e of events) insert.run(e.id, e.workId, e.recordedAt, JSON.stringify(e));
      })
      .immediate();
  }

  async forWork(workId: string): Promise<HistoryEvent[]> {
    const rows = this.db.prepare('SELECT body FROM history WHERE work_id = ? ORDER BY seq').all(workId) as { body: string }[];
    return rows.map((r) => JSON.parse(r.body) as HistoryEvent);
  }

  async feed(since: string | null, limit: number): Promise<FeedPage> {
    const after = since ? decodeCursor(since, isSeq).s : 0;
    const rows = this.db.prepare('SELECT seq, body FROM history WHERE seq > ? ORDER BY seq LIMIT ?').all(after, limit) as { seq: number; body: string }[];
    const last = rows[rows.length - 1];
    return { items: rows.map((r) => JSON.parse(r.body) as HistoryEvent), cursor: encodeCursor({ s: last ? last.seq : after }) };
  }

  async recent(before: string | null, limit: number): Promise<RecentPage> {
    const below = before ? decodeCursor(before, isBefore).b : Number.MAX_SAFE_INTEGER;
    // One row more than asked says whether an older page exists.
    const rows = this.db.prepare('SELECT seq, body FROM history WHERE seq < ? ORDER BY seq DESC LIMIT ?').all(below, limit + 1) as {
      seq: number;
      body: string;
    }[];
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map((r) => JSON.parse(r.body) as HistoryEvent),
      older: rows.length > limit && last ? encodeCursor({ b: last.seq }) : null,
    };
  }
}
