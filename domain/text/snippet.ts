/** Snippets and highlights cut by the domain, so both search engines show the same thing for the same hit. */
import { fold } from './normalize';

export interface Snippet {
  text: string;
  /** [start, end) offsets of matched terms inside `text`. */
  highlights: [number, number][];
}

/** The searchable words of a query: folded, split on anything that is not a letter or digit. */
export function queryTerms(q: string): string[] {
  return [
    ...new Set(
      fold(q.normalize('NFC'))
        .split(/[^\p{L}\p{N}]+/u)
        .filter((t) => t.length > 0),
    ),
  ];
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
export function makeSnippet(text: string, q: string, width = 240): Snippet {
  const terms = queryTerms(q);
  const folded = fold(text);
  const hits: { at: number; len: number }[] = [];
  for (const t of terms) for (const at of termPositions(folded, t, 200)) hits.push({ at, len: t.length });
  hits.sort((a, b) => a.at - b.at);

  let start = 0;
  if (hits.length > 0) {
    // Slide over the hits and keep the window start that covers the most distinct terms.
    let best = -1;
    for (const h of hits) {
      const end = h.at + width;
      const covered = new Set(hits.filter((x) => x.at >= h.at && x.at + x.len <= end).map((x) => folded.slice(x.at, x.at + x.len)));
      if (covered.size > best) {
        best = covered.size;
        start = h.at;
      }
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
  const suffix = end < text.length ? '…' : '';
  const highlights: [number, number][] = hits
    .filter((h) => h.at >= start + lead && h.at + h.len <= start + lead + body.length)
    .map((h) => [h.at - start - lead + prefix.length, h.at - start - lead + prefix.length + h.len]);
  return { text: prefix + body + suffix, highlights };
}
