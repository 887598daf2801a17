/**
 * What a consolidated text (văn bản hợp nhất, VBHN) says of the documents it merges: which one is the base (the
 * document whose text it is: its validity is the VBHN's) and which ones amended it (each with the effective date the
 * VBHN gives). Pure: from the work's own list (`consolidates`, read from its head by domain/parse).
 */
import type { ConsolidatedSource, Work } from '../model';

type Consolidating = Pick<Work, 'type' | 'effective' | 'consolidates'>;

const isVbhn = (w: Consolidating) => w.type === 'van_ban_hop_nhat' && (w.consolidates?.length ?? 0) > 0;

/**
 * The base of a VBHN: the earliest issued of the documents it merges (the others amend it). Only when the list was
 * read whole, which the VBHN's own effective date checks: it is the effective date of one of the listed documents (the
 * base's, or the latest amendment's). Otherwise (a list cut short, as when its first line was not read) none: guessing
 * would give the VBHN another document's validity.
 */
export function baseSource(work: Consolidating): ConsolidatedSource | null {
  if (!isVbhn(work) || !work.effective) return null;
  const listed = work.consolidates.filter((c) => c.number && c.date);
  if (!listed.some((c) => c.effective === work.effective)) return null;
  return [...listed].sort((a, b) => (a.date as string).localeCompare(b.date as string))[0] ?? null;
}

/** The documents a VBHN lists as amending its base (everything it merges but the base), in its order. */
export function amendmentsListed(work: Consolidating): ConsolidatedSource[] {
  const base = baseSource(work);
  if (!base) return [];
  return work.consolidates.filter((c) => c !== base && c.number && c.number !== base.number);
}

/** The date of the version a VBHN represents: the latest effective date among what it merges. */
export function representedAt(work: Consolidating): string | null {
  if (!baseSource(work)) return null;
  const dates = work.consolidates.map((c) => c.effective).filter((d): d is string => !!d);
  return dates.sort().pop() ?? null;
}
