/**
 * The status of a work (and of one of its units) at a date: a pure function of the work's dates and the relations
 * that point at it (ARCHITECTURE.md §2–3). Total: any input and any date give a status with its reasons.
 * README.md in this folder records the rules and why amendments count as partial expiry.
 */
import type { DocumentType } from '../model';
import { RELATIONS, type Relation, relationTypesWhere } from '../relations/types';
import { referenceKey } from '../refs';
import { citationFromEId } from '../units';

export type StatusCode = 'not_yet_in_force' | 'in_force' | 'partially_expired' | 'expired' | 'suspended' | 'unknown';

export const STATUS_LABELS: Record<StatusCode, string> = {
  not_yet_in_force: 'Chưa có hiệu lực',
  in_force: 'Còn hiệu lực',
  partially_expired: 'Hết hiệu lực một phần',
  expired: 'Hết hiệu lực toàn bộ',
  suspended: 'Ngưng hiệu lực',
  unknown: 'Chưa xác định',
};

export interface Reason {
  code:
    | 'in_force_since'
    | 'effective_from'
    | 'no_effective_date'
    | 'invalid_date'
    | 'expiry_date'
    | 'repealed'
    | 'replaced'
    | 'annulled'
    | 'announced_expired'
    | 'amended'
    | 'suspended'
    | 'unit_not_named';
  /** Vietnamese sentence for people. */
  message: string;
  /** The document that causes it (the repealing law), when there is one. */
  workId?: string | null;
  number?: string | null;
  /** The unit of this work concerned, with its citation ("Điều 5, khoản 2"). */
  eId?: string;
  citation?: string;
  /** The unit of the causing document holding the instruction. */
  sourceEId?: string;
  sourceCitation?: string;
  date: string | null;
}

export interface Flag {
  code: 'parent_expired' | 'parent_unknown' | 'undated_relation' | 'conflict';
  message: string;
  workId?: string | null;
  number?: string | null;
  /** conflict: the unit concerned, and the contradicting relations. */
  eId?: string;
  relations?: { workId: string; number: string | null; type: string; date: string | null }[];
}

export interface StatusWork {
  id: string;
  number: string | null;
  type?: DocumentType | null;
  issued: string | null;
  effective: string | null;
  /** Known end of validity (a document with a fixed term), if any. */
  expiry?: string | null;
}

export interface StatusInput {
  work: StatusWork;
  /** Relations whose target is this work (repealed, replaced, amended, suspended, announced by others). */
  incoming: Relation[];
  /** The works this one details or guides, with their own inputs: their expiry raises a flag here. */
  parents?: StatusInput[];
}

export interface StatusResult {
  status: StatusCode;
  label: string;
  reasons: Reason[];
  flags: Flag[];
}

const ISO_RE = /^\d{4}-\d{2}-\d{2}$/;
/** What each relation type does to a status: one table (domain/relations/types.ts RELATIONS). */
const ENDING = relationTypesWhere('ends');
const CHANGING = [...ENDING, ...relationTypesWhere('changes')];
const meaning = (r: Relation) => RELATIONS[r.type] ?? { outgoing: r.type, incoming: r.type };
const holds = (r: Relation) => meaning(r).suspends === true;
/** An announcement's note says the unit ended. */
const NOTED_END_RE = /bãi bỏ|hết hiệu lực|hết thời hạn/iu;
const MAX_PARENT_DEPTH = 3;

function validDate(d: string | null | undefined): d is string {
  if (typeof d !== 'string' || !ISO_RE.test(d)) return false;
  const t = new Date(`${d}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === d;
}

function dayBefore(d: string): string {
  const t = new Date(`${d}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() - 1);
  return t.toISOString().slice(0, 10);
}

function result(status: StatusCode, reasons: Reason[], flags: Flag[]): StatusResult {
  return { status, label: STATUS_LABELS[status], reasons, flags };
}

/** The incoming relations that concern this work and can change its status. */
function relevant(input: StatusInput): Relation[] {
  const key = input.work.number ? referenceKey(input.work.number) : null;
  return (input.incoming ?? []).filter((r) => {
    if (!r || !CHANGING.includes(r.type) || !r.target) return false;
    if (r.target.workId && r.target.workId === input.work.id) return true;
    if (key && r.target.number && referenceKey(r.target.number) === key) return true;
    return !r.target.workId && !r.target.number;
  });
}

const isWhole = (r: Relation) => ENDING.includes(r.type) && !r.target.eId && !r.partial;

const VERBS: Record<string, { code: Reason['code']; verb: string }> = {
  repeals: { code: 'repealed', verb: 'Bị bãi bỏ' },
  replaces: { code: 'replaced', verb: 'Bị thay thế' },
  annuls: { code: 'annulled', verb: 'Bị đình chỉ' },
  announces: { code: 'announced_expired', verb: 'Được công bố hết hiệu lực' },
  amends: { code: 'amended', verb: 'Được sửa đổi, bổ sung' },
  suspends: { code: 'suspended', verb: 'Bị ngưng hiệu lực' },
};

function reasonOf(r: Relation): Reason {
  const v = VERBS[r.type] ?? { code: 'amended' as const, verb: r.type };
  const citation = r.target.eId ? citationFromEId(r.target.eId) : undefined;
  const sourceCitation = r.source.eId ? citationFromEId(r.source.eId) : undefined;
  const by = r.source.number ?? r.source.workId;
  const where = sourceCitation ? ` (${sourceCitation})` : '';
  const what = citation ? `${citation}: ` : r.partial ? 'Một phần: ' : '';
  const until = holds(r) && r.effectiveTo ? ` đến ngày ${r.effectiveTo}` : '';
  // An announcement's note (what it says ended, and why) is part of its reason.
  const note = meaning(r).endsUnitIfNoted && r.note ? ` — ${r.note}` : '';
  return {
    code: v.code,
    message: `${what}${v.verb} bởi ${by}${where}, từ ngày ${r.effectiveFrom ?? '(chưa rõ)'}${until}${note}`,
    workId: r.source.workId,
    number: r.source.number,
    ...(r.target.eId ? { eId: r.target.eId, citation } : {}),
    ...(r.source.eId ? { sourceEId: r.source.eId, sourceCitation } : {}),
    date: r.effectiveFrom,
  };
}

const byDate = (a: { date: string | null }, b: { date: string | null }) => (a.date ?? '').localeCompare(b.date ?? '');

function flagsAt(input: StatusInput, at: string, depth: number): Flag[] {
  const flags: Flag[] = [];
  for (const r of relevant(input))
    if (!validDate(r.effectiveFrom))
      flags.push({
        code: 'undated_relation',
        message: `${VERBS[r.type]?.verb ?? r.type} bởi ${r.source.number ?? r.source.workId} nhưng chưa rõ từ ngày nào: cần rà soát`,
        workId: r.source.workId,
        number: r.source.number,
      });
  flags.push(...conflictFlags(input));
  if (depth < MAX_PARENT_DEPTH)
    for (const p of input.parents ?? []) {
      if (!p?.work) continue;
      const s = statusAtDepth(p, at, depth + 1);
      const name = p.work.number ?? p.work.id;
      if (s.status === 'expired')
        flags.push({
          code: 'parent_expired',
          message: `Văn bản được quy định chi tiết/hướng dẫn ${name} đã hết hiệu lực: cần rà soát (Luật 80/2015/QH13, Điều 154 khoản 4)`,
          workId: p.work.id,
          number: p.work.number,
        });
      else if (s.status === 'unknown')
        flags.push({ code: 'parent_unknown', message: `Chưa xác định hiệu lực của văn bản được hướng dẫn ${name}`, workId: p.work.id, number: p.work.number });
    }
  return flags;
}

const CONFLICTING = relationTypesWhere('conflicts');

/**
 * Contradictory evidence: two documents ending the same document (or the same unit) at different dates. The engine
 * takes the earliest, and flags the contradiction for review rather than resolving it silently.
 */
function conflictFlags(input: StatusInput): Flag[] {
  const byTarget = new Map<string, Relation[]>();
  for (const r of relevant(input))
    if (CONFLICTING.includes(r.type) && validDate(r.effectiveFrom)) {
      const key = r.target.eId ?? '';
      byTarget.set(key, [...(byTarget.get(key) ?? []), r]);
    }
  const flags: Flag[] = [];
  for (const [eId, rs] of byTarget) {
    const sources = new Set(rs.map((r) => r.source.workId));
    const dates = [...new Set(rs.map((r) => r.effectiveFrom as string))].sort();
    if (sources.size < 2 || dates.length < 2) continue;
    const what = eId ? citationFromEId(eId) : (input.work.number ?? input.work.id);
    const claims = rs
      .slice()
      .sort((a, b) => (a.effectiveFrom ?? '').localeCompare(b.effectiveFrom ?? ''))
      .map((r) => `${r.source.number ?? r.source.workId} (${VERBS[r.type]?.verb.toLowerCase() ?? r.type} từ ngày ${r.effectiveFrom})`);
    flags.push({
      code: 'conflict',
      message: `Mâu thuẫn: ${what} — ${claims.join('; ')}. Áp dụng ngày sớm nhất; cần rà soát`,
      ...(eId ? { eId } : {}),
      relations: rs.map((r) => ({ workId: r.source.workId, number: r.source.number, type: r.type, date: r.effectiveFrom })),
    });
  }
  return flags;
}

function statusAtDepth(input: StatusInput, at: string, depth: number): StatusResult {
  if (!input?.work) return result('unknown', [{ code: 'no_effective_date', message: 'Không có thông tin văn bản', date: null }], []);
  if (!validDate(at)) return result('unknown', [{ code: 'invalid_date', message: `Ngày tra cứu không hợp lệ: ${String(at)}`, date: null }], []);
  const w = input.work;
  const rels = relevant(input).filter((r) => validDate(r.effectiveFrom));
  const flags = flagsAt(input, at, depth);

  const ended: Reason[] = rels.filter((r) => isWhole(r) && (r.effectiveFrom as string) <= at).map(reasonOf);
  if (validDate(w.expiry) && w.expiry <= at) ended.push({ code: 'expiry_date', message: `Hết thời hạn có hiệu lực từ ngày ${w.expiry}`, date: w.expiry });
  if (ended.length > 0) return result('expired', ended.sort(byDate), flags);

  if (!validDate(w.effective))
    return result(
      'unknown',
      [
        {
          code: 'no_effective_date',
          message:
            w.type === 'van_ban_hop_nhat'
              ? 'Văn bản hợp nhất không có ngày có hiệu lực riêng: hiệu lực theo các văn bản được hợp nhất'
              : `Chưa xác định ngày có hiệu lực của ${w.number ?? w.id}${w.issued ? ` (ban hành ngày ${w.issued})` : ''}`,
          date: null,
        },
      ],
      flags,
    );
  if (at < w.effective)
    return result('not_yet_in_force', [{ code: 'effective_from', message: `Có hiệu lực từ ngày ${w.effective}`, date: w.effective }], flags);

  const suspended = rels.filter((r) => holds(r) && !r.target.eId && (r.effectiveFrom as string) <= at && (!r.effectiveTo || at < r.effectiveTo));
  if (suspended.length > 0) return result('suspended', suspended.map(reasonOf), flags);

  const partial = rels.filter((r) => !isWhole(r) && !holds(r) && (r.effectiveFrom as string) <= at);
  const unitSuspended = rels.filter((r) => holds(r) && r.target.eId && (r.effectiveFrom as string) <= at && (!r.effectiveTo || at < r.effectiveTo));
  if (partial.length > 0 || unitSuspended.length > 0) return result('partially_expired', [...partial, ...unitSuspended].map(reasonOf).sort(byDate), flags);

  return result('in_force', [{ code: 'in_force_since', message: `Có hiệu lực từ ngày ${w.effective}`, date: w.effective }], flags);
}

/** The status of a work at an ISO date, with the reasons (document, unit, date) and flags for reviewers. */
export function statusAt(input: StatusInput, at: string): StatusResult {
  return statusAtDepth(input, at, 0);
}

/** True when `eId` is the unit `of` or inside it (`art_5__para_2` is inside `art_5`). */
function within(eId: string, of: string): boolean {
  return eId === of || eId.startsWith(`${of}__`);
}

/**
 * The status of one unit (article, clause, point, appendix) at a date. The work's own status comes first (a unit of
 * a repealed law is expired); then relations naming the unit or a unit that contains it. A unit whose text was
 * amended or replaced stays in force in its new wording (the reason says from when); a repealed unit is expired; a
 * unit with a repealed part is partially expired.
 */
export function unitStatusAt(input: StatusInput, eId: string, at: string): StatusResult {
  const whole = statusAt(input, at);
  if (whole.status !== 'in_force' && whole.status !== 'partially_expired') return whole;
  const rels = relevant(input).filter((r) => validDate(r.effectiveFrom) && (r.effectiveFrom as string) <= at && r.target.eId);
  const own = rels.filter((r) => within(eId, r.target.eId as string));
  const inside = rels.filter((r) => r.target.eId !== eId && within(r.target.eId as string, eId));
  const citation = citationFromEId(eId);
  const suspended = own.filter((r) => holds(r) && (!r.effectiveTo || at < r.effectiveTo));
  if (suspended.length > 0) return result('suspended', suspended.map(reasonOf), whole.flags);
  const ended = own.filter((r) => meaning(r).endsUnit || (meaning(r).endsUnitIfNoted && NOTED_END_RE.test(r.note ?? '')));
  if (ended.length > 0) return result('expired', ended.map(reasonOf).sort(byDate), whole.flags);
  const endedInside = inside.filter((r) => meaning(r).endsPart);
  const changed = own.filter((r) => meaning(r).rewords);
  if (endedInside.length > 0) return result('partially_expired', [...endedInside, ...changed].map(reasonOf).sort(byDate), whole.flags);
  const w = input.work;
  return result(
    'in_force',
    [
      { code: 'in_force_since', message: `${citation}: có hiệu lực từ ngày ${w.effective}`, eId, citation, date: w.effective },
      ...[...changed, ...inside.filter((r) => meaning(r).rewordsPart)].map(reasonOf).sort(byDate),
    ],
    whole.flags,
  );
}

/** The dates (ascending) on which the status or the flags of the work change: for the daily sweep. */
/**
 * The date a work's validity ended, as the relations say (repeal, replacement, annulment, an official list, the
 * end of a time-limited document): the first day of the expiry that lasts to the last known change; null while it is
 * in force (or may be again).
 */
export function endOfValidity(input: StatusInput): string | null {
  const dates = statusChangeDates(input);
  let end: string | null = null;
  for (const d of dates) {
    const expired = statusAt(input, d).status === 'expired';
    if (expired && end === null) end = d;
    else if (!expired) end = null;
  }
  return end;
}

export function statusChangeDates(input: StatusInput): string[] {
  const candidates = new Set<string>();
  const collect = (i: StatusInput, depth: number) => {
    if (!i?.work) return;
    for (const d of [i.work.effective, i.work.expiry]) if (validDate(d)) candidates.add(d);
    for (const r of relevant(i)) for (const d of [r.effectiveFrom, r.effectiveTo]) if (validDate(d)) candidates.add(d);
    if (depth < MAX_PARENT_DEPTH) for (const p of i.parents ?? []) collect(p, depth + 1);
  };
  collect(input, 0);
  const signature = (s: StatusResult) => `${s.status}|${s.flags.map((f) => `${f.code}:${f.workId ?? ''}`).join(',')}|${s.reasons.length}`;
  return [...candidates].sort().filter((d) => signature(statusAt(input, d)) !== signature(statusAt(input, dayBefore(d))));
}
