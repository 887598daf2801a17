/** Reading documents: resolve what a person typed (an id or a number) to a work. */
import { DomainError, notFound } from '../errors';
import type { Work } from '../model';
import type { WorkRepository } from '../ports';
import { referenceKey, WORK_ID_RE } from '../refs';

/**
 * `ref` is an id (`09-2022-TT-BLDTBXH`) or an official number in any usual spelling (`09/2022/TT-BLĐTBXH`,
 * `59-2020-qh14`). A local number shared by several provinces is ambiguous: the error lists the candidates' ids.
 */
export async function resolveWork(works: WorkRepository, ref: string): Promise<Work> {
  const trimmed = ref.trim();
  if (!trimmed || trimmed.length > 200) throw new DomainError('validation', 'A document id or number is required (at most 200 characters)');
  if (WORK_ID_RE.test(trimmed)) {
    const byId = await works.get(trimmed);
    if (byId) return byId;
  }
  const matches = await works.findByReferenceKey(referenceKey(trimmed));
  if (matches.length === 1 && matches[0]) return matches[0];
  if (matches.length > 1)
    throw new DomainError('ambiguous_reference', `"${trimmed}" names ${matches.length} documents; use one of their ids`, {
      candidates: matches.map((w) => ({ id: w.id, number: w.number, place: w.place, issued: w.issued })),
    });
  throw notFound(`Document "${trimmed}"`, { ref: trimmed });
}
