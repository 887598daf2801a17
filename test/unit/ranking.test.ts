/**
 * The second stage of question ranking (domain/text/ranking.ts) and its training (bench/train-ranker.ts): what each
 * feature reads from a candidate, that the learned model is what ranks by default, and that training is
 * deterministic and learns a signal it is given.
 */
import { train } from '../../bench/train-ranker';
import { questionTerms } from '../../domain/text/question';
import { BM25_ONLY, FEATURES, modelScore, passageFeatures, rankPassages } from '../../domain/text/ranking';
import { RANKING_MODEL } from '../../domain/text/ranking-model';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

/** A seeded generator of floats in [0, 1). */
function prng(seed: number): () => number {
  const g = xoroshiro128plus(seed);
  return () => uniformFloat64(g);
}

const stats = {
  rows: 1000,
  avgdl: 20,
  df: new Map([
    ['cap', 300],
    ['giay', 200],
    ['phep', 200],
    ['karaoke', 3],
    ['cap_giay', 40],
    ['giay_phep', 60],
    ['phep_karaoke', 2],
  ]),
};
const q = questionTerms('cấp giấy phép karaoke');
const feature = (name: (typeof FEATURES)[number], c: { heading: string | null; text: string; title?: string | null; typeRank?: number }) =>
  passageFeatures([{ title: null, typeRank: 1, ...c }], q, stats)[0]?.[FEATURES.indexOf(name)];

describe('features of a candidate', () => {
  it('reads the question runs of three syllables in the order asked, never across punctuation', () => {
    expect(q.triples).toEqual(['cap_giay_phep', 'giay_phep_karaoke']);
    expect(feature('triples', { heading: null, text: 'Sở cấp giấy phép karaoke' })).toBe(1);
    expect(feature('triples', { heading: null, text: 'Sở cấp giấy phép, karaoke' })).toBe(0.5);
    expect(feature('triples', { heading: null, text: 'karaoke: phép giấy cấp' })).toBe(0);
  });

  it('weighs coverage by idf: the rare word counts more than the common ones', () => {
    const rare = feature('coverWords', { heading: null, text: 'karaoke' }) as number;
    const common = feature('coverWords', { heading: null, text: 'cấp giấy phép' }) as number;
    expect(rare).toBeGreaterThan(common);
    expect(rare + common).toBeCloseTo(1, 10);
    expect(feature('coverPairs', { heading: null, text: 'giấy phép karaoke' })).toBeGreaterThan(
      feature('coverPairs', { heading: null, text: 'cấp giấy' }) as number,
    );
  });

  it('reads the heading and the title above it apart from the text', () => {
    expect(feature('headingCover', { heading: 'Cấp giấy phép karaoke', text: 'không liên quan' })).toBeCloseTo(1, 10);
    expect(feature('headingCover', { heading: null, text: 'cấp giấy phép karaoke' })).toBe(0);
    expect(feature('titleCover', { heading: null, text: 'x', title: 'Đề mục Karaoke' })).toBeGreaterThan(0);
    expect(feature('typeRank', { heading: null, text: 'x', typeRank: 0.5 })).toBe(0.5);
  });

  it('gives bm25 as its first feature, so BM25_ONLY ranks by bm25 alone', () => {
    const cs = ['giấy phép', 'cấp giấy phép karaoke', 'karaoke'].map((text, i) => ({ item: i, heading: null, text, title: null, typeRank: 1 }));
    const ranked = rankPassages(cs, q, stats, BM25_ONLY);
    const f = passageFeatures(cs, q, stats);
    expect(ranked.map((r) => r.score)).toEqual([...f.map((x) => x[0] as number)].sort((a, b) => b - a));
  });
});

describe('the learned model', () => {
  it('has a weight, a mean and a spread for every feature, in order', () => {
    expect(RANKING_MODEL.features).toEqual([...FEATURES]);
    for (const k of ['mean', 'std', 'weights'] as const) expect(RANKING_MODEL[k]).toHaveLength(FEATURES.length);
    expect(RANKING_MODEL.std.every((s) => s > 0)).toBe(true);
  });

  it('is learned the same way twice and learns the signal it is given', () => {
    const rnd = prng(5);
    // Relevant candidates stand out on one feature (coverPairs) and not on the others.
    const lists = Array.from({ length: 60 }, () => {
      const answer = Math.floor(rnd() * 20);
      const relevant = Array.from({ length: 20 }, (_, i) => i === answer);
      const x = relevant.map((r) => FEATURES.map((f) => (f === 'coverPairs' && r ? 0.8 : 0) + rnd() * 0.5));
      return { x, relevant };
    });
    const a = train(lists);
    expect(train(lists)).toEqual(a);
    const at = FEATURES.indexOf('coverPairs');
    expect(Math.abs(a.weights[at] as number)).toBe(Math.max(...a.weights.map(Math.abs)));
    const top = lists.filter((l) => {
      const s = l.x.map((x) => modelScore(a, x));
      return l.relevant[s.indexOf(Math.max(...s))];
    }).length;
    expect(top / lists.length).toBeGreaterThan(0.9);
  });
});
