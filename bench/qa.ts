/**
 * `npm run --silent bench -- qa [--data DIR] [--engine sqlite|opensearch] --json`: real questions from the public, each
 * labelled with the article that answers it (../shared/qa, the Zalo AI 2021 legal retrieval set), over the whole Bộ
 * pháp điển import (../shared/corpus/phapdien, 62,282 codified articles). Only the questions whose every labelled
 * article is in the export count; a hit is a codified article whose source note names a labelled (document, article).
 *
 * The questions are split once, by a hash of their id, into a tuning part and a reporting part (about half each);
 * thresholds and term lists were chosen on the tuning part, and the figures that count are the reporting part's.
 *
 * In the same run, on the same index: the project's retrieval (SearchIndex.passages over passage terms, the first
 * stage of GET /v1/answer) and the baseline, a plain bm25 over the same articles with the question's folded words
 * OR-ed (FTS5 on the embedded engine, a `match` on OpenSearch). Latency: the first stage alone and the whole answer
 * pipeline (answerQuestion at a date: candidates, text and status at that date, codified articles, confidence).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Client } from '@opensearch-project/opensearch';
import { parse } from 'csv-parse/sync';
import { OpenSearchIndex } from '../adapters/opensearch/search-index';
import type { Ports, SearchHit } from '../domain/ports';
import { answerQuestion, rankedPassages } from '../domain/services/answer';
import { BM25_ONLY } from '../domain/text/ranking';
import { fold, normalizeText } from '../domain/text/normalize';
import { queryTerms } from '../domain/text/snippet';
import { openEmbedded } from '../local/wiring';
import { importExport, openSearchNode, percentile, round } from './search';

export interface QaBenchOptions {
  engine: 'sqlite' | 'opensearch';
  corpus?: string;
  qa?: string;
  data?: string;
  opensearchUrl?: string;
  /** The date the whole pipeline answers at. */
  at?: string;
  log(line: string): void;
}

export interface Question {
  id: string;
  q: string;
  /** `number|article` keys of the labelled articles. */
  labels: Set<string>;
  part: 'tuning' | 'reporting';
}

const key = (number: string, article: string) => `${fold(normalizeText(number)).replace(/\s+/g, '')}|${article.trim().toLowerCase()}`;
/** The fixed split: a question's part is the parity of the first 32 bits of the sha256 of its id. */
export const partOf = (id: string): 'tuning' | 'reporting' =>
  Number.parseInt(createHash('sha256').update(id).digest('hex').slice(0, 8), 16) % 2 === 0 ? 'tuning' : 'reporting';

function metrics(ranks: (number | null)[]) {
  const n = Math.max(ranks.length, 1);
  const within = (k: number) => ranks.filter((r) => r !== null && r <= k).length / n;
  return {
    questions: ranks.length,
    recallAt1: round(within(1), 3),
    recallAt5: round(within(5), 3),
    recallAt10: round(within(10), 3),
    mrrAt10: round(ranks.reduce<number>((a, r) => a + (r !== null && r <= 10 ? 1 / r : 0), 0) / n, 3),
  };
}

/** The labelled questions whose every article is in the import, and each codified article's source key. */
export async function labelledQuestions(
  ports: Pick<Ports, 'codification'>,
  csv: string,
): Promise<{ sourceOf: Map<string, string>; questions: Question[]; articles: number }> {
  // Each codified article's source (document number, article), by its search entry (heading work, code).
  const sourceOf = new Map<string, string>();
  let articles = 0;
  for (const t of await ports.codification.listTopics())
    for (const h of t.headings)
      for (const a of await ports.codification.listArticles(h.id)) {
        articles++;
        if (a.source?.documentNumber && a.source.articleNum)
          sourceOf.set(`phapdien/${a.headingId}#${a.code}`, key(a.source.documentNumber, a.source.articleNum));
      }
  const present = new Set(sourceOf.values());
  const rows = parse(readFileSync(csv), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  const questions: Question[] = [];
  for (const r of rows) {
    const id = r.question_id ?? '';
    const labels = [...(r.relevant_articles ?? '').matchAll(/'law_id':\s*'([^']+)',\s*'article_id':\s*'([^']+)'/g)].map((m) => key(m[1] ?? '', m[2] ?? ''));
    if (!id || !r.question || labels.length === 0 || !labels.every((l) => present.has(l))) continue;
    questions.push({ id, q: r.question, labels: new Set(labels), part: partOf(id) });
  }
  return { sourceOf, questions, articles };
}

export async function qaBench(o: QaBenchOptions): Promise<Record<string, unknown>> {
  const dir = o.corpus ?? resolve(__dirname, '..', '..', 'shared', 'corpus', 'phapdien');
  const csv = o.qa ?? resolve(__dirname, '..', '..', 'shared', 'qa', 'zalo2021_train_qna.csv');
  if (!existsSync(dir)) throw new Error(`${dir}: the Bộ pháp điển export is not there (pass --corpus DIR)`);
  if (!existsSync(csv)) throw new Error(`${csv}: the labelled questions are not there (pass --qa FILE)`);
  if (o.data && o.engine !== 'sqlite') throw new Error('--data is for the sqlite engine only');
  const at = o.at ?? new Date().toISOString().slice(0, 10);
  const data = o.data ? resolve(o.data) : mkdtempSync(join(tmpdir(), 'csdl-bench-qa-'));
  const embedded = openEmbedded(data);
  embedded.db.exec('CREATE TABLE IF NOT EXISTS bench_meta (key TEXT PRIMARY KEY, value ANY) STRICT');
  let stopEngines: (() => Promise<void>) | null = null;
  let client: Client | null = null;
  const prefix = `benchqa${Date.now()}`;
  try {
    if (o.engine === 'opensearch') {
      const node = await openSearchNode(o.opensearchUrl, o.log);
      stopEngines = node.stop;
      client = node.client;
      const index = new OpenSearchIndex(client, { prefix, refresh: false });
      await index.ensureReady();
      embedded.ports.search = index;
    }
    const imported = embedded.db.prepare("SELECT value FROM bench_meta WHERE key = 'articles'").pluck().get() as number | undefined;
    let importSeconds: number | null = null;
    if (imported === undefined || client) {
      if (o.data && embedded.db.prepare('SELECT 1 FROM codify_articles LIMIT 1').get())
        throw new Error(`${data}: an import into this folder did not finish; remove the folder and run again`);
      o.log(`importing ${dir} into ${o.engine}…`);
      const t0 = performance.now();
      const n = await importExport(embedded.ports, dir);
      if (client) await client.indices.refresh({ index: `${prefix}-search` });
      importSeconds = (performance.now() - t0) / 1000;
      if (o.data) embedded.db.prepare("INSERT INTO bench_meta (key, value) VALUES ('articles', ?)").run(n);
    } else o.log(`${data}: reusing the index built by an earlier run`);

    const { sourceOf, questions, articles } = await labelledQuestions(embedded.ports, csv);
    o.log(`${questions.length} questions have every labelled article in the export`);

    const rankOf = (hits: { workId: string; eId: string | null }[], labels: Set<string>) => {
      const i = hits.slice(0, 10).findIndex((h) => labels.has(sourceOf.get(`${h.workId}#${h.eId}`) ?? ''));
      return i < 0 ? null : i + 1;
    };
    const baseline = client
      ? async (q: string): Promise<{ workId: string; eId: string | null }[]> => {
          const res = await client?.search({
            index: `${prefix}-search`,
            body: { size: 10, _source: ['workId', 'eId'], query: { match: { text_folded: { query: queryTerms(q).join(' '), operator: 'or' } } } },
          });
          return (res?.body.hits.hits ?? []).map((h: { _source?: unknown }) => h._source as { workId: string; eId: string });
        }
      : (() => {
          const stmt = embedded.db.prepare(
            `SELECT e.work_id AS workId, e.e_id AS eId FROM (SELECT rowid AS rid FROM search_fts WHERE search_fts MATCH ? ORDER BY bm25(search_fts, 1.0, 1.0, 0.0, 0.0) LIMIT 10) f
               JOIN search_entries e ON e.rid = f.rid`,
          );
          return async (q: string) =>
            stmt.all(
              `{title body}: (${queryTerms(q)
                .map((t) => `"${t}"`)
                .join(' OR ')})`,
            ) as { workId: string; eId: string | null }[];
        })();
    const project = (q: string): Promise<SearchHit[]> => rankedPassages(embedded.ports, q, 10);
    // The same candidates ranked by bm25 alone (no learned second stage): what the model adds, in the same run.
    const firstOnly = (q: string): Promise<SearchHit[]> => rankedPassages(embedded.ports, q, 10, {}, BM25_ONLY);

    for (const q of questions.slice(0, 30)) await project(q.q); // warm-up
    const ranks = {
      project: { tuning: [] as (number | null)[], reporting: [] as (number | null)[] },
      baseline: { tuning: [] as (number | null)[], reporting: [] as (number | null)[] },
      bm25: { tuning: [] as (number | null)[], reporting: [] as (number | null)[] },
    };
    const firstMs: number[] = [];
    const baseMs: number[] = [];
    const pipelineMs: number[] = [];
    let answered = 0;
    let answeredRight = 0;
    for (const q of questions) {
      const b0 = performance.now();
      const b = await baseline(q.q);
      baseMs.push(performance.now() - b0);
      ranks.baseline[q.part].push(rankOf(b, q.labels));
      const t0 = performance.now();
      const hits = await project(q.q);
      firstMs.push(performance.now() - t0);
      ranks.project[q.part].push(rankOf(hits, q.labels));
      ranks.bm25[q.part].push(rankOf(await firstOnly(q.q), q.labels));
      if (q.part === 'reporting') {
        const p0 = performance.now();
        const res = await answerQuestion(embedded.ports, { q: q.q, at, limit: 5 });
        pipelineMs.push(performance.now() - p0);
        if (res.answers.length > 0) {
          answered++;
          if (res.answers.some((a) => a.codified.some((c) => q.labels.has(sourceOf.get(`phapdien/${c.headingId}#${c.code}`) ?? '')))) answeredRight++;
        }
      }
    }
    const reporting = metrics(ranks.project.reporting);
    const base = metrics(ranks.baseline.reporting);
    return {
      engine: o.engine,
      articles,
      importSeconds: importSeconds === null ? null : round(importSeconds, 1),
      questions: questions.length,
      split: 'sha256(question_id) first 32 bits, even = tuning, odd = reporting',
      reporting,
      baseline: { what: client ? 'OpenSearch match, folded words OR-ed' : 'FTS5 bm25, folded words OR-ed', ...base },
      secondStage: {
        what: 'the same candidates ranked by bm25 alone over the question terms (no learned model)',
        reporting: metrics(ranks.bm25.reporting),
        tuning: metrics(ranks.bm25.tuning),
      },
      tuning: { project: metrics(ranks.project.tuning), baseline: metrics(ranks.baseline.tuning) },
      recallAt10VsBaseline: round(reporting.recallAt10 / Math.max(base.recallAt10, 0.001), 2),
      firstStage: { p50Ms: round(percentile(firstMs, 50), 2), p95Ms: round(percentile(firstMs, 95), 2) },
      baselineLatency: { p50Ms: round(percentile(baseMs, 50), 2), p95Ms: round(percentile(baseMs, 95), 2) },
      pipeline: {
        at,
        p50Ms: round(percentile(pipelineMs, 50), 2),
        p95Ms: round(percentile(pipelineMs, 95), 2),
        answeredShare: round(answered / Math.max(pipelineMs.length, 1), 3),
        rightWhenAnswered: round(answeredRight / Math.max(answered, 1), 3),
      },
    };
  } finally {
    embedded.close();
    if (!o.data) rmSync(data, { recursive: true, force: true });
    if (client) await client.indices.delete({ index: `${prefix}-search-v*` }).catch(() => undefined);
    if (stopEngines) await stopEngines();
  }
}
