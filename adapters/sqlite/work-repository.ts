import { ConflictError } from '../../domain/errors';
import type { Page, Work } from '../../domain/model';
import type { ListQuery, WorkRepository } from '../../domain/ports';
import { nameKeys, referenceKey } from '../../domain/refs';
import { decodeCursor, encodeCursor } from '../cursor';
import type { Db } from './db';

interface Row {
  body: string;
}

const isAfterCursor = (v: unknown): v is { after: string } => typeof v === 'object' && v !== null && typeof (v as { after?: unknown }).after === 'string';

export class SqliteWorkRepository implements WorkRepository {
  private namesReady = false;

  constructor(private readonly db: Db) {}

  async get(id: string): Promise<Work | null> {
    const row = this.db.prepare('SELECT body FROM works WHERE id = ?').get(id) as Row | undefined;
    return row ? (JSON.parse(row.body) as Work) : null;
  }

  async findByReferenceKey(key: string): Promise<Work[]> {
    const rows = this.db.prepare('SELECT body FROM works WHERE ref_key = ? ORDER BY id').all(key) as Row[];
    return rows.map((r) => JSON.parse(r.body) as Work);
  }

  async findByNameKey(key: string): Promise<Work[]> {
    this.backfillNames();
    const rows = this.db
      .prepare('SELECT w.body FROM work_names n JOIN works w ON w.id = n.work_id WHERE n.name_key = ? ORDER BY w.id LIMIT 50')
      .all(key) as Row[];
    return rows.map((r) => JSON.parse(r.body) as Work);
  }

  /** Works stored before name keys existed get theirs once (the migration cannot compute them in SQL). */
  private backfillNames(): void {
    if (this.namesReady) return;
    const pending = this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'work_names_backfill'").get();
    if (pending)
      this.db.transaction(() => {
        for (const r of this.db.prepare('SELECT body FROM works').all() as Row[]) this.writeNames(JSON.parse(r.body) as Work);
        this.db.exec('DROP TABLE work_names_backfill');
      })();
    this.namesReady = true;
  }

  private writeNames(work: Work): void {
    this.db.prepare('DELETE FROM work_names WHERE work_id = ?').run(work.id);
    for (const key of nameKeys(work)) this.db.prepare('INSERT OR IGNORE INTO work_names (name_key, work_id) VALUES (?, ?)').run(key, work.id);
  }

  async findIdBySourceHash(sha256: string): Promise<string | null> {
    const row = this.db.prepare('SELECT work_id FROM source_hashes WHERE sha256 = ?').get(sha256) as { work_id: string } | undefined;
    return row?.work_id ?? null;
  }

  async save(work: Work, expectedVersion: number): Promise<Work> {
    const stored: Work = { ...work, version: expectedVersion + 1 };
    const write = this.db.transaction(() => {
      const current = this.db.prepare('SELECT version FROM works WHERE id = ?').get(work.id) as { version: number } | undefined;
      if ((current?.version ?? 0) !== expectedVersion)
        throw new ConflictError(`Work ${work.id} is at version ${current?.version ?? 0}, not ${expectedVersion}`, { id: work.id });
      for (const s of work.sources) {
        const owner = this.db.prepare('SELECT work_id FROM source_hashes WHERE sha256 = ?').get(s.sha256) as { work_id: string } | undefined;
        if (owner && owner.work_id !== work.id) throw new ConflictError(`Source ${s.sha256} already belongs to ${owner.work_id}`, { id: owner.work_id });
        if (!owner) this.db.prepare('INSERT INTO source_hashes (sha256, work_id) VALUES (?, ?)').run(s.sha256, work.id);
      }
      this.db
        .prepare(
          `INSERT INTO works (id, version, ref_key, type, body) VALUES (@id, @version, @refKey, @type, @body)
           ON CONFLICT(id) DO UPDATE SET version = @version, ref_key = @refKey, type = @type, body = @body`,
        )
        .run({ id: work.id, version: stored.version, refKey: work.number ? referenceKey(work.number) : null, type: work.type, body: JSON.stringify(stored) });
      this.writeNames(work);
      this.db.prepare('INSERT INTO changes (entity, entity_id, version, at) VALUES (?, ?, ?, ?)').run('work', work.id, stored.version, work.updatedAt);
    });
    write.immediate();
    return stored;
  }

  async list(query: ListQuery): Promise<Page<Work>> {
    const after = query.cursor ? decodeCursor(query.cursor, isAfterCursor).after : '';
    const rows = this.db
      .prepare(`SELECT id, body FROM works WHERE id > ? ${query.type ? 'AND type = ?' : ''} ORDER BY id LIMIT ?`)
      .all(...(query.type ? [after, query.type, query.limit + 1] : [after, query.limit + 1])) as (Row & { id: string })[];
    const items = rows.slice(0, query.limit).map((r) => JSON.parse(r.body) as Work);
    const last = items[items.length - 1];
    return rows.length > query.limit && last ? { items, nextCursor: encodeCursor({ after: last.id }) } : { items };
  }
}
