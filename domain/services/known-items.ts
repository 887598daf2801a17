/**
 * Known items: a query that names a document — by its number ("45/2019/QH14", "38/2022/nđ-cp", "59-2020-qh14",
 * "Nghị định 38/2022/NĐ-CP") or by its title and year ("bo luat lao dong 2019", "Luật Doanh nghiệp 2020") — answers
 * with that document first. bm25 cannot do it: a document's entry holds its whole text, so its length sinks its score
 * below any clause that cites the number (docs/adr/0008). The named documents are found by number or title
 * (SearchIndex.suggest), kept only when the whole number or the whole title is what was typed, and their entries put
 * at the head of the first page when they pass the query's filters.
 */
import type { SearchFilters, SearchHit, SearchIndex } from '../ports';
import { foldedWords } from '../text/snippet';

/** A number as printed: digits (a letter may follow), `/` or `-`, then the year or a symbol, then the symbol. */
const NUMBER_RE = /(?<![\p{L}\p{N}])\d{1,5}[a-zđ]?(?:[/-]\d{4})?[/-][\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/giu;
const YEAR_RE = /^(?:19|20)\d\d$/;
/** Documents looked up per name. */
const LOOKUP = 20;
/** At most this many documents are put first (a title shared by several documents of the same year). */
const NAMED_MAX = 3;
/** Longer queries are questions or passages, not names. */
const NAME_WORDS_MAX = 16;

export interface DocumentName {
  /** The number's folded words (`38 2022 nd cp`). */
  number: string[] | null;
  /** The title's folded words and the year of issue it was typed with (null: any year). */
  title: string[] | null;
  year: string | null;
}

const same = (a: string[], b: string[]) => a.length === b.length && a.every((w, i) => w === b[i]);

/** What a query names: a number with a year in it, else the whole query as a title (a trailing year apart). */
export function documentNameOf(q: string): DocumentName | null {
  const words = foldedWords(q);
  if (words.length === 0 || words.length > NAME_WORDS_MAX) return null;
  const numbers = [...q.matchAll(NUMBER_RE)].map((m) => m[0]).filter((n) => /\d{4}/.test(n.replace(/^\d+[a-zđ]?/iu, '')));
  if (numbers.length === 1) return { number: foldedWords(numbers[0] as string), title: null, year: null };
  if (numbers.length > 1) return null;
  const last = words[words.length - 1] as string;
  const year = YEAR_RE.test(last) && words.length >= 3 ? last : null;
  const title = year ? words.slice(0, -1) : words;
  return title.length >= 2 ? { number: null, title, year } : null;
}

/**
 * The documents the query names, as the index holds them and only if they pass the filters: the one with that
 * number, or those with exactly that title (of that year when one was typed), newest first.
 */
export async function namedDocuments(search: Pick<SearchIndex, 'suggest' | 'documentEntries'>, q: string, filters: SearchFilters): Promise<SearchHit[]> {
  const name = documentNameOf(q);
  if (!name) return [];
  const words = name.number ?? name.title ?? [];
  // A space after the last word: every word is whole (no prefix match).
  const found = await search.suggest(`${words.join(' ')} `, LOOKUP);
  const named = found
    .filter((s) =>
      name.number
        ? same(foldedWords(s.documentNumber ?? ''), name.number)
        : same(foldedWords(s.title ?? ''), name.title ?? []) && (name.year === null || s.issued?.slice(0, 4) === name.year),
    )
    .sort((a, b) => (b.issued ?? '').localeCompare(a.issued ?? ''))
    .slice(0, NAMED_MAX);
  return named.length === 0 ? [] : search.documentEntries([...new Set(named.map((s) => s.workId))], filters);
}

/**
 * How deep to read the ranked list so a page can be cut from it with the named documents first: from the top,
 * through the page, plus as many entries as were named (they may be in the ranked list too).
 */
export function depthWithNamed(offset: number, limit: number, named: number): { offset: number; limit: number } {
  return named === 0 ? { offset, limit } : { offset: 0, limit: offset + limit + named };
}

/**
 * The page (`offset`, `limit`) of the named items followed by the ranked ones (read from the top: depthWithNamed),
 * each once; `merge` joins a named item with its ranked twin. Named items take the best score, so the order stays
 * by score.
 */
export function pageWithNamed<H extends { score: number }>(
  ranked: H[],
  named: H[],
  key: (h: H) => string,
  offset: number,
  limit: number,
  merge: (named: H, twin: H | undefined) => H = (n) => n,
): H[] {
  if (named.length === 0) return ranked;
  const keys = new Set(named.map(key));
  const top = Math.max(0, ...ranked.map((h) => h.score));
  const first = named.map((n) => {
    const m = merge(
      n,
      ranked.find((h) => key(h) === key(n)),
    );
    return { ...m, score: Math.max(m.score, top) };
  });
  return [...first, ...ranked.filter((h) => !keys.has(key(h)))].slice(offset, offset + limit);
}
