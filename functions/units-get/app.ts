import { notFound } from '../../domain/errors';
import { resolveWork } from '../../domain/services/documents';
import { buildTree, type StoredUnit } from '../../domain/units';
import { UnitParams } from '../../schemas/documents';
import { httpHandler, json, type AppContext } from '../_shared/http';

export const create = (ctx: AppContext) =>
  httpHandler(ctx, { fn: 'units-get', params: UnitParams }, async ({ params, ports }) => {
    const work = await resolveWork(ports.works, params.id);
    const rows = work.unitSet ? await ports.units.listUnits(work.unitSet) : [];
    const byEId = new Map(rows.map((r) => [r.eId, r]));
    const target = byEId.get(params.eId);
    if (!target) throw notFound(`Unit ${params.eId} of ${work.id}`, { id: work.id, eId: params.eId });
    const path: StoredUnit[] = [];
    for (let u: StoredUnit | undefined = target; u; u = u.parent ? byEId.get(u.parent) : undefined) path.unshift(u);
    const subtree = rows.filter((r) => r.eId === target.eId || isDescendant(r, target.eId, byEId));
    const [unit] = buildTree(subtree.map((r) => (r.eId === target.eId ? { ...r, parent: null } : r)));
    return json({
      documentId: work.id,
      documentNumber: work.number,
      path: path.map((u) => ({ eId: u.eId, kind: u.kind, num: u.num, heading: u.heading })),
      unit,
    });
  });

function isDescendant(row: StoredUnit, ancestor: string, byEId: Map<string, StoredUnit>): boolean {
  for (let p = row.parent; p; p = byEId.get(p)?.parent ?? null) if (p === ancestor) return true;
  return false;
}
