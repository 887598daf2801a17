/** Point-in-time text of a document (hợp nhất): its units with the effects that target it applied up to a date. */
import { consolidate, diffAt, timeline } from '../consolidate/engine';
import type { Ports } from '../ports';
import { buildTree } from '../units';
import { resolveWork } from './documents';

async function baseOf(ports: Pick<Ports, 'works' | 'units' | 'links'>, ref: string) {
  const work = await resolveWork(ports.works, ref);
  const rows = work.unitSet ? await ports.units.listUnits(work.unitSet) : [];
  const effects = (await ports.links.incoming(work.id)).effects.filter((e) => e.source.workId !== work.id);
  return { work, base: { workId: work.id, units: buildTree(rows), effective: work.effective }, effects };
}

/** The document as in force on `at`: units (with VBHN-style notes on changed ones) and the effects not applied. */
export async function consolidatedDocument(ports: Pick<Ports, 'works' | 'units' | 'links'>, ref: string, at: string) {
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
