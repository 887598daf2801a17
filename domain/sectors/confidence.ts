/**
 * How sure the sectors a document is filed under are, so a report can send the unsure ones to a reviewer: 1 when a
 * reviewer confirmed them; otherwise from the suggestions — how strong the best one's evidence is, and how far it is
 * ahead of the runner-up. Pure.
 */
import type { Work } from '../model';
import { FILE_MIN_SCORE, type SuggestInput, suggestSectors, topSuggestions } from './suggest';
import type { SectorSuggestion } from './types';

/** A best score this high counts as fully strong: a title phrase and the opening provisions agreeing (or codification). */
const STRONG = 24;
/** Below this confidence, a document's sectors want a reviewer (SectorAssessment.needsReview). */
export const SECTOR_REVIEW_BELOW = 0.5;

export type SectorConfidenceBasis =
  /** A reviewer confirmed the sectors. */
  | 'confirmed'
  /** Codified articles of the document are in the best sector's chủ đề. */
  | 'codified'
  /** The best sector is well ahead of the others. */
  | 'clear'
  /** Another sector scores close to the best. */
  | 'close'
  /** The best sector's evidence is thin (no title phrase and little else). */
  | 'weak'
  /** Nothing points to any sector: none is filed. */
  | 'none';

export interface SectorAssessment {
  /** The sectors the document is filed under (filedSectors): the confirmed ones, else the top suggestions. */
  codes: string[];
  confirmed: boolean;
  /** In [0, 1]: 1 confirmed; 0 nothing filed; else strength × (0.5 + 0.5 × lead), see sectorConfidence. */
  confidence: number;
  /** confidence < SECTOR_REVIEW_BELOW. */
  needsReview: boolean;
  basis: SectorConfidenceBasis;
  best: { code: string; name: string; score: number } | null;
  runnerUp: { code: string; name: string; score: number } | null;
  /** The ranked suggestions with their evidence (suggestSectors). */
  suggestions: SectorSuggestion[];
}

const brief = (s: SectorSuggestion | undefined) => (s ? { code: s.code, name: s.name, score: s.score } : null);
const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * The confidence of filing a document under its suggestions, in [0, 1]: `strength × (0.5 + 0.5 × lead)`, where
 * strength = min(1, best score / 24) — a title phrase alone (12) is half strong, a title phrase with the opening
 * provisions agreeing, or codified articles, fully — and lead = 1 − runner-up score / best score — 1 when no other
 * sector has any evidence, 0 when two tie. Codified evidence for the best sector keeps the confidence at 0.75 at
 * least (a codifier placed the document's articles there). 0 when nothing is filed.
 */
export function sectorConfidence(suggestions: SectorSuggestion[]): { confidence: number; basis: SectorConfidenceBasis } {
  const best = suggestions[0];
  if (!best || best.score < FILE_MIN_SCORE) return { confidence: 0, basis: 'none' };
  const second = suggestions[1]?.score ?? 0;
  const strength = Math.min(1, best.score / STRONG);
  const lead = Math.max(0, 1 - second / best.score);
  let confidence = strength * (0.5 + 0.5 * lead);
  const codified = best.evidence.some((e) => e.kind === 'codified');
  if (codified) confidence = Math.max(confidence, 0.75);
  const basis: SectorConfidenceBasis = codified ? 'codified' : strength < 0.5 ? 'weak' : lead < 0.25 ? 'close' : 'clear';
  return { confidence: round2(confidence), basis };
}

/**
 * A document's sectors and how sure they are: the suggestions for its input (sectorInput builds it from the stored
 * work's title and units, and its codified articles), the sectors it is filed under, and the confidence — 1 when the
 * work's sectors were confirmed by a reviewer (pass the work to say so).
 */
export function assessSectors(input: SuggestInput, work: Pick<Work, 'sectors'> = {}): SectorAssessment {
  const suggestions = suggestSectors(input);
  const runnerUp = brief(suggestions[1]);
  if (work.sectors)
    return {
      codes: [...work.sectors.codes],
      confirmed: true,
      confidence: 1,
      needsReview: false,
      basis: 'confirmed',
      best: brief(suggestions[0]),
      runnerUp,
      suggestions,
    };
  const { confidence, basis } = sectorConfidence(suggestions);
  return {
    codes: topSuggestions(suggestions),
    confirmed: false,
    confidence,
    needsReview: confidence < SECTOR_REVIEW_BELOW,
    basis,
    best: brief(suggestions[0]),
    runnerUp,
    suggestions,
  };
}
