/**
 * Term statistics of the embedded search index, kept beside FTS5 so a search can rank without FTS5's bm25()
 * (docs/adr/0008, "Ranking from term impacts"):
 * - `search_term_stats`: per word (a folded word of the title or text, or `~` + an exact title word), its id, the
 *   entries holding it (bm25's n for the idf, kept exact on every write), its impact list's size and floor;
 * - `search_terms`: per entry, its size in words (FTS5's docsize, all columns) and the weighted frequency of each of
 *   its words by id (folded title ×4 + folded text ×1; exact title ×2), so an entry's exact bm25 for any query of
 *   words costs one row read;
 * - `search_impacts`: per word, its LIST_MAX entries with the highest impact (bm25's term factor computed with a
 *   reference average size), sorted, so a threshold algorithm finds the top hits of a broad query after reading a
 *   few hundred entries instead of scoring every match. A word's `floor` bounds the impact of every entry left out.
 * FTS5 still decides what matches; these tables only rank, with FTS5's bm25 formula (fts5_aux.c).
 */
import type { Db } from './db';

/** FTS5's bm25 constants (fts5_aux.c). */
export const K1 = 1.2;
export const B = 0.75;
/** Column weights for bm25: folded title, folded text, exact title, number. */
export const WEIGHT_VALUES = [4, 1, 2, 0] as const;
/** Entries kept in each word's impact list (by default); a list is trimmed back once it holds half as many again. */
export const LIST_MAX = 3000;
/**
 * The impact lists are built once the index holds more than this many entries (then kept up to date write by write).
 * Below it a search scores every match (from the term rows, or FTS5's bm25 past SCORE_TERMS_MAX matches) in a few
 * milliseconds, and keeping lists would cost each write more than it saves a search: the average entry size still
 * moves with every document, and each move meant recomputing every list.
 */
export const LISTS_FROM_ROWS = 20_000;
/** Impacts are stored as integers (×IMPACT_SCALE), rounded up: a stored impact is never below the true one. */
export const IMPACT_SCALE = 1e6;

export interface RowTerms {
  /** Words in all columns (FTS5's docsize summed): bm25's D. */
  size: number;
  /** Weighted frequency by key: the folded word (title ×4, text ×1) or `~` + the exact title word (×2). */
  freqs: Map<string, number>;
}

/** The terms of an entry from its FTS5 columns' words (title, body, title_exact, number). */
export function rowTerms(cols: string[][]): RowTerms {
  const freqs = new Map<string, number>();
  const add = (key: string, w: number) => freqs.set(key, (freqs.get(key) ?? 0) + w);
  const [title = [], body = [], exact = [], number = []] = cols;
  for (const w of title) add(w, WEIGHT_VALUES[0]);
  for (const w of body) add(w, WEIGHT_VALUES[1]);
  for (const w of exact) add(`~${w}`, WEIGHT_VALUES[2]);
  return { size: title.length + body.length + exact.length + number.length, freqs };
}

/** A row's frequencies by term id as varints: (id − previous id, f) pairs in ascending id order. */
export function encodeFreqs(freqs: Map<number, number>): Buffer {
  const ids = [...freqs.keys()].sort((a, b) => a - b);
  const out: number[] = [];
  const put = (v: number) => {
    while (v >= 0x80) {
      out.push((v & 0x7f) | 0x80);
      v = Math.floor(v / 128);
    }
    out.push(v);
  };
  let prev = 0;
  for (const id of ids) {
    put(id - prev);
    put(freqs.get(id) as number);
    prev = id;
  }
  return Buffer.from(out);
}

/** Calls `each(id, f)` for every term of an encoded row, in ascending id order. */
export function eachFreq(buf: Uint8Array, each: (id: number, f: number) => void): void {
  let at = 0;
  let id = 0;
  const read = () => {
    let v = 0;
    let mul = 1;
    for (;;) {
      const b = buf[at++] as number;
      v += (b & 0x7f) * mul;
      if (b < 0x80) return v;
      mul *= 128;
    }
  };
  while (at < buf.length) {
    id += read();
    each(id, read());
  }
}

/**
 * The frequencies of the given term ids (ascending) in an encoded row, into `out` (0 when absent): one merge walk
 * over the row, stopping after the last id asked for.
 */
export function freqsOf(buf: Uint8Array, ids: Int32Array, out: Float64Array): void {
  out.fill(0);
  let at = 0;
  let id = 0;
  let q = 0;
  const last = ids[ids.length - 1] ?? -1;
  while (at < buf.length && q < ids.length) {
    let v = 0;
    let mul = 1;
    for (;;) {
      const b = buf[at++] as number;
      v += (b & 0x7f) * mul;
      if (b < 0x80) break;
      mul *= 128;
    }
    id += v;
    let f = 0;
    mul = 1;
    for (;;) {
      const b = buf[at++] as number;
      f += (b & 0x7f) * mul;
      if (b < 0x80) break;
      mul *= 128;
    }
    while (q < ids.length && (ids[q] as number) < id) q++;
    if (q < ids.length && ids[q] === id) out[q++] = f;
    if (id >= last) break;
  }
}

/** bm25's term factor: f·(k1 + 1) / (f + k1·(1 − b + b·D/avgdl)). */
export function termFactor(f: number, size: number, avgdl: number): number {
  return (f * (K1 + 1)) / (f + K1 * (1 - B + (B * size) / avgdl));
}

/** FTS5's idf (fts5_aux.c): ln((N − n + 0.5) / (n + 0.5)), floored at 1e-6. */
export function idf(rows: number, n: number): number {
  const v = Math.log((rows - n + 0.5) / (n + 0.5));
  return v <= 0 ? 1e-6 : v;
}

const storedImpact = (f: number, size: number, avgdl: number) => Math.ceil(termFactor(f, size, avgdl) * IMPACT_SCALE);

interface TermStat {
  id: number;
  df: number;
  n: number;
  floor: number;
}

/** Writes the term tables beside FTS5, in the caller's transaction. */
export class TermTables {
  private readonly getRow;
  private readonly putRow;
  private readonly delRow;
  private readonly statByTerm;
  private readonly statById;
  private readonly newTerm;
  private readonly putStat;
  private readonly addImpact;
  private readonly delImpact;
  private readonly nth;
  private readonly trimBelow;
  private readonly getMeta;
  private readonly putMeta;

  private readonly trimAt: number;

  /**
   * `listMax`: entries kept per word (LIST_MAX); `listsFromRows`: LISTS_FROM_ROWS. Tests use small values to exercise
   * trimming and floors on a small corpus.
   */
  constructor(
    private readonly db: Db,
    private readonly listMax = LIST_MAX,
    private readonly listsFromRows = LISTS_FROM_ROWS,
  ) {
    this.trimAt = Math.ceil(listMax * 1.5);
    this.getRow = db.prepare('SELECT size, freqs FROM search_terms WHERE rid = ?');
    this.putRow = db.prepare('INSERT OR REPLACE INTO search_terms (rid, size, freqs) VALUES (?, ?, ?)');
    this.delRow = db.prepare('DELETE FROM search_terms WHERE rid = ?');
    this.statByTerm = db.prepare('SELECT id, df, n, floor FROM search_term_stats WHERE term = ?');
    this.statById = db.prepare('SELECT id, df, n, floor FROM search_term_stats WHERE id = ?');
    this.newTerm = db.prepare('INSERT INTO search_term_stats (term, df, n, floor) VALUES (?, 0, 0, 0)');
    this.putStat = db.prepare('UPDATE search_term_stats SET df = ?, n = ?, floor = ? WHERE id = ?');
    this.addImpact = db.prepare('INSERT OR IGNORE INTO search_impacts (term, g, rid) VALUES (?, ?, ?)');
    this.delImpact = db.prepare('DELETE FROM search_impacts WHERE term = ? AND g = ? AND rid = ?');
    this.nth = db.prepare('SELECT g, rid FROM search_impacts WHERE term = ? ORDER BY g, rid LIMIT 1 OFFSET ?');
    this.trimBelow = db.prepare('DELETE FROM search_impacts WHERE term = ? AND (g, rid) <= (?, ?)');
    this.getMeta = db.prepare('SELECT value FROM search_meta WHERE key = ?').pluck();
    this.putMeta = db.prepare('INSERT OR REPLACE INTO search_meta (key, value) VALUES (?, ?)');
  }

  /** The average entry size the stored impacts were computed with (null before the first entry). */
  referenceAvgdl(): number | null {
    return (this.getMeta.get('avgdl') as number | undefined) ?? null;
  }

  /** Whether every entry has its term row (false after an upgrade, until the index fills them in). */
  complete(): boolean {
    return this.getMeta.get('complete') === 1;
  }

  markComplete(): void {
    this.putMeta.run('complete', 1);
  }

  /** Whether the impact lists hold every entry's impacts (false after a bulk load, until rebuild()). */
  listsCurrent(): boolean {
    return this.getMeta.get('lists_stale') !== 1;
  }

  /**
   * Adds entries' terms during a bulk load that ends with rebuild() (SearchIndex.optimize): their rows and counts now,
   * the impact lists once at the end. Until then the lists are stale and the threshold algorithm is not used.
   */
  addDeferred(rows: { rid: number; terms: RowTerms }[]): void {
    if (rows.length === 0) return;
    this.addUnlisted(rows);
    this.putMeta.run('lists_stale', 1);
  }

  /** Entries' rows and counts, not their impacts. */
  private addUnlisted(rows: { rid: number; terms: RowTerms }[]): void {
    this.count(
      rows.length,
      rows.reduce((a, r) => a + r.terms.size, 0),
    );
    const cache = new Map<string, TermStat>();
    this.putRows(rows, cache);
    this.flush(cache.values());
  }

  private stat(term: string, cache: Map<string, TermStat>): TermStat {
    let s = cache.get(term);
    if (!s) {
      s = this.statByTerm.get(term) as TermStat | undefined;
      if (!s) s = { id: Number(this.newTerm.run(term).lastInsertRowid), df: 0, n: 0, floor: 0 };
      cache.set(term, s);
    }
    return s;
  }

  private flush(stats: Iterable<TermStat>): void {
    for (const s of stats) this.putStat.run(s.df, s.n, s.floor, s.id);
  }

  /**
   * The entries with term rows and their average size, kept here because FTS5's own statistics lag inside a
   * write transaction (it writes its averages when it flushes, at commit).
   */
  totals(): { rows: number; avgdl: number } {
    const rows = (this.getMeta.get('rows') as number | undefined) ?? 0;
    const words = (this.getMeta.get('words') as number | undefined) ?? 0;
    return { rows, avgdl: rows > 0 && words > 0 ? words / rows : 1 };
  }

  private count(rows: number, words: number): void {
    const t = { rows: (this.getMeta.get('rows') as number | undefined) ?? 0, words: (this.getMeta.get('words') as number | undefined) ?? 0 };
    this.putMeta.run('rows', t.rows + rows);
    this.putMeta.run('words', t.words + words);
  }

  /**
   * Writes entries' term rows, counting each word's entries in the cached stats (`each` sees every word of every
   * entry); the caller flushes the stats, or not.
   */
  private putRows(
    rows: { rid: number; terms: RowTerms }[],
    cache: Map<string, TermStat>,
    each?: (s: TermStat, f: number, size: number, rid: number) => void,
  ): void {
    for (const { rid, terms } of rows) {
      const byId = new Map<number, number>();
      for (const [term, f] of terms.freqs) {
        const s = this.stat(term, cache);
        byId.set(s.id, f);
        s.df++;
        each?.(s, f, terms.size, rid);
      }
      this.putRow.run(rid, terms.size, encodeFreqs(byId));
    }
  }

  /** Writes entries' term rows only (an upgrade's backfill): the counts and lists come from rebuild() after. */
  addRows(rows: { rid: number; terms: RowTerms }[]): void {
    this.putRows(rows, new Map());
  }

  /**
   * Adds entries' terms. Until the lists are first built (while the index holds at most `listsFromRows` entries),
   * only their rows and counts: the first write past that size builds every list once. After that each write adds
   * its impacts, with the reference average size of the last build (a search allows for the drift since, and
   * optimize() rebuilds). During a bulk load (lists stale) the impacts are put off with it.
   */
  add(rows: { rid: number; terms: RowTerms }[]): void {
    if (rows.length === 0) return;
    if (!this.listsCurrent()) {
      this.addDeferred(rows);
      return;
    }
    if (this.referenceAvgdl() === null) {
      this.addUnlisted(rows);
      const now = this.totals();
      if (now.rows > this.listsFromRows) this.rebuild(now.avgdl);
      return;
    }
    this.count(
      rows.length,
      rows.reduce((a, r) => a + r.terms.size, 0),
    );
    const avgdl = this.referenceAvgdl() as number;
    const cache = new Map<string, TermStat>();
    // Entries at or below a word's floor stay out of its list (the floor already bounds them); the others are
    // inserted per word in the table's order after the batch, then the lists trimmed.
    const pending = new Map<TermStat, number[]>();
    this.putRows(rows, cache, (s, f, size, rid) => {
      const g = storedImpact(f, size, avgdl);
      if (g > s.floor) {
        const list = pending.get(s);
        if (list) list.push(g, rid);
        else pending.set(s, [g, rid]);
      }
    });
    for (const s of [...pending.keys()].sort((a, b) => a.id - b.id)) {
      const list = pending.get(s) as number[];
      const order = Array.from({ length: list.length / 2 }, (_, i) => i).sort(
        (a, b) => (list[2 * a] as number) - (list[2 * b] as number) || (list[2 * a + 1] as number) - (list[2 * b + 1] as number),
      );
      for (const i of order) s.n += this.addImpact.run(s.id, list[2 * i], list[2 * i + 1]).changes;
      if (s.n >= this.trimAt) this.trim(s);
    }
    this.flush(cache.values());
  }

  /** Keeps a list's `listMax` highest impacts; the floor rises to the highest impact removed. */
  private trim(s: TermStat): void {
    const cut = this.nth.get(s.id, s.n - this.listMax - 1) as { g: number; rid: number } | undefined;
    if (!cut) return;
    s.n -= this.trimBelow.run(s.id, cut.g, cut.rid).changes;
    s.floor = Math.max(s.floor, cut.g);
  }

  /** Removes entries' terms (before their FTS5 rows go). */
  remove(rids: number[]): void {
    const avgdl = this.referenceAvgdl();
    const cache = new Map<number, TermStat>();
    let removed = 0;
    let words = 0;
    for (const rid of rids) {
      const row = this.getRow.get(rid) as { size: number; freqs: Buffer } | undefined;
      if (!row) continue;
      eachFreq(row.freqs, (id, f) => {
        let s = cache.get(id);
        if (!s) {
          s = this.statById.get(id) as TermStat;
          cache.set(id, s);
        }
        s.df = Math.max(0, s.df - 1);
        if (avgdl !== null && this.delImpact.run(id, storedImpact(f, row.size, avgdl), rid).changes > 0) s.n--;
      });
      this.delRow.run(rid);
      removed++;
      words += row.size;
    }
    if (removed > 0) this.count(-removed, -words);
    this.flush(cache.values());
  }

  /**
   * Recomputes every impact list with `avgdl` as the reference (after a bulk import moved the average): each word
   * keeps its `listMax` highest impacts, its floor the highest impact left out. Memory: at most 1.5 × `listMax` per
   * word.
   */
  rebuild(avgdl: number): void {
    const lists = new Map<number, { g: number[]; rid: number[]; floor: number; df: number }>();
    let rows = 0;
    let words = 0;
    for (const row of this.db.prepare('SELECT rid, size, freqs FROM search_terms').iterate() as IterableIterator<{
      rid: number;
      size: number;
      freqs: Buffer;
    }>) {
      rows++;
      words += row.size;
      eachFreq(row.freqs, (id, f) => {
        let l = lists.get(id);
        if (!l) {
          l = { g: [], rid: [], floor: 0, df: 0 };
          lists.set(id, l);
        }
        l.df++;
        l.g.push(storedImpact(f, row.size, avgdl));
        l.rid.push(row.rid);
        if (l.g.length >= this.trimAt) shrink(l, this.listMax);
      });
    }
    this.db.exec('DELETE FROM search_impacts; UPDATE search_term_stats SET df = 0, n = 0, floor = 0;');
    for (const [id, l] of lists) {
      if (l.g.length > this.listMax) shrink(l, this.listMax);
      for (let i = 0; i < l.g.length; i++) this.addImpact.run(id, l.g[i], l.rid[i]);
      this.putStat.run(l.df, l.g.length, l.floor, id);
    }
    this.putMeta.run('avgdl', avgdl);
    this.putMeta.run('rows', rows);
    this.putMeta.run('words', words);
    this.putMeta.run('lists_stale', 0);
  }
}
/** Keeps a list's `max` highest (impact, rid) pairs, in the order the table sorts them. */
function shrink(l: { g: number[]; rid: number[]; floor: number }, max: number): void {
  const order = l.g.map((_, i) => i).sort((a, b) => (l.g[b] as number) - (l.g[a] as number) || (l.rid[b] as number) - (l.rid[a] as number));
  const keep = order.slice(0, max);
  for (const i of order.slice(max)) l.floor = Math.max(l.floor, l.g[i] as number);
  l.g = keep.map((i) => l.g[i] as number);
  l.rid = keep.map((i) => l.rid[i] as number);
}
