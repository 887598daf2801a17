/**
 * What a re-import changes: articles added, removed and changed between two reads of the export, matched by heading,
 * code and occurrence (the export repeats a few codes inside one heading), compared by content hash. Importing the
 * same export twice gives an empty diff.
 */
import type { CodifiedArticle } from './types';

export interface ArticleChange {
  before: CodifiedArticle;
  after: CodifiedArticle;
}

export interface ImportDiff {
  added: CodifiedArticle[];
  removed: CodifiedArticle[];
  changed: ArticleChange[];
  /** How many matched with the same content. */
  unchanged: number;
}

/** The identity of an article across imports: `36.3|36.3.LQ.1|1`. */
export function articleKey(a: Pick<CodifiedArticle, 'headingId' | 'code' | 'occurrence'>): string {
  return `${a.headingId}|${a.code}|${a.occurrence}`;
}

export function diffImports(before: CodifiedArticle[], after: CodifiedArticle[]): ImportDiff {
  const old = new Map<string, CodifiedArticle>();
  for (const a of before) old.set(articleKey(a), a);
  const added: CodifiedArticle[] = [];
  const changed: ArticleChange[] = [];
  let unchanged = 0;
  const seen = new Set<string>();
  for (const a of after) {
    const key = articleKey(a);
    if (seen.has(key)) continue;
    seen.add(key);
    const b = old.get(key);
    if (!b) added.push(a);
    else if (b.contentHash !== a.contentHash) changed.push({ before: b, after: a });
    else unchanged++;
  }
  const removed = [...old].filter(([k]) => !seen.has(k)).map(([, a]) => a);
  return { added, removed, changed, unchanged };
}
