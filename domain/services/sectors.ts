/**
 * A document's sectors (domain/sectors): the suggestions with their evidence (its codified articles' chủ đề, the
 * sectors' names and vocabulary in its title, opening provisions and text), what a reviewer confirmed (who, when,
 * why), and the confirmation itself — stored on the work under optimistic locking, so the stream re-indexes it with
 * the confirmed sectors.
 */
import { ConflictError, DomainError } from '../errors';
import type { Work } from '../model';
import type { Ports } from '../ports';
import {
  assessSectors,
  filedSectors,
  type SectorAssessment,
  type SectorSuggestion,
  type SuggestInput,
  sectorInput,
  sectorLabel,
  suggestSectors,
  unknownSectorCodes,
} from '../sectors';
import type { StoredUnit } from '../units';
import { resolveWork } from './documents';

const MAX_ATTEMPTS = 8;
const MAX_CODES = 10;

/**
 * What the suggestion reads of a work (domain/sectors sectorInput): its title, its stored units (read when not given)
 * and the codified articles whose source it is.
 */
async function workSectorInput(ports: Pick<Ports, 'units' | 'codification'>, work: Work, units?: StoredUnit[]): Promise<SuggestInput> {
  const own = units ?? (work.unitSet ? await ports.units.listUnits(work.unitSet) : []);
  const codified = await ports.codification.findBySource(work.id);
  return sectorInput({ title: work.title, units: own, codified: codified.map((a) => ({ topic: a.topic, code: a.code })) });
}

/** Suggestions for a work from its title, stored units and the codified articles whose source it is. */
export async function sectorSuggestionsFor(ports: Pick<Ports, 'units' | 'codification'>, work: Work, units?: StoredUnit[]): Promise<SectorSuggestion[]> {
  return suggestSectors(await workSectorInput(ports, work, units));
}

/**
 * A work's sectors and how sure they are (domain/sectors assessSectors): the confirmed ones with confidence 1, else
 * the top suggestions with their confidence in [0, 1] and `needsReview` below SECTOR_REVIEW_BELOW. Pass the units
 * when they are at hand; a work stored without units is judged on its title and codified articles only.
 */
export async function assessWorkSectors(ports: Pick<Ports, 'units' | 'codification'>, work: Work, units?: StoredUnit[]): Promise<SectorAssessment> {
  return assessSectors(await workSectorInput(ports, work, units), work);
}

/** What the API shows of a document's sectors. */
export async function documentSectors(ports: Pick<Ports, 'works' | 'units' | 'codification'>, ref: string) {
  const work = await resolveWork(ports.works, ref);
  const suggestions = await sectorSuggestionsFor(ports, work);
  const filed = filedSectors(work, suggestions);
  return {
    documentId: work.id,
    documentNumber: work.number,
    /** The sectors the document is filed under (search, systematization). */
    sectors: filed.codes.map(sectorLabel),
    confirmed: work.sectors ? { ...work.sectors, sectors: work.sectors.codes.map(sectorLabel) } : null,
    suggestions,
  };
}

export interface ConfirmSectorsRequest {
  codes: string[];
  reason: string;
  actor: string;
}

/**
 * A reviewer confirms a document's sectors. Codes must be in the catalogue; the same codes confirmed again change
 * nothing (`changed: false`). A concurrent write to the work is retried on its new version, never overwritten.
 */
export async function confirmSectors(ports: Pick<Ports, 'works' | 'units' | 'codification' | 'clock'>, ref: string, req: ConfirmSectorsRequest) {
  const codes = [...new Set(req.codes.map((c) => c.trim()))];
  if (codes.length === 0 || codes.length > MAX_CODES) throw new DomainError('validation', `codes: between 1 and ${MAX_CODES} sector codes`);
  const unknown = unknownSectorCodes(codes);
  if (unknown.length > 0) throw new DomainError('validation', `codes: not in the sector catalogue (GET /v1/sectors): ${unknown.join(', ')}`);
  const reason = req.reason.trim();
  if (reason.length < 3) throw new DomainError('validation', 'reason: say why (at least 3 characters)');
  const id = (await resolveWork(ports.works, ref)).id;
  let changed = false;
  for (let attempt = 1; ; attempt++) {
    const work = await ports.works.get(id);
    if (!work) throw new DomainError('not_found', `Document "${ref}" is not in the database`, { ref });
    const same = work.sectors && work.sectors.codes.length === codes.length && work.sectors.codes.every((c, i) => c === codes[i]);
    if (same) break;
    const at = ports.clock.now().toISOString();
    try {
      await ports.works.save(
        {
          ...work,
          sectors: { codes, confirmedBy: req.actor, confirmedAt: at, reason },
          lastChange: { actor: req.actor, action: 'review', reason },
          updatedAt: at,
        },
        work.version,
      );
      changed = true;
      break;
    } catch (e) {
      if (!(e instanceof ConflictError) || attempt >= MAX_ATTEMPTS) throw e;
      await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 20 * attempt)));
    }
  }
  return { ...(await documentSectors(ports, id)), changed };
}
