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
import { fold, normalizeText, wordsOf } from './normalize';

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

/** The folded syllables of each stretch of a folded text. */
function stretchesOfFolded(folded: string): string[][] {
  return folded
    .split(STRETCH_BREAK)
    .map(wordsOf)
    .filter((s) => s.length > 0);
}

/** The folded syllables of each stretch of a text. */
const stretches = (text: string) => stretchesOfFolded(fold(normalizeText(text)));

/** The passage of a unit or codified article: its heading, then its text (a stretch break between them). */
export const passageText = (heading: string | null | undefined, text: string) => `${heading ?? ''}. ${text}`;

/** Every term of a passage, repeated as often as it occurs: its syllables, then its pairs. */
export function passageTerms(text: string): string[] {
  return passageTermsOfFolded(fold(normalizeText(text)));
}

/** passageTerms of a text already normalised and folded (`fold(normalizeText(text))`): an indexer folds once. */
export function passageTermsOfFolded(folded: string): string[] {
  const words: string[] = [];
  const pairs: string[] = [];
  for (const s of stretchesOfFolded(folded)) {
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
  /**
   * Distinct runs of three adjacent syllables (`cap_giay_phep`) under the same rule as pairs: not indexed, read in
   * the candidates' text only (a feature of the second stage: the words in the order asked).
   */
  triples: string[];
}

/** The distinct terms of a question; together at most MAX_QUESTION_TERMS, syllables first. */
export function questionTerms(q: string): QuestionTerms {
  const words = new Set<string>();
  const pairs = new Set<string>();
  const triples = new Set<string>();
  for (const s of stretches(q)) {
    for (const w of s) words.add(w);
    // A syllable of a filler pair, or a question word, pairs with nothing: "kiện được quy định" gives no "kien_duoc".
    const asking = s.map((w) => QUESTION_WORDS.has(w));
    for (let i = 0; i + 1 < s.length; i++) if (FILLER_PAIRS.has(`${s[i]}${PAIR_JOINER}${s[i + 1]}`)) asking[i] = asking[i + 1] = true;
    for (let i = 0; i + 1 < s.length; i++) if (!asking[i] && !asking[i + 1]) pairs.add(`${s[i]}${PAIR_JOINER}${s[i + 1]}`);
    for (let i = 0; i + 2 < s.length; i++)
      if (!asking[i] && !asking[i + 1] && !asking[i + 2]) triples.add(`${s[i]}${PAIR_JOINER}${s[i + 1]}${PAIR_JOINER}${s[i + 2]}`);
  }
  const w = [...words].slice(0, MAX_QUESTION_TERMS);
  const p = [...pairs].slice(0, Math.max(0, MAX_QUESTION_TERMS - w.length));
  return { words: w, pairs: p, triples: [...triples].slice(0, MAX_QUESTION_TERMS) };
}

/** The index-wide figures bm25 needs: the passages, their average length in terms, each term's passage count. */
export interface PassageStats {
  rows: number;
  avgdl: number;
  /** Passages holding the term. */
  df: ReadonlyMap<string, number>;
}

/**
 * What passageTerms(text) counts, without building every term: the number of terms and the frequency of the wanted
 * ones (and of wanted runs of three syllables). A pair or a run is built only when its syllables are among `words`
 * (the syllables of the wanted terms).
 */
export function termCounts(text: string, wanted: ReadonlyMap<string, unknown>, words: ReadonlySet<string>): { length: number; tf: Map<string, number> } {
  const tf = new Map<string, number>();
  let length = 0;
  for (const stretch of fold(normalizeText(text)).split(STRETCH_BREAK)) {
    let prev: string | null = null;
    let before: string | null = null;
    let count = 0;
    for (const w of wordsOf(stretch)) {
      count++;
      const known = words.has(w);
      if (known && wanted.has(w)) tf.set(w, (tf.get(w) ?? 0) + 1);
      if (known && prev !== null) {
        const p = `${prev}${PAIR_JOINER}${w}`;
        if (wanted.has(p)) tf.set(p, (tf.get(p) ?? 0) + 1);
        // A run of three (QuestionTerms.triples): counted when asked for, never part of the passage's length.
        if (before !== null) {
          const t = `${before}${PAIR_JOINER}${p}`;
          if (wanted.has(t)) tf.set(t, (tf.get(t) ?? 0) + 1);
        }
      }
      before = known ? prev : null;
      prev = known ? w : null;
    }
    // A stretch of n syllables has n − 1 pairs.
    if (count > 0) length += 2 * count - 1;
  }
  return { length, tf };
}
