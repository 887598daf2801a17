/** Point-in-time text of a document (hợp nhất): its units with the effects that target it applied up to a date. */
import { type ConsolidatedUnit, consolidate, diffAt, timeline, versionsOf } from '../consolidate/engine';
import type { Work } from '../model';
import type { Ports } from '../ports';
import { type PendingAmendment, type Reason, type StatusInput, statusAt, statusChangeDates, statusSince, unitChangeDates } from '../status/engine';
import { buildTree, citationFromEId } from '../units';
import { dayBefore } from '../dates';
import { markValidity } from '../consolidate/validity';
import type { PrintInput } from '../consolidate/print';
import type { RenderedUnit } from '../consolidate/render';
import { resolveWork } from './documents';
import { statusInputFor } from './status';

/**
 * A document's units, the effects on it and its validity input (domain/status: the same one `/status` reads); `ref`
 * is an id or number to resolve, or the work already read.
 */
async function baseOf(ports: Pick<Ports, 'works' | 'units' | 'links'>, ref: string | Work) {
  const work = typeof ref === 'string' ? await resolveWork(ports.works, ref) : ref;
  const rows = work.unitSet ? await ports.units.listUnits(work.unitSet) : [];
  const effects = (await ports.links.incoming(work.id)).effects.filter((e) => e.source.workId !== work.id);
  // The consolidation itself leaves out the units the amended text no longer holds: no need to find them twice.
  const input = await statusInputFor(ports, work, 0, rows, { textEnds: false });
  return { work, base: { workId: work.id, units: buildTree(rows), effective: work.effective }, effects, input };
}

/** The work's validity on `at`, as `/status` gives it: said once above a text, a timeline or a diff. */
export function validityAt(input: StatusInput, at: string) {
  const s = statusAt(input, at);
  return {
    status: s.status,
    label: s.label,
    since: statusSince(input, at),
    inForce: s.status === 'in_force' || s.status === 'partially_expired',
    reasons: s.reasons,
    flags: s.flags,
  };
}

/** The amendments known from official lists whose text is not in the database, each saying whether it acts on `at`. */
function pendingAt(input: StatusInput, at: string) {
  return (input.pending ?? []).map((p) => ({
    ...p,
    inEffect: !!p.effective && p.effective <= at,
    message: `${p.eId ? `${citationFromEId(p.eId)}: ` : ''}Được sửa đổi, bổ sung bởi ${p.number} từ ngày ${p.effective ?? '(chưa rõ)'}; văn bản này chưa có trong Cơ sở dữ liệu nên nội dung sửa đổi chưa được hợp nhất (${p.relation ? 'theo quan hệ do người rà soát nhập' : `theo ${p.via.number ?? p.via.workId}`})`,
  }));
}

/**
 * The document as in force on `at`: units (with VBHN-style notes on changed ones, and on units no longer in force),
 * the effects not applied, the document's validity on `at` and the known amendments whose text is missing. A
 * document that has ended answers with its last text and says why and since when (`validity`).
 */
export async function consolidatedDocument(ports: Pick<Ports, 'works' | 'units' | 'links'>, ref: string | Work, at: string) {
  const { work, base, effects, input } = await baseOf(ports, ref);
  const result = consolidate(base, effects, at);
  const byId = new Map(effects.map((e) => [e.id, e]));
  return {
    documentId: work.id,
    documentNumber: work.number,
    at,
    validity: validityAt(input, at),
    pending: pendingAt(input, at),
    units: markValidity(result.units, input, at),
    applied: result.applied,
    unapplied: result.unapplied.map((u) => {
      const e = byId.get(u.effectId);
      return { ...u, sourceWorkId: e?.source.workId ?? null, sourceNumber: e?.source.number ?? null, instruction: e?.source.text ?? null };
    }),
  };
}

/** What the Word and PDF writers print (domain/consolidate/print.ts) for a document consolidated at a date. */
export function printInputOf(work: Work, c: Awaited<ReturnType<typeof consolidatedDocument>>, at: string): PrintInput {
  return {
    title: work.title ?? c.documentNumber ?? c.documentId,
    units: c.units as unknown as RenderedUnit[],
    unapplied: c.unapplied,
    notice: c,
    at,
    number: work.number,
    issuer: work.issuers.join('\n'),
    signer: work.signer,
  };
}

export interface TimelineDate {
  date: string;
  /** The text effects that apply that day. */
  effects: { id: string; operation: string; target: string; sourceWorkId: string; sourceNumber: string | null }[];
  /** The work's validity from that day, when it changes (its status, and why). */
  status: { status: string; label: string; reasons: Reason[] } | null;
  /** Units whose validity a relation changes that day (ended, replaced, suspended, amended), with the ground. */
  units: { eId: string; citation: string; reason: Reason }[];
  /** Known amendments whose text is not in the database, taking effect that day. */
  pending: PendingAmendment[];
}

/**
 * Every date on which the document's text or its validity changes, and by what: its commencement, the effects that
 * change its text, the relations that end, hold or amend it or its units, and the known amendments whose text is
 * missing.
 */
export async function documentTimeline(ports: Pick<Ports, 'works' | 'units' | 'links'>, ref: string) {
  const { work, base, effects, input } = await baseOf(ports, ref);
  const days = new Map<string, TimelineDate>();
  const day = (date: string) => {
    let d = days.get(date);
    if (!d) {
      d = { date, effects: [], status: null, units: [], pending: [] };
      days.set(date, d);
    }
    return d;
  };
  for (const t of timeline(base, effects))
    day(t.date).effects.push(
      ...t.effects.map((e) => ({
        id: e.id,
        operation: e.operation,
        target: e.target.eId,
        sourceWorkId: e.source.workId,
        sourceNumber: e.source.number ?? null,
      })),
    );
  for (const date of statusChangeDates(input)) {
    const s = statusAt(input, date);
    if (s.status !== statusAt(input, dayBefore(date)).status) day(date).status = { status: s.status, label: s.label, reasons: s.reasons };
  }
  for (const u of unitChangeDates(input)) {
    if (u.eId) day(u.date).units.push({ eId: u.eId, citation: citationFromEId(u.eId), reason: u.reason });
  }
  for (const p of input.pending ?? []) if (p.effective) day(p.effective).pending.push(p);
  return {
    documentId: work.id,
    documentNumber: work.number,
    effective: work.effective,
    dates: [...days.values()].sort((a, b) => a.date.localeCompare(b.date)),
  };
}

/** Units whose text or validity differs between two dates, with a word diff; the validity at both ends. */
export async function documentDiff(ports: Pick<Ports, 'works' | 'units' | 'links'>, ref: string, from: string, to: string) {
  const { work, base, effects, input } = await baseOf(ports, ref);
  return {
    documentId: work.id,
    documentNumber: work.number,
    from,
    to,
    validity: { from: validityAt(input, from), to: validityAt(input, to) },
    changes: diffAt(base, effects, from, to, (units, at) => markValidity(units, input, at)),
  };
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
  const { work, base, effects, input } = await baseOf(ports, ref);
  const byId = new Map(effects.map((e) => [e.id, e]));
  const path = findWithPath(markValidity(consolidate(base, effects, at).units, input, at), eId);
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
