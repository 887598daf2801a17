import { notFound } from '../../domain/errors';
import { resolveWork } from '../../domain/services/documents';
import { buildTree, citationFromEId, type StoredUnit } from '../../domain/units';
import { consolidatedDocument, type UnitPresence, unitOverTime } from '../../domain/services/consolidation';
import { vietnamDate } from '../../domain/dates';
import { articleNumOf } from '../../domain/services/search';
import { UnitParams, UnitQuery } from '../../schemas/documents';
import type { ConsolidatedUnit } from '../../domain/consolidate/engine';
import type { Ports } from '../../domain/ports';
import type { Work } from '../../domain/model';
import { httpHandler, json, type AppContext } from '../_shared/http';
import { HttpProblem } from '../_shared/problem';

export const create = (ctx: AppContext) =>
  httpHandler(ctx, { fn: 'units-get', params: UnitParams, query: UnitQuery }, async ({ params, query, ports }) => {
    const work = await resolveWork(ports.works, params.id);
    const rows = work.unitSet ? await ports.units.listUnits(work.unitSet) : [];
    const byEId = new Map(rows.map((r) => [r.eId, r]));
    const target = byEId.get(params.eId);
    const articleNum = articleNumOf(params.eId);
    const codified = articleNum ? await ports.codification.findBySource(work.id, articleNum) : [];
    const codifiedView = codified.map((a) => ({ code: a.code, headingId: a.headingId, heading: a.title }));
    if (!target) return json(await inserted(ports, work, params.eId, query.at, codifiedView));
    const path: StoredUnit[] = [];
    for (let u: StoredUnit | undefined = target; u; u = u.parent ? byEId.get(u.parent) : undefined) path.unshift(u);
    const subtree = rows.filter((r) => r.eId === target.eId || isDescendant(r, target.eId, byEId));
    const [unit] = buildTree(subtree.map((r) => (r.eId === target.eId ? { ...r, parent: null } : r)));
    let consolidated: ConsolidatedUnit | null | undefined;
    if (query.at) {
      const c = await consolidatedDocument(ports, work, query.at);
      const find = (us: ConsolidatedUnit[]): ConsolidatedUnit | null => {
        for (const u of us) {
          if (u.eId === params.eId) return u;
          const inner = find(u.children);
          if (inner) return inner;
        }
        return null;
      };
      consolidated = find(c.units);
    }
    return json({
      documentId: work.id,
      documentNumber: work.number,
      path: path.map((u) => ({ eId: u.eId, kind: u.kind, num: u.num, heading: u.heading })),
      unit,
      ...(query.at ? { at: query.at, consolidated } : {}),
      codified: codifiedView,
    });
  });

/**
 * A unit the original text does not have (inserted by an amendment): from the consolidated text on `at`, or today
 * (Vietnam date) when no date is asked. Not there that day: 404 saying when it exists.
 */
async function inserted(
  ports: Pick<Ports, 'works' | 'units' | 'links' | 'clock'>,
  work: Work,
  eId: string,
  at: string | undefined,
  codified: { code: string; headingId: string; heading: string }[],
) {
  const day = at ?? vietnamDate(ports.clock.now());
  const r = await unitOverTime(ports, work, eId, day);
  if (!r.unit || !r.path) {
    if (r.presence.length === 0) throw notFound(`Unit ${eId} of ${work.id}`, { id: work.id, eId });
    throw new HttpProblem('not_found', `Unit ${eId} of ${work.id} is not in the text in force on ${day}: ${r.presence.map(describe).join('; ')}`, {
      eId,
      at: day,
      existsFrom: r.presence[0]?.from ?? null,
      presence: r.presence,
    });
  }
  const here = r.presence.find((p) => (p.from === null || p.from <= day) && (p.to === null || day < p.to)) ?? null;
  return {
    documentId: work.id,
    documentNumber: work.number,
    path: r.path.map((u) => ({ eId: u.eId, kind: u.kind, num: u.num, heading: u.heading })),
    unit: asUnit(r.unit),
    at: day,
    consolidated: r.unit,
    inserted: {
      effectId: here?.origin?.effectId ?? null,
      operation: here?.origin?.operation ?? null,
      sourceWorkId: here?.origin?.sourceWorkId ?? null,
      sourceNumber: here?.origin?.sourceNumber ?? null,
      sourceEId: here?.origin?.sourceEId ?? null,
      from: here?.from ?? null,
      to: here?.to ?? null,
      note: here?.origin?.note ?? null,
    },
    codified,
  };
}

function describe(p: UnitPresence): string {
  const by = p.origin ? ` (${p.origin.note})` : '';
  return p.to ? `it exists from ${p.from ?? 'the start'} until ${p.to}${by}` : `it exists from ${p.from ?? 'the start'}${by}`;
}

/** A consolidated unit in the shape of a stored one (citation from its eId; no footnotes of its own). */
function asUnit(u: ConsolidatedUnit): {
  kind: ConsolidatedUnit['kind'];
  num: string;
  eId: string;
  heading: string | null;
  text: string;
  citation: string;
  notes: { marker: string; text: string }[];
  children: ReturnType<typeof asUnit>[];
} {
  return {
    kind: u.kind,
    num: u.num,
    eId: u.eId,
    heading: u.heading,
    text: u.text,
    citation: citationFromEId(u.eId),
    notes: [],
    children: u.children.map(asUnit),
  };
}

function isDescendant(row: StoredUnit, ancestor: string, byEId: Map<string, StoredUnit>): boolean {
  for (let p = row.parent; p; p = byEId.get(p)?.parent ?? null) if (p === ancestor) return true;
  return false;
}
