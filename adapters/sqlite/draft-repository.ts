/**
 * Drafts (domain/drafting, docs/adr/0014) on SQLite: one row per draft (optimistic lock on `revision`) and one per
 * version, comment, appraisal and checking finding (bodies as JSON), so concurrent comments are separate inserts;
 * idempotency records (issue 22) are inserted once per (draft, key).
 * The tables are created here (IF NOT EXISTS) rather than in a numbered migration: nothing else reads them.
 */
import { ConflictError } from '../../domain/errors';
import type { Appraisal, CheckingFinding, Draft, DraftComment, DraftRequest, DraftVersion } from '../../domain/drafting/types';
import type { DraftRepository } from '../../domain/ports';
import type { Db } from './db';

export class SqliteDraftRepository implements DraftRepository {
  constructor(private readonly db: Db) {
    db.exec(`CREATE TABLE IF NOT EXISTS drafts (id TEXT PRIMARY KEY, revision INTEGER NOT NULL, body TEXT NOT NULL) STRICT;
             CREATE TABLE IF NOT EXISTS draft_versions (draft_id TEXT NOT NULL, n INTEGER NOT NULL, body TEXT NOT NULL, PRIMARY KEY (draft_id, n)) STRICT;
             CREATE TABLE IF NOT EXISTS draft_comments (
               draft_id TEXT NOT NULL, id TEXT NOT NULL, created_at TEXT NOT NULL, revision INTEGER NOT NULL, body TEXT NOT NULL,
               PRIMARY KEY (draft_id, id)
             ) STRICT;
             CREATE TABLE IF NOT EXISTS draft_requests (draft_id TEXT NOT NULL, key TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (draft_id, key)) STRICT;
             CREATE TABLE IF NOT EXISTS draft_appraisals (draft_id TEXT NOT NULL, id TEXT NOT NULL, at TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (draft_id, id)) STRICT;
             CREATE TABLE IF NOT EXISTS checking_findings (work_id TEXT NOT NULL, id TEXT NOT NULL, at TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (work_id, id)) STRICT;`);
  }

  async createDraft(draft: Draft): Promise<Draft> {
    const stored = { ...draft, revision: 1 };
    const res = this.db.prepare('INSERT INTO drafts (id, revision, body) VALUES (?, 1, ?) ON CONFLICT(id) DO NOTHING').run(draft.id, JSON.stringify(stored));
    if (res.changes === 0) throw new ConflictError(`Draft ${draft.id} exists already`, { id: draft.id });
    return stored;
  }

  async getDraft(id: string): Promise<Draft | null> {
    const row = this.db.prepare('SELECT body FROM drafts WHERE id = ?').get(id) as { body: string } | undefined;
    return row ? (JSON.parse(row.body) as Draft) : null;
  }

  async saveDraft(draft: Draft, expectedRevision: number): Promise<Draft> {
    const stored = { ...draft, revision: expectedRevision + 1 };
    const res = this.db
      .prepare('UPDATE drafts SET revision = ?, body = ? WHERE id = ? AND revision = ?')
      .run(stored.revision, JSON.stringify(stored), draft.id, expectedRevision);
    if (res.changes === 0) throw new ConflictError(`Draft ${draft.id} changed since revision ${expectedRevision}`, { id: draft.id });
    return stored;
  }

  async putVersion(version: DraftVersion): Promise<void> {
    const res = this.db
      .prepare('INSERT INTO draft_versions (draft_id, n, body) VALUES (?, ?, ?) ON CONFLICT DO NOTHING')
      .run(version.draftId, version.n, JSON.stringify(version));
    if (res.changes === 0) throw new ConflictError(`Draft ${version.draftId} has a version ${version.n} already`, { id: version.draftId });
  }

  async getVersion(draftId: string, n: number): Promise<DraftVersion | null> {
    const row = this.db.prepare('SELECT body FROM draft_versions WHERE draft_id = ? AND n = ?').get(draftId, n) as { body: string } | undefined;
    return row ? (JSON.parse(row.body) as DraftVersion) : null;
  }

  async listVersions(draftId: string): Promise<DraftVersion[]> {
    return (this.db.prepare('SELECT body FROM draft_versions WHERE draft_id = ? ORDER BY n').all(draftId) as { body: string }[]).map(
      (r) => JSON.parse(r.body) as DraftVersion,
    );
  }

  async addComment(comment: DraftComment): Promise<void> {
    const res = this.db
      .prepare('INSERT INTO draft_comments (draft_id, id, created_at, revision, body) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING')
      .run(comment.draftId, comment.id, comment.createdAt, comment.revision, JSON.stringify(comment));
    if (res.changes === 0) throw new ConflictError(`Comment ${comment.id} exists already`, { id: comment.id });
  }

  async getComment(draftId: string, commentId: string): Promise<DraftComment | null> {
    const row = this.db.prepare('SELECT body FROM draft_comments WHERE draft_id = ? AND id = ?').get(draftId, commentId) as { body: string } | undefined;
    return row ? (JSON.parse(row.body) as DraftComment) : null;
  }

  async saveComment(comment: DraftComment, expectedRevision: number): Promise<DraftComment> {
    const stored = { ...comment, revision: expectedRevision + 1 };
    const res = this.db
      .prepare('UPDATE draft_comments SET revision = ?, body = ? WHERE draft_id = ? AND id = ? AND revision = ?')
      .run(stored.revision, JSON.stringify(stored), comment.draftId, comment.id, expectedRevision);
    if (res.changes === 0) throw new ConflictError(`Comment ${comment.id} changed since revision ${expectedRevision}`, { id: comment.id });
    return stored;
  }

  async listComments(draftId: string): Promise<DraftComment[]> {
    return (this.db.prepare('SELECT body FROM draft_comments WHERE draft_id = ? ORDER BY created_at, id').all(draftId) as { body: string }[]).map(
      (r) => JSON.parse(r.body) as DraftComment,
    );
  }

  async recordRequest(request: DraftRequest): Promise<DraftRequest> {
    this.db
      .prepare('INSERT INTO draft_requests (draft_id, key, body) VALUES (?, ?, ?) ON CONFLICT DO NOTHING')
      .run(request.draftId, request.key, JSON.stringify(request));
    const row = this.db.prepare('SELECT body FROM draft_requests WHERE draft_id = ? AND key = ?').get(request.draftId, request.key) as { body: string };
    return JSON.parse(row.body) as DraftRequest;
  }

  async addAppraisal(appraisal: Appraisal): Promise<void> {
    const res = this.db
      .prepare('INSERT INTO draft_appraisals (draft_id, id, at, body) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING')
      .run(appraisal.draftId, appraisal.id, appraisal.at, JSON.stringify(appraisal));
    if (res.changes === 0) throw new ConflictError(`Appraisal ${appraisal.id} exists already`, { id: appraisal.id });
  }

  async listAppraisals(draftId: string): Promise<Appraisal[]> {
    return (this.db.prepare('SELECT body FROM draft_appraisals WHERE draft_id = ? ORDER BY at, id').all(draftId) as { body: string }[]).map(
      (r) => JSON.parse(r.body) as Appraisal,
    );
  }

  async addFinding(finding: CheckingFinding): Promise<void> {
    const res = this.db
      .prepare('INSERT INTO checking_findings (work_id, id, at, body) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING')
      .run(finding.workId, finding.id, finding.at, JSON.stringify(finding));
    if (res.changes === 0) throw new ConflictError(`Finding ${finding.id} exists already`, { id: finding.id });
  }

  async listFindings(workId: string): Promise<CheckingFinding[]> {
    return (this.db.prepare('SELECT body FROM checking_findings WHERE work_id = ? ORDER BY at, id').all(workId) as { body: string }[]).map(
      (r) => JSON.parse(r.body) as CheckingFinding,
    );
  }
}
