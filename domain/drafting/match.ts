/**
 * Matching the units of two versions of a draft, so that comments and diffs follow a unit even when it is
 * renumbered. Articles are numbered through the whole document, so they (and containers) are matched across the
 * whole text; clauses and points are matched inside their matched parent. A pair is taken by content similarity
 * (word-set Jaccard over the unit and everything below it), best pairs first, a same number breaking near-ties:
 * an inserted Điều 3 does not capture the old Điều 3, which matches the new Điều 4 it became.
 */
import { type DiffOp, wordDiff } from '../consolidate/diff';
import type { UnitKind } from '../model';
import type { StoredUnit } from '../units';

export interface MatchedSide {
  eId: string;
  kind: UnitKind;
  num: string;
  citation: string;
}

export interface UnitChange {
  status: 'unchanged' | 'changed' | 'added' | 'removed';
  /** Matched, and its eId differs (its number, or a parent's, changed). */
  renumbered: boolean;
  from: MatchedSide | null;
  to: MatchedSide | null;
  /** Word-set similarity of the pair (1 for identical texts); null for added and removed units. */
  similarity: number | null;
  heading: DiffOp[] | null;
  text: DiffOp[] | null;
}

export interface MatchSummary {
  matched: number;
  unchanged: number;
  changed: number;
  renumbered: number;
  added: number;
  removed: number;
  /** The same counts for articles only. */
  articles: { matched: number; changed: number; renumbered: number; added: number; removed: number };
}

export interface MatchResult {
  /** In the order of the newer version, removed units after the unit that preceded them. */
  changes: UnitChange[];
  /** eId in the older version → eId in the newer one, for every matched unit. */
  map: Map<string, string>;
  summary: MatchSummary;
}

/** Below this similarity two units are different units, whatever their numbers. */
export const MATCH_THRESHOLD = 0.5;
/** A same-numbered pair needs only this much (a unit rewritten in place keeps its number). */
export const SAME_NUMBER_THRESHOLD = 0.25;

const CONTAINERS: UnitKind[] = ['part', 'chapter', 'section', 'subsection', 'attachment', 'appendix'];

export function words(s: string): Set<string> {
  return new Set(
    s
      .normalize('NFC')
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean),
  );
}

export function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let inter = 0;
  for (const w of a) if (b.has(w)) inter++;
  return inter / (a.size + b.size - inter);
}

const squash = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();

interface Node {
  u: StoredUnit;
  children: Node[];
  /** Own heading and text, and (for articles, clauses, points) all text below. */
  bag: Set<string>;
}

function forest(units: StoredUnit[]): { all: Node[]; top: Node[] } {
  const sorted = [...units].sort((a, b) => a.ord - b.ord);
  const byId = new Map<string, Node>();
  const all: Node[] = [];
  const top: Node[] = [];
  for (const u of sorted) {
    const n: Node = { u, children: [], bag: new Set() };
    byId.set(u.eId, n);
    all.push(n);
    const p = u.parent ? byId.get(u.parent) : undefined;
    if (p) p.children.push(n);
    else top.push(n);
  }
  const fill = (n: Node): string => {
    const own = `${n.u.heading ?? ''} ${n.u.text}`;
    const below = n.children.map(fill).join(' ');
    n.bag = words(CONTAINERS.includes(n.u.kind) ? `${n.u.num} ${own}` : `${own} ${below}`);
    return `${own} ${below}`;
  };
  for (const n of top) fill(n);
  return { all, top };
}

/** Best pairs first: similarity, a same number, then nearness in the document. Each unit is used once. */
function pair(a: Node[], b: Node[]): [Node, Node, number][] {
  const cands: { x: Node; y: Node; sim: number; score: number }[] = [];
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as Node;
    for (let j = 0; j < b.length; j++) {
      const y = b[j] as Node;
      if (x.u.kind !== y.u.kind) continue;
      const sim = jaccard(x.bag, y.bag);
      const same = x.u.num === y.u.num;
      if (sim < (same ? SAME_NUMBER_THRESHOLD : MATCH_THRESHOLD)) continue;
      const near = 1 - Math.abs(i / Math.max(a.length, 1) - j / Math.max(b.length, 1));
      cands.push({ x, y, sim, score: sim + (same ? 0.02 : 0) + near * 0.001 });
    }
  }
  cands.sort((p, q) => q.score - p.score);
  const usedA = new Set<Node>();
  const usedB = new Set<Node>();
  const out: [Node, Node, number][] = [];
  for (const c of cands) {
    if (usedA.has(c.x) || usedB.has(c.y)) continue;
    usedA.add(c.x);
    usedB.add(c.y);
    out.push([c.x, c.y, c.sim]);
  }
  return out;
}

const side = (u: StoredUnit): MatchedSide => ({ eId: u.eId, kind: u.kind, num: u.num, citation: u.citation });

/** Matches the units of `older` to those of `newer` (both as stored: flat, with parents and order). */
export function matchUnits(older: StoredUnit[], newer: StoredUnit[]): MatchResult {
  const A = forest(older);
  const B = forest(newer);
  const pairs = new Map<Node, [Node, number]>();
  const record = (ps: [Node, Node, number][]) => {
    for (const [x, y, s] of ps) pairs.set(y, [x, s]);
  };
  // Containers and articles across the whole text, by kind.
  const global = (n: Node) => n.u.kind === 'article' || CONTAINERS.includes(n.u.kind);
  record(pair(A.all.filter(global), B.all.filter(global)));
  // Clauses and points inside matched parents, level by level (a parent is matched before its children).
  const reverse = new Map<Node, Node>();
  for (const [y, [x]] of pairs) reverse.set(x, y);
  for (const y of B.all) {
    const hit = pairs.get(y);
    if (!hit) continue;
    const x = hit[0];
    const kidsA = x.children.filter((c) => !global(c));
    const kidsB = y.children.filter((c) => !global(c));
    if (kidsA.length && kidsB.length) {
      const ps = pair(kidsA, kidsB);
      record(ps);
      for (const [cx, cy] of ps) reverse.set(cx, cy);
    }
  }

  const map = new Map<string, string>();
  const changes: UnitChange[] = [];
  const removedAfter = new Map<string | null, Node[]>();
  let prev: string | null = null;
  // Removed units are listed after the newer unit that follows their older neighbour.
  for (const x of A.all) {
    const y = reverse.get(x);
    if (y) prev = y.u.eId;
    else removedAfter.set(prev, [...(removedAfter.get(prev) ?? []), x]);
  }
  const pushRemoved = (key: string | null) => {
    for (const x of removedAfter.get(key) ?? [])
      changes.push({
        status: 'removed',
        renumbered: false,
        from: side(x.u),
        to: null,
        similarity: null,
        heading: x.u.heading ? wordDiff(x.u.heading, '') : null,
        text: wordDiff(x.u.text, ''),
      });
  };
  pushRemoved(null);
  for (const y of B.all) {
    const hit = pairs.get(y);
    if (!hit) {
      changes.push({
        status: 'added',
        renumbered: false,
        from: null,
        to: side(y.u),
        similarity: null,
        heading: y.u.heading ? wordDiff('', y.u.heading) : null,
        text: wordDiff('', y.u.text),
      });
    } else {
      const [x, sim] = hit;
      map.set(x.u.eId, y.u.eId);
      const headingSame = squash(x.u.heading) === squash(y.u.heading);
      const textSame = squash(x.u.text) === squash(y.u.text);
      changes.push({
        status: headingSame && textSame ? 'unchanged' : 'changed',
        renumbered: x.u.eId !== y.u.eId,
        from: side(x.u),
        to: side(y.u),
        similarity: Math.round(sim * 1000) / 1000,
        heading: headingSame ? null : wordDiff(x.u.heading ?? '', y.u.heading ?? ''),
        text: textSame ? null : wordDiff(x.u.text, y.u.text),
      });
    }
    pushRemoved(y.u.eId);
  }
  return { changes, map, summary: summarize(changes) };
}

function summarize(changes: UnitChange[]): MatchSummary {
  const count = (list: UnitChange[]) => ({
    matched: list.filter((c) => c.from && c.to).length,
    unchanged: list.filter((c) => c.status === 'unchanged').length,
    changed: list.filter((c) => c.status === 'changed').length,
    renumbered: list.filter((c) => c.renumbered).length,
    added: list.filter((c) => c.status === 'added').length,
    removed: list.filter((c) => c.status === 'removed').length,
  });
  const all = count(changes);
  const { unchanged: _u, ...articles } = count(changes.filter((c) => (c.to ?? c.from)?.kind === 'article'));
  return { ...all, articles };
}
