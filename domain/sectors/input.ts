/**
 * What the sector suggestion reads of a document, built the same way wherever it is asked for (indexing, the
 * sectors API, the quality report): the title without what ran into it, the opening provisions apart from the rest of
 * the text, and — for a document stored without units — its original text without the legal bases (căn cứ), which
 * cite other fields' laws.
 */
import type { UnitKind } from '../model';
import type { SuggestInput } from './suggest';

/** A unit as stored (domain/units StoredUnit): what is read of it. */
export interface SectorUnit {
  kind: UnitKind;
  heading: string | null;
  text: string;
}

export interface SectorSource {
  title: string | null;
  /** The document's units in document order (UnitRepository.listUnits, or flattenUnits of a parse). */
  units: readonly SectorUnit[];
  /** The original text, read only when there are no units (a document nothing was parsed out of). */
  text?: string;
  codified?: { topic: number; code: string }[];
}

/** Words of the original text read as its opening when it has no articles. */
const LEAD_WORDS = 150;

const unitText = (u: SectorUnit) => [u.heading, u.text].filter(Boolean).join(' ');
const isPartOfArticle = (k: UnitKind) => k === 'clause' || k === 'point';
const SCOPE_HEADING = /phạm vi|đối tượng/iu;

/**
 * A legal basis (`Căn cứ Luật ...;`, hard-wrapped or not, markup before it) runs from its line's start to the first
 * line that ends with its semicolon or full stop.
 */
const LEGAL_BASIS = /(^|\n)[^\p{L}\p{N}\n]*căn cứ(?![\p{L}\p{N}])[\s\S]*?[;.][^\p{L}\p{N}\n]*(?=\n|$)/giu;

/** The title as printed, without the preamble a wrongly cut title ran into (`... Căn cứ Hiến pháp ...`). */
function cleanTitle(title: string | null): string | null {
  if (!title) return title;
  const at = title.search(/(?<![\p{L}\p{N}])căn cứ(?![\p{L}\p{N}])/iu);
  return at > 0 ? title.slice(0, at).trim() : title;
}

/** The article at `from` with its clauses and points: the index after it. */
function articleEnd(units: readonly SectorUnit[], from: number): number {
  let i = from + 1;
  while (i < units.length && isPartOfArticle((units[i] as SectorUnit).kind)) i++;
  return i;
}

/**
 * The suggestion's input for a document: its title; as its opening (`lead`), the first article — and the next one too
 * when the first or the next is headed phạm vi điều chỉnh / đối tượng áp dụng — with their clauses and points; the
 * rest of its units as its text. Without articles the opening is the first words of the text; without units the text
 * is the original's, its căn cứ lines left out.
 */
export function sectorInput(doc: SectorSource): SuggestInput {
  const codified = doc.codified ?? [];
  const title = cleanTitle(doc.title);
  const units = doc.units;
  if (units.length === 0) {
    const text = (doc.text ?? '').replace(LEGAL_BASIS, '$1');
    return { title, ...splitLead(text), codified };
  }
  const first = units.findIndex((u) => u.kind === 'article');
  if (first < 0) return { title, ...splitLead(units.map(unitText).join('\n')), codified };
  let end = articleEnd(units, first);
  const next = units[end];
  if (next?.kind === 'article' && (SCOPE_HEADING.test(next.heading ?? '') || SCOPE_HEADING.test(units[first]?.heading ?? ''))) end = articleEnd(units, end);
  return {
    title,
    lead: units.slice(first, end).map(unitText).join('\n'),
    text: [...units.slice(0, first), ...units.slice(end)].map(unitText).join('\n'),
    codified,
  };
}

/** The first LEAD_WORDS words of a text as its opening, the rest as its text. */
function splitLead(text: string): { lead: string; text: string } {
  let n = 0;
  for (const m of text.matchAll(/[\p{L}\p{N}]+/gu)) if (++n > LEAD_WORDS) return { lead: text.slice(0, m.index), text: text.slice(m.index) };
  return { lead: text, text: '' };
}
