/**
 * What a search box's text asks for, engine-neutral: the words every hit must hold, the quoted phrases whose words
 * must stand together, and the words typed with diacritics that rank exact spellings higher. Adapters turn this
 * into their own syntax by quoting each word: user text never reaches a query language.
 */
import { normalizeText, wordsOf } from './normalize';
import { MAX_QUERY_TERMS, foldedWords, queryTerms } from './snippet';

export const MAX_PHRASES = 8;

export interface ParsedQuery {
  /** Distinct folded words (every one must match), at most MAX_QUERY_TERMS. */
  terms: string[];
  /** Quoted phrases of two words or more, folded, in order. */
  phrases: string[][];
  /** Distinct lower-case words typed with diacritics (or đ): matching them exactly ranks higher. */
  exact: string[];
}

/** Lower-case words with their diacritics: the form the exact fields hold. */
export function exactWords(text: string): string[] {
  return wordsOf(normalizeText(text).toLocaleLowerCase('vi'));
}

export function parseQuery(q: string): ParsedQuery {
  const text = normalizeText(q);
  const phrases: string[][] = [];
  // Straight or typographic double quotes; an unclosed quote is just a character.
  for (const m of text.matchAll(/["“”„]([^"“”„]*)["“”„]/gu)) {
    const words = foldedWords(m[1] ?? '');
    if (words.length >= 2 && phrases.length < MAX_PHRASES) phrases.push(words.slice(0, MAX_QUERY_TERMS));
  }
  const exact = [...new Set(exactWords(text).filter((w) => foldedWords(w).join('') !== w))].slice(0, MAX_QUERY_TERMS);
  return { terms: queryTerms(text), phrases, exact };
}
