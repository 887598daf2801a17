/**
 * Suggesting a document's sectors from two kinds of evidence, each kept with the suggestion so a reviewer sees why:
 * the codified articles whose source is the document (their chủ đề, counted: the strongest evidence, since a
 * codifier placed them there), and the names of each sector and of its đề mục found in the document's title and
 * text, compared without case or diacritics (domain/text fold).
 */
import { fold, normalizeText, wordsOf } from '../text/normalize';
import { SECTORS } from './catalogue';
import type { Sector, SectorEvidence, SectorSuggestion } from './types';

export interface SuggestInput {
  title: string | null;
  /** The document's text (its units' headings and texts). */
  text: string;
  /** The codified articles whose source is the document: their chủ đề and code. */
  codified: { topic: number; code: string }[];
}

/** Codified evidence: a base for being codified at all, and more for each article (to a cap). */
const CODIFIED_BASE = 30;
const CODIFIED_PER_ARTICLE = 2;
const CODIFIED_CAP = 35;
/** A sector's or đề mục's name in the title. */
const TITLE_WEIGHT = 12;
/** A name in the text: 1 + log2(count) per name, the sector's text evidence capped. */
const TEXT_CAP = 20;
const MAX_SUGGESTIONS = 5;
const MAX_ARTICLES_LISTED = 10;

const words = (s: string) => wordsOf(fold(normalizeText(s)));

/**
 * The names a sector is recognised by, with their weight: its own name and its đề mục's titles (1), and each
 * comma-separated part of its name (`Bưu chính, viễn thông` → `viễn thông`: 0.5, less specific than the whole).
 * One-word names (`Giá`, `Thuế`, `hội`) are left out: folded, they are common words.
 */
export function sectorTerms(sector: Sector): { term: string; weight: number }[] {
  const parts: [string, number][] = [
    [sector.name, 1],
    ...sector.headings.map((h): [string, number] => [h.title, 1]),
    ...sector.name.split(/\s*,\s*/u).map((p): [string, number] => [p, 0.5]),
  ];
  const seen = new Set<string>();
  const out: { term: string; weight: number }[] = [];
  for (const [p, weight] of parts) {
    const w = words(p);
    const key = w.join(' ');
    if (w.length < 2 || seen.has(key)) continue;
    seen.add(key);
    out.push({ term: normalizeText(p).trim(), weight });
  }
  return out;
}

/** A catalogue's names as folded words, per sector, and the words a name starts with: read once per catalogue. */
interface CatalogueTerms {
  terms: Map<Sector, { term: string; weight: number; phrase: string[] }[]>;
  firsts: Set<string>;
}
const catalogueTerms = new WeakMap<readonly Sector[], CatalogueTerms>();

function termsOf(catalogue: readonly Sector[]): CatalogueTerms {
  let c = catalogueTerms.get(catalogue);
  if (!c) {
    const terms = new Map(catalogue.map((s) => [s, sectorTerms(s).map((t) => ({ ...t, phrase: words(t.term) }))]));
    c = { terms, firsts: new Set([...terms.values()].flatMap((ts) => ts.map((t) => t.phrase[0] as string))) };
    catalogueTerms.set(catalogue, c);
  }
  return c;
}

/**
 * Positions of the words a name starts with (`firsts`) in a text, so that a many-word name is found by walking its
 * first word's positions.
 */
function wordIndex(tokens: string[], firsts: ReadonlySet<string>): Map<string, number[]> {
  const index = new Map<string, number[]>();
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as string;
    if (!firsts.has(t)) continue;
    const list = index.get(t);
    if (list) list.push(i);
    else index.set(t, [i]);
  }
  return index;
}

function countPhrase(tokens: string[], index: Map<string, number[]>, phrase: string[]): number {
  const first = phrase[0];
  if (first === undefined) return 0;
  let n = 0;
  for (const i of index.get(first) ?? []) {
    let ok = true;
    for (let k = 1; k < phrase.length; k++)
      if (tokens[i + k] !== phrase[k]) {
        ok = false;
        break;
      }
    if (ok) n++;
  }
  return n;
}

const round = (x: number) => Math.round(x * 10) / 10;

/** Ranked sector suggestions (best first, at most five), each with its evidence; empty when nothing points anywhere. */
export function suggestSectors(input: SuggestInput, catalogue: readonly Sector[] = SECTORS): SectorSuggestion[] {
  const { terms, firsts } = termsOf(catalogue);
  const titleTokens = words(input.title ?? '');
  const textTokens = words(input.text);
  const titleIndex = wordIndex(titleTokens, firsts);
  const textIndex = wordIndex(textTokens, firsts);
  const byTopic = new Map<number, string[]>();
  for (const a of input.codified) byTopic.set(a.topic, [...(byTopic.get(a.topic) ?? []), a.code]);

  const out: SectorSuggestion[] = [];
  for (const sector of catalogue) {
    const evidence: SectorEvidence[] = [];
    let score = 0;
    const codes = byTopic.get(sector.number) ?? [];
    if (codes.length > 0) {
      const unique = [...new Set(codes)];
      evidence.push({ kind: 'codified', count: unique.length, articles: unique.slice(0, MAX_ARTICLES_LISTED) });
      score += CODIFIED_BASE + CODIFIED_PER_ARTICLE * Math.min(unique.length, CODIFIED_CAP);
    }
    let textScore = 0;
    for (const { term, weight, phrase } of terms.get(sector) ?? []) {
      const inTitle = countPhrase(titleTokens, titleIndex, phrase);
      if (inTitle > 0) {
        evidence.push({ kind: 'keyword', term, where: 'title', count: inTitle });
        score += TITLE_WEIGHT * weight;
      }
      const inText = countPhrase(textTokens, textIndex, phrase);
      if (inText > 0) {
        evidence.push({ kind: 'keyword', term, where: 'text', count: inText });
        textScore += weight * (1 + Math.log2(inText));
      }
    }
    score += Math.min(textScore, TEXT_CAP);
    if (score > 0) out.push({ code: sector.code, name: sector.name, score: round(score), evidence });
  }
  return out.sort((a, b) => b.score - a.score || Number(a.code) - Number(b.code)).slice(0, MAX_SUGGESTIONS);
}

/** The suggestions a document is filed under until a reviewer confirms: the best, and any close to it (at most 3). */
const CLOSE = 0.6;
const MIN_SCORE = 3;
const MAX_DEFAULT = 3;
export function topSuggestions(suggestions: SectorSuggestion[]): string[] {
  const best = suggestions[0]?.score ?? 0;
  if (best < MIN_SCORE) return [];
  return suggestions
    .filter((s) => s.score >= best * CLOSE)
    .slice(0, MAX_DEFAULT)
    .map((s) => s.code);
}
