/**
 * `npm run --silent bench -- search [--engine sqlite|opensearch] [--queries N] --json`: imports the whole Bộ pháp
 * điển export (../shared/corpus/phapdien, about 62,000 codified articles) with the codification importer into a
 * fresh embedded store (search on FTS5, or on a local OpenSearch node started by test/engines), then runs realistic
 * queries built from the corpus itself (titles with and without diacritics, words from article texts, quoted
 * phrases, document numbers, filtered queries) and reports latency percentiles. The baseline, measured in the same
 * run on the same queries: the engine's bare match (FTS5 MATCH with LIMIT, OpenSearch `match` with size 20) with no
 * ranking columns, filters, snippets or JSON, i.e. the floor our search stands on.
 */
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from '@opensearch-project/opensearch';
import { OpenSearchIndex } from '../adapters/opensearch/search-index';
import type { CodifiedArticle } from '../domain/codify/types';
import type { Ports, SearchQuery } from '../domain/ports';
import { importHeading, importTree } from '../domain/services/codification';
import { searchDocuments } from '../domain/services/search';
import { fold } from '../domain/text/normalize';
import { queryTerms } from '../domain/text/snippet';
import { matchExpression } from '../adapters/sqlite/search-index';
import { exportFileId, findExportFiles, readExportFile } from '../local/phapdien-files';
import { openEmbedded } from '../local/wiring';
import { startEngines } from '../test/engines';

export interface SearchBenchOptions {
  engine: 'sqlite' | 'opensearch';
  queries: number;
  corpus?: string;
  /** An OpenSearch node to use instead of starting one. */
  opensearchUrl?: string;
  /**
   * A data folder to keep (sqlite only): the first run imports into it, later runs find the index built and only run
   * the queries (`importSeconds` is then null): for A/B comparisons of query-time changes without the import.
   */
  data?: string;
  log(line: string): void;
}

/** A small seeded PRNG (mulberry32): the same queries on every run and engine. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface BenchQuery {
  kind: string;
  q: string;
  filters?: Partial<SearchQuery>;
  /** The article a known-item query was made from. */
  target?: string;
}

/** Realistic queries from the corpus: what drafting teams and the public type. */
export function buildQueries(articles: CodifiedArticle[], n: number): BenchQuery[] {
  const rnd = prng(20261122);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const titled = articles.filter((a) => queryTerms(a.title).length >= 2);
  const texted = articles.filter((a) => queryTerms(a.text).length >= 8);
  const numbered = articles.filter((a) => a.source?.documentNumber);
  const words = (t: string) => t.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));
  const window = (t: string, len: number) => {
    const ws = words(t);
    const at = Math.floor(rnd() * Math.max(1, ws.length - len));
    return ws.slice(at, at + len).join(' ');
  };
  const out: BenchQuery[] = [];
  while (out.length < n) {
    const r = rnd();
    if (r < 0.25) {
      const a = pick(titled);
      out.push({ kind: 'title', q: a.title, target: a.code });
    } else if (r < 0.4) {
      const a = pick(titled);
      out.push({ kind: 'title-no-diacritics', q: fold(a.title), target: a.code });
    } else if (r < 0.6) {
      out.push({ kind: 'words', q: window(pick(texted).text, 2 + Math.floor(rnd() * 3)) });
    } else if (r < 0.7) {
      out.push({ kind: 'words-no-diacritics', q: fold(window(pick(texted).text, 3)) });
    } else if (r < 0.78) {
      out.push({ kind: 'phrase', q: `"${window(pick(texted).text, 3)}"` });
    } else if (r < 0.88) {
      const num = pick(numbered).source?.documentNumber as string;
      out.push({ kind: 'number', q: rnd() < 0.5 ? num : num.split('/').slice(0, 2).join('/') });
    } else {
      const a = pick(texted);
      out.push({
        kind: 'filtered',
        q: window(a.text, 2),
        filters: { scope: 'codification', ...(a.source?.documentType ? { type: a.source.documentType } : {}), facets: true },
      });
    }
  }
  return out.filter((q) => queryTerms(q.q).length > 0);
}

export const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? 0;
};
export const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

/** The OpenSearch node at `url`, or a local one started by test/engines (stopped by `stop`). */
export async function openSearchNode(url: string | undefined, log: (line: string) => void): Promise<{ client: Client; stop: (() => Promise<void>) | null }> {
  if (url) return { client: new Client({ node: url, requestTimeout: 60_000 }), stop: null };
  log('starting a local OpenSearch node (test/engines)…');
  const engines = await startEngines(['opensearch']);
  return { client: new Client({ node: engines.endpoints.opensearch as string, requestTimeout: 60_000 }), stop: () => engines.stop() };
}

/** Imports every file of a Bộ pháp điển export (the tree first), then optimizes the index; the articles imported. */
export async function importExport(ports: Ports, dir: string): Promise<number> {
  let articles = 0;
  for (const f of await findExportFiles([dir])) {
    const text = await readExportFile(f.path);
    if (f.kind === 'tree') await importTree(ports, text);
    else articles += (await importHeading(ports, text, exportFileId(f.path), { bulk: true })).articles;
  }
  await ports.search.optimize();
  return articles;
}

export async function searchBench(o: SearchBenchOptions): Promise<Record<string, unknown>> {
  const dir = o.corpus ?? resolve(__dirname, '..', '..', 'shared', 'corpus', 'phapdien');
  if (!existsSync(dir)) throw new Error(`${dir}: the Bộ pháp điển export is not there (pass --corpus DIR)`);
  if (o.data && o.engine !== 'sqlite') throw new Error('--data is for the sqlite engine only');
  const data = o.data ? resolve(o.data) : mkdtempSync(join(tmpdir(), 'csdl-bench-search-'));
  const embedded = openEmbedded(data);
  // A kept folder records what its import found once it is complete; an interrupted import is redone.
  embedded.db.exec('CREATE TABLE IF NOT EXISTS bench_meta (key TEXT PRIMARY KEY, value ANY) STRICT');
  const imported = embedded.db.prepare("SELECT value FROM bench_meta WHERE key = 'articles'").pluck().get() as number | undefined;
  let stopEngines: (() => Promise<void>) | null = null;
  let client: Client | null = null;
  const prefix = `bench${Date.now()}`;
  try {
    if (o.engine === 'opensearch') {
      const node = await openSearchNode(o.opensearchUrl, o.log);
      stopEngines = node.stop;
      client = node.client;
      const index = new OpenSearchIndex(client, { prefix, refresh: false });
      await index.ensureReady();
      embedded.ports.search = index;
    }
    let articles = imported ?? 0;
    let importSeconds: number | null = null;
    if (imported === undefined) {
      if (o.data && embedded.db.prepare('SELECT 1 FROM codify_articles LIMIT 1').get())
        throw new Error(`${data}: an import into this folder did not finish; remove the folder and run again`);
      o.log(`importing ${dir} into ${o.engine}…`);
      const t0 = performance.now();
      articles = await importExport(embedded.ports, dir);
      if (client) await client.indices.refresh({ index: `${prefix}-search` });
      importSeconds = (performance.now() - t0) / 1000;
      if (o.data) embedded.db.prepare("INSERT INTO bench_meta (key, value) VALUES ('articles', ?)").run(articles);
    } else o.log(`${data}: reusing the index built by an earlier run (queries only)`);

    let indexMb: number;
    if (client) {
      const stats = await client.indices.stats({ index: `${prefix}-search`, metric: 'store' });
      indexMb = Number((stats.body as { _all: { primaries: { store: { size_in_bytes: number } } } })._all.primaries.store.size_in_bytes) / 1024 / 1024;
    } else {
      embedded.db.pragma('wal_checkpoint(TRUNCATE)');
      const rows = embedded.db
        .prepare("SELECT sum(pgsize) AS bytes FROM dbstat WHERE name LIKE 'search_%' OR name = 'sqlite_autoindex_search_entries_1'")
        .get() as { bytes: number };
      indexMb = rows.bytes / 1024 / 1024;
    }
    const storeMb = statSync(join(data, 'csdl.sqlite')).size / 1024 / 1024;

    const all: CodifiedArticle[] = [];
    for (const t of await embedded.ports.codification.listTopics())
      for (const h of t.headings) all.push(...(await embedded.ports.codification.listArticles(h.id)));
    const queries = buildQueries(all, o.queries);

    // The floor: the engine's bare match for the same words, 20 rows, nothing else.
    const bare = client
      ? async (q: string) => {
          await client?.search({
            index: `${prefix}-search`,
            body: { size: 20, _source: false, query: { match: { text_folded: { query: queryTerms(q).join(' '), operator: 'and' } } } },
          });
        }
      : (() => {
          const stmt = embedded.db.prepare('SELECT rowid FROM search_fts WHERE search_fts MATCH ? LIMIT 20');
          return async (q: string) => {
            const m = matchExpression(q);
            if (m) stmt.all(m);
          };
        })();

    for (const q of queries.slice(0, 50)) await searchDocuments(embedded.ports, { q: q.q, limit: 20, offset: 0, ...q.filters }); // warm-up
    const ms: number[] = [];
    const base: number[] = [];
    const byKind: Record<string, number[]> = {};
    let found = 0;
    let knownItems = 0;
    for (const q of queries) {
      const b0 = performance.now();
      await bare(q.q);
      base.push(performance.now() - b0);
      const t = performance.now();
      const res = await searchDocuments(embedded.ports, { q: q.q, limit: 20, offset: 0, ...q.filters });
      const took = performance.now() - t;
      ms.push(took);
      const bucket = byKind[q.kind] ?? [];
      bucket.push(took);
      byKind[q.kind] = bucket;
      if (q.target) {
        knownItems++;
        if (res.hits.slice(0, 10).some((h) => h.eId === q.target)) found++;
      }
    }
    const p50 = percentile(ms, 50);
    return {
      engine: o.engine,
      articles,
      importSeconds: importSeconds === null ? null : round(importSeconds, 1),
      queries: queries.length,
      p50Ms: round(p50),
      p95Ms: round(percentile(ms, 95)),
      p99Ms: round(percentile(ms, 99)),
      indexMb: round(indexMb, 1),
      storeMb: round(storeMb, 1),
      baseline: {
        what: client ? 'OpenSearch bare match, size 20' : 'FTS5 bare MATCH, LIMIT 20',
        p50Ms: round(percentile(base, 50)),
        p95Ms: round(percentile(base, 95)),
      },
      p50VsBaseline: round(p50 / Math.max(percentile(base, 50), 0.001), 1),
      p95ByKind: Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, round(percentile(v, 95))])),
      knownItemRecallAt10: round(found / Math.max(knownItems, 1), 3),
    };
  } finally {
    embedded.close();
    if (!o.data) rmSync(data, { recursive: true, force: true });
    if (client) await client.indices.delete({ index: `${prefix}-search-v*` }).catch(() => undefined);
    if (stopEngines) await stopEngines();
  }
}
