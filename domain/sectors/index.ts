/**
 * Sectors (lĩnh vực): the catalogue (one sector per chủ đề of the Bộ pháp điển, catalogue.ts, generated), suggestions
 * from a document's codified articles and text (suggest.ts, with the vocabulary of lexicon.ts, on the input
 * input.ts builds), the sectors a document is filed under — the ones a reviewer confirmed, else the top suggestions —
 * and how sure that filing is (confidence.ts). Pure; README.md in this folder.
 */
import type { Work } from '../model';
import { SECTORS } from './catalogue';
import { topSuggestions } from './suggest';
import type { Sector, SectorSuggestion } from './types';

export { SECTORS } from './catalogue';
export {
  assessSectors,
  SECTOR_REVIEW_BELOW,
  type SectorAssessment,
  type SectorConfidenceBasis,
  sectorConfidence,
} from './confidence';
export { type SectorSource, type SectorUnit, sectorInput } from './input';
export { sectorTerms, suggestSectors, topSuggestions, type SuggestInput } from './suggest';
export type { Sector, SectorEvidence, SectorSuggestion } from './types';

const BY_CODE = new Map(SECTORS.map((s) => [s.code, s]));

export function sectorByCode(code: string): Sector | undefined {
  return BY_CODE.get(code);
}

/** Codes that are not in the catalogue (a request naming them is refused). */
export function unknownSectorCodes(codes: string[]): string[] {
  return codes.filter((c) => !BY_CODE.has(c));
}

/** The sectors a work is filed under: confirmed by a reviewer, else the top suggestions; and which of the two. */
export function filedSectors(work: Pick<Work, 'sectors'>, suggestions: SectorSuggestion[]): { codes: string[]; confirmed: boolean } {
  if (work.sectors) return { codes: [...work.sectors.codes], confirmed: true };
  return { codes: topSuggestions(suggestions), confirmed: false };
}

/** `20` → `{code: '20', name: 'Lao động'}` (an unknown code keeps itself as its name). */
export function sectorLabel(code: string): { code: string; name: string } {
  return { code, name: BY_CODE.get(code)?.name ?? code };
}
