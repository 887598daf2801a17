/**
 * The terms of a question asked in Vietnamese, for ranking passages that answer it (issue 17; ADR 0016).
 *
 * Most Vietnamese words are two syllables written apart ("thẩm quyền", "giấy phép", "hợp đồng"): a syllable alone
 * ("quyền", "phép") says little, the pair says what is meant. So a text is read as its folded syllables and the
 * pairs of adjacent syllables inside one stretch of text (never across punctuation), written `tham_quyen`. The same
 * function reads the passages and the question, so the two always agree. A question's filler pairs ("như thế nào",
 * "có phải … không", "được quy định") are dropped from the pairs: they are in nearly every question and in no
 * particular answer. Its syllables are kept (a question of two words would otherwise be empty), and their weight is
 * left to the inverse document frequency of the ranking.
 */
import { fold, normalizeText } from './normalize';

/** Joins the two syllables of a pair; never inside a word (words are letters and digits). */
export const PAIR_JOINER = '_';

/** At most this many distinct terms (syllables and pairs) are read from a question. */
export const MAX_QUESTION_TERMS = 64;

/** Pairs of question words and filler, folded: asking words, not what is asked about. */
const FILLER_PAIRS = new Set(
  [
    'như thế',
    'thế nào',
    'như nào',
    'được quy',
    'quy định',
    'có phải',
    'phải không',
    'hay không',
    'có không',
    'bao nhiêu',
    'là gì',
    'là bao',
    'những gì',
    'ra sao',
    'trường hợp',
    'có được',
    'được không',
    'cần những',
    'gồm những',
  ].map((p) => fold(normalizeText(p)).replace(' ', PAIR_JOINER)),
);

/** Question words: they pair with nothing ("cơ quan nào có" gives "co_quan", not "quan_nao" or "nao_co"). */
const QUESTION_WORDS = new Set(['nao', 'gi', 'sao', 'dau']);

/** Stretches of text between punctuation: a pair never spans a comma, a full stop or a bracket. */
const STRETCH_BREAK = /[.,;:!?()[\]{}"“”'‘’«»…\n\r\t|/\\–—-]+/u;

/** The folded syllables of each stretch of a text. */
function stretches(text: string): string[][] {
  return fold(normalizeText(text))
    .split(STRETCH_BREAK)
    .map((s) => s.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0))
    .filter((s) => s.length > 0);
}

/** The passage of a unit or codified article: its heading, then its text (a stretch break between them). */
export const passageText = (heading: string | null | undefined, text: string) => `${heading ?? ''}. ${text}`;

/** Every term of a passage, repeated as often as it occurs: its syllables, then its pairs. */
export function passageTerms(text: string): string[] {
  const words: string[] = [];
  const pairs: string[] = [];
  for (const s of stretches(text)) {
    words.push(...s);
    for (let i = 0; i + 1 < s.length; i++) pairs.push(`${s[i]}${PAIR_JOINER}${s[i + 1]}`);
  }
  return [...words, ...pairs];
}

export interface QuestionTerms {
  /** Distinct folded syllables, in order. */
  words: string[];
  /** Distinct pairs of adjacent syllables (`tham_quyen`), filler pairs left out, in order. */
  pairs: string[];
}

/** The distinct terms of a question; together at most MAX_QUESTION_TERMS, syllables first. */
export function questionTerms(q: string): QuestionTerms {
  const words = new Set<string>();
  const pairs = new Set<string>();
  for (const s of stretches(q)) {
    for (const w of s) words.add(w);
    // A syllable of a filler pair, or a question word, pairs with nothing: "kiện được quy định" gives no "kien_duoc".
    const asking = s.map((w) => QUESTION_WORDS.has(w));
    for (let i = 0; i + 1 < s.length; i++) if (FILLER_PAIRS.has(`${s[i]}${PAIR_JOINER}${s[i + 1]}`)) asking[i] = asking[i + 1] = true;
    for (let i = 0; i + 1 < s.length; i++) if (!asking[i] && !asking[i + 1]) pairs.add(`${s[i]}${PAIR_JOINER}${s[i + 1]}`);
  }
  const w = [...words].slice(0, MAX_QUESTION_TERMS);
  return { words: w, pairs: [...pairs].slice(0, Math.max(0, MAX_QUESTION_TERMS - w.length)) };
}

/** bm25's constants, as FTS5 has them (fts5_aux.c). */
const K1 = 1.2;
const B = 0.75;

/** The index-wide figures bm25 needs: the passages, their average length in terms, each term's passage count. */
export interface PassageStats {
  rows: number;
  avgdl: number;
  /** Passages holding the term. */
  df: ReadonlyMap<string, number>;
}

/**
 * Ranks candidate passages for a question's terms by bm25 with FTS5's formula (idf ln((N − n + 0.5)/(n + 0.5)),
 * floored at 1e-6; k1 1.2, b 0.75), every term counted, from the passages' own terms. An engine may find the
 * candidates with fewer terms (the rare ones); this gives them the score of all (docs/adr/0016). Best first, ties by
 * the order given.
 */
export function rankPassages<T>(candidates: { item: T; passage: string }[], terms: string[], stats: PassageStats): { item: T; score: number }[] {
  const weights = new Map<string, number>();
  for (const t of new Set(terms)) {
    const n = stats.df.get(t) ?? 0;
    if (n === 0) continue;
    const v = Math.log((stats.rows - n + 0.5) / (n + 0.5));
    weights.set(t, v <= 0 ? 1e-6 : v);
  }
  const words = new Set([...weights.keys()].flatMap((t) => t.split(PAIR_JOINER)));
  const scored = candidates.map((c, order) => {
    const { length, tf } = termCounts(c.passage, weights, words);
    const norm = K1 * (1 - B + (B * length) / (stats.avgdl || 1));
    let score = 0;
    for (const [t, f] of tf) score += (weights.get(t) as number) * ((f * (K1 + 1)) / (f + norm));
    return { item: c.item, score, order };
  });
  return scored.sort((a, b) => b.score - a.score || a.order - b.order).map(({ item, score }) => ({ item, score }));
}

/**
 * What passageTerms(text) counts, without building every term: the number of terms and the frequency of the wanted
 * ones. A pair is built only when both its syllables are among `words` (the syllables of the wanted terms).
 */
export function termCounts(text: string, wanted: ReadonlyMap<string, unknown>, words: ReadonlySet<string>): { length: number; tf: Map<string, number> } {
  const tf = new Map<string, number>();
  let length = 0;
  for (const stretch of fold(normalizeText(text)).split(STRETCH_BREAK)) {
    let prev: string | null = null;
    let count = 0;
    for (const w of stretch.split(/[^\p{L}\p{N}]+/u)) {
      if (w.length === 0) continue;
      count++;
      const known = words.has(w);
      if (known && wanted.has(w)) tf.set(w, (tf.get(w) ?? 0) + 1);
      if (known && prev !== null) {
        const p = `${prev}${PAIR_JOINER}${w}`;
        if (wanted.has(p)) tf.set(p, (tf.get(p) ?? 0) + 1);
      }
      prev = known ? w : null;
    }
    // A stretch of n syllables has n − 1 pairs.
    if (count > 0) length += 2 * count - 1;
  }
  return { length, tf };
}
