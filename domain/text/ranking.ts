/**
 * The second stage of question ranking (docs/adr/0016): features of each candidate passage, from the question's
 * terms (domain/text/question.ts), the candidate's own heading, text and title, and the engine's statistics, and a
 * learned linear model over them (RANKING_MODEL in ranking-model.ts, built by `npm run train:ranker`). The same code
 * ranks the candidates of every engine.
 */
import { PAIR_JOINER, type PassageStats, passageText, type QuestionTerms, termCounts } from './question';

/** bm25's constants, as FTS5 has them (fts5_aux.c). */
const K1 = 1.2;
const B = 0.75;

/** FTS5's idf: ln((N − n + 0.5)/(n + 0.5)), floored at 1e-6; null for a term in no passage. */
function idfOf(stats: PassageStats, t: string): number | null {
  const n = stats.df.get(t) ?? 0;
  if (n === 0) return null;
  const v = Math.log((stats.rows - n + 0.5) / (n + 0.5));
  return v <= 0 ? 1e-6 : v;
}

/**
 * What the second stage knows of a candidate (docs/adr/0016), in this order; every figure comes from the question,
 * the candidate's own heading and text, and the engine's statistics, so it is the same on every engine:
 * - `bm25`, `bm25Words`, `bm25Pairs`: bm25 with FTS5's formula (idf ln((N − n + 0.5)/(n + 0.5)) floored at 1e-6;
 *   k1 1.2, b 0.75) over all the question's terms, its syllables alone, its pairs alone;
 * - `coverWords`, `coverPairs`: the share of the question's syllables (pairs) the passage holds, by idf;
 * - `headingCover`: the share of all its terms, by idf, that the heading holds;
 * - `titleCover`: the same for the title above it (the đề mục of a codified article, the document of a unit);
 * - `triples`: the share of its runs of three syllables the passage holds (the words in the order asked);
 * - `logLength`: ln(1 + the passage's number of terms);
 * - `typeRank`: the (source) document's place in the system of legal documents, 0 for the Constitution to 1.
 */
export const FEATURES = [
  'bm25',
  'bm25Words',
  'bm25Pairs',
  'coverWords',
  'coverPairs',
  'headingCover',
  'titleCover',
  'triples',
  'logLength',
  'typeRank',
] as const;

/** A candidate as the second stage reads it. */
export interface RankCandidate {
  heading: string | null;
  text: string;
  /** The title above the passage: a codified article's đề mục, a unit's document. */
  title: string | null;
  /** The document's place in the system of legal documents, 0 (the Constitution) to 1 (unknown). */
  typeRank: number;
}

/** A learned linear ranking over FEATURES (standardised): score = Σ weight × (feature − mean) / std. */
export interface RankingModel {
  features: readonly string[];
  mean: readonly number[];
  std: readonly number[];
  weights: readonly number[];
}

/** bm25 alone (the first feature, as it is): the ranking before anything was learned. */
export const BM25_ONLY: RankingModel = {
  features: FEATURES,
  mean: FEATURES.map(() => 0),
  std: FEATURES.map(() => 1),
  weights: FEATURES.map((_, i) => (i === 0 ? 1 : 0)),
};

/** The features (FEATURES) of each candidate for a question. */
export function passageFeatures(candidates: RankCandidate[], q: QuestionTerms, stats: PassageStats): number[][] {
  const idf = new Map<string, number>();
  for (const t of new Set([...q.words, ...q.pairs])) {
    const v = idfOf(stats, t);
    if (v !== null) idf.set(t, v);
  }
  const wanted = new Map<string, number | true>(idf);
  for (const t of q.triples) if (t.split(PAIR_JOINER).every((w) => idf.has(w))) wanted.set(t, true);
  const syllables = new Set(q.words.filter((w) => idf.has(w)));
  const sum = (ts: string[]) => ts.reduce((a, t) => a + (idf.get(t) ?? 0), 0);
  const allWords = sum(q.words);
  const allPairs = sum(q.pairs);
  const triples = q.triples.filter((t) => wanted.has(t));
  return candidates.map((c) => {
    const { length, tf } = termCounts(passageText(c.heading, c.text), wanted, syllables);
    const norm = K1 * (1 - B + (B * length) / (stats.avgdl || 1));
    let bm25Words = 0;
    let bm25Pairs = 0;
    let coverWords = 0;
    let coverPairs = 0;
    for (const [t, f] of tf) {
      const w = idf.get(t);
      if (w === undefined) continue;
      const part = w * ((f * (K1 + 1)) / (f + norm));
      if (t.includes(PAIR_JOINER)) {
        bm25Pairs += part;
        coverPairs += w;
      } else {
        bm25Words += part;
        coverWords += w;
      }
    }
    const heading = c.heading ? termCounts(c.heading, idf, syllables).tf : new Map<string, number>();
    const title = c.title ? termCounts(c.title, idf, syllables).tf : new Map<string, number>();
    return [
      bm25Words + bm25Pairs,
      bm25Words,
      bm25Pairs,
      allWords > 0 ? coverWords / allWords : 0,
      allPairs > 0 ? coverPairs / allPairs : 0,
      allWords + allPairs > 0 ? sum([...heading.keys()]) / (allWords + allPairs) : 0,
      allWords + allPairs > 0 ? sum([...title.keys()]) / (allWords + allPairs) : 0,
      triples.length > 0 ? triples.filter((t) => tf.has(t)).length / triples.length : 0,
      Math.log1p(length),
      c.typeRank,
    ];
  });
}

/** A candidate's score under a model. */
export function modelScore(model: RankingModel, x: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < model.weights.length; i++)
    s += ((model.weights[i] as number) * ((x[i] as number) - (model.mean[i] as number))) / (model.std[i] as number);
  return s;
}

/**
 * Ranks candidate passages for a question by a model over each candidate's features, the same on every engine:
 * RANKING_MODEL (learned from the tuning part of the labelled questions), or BM25_ONLY (bm25 with FTS5's formula over
 * all the question's terms). An engine may find the candidates with
 * fewer terms (the rare ones); this scores them with all (docs/adr/0016). Best first, ties by the order given.
 */
export function rankPassages<T>(
  candidates: ({ item: T } & RankCandidate)[],
  q: QuestionTerms,
  stats: PassageStats,
  model: RankingModel,
): { item: T; score: number }[] {
  const features = passageFeatures(candidates, q, stats);
  return candidates
    .map((c, order) => ({ item: c.item, score: modelScore(model, features[order] as number[]), order }))
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .map(({ item, score }) => ({ item, score }));
}
