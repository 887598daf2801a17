/**
 * Search on SQLite FTS5 (docs/adr/0008). The folded columns hold domain-folded words (fold(): diacritics and đ
 * removed), `title_exact` the title's words with their diacritics, `number` the document number's words; the
 * tokenizer only splits on spaces. Every query word becomes a quoted FTS5 string: user text never reaches the MATCH
 * syntax unquoted. A word typed with diacritics matches `"folded" OR {title_exact}: "exact"`, which matches the same
 * rows while bm25 scores a title spelled exactly as typed higher (docs/adr/0008 says why titles only).
 */
import type {
  BrowseQuery,
  BrowseResult,
  BrowseSort,
  Facets,
  GroupedResult,
  PassageCandidates,
  PassageQuery,
  SearchEntry,
  SearchFilters,
  SearchHit,
  SearchIndex,
  SearchQuery,
  SearchResult,
  Suggestion,
} from '../../domain/ports';
import { nameKey } from '../../domain/issuers';
import { fold, normalizeText, wordsOf } from '../../domain/text/normalize';
import { exactWords, parseQuery } from '../../domain/text/query';
import { passageTerms, passageTermsOfFolded, passageText } from '../../domain/text/question';
import { SNIPPET_TEXT_CHARS, foldedWords, queryTerms } from '../../domain/text/snippet';
import type { Db } from './db';
import { IMPACT_SCALE, K1, TermTables, WEIGHT_VALUES, freqsOf, idf as idfOf, rowTerms, termFactor } from './search-terms';

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
const WEIGHTS = WEIGHT_VALUES.map((w) => w.toFixed(1)).join(', ');
/** Pages deeper than this are ranked by FTS5's bm25 alone. */
const FAST_DEPTH_MAX = 200;
/** Up to this many matches are all scored from their term rows; past it the impact lists find the top hits. */
const SCORE_TERMS_MAX = 2000;
/** Up to this many matches are read into a set for the threshold algorithm's membership test. */
const MEMBER_SET_MAX = 15_000;
/** The threshold algorithm gives up (and FTS5 ranks) after reading this many entries. */
const IMPACT_SEEN_MAX = 20_000;
/** optimize() recomputes the impact lists when the average entry size has moved this much since they were computed. */
const REBUILD_DRIFT = 0.005;

/** A phrase of the FTS5 expression, in the expression's order (the order bm25 numbers them), with its columns. */
interface Phrase {
  expr: string;
  cols: readonly number[];
  tokens: string[];
}
const TITLE_BODY = [0, 1] as const;
const TITLE_EXACT = [2] as const;

const quote = (t: string) => `"${t.replace(/"/g, '""')}"`;

/**
 * The FTS5 expression of a query (every word or its exact spelling, every quoted phrase) and its phrases, in the
 * order bm25 numbers them; `filter`, an expression matching the same rows more cheaply, for counting and listing
 * them: an exact spelling in the title implies the folded word there, and a quoted phrase implies its words.
 */
export function queryPlan(q: string): { match: string; filter: string; phrases: Phrase[] } | null {
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
  const inPhrases = new Set(parsed.phrases.flat());
  const filter = [
    ...parsed.terms.filter((t) => !inPhrases.has(t)).map((t) => `{title body}: ${quote(t)}`),
    ...parsed.phrases.map((p) => `{title body}: ${quote(p.join(' '))}`),
  ].join(' AND ');
  return { match: parts.join(' AND '), filter, phrases };
}

/** The FTS5 expression of a query: every word (or its exact spelling), every quoted phrase. */
export function matchExpression(q: string): string | null {
  return queryPlan(q)?.match ?? null;
}

/** The words of an entry's FTS5 columns (title, body, title_exact, number), as upsert writes them. */
function ftsColumns(e: { kind: string; title: string | null; text: string; documentNumber: string | null }): string[][] {
  return entryColumns(e).cols;
}

/** The passage terms of a unit or codified article (its heading, then its text); null for a document. */
function passageColumn(e: { kind: string; title: string | null; text: string }): string[] | null {
  return e.kind === 'document' ? null : passageTerms(passageText(e.title, e.text));
}

/**
 * Both at once, the title and text folded once: the FTS5 columns (ftsColumns) and the passage terms (passageColumn;
 * `passageText` folded is the folded heading, ". ", the folded text).
 */
function entryColumns(e: { kind: string; title: string | null; text: string; documentNumber: string | null }): {
  cols: string[][];
  passage: string[] | null;
} {
  const title = e.title ?? '';
  const foldedTitle = fold(normalizeText(title));
  const foldedText = fold(normalizeText(e.text));
  return {
    cols: [wordsOf(foldedTitle), wordsOf(foldedText), exactWords(title), e.kind === 'document' ? foldedWords(e.documentNumber ?? '') : []],
    passage: e.kind === 'document' ? null : passageTermsOfFolded(`${foldedTitle}. ${foldedText}`),
  };
}

/**
 * A question's terms held by more than this share of the passages are left out of its match (docs/adr/0016): they
 * add little to bm25 (their idf is near zero) and make it score nearly every passage.
 */
export const PASSAGE_COMMON_SHARE = 0.05;

/** The SQL conditions of the search filters on the entries table (alias `e`), with their parameters. */
export function filterClauses(f: SearchFilters): { where: string; params: Record<string, unknown> } {
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
    f.effectiveFrom ? 'AND e.effective >= @effectiveFrom' : '',
    f.effectiveTo ? 'AND e.effective <= @effectiveTo' : '',
    f.expiryFrom ? 'AND e.expiry >= @expiryFrom' : '',
    f.expiryTo ? 'AND e.expiry <= @expiryTo' : '',
  ].join(' ');
  return {
    where,
    params: {
      type: f.type ?? null,
      issuer: f.issuer ? nameKey(f.issuer) : null,
      status: f.status ?? null,
      sector: f.sector ?? null,
      province: f.province ? nameKey(f.province) : null,
      issuedFrom: f.issuedFrom ?? null,
      issuedTo: f.issuedTo ?? null,
      inForceAt: f.inForceAt ?? null,
      effectiveFrom: f.effectiveFrom ?? null,
      effectiveTo: f.effectiveTo ?? null,
      expiryFrom: f.expiryFrom ?? null,
      expiryTo: f.expiryTo ?? null,
    },
  };
}

/** The date column each browse order reads (null: by id alone). */
const BROWSE_COLUMNS: Record<BrowseSort, 'issued' | 'effective' | 'expiry' | null> = { id: null, date: 'issued', effective: 'effective', expiry: 'expiry' };

/**
 * A browse's order (document entries: `work_id` is the entry's id) and the condition of the rows after a page's last
 * (`@afterKey`, `@afterId`): its date column descending (`date`) or ascending, missing dates last, then the id.
 */
function browseOrder(sort: BrowseSort, after: { key: string | null } | undefined): { order: string; after: string } {
  const col = BROWSE_COLUMNS[sort];
  if (!col) return { order: 'e.work_id', after: after ? 'AND e.work_id > @afterId' : '' };
  const desc = sort === 'date';
  const order = `e.${col} ${desc ? 'DESC' : 'ASC'} NULLS LAST, e.work_id`;
  if (!after) return { order, after: '' };
  if (after.key === null) return { order, after: `AND e.${col} IS NULL AND e.work_id > @afterId` };
  return { order, after: `AND (e.${col} ${desc ? '<' : '>'} @afterKey OR (e.${col} = @afterKey AND e.work_id > @afterId) OR e.${col} IS NULL)` };
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

interface Ranked {
  rid: number;
  score: number;
}

/** A query's phrases for ranking from the term tables (search-terms.ts). */
interface TermQuery {
  /** The ids of the query's words found in the index, ascending. */
  ids: Int32Array;
  /** Each phrase of the expression, in its order: its idf, its word's (or words') index in `ids` (−1: in no entry). */
  phrases: { idf: number; words: number[]; tokens: string[] | null; required: boolean }[];
  /** Whether a phrase has several words (counted in the text). */
  multiWord: boolean;
}

/** Inserts into a list kept in the page's order (score descending, then rid), at most `k` long. */
function keepTop(top: Ranked[], r: Ranked, k: number): void {
  if (top.length >= k) {
    const last = top[top.length - 1] as Ranked;
    if (r.score < last.score || (r.score === last.score && r.rid > last.rid)) return;
  }
  let i = top.length;
  while (i > 0) {
    const prev = top[i - 1] as Ranked;
    if (prev.score > r.score || (prev.score === r.score && prev.rid < r.rid)) break;
    i--;
  }
  top.splice(i, 0, r);
  if (top.length > k) top.pop();
}

export class SqliteSearchIndex implements SearchIndex {
  private stats: Stats | null = null;
  private readonly terms: TermTables;
  /**
   * How the last search() ranked its page (for tests and benchmarks): from the term rows of every match, from the
   * impact lists, from stored texts (phrases of several words, few matches), or by FTS5's bm25.
   */
  lastRanking: 'terms' | 'impacts' | 'fts5' | null = null;

  private readonly limits: { scoreAll: number; memberSet: number; passageCommonShare: number };
  private readonly passageSql;

  /**
   * Options (tests use small values to exercise every path on a small corpus): `listMax`, entries kept per word in
   * the impact lists, and `listsFromRows`, the index size from which they are kept (search-terms.ts); `scoreAllMax`, SCORE_TERMS_MAX; `memberSetMax`, MEMBER_SET_MAX;
   * `passageCommonShare`, PASSAGE_COMMON_SHARE.
   */
  constructor(
    private readonly db: Db,
    options: { listMax?: number; listsFromRows?: number; scoreAllMax?: number; memberSetMax?: number; passageCommonShare?: number } = {},
  ) {
    this.limits = {
      scoreAll: options.scoreAllMax ?? SCORE_TERMS_MAX,
      memberSet: options.memberSetMax ?? MEMBER_SET_MAX,
      passageCommonShare: options.passageCommonShare ?? PASSAGE_COMMON_SHARE,
    };
    // Read the index through a memory map rather than copies into SQLite's page cache: FTS5's doclist scans and
    // bm25 read many pages per query (docs/adr/0008, "Search latency"). In-memory databases ignore it.
    db.pragma(`mmap_size = ${MMAP_BYTES}`);
    db.pragma(`cache_size = -${CACHE_KIB}`);
    this.terms = new TermTables(db, options.listMax, options.listsFromRows);
    this.passageSql = {
      count: db.prepare(
        `INSERT INTO search_meta (key, value) VALUES ('passage_rows', @rows), ('passage_words', @words)
         ON CONFLICT (key) DO UPDATE SET value = value + excluded.value`,
      ),
      size: db.prepare('SELECT sz FROM search_passages_docsize WHERE id = ?').pluck(),
      del: db.prepare('DELETE FROM search_passages WHERE rowid = ?'),
    };
    if (!this.terms.complete()) this.backfill();
    if (db.prepare("SELECT value FROM search_meta WHERE key = 'passages'").pluck().get() !== 1) this.backfillPassages();
  }

  /**
   * The passages and their total number of terms, kept in search_meta: FTS5's own averages record never decreases
   * on a contentless table's deletes, so bm25's N and average length would drift with every update.
   */
  private countPassages(rows: number, words: number): void {
    this.passageSql.count.run({ rows, words });
  }

  /** A passage's number of terms, from FTS5's docsize record (before its row is deleted); null when it has none. */
  private passageSize(rid: number): number | null {
    const sz = this.passageSql.size.get(rid) as Uint8Array | undefined;
    return sz ? (varints(sz)[0] ?? 0) : null;
  }

  /** Deletes a passage; adds what it took off the counts to `tally` (written once per write, countPassages). */
  private deletePassage(rid: number, tally: { rows: number; words: number }): void {
    const size = this.passageSize(rid);
    if (size === null) return;
    this.passageSql.del.run(rid);
    tally.rows--;
    tally.words -= size;
  }

  /** Fills the passage terms of an index built before them (once, on the first open after the upgrade). */
  private backfillPassages(): void {
    this.db
      .transaction(() => {
        this.db.exec("DELETE FROM search_passages; DELETE FROM search_meta WHERE key IN ('passage_rows', 'passage_words')");
        const insert = this.db.prepare('INSERT INTO search_passages (rowid, terms) VALUES (?, ?)');
        const page = this.db.prepare("SELECT rid, kind, title, text FROM search_entries WHERE rid > ? AND kind != 'document' ORDER BY rid LIMIT 1000");
        for (let after = 0; ; ) {
          const rows = page.all(after) as { rid: number; kind: string; title: string | null; text: string }[];
          if (rows.length === 0) break;
          let words = 0;
          for (const r of rows) {
            const terms = passageColumn(r) as string[];
            insert.run(r.rid, terms.join(' '));
            words += terms.length;
          }
          this.countPassages(rows.length, words);
          after = (rows[rows.length - 1] as { rid: number }).rid;
        }
        this.db.prepare("INSERT OR REPLACE INTO search_meta (key, value) VALUES ('passages', 1)").run();
        this.wrote();
      })
      .immediate();
  }

  /** Fills the term tables of an index built before them (once, on the first open after the upgrade). */
  private backfill(): void {
    this.db
      .transaction(() => {
        this.db.exec(
          "DELETE FROM search_terms; DELETE FROM search_term_stats; DELETE FROM search_impacts; DELETE FROM search_meta WHERE key IN ('avgdl', 'rows', 'words');",
        );
        // A thousand entries at a time (the texts of a whole index do not fit in memory); the lists once at the end.
        const page = this.db.prepare(
          'SELECT rid, kind, title, text, document_number AS documentNumber FROM search_entries WHERE rid > ? ORDER BY rid LIMIT 1000',
        );
        for (let after = 0; ; ) {
          const rows = page.all(after) as { rid: number; kind: string; title: string | null; text: string; documentNumber: string | null }[];
          if (rows.length === 0) break;
          this.terms.addRows(rows.map((r) => ({ rid: r.rid, terms: rowTerms(ftsColumns(r)) })));
          after = (rows[rows.length - 1] as { rid: number }).rid;
        }
        const avgdl = this.db.prepare('SELECT avg(size) FROM search_terms').pluck().get() as number | null;
        this.terms.rebuild(avgdl || 1);
        this.terms.markComplete();
        this.wrote();
      })
      .immediate();
  }

  private wrote(): void {
    writes.set(this.db, (writes.get(this.db) ?? 0) + 1);
  }

  async ensureReady(): Promise<void> {
    // The schema is created by migrations in db.ts.
  }

  async upsert(entries: SearchEntry[], options: { bulk?: boolean } = {}): Promise<void> {
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
    const insertPassage = this.db.prepare('INSERT INTO search_passages (rowid, terms) VALUES (?, ?)');
    // The batch's term rows, written after its FTS5 rows; an entry replaced within the batch leaves it here.
    const added = new Map<number, ReturnType<typeof rowTerms>>();
    this.db
      .transaction(() => {
        const tally = { rows: 0, words: 0 };
        for (const e of entries) {
          const existing = current.get(e.id) as { rid: number; version: number } | undefined;
          if (existing && existing.version > e.version) continue; // an older write arriving late: keep the newer entry
          if (existing) {
            if (!added.delete(existing.rid)) this.terms.remove([existing.rid]);
            del.run(existing.rid);
            this.deletePassage(existing.rid, tally);
            delEntry.run(existing.rid);
          }
          const { lastInsertRowid } = insert.run({
            ...e,
            issuers: JSON.stringify(e.issuers),
            issuerKeys: JSON.stringify(e.issuers.map(nameKey)),
            sectors: JSON.stringify(e.sectors),
            provinceKey: e.province ? nameKey(e.province) : null,
          });
          const { cols, passage } = entryColumns(e);
          insertFts.run(lastInsertRowid, ...cols.map((words) => words.join(' ')));
          if (passage !== null) {
            insertPassage.run(lastInsertRowid, passage.join(' '));
            tally.rows++;
            tally.words += passage.length;
          }
          added.set(Number(lastInsertRowid), rowTerms(cols));
        }
        if (tally.rows !== 0 || tally.words !== 0) this.countPassages(tally.rows, tally.words);
        const rows = [...added].map(([rid, terms]) => ({ rid, terms }));
        // A bulk load (ended by optimize()) writes the impact lists once, at the end; so does a small index (add()).
        if (options.bulk) this.terms.addDeferred(rows);
        else this.terms.add(rows);
        this.wrote();
      })
      .immediate();
  }

  async removeWork(workId: string): Promise<void> {
    this.db
      .transaction(() => {
        const rows = this.db.prepare('SELECT rid FROM search_entries WHERE work_id = ?').all(workId) as { rid: number }[];
        this.terms.remove(rows.map((r) => r.rid));
        const del = this.db.prepare('DELETE FROM search_fts WHERE rowid = ?');
        const tally = { rows: 0, words: 0 };
        for (const r of rows) {
          del.run(r.rid);
          this.deletePassage(r.rid, tally);
        }
        if (tally.rows !== 0) this.countPassages(tally.rows, tally.words);
        this.db.prepare('DELETE FROM search_entries WHERE work_id = ?').run(workId);
        this.wrote();
      })
      .immediate();
  }

  /** The matching entries (rid, work, score and facet fields) as a SQL source, with its parameters. */
  private matched(query: SearchQuery): {
    filtered: boolean;
    sql: string;
    ranked: string;
    rids: string;
    phrases: Phrase[];
    where: string;
    params: Record<string, unknown>;
  } | null {
    const plan = queryPlan(query.q);
    if (!plan) return null;
    const { match, filter, phrases } = plan;
    const { where, params } = filterClauses(query);
    // Without filters, counting and ranking need only the FTS index; the entries table is read for the page alone.
    const filtered = where.trim() !== '' || query.sort === 'date';
    return {
      filtered,
      sql: `SELECT e.rid, e.work_id, e.document_type, e.issuers, e.status, e.issued, -bm25(search_fts, ${WEIGHTS}) AS score
            FROM search_fts f JOIN search_entries e INDEXED BY search_entries_filters ON e.rid = f.rowid
            WHERE search_fts MATCH @match ${where}`,
      ranked: `SELECT rowid AS rid, -bm25(search_fts, ${WEIGHTS}) AS score FROM search_fts WHERE search_fts MATCH @match`,
      rids: filtered
        ? `SELECT e.rid FROM search_fts f JOIN search_entries e INDEXED BY search_entries_filters ON e.rid = f.rowid WHERE search_fts MATCH @filter ${where}`
        : 'SELECT rowid AS rid FROM search_fts WHERE search_fts MATCH @filter',
      phrases,
      where,
      params: { match, filter, ...params },
    };
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

  /** The rows matching a phrase expression (bm25's n for its idf), counted once per index state. */
  private phraseHits(stats: Stats, expr: string): number {
    let n = stats.hits.get(expr);
    if (n === undefined) {
      n = this.db.prepare('SELECT count(*) FROM search_fts WHERE search_fts MATCH ?').pluck().get(expr) as number;
      stats.hits.set(expr, n);
    }
    return n;
  }

  /** Whether an entry passes the query's filters, read from the filter index. */
  private acceptor(source: NonNullable<ReturnType<SqliteSearchIndex['matched']>>): (rid: number) => boolean {
    const stmt = this.db.prepare(`SELECT 1 FROM search_entries e INDEXED BY search_entries_filters WHERE e.rid = @rid ${source.where}`).pluck();
    const { match: _match, filter: _filter, ...params } = source.params;
    return (rid) => stmt.get({ ...params, rid }) !== undefined;
  }

  /**
   * The query's phrases for ranking from the term tables: the words' ids (sorted) and, per phrase of the expression
   * in its order, its idf and where its word (or each word of a phrase of several) sits among the ids.
   */
  private termQuery(stats: Stats, phrases: Phrase[]): TermQuery {
    const lookup = this.db.prepare('SELECT id, df FROM search_term_stats WHERE term = ?');
    const known = new Map<string, { id: number; df: number } | undefined>();
    const find = (key: string) => {
      if (!known.has(key)) known.set(key, lookup.get(key) as { id: number; df: number } | undefined);
      return known.get(key);
    };
    const keysOf = phrases.map((p) => (p.tokens.length > 1 ? p.tokens : [p.cols === TITLE_EXACT ? `~${p.tokens[0]}` : (p.tokens[0] as string)]));
    const found = new Set<number>();
    for (const k of keysOf.flat()) {
      const f = find(k);
      if (f) found.add(f.id);
    }
    const ids = Int32Array.from([...found].sort((x, y) => x - y));
    const at = (key: string) => {
      const f = find(key);
      return f ? ids.indexOf(f.id) : -1;
    };
    return {
      ids,
      phrases: phrases.map((p, i) => {
        const keys = keysOf[i] as string[];
        if (p.tokens.length > 1) return { idf: idfOf(stats.rows, this.phraseHits(stats, p.expr)), words: keys.map(at), tokens: p.tokens, required: true };
        return { idf: idfOf(stats.rows, find(keys[0] as string)?.df ?? 0), words: [at(keys[0] as string)], tokens: null, required: p.cols !== TITLE_EXACT };
      }),
      multiWord: phrases.some((p) => p.tokens.length > 1),
    };
  }

  /**
   * Scores entries for a query from their term rows (FTS5's bm25, the phrases summed in the expression's order).
   * A phrase of several words needs its occurrences, which only the text has: `bounds` scores a row with each such
   * phrase as frequent as its rarest word in the row (an upper bound: bm25 grows with the frequency, and a phrase
   * occurs at most as often as each of its words), and `exact` counts the phrase in the stored title and text.
   */
  private termScorer(stats: Stats, tq: TermQuery) {
    const fs = new Float64Array(tq.ids.length);
    const entry = this.db.prepare('SELECT title, text FROM search_entries WHERE rid = ?');
    const factor = (f: number, size: number) => (f === 0 ? 0 : termFactor(f, size, stats.avgdl));
    /** The score with phrases of several words at their bound, and whether the row can match (every word in it). */
    const bounds = (size: number, freqs: Buffer): { score: number; matches: boolean } => {
      freqsOf(freqs, tq.ids, fs);
      let score = 0;
      let matches = true;
      for (const p of tq.phrases) {
        let f = Number.POSITIVE_INFINITY;
        for (const w of p.words) f = Math.min(f, w < 0 ? 0 : (fs[w] as number));
        if (f === 0 && p.required) matches = false;
        score += p.idf * factor(f, size);
      }
      return { score, matches };
    };
    /** The exact score (after `bounds` on the same row); null when a phrase of several words is not in the row. */
    const exact = (rid: number, size: number): number | null => {
      let text: { title: string; body: string } | null = null;
      let score = 0;
      for (const p of tq.phrases) {
        let f: number;
        if (p.tokens) {
          if (!text) {
            const e = entry.get(rid) as { title: string | null; text: string };
            // The columns as upsert tokenised them (ftsColumns), unsplit: folded title and text.
            text = { title: fold(normalizeText(e.title ?? '')), body: fold(normalizeText(e.text)) };
          }
          f = WEIGHT_VALUES[0] * occurrences(text.title, p.tokens) + WEIGHT_VALUES[1] * occurrences(text.body, p.tokens);
          if (f === 0) return null;
        } else {
          const w = p.words[0] as number;
          f = w < 0 ? 0 : (fs[w] as number);
        }
        score += p.idf * factor(f, size);
      }
      return score;
    };
    return { bounds, exact };
  }

  /**
   * Keeps the top `k` rows by exact score as candidates arrive: a row whose bound cannot reach the k-th score is
   * dropped before its text is read. `checked`: the rows are known matches (else their words, the text for phrases
   * of several words and `accept` for the filters decide).
   */
  private collector(stats: Stats, tq: TermQuery, k: number, checked: boolean, accept: ((rid: number) => boolean) | null) {
    const scorer = this.termScorer(stats, tq);
    const top: Ranked[] = [];
    const consider = (rid: number, size: number, freqs: Buffer): void => {
      const b = scorer.bounds(size, freqs);
      if (!checked && !b.matches) return;
      if (top.length >= k) {
        const last = top[k - 1] as Ranked;
        if (b.score < last.score || (b.score === last.score && rid > last.rid)) return;
      }
      if (accept && !accept(rid)) return;
      const score = tq.multiWord ? scorer.exact(rid, size) : b.score;
      if (score !== null) keepTop(top, { rid, score }, k);
    };
    return { top, consider };
  }

  /**
   * The top `k` of the given matches (all of them), scored from their term rows. With phrases of several words the
   * rows are taken in the order of their bound and the text is read only while a bound can still reach the k-th
   * score. Null if a row is missing.
   */
  private scoreAll(phrases: Phrase[], rids: number[], k: number): Ranked[] | null {
    const stats = this.freshStats();
    if (!(stats.rows > 0) || !Number.isFinite(stats.avgdl)) return null;
    const tq = this.termQuery(stats, phrases);
    const row = this.db.prepare('SELECT size, freqs FROM search_terms WHERE rid = ?').raw();
    const c = this.collector(stats, tq, k, true, null);
    if (!tq.multiWord) {
      for (const rid of rids) {
        const r = row.get(rid) as [number, Buffer] | undefined;
        if (!r) return null;
        c.consider(rid, r[0], r[1]);
      }
      return c.top;
    }
    const scorer = this.termScorer(stats, tq);
    const rows: { rid: number; size: number; freqs: Buffer; bound: number }[] = [];
    for (const rid of rids) {
      const r = row.get(rid) as [number, Buffer] | undefined;
      if (!r) return null;
      rows.push({ rid, size: r[0], freqs: r[1], bound: scorer.bounds(r[0], r[1]).score });
    }
    rows.sort((a, b) => b.bound - a.bound || a.rid - b.rid);
    for (const r of rows) {
      if (c.top.length >= k && (c.top[k - 1] as Ranked).score > r.bound) break;
      c.consider(r.rid, r.size, r.freqs);
    }
    return c.top;
  }

  /**
   * The top `k` matches by bm25 from the words' impact lists (docs/adr/0008, "Ranking from term impacts"): a
   * threshold algorithm reads the lists from their highest impact down, always from the list that could still add
   * the most (idf × the impact reached), scores every entry it meets from its term row, and stops once the k-th
   * best score is above what any entry not yet met could score: Σ idf × the impact each word's list has reached
   * (or its floor once read to the end), a phrase of several words counting as its words' lowest. `member` is the
   * match set (filters applied) when the caller has it; otherwise the term rows, the text (phrases) and `accept`
   * (filters) decide. Null when nothing is proven within IMPACT_SEEN_MAX entries: FTS5 ranks then.
   */
  private topByImpacts(phrases: Phrase[], k: number, member: Set<number> | null, accept: ((rid: number) => boolean) | null): Ranked[] | null {
    const stats = this.freshStats();
    const ref = this.terms.referenceAvgdl();
    if (!(stats.rows > 0) || !Number.isFinite(stats.avgdl) || ref === null) return null;
    const tq = this.termQuery(stats, phrases);
    // A required word in no entry while FTS5 found matches: the tables disagree with FTS5, which ranks then.
    if (tq.phrases.some((p) => p.required && p.words.some((w) => w < 0))) return null;
    // An impact stored with the reference average bounds the true one within a factor avgdl / reference when the
    // average has grown since (search-terms.ts).
    const slack = Math.max(1, stats.avgdl / ref) * (1 + 1e-9);
    const statOf = this.db.prepare('SELECT n, floor FROM search_term_stats WHERE id = ?');
    const next = this.db.prepare('SELECT g, rid FROM search_impacts WHERE term = ? AND (g, rid) < (?, ?) ORDER BY g DESC, rid DESC LIMIT ?').raw();
    const row = this.db.prepare('SELECT size, freqs FROM search_terms WHERE rid = ?').raw();
    // One list per word, weighed by the idf of the phrases reading it. Before its first read a list's bound is the
    // most any impact can be: k1 + 1.
    const lists = [...tq.ids].map((id, at) => {
      const st = statOf.get(id) as { n: number; floor: number };
      let idf = 0;
      let required = false;
      for (const p of tq.phrases)
        if (p.words.includes(at)) {
          idf += p.idf;
          required ||= p.required;
        }
      return { id, idf, required, floor: st.floor, g: (K1 + 1) * IMPACT_SCALE, rid: Number.MAX_SAFE_INTEGER, read: false, done: false, batch: 64 };
    });
    const bound = () => {
      let sum = 0;
      for (const p of tq.phrases) {
        let g = Number.POSITIVE_INFINITY;
        for (const w of p.words) {
          const l = lists[w];
          g = Math.min(g, l ? (l.done ? l.floor : l.g) : 0);
        }
        sum += p.idf * (g / IMPACT_SCALE);
      }
      return sum * slack;
    };
    const seen = new Set<number>();
    const c = this.collector(stats, tq, k, member !== null, accept);
    for (;;) {
      if (c.top.length >= k && (c.top[k - 1] as Ranked).score > bound()) return c.top;
      let pick: (typeof lists)[number] | null = null;
      for (const l of lists) if (!l.done && (!pick || l.idf * l.g > pick.idf * pick.g)) pick = l;
      if (!pick || seen.size > IMPACT_SEEN_MAX) return null;
      const rows = next.all(pick.id, pick.read ? pick.g : Number.MAX_SAFE_INTEGER, pick.rid, pick.batch) as [number, number][];
      pick.read = true;
      if (rows.length < pick.batch) pick.done = true;
      pick.batch = Math.min(pick.batch * 2, 1024);
      for (const [g, rid] of rows) {
        pick.g = g;
        pick.rid = rid;
        if (seen.has(rid)) continue;
        seen.add(rid);
        if (member && !member.has(rid)) continue;
        const r = row.get(rid) as [number, Buffer] | undefined;
        if (!r) return null;
        c.consider(rid, r[0], r[1]);
      }
      // A required word's complete list read to the end: every match has been met.
      if (pick.done && pick.floor === 0 && pick.required) return c.top;
    }
  }

  /**
   * The number of matches (filters applied) and the facets: documents, not entries, per value (top FACET_SIZE;
   * NULL values counted as SQL groups them), from one pass grouped by document and facet values, so few rows
   * are read (the entries of a document mostly share their facet values).
   */
  private matchFacets(source: NonNullable<ReturnType<SqliteSearchIndex['matched']>>): { total: number; facets: Facets } {
    return this.facetsOver(
      `FROM search_fts f JOIN search_entries e INDEXED BY search_entries_filters ON e.rid = f.rowid WHERE search_fts MATCH @filter ${source.where}`,
      source.params,
      false,
    );
  }

  /**
   * The facets of the entries a FROM clause (alias `e`, the filter index) gives: search's matches (matchFacets) or the
   * documents a browse lists; `sectors` adds the sector facet. One pass grouped by document and facet values.
   */
  private facetsOver(from: string, params: Record<string, unknown>, sectors: boolean): { total: number; facets: Facets } {
    // Search's statement is unchanged by the sector facet (docs/adr/0008 measured it): the column comes only when asked.
    const rows = this.db
      .prepare(
        sectors
          ? `SELECT e.work_id, e.document_type, e.status, substr(e.issued, 1, 4), e.issuers, count(*), e.sectors ${from} GROUP BY 1, 2, 3, 4, 5, 7`
          : `SELECT e.work_id, e.document_type, e.status, substr(e.issued, 1, 4), e.issuers, count(*) ${from} GROUP BY 1, 2, 3, 4, 5`,
      )
      .raw()
      .all(params) as [string, string | null, string | null, string | null, string, number, string?][];
    const counts: Partial<Record<keyof Facets, Map<string | null, Set<string>>>> = {
      type: new Map(),
      issuer: new Map(),
      status: new Map(),
      year: new Map(),
      ...(sectors ? { sector: new Map() } : {}),
    };
    const add = (facet: keyof Facets, value: string | null, work: string) => {
      const m = counts[facet] as Map<string | null, Set<string>>;
      const works = m.get(value);
      if (works) works.add(work);
      else m.set(value, new Set([work]));
    };
    let total = 0;
    for (const [work, type, status, year, issuers, n, sectorCodes] of rows) {
      total += n;
      add('type', type, work);
      add('status', status, work);
      if (year !== null) add('year', year, work);
      for (const i of JSON.parse(issuers) as string[]) add('issuer', i, work);
      if (sectorCodes) for (const c of JSON.parse(sectorCodes) as string[]) add('sector', c, work);
    }
    const facets = {} as Facets;
    for (const k of Object.keys(counts) as (keyof Facets)[])
      facets[k] = [...(counts[k] as Map<string | null, Set<string>>)]
        .map(([value, works]) => ({ value: value as string, count: works.size }))
        .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1))
        .slice(0, FACET_SIZE);
    return { total, facets };
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    const source = this.matched(query);
    if (!source) return { total: 0, hits: [] };
    const order = query.sort === 'date' ? 'm.issued DESC NULLS LAST, m.score DESC, m.rid' : 'm.score DESC, m.rid';
    const select = `SELECT e.id, e.work_id, e.kind, e.e_id, e.document_number, e.document_type, e.title, e.document_title, substr(e.text, 1, ${SNIPPET_TEXT_CHARS}) AS text, e.citation, e.issued, e.status, page.score
           FROM page JOIN search_entries e ON e.rid = page.rid`;
    const depth = query.offset + query.limit;
    // Ranked from the term tables (docs/adr/0008, "Ranking from term impacts"): same scores and order as FTS5's bm25.
    const byTerms = query.sort !== 'date' && depth <= FAST_DEPTH_MAX && this.terms.complete() ? source.phrases : null;
    const pageOf = (ranked: Ranked[]): HitRow[] => {
      const entry = this.db.prepare(`WITH page AS (SELECT ? AS rid, ? AS score) ${select}`);
      return ranked.slice(query.offset, depth).map((p) => entry.get(p.rid, p.score) as HitRow);
    };
    return this.db.transaction(() => {
      // With facets, the total and the facets from one grouped pass over the matches (filters applied). Without,
      // the first matches are read whole (the match stops early past them): with few matches that is the total and
      // what is ranked; past them a count without scores gives the total.
      const counted = query.facets ? this.matchFacets(source) : null;
      let total: number;
      let few: number[] | null;
      if (counted) {
        total = counted.total;
        few = byTerms && total <= this.limits.scoreAll ? (this.db.prepare(source.rids).pluck().all(source.params) as number[]) : null;
      } else {
        const first = this.db
          .prepare(`${source.rids} LIMIT ${this.limits.scoreAll + 1}`)
          .pluck()
          .all(source.params) as number[];
        few = first.length <= this.limits.scoreAll ? first : null;
        total = few ? few.length : (this.db.prepare(`SELECT count(*) AS n FROM (${source.rids})`).get(source.params) as { n: number }).n;
      }
      const facets = counted ? { facets: counted.facets } : {};
      if (total === 0) return { total, hits: [], ...facets };
      // A mid-sized match set is read whole so the lists' entries outside it cost nothing (not with facets: that
      // would be a second pass); otherwise the term rows and the filter index decide entry by entry.
      const members = !counted && total <= this.limits.memberSet ? () => new Set(this.db.prepare(source.rids).pluck().all(source.params) as number[]) : null;
      const ranked = byTerms ? this.rankByTerms(byTerms, few, depth, members, source.filtered ? this.acceptor(source) : null) : null;
      if (ranked) return { total, hits: sortPage(pageOf(ranked), query).map(hit), ...facets };
      // FTS5's bm25 over every match: a top-k sort straight off the match (no table).
      this.lastRanking = 'fts5';
      const rows = this.db
        .prepare(
          `WITH page AS (SELECT m.rid, m.score FROM (${source.filtered ? source.sql : source.ranked}) m ORDER BY ${order} LIMIT @limit OFFSET @offset) ${select}`,
        )
        .all({ ...source.params, limit: query.limit, offset: query.offset }) as HitRow[];
      return { total, hits: sortPage(rows, query).map(hit), ...facets };
    })();
  }

  /**
   * The page's ranking from the term tables: every match scored when `few` holds them all (at most
   * SCORE_TERMS_MAX), else the impact lists, with the match set from `members` when given, else `accept` for the
   * filters. Null: FTS5 ranks.
   */
  private rankByTerms(
    phrases: Phrase[],
    few: number[] | null,
    depth: number,
    members: (() => Set<number>) | null,
    accept: ((rid: number) => boolean) | null,
  ): Ranked[] | null {
    if (few && few.length <= this.limits.scoreAll) {
      const ranked = this.scoreAll(phrases, few, depth);
      if (ranked) this.lastRanking = 'terms';
      return ranked;
    }
    // Stale lists (a small index, or during a bulk load) bound nothing: FTS5 ranks until they are built.
    if (!this.terms.listsCurrent()) return null;
    const set = members ? members() : null;
    const ranked = this.topByImpacts(phrases, depth, set, set ? null : accept);
    if (ranked) this.lastRanking = 'impacts';
    return ranked;
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
         SELECT e.id, e.work_id, e.kind, e.e_id, e.document_number, e.document_type, e.title, e.document_title, substr(e.text, 1, ${SNIPPET_TEXT_CHARS}) AS text, e.citation, e.issued, e.status,
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
    const { facets } = this.matchFacets(source);
    return { total, groups, facets };
  }

  async browse(query: BrowseQuery): Promise<BrowseResult> {
    const { where, params } = filterClauses(query);
    // Document entries through the filter index, which holds every filter and sort column: the entries' own pages are
    // read for the page's rows alone.
    const from = `FROM search_entries e INDEXED BY search_entries_filters WHERE e.kind = 'document' ${where}`;
    const { order, after } = browseOrder(query.sort, query.after);
    const col = BROWSE_COLUMNS[query.sort];
    return this.db.transaction(() => {
      // The total and the facets over every page, by the code that counts search's facets.
      const counted = query.facets ? this.facetsOver(from, params, true) : null;
      const total = counted ? counted.total : (this.db.prepare(`SELECT count(*) ${from}`).pluck().get(params) as number);
      const rows = this.db
        .prepare(
          `WITH page AS (SELECT e.rid ${from} ${after} ORDER BY ${order} LIMIT @limit)
           SELECT e.work_id, e.document_number, e.document_type, e.document_title, e.issued, e.effective, e.expiry, e.status
           FROM page JOIN search_entries e ON e.rid = page.rid ORDER BY ${order}`,
        )
        .all({ ...params, limit: query.limit + 1, afterId: query.after?.id ?? null, afterKey: query.after?.key ?? null }) as {
        work_id: string;
        document_number: string | null;
        document_type: string;
        document_title: string | null;
        issued: string | null;
        effective: string | null;
        expiry: string | null;
        status: string;
      }[];
      const hits = rows.slice(0, query.limit).map((r) => ({
        workId: r.work_id,
        documentNumber: r.document_number,
        documentType: r.document_type,
        title: r.document_title,
        issued: r.issued,
        effective: r.effective,
        expiry: r.expiry,
        status: r.status,
      }));
      const last = hits[hits.length - 1];
      const next = rows.length > query.limit && last ? { id: last.workId, key: col ? last[col] : null } : null;
      return { total, hits, next, ...(counted ? { facets: counted.facets } : {}) };
    })();
  }

  async optimize(): Promise<void> {
    this.db.exec("INSERT INTO search_fts(search_fts) VALUES('optimize')");
    // Impacts are computed with a reference average entry size; after a bulk load moved the average (by more than
    // REBUILD_DRIFT), recompute them so the lists hold the true top entries and their bounds need no slack
    // (docs/adr/0008, "Ranking from term impacts").
    const stats = this.freshStats();
    const ref = this.terms.referenceAvgdl();
    if (stats.rows > 0 && Number.isFinite(stats.avgdl) && (!this.terms.listsCurrent() || ref === null || Math.abs(stats.avgdl / ref - 1) > REBUILD_DRIFT))
      this.db.transaction(() => this.terms.rebuild(stats.avgdl)).immediate();
  }

  async passages(query: PassageQuery): Promise<PassageCandidates> {
    const terms = [...new Set(query.terms)].filter((t) => /^[\p{L}\p{N}_]+$/u.test(t));
    const none = { hits: [], stats: { rows: 0, avgdl: 1, df: new Map<string, number>() } };
    if (terms.length === 0 || query.limit < 1) return none;
    const meta = this.db.prepare('SELECT value FROM search_meta WHERE key = ?').pluck();
    const rows = (meta.get('passage_rows') as number | undefined) ?? 0;
    const words = (meta.get('passage_words') as number | undefined) ?? 0;
    // Each term's entry count (fts5vocab), to leave out the terms nearly every passage holds (PASSAGE_COMMON_SHARE).
    const counts = new Map(
      (
        this.db.prepare(`SELECT term, doc FROM search_passages_vocab WHERE term IN (${terms.map(() => '?').join(', ')})`).all(...terms) as {
          term: string;
          doc: number;
        }[]
      ).map((r) => [r.term, r.doc]),
    );
    const present = terms.filter((t) => (counts.get(t) ?? 0) > 0);
    if (present.length === 0) return none;
    const rare = present.filter((t) => (counts.get(t) as number) <= this.limits.passageCommonShare * rows);
    // A question made only of common words still asks something: then its three rarest words decide.
    const chosen = rare.length > 0 ? rare : [...present].sort((a, b) => (counts.get(a) as number) - (counts.get(b) as number)).slice(0, 3);
    const { where, params } = filterClauses(query);
    const found = this.db
      .prepare(
        `WITH top AS (
           SELECT p.rowid AS rid, -bm25(search_passages) AS score FROM search_passages p
           ${where ? 'JOIN search_entries e INDEXED BY search_entries_filters ON e.rid = p.rowid' : ''}
           WHERE search_passages MATCH @match ${where}
           ORDER BY bm25(search_passages), p.rowid LIMIT @limit)
         SELECT e.id, e.work_id, e.kind, e.e_id, e.document_number, e.document_type, e.title, e.document_title,
                e.text, e.citation, e.issued, e.status, top.score
           FROM top JOIN search_entries e ON e.rid = top.rid ORDER BY top.score DESC, e.id`,
      )
      .all({ ...params, match: chosen.map(quote).join(' OR '), limit: Math.min(query.limit, 1000) }) as HitRow[];
    return { hits: found.map(hit), stats: { rows, avgdl: rows > 0 ? words / rows : 1, df: counts } };
  }

  async suggest(prefix: string, limit: number): Promise<Suggestion[]> {
    const terms = queryTerms(prefix);
    if (terms.length === 0) return [];
    // The last word may be unfinished unless a space or a separator follows it.
    const open = /[\p{L}\p{N}]$/u.test(prefix);
    const expr = terms.map((t, i) => (i === terms.length - 1 && open ? `${quote(t)}*` : quote(t))).join(' ');
    const rows = this.db
      .prepare(
        `SELECT e.work_id, e.document_number, e.document_type, e.title, e.issued
         FROM search_fts f JOIN search_entries e ON e.rid = f.rowid
         WHERE search_fts MATCH @match AND e.kind = 'document'
         ORDER BY bm25(search_fts, 1.0, 0.0, 0.0, 4.0), e.issued DESC NULLS LAST, e.id LIMIT @limit`,
      )
      .all({ match: `{number title}: (${expr})`, limit }) as {
      work_id: string;
      document_number: string | null;
      document_type: string;
      title: string | null;
      issued: string | null;
    }[];
    return rows.map((r) => ({ workId: r.work_id, documentNumber: r.document_number, documentType: r.document_type, title: r.title, issued: r.issued }));
  }

  async documentEntries(workIds: string[], filters: SearchFilters): Promise<SearchHit[]> {
    if (workIds.length === 0) return [];
    const { where, params } = filterClauses(filters);
    const ids = Object.fromEntries(workIds.map((id, i) => [`w${i}`, id]));
    const rows = this.db
      .prepare(
        `SELECT e.id, e.work_id, e.kind, e.e_id, e.document_number, e.document_type, e.title, e.document_title, substr(e.text, 1, ${SNIPPET_TEXT_CHARS}) AS text, e.citation, e.issued, e.status, 0 AS score
         FROM search_entries e WHERE e.kind = 'document' AND e.work_id IN (${Object.keys(ids)
           .map((k) => `@${k}`)
           .join(', ')}) ${where}`,
      )
      .all({ ...params, ...ids }) as HitRow[];
    return workIds.flatMap((id) => rows.filter((r) => r.work_id === id).map(hit));
  }
}
