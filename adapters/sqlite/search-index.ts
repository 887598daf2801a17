/**
 * Search on SQLite FTS5 (docs/adr/0008). The folded columns hold domain-folded words (fold(): diacritics and đ
 * removed), `title_exact` the title's words with their diacritics, `number` the document number's words; the
 * tokenizer only splits on spaces. Every query word becomes a quoted FTS5 string: user text never reaches the MATCH
 * syntax unquoted. A word typed with diacritics matches `"folded" OR {title_exact}: "exact"`, which matches the same
 * rows while bm25 scores a title spelled exactly as typed higher (docs/adr/0008 says why titles only).
 */
import type { Facets, GroupedResult, SearchEntry, SearchFilters, SearchHit, SearchIndex, SearchQuery, SearchResult, Suggestion } from '../../domain/ports';
import { nameKey } from '../../domain/issuers';
import { fold, normalizeText } from '../../domain/text/normalize';
import { exactWords, parseQuery } from '../../domain/text/query';
import { foldedWords, queryTerms } from '../../domain/text/snippet';
import type { Db } from './db';

interface Stats {
  writes: number;
  dataVersion: number;
  averages: string;
  rows: number;
  avgdl: number;
  /** Rows matching each phrase expression (bm25's idf), filled as queries need them. */
  hits: Map<string, number>;
}

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
/** The connection's memory map and page cache (the search index is about 180 MB for the whole Bộ pháp điển). */
const MMAP_BYTES = 1024 * 1024 * 1024;
const CACHE_KIB = 64 * 1024;
/** Column weights for bm25: folded title, folded text, exact title, number. */
const WEIGHT_VALUES = [4, 1, 2, 0] as const;
const WEIGHTS = WEIGHT_VALUES.map((w) => w.toFixed(1)).join(', ');
/** FTS5's bm25 constants (fts5_aux.c). */
const K1 = 1.2;
const B = 0.75;
/** Matches up to this many are ranked in JS from the stored text (docs/adr/0008, "Ranking without FTS5's idf scans"). */
const SCORE_ALL_MAX = 100;
/** ... and while their words (FTS5's docsize) add up to at most this, or a tenth of the doclist entries bm25 would read. */
const SCORE_WORDS_MIN = 12_000;
/** Pages deeper than this are ranked by FTS5's bm25 alone. */
const FAST_DEPTH_MAX = 200;

/** A phrase of the FTS5 expression, in the expression's order (the order bm25 numbers them), with its columns. */
interface Phrase {
  expr: string;
  cols: readonly number[];
  tokens: string[];
}
const TITLE_BODY = [0, 1] as const;
const TITLE_EXACT = [2] as const;

const quote = (t: string) => `"${t.replace(/"/g, '""')}"`;

/** The FTS5 expression of a query (every word or its exact spelling, every quoted phrase) and its phrases. */
export function queryPlan(q: string): { match: string; phrases: Phrase[] } | null {
  const parsed = parseQuery(q);
  if (parsed.terms.length === 0) return null;
  const exactByTerm = new Map<string, string[]>();
  for (const w of parsed.exact) {
    const t = fold(w);
    exactByTerm.set(t, [...(exactByTerm.get(t) ?? []), w]);
  }
  const phrases: Phrase[] = [];
  const folded = (tokens: string[]): Phrase => ({ expr: `{title body}: ${quote(tokens.join(' '))}`, cols: TITLE_BODY, tokens });
  const parts = parsed.terms.map((t) => {
    const exact = exactByTerm.get(t);
    phrases.push(folded([t]));
    if (!exact) return `{title body}: ${quote(t)}`;
    for (const w of exact) phrases.push({ expr: `{title_exact}: ${quote(w)}`, cols: TITLE_EXACT, tokens: [w] });
    return `({title body}: ${quote(t)} OR {title_exact}: (${exact.map(quote).join(' OR ')}))`;
  });
  for (const p of parsed.phrases) {
    phrases.push(folded(p));
    parts.push(`{title body}: ${quote(p.join(' '))}`);
  }
  return { match: parts.join(' AND '), phrases };
}

/** The FTS5 expression of a query: every word (or its exact spelling), every quoted phrase. */
export function matchExpression(q: string): string | null {
  return queryPlan(q)?.match ?? null;
}

/** The words of an entry's FTS5 columns (title, body, title_exact, number), as upsert writes them. */
function ftsColumns(e: { kind: string; title: string | null; text: string; documentNumber: string | null }): string[][] {
  const title = e.title ?? '';
  return [foldedWords(title), foldedWords(e.text), exactWords(title), e.kind === 'document' ? foldedWords(e.documentNumber ?? '') : []];
}

/** SQLite varints (FTS5's averages record and docsize blobs), from offset `at`: [value, next offset]. */
function varint(buf: Uint8Array, at: number): [number, number] {
  let v = 0;
  for (let i = 0; i < 8; i++) {
    const b = buf[at + i] ?? 0;
    v = v * 128 + (b & 0x7f);
    if (!(b & 0x80)) return [v, at + i + 1];
  }
  return [v * 256 + (buf[at + 8] ?? 0), at + 9];
}

function varints(buf: Uint8Array): number[] {
  const out: number[] = [];
  for (let at = 0; at < buf.length; ) {
    const [v, next] = varint(buf, at);
    out.push(v);
    at = next;
  }
  return out;
}

/** Whether a BMP code unit is part of a word (a letter or a digit: what foldedWords and exactWords keep), filled lazily. */
const WORD_UNIT = new Uint8Array(0x10000);
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;

/** Whether the code point at `i` (stepping back over a surrogate pair when `before`) is a word character. */
function wordAt(s: string, i: number, before: boolean): boolean {
  if (i < 0 || i >= s.length) return false;
  const u = s.charCodeAt(i);
  if (u >= 0xd800 && u <= 0xdfff) {
    const at = before && u >= 0xdc00 && i > 0 ? i - 1 : i;
    return LETTER_OR_DIGIT.test(String.fromCodePoint(s.codePointAt(at) as number));
  }
  let w = WORD_UNIT[u] as number;
  if (w === 0) {
    w = LETTER_OR_DIGIT.test(String.fromCharCode(u)) ? 1 : 2;
    WORD_UNIT[u] = w;
  }
  return w === 1;
}

/**
 * Occurrences of a phrase (its words, in order) in a column's text, counted as FTS5 counts them over the column's
 * words (maximal runs of letters and digits): no word list is built, so long texts cost one indexOf scan per word.
 */
function occurrences(text: string, tokens: string[]): number {
  const first = tokens[0] as string;
  let n = 0;
  for (let i = text.indexOf(first); i >= 0; i = text.indexOf(first, i + 1)) {
    if (wordAt(text, i - 1, true) || wordAt(text, i + first.length, false)) continue;
    let at = i + first.length;
    let ok = true;
    for (let j = 1; j < tokens.length && ok; j++) {
      const t = tokens[j] as string;
      while (at < text.length && !wordAt(text, at, false)) at++;
      ok = text.startsWith(t, at) && !wordAt(text, at + t.length, false);
      at += t.length;
    }
    if (ok) n++;
  }
  return n;
}

/** Writes through any SqliteSearchIndex on a connection: their cached statistics are then stale. */
const writes = new WeakMap<Db, number>();

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

/** The page's rows in order: the join keeps the page's order in practice, but SQL does not promise it. */
function sortPage(rows: HitRow[], query: SearchQuery): HitRow[] {
  return rows.sort((a, b) => (query.sort === 'date' ? (b.issued ?? '').localeCompare(a.issued ?? '') : 0) || b.score - a.score || (a.id < b.id ? -1 : 1));
}

export class SqliteSearchIndex implements SearchIndex {
  private stats: Stats | null = null;

  constructor(private readonly db: Db) {
    // Read the index through a memory map rather than copies into SQLite's page cache: FTS5's doclist scans and
    // bm25 read many pages per query (docs/adr/0008, "Search latency"). In-memory databases ignore it.
    db.pragma(`mmap_size = ${MMAP_BYTES}`);
    db.pragma(`cache_size = -${CACHE_KIB}`);
  }

  private wrote(): void {
    writes.set(this.db, (writes.get(this.db) ?? 0) + 1);
  }

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
          insertFts.run(lastInsertRowid, ...ftsColumns(e).map((words) => words.join(' ')));
        }
        this.wrote();
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
        this.wrote();
      })
      .immediate();
  }

  /** The matching entries (rid, work, score and facet fields) as a SQL source, with its parameters. */
  private matched(
    query: SearchQuery,
  ): { filtered: boolean; sql: string; ranked: string; unscored: string; rids: string; phrases: Phrase[]; params: Record<string, unknown> } | null {
    const plan = queryPlan(query.q);
    if (!plan) return null;
    const { match, phrases } = plan;
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
            FROM search_fts f JOIN search_entries e INDEXED BY search_entries_filters ON e.rid = f.rowid
            WHERE search_fts MATCH @match ${where}`,
      ranked: `SELECT rowid AS rid, -bm25(search_fts, ${WEIGHTS}) AS score FROM search_fts WHERE search_fts MATCH @match`,
      // The same rows without scores: counting and facets need no bm25.
      unscored: `SELECT e.rid, 0 AS score, e.work_id, e.document_type, e.status, e.issued, e.issuers
            FROM search_fts f JOIN search_entries e INDEXED BY search_entries_filters ON e.rid = f.rowid
            WHERE search_fts MATCH @match ${where}`,
      rids: filtered
        ? `SELECT e.rid FROM search_fts f JOIN search_entries e INDEXED BY search_entries_filters ON e.rid = f.rowid WHERE search_fts MATCH @match ${where}`
        : 'SELECT rowid AS rid FROM search_fts WHERE search_fts MATCH @match',
      phrases,
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
  private materialize(source: NonNullable<ReturnType<SqliteSearchIndex['matched']>>, scored: boolean): number {
    this.db.exec(
      'CREATE TEMP TABLE IF NOT EXISTS search_m (rid INTEGER PRIMARY KEY, score REAL NOT NULL, work_id TEXT, document_type TEXT, status TEXT, issued TEXT, issuers TEXT)',
    );
    this.db.prepare('DELETE FROM temp.search_m').run();
    return this.db
      .prepare(`INSERT INTO temp.search_m SELECT rid, score, work_id, document_type, status, issued, issuers FROM (${scored ? source.sql : source.unscored})`)
      .run(source.params).changes;
  }

  /** bm25's table statistics and the document frequencies seen so far, dropped when the index changes. */
  private freshStats(): Stats {
    const dataVersion = this.db.pragma('data_version', { simple: true }) as number;
    const block = this.db.prepare('SELECT block FROM search_fts_data WHERE id = 1').pluck().get() as Uint8Array | undefined;
    const averages = block ? Buffer.from(block).toString('hex') : '';
    const w = writes.get(this.db) ?? 0;
    const s = this.stats;
    if (s && s.writes === w && s.dataVersion === dataVersion && s.averages === averages) return s;
    // FTS5's averages record: the number of rows, then each column's total number of words.
    const [rows = 0, ...totals] = block ? varints(block) : [];
    const words = totals.reduce((a, b) => a + b, 0);
    this.stats = { writes: w, dataVersion, averages, rows, avgdl: words / rows, hits: new Map() };
    return this.stats;
  }

  /** bm25's idf of each phrase (fts5_aux.c): from the rows matching it, counted once per index state. */
  private idf(stats: Stats, phrases: Phrase[]): { idf: number[]; hits: number[] } {
    const count = this.db.prepare('SELECT count(*) FROM search_fts WHERE search_fts MATCH ?').pluck();
    const hits = phrases.map((p) => {
      let n = stats.hits.get(p.expr);
      if (n === undefined) {
        n = count.get(p.expr) as number;
        stats.hits.set(p.expr, n);
      }
      return n;
    });
    const idf = hits.map((n) => {
      const v = Math.log((stats.rows - n + 0.5) / (n + 0.5));
      return v <= 0 ? 1e-6 : v;
    });
    return { idf, hits };
  }

  /** Each row's size in words (FTS5's docsize, all columns: bm25's D), or null past `max` words in all. */
  private rowSizes(rids: number[], max: number): number[] | null {
    const sizeOf = this.db.prepare('SELECT sz FROM search_fts_docsize WHERE id = ?').pluck();
    const sizes: number[] = [];
    let words = 0;
    for (const rid of rids) {
      const sz = sizeOf.get(rid) as Uint8Array | undefined;
      if (!sz) return null;
      const d = varints(sz).reduce((a, b) => a + b, 0);
      sizes.push(d);
      words += d;
      if (words > max) return null;
    }
    return sizes;
  }

  /**
   * FTS5's bm25 (fts5_aux.c) for the given rows, computed here: the phrase frequencies counted in the entries' stored
   * title, text and number (folded as upsert folds them), the row sizes from FTS5's docsize, the idf from counts.
   */
  private scoreRows(stats: Stats, phrases: Phrase[], idf: number[], rids: number[], sizes: number[]): { rid: number; score: number }[] | null {
    const exactTitle = phrases.some((p) => p.cols.includes(2));
    const entry = this.db.prepare('SELECT kind, title, text, document_number AS documentNumber FROM search_entries WHERE rid = ?');
    const out: { rid: number; score: number }[] = [];
    for (const [n, rid] of rids.entries()) {
      const e = entry.get(rid) as { kind: string; title: string | null; text: string; documentNumber: string | null } | undefined;
      if (!e) return null;
      const d = sizes[n] as number;
      // The columns' texts as upsert tokenised them (ftsColumns), unsplit: folded title and text, exact title, number.
      const title = normalizeText(e.title ?? '');
      const cols = [
        fold(title),
        fold(normalizeText(e.text)),
        exactTitle ? title.toLocaleLowerCase('vi') : '',
        e.kind === 'document' ? fold(normalizeText(e.documentNumber ?? '')) : '',
      ];
      let score = 0;
      for (let i = 0; i < phrases.length; i++) {
        const p = phrases[i] as Phrase;
        let freq = 0;
        for (const c of p.cols) freq += WEIGHT_VALUES[c as 0] * occurrences(cols[c] as string, p.tokens);
        score += (idf[i] as number) * ((freq * (K1 + 1.0)) / (freq + K1 * (1 - B + (B * d) / stats.avgdl)));
      }
      out.push({ rid, score });
    }
    return out;
  }

  /**
   * The page by relevance when few, short entries match (docs/adr/0008, "Ranking without FTS5's idf scans"): FTS5's
   * bm25 reads every phrase's whole doclist on every query to count the rows holding it (the idf) — most of the
   * time of a long query with few matches. Here those counts are kept until the index changes and the few matching
   * rows are scored in JS with FTS5's formula, so the order is the one FTS5 gives. Null: rank with FTS5's bm25.
   */
  private rankFast(source: NonNullable<ReturnType<SqliteSearchIndex['matched']>>, rids: number[], depth: number): { rid: number; score: number }[] | null {
    if (rids.length > SCORE_ALL_MAX || depth > FAST_DEPTH_MAX || source.phrases.length === 0) return null;
    const stats = this.freshStats();
    if (!(stats.rows > 0) || !Number.isFinite(stats.avgdl)) return null;
    const { idf, hits } = this.idf(stats, source.phrases);
    // Reading and scanning a text here costs about what FTS5 spends on a tenth as many doclist entries.
    const sizes = this.rowSizes(rids, Math.max(SCORE_WORDS_MIN, hits.reduce((a, b) => a + b, 0) / 10));
    if (!sizes) return null;
    const scored = this.scoreRows(stats, source.phrases, idf, rids, sizes);
    return scored ? scored.sort((a, b) => b.score - a.score || a.rid - b.rid) : null;
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
      if (query.facets) {
        // Facets read every match: evaluate the match once into a table, then count, page and facet from it.
        const total = this.materialize(source, true);
        const rows = this.db
          .prepare(`WITH page AS (SELECT m.rid, m.score FROM temp.search_m m ORDER BY ${order} LIMIT @limit OFFSET @offset) ${select}`)
          .all({ limit: query.limit, offset: query.offset }) as HitRow[];
        return { total, hits: sortPage(rows, query).map(hit), facets: this.facets() };
      }
      // Up to SCORE_ALL_MAX matches are read whole (the match stops early past that) and may be ranked by rankFast;
      // past that a count without scores is cheap.
      const first = this.db
        .prepare(`${source.rids} LIMIT ${SCORE_ALL_MAX + 1}`)
        .pluck()
        .all(source.params) as number[];
      const few = first.length <= SCORE_ALL_MAX ? first : null;
      const total = few ? few.length : (this.db.prepare(`SELECT count(*) AS n FROM (${source.rids})`).get(source.params) as { n: number }).n;
      const ranked = few && total > 0 && query.sort !== 'date' ? this.rankFast(source, few, query.offset + query.limit) : null;
      let rows: HitRow[];
      if (total === 0) rows = [];
      else if (ranked) {
        const page = ranked.slice(query.offset, query.offset + query.limit);
        const entry = this.db.prepare(`WITH page AS (SELECT ? AS rid, ? AS score) ${select}`);
        rows = page.map((p) => entry.get(p.rid, p.score) as HitRow);
      } else {
        // FTS5's bm25 over every match: a top-k sort straight off the match (no table).
        rows = this.db
          .prepare(
            `WITH page AS (SELECT m.rid, m.score FROM (${source.filtered ? source.sql : source.ranked}) m ORDER BY ${order} LIMIT @limit OFFSET @offset) ${select}`,
          )
          .all({ ...source.params, limit: query.limit, offset: query.offset }) as HitRow[];
      }
      return { total, hits: sortPage(rows, query).map(hit) };
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
      this.materialize(source, false);
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
