/**
 * Import jobs of the Bộ pháp điển (docs/adr/0010) on SQLite, for the local runtime: one row per job and one per
 * recorded file (bodies as JSON). A file and the job's counters are written in one transaction, so a message
 * delivered twice counts once. The tables are created here (IF NOT EXISTS) rather than in a numbered migration:
 * they are operational state of this feature only, and nothing else reads them.
 */
import { ConflictError } from '../../domain/errors';
import type { ImportFileRecord, ImportJob, ImportJobRepository, ImportReport } from '../../domain/ports';
import type { Db } from './db';

export class SqliteImportJobRepository implements ImportJobRepository {
  constructor(private readonly db: Db) {
    db.exec(`CREATE TABLE IF NOT EXISTS codify_imports (id TEXT PRIMARY KEY, body TEXT NOT NULL) STRICT;
             CREATE TABLE IF NOT EXISTS codify_import_files (
               import_id TEXT NOT NULL,
               file TEXT NOT NULL,
               body TEXT NOT NULL,
               PRIMARY KEY (import_id, file)
             ) STRICT;`);
  }

  private read(id: string): ImportJob | null {
    const row = this.db.prepare('SELECT body FROM codify_imports WHERE id = ?').get(id) as { body: string } | undefined;
    return row ? (JSON.parse(row.body) as ImportJob) : null;
  }

  private write(job: ImportJob): void {
    this.db.prepare('UPDATE codify_imports SET body = ? WHERE id = ?').run(JSON.stringify(job), job.id);
  }

  async create(job: ImportJob): Promise<void> {
    const res = this.db.prepare('INSERT INTO codify_imports (id, body) VALUES (?, ?) ON CONFLICT(id) DO NOTHING').run(job.id, JSON.stringify(job));
    if (res.changes === 0) throw new ConflictError(`Import ${job.id} exists already`, { id: job.id });
  }

  async get(id: string): Promise<ImportJob | null> {
    return this.read(id);
  }

  async start(id: string, total: number, topics: number, at: string): Promise<ImportJob> {
    return this.db
      .transaction(() => {
        const job = this.read(id);
        if (!job) throw new ConflictError(`Import ${id} does not exist`, { id });
        if (job.status !== 'pending') return job;
        const started: ImportJob = { ...job, status: 'running', total, topics, startedAt: at };
        this.write(started);
        return started;
      })
      .immediate();
  }

  async hasFile(id: string, file: string): Promise<boolean> {
    return this.db.prepare('SELECT 1 FROM codify_import_files WHERE import_id = ? AND file = ?').get(id, file) !== undefined;
  }

  async recordFile(id: string, record: ImportFileRecord): Promise<boolean> {
    return this.db
      .transaction(() => {
        const job = this.read(id);
        if (!job) throw new ConflictError(`Import ${id} does not exist`, { id });
        const res = this.db
          .prepare('INSERT INTO codify_import_files (import_id, file, body) VALUES (?, ?, ?) ON CONFLICT DO NOTHING')
          .run(id, record.file, JSON.stringify(record));
        if (res.changes === 0) return false;
        const t = { ...job.totals };
        if (record.ok) {
          t.headings++;
          t.articles += record.articles;
          t.added += record.added;
          t.removed += record.removed;
          t.changed += record.changed;
          t.unchanged += record.unchanged;
          if (!record.written) t.unwritten++;
          t.diagnostics += record.diagnostics.length;
        }
        this.write({ ...job, done: job.done + (record.ok ? 1 : 0), failed: job.failed + (record.ok ? 0 : 1), totals: t });
        return true;
      })
      .immediate();
  }

  async listFiles(id: string): Promise<ImportFileRecord[]> {
    const rows = this.db.prepare('SELECT body FROM codify_import_files WHERE import_id = ? ORDER BY file').all(id) as { body: string }[];
    return rows.map((r) => JSON.parse(r.body) as ImportFileRecord);
  }

  async complete(id: string, report: ImportReport, at: string): Promise<boolean> {
    return this.db
      .transaction(() => {
        const job = this.read(id);
        if (job?.status !== 'running' || job.total === null || job.done + job.failed < job.total) return false;
        this.write({ ...job, status: 'complete', report, completedAt: at });
        return true;
      })
      .immediate();
  }
}
