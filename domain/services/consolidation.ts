/** Point-in-time text of a document (hợp nhất): its units with the effects that target it applied up to a date. */
import { type ConsolidatedUnit, consolidate, diffAt, timeline, versionsOf } from '../consolidate/engine';
import type { Work } from '../model';
import type { Ports } from '../ports';
import { buildTree } from '../units';
import { resolveWork } from './documents';

/** A document's units and the effects on it; `ref` is an id or number to resolve, or the work already read. */
async function baseOf(ports: Pick<Ports, 'works' | 'units' | 'links'>, ref: string | Work) {
  const work = typeof ref === 'string' ? await resolveWork(ports.works, ref) : ref;
  const rows = work.unitSet ? await ports.units.listUnits(work.unitSet) : [];
  const effects = (await ports.links.incoming(work.id)).effects.filter((e) => e.source.workId !== work.id);
  return { work, base: { workId: work.id, units: buildTree(rows), effective: work.effective }, effects };
}

/** The document as in force on `at`: units (with VBHN-style notes on changed ones) and the effects not applied. */
export async function consolidatedDocument(ports: Pick<Ports, 'works' | 'units' | 'links'>, ref: string | Work, at: string) {
  const { work, base, effects } = await baseOf(ports, ref);
  const result = consolidate(base, effects, at);
  const byId = new Map(effects.map((e) => [e.id, e]));
  return {
    documentId: work.id,
    documentNumber: work.number,
    at,
    units: result.units,
    applied: result.applied,
    unapplied: result.unapplied.map((u) => {
      const e = byId.get(u.effectId);
      return { ...u, sourceWorkId: e?.source.workId ?? null, sourceNumber: e?.source.number ?? null, instruction: e?.source.text ?? null };
    }),
  };
}

/** The dates on which the document's text changes, with the effects of each. */
export async function documentTimeline(ports: Pick<Ports, 'works' | 'units' | 'links'>, ref: string) {
  const { work, base, effects } = await baseOf(ports, ref);
  return {
    documentId: work.id,
    documentNumber: work.number,
    effective: work.effective,
    dates: timeline(base, effects).map((t) => ({
      date: t.date,
      effects: t.effects.map((e) => ({
        id: e.id,
        operation: e.operation,
        target: e.target.eId,
        sourceWorkId: e.source.workId,
        sourceNumber: e.source.number ?? null,
      })),
    })),
  };
}

/** Units whose text differs between two dates, with a word diff. */
export async function documentDiff(ports: Pick<Ports, 'works' | 'units' | 'links'>, ref: string, from: string, to: string) {
  const { work, base, effects } = await baseOf(ports, ref);
  return { documentId: work.id, documentNumber: work.number, from, to, changes: diffAt(base, effects, from, to) };
}

/** Who brought a unit that the original text does not have: the effect, its document and since when. */
export interface UnitOrigin {
  effectId: string;
  operation: string;
  sourceWorkId: string;
  sourceNumber: string | null;
  sourceEId: string;
  /** The date the unit appears in the consolidated text. */
  from: string | null;
  note: string;
}

/** A stretch of dates [from, to) in which a unit exists in the consolidated text; to null = still there. */
export interface UnitPresence {
  from: string | null;
  to: string | null;
  origin: UnitOrigin | null;
}

/** Finds a unit and the units above it (outermost first, the unit last). */
function findWithPath(units: ConsolidatedUnit[], eId: string): ConsolidatedUnit[] | null {
  for (const u of units) {
    if (u.eId === eId) return [u];
    const inner = findWithPath(u.children, eId);
    if (inner) return [u, ...inner];
  }
  return null;
}

/**
 * One unit across time, for a unit the original text may not have (inserted by an amendment: `Điều 70a`,
 * `khoản 4a`, or a clause a replaced article brings): the unit as in force on `at` with its path (null when it does
 * not exist that day), and the stretches of dates in which it exists, each with the effect that brought it.
 */
export async function unitOverTime(ports: Pick<Ports, 'works' | 'units' | 'links'>, ref: string | Work, eId: string, at: string) {
  const { work, base, effects } = await baseOf(ports, ref);
  const byId = new Map(effects.map((e) => [e.id, e]));
  const path = findWithPath(consolidate(base, effects, at).units, eId);
  const presence: UnitPresence[] = [];
  for (const v of versionsOf(base, effects).get(eId) ?? []) {
    const last = presence[presence.length - 1];
    if (last && last.to === v.from) last.to = v.to;
    else presence.push({ from: v.from, to: v.to, origin: null });
  }
  for (const p of presence) {
    if (p.from === null || p.from === base.effective) continue;
    // The effect dated `from` on the unit itself or, for a unit inside an inserted or replaced one, the nearest above.
    const there = findWithPath(consolidate(base, effects, p.from).units, eId) ?? [];
    for (const u of [...there].reverse()) {
      const s = u.sources?.filter((x) => x.effectiveFrom === p.from).pop();
      if (!s) continue;
      p.origin = {
        effectId: s.effectId,
        operation: s.operation,
        sourceWorkId: s.sourceWorkId,
        sourceNumber: byId.get(s.effectId)?.source.number ?? null,
        sourceEId: s.sourceEId,
        from: p.from,
        note: s.note,
      };
      break;
    }
  }
  return { documentId: work.id, documentNumber: work.number, at, path, unit: path?.[path.length - 1] ?? null, presence };
}
