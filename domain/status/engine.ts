/**
 * The status of a work (and of one of its units) at a date: a pure function of the work's dates and the relations
 * that point at it (ARCHITECTURE.md §2–3). Total: any input and any date give a status with its reasons.
 * README.md in this folder records the rules and why amendments count as partial expiry.
 */
import { dayBefore } from '../dates';
import { DOCUMENT_TYPE_LABELS } from '../document-types';
import { numOfEId } from '../eid';
import type { DocumentType } from '../model';
import { findReferences } from '../parse/references';
import { RELATIONS, type Relation, type RelationSource, relationTypesWhere } from '../relations/types';
import { referenceKey } from '../refs';
import { citationFromEId } from '../units';
import type { Commencement } from './commencement';

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
    | 'unit_not_named'
    | 'consolidated_text';
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
  /** An amendment known from an official list whose text is not in the database: where the database read it. */
  pending?: { via: string };
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
  /** Its title: names a document without a number (a law cited by name and date). */
  title?: string | null;
}

/**
 * An amendment the database knows of (an official consolidated text lists it) but whose text it does not hold: the
 * work counts as amended from its date, the reason saying that the text is missing and where the database read it.
 */
export interface PendingAmendment {
  number: string;
  /** The amending document's effective date, as the list gives it. */
  effective: string | null;
  /** Where the database read it: the VBHN or the official list that names it, or the relation itself. */
  via: { workId: string; number: string | null };
  /** Known from a relation (entered by a reviewer) whose source is not in the database: that relation is the reason. */
  relation?: boolean;
  /** The unit of this work it amends, when known. */
  eId?: string;
}

export interface StatusInput {
  work: StatusWork;
  /** Relations whose target is this work (repealed, replaced, amended, suspended, announced by others). */
  incoming: Relation[];
  /** The works this one details or guides, with their own inputs: their expiry raises a flag here. */
  parents?: StatusInput[];
  /** A consolidated text (VBHN) has no validity of its own: it takes that of the work it consolidates. */
  base?: StatusInput;
  /** Amendments known from official lists whose text is not in the database. */
  pending?: PendingAmendment[];
  /** The unit that contains each unit (its parent's eId, null at the top): a unit inside a repealed chapter ends with it. */
  containers?: ReadonlyMap<string, string | null>;
  /** Units of the original text that the amended text no longer holds, from when and by which effect (TextEnd). */
  textEnds?: TextEnd[];
  /** Provisions that take effect on their own dates, earlier or later than the work (commencement.ts). */
  commencements?: Commencement[];
}

/**
 * A unit of the original text that leaves the consolidated text (domain/consolidate/validity.ts textEnds): repealed
 * by an instruction, or gone when the unit containing it was given new wording without it ("khoản 2 Điều 3 được sửa
 * đổi như sau" with fewer points). It ends then, as a repeal would end it.
 */
export interface TextEnd {
  eId: string;
  date: string;
  repealed: boolean;
  /** The unit the instruction named (the unit itself, or the one containing it that was reworded). */
  by: string;
  source: { workId: string; number: string | null; eId: string };
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

/** A relation with the same change recorded again, folded into it by `uniqueRelations`. */
type Folded = Relation & {
  /** Other units of the same source giving the same instruction on the same unit. */
  alsoAt?: string[];
  /** Official lists (announcements) that record this same change: named in its reason, not as reasons of their own. */
  confirmedBy?: RelationSource[];
};

/**
 * The citation of a unit a relation names: `citationFromEId`, and a form (mẫu) inside an appendix, which is not a
 * unit the parser builds (`app_I__form_02` → "Phụ lục I, Mẫu số 02"; domain/relations/citations.ts).
 */
function unitCitation(eId: string): string {
  const form = /(?:^|__)form_([A-Za-z0-9]+)$/.exec(eId);
  if (!form) return citationFromEId(eId);
  const own = `Mẫu số ${numOfEId(form[1] as string)}`;
  return form.index > 0 ? `${citationFromEId(eId.slice(0, form.index))}, ${own}` : own;
}

/**
 * How a person names a document: its number; else its type, title (or issuer) and date of issue ("Luật Sửa đổi, bổ
 * sung một số Điều của Luật Thuế thu nhập cá nhân ban hành ngày 2012-11-22"); never its internal id.
 */
export function documentName(w: {
  number?: string | null;
  type?: DocumentType | null;
  title?: string | null;
  issuers?: string[];
  issued?: string | null;
}): string {
  if (w.number) return w.number;
  const label = w.type && w.type !== 'unknown' ? DOCUMENT_TYPE_LABELS[w.type] : null;
  const title = w.title?.trim();
  const issuer = w.issuers?.[0];
  const named = title
    ? label && !title.toLowerCase().startsWith(label.toLowerCase())
      ? `${label} ${title}`
      : title
    : `${label ?? 'Văn bản'}${issuer ? ` của ${issuer}` : ''} chưa có số, ký hiệu`;
  return w.issued ? `${named} ban hành ngày ${w.issued}` : named;
}

const nameOfSource = (s: RelationSource) => s.number ?? s.name ?? 'văn bản chưa có số, ký hiệu';

function reasonOf(r: Folded): Reason {
  const v = VERBS[r.type] ?? { code: 'amended' as const, verb: r.type };
  const citation = r.target.eId ? unitCitation(r.target.eId) : undefined;
  const sourceCitation = r.source.eId ? unitCitation(r.source.eId) : undefined;
  const by = nameOfSource(r.source);
  const at = [sourceCitation, ...(r.alsoAt ?? []).map(unitCitation)].filter((c) => !!c);
  const where = at.length > 0 ? ` (${at.join('; ')})` : '';
  const what = citation ? `${citation}: ` : r.partial ? 'Một phần: ' : '';
  const until = holds(r) && r.effectiveTo ? ` đến ngày ${r.effectiveTo}` : '';
  // An announcement's note (what it says ended, and why) is part of its reason.
  const note = meaning(r).endsUnitIfNoted && r.note ? ` — ${r.note}` : '';
  const confirmed = (r.confirmedBy ?? []).map((s) => `; được công bố tại ${nameOfSource(s)}${s.eId ? ` (${unitCitation(s.eId)})` : ''}`).join('');
  return {
    code: v.code,
    message: `${what}${v.verb} bởi ${by}${where}, từ ngày ${r.effectiveFrom ?? '(chưa rõ)'}${until}${note}${confirmed}`,
    workId: r.source.workId,
    number: r.source.number,
    ...(r.target.eId ? { eId: r.target.eId, citation } : {}),
    ...(r.source.eId ? { sourceEId: r.source.eId, sourceCitation } : {}),
    date: r.effectiveFrom,
  };
}

/**
 * The relations that point at a work, each change once, so that its reasons name each (source document, unit, type,
 * date) once: the same instruction read twice from one source is kept once (its other units of the source named in
 * the reason), and an official list's announcement about a unit that the document its note names changed on the same
 * date is folded into that document's relation ("...; được công bố tại 169/QĐ-BLĐTBXH") — unless the announcement
 * says more (it ends a unit that relation does not end), when both are kept. A list row whose every unit was folded
 * stays once, as the list's announcement that the work is partly expired (no unit: not one reason per unit again).
 */
export function uniqueRelations(rels: Relation[]): Relation[] {
  const out: Folded[] = [];
  const byKey = new Map<string, Folded>();
  for (const r of rels) {
    if (!r?.source || !r.target) continue;
    const target = r.target.workId ?? (r.target.number ? referenceKey(r.target.number) : '');
    const key = [r.source.workId, r.type, target, r.target.eId ?? '', r.partial ? 'part' : '', r.effectiveFrom ?? '', r.effectiveTo ?? ''].join('|');
    const first = byKey.get(key);
    if (!first) {
      const copy: Folded = { ...r };
      byKey.set(key, copy);
      out.push(copy);
    } else if (r.source.eId && r.source.eId !== first.source.eId && !first.alsoAt?.includes(r.source.eId))
      first.alsoAt = [...(first.alsoAt ?? []), r.source.eId];
  }
  // The announcement `a` of a unit says no more than `r` does: same unit and date, and it ends the unit only if `r` does.
  const says = (a: Relation, r: Relation) =>
    a.target.eId === r.target.eId &&
    (a.target.workId ?? a.target.number) === (r.target.workId ?? r.target.number) &&
    !!a.effectiveFrom &&
    a.effectiveFrom === r.effectiveFrom &&
    (!NOTED_END_RE.test(a.note ?? '') || meaning(r).endsUnit === true);
  // One row of a list: its announcements of units, and whether each was folded into the change it names.
  const rows = new Map<string, { first: Folded; all: number; folded: number }>();
  const kept = out.filter((a) => {
    if (a.type !== 'announces' || !a.note || !a.target.eId) return true;
    const named = new Set(findReferences(a.note).flatMap((ref) => (ref.number ? [referenceKey(ref.number)] : [])));
    const host = out.find((r) => r.type !== 'announces' && !!r.source.number && named.has(referenceKey(r.source.number)) && says(a, r));
    const rowKey = [a.source.workId, a.source.eId ?? '', a.evidence?.line ?? '', a.effectiveFrom ?? '', a.note].join('|');
    const row = rows.get(rowKey) ?? { first: a, all: 0, folded: 0 };
    rows.set(rowKey, row);
    row.all++;
    if (!host) return true;
    if (!host.confirmedBy?.some((c) => c.workId === a.source.workId && c.eId === a.source.eId)) host.confirmedBy = [...(host.confirmedBy ?? []), a.source];
    row.folded++;
    return false;
  });
  // A row whose every unit was folded stays once, as the list's announcement that the work is partly expired.
  for (const { first, all, folded } of rows.values())
    if (folded === all) {
      const { eId: _unit, ...target } = first.target;
      kept.push({ ...first, target, partial: true });
    }
  return kept;
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

/**
 * Answers already computed for an input (inputs are built once and not changed after): the change dates, the since,
 * the timeline and the units of one answer ask the same dates many times. Weak: gone with the input.
 */
const answered = new WeakMap<StatusInput, Map<string, StatusResult>>();

function statusAtDepth(input: StatusInput, at: string, depth: number): StatusResult {
  if (!input || typeof input !== 'object') return computeStatusAt(input, at, depth);
  let memo = answered.get(input);
  if (!memo) {
    memo = new Map();
    answered.set(input, memo);
  }
  const key = `${depth}|${at}`;
  let r = memo.get(key);
  if (!r) {
    r = computeStatusAt(input, at, depth);
    memo.set(key, r);
  }
  // Each caller gets its own lists: a caller may sort or extend them.
  return { ...r, reasons: [...r.reasons], flags: [...r.flags] };
}

function computeStatusAt(input: StatusInput, at: string, depth: number): StatusResult {
  if (!input?.work) return result('unknown', [{ code: 'no_effective_date', message: 'Không có thông tin văn bản', date: null }], []);
  if (!validDate(at)) return result('unknown', [{ code: 'invalid_date', message: `Ngày tra cứu không hợp lệ: ${String(at)}`, date: null }], []);
  if (input.base?.work) return ofBase(input, input.base, at, depth);
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
              : `Chưa xác định ngày có hiệu lực của ${w.number ?? w.title ?? w.id}${w.issued ? ` (ban hành ngày ${w.issued})` : ''}`,
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
  const pending = (input.pending ?? []).filter((p) => !p.relation && validDate(p.effective) && p.effective <= at).map((p) => pendingReason(p));
  if (partial.length > 0 || unitSuspended.length > 0 || pending.length > 0)
    return result('partially_expired', [...[...partial, ...unitSuspended].map(reasonOf), ...pending].sort(byDate), flags);

  return result('in_force', [{ code: 'in_force_since', message: `Có hiệu lực từ ngày ${w.effective}`, date: w.effective }], flags);
}

/** A known amendment whose text the database lacks, as a reason (partial expiry, README.md). */
function pendingReason(p: PendingAmendment): Reason {
  const via = p.via.number ?? p.via.workId;
  return {
    code: 'amended',
    message: `Được sửa đổi, bổ sung bởi ${p.number}, từ ngày ${p.effective ?? '(chưa rõ)'}; văn bản này chưa có trong Cơ sở dữ liệu (theo ${via})`,
    workId: null,
    number: p.number,
    date: p.effective,
    pending: { via },
  };
}

/** Why a unit the amended text no longer holds ended: its repeal, or the new wording of the unit containing it. */
function textEndReason(t: TextEnd): Reason {
  const citation = citationFromEId(t.eId);
  const sourceCitation = citationFromEId(t.source.eId);
  const by = t.source.number ?? t.source.workId;
  const message = t.repealed
    ? `${citation}: Bị bãi bỏ bởi ${by} (${sourceCitation}), từ ngày ${t.date}`
    : `${citation}: Không còn trong văn bản từ ngày ${t.date}: ${citationFromEId(t.by)} được sửa đổi bởi ${by} (${sourceCitation}) không còn quy định này`;
  return {
    code: t.repealed ? 'repealed' : 'replaced',
    message,
    workId: t.source.workId,
    number: t.source.number,
    eId: t.eId,
    citation,
    sourceEId: t.source.eId,
    sourceCitation,
    date: t.date,
  };
}

/** A consolidated text's status is its base's (a VBHN has no validity of its own), the last reason saying so. */
function ofBase(input: StatusInput, base: StatusInput, at: string, depth: number): StatusResult {
  const s = statusAtDepth(base, at, depth);
  const name = base.work.number ?? base.work.id;
  return result(
    s.status,
    [
      ...s.reasons,
      {
        code: 'consolidated_text',
        message: `${input.work.number ?? 'Văn bản hợp nhất'} là văn bản hợp nhất: hiệu lực theo văn bản được hợp nhất ${name}`,
        workId: base.work.id,
        number: base.work.number,
        date: null,
      },
    ],
    s.flags,
  );
}

/** The status of a work at an ISO date, with the reasons (document, unit, date) and flags for reviewers. */
export function statusAt(input: StatusInput, at: string): StatusResult {
  return statusAtDepth(input, at, 0);
}

/**
 * True when `eId` is the unit `of` or inside it: by its eId (`art_5__para_2` is inside `art_5`), or by the work's
 * containers when given (Điều 104 is inside `chp_III__sec_3`, though its eId does not say so).
 */
function within(eId: string, of: string, containers?: ReadonlyMap<string, string | null>): boolean {
  if (eId === of || eId.startsWith(`${of}__`)) return true;
  if (!containers) return false;
  let up = containers.get(eId) ?? null;
  for (let guard = 0; up && guard < 64; guard++) {
    if (up === of || up.startsWith(`${of}__`)) return true;
    up = containers.get(up) ?? null;
  }
  return false;
}

/**
 * The status of one unit (article, clause, point, appendix) at a date. The work's own status comes first (a unit of
 * a repealed law is expired); then relations naming the unit or a unit that contains it. A unit whose text was
 * amended or replaced stays in force in its new wording (the reason says from when); a repealed unit is expired; a
 * unit with a repealed part is partially expired.
 */
export function unitStatusAt(input: StatusInput, eId: string, at: string): StatusResult {
  const whole = statusAt(input, at);
  // A provision with its own date of effect (commencement.ts): the nearest one above or at the unit.
  const start = ownStart(input, eId);
  const started = (s: Commencement) => commencementReason(eId, s);
  if (whole.status === 'not_yet_in_force' && start && start.date <= at) return result('in_force', [started(start)], whole.flags);
  if (whole.status !== 'in_force' && whole.status !== 'partially_expired') return whole;
  if (start && start.date > at) return result('not_yet_in_force', [started(start)], whole.flags);
  const rels = relevant(input).filter((r) => validDate(r.effectiveFrom) && (r.effectiveFrom as string) <= at && r.target.eId);
  const own = rels.filter((r) => within(eId, r.target.eId as string, input.containers));
  const inside = rels.filter((r) => r.target.eId !== eId && within(r.target.eId as string, eId, input.containers));
  const citation = citationFromEId(eId);
  const suspended = own.filter((r) => holds(r) && (!r.effectiveTo || at < r.effectiveTo));
  if (suspended.length > 0) return result('suspended', suspended.map(reasonOf), whole.flags);
  const ended = own.filter((r) => meaning(r).endsUnit || (meaning(r).endsUnitIfNoted && NOTED_END_RE.test(r.note ?? '')));
  if (ended.length > 0) return result('expired', ended.map(reasonOf).sort(byDate), whole.flags);
  const gone = (input.textEnds ?? []).filter((t) => t.date <= at && within(eId, t.eId, input.containers));
  if (gone.length > 0) return result('expired', gone.map(textEndReason).sort(byDate), whole.flags);
  const endedInside = inside.filter((r) => meaning(r).endsPart);
  const changed = own.filter((r) => meaning(r).rewords);
  if (endedInside.length > 0) return result('partially_expired', [...endedInside, ...changed].map(reasonOf).sort(byDate), whole.flags);
  const w = input.work;
  return result(
    'in_force',
    [
      start ? started(start) : { code: 'in_force_since', message: `${citation}: có hiệu lực từ ngày ${w.effective}`, eId, citation, date: w.effective },
      ...[...changed, ...inside.filter((r) => meaning(r).rewordsPart)].map(reasonOf).sort(byDate),
    ],
    whole.flags,
  );
}

/** Why a unit takes effect on a date of its own: the provision (`start`, of it or of a unit containing it) that says so. */
function commencementReason(eId: string, start: Commencement): Reason {
  return {
    code: 'effective_from',
    message: `${citationFromEId(eId)}: có hiệu lực từ ngày ${start.date} (${citationFromEId(start.sourceEId)})`,
    eId,
    citation: citationFromEId(eId),
    sourceEId: start.sourceEId,
    sourceCitation: citationFromEId(start.sourceEId),
    date: start.date,
  };
}

/** The provision's own date of effect: the commencement of the unit or of the nearest unit containing it. */
function ownStart(input: StatusInput, eId: string): Commencement | null {
  let best: Commencement | null = null;
  for (const c of input.commencements ?? []) if (within(eId, c.eId, input.containers) && (!best || within(c.eId, best.eId, input.containers))) best = c;
  return best;
}

/** When each unit's validity began: its own date of effect when it has one (commencement.ts), else the work's. */
export function unitStartsOfValidity(input: StatusInput, eIds: Iterable<string>, workStart: string | null): Map<string, string | null> {
  const out = new Map<string, string | null>();
  for (const eId of eIds) out.set(eId, ownStart(input, eId)?.date ?? workStart);
  return out;
}

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

/** The date a work's validity began: its effective date, or for a consolidated text its base's (the "in force on" filter reads it). */
export function startOfValidity(input: StatusInput): string | null {
  if (input.base?.work) return startOfValidity(input.base);
  return validDate(input.work.effective) ? input.work.effective : null;
}

/**
 * The date from which the status at `at` holds: the last day on or before `at` on which the status changed (the
 * legal date an event about it carries, not the day it was noticed); null when it never changed before `at`.
 */
export function statusSince(input: StatusInput, at: string, changes: string[] = statusChangeDates(input)): string | null {
  const now = statusAt(input, at).status;
  let since: string | null = null;
  for (const d of changes) {
    if (d > at) break;
    if (statusAt(input, d).status === now && statusAt(input, dayBefore(d)).status !== now) since = d;
  }
  return since;
}

/** The dates on which a unit-level relation (or a known amendment) acts on the work, with the units they name. */
export function unitChangeDates(input: StatusInput): { date: string; eId: string | null; reason: Reason }[] {
  const rels = relevant(input).filter((r) => validDate(r.effectiveFrom) && r.target.eId);
  const out: { date: string; eId: string | null; reason: Reason }[] = rels.map((r) => ({
    date: r.effectiveFrom as string,
    eId: r.target.eId as string,
    reason: reasonOf(r),
  }));
  for (const p of input.pending ?? []) if (!p.relation && validDate(p.effective)) out.push({ date: p.effective, eId: null, reason: pendingReason(p) });
  for (const c of input.commencements ?? []) if (validDate(c.date)) out.push({ date: c.date, eId: c.eId, reason: commencementReason(c.eId, c) });
  return out.sort((a, b) => a.date.localeCompare(b.date));
}

/**
 * The end of each unit's validity as `unitStatusAt` reads it: a unit that a unit-level relation ends (or that is
 * inside one) ends then, unless the work ends first; every other unit ends with the work (`workEnd`).
 */
export function unitEndsOfValidity(input: StatusInput, eIds: Iterable<string>, workEnd: string | null): Map<string, string | null> {
  const ending = relevant(input).filter((r) => validDate(r.effectiveFrom) && r.target.eId && (meaning(r).endsUnit || meaning(r).endsUnitIfNoted));
  const out = new Map<string, string | null>();
  for (const eId of eIds) {
    const named = ending.filter((r) => within(eId, r.target.eId as string, input.containers)).map((r) => r.effectiveFrom as string);
    for (const t of input.textEnds ?? []) if (within(eId, t.eId, input.containers)) named.push(t.date);
    if (named.length === 0) {
      out.set(eId, workEnd);
      continue;
    }
    let end: string | null = null;
    for (const d of [...new Set(named)].sort()) {
      if (workEnd && d >= workEnd) break;
      if (unitStatusAt(input, eId, d).status === 'expired') {
        end = d;
        break;
      }
    }
    out.set(eId, end ?? workEnd);
  }
  return out;
}

/** The dates (ascending) on which the status or the flags of the work change: for the daily sweep. */
export function statusChangeDates(input: StatusInput): string[] {
  const candidates = new Set<string>();
  const collect = (i: StatusInput, depth: number) => {
    if (!i?.work) return;
    for (const d of [i.work.effective, i.work.expiry]) if (validDate(d)) candidates.add(d);
    for (const r of relevant(i)) for (const d of [r.effectiveFrom, r.effectiveTo]) if (validDate(d)) candidates.add(d);
    for (const p of i.pending ?? []) if (validDate(p.effective)) candidates.add(p.effective);
    if (i.base) collect(i.base, depth);
    if (depth < MAX_PARENT_DEPTH) for (const p of i.parents ?? []) collect(p, depth + 1);
  };
  collect(input, 0);
  const signature = (s: StatusResult) => `${s.status}|${s.flags.map((f) => `${f.code}:${f.workId ?? ''}`).join(',')}|${s.reasons.length}`;
  const changes = new Set([...candidates].filter((d) => signature(statusAt(input, d)) !== signature(statusAt(input, dayBefore(d)))));
  // A provision taking effect on its own date changes what is in force that day (the sweep refreshes its entries).
  for (const c of input.commencements ?? []) if (validDate(c.date)) changes.add(c.date);
  return [...changes].sort();
}
