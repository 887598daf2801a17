/**
 * Search on SQLite FTS5. Both columns hold domain-folded text (fold(): diacritics and đ removed), so the tokenizer
 * only splits words; the original text is kept beside for snippets. Query words become quoted FTS5 strings: user
 * text never reaches the MATCH syntax unquoted.
 */
import type { SearchEntry, SearchHit, SearchIndex, SearchQuery } from '../../domain/ports';
import { foldedWords, queryTerms } from '../../domain/text/snippet';
import type { Db } from './db';

interface HitRow {
  id: string;
  work_id: string;
  kind: SearchEntry['kind'];
  e_id: string | null;
  document_number: string | null;
  document_type: string;
  title: string | null;
  text: string;
  score: number;
}

export class SqliteSearchIndex implements SearchIndex {
  constructor(private readonly db: Db) {}

  async ensureReady(): Promise<void> {
    // The schema is created by migrations in db.ts.
  }

  async upsert(entries: SearchEntry[]): Promise<void> {
    const current = this.db.prepare('SELECT rid, version FROM search_entries WHERE id = ?');
    const del = this.db.prepare('DELETE FROM search_fts WHERE rowid = ?');
    const delEntry = this.db.prepare('DELETE FROM search_entries WHERE rid = ?');
    const insert = this.db.prepare(
      `INSERT INTO search_entries (id, work_id, kind, e_id, document_number, document_type, title, text, issued, version)
       VALUES (@id, @workId, @kind, @eId, @documentNumber, @documentType, @title, @text, @issued, @version)`,
    );
    const insertFts = this.db.prepare('INSERT INTO search_fts (rowid, title, body) VALUES (?, ?, ?)');
    this.db
      .transaction(() => {
        for (const e of entries) {
          const existing = current.get(e.id) as { rid: number; version: number } | undefined;
          if (existing && existing.version > e.version) continue; // an older write arriving late: keep the newer entry
          if (existing) {
            del.run(existing.rid);
            delEntry.run(existing.rid);
          }
          const { lastInsertRowid } = insert.run(e);
          insertFts.run(lastInsertRowid, foldedWords(e.title ?? '').join(' '), foldedWords(e.text).join(' '));
        }
      })
      .immediate();
  }

  async removeWork(workId: string): Promise<void> {
    this.db
      .transaction(() => {
        const rows = this.db.prepare('SELECT rid FROM search_entries WHERE work_id = ?').all(workId) as { rid: number }[];
        for (const r of rows) this.db.prepare('DELETE FROM search_fts WHERE rowid = ?').run(r.rid);
        this.db.prepare('DELETE FROM search_entries WHERE work_id = ?').run(workId);
      })
      .immediate();
  }

  async search(query: SearchQuery): Promise<{ total: number; hits: SearchHit[] }> {
    const terms = queryTerms(query.q);
    if (terms.length === 0) return { total: 0, hits: [] };
    const match = terms.map((t) => `"${t.replace(/"/g, '""')}"`).join(' ');
    const typeFilter = [
      query.type ? 'AND e.document_type = @type' : '',
      query.scope === 'documents' ? "AND e.kind = 'document'" : query.scope === 'units' ? "AND e.kind <> 'document'" : '',
      query.issuedFrom ? 'AND e.issued >= @issuedFrom' : '',
      query.issuedTo ? 'AND e.issued <= @issuedTo' : '',
    ].join(' ');
    const params = {
      match,
      type: query.type ?? null,
      issuedFrom: query.issuedFrom ?? null,
      issuedTo: query.issuedTo ?? null,
      limit: query.limit,
      offset: query.offset,
    };
    const total = (
      this.db
        .prepare(`SELECT count(*) AS n FROM search_fts f JOIN search_entries e ON e.rid = f.rowid WHERE search_fts MATCH @match ${typeFilter}`)
        .get(params) as { n: number }
    ).n;
    const rows = this.db
      .prepare(
        `SELECT e.id, e.work_id, e.kind, e.e_id, e.document_number, e.document_type, e.title, e.text, -bm25(search_fts, 4.0, 1.0) AS score
         FROM search_fts f JOIN search_entries e ON e.rid = f.rowid
         WHERE search_fts MATCH @match ${typeFilter}
         ORDER BY bm25(search_fts, 4.0, 1.0), e.id LIMIT @limit OFFSET @offset`,
      )
      .all(params) as HitRow[];
    return {
      total,
      hits: rows.map((r) => ({
        id: r.id,
        workId: r.work_id,
        kind: r.kind,
        eId: r.e_id,
        documentNumber: r.document_number,
        documentType: r.document_type,
        title: r.title,
        score: r.score,
        text: r.text,
      })),
    };
  }
}
