/**
 * Search on SQLite FTS5 (docs/adr/0008). The folded columns hold domain-folded words (fold(): diacritics and đ
 * removed), `title_exact` the title's words with their diacritics, `number` the document number's words; the
 * tokenizer only splits on spaces. Every query word becomes a quoted FTS5 string: user text never reaches the MATCH
 * syntax unquoted. A word typed with diacritics matches `"folded" OR {title_exact}: "exact"`, which matches the same
 * rows while bm25 scores a title spelled exactly as typed higher (docs/adr/0008 says why titles only).
 */
import type { Facets, GroupedResult, SearchEntry, SearchFilters, SearchHit, SearchIndex, SearchQuery, SearchResult, Suggestion } from '../../domain/ports';
import { nameKey } from '../../domain/issuers';
import { fold } from '../../domain/text/normalize';
import { exactWords, parseQuery } from '../../domain/text/query';
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
  document_title: string | null;
  text: string;
  citation: string | null;
  issued: string | null;
  status: string;
  score: number;
}

const FACET_SIZE = 20;
/** Column weights for bm25: folded title, folded text, exact title, number. */
const WEIGHTS = '4.0, 1.0, 2.0, 0.0';

const quote = (t: string) => `"${t.replace(/"/g, '""')}"`;

/** The FTS5 expression of a query: every word (or its exact spelling), every quoted phrase. */
export function matchExpression(q: string): string | null {
  const parsed = parseQuery(q);
  if (parsed.terms.length === 0) return null;
  const exactByTerm = new Map<string, string[]>();
  for (const w of parsed.exact) {
    const t = fold(w);
    exactByTerm.set(t, [...(exactByTerm.get(t) ?? []), w]);
  }
  const parts = parsed.terms.map((t) => {
    const exact = exactByTerm.get(t);
    return exact ? `({title body}: ${quote(t)} OR {title_exact}: (${exact.map(quote).join(' OR ')}))` : `{title body}: ${quote(t)}`;
  });
  for (const p of parsed.phrases) parts.push(`{title body}: ${quote(p.join(' '))}`);
  return parts.join(' AND ');
}

const hit = (r: HitRow): SearchHit => ({
  id: r.id,
  workId: r.work_id,
  kind: r.kind,
  eId: r.e_id,
  documentNumber: r.document_number,
  documentType: r.document_type,
  title: r.title,
  documentTitle: r.document_title,
  citation: r.citation,
  issued: r.issued,
  status: r.status,
  score: r.score,
  text: r.text,
});

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
      `INSERT INTO search_entries (id, work_id, kind, e_id, document_number, document_type, title, document_title, text, citation, issuers, issuer_keys,
         issued, effective, expiry, status, sectors, scope, province, province_key, version)
       VALUES (@id, @workId, @kind, @eId, @documentNumber, @documentType, @title, @documentTitle, @text, @citation, @issuers, @issuerKeys,
         @issued, @effective, @expiry, @status, @sectors, @scope, @province, @provinceKey, @version)`,
    );
    const insertFts = this.db.prepare('INSERT INTO search_fts (rowid, title, body, title_exact, number) VALUES (?, ?, ?, ?, ?)');
    this.db
      .transaction(() => {
        for (const e of entries) {
          const existing = current.get(e.id) as { rid: number; version: number } | undefined;
          if (existing && existing.version > e.version) continue; // an older write arriving late: keep the newer entry
          if (existing) {
            del.run(existing.rid);
            delEntry.run(existing.rid);
          }
          const { lastInsertRowid } = insert.run({
            ...e,
            issuers: JSON.stringify(e.issuers),
            issuerKeys: JSON.stringify(e.issuers.map(nameKey)),
            sectors: JSON.stringify(e.sectors),
            provinceKey: e.province ? nameKey(e.province) : null,
          });
          const title = e.title ?? '';
          insertFts.run(
            lastInsertRowid,
            foldedWords(title).join(' '),
            foldedWords(e.text).join(' '),
            exactWords(title).join(' '),
            e.kind === 'document' ? foldedWords(e.documentNumber ?? '').join(' ') : '',
          );
        }
      })
      .immediate();
  }

  async removeWork(workId: string): Promise<void> {
    this.db
      .transaction(() => {
        const rows = this.db.prepare('SELECT rid FROM search_entries WHERE work_id = ?').all(workId) as { rid: number }[];
        const del = this.db.prepare('DELETE FROM search_fts WHERE rowid = ?');
        for (const r of rows) del.run(r.rid);
        this.db.prepare('DELETE FROM search_entries WHERE work_id = ?').run(workId);
      })
      .immediate();
  }

  /** The matching entries (rid, work, score and facet fields) as a SQL source, with its parameters. */
  private matched(query: SearchQuery): { filtered: boolean; sql: string; ranked: string; params: Record<string, unknown> } | null {
    const match = matchExpression(query.q);
    if (!match) return null;
    const f: SearchFilters = query;
    const where = [
      f.type ? 'AND e.document_type = @type' : '',
      f.scope === 'documents'
        ? "AND e.kind = 'document'"
        : f.scope === 'units'
          ? "AND e.kind IN ('article', 'clause', 'point')"
          : f.scope === 'codification'
            ? "AND e.kind = 'codified'"
            : '',
      f.issuer ? 'AND EXISTS (SELECT 1 FROM json_each(e.issuer_keys) WHERE value = @issuer)' : '',
      f.status ? 'AND e.status = @status' : '',
      f.sector ? 'AND EXISTS (SELECT 1 FROM json_each(e.sectors) WHERE value = @sector)' : '',
      f.province ? 'AND e.province_key = @province' : '',
      f.issuedFrom ? 'AND e.issued >= @issuedFrom' : '',
      f.issuedTo ? 'AND e.issued <= @issuedTo' : '',
      f.inForceAt ? 'AND e.effective <= @inForceAt AND (e.expiry IS NULL OR e.expiry > @inForceAt)' : '',
    ].join(' ');
    // Without filters, counting and ranking need only the FTS index; the entries table is read for the page alone.
    const filtered = where.trim() !== '' || query.sort === 'date';
    return {
      filtered,
      sql: `SELECT e.rid, e.work_id, e.document_type, e.issuers, e.status, e.issued, -bm25(search_fts, ${WEIGHTS}) AS score
            FROM search_fts f JOIN search_entries e ON e.rid = f.rowid
            WHERE search_fts MATCH @match ${where}`,
      ranked: `SELECT rowid AS rid, -bm25(search_fts, ${WEIGHTS}) AS score FROM search_fts WHERE search_fts MATCH @match`,
      params: {
        match,
        type: f.type ?? null,
        issuer: f.issuer ? nameKey(f.issuer) : null,
        status: f.status ?? null,
        sector: f.sector ?? null,
        province: f.province ? nameKey(f.province) : null,
        issuedFrom: f.issuedFrom ?? null,
        issuedTo: f.issuedTo ?? null,
        inForceAt: f.inForceAt ?? null,
      },
    };
  }

  /**
   * Evaluates the match once into a temporary table (rid, score and the facet columns): the count, the page and the
   * facets then read it instead of evaluating the full-text match again. better-sqlite3 runs statements one at a
   * time on this connection, so no other search can interleave with the table's use.
   */
  private materialize(query: SearchQuery, source: NonNullable<ReturnType<SqliteSearchIndex['matched']>>): number {
    this.db.exec(
      'CREATE TEMP TABLE IF NOT EXISTS search_m (rid INTEGER PRIMARY KEY, score REAL NOT NULL, work_id TEXT, document_type TEXT, status TEXT, issued TEXT, issuers TEXT)',
    );
    this.db.prepare('DELETE FROM temp.search_m').run();
    const full = query.facets || source.filtered;
    const sql = full
      ? `INSERT INTO temp.search_m SELECT rid, score, work_id, document_type, status, issued, issuers FROM (${source.sql})`
      : `INSERT INTO temp.search_m (rid, score) SELECT rid, score FROM (${source.ranked})`;
    return this.db.prepare(sql).run(source.params).changes;
  }

  private facets(): Facets {
    const rows = this.db
      .prepare(
        `SELECT 'type' AS facet, document_type AS value, count(DISTINCT work_id) AS n FROM temp.search_m GROUP BY 2
         UNION ALL SELECT 'status', status, count(DISTINCT work_id) FROM temp.search_m GROUP BY 2
         UNION ALL SELECT 'year', substr(issued, 1, 4), count(DISTINCT work_id) FROM temp.search_m WHERE issued IS NOT NULL GROUP BY 2
         UNION ALL SELECT 'issuer', j.value, count(DISTINCT m.work_id) FROM temp.search_m m, json_each(m.issuers) j GROUP BY 2`,
      )
      .all() as { facet: keyof Facets; value: string; n: number }[];
    const out: Facets = { type: [], issuer: [], status: [], year: [] };
    for (const r of rows) out[r.facet].push({ value: r.value, count: r.n });
    for (const k of Object.keys(out) as (keyof Facets)[])
      out[k] = out[k].sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1)).slice(0, FACET_SIZE);
    return out;
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    const source = this.matched(query);
    if (!source) return { total: 0, hits: [] };
    const order = query.sort === 'date' ? 'm.issued DESC NULLS LAST, m.score DESC, m.rid' : 'm.score DESC, m.rid';
    const select = `SELECT e.id, e.work_id, e.kind, e.e_id, e.document_number, e.document_type, e.title, e.document_title, e.text, e.citation, e.issued, e.status, page.score
           FROM page JOIN search_entries e ON e.rid = page.rid`;
    return this.db.transaction(() => {
      let total: number;
      let rows: HitRow[];
      if (query.facets) {
        // Facets read every match: evaluate the match once into a table, then count, page and facet from it.
        total = this.materialize(query, source);
        rows = this.db
          .prepare(`WITH page AS (SELECT m.rid, m.score FROM temp.search_m m ORDER BY ${order} LIMIT @limit OFFSET @offset) ${select}`)
          .all({ limit: query.limit, offset: query.offset }) as HitRow[];
      } else {
        // A count without scores is cheap; the page is ranked by a top-k sort straight off the match (no table).
        total = (
          this.db
            .prepare(source.filtered ? `SELECT count(*) AS n FROM (${source.sql})` : 'SELECT count(*) AS n FROM search_fts WHERE search_fts MATCH @match')
            .get(source.params) as { n: number }
        ).n;
        rows = this.db
          .prepare(
            `WITH page AS (SELECT m.rid, m.score FROM (${source.filtered ? source.sql : source.ranked}) m ORDER BY ${order} LIMIT @limit OFFSET @offset) ${select}`,
          )
          .all({ ...source.params, limit: query.limit, offset: query.offset }) as HitRow[];
      }
      // The join keeps the page's order in practice, but SQL does not promise it.
      rows.sort((a, b) => (query.sort === 'date' ? (b.issued ?? '').localeCompare(a.issued ?? '') : 0) || b.score - a.score || (a.id < b.id ? -1 : 1));
      return { total, hits: rows.map(hit), ...(query.facets ? { facets: this.facets() } : {}) };
    })();
  }

  async searchGrouped(query: SearchQuery, perGroup: number): Promise<GroupedResult> {
    const source = this.matched(query);
    if (!source) return { total: 0, groups: [] };
    const params = { ...source.params, limit: query.limit, offset: query.offset, per: perGroup };
    const total = (this.db.prepare(`SELECT count(DISTINCT work_id) AS n FROM (${source.sql})`).get(params) as { n: number }).n;
    const groupOrder = query.sort === 'date' ? 'issued DESC NULLS LAST, best DESC, work_id' : 'best DESC, work_id';
    const rows = this.db
      .prepare(
        `WITH m AS MATERIALIZED (${source.sql}),
         g AS (SELECT work_id, max(score) AS best, max(issued) AS issued FROM m GROUP BY work_id ORDER BY ${groupOrder} LIMIT @limit OFFSET @offset),
         r AS (SELECT m.rid, m.work_id, m.score, row_number() OVER (PARTITION BY m.work_id ORDER BY m.score DESC, m.rid) AS rn
               FROM m JOIN g ON g.work_id = m.work_id)
         SELECT e.id, e.work_id, e.kind, e.e_id, e.document_number, e.document_type, e.title, e.document_title, e.text, e.citation, e.issued, e.status,
                r.score, g.best
         FROM r JOIN g ON g.work_id = r.work_id JOIN search_entries e ON e.rid = r.rid
         WHERE r.rn <= @per
         ORDER BY ${groupOrder.replace(/(^|, )(issued|best|work_id)/g, '$1g.$2')}, r.score DESC, e.id`,
      )
      .all(params) as (HitRow & { best: number })[];
    const groups: GroupedResult['groups'] = [];
    for (const r of rows) {
      const last = groups[groups.length - 1];
      if (last && last.workId === r.work_id) last.hits.push(hit(r));
      else groups.push({ workId: r.work_id, score: r.best, hits: [hit(r)] });
    }
    if (!query.facets) return { total, groups };
    const facets = this.db.transaction(() => {
      this.materialize(query, source);
      return this.facets();
    })();
    return { total, groups, facets };
  }

  async optimize(): Promise<void> {
    this.db.exec("INSERT INTO search_fts(search_fts) VALUES('optimize')");
  }

  async suggest(prefix: string, limit: number): Promise<Suggestion[]> {
    const terms = queryTerms(prefix);
    if (terms.length === 0) return [];
    // The last word may be unfinished unless a space or a separator follows it.
    const open = /[\p{L}\p{N}]$/u.test(prefix);
    const expr = terms.map((t, i) => (i === terms.length - 1 && open ? `${quote(t)}*` : quote(t))).join(' ');
    const rows = this.db
      .prepare(
        `SELECT e.work_id, e.document_number, e.document_type, e.title
         FROM search_fts f JOIN search_entries e ON e.rid = f.rowid
         WHERE search_fts MATCH @match AND e.kind = 'document'
         ORDER BY bm25(search_fts, 1.0, 0.0, 0.0, 4.0), e.issued DESC NULLS LAST, e.id LIMIT @limit`,
      )
      .all({ match: `{number title}: (${expr})`, limit }) as { work_id: string; document_number: string | null; document_type: string; title: string | null }[];
    return rows.map((r) => ({ workId: r.work_id, documentNumber: r.document_number, documentType: r.document_type, title: r.title }));
  }
}
