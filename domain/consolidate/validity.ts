/**
 * The validity of a consolidated text's units, from the status engine (domain/status): a unit that a relation ended
 * (repealed, replaced whole, annulled, "hết hiệu lực" wording, an official list) or holds (suspended) on `at` is shown
 * as such in the VBHN manner — its text a stub, a note naming the document, its unit and the date — never as live
 * text. Pure: the tree in, a new tree out.
 */
import { DOCUMENT_TYPE_LABELS, typeFromSymbol } from '../document-types';
import { dayBefore } from '../dates';
import {
  type Reason,
  STATUS_LABELS,
  type StatusCode,
  type StatusInput,
  statusAt,
  statusChangeDates,
  statusSince,
  type TextEnd,
  unitStatusAt,
} from '../status/engine';
import { citationFromEId } from '../units';
import type { Effect } from '../effects/types';
import { type BaseText, type ConsolidatedUnit, consolidate, REPEALED_TEXT, versionsOf } from './engine';
import { citeInnermostFirst, vietnameseDate } from './notes';

export const ENDED_TEXT = '(hết hiệu lực)';
const IN_FORCE = new Set<StatusCode>(['in_force', 'partially_expired']);

/** Why a unit is not in force on the date asked: the status engine's answer for it, and since when. */
export interface UnitValidity {
  status: StatusCode;
  label: string;
  since: string | null;
  reasons: Reason[];
  /** The VBHN-style note: "Điều 104 được bãi bỏ theo quy định tại khoản 2 Điều 92 của Luật số 84/2015/QH13, …". */
  note: string;
  /** The unit's last text (with what it contained), as it stood before it ended. */
  lastText?: string;
}

export interface MarkedUnit extends ConsolidatedUnit {
  children: MarkedUnit[];
  /** Set when the unit is not in force on the date asked. */
  validity?: UnitValidity;
}

const VERB: Partial<Record<Reason['code'], string>> = {
  repealed: 'được bãi bỏ',
  replaced: 'được thay thế',
  annulled: 'bị đình chỉ',
  announced_expired: 'được công bố hết hiệu lực',
  suspended: 'bị ngưng hiệu lực',
  expiry_date: 'hết hiệu lực',
};

/** "Luật số 84/2015/QH13", or "văn bản số …" when the number does not say the type. */
export function numberedName(number: string | null | undefined, fallback = 'văn bản'): string {
  if (!number) return fallback;
  const type = typeFromSymbol(number);
  return `${type ? DOCUMENT_TYPE_LABELS[type] : 'văn bản'} số ${number}`;
}

/** The note for a unit ended or held by a reason, in the manner of an official consolidated text. */
export function validityNote(eId: string, r: Reason): string {
  if (r.code === 'effective_from' && r.date)
    return `${citeInnermostFirst(eId)} có hiệu lực kể từ ngày ${vietnameseDate(r.date)}${r.sourceEId ? ` theo quy định tại ${citeInnermostFirst(r.sourceEId)}` : ''}`;
  const verb = VERB[r.code] ?? 'hết hiệu lực';
  const where = r.sourceEId ? `${citeInnermostFirst(r.sourceEId)} của ` : '';
  const date = r.date ? `, kể từ ngày ${vietnameseDate(r.date)}` : '';
  return `${citeInnermostFirst(eId)} ${verb} theo quy định tại ${where}${numberedName(r.number)}${date}`;
}

function flatText(u: ConsolidatedUnit): string {
  const lines: string[] = [];
  const walk = (x: ConsolidatedUnit) => {
    lines.push([x.heading, x.text].filter(Boolean).join(' '));
    for (const c of x.children) walk(c);
  };
  walk(u);
  return lines.filter(Boolean).join('\n');
}

/** The first day of the unit's current status (the last change on or before `at`), among the work's change dates. */
function unitSince(input: StatusInput, dates: string[], eId: string, at: string, status: StatusCode): string | null {
  let since: string | null = null;
  for (const d of dates) {
    if (d > at) break;
    if (unitStatusAt(input, eId, d).status === status) {
      if (since === null) since = d;
    } else since = null;
  }
  return since;
}

/**
 * The consolidated units with the validity of each on `at`: a unit not in force (expired, suspended) gets
 * `validity`; an expired one keeps its last text there, its own text becoming the stub and its children going (as
 * a repealed unit's do). The work's own status (the whole document ended) is not marked here: the caller says it
 * once, above the text.
 */
export function markValidity(units: ConsolidatedUnit[], input: StatusInput, asked: string): MarkedUnit[] {
  // A work that ended shows its last text: its units as they stood the day before it ended. A work not yet in force
  // shows its text as promulgated, a provision that took effect before it marked as in force.
  let at = asked;
  const now = statusAt(input, at).status;
  if (!IN_FORCE.has(now) && now !== 'not_yet_in_force') {
    const since = statusSince(input, at);
    if (!since) return units as MarkedUnit[];
    at = dayBefore(since);
    if (!IN_FORCE.has(statusAt(input, at).status)) return units as MarkedUnit[];
  }
  const containers = new Map<string, string | null>();
  const index = (us: ConsolidatedUnit[], parent: string | null) => {
    for (const u of us) {
      containers.set(u.eId, parent);
      index(u.children, u.eId);
    }
  };
  index(units, null);
  // The tree knows every unit it shows (inserted ones too): its containers are the ones to read. When the input's
  // (from the stored units) already has them all, it is used as it is, and what the engine worked out for it is reused.
  const known = input.containers;
  const same = !!known && [...containers].every(([eId, parent]) => known.get(eId) === parent);
  const withUnits: StatusInput = same ? input : { ...input, containers };
  // The units something acts on by name: relations, and provisions with their own date of effect.
  const named = new Set(
    [...(withUnits.incoming ?? []).map((r) => r.target?.eId), ...(withUnits.commencements ?? []).map((c) => c.eId)].filter((e): e is string => !!e),
  );
  if (named.size === 0) return units as MarkedUnit[];
  /** The unit, or a unit containing it (by the tree, or by its eId's prefix), is named. */
  const under = (eId: string) => {
    for (let up: string | null | undefined = eId, guard = 0; up && guard < 64; up = containers.get(up), guard++) {
      let prefix = up;
      for (;;) {
        if (named.has(prefix)) return true;
        const cut = prefix.lastIndexOf('__');
        if (cut < 0) break;
        prefix = prefix.slice(0, cut);
      }
    }
    return false;
  };
  let dates: string[] | null = null;
  const changeDates = () => {
    if (dates === null) dates = statusChangeDates(withUnits);
    return dates;
  };
  // A unit is marked where its validity differs from what it is read under (the work's, or its marked container's).
  // Unchanged subtrees are kept as they are (no copy): only the paths down to marked units are new.
  const keep = (u: ConsolidatedUnit, outer: StatusCode): MarkedUnit => {
    const children = mark(u.children, outer);
    return children === u.children ? (u as MarkedUnit) : { ...u, children };
  };
  const mark = (us: ConsolidatedUnit[], outer: StatusCode): MarkedUnit[] => {
    const out = us.map((u) => markOne(u, outer));
    return out.every((u, i) => u === us[i]) ? (us as MarkedUnit[]) : out;
  };
  const markOne = (u: ConsolidatedUnit, outer: StatusCode): MarkedUnit => {
    if (u.repealed || !under(u.eId)) return keep(u, outer);
    const s = unitStatusAt(withUnits, u.eId, at);
    if (IN_FORCE.has(s.status) === IN_FORCE.has(outer) && s.status !== 'suspended') return keep(u, outer);
    if (s.status === 'suspended' && outer === 'suspended') return keep(u, outer);
    const ground = s.reasons.find((r) => r.eId) ?? s.reasons[0];
    const validity: UnitValidity = {
      status: s.status,
      label: STATUS_LABELS[s.status],
      since: unitSince(withUnits, changeDates(), u.eId, at, s.status),
      reasons: s.reasons,
      note: ground ? validityNote(u.eId, ground) : `${citationFromEId(u.eId)}: ${STATUS_LABELS[s.status]}`,
    };
    if (s.status !== 'expired') return { ...u, validity, children: mark(u.children, s.status) };
    const repealed = ground?.code === 'repealed' || ground?.code === 'annulled';
    return {
      ...u,
      heading: u.kind === 'chapter' || u.kind === 'section' || u.kind === 'part' ? u.heading : null,
      text: repealed ? REPEALED_TEXT : ENDED_TEXT,
      children: [],
      validity: { ...validity, lastText: flatText(u) },
    };
  };
  return mark(units, statusAt(withUnits, at).status);
}

function ancestorsIn(units: { eId: string; children: unknown[] }[]): Map<string, string | null> {
  const up = new Map<string, string | null>();
  const walk = (us: { eId: string; children: unknown[] }[], parent: string | null) => {
    for (const u of us) {
      up.set(u.eId, parent);
      walk(u.children as { eId: string; children: unknown[] }[], u.eId);
    }
  };
  walk(units, null);
  return up;
}

/**
 * The units of the original text that the amended text no longer holds (TextEnd): repealed by an instruction, or
 * gone when the unit containing them got new wording without them. Each with the date it left and the effect that
 * made it leave. Cheap when nothing leaves (one consolidation at the last date); else exact, from the versions.
 */
export function textEnds(base: BaseText, effects: Effect[]): TextEnd[] {
  const dated = effects.filter((e) => e.effectiveFrom);
  if (dated.length === 0) return [];
  const last = dated
    .map((e) => e.effectiveFrom as string)
    .sort()
    .pop() as string;
  const original = ancestorsIn(base.units as ConsolidatedUnit[]);
  const final = new Map<string, ConsolidatedUnit>();
  const walk = (us: ConsolidatedUnit[]) => {
    for (const u of us) {
      final.set(u.eId, u);
      walk(u.children);
    }
  };
  walk(consolidate(base, effects, last).units);
  const leaving = [...original.keys()].filter((eId) => !final.has(eId) || final.get(eId)?.repealed);
  if (leaving.length === 0) return [];
  const byId = new Map(effects.map((e) => [e.id, e]));
  const versions = versionsOf(base, effects);
  const out: TextEnd[] = [];
  for (const eId of leaving) {
    const list = versions.get(eId) ?? [];
    const v = list[list.length - 1];
    if (!v) continue;
    const stub = v.repealed && v.from !== null;
    const date = stub ? v.from : v.to;
    if (!date) continue;
    // The effect of that day on the unit itself or on the nearest unit containing it.
    let effect: Effect | undefined = stub && v.openedBy ? byId.get(v.openedBy) : undefined;
    for (let up: string | null | undefined = eId; !effect && up; up = original.get(up))
      effect = dated.find((e) => e.effectiveFrom === date && e.target.eId === up);
    if (!effect) continue;
    out.push({
      eId,
      date,
      repealed: effect.operation === 'repeal_unit',
      by: effect.target.eId,
      source: { workId: effect.source.workId, number: effect.source.number ?? null, eId: effect.source.eId },
    });
  }
  return out;
}
