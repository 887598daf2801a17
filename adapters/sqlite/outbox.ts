/**
 * The outbox: every write to the embedded store appends a change row in the same transaction (work-repository.ts).
 * Consumers read it in order and remember how far they got: the embedded analogue of a DynamoDB stream.
 */
import type { Db } from './db';

export interface Change {
  seq: number;
  entity: string;
  entityId: string;
  version: number;
}

export class SqliteOutbox {
  constructor(private readonly db: Db) {}

  after(seq: number, limit = 500): Change[] {
    const rows = this.db.prepare('SELECT seq, entity, entity_id, version FROM changes WHERE seq > ? ORDER BY seq LIMIT ?').all(seq, limit) as {
      seq: number;
      entity: string;
      entity_id: string;
      version: number;
    }[];
    return rows.map((r) => ({ seq: r.seq, entity: r.entity, entityId: r.entity_id, version: r.version }));
  }

  offset(consumer: string): number {
    const row = this.db.prepare('SELECT seq FROM stream_offsets WHERE consumer = ?').get(consumer) as { seq: number } | undefined;
    return row?.seq ?? 0;
  }

  commit(consumer: string, seq: number): void {
    this.db
      .prepare('INSERT INTO stream_offsets (consumer, seq) VALUES (?, ?) ON CONFLICT(consumer) DO UPDATE SET seq = MAX(seq, excluded.seq)')
      .run(consumer, seq);
  }
}
