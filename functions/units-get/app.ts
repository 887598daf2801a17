import { notFound } from '../../domain/errors';
import { resolveWork } from '../../domain/services/documents';
import { buildTree, type StoredUnit } from '../../domain/units';
import { consolidatedDocument } from '../../domain/services/consolidation';
import { articleNumOf } from '../../domain/services/search';
import { UnitParams, UnitQuery } from '../../schemas/documents';
import { isCalendarDate } from '../../domain/dates';
import { DomainError } from '../../domain/errors';
import type { ConsolidatedUnit } from '../../domain/consolidate/engine';
import { httpHandler, json, type AppContext } from '../_shared/http';

export const create = (ctx: AppContext) =>
  httpHandler(ctx, { fn: 'units-get', params: UnitParams, query: UnitQuery }, async ({ params, query, ports }) => {
    if (query.at && !isCalendarDate(query.at)) throw new DomainError('validation', `at: ${query.at} is not a calendar date`);
    const work = await resolveWork(ports.works, params.id);
    const rows = work.unitSet ? await ports.units.listUnits(work.unitSet) : [];
    const byEId = new Map(rows.map((r) => [r.eId, r]));
    const target = byEId.get(params.eId);
    if (!target) throw notFound(`Unit ${params.eId} of ${work.id}`, { id: work.id, eId: params.eId });
    const path: StoredUnit[] = [];
    for (let u: StoredUnit | undefined = target; u; u = u.parent ? byEId.get(u.parent) : undefined) path.unshift(u);
    const subtree = rows.filter((r) => r.eId === target.eId || isDescendant(r, target.eId, byEId));
    const [unit] = buildTree(subtree.map((r) => (r.eId === target.eId ? { ...r, parent: null } : r)));
    const articleNum = articleNumOf(params.eId);
    const codified = articleNum ? await ports.codification.findBySource(work.id, articleNum) : [];
    let consolidated: ConsolidatedUnit | null | undefined;
    if (query.at) {
      const c = await consolidatedDocument(ports, work.id, query.at);
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
      codified: codified.map((a) => ({ code: a.code, headingId: a.headingId, heading: a.title })),
    });
  });

function isDescendant(row: StoredUnit, ancestor: string, byEId: Map<string, StoredUnit>): boolean {
  for (let p = row.parent; p; p = byEId.get(p)?.parent ?? null) if (p === ancestor) return true;
  return false;
}
