/** Snippets and highlights cut by the domain, so both search engines show the same thing for the same hit. */
import { fold, normalizeText, wordsOf } from './normalize';

export interface Snippet {
  text: string;
  /** [start, end) offsets of matched terms inside `text`. */
  highlights: [number, number][];
}

/** At most this many distinct words of a query are used: enough for any real query, bounded for hostile ones. */
export const MAX_QUERY_TERMS = 32;
const MAX_HITS_PER_TERM = 64;
/**
 * A snippet is cut from the first this many characters of a text: an annex of hundreds of pages is previewed from
 * its first pages (folding and scanning it whole cost tens of milliseconds per hit).
 */
export const SNIPPET_SCAN_CHARS = 50_000;
/** Adapters may return only a text's first SNIPPET_TEXT_CHARS characters: enough to know it is longer, trimmed or not. */
export const SNIPPET_TEXT_CHARS = SNIPPET_SCAN_CHARS + 16;

/** Splits text into the words both engines index: normalised, folded runs of letters and digits. */
export function foldedWords(text: string): string[] {
  return wordsOf(fold(normalizeText(text)));
}

/** The searchable words of a query: distinct folded words, at most MAX_QUERY_TERMS. */
export function queryTerms(q: string): string[] {
  return [...new Set(foldedWords(q))].slice(0, MAX_QUERY_TERMS);
}

interface Hit {
  at: number;
  len: number;
  term: number;
}

const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);

function termPositions(folded: string, term: string, cap: number): number[] {
  const out: number[] = [];
  for (let i = folded.indexOf(term); i >= 0 && out.length < cap; i = folded.indexOf(term, i + 1)) {
    if (!isWordChar(folded[i - 1]) && !isWordChar(folded[i + term.length])) out.push(i);
  }
  return out;
}

/**
 * A window of about `width` characters around the densest cluster of query terms, trimmed to word boundaries,
 * with the offsets of every term inside it.
 */
export function makeSnippet(whole: string, q: string, width = 240): Snippet {
  const cut = whole.length > SNIPPET_SCAN_CHARS;
  const text = cut ? whole.slice(0, SNIPPET_SCAN_CHARS) : whole;
  const terms = queryTerms(q);
  const folded = fold(text);
  const hits: Hit[] = [];
  terms.forEach((t, term) => {
    for (const at of termPositions(folded, t, MAX_HITS_PER_TERM)) hits.push({ at, len: t.length, term });
  });
  hits.sort((a, b) => a.at - b.at);

  let start = 0;
  if (hits.length > 0) {
    // Two pointers over the sorted hits: keep the window start that covers the most distinct terms. Linear in hits.
    const counts = new Map<number, number>();
    let best = -1;
    let right = 0;
    for (let left = 0; left < hits.length; left++) {
      const from = (hits[left] as Hit).at;
      while (right < hits.length && (hits[right] as Hit).at + (hits[right] as Hit).len <= from + width) {
        const t = (hits[right] as Hit).term;
        counts.set(t, (counts.get(t) ?? 0) + 1);
        right++;
      }
      if (counts.size > best) {
        best = counts.size;
        start = from;
      }
      const t = (hits[left] as Hit).term;
      const n = (counts.get(t) ?? 0) - 1;
      if (n <= 0) counts.delete(t);
      else counts.set(t, n);
    }
    start = Math.max(0, start - Math.floor(width / 4));
  }
  let end = Math.min(text.length, start + width);
  while (start > 0 && isWordChar(text[start - 1])) start--;
  while (end < text.length && isWordChar(text[end])) end++;
  const raw = text.slice(start, end);
  const lead = raw.length - raw.trimStart().length;
  const body = raw.trim().replace(/\s/g, ' ');
  const prefix = start > 0 ? '…' : '';
  const suffix = end < text.length || cut ? '…' : '';
  const highlights: [number, number][] = hits
    .filter((h) => h.at >= start + lead && h.at + h.len <= start + lead + body.length)
    .map((h) => [h.at - start - lead + prefix.length, h.at - start - lead + prefix.length + h.len]);
  return { text: prefix + body + suffix, highlights };
}
