/**
 * The consolidation engine: a base text (unit tree) and effects in, the text valid at a date out. Pure: the base is
 * never mutated. Effects apply in date order (stable by source order); an effect that cannot apply (target missing,
 * ambiguous, already repealed, in conflict with another document's change the same day, no payload) is reported in
 * `unapplied` with the reason, never dropped.
 */
import { numOfEId } from '../eid';
import type { Unit, UnitKind } from '../model';
import type { Effect, EffectOperation } from '../effects/types';
import { romanToInt, toRoman } from '../text/numerals';
import { type DiffOp, wordDiff } from './diff';
import { noteFor } from './notes';

export interface UnitSource {
  effectId: string;
  sourceWorkId: string;
  sourceEId: string;
  operation: EffectOperation;
  effectiveFrom: string | null;
  note: string;
}

export interface ConsolidatedUnit extends Unit {
  children: ConsolidatedUnit[];
  sources?: UnitSource[];
  /** Repealed: kept as a stub ("(được bãi bỏ)") so citations still resolve, as official consolidated texts do. */
  repealed?: boolean;
}

export interface Unapplied {
  effectId: string;
  reason: string;
  targetEId: string;
  effectiveFrom: string | null;
}

export interface BaseText {
  workId: string;
  units: Unit[];
  effective: string | null;
}

export interface ConsolidateResult {
  units: ConsolidatedUnit[];
  /** Effects (dated on or before `at`) applied, in the order applied. Work-level ones (repeal, replace, suspend) too. */
  applied: string[];
  unapplied: Unapplied[];
}

export const REPEALED_TEXT = '(được bãi bỏ)';

const clone = (u: Unit): ConsolidatedUnit => {
  const c: ConsolidatedUnit = { kind: u.kind, num: u.num, eId: u.eId, heading: u.heading, text: u.text, children: u.children.map(clone) };
  const src = (u as ConsolidatedUnit).sources;
  if (src) c.sources = [...src];
  if ((u as ConsolidatedUnit).repealed) c.repealed = true;
  return c;
};

interface Found {
  unit: ConsolidatedUnit;
  siblings: ConsolidatedUnit[];
}

function walk(list: ConsolidatedUnit[], fn: (u: ConsolidatedUnit, siblings: ConsolidatedUnit[]) => void): void {
  for (const u of list) {
    fn(u, list);
    walk(u.children, fn);
  }
}

/** Chapter numbers are printed as Roman or Arabic numerals: `chp_II` and `chp_2` name the same chapter. */
function alternatives(eId: string): string[] {
  const out = [eId];
  const m = /(^|__)(chp|sec)_([A-Za-z0-9]+)$/.exec(eId);
  if (m?.[3]) {
    const r = romanToInt(m[3]);
    if (r !== null) out.push(`${eId.slice(0, eId.length - m[3].length)}${r}`);
    else if (/^\d+$/.test(m[3])) out.push(`${eId.slice(0, eId.length - m[3].length)}${toRoman(Number(m[3]))}`);
  }
  return out;
}

/**
 * Finds a unit by eId: exactly, else (containers and units inside attached regulations, whose eIds carry a prefix
 * the instruction does not say) by suffix. Several matches: ambiguous.
 */
function find(tree: ConsolidatedUnit[], eId: string): { found: Found | null; reason: string | null } {
  const wanted = alternatives(eId);
  const exact: Found[] = [];
  const suffix: Found[] = [];
  walk(tree, (u, siblings) => {
    if (wanted.includes(u.eId)) exact.push({ unit: u, siblings });
    else if (wanted.some((w) => u.eId.endsWith(`__${w}`))) suffix.push({ unit: u, siblings });
  });
  // `__dup2` eIds mark a number the base prints twice: the target is ambiguous.
  const dup = exact.length === 1 && tree.length > 0 ? hasDuplicate(tree, exact[0]?.unit.eId ?? '') : false;
  if (exact.length === 1 && !dup) return { found: exact[0] as Found, reason: null };
  if (exact.length > 1 || dup) return { found: null, reason: `ambiguous target ${eId}: the base prints this number more than once` };
  if (suffix.length === 1) return { found: suffix[0] as Found, reason: null };
  if (suffix.length > 1) return { found: null, reason: `ambiguous target ${eId}: ${suffix.map((s) => s.unit.eId).join(', ')}` };
  return { found: null, reason: `target ${eId} not found in the base text` };
}

function hasDuplicate(tree: ConsolidatedUnit[], eId: string): boolean {
  let dup = false;
  walk(tree, (u) => {
    if (u.eId.startsWith(`${eId}__dup`)) dup = true;
  });
  return dup;
}

const NUM_ORDER = 'abcdđefghijklmnopqrstuvwxyz';
/** Order of printed numbers: `6` < `6a` < `7`; `a` < `đ` < `e`; Roman numerals by value. */
function rank(num: string): number {
  const m = /^(\d+)([a-zđ]?)(\d*)$/u.exec(num);
  if (m) return Number(m[1]) * 1000 + (m[2] ? (NUM_ORDER.indexOf(m[2]) + 1) * 10 : 0) + Number(m[3] || 0);
  const r = romanToInt(num);
  if (r !== null) return r * 1000;
  const p = /^([a-zđ])(\d*)$/u.exec(num);
  if (p?.[1]) return (NUM_ORDER.indexOf(p[1]) + 1) * 1000 + Number(p[2] || 0);
  return Number.MAX_SAFE_INTEGER;
}

const KIND_OF_PREFIX: Record<string, UnitKind> = {
  part: 'part',
  chp: 'chapter',
  sec: 'section',
  subsec: 'subsection',
  art: 'article',
  para: 'clause',
  point: 'point',
  app: 'appendix',
};

function lastSegment(eId: string): { kind: UnitKind | null; num: string } {
  const seg = eId.split('__').pop() ?? '';
  const m = /^([a-z]+)_(.+)$/.exec(seg);
  return { kind: m?.[1] ? (KIND_OF_PREFIX[m[1]] ?? null) : null, num: numOfEId(m?.[2] ?? '') };
}

function addSource(u: ConsolidatedUnit, e: Effect): void {
  const source: UnitSource = {
    effectId: e.id,
    sourceWorkId: e.source.workId,
    sourceEId: e.source.eId,
    operation: e.operation,
    effectiveFrom: e.effectiveFrom,
    note: noteFor(e, u.kind),
  };
  u.sources = [...(u.sources ?? []), source];
}

function replaceAll(text: string, phrase: string, by: string): { text: string; n: number } {
  if (!phrase) return { text, n: 0 };
  const parts = text.split(phrase);
  return { text: parts.join(by), n: parts.length - 1 };
}

/** Applies a phrase edit to a unit and its descendants; returns the units changed. */
function editPhrases(units: ConsolidatedUnit[], e: Effect): ConsolidatedUnit[] {
  const changed: ConsolidatedUnit[] = [];
  const phrase = e.payload.phrase ?? '';
  const edit = (s: string): { text: string; n: number } => {
    if (e.operation === 'replace_phrase') return replaceAll(s, phrase, e.payload.replacement ?? '');
    if (e.operation === 'delete_phrase') {
      const r = replaceAll(s, phrase, '');
      return { text: r.n > 0 ? r.text.replace(/ {2,}/g, ' ').replace(/ ([,.;:)])/g, '$1') : s, n: r.n };
    }
    const anchor = e.payload.anchorPhrase ?? '';
    const glue = /^[,.;:)]/.test(phrase) ? '' : ' ';
    return e.payload.position === 'before' ? replaceAll(s, anchor, `${phrase} ${anchor}`) : replaceAll(s, anchor, `${anchor}${glue}${phrase}`);
  };
  walk(units, (u) => {
    if (u.repealed) return;
    const t = edit(u.text);
    const h = u.heading ? edit(u.heading) : { text: null, n: 0 };
    if (t.n + h.n > 0) {
      u.text = t.text;
      if (h.n > 0) u.heading = h.text;
      changed.push(u);
    }
  });
  return changed;
}

const WORK_LEVEL: EffectOperation[] = ['replace_work', 'repeal_work', 'suspend'];
const STRUCTURAL: EffectOperation[] = ['replace_unit', 'rename_heading', 'repeal_unit', 'replace_appendix'];

/** Effects in the order they apply: by date, then as given (source order). Undated ones sort last. */
export function orderEffects(effects: Effect[]): Effect[] {
  return effects
    .map((e, i) => ({ e, i }))
    .sort((x, y) => {
      const a = x.e.effectiveFrom ?? '9999-99-99';
      const b = y.e.effectiveFrom ?? '9999-99-99';
      return a < b ? -1 : a > b ? 1 : x.i - y.i;
    })
    .map((x) => x.e);
}

export function consolidate(base: BaseText, effects: Effect[], at: string): ConsolidateResult {
  const tree = base.units.map(clone);
  const applied: string[] = [];
  const unapplied: Unapplied[] = [];
  /** Last structural change per eId: date and source work, to tell conflicts. */
  const touched = new Map<string, { date: string | null; work: string; effectId: string }>();

  const fail = (e: Effect, reason: string) => unapplied.push({ effectId: e.id, reason, targetEId: e.target.eId, effectiveFrom: e.effectiveFrom });

  for (const e of orderEffects(effects)) {
    if (e.effectiveFrom !== null && e.effectiveFrom > at) continue;
    if (e.effectiveFrom === null) {
      fail(e, 'no effective date: the effect cannot be placed in time');
      continue;
    }
    if (e.state === 'unapplied') {
      fail(e, e.reason ?? 'marked unapplied when the instruction was read');
      continue;
    }
    if (e.target.workId !== null && e.target.workId !== base.workId) {
      fail(e, `the effect targets ${e.target.workId}, not ${base.workId}`);
      continue;
    }
    if (WORK_LEVEL.includes(e.operation)) {
      applied.push(e.id);
      continue;
    }
    if (e.operation.endsWith('_phrase')) {
      let scope: ConsolidatedUnit[] = tree;
      if (e.target.eId) {
        const { found, reason } = find(tree, e.target.eId);
        if (!found) {
          fail(e, reason ?? 'target not found');
          continue;
        }
        if (found.unit.repealed) {
          fail(e, `target ${e.target.eId} was repealed before this effect`);
          continue;
        }
        scope = [found.unit];
      }
      const changed = editPhrases(scope, e);
      if (changed.length === 0) {
        fail(e, `phrase “${e.payload.anchorPhrase ?? e.payload.phrase ?? ''}” not found in ${e.target.eId || 'the text'}`);
        continue;
      }
      for (const u of changed) addSource(u, e);
      applied.push(e.id);
      continue;
    }

    if (e.operation === 'insert_after' || e.operation === 'insert_into') {
      const unit = e.payload.units?.[0];
      if (!unit) {
        fail(e, 'no new text for the inserted unit');
        continue;
      }
      if (find(tree, e.target.eId).found) {
        fail(e, `target ${e.target.eId} already exists: an insertion cannot overwrite it`);
        continue;
      }
      const node = clone(unit);
      node.eId = e.target.eId;
      let placed = false;
      if (e.operation === 'insert_after' && e.payload.anchorEId) {
        const { found, reason } = find(tree, e.payload.anchorEId);
        if (!found) {
          fail(e, `anchor ${e.payload.anchorEId}: ${reason ?? 'not found'}`);
          continue;
        }
        found.siblings.splice(found.siblings.indexOf(found.unit) + 1, 0, node);
        placed = true;
      } else {
        placed = insertByRank(tree, node);
      }
      if (!placed) {
        fail(e, `no place to insert ${e.target.eId}: its parent is not in the base text`);
        continue;
      }
      addSource(node, e);
      touched.set(e.target.eId, { date: e.effectiveFrom, work: e.source.workId, effectId: e.id });
      applied.push(e.id);
      continue;
    }

    // Structural changes of an existing unit.
    const { found, reason } = find(tree, e.target.eId);
    if (!found) {
      fail(e, reason ?? 'target not found');
      continue;
    }
    const u = found.unit;
    if (u.repealed) {
      fail(e, `target ${e.target.eId} was repealed before this effect`);
      continue;
    }
    const prior = touched.get(u.eId);
    if (STRUCTURAL.includes(e.operation) && prior && prior.date === e.effectiveFrom && prior.work !== e.source.workId) {
      fail(e, `conflicts with ${prior.effectId}: two documents change ${u.eId} on the same day`);
      continue;
    }
    if (e.operation === 'repeal_unit') {
      u.heading = u.kind === 'chapter' || u.kind === 'section' || u.kind === 'part' ? u.heading : null;
      u.text = REPEALED_TEXT;
      u.children = [];
      u.repealed = true;
    } else if (e.operation === 'rename_heading') {
      const heading = e.payload.heading;
      if (!heading) {
        fail(e, 'no new heading in the instruction');
        continue;
      }
      if (u.kind === 'clause' || u.kind === 'point') {
        // A clause's "name" is its first paragraph.
        const nl = u.text.indexOf('\n');
        u.text = nl < 0 ? heading : `${heading}${u.text.slice(nl)}`;
      } else u.heading = heading;
    } else {
      const p = e.payload.units?.[0];
      if (!p) {
        fail(e, 'no new text in the instruction');
        continue;
      }
      if (p.kind !== u.kind) {
        fail(e, `the new text is a ${p.kind}, the target ${u.eId} a ${u.kind}`);
        continue;
      }
      u.heading = p.heading ?? (u.kind === 'article' ? u.heading : null);
      u.text = p.text;
      u.children = p.children.map(clone).map((c) => rebase(c, p.eId, u.eId));
    }
    addSource(u, e);
    touched.set(u.eId, { date: e.effectiveFrom, work: e.source.workId, effectId: e.id });
    applied.push(e.id);
  }
  return { units: tree, applied, unapplied };
}

/** Payload children carry the eId the instruction gave; under a unit found by suffix they take its prefix. */
function rebase(u: ConsolidatedUnit, from: string, to: string): ConsolidatedUnit {
  if (from === to || !u.eId.startsWith(from)) return u;
  return { ...u, eId: to + u.eId.slice(from.length), children: u.children.map((c) => rebase(c, from, to)) };
}

/** Inserts a new unit where its number goes: under the parent its eId names (clauses, points), or among its kind. */
function insertByRank(tree: ConsolidatedUnit[], node: ConsolidatedUnit): boolean {
  const parts = node.eId.split('__');
  const { num } = lastSegment(node.eId);
  let siblings: ConsolidatedUnit[] | null = null;
  if (node.kind === 'clause' || node.kind === 'point') {
    const parent = find(tree, parts.slice(0, -1).join('__')).found;
    siblings = parent ? parent.unit.children : null;
  } else {
    // Articles and containers: after the last unit of the same kind with a smaller number, wherever it stands.
    let best: Found | null = null;
    walk(tree, (u, sibs) => {
      if (u.kind === node.kind && rank(u.num) < rank(num) && (!best || rank(u.num) > rank(best.unit.num))) best = { unit: u, siblings: sibs };
    });
    const b = best as Found | null;
    if (b) {
      b.siblings.splice(b.siblings.indexOf(b.unit) + 1, 0, node);
      return true;
    }
    siblings = node.kind === 'article' || node.kind === 'chapter' || node.kind === 'part' || node.kind === 'appendix' ? tree : null;
  }
  if (!siblings) return false;
  let at = siblings.length;
  for (let k = 0; k < siblings.length; k++) {
    const s = siblings[k] as ConsolidatedUnit;
    if (s.kind === node.kind && rank(s.num) > rank(num)) {
      at = k;
      break;
    }
  }
  siblings.splice(at, 0, node);
  return true;
}

// ---------------------------------------------------------------------------------------------------------------
// Versions, timeline, diff

export interface UnitVersion {
  eId: string;
  kind: UnitKind;
  heading: string | null;
  text: string;
  repealed: boolean;
  /** [from, to): ISO dates; from null = since the base took effect (date unknown), to null = still valid. */
  from: string | null;
  to: string | null;
  /** The effect that opened this version (null for the original text). */
  openedBy: string | null;
  /** The effect that closed it (null while valid). */
  closedBy: string | null;
}

export interface TimelineEntry {
  date: string;
  effects: Effect[];
}

/** Dates at which effects take effect, each with its effects in application order. Undated effects are left out. */
export function timeline(_base: BaseText, effects: Effect[]): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  for (const e of orderEffects(effects)) {
    if (!e.effectiveFrom) continue;
    const last = out[out.length - 1];
    if (last && last.date === e.effectiveFrom) last.effects.push(e);
    else out.push({ date: e.effectiveFrom, effects: [e] });
  }
  return out;
}

function flatten(units: ConsolidatedUnit[]): Map<string, ConsolidatedUnit> {
  const m = new Map<string, ConsolidatedUnit>();
  walk(units, (u) => {
    m.set(u.eId, u);
  });
  return m;
}

/** Every unit's versions: one per change of its own heading or text (children version on their own). */
export function versionsOf(base: BaseText, effects: Effect[]): Map<string, UnitVersion[]> {
  const out = new Map<string, UnitVersion[]>();
  const open = (u: ConsolidatedUnit, from: string | null, openedBy: string | null) => {
    const list = out.get(u.eId) ?? [];
    list.push({ eId: u.eId, kind: u.kind, heading: u.heading, text: u.text, repealed: !!u.repealed, from, to: null, openedBy, closedBy: null });
    out.set(u.eId, list);
  };
  let previous = flatten(base.units.map(clone));
  for (const u of previous.values()) open(u, base.effective, null);
  for (const { date } of timeline(base, effects)) {
    const now = flatten(consolidate(base, effects, date).units);
    for (const [eId, u] of now) {
      const before = previous.get(eId);
      const by = u.sources?.filter((s) => s.effectiveFrom === date).pop()?.effectId ?? null;
      if (!before) {
        open(u, date, by);
        continue;
      }
      if (before.heading === u.heading && before.text === u.text && !!before.repealed === !!u.repealed) continue;
      const list = out.get(eId) ?? [];
      const last = list[list.length - 1];
      if (last) {
        last.to = date;
        last.closedBy = by;
      }
      open(u, date, by);
    }
    for (const [eId] of previous)
      if (!now.has(eId)) {
        const last = out.get(eId)?.slice(-1)[0];
        if (last && last.to === null) last.to = date;
      }
    previous = now;
  }
  return out;
}

export interface UnitDiff {
  eId: string;
  kind: UnitKind;
  change: 'added' | 'removed' | 'changed';
  heading: DiffOp[] | null;
  text: DiffOp[];
  /** The effects (sources) that made the change, dated in (from, to]. */
  effects: string[];
}

/** Units whose heading or text differ between the text valid at `from` and the text valid at `to`. */
export function diffAt(
  base: BaseText,
  effects: Effect[],
  from: string,
  to: string,
  /** What else the text at a date shows (domain/consolidate/validity.ts: units no longer in force as such). */
  view: (units: ConsolidatedUnit[], at: string) => ConsolidatedUnit[] = (units) => units,
): UnitDiff[] {
  const a = flatten(view(consolidate(base, effects, from).units, from));
  const b = flatten(view(consolidate(base, effects, to).units, to));
  const out: UnitDiff[] = [];
  const sourcesBetween = (u: ConsolidatedUnit) =>
    (u.sources ?? []).filter((s) => s.effectiveFrom !== null && s.effectiveFrom > from && s.effectiveFrom <= to).map((s) => s.effectId);
  for (const [eId, u] of b) {
    const old = a.get(eId);
    if (!old) {
      out.push({
        eId,
        kind: u.kind,
        change: 'added',
        heading: u.heading ? wordDiff('', u.heading) : null,
        text: wordDiff('', u.text),
        effects: sourcesBetween(u),
      });
      continue;
    }
    if (old.heading === u.heading && old.text === u.text) continue;
    out.push({
      eId,
      kind: u.kind,
      change: 'changed',
      heading: old.heading === u.heading ? null : wordDiff(old.heading ?? '', u.heading ?? ''),
      text: wordDiff(old.text, u.text),
      effects: sourcesBetween(u),
    });
  }
  for (const [eId, u] of a)
    if (!b.has(eId))
      out.push({ eId, kind: u.kind, change: 'removed', heading: u.heading ? wordDiff(u.heading, '') : null, text: wordDiff(u.text, ''), effects: [] });
  return out;
}
