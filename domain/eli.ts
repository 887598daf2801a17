/**
 * ELI-style identifiers (European Legislation Identifier, adapted; issue #20): `/eli/vn/{type}/{year}/{id}` names a
 * document, `/eli/vn/{type}/{year}/{id}/{date}` its text as in force on a date. `type` is the project's type code
 * (`luat`, `nghi_dinh`), `year` the year of issue, `id` the document id. The URI is the canonical name the API's JSON
 * and the web pages give a document; GET /eli/… resolves it (303) to the document or to its version at the date.
 */
import type { Work } from './model';

/** The year a document belongs to: its year of issue, else the year its id carries (`59-2020-QH14`). */
function yearOf(work: Pick<Work, 'id' | 'issued'>): string | null {
  if (work.issued) return work.issued.slice(0, 4);
  return /(?:^|-)((?:19|20)\d{2})(?:-|$)/.exec(work.id)?.[1] ?? null;
}

/** The document's ELI path (a date names its text as in force then); null when no year is known. */
export function eliOf(work: Pick<Work, 'id' | 'type' | 'issued'>, date?: string): string | null {
  const year = yearOf(work);
  if (!year) return null;
  return `/eli/vn/${work.type}/${year}/${work.id}${date ? `/${date}` : ''}`;
}
