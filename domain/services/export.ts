/**
 * A document in an exchange format (issue 20): Akoma Ntoso 3.0 (domain/export/akn.ts) of its original text, or of
 * its version at a date (the consolidated text, services/consolidation.ts), with its relations, the amendment effects
 * on and by it and, for a version, its validity on that date with the ground.
 */
import { isCalendarDate } from '../dates';
import type { Effect } from '../effects/types';
import { DomainError } from '../errors';
import { type AknOtherWork, type AknUnit, toAkomaNtoso, workDate } from '../export/akn';
import type { Work } from '../model';
import type { Ports } from '../ports';
import type { Relation } from '../relations/types';
import { buildTree } from '../units';
import { consolidatedDocument } from './consolidation';
import { resolveWork } from './documents';

/** The formats a document is exported in. */
export const EXPORT_FORMATS = ['akn'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const yearOf = (number: string | null) => (number ? (/\/((?:1[89]|20)\d\d)\//.exec(number)?.[1] ?? null) : null);

/**
 * The documents a work's links name, as the URIs need them: a work in the database by its own date (the work-date
 * rule), another by the date of issue its citation gives, else the year in its number.
 */
async function othersOf(ports: Pick<Ports, 'works'>, self: string, relations: Relation[], effects: Effect[]): Promise<AknOtherWork[]> {
  const cited = new Map<string, { number: string | null; date: string | null }>();
  const note = (workId: string | null, number: string | null, date: string | null) => {
    if (!workId || workId === self) return;
    const seen = cited.get(workId);
    cited.set(workId, { number: seen?.number ?? number, date: seen?.date ?? date });
  };
  for (const r of relations) {
    note(r.source.workId, r.source.number, null);
    note(r.target.workId, r.target.number, r.target.date);
  }
  for (const e of effects) {
    note(e.source.workId, e.source.number, null);
    note(e.target.workId, e.target.number, null);
  }
  const ids = [...cited.keys()];
  const works = await Promise.all(ids.map((id) => ports.works.get(id)));
  return ids.map((workId, i) => {
    const w = works[i];
    if (w && !w.withdrawn) return { workId, number: w.number, date: workDate(w).date, title: w.title, inDatabase: true };
    const c = cited.get(workId) as { number: string | null; date: string | null };
    return { workId, number: c.number, date: c.date ?? yearOf(c.number), inDatabase: false };
  });
}

/**
 * The document `ref` (an id or a number) as Akoma Ntoso 3.0 XML: its original text, or with `at` its version as in
 * force on that date. A date before the document was issued has no version (not_found); a withdrawn document is gone.
 */
export async function aknOf(ports: Pick<Ports, 'works' | 'units' | 'links'>, ref: string, at?: string): Promise<string> {
  const work = await resolveWork(ports.works, ref);
  return aknOfWork(ports, work, at);
}

/** The same, for a work already read. */
export async function aknOfWork(ports: Pick<Ports, 'works' | 'units' | 'links'>, work: Work, at?: string): Promise<string> {
  const name = work.number ?? work.id;
  if (work.withdrawn) throw new DomainError('gone', `${name} was withdrawn: ${work.withdrawn.reason}`, { documentId: work.id, withdrawn: work.withdrawn });
  if (at !== undefined) {
    if (!isCalendarDate(at)) throw new DomainError('validation', `at must be a date YYYY-MM-DD, got "${at}"`, { at });
    if (work.issued && at < work.issued)
      throw new DomainError('not_found', `${name} was issued on ${work.issued}: it has no version on ${at}`, { documentId: work.id, at, issued: work.issued });
  }
  const [incoming, outgoing] = await Promise.all([ports.links.incoming(work.id), ports.links.outgoing(work.id)]);
  const relations = {
    outgoing: outgoing.relations.filter((r) => r.source.workId === work.id),
    incoming: incoming.relations.filter((r) => r.source.workId !== work.id),
  };
  const activeEffects = outgoing.effects.filter((e) => e.source.workId === work.id);
  const passiveEffects = incoming.effects.filter((e) => e.source.workId !== work.id);
  const others = await othersOf(ports, work.id, [...relations.outgoing, ...relations.incoming], [...activeEffects, ...passiveEffects]);
  if (at === undefined) {
    const units: AknUnit[] = work.unitSet ? buildTree(await ports.units.listUnits(work.unitSet)) : [];
    return toAkomaNtoso({ work, units, activeEffects, passiveEffects, relations, others });
  }
  const c = await consolidatedDocument(ports, work, at);
  return toAkomaNtoso({
    work,
    at,
    units: c.units,
    activeEffects,
    passiveEffects,
    relations,
    others,
    validity: { status: c.validity.status, label: c.validity.label, since: c.validity.since, reasons: c.validity.reasons },
    unapplied: c.unapplied.map((u) => ({ effectId: u.effectId, targetEId: u.targetEId, reason: u.reason })),
  });
}

/** A document in one of EXPORT_FORMATS (the CLI's and the API's entry): the text, and its media type. */
export async function exportDocument(
  ports: Pick<Ports, 'works' | 'units' | 'links'>,
  ref: string,
  format: string,
  at?: string,
): Promise<{ body: string; contentType: string }> {
  if (!(EXPORT_FORMATS as readonly string[]).includes(format))
    throw new DomainError('validation', `Unknown export format "${format}"; allowed: ${EXPORT_FORMATS.join(', ')}`, { format, allowed: EXPORT_FORMATS });
  return { body: await aknOf(ports, ref, at), contentType: 'application/akn+xml; charset=utf-8' };
}
