/**
 * The embedded search ranks from its term tables (adapters/sqlite/search-terms.ts, docs/adr/0008 "Ranking from term
 * impacts") and must give exactly what FTS5's own bm25 gives: the same entries, in the same order, with the same
 * scores, totals and facets, through every path (all matches scored, impact lists with and without the match set,
 * filters, facets, phrases of several words, exact spellings, deeper pages), after updates, removals, a rebuild and
 * the upgrade of an index built before the tables existed. Small impact lists make trimming and floors happen on a
 * corpus of a few thousand entries.
 */
import { openDatabase, type Db } from '../../adapters/sqlite/db';
import { SqliteSearchIndex, queryPlan } from '../../adapters/sqlite/search-index';
import { eachFreq, encodeFreqs, freqsOf, termFactor } from '../../adapters/sqlite/search-terms';
import type { Facets, SearchEntry, SearchQuery } from '../../domain/ports';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { tempDir } from '../support/embedded';

/** A seeded generator of floats in [0, 1): the same corpus and queries on every run. */
function prng(seed: number): () => number {
  const g = xoroshiro128plus(seed);
  return () => uniformFloat64(g);
}

// Syllables with skewed frequencies (a few in nearly every entry, most rare), some differing only by diacritics.
const SYLLABLES = (
  'quy định của tổ chức thực hiện theo các cơ quan nhà nước người lao động hợp đồng bảo hiểm xã hội đất đai thuế ' +
  'giá trị gia tăng thời hạn sử dụng lại lãi suất đăng ký kinh doanh trách nhiệm quyền nghĩa vụ điều khoản thi hành ' +
  'phạm vi điều chỉnh đối tượng áp dụng hồ sơ thủ tục cấp giấy phép kiểm tra xử lý vi phạm hành chính'
).split(' ');
const TYPES = ['luat', 'nghi_dinh', 'thong_tu'];
const ISSUERS = ['Quốc hội', 'Chính phủ', 'Bộ Tài chính', 'Bộ Lao động - Thương binh và Xã hội'];

function corpus(n: number, seed: number): SearchEntry[] {
  const rnd = prng(seed);
  const word = () => SYLLABLES[Math.floor(SYLLABLES.length * rnd() ** 2.2)] as string;
  const words = (k: number) => Array.from({ length: k }, word).join(' ');
  return Array.from({ length: n }, (_, i) => {
    const work = `w${Math.floor(i / 7)}`;
    return {
      id: `${work}#e${i}`,
      workId: work,
      kind: i % 7 === 0 ? 'document' : 'article',
      eId: i % 7 === 0 ? null : `art_${i % 7}`,
      documentNumber: `${Math.floor(i / 7)}/2024/TT`,
      documentType: TYPES[Math.floor(i / 7) % 3] as string,
      title: rnd() < 0.7 ? words(1 + Math.floor(rnd() * 6)) : null,
      documentTitle: null,
      text: `${words(3 + Math.floor(rnd() * 60))}. ${rnd() < 0.1 ? words(200) : ''}`,
      citation: null,
      issuers: [ISSUERS[Math.floor(i / 7) % 4] as string],
      issued: `${2000 + (Math.floor(i / 7) % 24)}-01-01`,
      effective: '2024-01-01',
      expiry: null,
      status: Math.floor(i / 7) % 5 === 0 ? 'expired' : 'in_force',
      sectors: [],
      scope: 'central',
      province: null,
      version: 1,
    } as SearchEntry;
  });
}

/** Small lists and thresholds: every path runs on a few thousand entries. */
const SMALL = { listMax: 250, listsFromRows: 0, scoreAllMax: 150, memberSetMax: 800 };

interface Reference {
  total: number;
  hits: [string, number][];
  facets: Facets;
}

/** What FTS5's bm25 answers, straight from SQL over the same index. */
function reference(db: Db, q: SearchQuery): Reference {
  const plan = queryPlan(q.q);
  if (!plan) throw new Error(q.q);
  const where = [q.type ? 'AND e.document_type = @type' : '', q.status ? 'AND e.status = @status' : ''].join(' ');
  const params = { match: plan.match, type: q.type ?? null, status: q.status ?? null };
  const from = `FROM search_fts f JOIN search_entries e ON e.rid = f.rowid WHERE search_fts MATCH @match ${where}`;
  const hits = db
    .prepare(`SELECT e.id, -bm25(search_fts, 4.0, 1.0, 2.0, 0.0) AS score ${from} ORDER BY score DESC, e.rid LIMIT @limit OFFSET @offset`)
    .raw()
    .all({ ...params, limit: q.limit, offset: q.offset }) as [string, number][];
  // The page is cut in bm25's order (ties by rowid); the adapter then lists equal scores by id (sortPage).
  hits.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const total = (db.prepare(`SELECT count(*) ${from}`).pluck().get(params) as number) ?? 0;
  const group = (col: string) =>
    (db.prepare(`SELECT ${col} AS value, count(DISTINCT e.work_id) AS count ${from} GROUP BY 1`).all(params) as { value: string; count: number }[])
      .filter((r) => r.value !== null)
      .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1))
      .slice(0, 20);
  const facets: Facets = {
    type: group('e.document_type'),
    issuer: (
      db
        .prepare(`SELECT j.value AS value, count(DISTINCT e.work_id) AS count ${from.replace('WHERE', ', json_each(e.issuers) j WHERE')} GROUP BY 1`)
        .all(params) as { value: string; count: number }[]
    )
      .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1))
      .slice(0, 20),
    status: group('e.status'),
    year: group('substr(e.issued, 1, 4)'),
  };
  return { total, hits, facets };
}

/** Queries of every shape, from the corpus's own words. */
function queries(entries: SearchEntry[], seed: number): SearchQuery[] {
  const rnd = prng(seed);
  const out: SearchQuery[] = [];
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)] as T;
  const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd');
  for (let i = 0; i < 160; i++) {
    const text = pick(entries)
      .text.split(/[\s.]+/)
      .filter(Boolean);
    const at = Math.floor(rnd() * Math.max(1, text.length - 4));
    const words = text.slice(at, at + 1 + Math.floor(rnd() * 3));
    const r = rnd();
    let q = words.join(' ');
    if (r < 0.3) q = fold(q);
    else if (r < 0.45 && words.length >= 2) q = `"${words.join(' ')}"`;
    else if (r < 0.5 && words.length >= 2) q = `${pick(SYLLABLES)} "${words.join(' ')}"`;
    const query: SearchQuery = { q, limit: 20, offset: rnd() < 0.2 ? 40 : 0 };
    if (rnd() < 0.25) query.type = pick(TYPES);
    if (rnd() < 0.1) query.status = 'expired';
    if (rnd() < 0.2) query.facets = true;
    out.push(query);
  }
  return out;
}

async function expectSameAsFts5(db: Db, index: SqliteSearchIndex, qs: SearchQuery[]): Promise<Record<string, number>> {
  const paths: Record<string, number> = {};
  for (const q of qs) {
    const got = await index.search(q);
    const want = reference(db, q);
    paths[index.lastRanking ?? 'none'] = (paths[index.lastRanking ?? 'none'] ?? 0) + 1;
    const label = JSON.stringify(q);
    expect({ q: label, total: got.total }).toEqual({ q: label, total: want.total });
    expect({ q: label, ids: got.hits.map((h) => h.id) }).toEqual({ q: label, ids: want.hits.map((h) => h[0]) });
    for (const [i, h] of got.hits.entries())
      expect(Math.abs(h.score - (want.hits[i] as [string, number])[1])).toBeLessThan(1e-9 * Math.max(1, Math.abs(h.score)));
    if (q.facets) expect({ q: label, facets: got.facets }).toEqual({ q: label, facets: want.facets });
  }
  return paths;
}

/**
 * Every word's list and floor bound every entry's stored impact; the entry counts are FTS5's. Returns how many
 * (entry, word) pairs are outside the lists.
 */
function expectListInvariants(db: Db): number {
  const avgdl = db.prepare("SELECT value FROM search_meta WHERE key = 'avgdl'").pluck().get() as number;
  const stats = new Map(
    (db.prepare('SELECT id, term, df, n, floor FROM search_term_stats').all() as { id: number; term: string; df: number; n: number; floor: number }[]).map(
      (s) => [s.id, s],
    ),
  );
  const members = new Map<number, Set<number>>();
  for (const [term, rid] of db.prepare('SELECT term, rid FROM search_impacts').raw().all() as [number, number][]) {
    const m = members.get(term) ?? new Set<number>();
    m.add(rid);
    members.set(term, m);
  }
  const df = new Map<number, number>();
  const problems: string[] = [];
  let outside = 0;
  for (const row of db.prepare('SELECT rid, size, freqs FROM search_terms').all() as { rid: number; size: number; freqs: Buffer }[])
    eachFreq(row.freqs, (id, f) => {
      df.set(id, (df.get(id) ?? 0) + 1);
      if (members.get(id)?.has(row.rid)) return;
      outside++;
      const g = Math.ceil(termFactor(f, row.size, avgdl) * 1e6);
      if (g > (stats.get(id)?.floor ?? 0)) problems.push(`entry ${row.rid} is out of ${stats.get(id)?.term}'s list with impact ${g} above its floor`);
    });
  for (const [id, s] of stats) {
    if (s.df !== (df.get(id) ?? 0)) problems.push(`${s.term}: df ${s.df}, entries ${df.get(id) ?? 0}`);
    if (s.n !== (members.get(id)?.size ?? 0)) problems.push(`${s.term}: n ${s.n}, list ${members.get(id)?.size ?? 0}`);
  }
  expect(problems).toEqual([]);
  // The entry counts are those FTS5 counts for the word (bm25's n).
  for (const s of [...stats.values()].slice(0, 40)) {
    const expr = s.term.startsWith('~') ? `{title_exact}: "${s.term.slice(1)}"` : `{title body}: "${s.term}"`;
    expect({ term: s.term, df: db.prepare('SELECT count(*) FROM search_fts WHERE search_fts MATCH ?').pluck().get(expr) }).toEqual({ term: s.term, df: s.df });
  }
  return outside;
}

describe('ranking from the term tables', () => {
  it('encodes a row of frequencies and reads back any subset of it', () => {
    const rnd = prng(7);
    for (let n = 0; n < 50; n++) {
      const m = new Map<number, number>();
      for (let i = 0; i < 1 + Math.floor(rnd() * 300); i++) m.set(1 + Math.floor(rnd() * 3_000_000), 1 + Math.floor(rnd() * 5000));
      const buf = encodeFreqs(m);
      const back = new Map<number, number>();
      eachFreq(buf, (id, f) => back.set(id, f));
      expect(back).toEqual(new Map([...m].sort((a, b) => a[0] - b[0])));
      const ask = [...new Set([...[...m.keys()].filter(() => rnd() < 0.3), 5, 2_999_999])].sort((a, b) => a - b);
      const out = new Float64Array(ask.length);
      freqsOf(buf, Int32Array.from(ask), out);
      expect([...out]).toEqual(ask.map((id) => m.get(id) ?? 0));
    }
  });

  it('keeps its counts when one batch holds the same entry twice (the later one wins)', async () => {
    const db = openDatabase(`${tempDir()}/csdl.sqlite`);
    const index = new SqliteSearchIndex(db, SMALL);
    const entries = corpus(400, 21);
    await index.upsert(entries);
    const first = entries[399] as SearchEntry;
    await index.upsert([
      { ...first, version: 2, text: 'lãi suất thời hạn' },
      { ...first, version: 2, text: 'hợp đồng lao động' },
    ]);
    expectListInvariants(db);
    await expectSameAsFts5(db, index, [
      { q: 'lai suat', limit: 20, offset: 0 },
      { q: 'hợp đồng lao động', limit: 20, offset: 0 },
    ]);
    db.close();
  });

  it('answers exactly what FTS5 bm25 answers during a bulk load (lists put off) and after optimize() builds the lists once', async () => {
    const db = openDatabase(`${tempDir()}/csdl.sqlite`);
    const index = new SqliteSearchIndex(db, SMALL);
    const entries = corpus(2500, 21);
    for (let i = 0; i < entries.length; i += 250) await index.upsert(entries.slice(i, i + 250), { bulk: true });
    expect(db.prepare('SELECT count(*) FROM search_impacts').pluck().get()).toBe(0);
    const qs = queries(entries, 22);
    // Meanwhile: term rows or FTS5, never the stale lists.
    const during = await expectSameAsFts5(db, index, qs.slice(0, 80));
    expect(during.impacts ?? 0).toBe(0);
    expect(during.terms).toBeGreaterThan(10);
    // A write that is not part of the bulk load, while the lists are stale, is put off with it.
    await index.upsert(corpus(100, 23).map((e) => ({ ...e, id: `x${e.id}`, workId: `x${e.workId}` })));
    expect(db.prepare('SELECT count(*) FROM search_impacts').pluck().get()).toBe(0);
    await index.optimize();
    expectListInvariants(db);
    const after = await expectSameAsFts5(db, index, qs);
    expect(after.impacts).toBeGreaterThan(20);
    db.close();
  }, 120_000);

  it('keeps no impact lists while the index is small, builds them once when it grows past the size, then keeps them', async () => {
    const db = openDatabase(`${tempDir()}/csdl.sqlite`);
    const index = new SqliteSearchIndex(db, { ...SMALL, listsFromRows: 1000 });
    const entries = corpus(2000, 31);
    const impacts = () => db.prepare('SELECT count(*) FROM search_impacts').pluck().get() as number;
    const qs = queries(entries, 32);
    for (let i = 0; i < 1000; i += 250) await index.upsert(entries.slice(i, i + 250));
    // Small: rows and counts only; every answer is still FTS5's (from the term rows or FTS5 itself).
    expect(impacts()).toBe(0);
    const small = await expectSameAsFts5(db, index, qs.slice(0, 60));
    expect(small.impacts ?? 0).toBe(0);
    expect(small.terms).toBeGreaterThan(10);
    // The write past the size builds the lists; later writes add to them.
    await index.upsert(entries.slice(1000, 1250));
    expect(impacts()).toBeGreaterThan(0);
    await index.upsert(entries.slice(1250));
    expectListInvariants(db);
    const grown = await expectSameAsFts5(db, index, qs);
    expect(grown.impacts).toBeGreaterThan(10);
    db.close();
  }, 120_000);

  it('answers exactly what FTS5 bm25 answers, through every path, after updates, removals, a rebuild and an upgrade', async () => {
    const file = `${tempDir()}/csdl.sqlite`;
    const db = openDatabase(file);
    const index = new SqliteSearchIndex(db, SMALL);
    const entries = corpus(3500, 11);
    for (let i = 0; i < entries.length; i += 250) await index.upsert(entries.slice(i, i + 250));
    const qs = queries(entries, 12);
    const paths = await expectSameAsFts5(db, index, qs);
    // Both ranking paths answered (and FTS5 only where the lists could not prove the page).
    expect(paths.terms).toBeGreaterThan(20);
    expect(paths.impacts).toBeGreaterThan(40);
    // Lists were trimmed: many entries are outside them, bounded by the floors.
    expect(expectListInvariants(db)).toBeGreaterThan(1000);

    // New versions of some entries, removed works, new entries: lists, floors and counts follow.
    const rnd = prng(13);
    await index.upsert(entries.filter(() => rnd() < 0.1).map((e) => ({ ...e, version: 2, text: `${e.text} thuế giá trị gia tăng lại` })));
    for (let w = 0; w < 60; w += 3) await index.removeWork(`w${w}`);
    await index.upsert(corpus(400, 14).map((e) => ({ ...e, id: `n${e.id}`, workId: `n${e.workId}` })));
    expectListInvariants(db);
    await expectSameAsFts5(db, index, qs);

    // A rebuild at a new average size; then the upgrade of an index built before the term tables.
    await index.optimize();
    expectListInvariants(db);
    await expectSameAsFts5(db, index, qs.slice(0, 60));
    db.exec('DELETE FROM search_terms; DELETE FROM search_impacts; DELETE FROM search_term_stats; DELETE FROM search_meta');
    const reopened = new SqliteSearchIndex(db, SMALL);
    expectListInvariants(db);
    // The lists were computed with the index's true average size, so the impact lists still prove pages.
    const avg = db.prepare('SELECT avg(size) FROM search_terms').pluck().get() as number;
    expect(db.prepare("SELECT value FROM search_meta WHERE key = 'avgdl'").pluck().get()).toBeCloseTo(avg, 6);
    const upgraded = await expectSameAsFts5(db, reopened, qs.slice(60, 160));
    expect(upgraded.impacts).toBeGreaterThan(20);
    db.close();
  }, 120_000);
});
