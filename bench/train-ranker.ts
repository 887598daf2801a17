/**
 * `npm run train:ranker -- [--data DIR] [--corpus DIR] [--qa FILE]`: learns the second stage of question ranking
 * (domain/text/question.ts: rankPassages over FEATURES) and writes it to domain/text/ranking-model.ts.
 *
 * Data: the labelled public questions of ../shared/qa (Zalo AI 2021) over the whole Bộ pháp điển import, the same as
 * `bench qa`, and only their tuning part (the fixed split of bench/qa.ts, partOf): the reporting part is never read
 * here, so `bench qa` reports on questions the model has not seen. For each tuning question, the first stage's
 * candidates (SearchIndex.passages on the embedded engine, PASSAGE_CANDIDATES of them) with their features; a
 * candidate is relevant when its source note names a labelled article.
 *
 * Model: linear over the standardised features, trained pairwise (RankNet: a relevant candidate above each
 * irrelevant one of the same question) with L2 regularisation, by full-batch Adam from zero weights for a fixed number
 * of steps: the same data gives the same model, to the printed digit. Questions with no relevant candidate carry no
 * signal and are left out. Chosen by two-fold cross-validation inside the tuning part (ADR 0016). Nothing is downloaded; the model is a few numbers in the repository.
 *
 * `--data DIR` reuses (or keeps) the import as `bench qa --data DIR` does.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { PASSAGE_CANDIDATES, rankCandidate } from '../domain/services/answer';
import { questionTerms } from '../domain/text/question';
import { BM25_ONLY, FEATURES, modelScore, passageFeatures, type RankingModel } from '../domain/text/ranking';
import { openEmbedded } from '../local/wiring';
import { labelledQuestions } from './qa';
import { importExport } from './search';

const STEPS = 300;
const LEARNING_RATE = 0.05;
const L2 = 1e-3;

interface List {
  x: number[][];
  relevant: boolean[];
}

/** Mean reciprocal rank at 10 of the lists' relevant candidates under a model. */
function mrrAt10(lists: List[], model: RankingModel): number {
  let sum = 0;
  for (const l of lists) {
    const order = l.x.map((x, i) => ({ s: modelScore(model, x), i })).sort((a, b) => b.s - a.s || a.i - b.i);
    const at = order.findIndex((o) => l.relevant[o.i]);
    if (at >= 0 && at < 10) sum += 1 / (at + 1);
  }
  return sum / Math.max(lists.length, 1);
}

/**
 * RankNet (pairwise logistic loss over every relevant/irrelevant pair of a question's candidates, each question
 * weighing the same) with L2, by full-batch Adam from zero: deterministic for the same lists.
 */
export function train(lists: List[], steps = STEPS): RankingModel {
  const d = FEATURES.length;
  const all = lists.flatMap((l) => l.x);
  const mean = Array.from({ length: d }, (_, j) => all.reduce((a, x) => a + (x[j] as number), 0) / all.length);
  const std = Array.from({ length: d }, (_, j) => Math.sqrt(all.reduce((a, x) => a + ((x[j] as number) - (mean[j] as number)) ** 2, 0) / all.length) || 1);
  const z = lists.map((l) => ({ x: l.x.map((x) => x.map((v, j) => (v - (mean[j] as number)) / (std[j] as number))), relevant: l.relevant }));
  const w = new Array<number>(d).fill(0);
  const m = new Array<number>(d).fill(0);
  const v = new Array<number>(d).fill(0);
  for (let step = 1; step <= steps; step++) {
    const g = w.map((wj) => 2 * L2 * wj);
    for (const l of z) {
      const s = l.x.map((x) => x.reduce((a, xj, j) => a + xj * (w[j] as number), 0));
      const rel = l.relevant.flatMap((r, i) => (r ? [i] : []));
      const irr = l.relevant.flatMap((r, i) => (r ? [] : [i]));
      const share = 1 / Math.max(rel.length * irr.length, 1) / z.length;
      for (const i of rel)
        for (const k of irr) {
          // d/ds of ln(1 + e^−(s_i − s_k)): −1/(1 + e^(s_i − s_k)).
          const p = 1 / (1 + Math.exp((s[i] as number) - (s[k] as number)));
          const xi = l.x[i] as number[];
          const xk = l.x[k] as number[];
          for (let j = 0; j < d; j++) g[j] = (g[j] as number) - p * ((xi[j] as number) - (xk[j] as number)) * share;
        }
    }
    for (let j = 0; j < d; j++) {
      m[j] = 0.9 * (m[j] as number) + 0.1 * (g[j] as number);
      v[j] = 0.999 * (v[j] as number) + 0.001 * (g[j] as number) ** 2;
      const mh = (m[j] as number) / (1 - 0.9 ** step);
      const vh = (v[j] as number) / (1 - 0.999 ** step);
      w[j] = (w[j] as number) - (LEARNING_RATE * mh) / (Math.sqrt(vh) + 1e-8);
    }
  }
  const round = (x: number) => Number(x.toPrecision(6));
  return { features: FEATURES, mean: mean.map(round), std: std.map(round), weights: w.map(round) };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { data: { type: 'string' }, corpus: { type: 'string' }, qa: { type: 'string' }, out: { type: 'string' } } });
  const dir = values.corpus ?? resolve(__dirname, '..', '..', 'shared', 'corpus', 'phapdien');
  const csv = values.qa ?? resolve(__dirname, '..', '..', 'shared', 'qa', 'zalo2021_train_qna.csv');
  if (!existsSync(dir)) throw new Error(`${dir}: the Bộ pháp điển export is not there (pass --corpus DIR)`);
  if (!existsSync(csv)) throw new Error(`${csv}: the labelled questions are not there (pass --qa FILE)`);
  const out = values.out ?? resolve(__dirname, '..', 'domain', 'text', 'ranking-model.ts');
  const t0 = performance.now();
  const data = values.data ? resolve(values.data) : mkdtempSync(join(tmpdir(), 'csdl-train-'));
  const embedded = openEmbedded(data);
  try {
    embedded.db.exec('CREATE TABLE IF NOT EXISTS bench_meta (key TEXT PRIMARY KEY, value ANY) STRICT');
    if (embedded.db.prepare("SELECT value FROM bench_meta WHERE key = 'articles'").pluck().get() === undefined) {
      if (embedded.db.prepare('SELECT 1 FROM codify_articles LIMIT 1').get())
        throw new Error(`${data}: an import into this folder did not finish; remove the folder and run again`);
      console.error(`importing ${dir}…`);
      const n = await importExport(embedded.ports, dir);
      embedded.db.prepare("INSERT INTO bench_meta (key, value) VALUES ('articles', ?)").run(n);
    }
    const { sourceOf, questions } = await labelledQuestions(embedded.ports, csv);
    const tuning = questions.filter((q) => q.part === 'tuning');
    const lists: List[] = [];
    for (const q of tuning) {
      const terms = questionTerms(q.q);
      const { hits, stats } = await embedded.ports.search.passages({ terms: [...terms.words, ...terms.pairs], limit: PASSAGE_CANDIDATES });
      const relevant = hits.map((h) => q.labels.has(sourceOf.get(`${h.workId}#${h.eId}`) ?? ''));
      if (!relevant.some(Boolean)) continue;
      lists.push({
        x: passageFeatures(hits.map(rankCandidate), terms, stats),
        relevant,
      });
    }
    const model = train(lists);
    const seconds = (performance.now() - t0) / 1000;
    const before = mrrAt10(lists, BM25_ONLY);
    const after = mrrAt10(lists, model);
    const text = `/**
 * The second stage's model (domain/text/question.ts, rankPassages; docs/adr/0016): generated by
 * \`npm run train:ranker\` (bench/train-ranker.ts), do not edit. Learned from the tuning part of the labelled
 * questions (${lists.length} of ${tuning.length} tuning questions had a relevant candidate among the first stage's ${PASSAGE_CANDIDATES}) over the Bộ pháp
 * điển import; RankNet, L2 ${L2}, ${STEPS} steps of Adam from zero. On those questions' candidates, MRR@10 ${before.toFixed(3)} with bm25
 * alone, ${after.toFixed(3)} with this model; the reporting part is measured by \`npm run bench -- qa\`.
 */
import type { RankingModel } from './ranking';

export const RANKING_MODEL: RankingModel = {
${Object.entries(model)
  .map(([k, v]) => `  ${k}: [${(v as readonly (string | number)[]).map((x) => (typeof x === 'string' ? `'${x}'` : String(x))).join(', ')}],`)
  .join('\n')}
};
`;
    writeFileSync(out, text);
    console.log(
      JSON.stringify({
        out,
        tuningQuestions: tuning.length,
        lists: lists.length,
        mrrAt10: { bm25: Number(before.toFixed(3)), model: Number(after.toFixed(3)) },
        seconds: Number(seconds.toFixed(1)),
        bytes: Buffer.byteLength(text),
        model,
      }),
    );
  } finally {
    embedded.close();
    if (!values.data) rmSync(data, { recursive: true, force: true });
  }
}

if (require.main === module)
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
