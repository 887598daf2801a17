/**
 * Subscriptions and their deliveries (domain/subscriptions, docs/adr/0022) on SQLite: one row per subscription and
 * one per delivery (bodies as JSON, optimistic lock on `revision`), and the dispatcher's cursor. Created here (IF NOT
 * EXISTS), as the drafts' tables are: nothing else reads them.
 */
import { decodeCursor, encodeCursor } from '../cursor';
import { ConflictError } from '../../domain/errors';
import type { DeliveryPage, SubscriptionRepository } from '../../domain/ports';
import type { Delivery, DeliveryState, Subscription } from '../../domain/subscriptions/types';
import type { Db } from './db';

const isBefore = (v: unknown): v is { r: string; i: string } =>
  typeof v === 'object' && v !== null && typeof (v as { r: unknown }).r === 'string' && typeof (v as { i: unknown }).i === 'string';

const CURSOR_KEY = 'subscriptions';

export class SqliteSubscriptionRepository implements SubscriptionRepository {
  constructor(private readonly db: Db) {
    db.exec(`CREATE TABLE IF NOT EXISTS subscriptions (
               id TEXT PRIMARY KEY, owner TEXT NOT NULL, created_at TEXT NOT NULL, cancelled INTEGER NOT NULL, revision INTEGER NOT NULL, body TEXT NOT NULL
             ) STRICT;
             CREATE INDEX IF NOT EXISTS subscriptions_owner ON subscriptions(owner, created_at, id);
             CREATE TABLE IF NOT EXISTS deliveries (
               subscription_id TEXT NOT NULL, id TEXT NOT NULL, recorded_at TEXT NOT NULL, state TEXT NOT NULL, next_attempt_at TEXT,
               revision INTEGER NOT NULL, body TEXT NOT NULL, PRIMARY KEY (subscription_id, id)
             ) STRICT;
             CREATE INDEX IF NOT EXISTS deliveries_recorded ON deliveries(subscription_id, recorded_at, id);
             CREATE INDEX IF NOT EXISTS deliveries_due_order ON deliveries(next_attempt_at, recorded_at, id) WHERE state = 'pending';
             DROP INDEX IF EXISTS deliveries_due;
             CREATE TABLE IF NOT EXISTS dispatch_cursors (name TEXT PRIMARY KEY, cursor TEXT NOT NULL) STRICT;`);
  }

  async create(s: Subscription): Promise<void> {
    const stored = { ...s, revision: 1 };
    const res = this.db
      .prepare('INSERT INTO subscriptions (id, owner, created_at, cancelled, revision, body) VALUES (?, ?, ?, ?, 1, ?) ON CONFLICT(id) DO NOTHING')
      .run(s.id, s.owner, s.createdAt, s.cancelledAt ? 1 : 0, JSON.stringify(stored));
    if (res.changes === 0) throw new ConflictError(`Subscription ${s.id} exists already`, { id: s.id });
  }

  async get(id: string): Promise<Subscription | null> {
    const row = this.db.prepare('SELECT body FROM subscriptions WHERE id = ?').get(id) as { body: string } | undefined;
    return row ? (JSON.parse(row.body) as Subscription) : null;
  }

  async byOwner(owner: string): Promise<Subscription[]> {
    return this.bodies<Subscription>('SELECT body FROM subscriptions WHERE owner = ? ORDER BY created_at, id', owner);
  }

  async active(): Promise<Subscription[]> {
    return this.bodies<Subscription>('SELECT body FROM subscriptions WHERE cancelled = 0 ORDER BY id');
  }

  async update(s: Subscription): Promise<Subscription> {
    const stored = { ...s, revision: s.revision + 1 };
    const res = this.db
      .prepare('UPDATE subscriptions SET cancelled = ?, revision = ?, body = ? WHERE id = ? AND revision = ?')
      .run(s.cancelledAt ? 1 : 0, stored.revision, JSON.stringify(stored), s.id, s.revision);
    if (res.changes === 0) throw new ConflictError(`Subscription ${s.id} changed since revision ${s.revision}`, { id: s.id });
    return stored;
  }

  async enqueue(deliveries: Delivery[]): Promise<number> {
    const insert = this.db.prepare(
      'INSERT INTO deliveries (subscription_id, id, recorded_at, state, next_attempt_at, revision, body) VALUES (?, ?, ?, ?, ?, 1, ?) ON CONFLICT DO NOTHING',
    );
    let added = 0;
    this.db
      .transaction(() => {
        for (const d of deliveries)
          added += insert.run(d.subscriptionId, d.id, d.recordedAt, d.state, d.nextAttemptAt, JSON.stringify({ ...d, revision: 1 })).changes;
      })
      .immediate();
    return added;
  }

  async delivery(subscriptionId: string, deliveryId: string): Promise<Delivery | null> {
    const row = this.db.prepare('SELECT body FROM deliveries WHERE subscription_id = ? AND id = ?').get(subscriptionId, deliveryId) as
      | { body: string }
      | undefined;
    return row ? (JSON.parse(row.body) as Delivery) : null;
  }

  async deliveries(subscriptionId: string, before: string | null, limit: number): Promise<DeliveryPage> {
    const b = before ? decodeCursor(before, isBefore) : null;
    // One row more than asked says whether an older page exists.
    const rows = b
      ? this.db
          .prepare(
            'SELECT recorded_at, id, body FROM deliveries WHERE subscription_id = ? AND (recorded_at < ? OR (recorded_at = ? AND id < ?)) ORDER BY recorded_at DESC, id DESC LIMIT ?',
          )
          .all(subscriptionId, b.r, b.r, b.i, limit + 1)
      : this.db
          .prepare('SELECT recorded_at, id, body FROM deliveries WHERE subscription_id = ? ORDER BY recorded_at DESC, id DESC LIMIT ?')
          .all(subscriptionId, limit + 1);
    const page = (rows as { recorded_at: string; id: string; body: string }[]).slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map((r) => JSON.parse(r.body) as Delivery),
      older: rows.length > limit && last ? encodeCursor({ r: last.recorded_at, i: last.id }) : null,
    };
  }

  async inState(subscriptionId: string, state: DeliveryState, limit: number): Promise<Delivery[]> {
    return this.bodies<Delivery>(
      'SELECT body FROM deliveries WHERE subscription_id = ? AND state = ? ORDER BY recorded_at, id LIMIT ?',
      subscriptionId,
      state,
      limit,
    );
  }

  async due(now: string, limit: number): Promise<Delivery[]> {
    return this.bodies<Delivery>(
      "SELECT body FROM deliveries INDEXED BY deliveries_due_order WHERE state = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, recorded_at, id LIMIT ?",
      now,
      limit,
    );
  }

  async updateDelivery(d: Delivery): Promise<Delivery> {
    const stored = { ...d, revision: d.revision + 1 };
    const res = this.db
      .prepare('UPDATE deliveries SET state = ?, next_attempt_at = ?, revision = ?, body = ? WHERE subscription_id = ? AND id = ? AND revision = ?')
      .run(d.state, d.state === 'pending' ? d.nextAttemptAt : null, stored.revision, JSON.stringify(stored), d.subscriptionId, d.id, d.revision);
    if (res.changes === 0) throw new ConflictError(`Delivery ${d.id} changed since revision ${d.revision}`, { id: d.id });
    return stored;
  }

  async cursor(): Promise<string | null> {
    const row = this.db.prepare('SELECT cursor FROM dispatch_cursors WHERE name = ?').get(CURSOR_KEY) as { cursor: string } | undefined;
    return row?.cursor ?? null;
  }

  async setCursor(cursor: string, expected: string | null): Promise<void> {
    const res =
      expected === null
        ? this.db.prepare('INSERT INTO dispatch_cursors (name, cursor) VALUES (?, ?) ON CONFLICT DO NOTHING').run(CURSOR_KEY, cursor)
        : this.db.prepare('UPDATE dispatch_cursors SET cursor = ? WHERE name = ? AND cursor = ?').run(cursor, CURSOR_KEY, expected);
    if (res.changes === 0) throw new ConflictError('The dispatcher cursor moved since it was read', { expected });
  }

  private bodies<T>(sql: string, ...args: unknown[]): T[] {
    return (this.db.prepare(sql).all(...args) as { body: string }[]).map((r) => JSON.parse(r.body) as T);
  }
}
