/**
 * numbering.gap / numbering.duplicate / numbering.order: every numbered level is a sequence.
 * Articles run through the whole document (restarting inside each attachment or appendix), chapters and parts
 * too (chapters may restart at 1 in a new part), sections within their chapter, subsections within their section,
 * clauses within their parent, points within their parent. Inserted numbers (`6a` after `6`, `1a`, `c1`, `đ1`) are
 * legitimate. A number the linter cannot read is left out of its sequence, never reported here.
 */
import type { Diagnostic, UnitKind } from '../../model';
import type { ParseResult } from '../../parse/types';
import { cite, diag, type LintContext, type LintRule, numLabel, numOf, type UnitNode, validLine } from '../context';
import { type TextMarker, textMarkers } from '../markers';
import { type NumKey, POINT_LETTERS, parseNum, parseRoman, pointLetter, toRoman } from '../numbers';

interface Item {
  node: UnitNode;
  key: NumKey;
  num: string;
  line: number;
}

const WHAT: Record<UnitKind, string> = {
  part: 'part numbers',
  chapter: 'chapter numbers',
  section: 'section numbers',
  subsection: 'subsection numbers',
  article: 'article numbers',
  clause: 'clause numbers',
  point: 'point letters',
  attachment: 'attachment numbers',
  appendix: 'appendix numbers',
};

const MAX_LISTED = 3;

/** How a missing rank is written, in the style of the list it is missing from (Roman chapters stay Roman). */
function missingLabel(kind: UnitKind, base: number, romanStyle: boolean): string {
  if (kind === 'point') return `${pointLetter(base)})`;
  return numLabel(kind, romanStyle ? toRoman(base) : String(base));
}

function listMissing(kind: UnitKind, bases: number[], romanStyle: boolean): string {
  const shown = bases.slice(0, MAX_LISTED).map((b) => missingLabel(kind, b, romanStyle));
  const more = bases.length > MAX_LISTED ? `, … (${bases.length} in all)` : '';
  return `${shown.join(', ')}${more} missing`;
}

const compare = (a: NumKey, b: NumKey) => (a.base !== b.base ? a.base - b.base : a.sub - b.sub);

/**
 * Checks one sequence. `where` prefixes messages (`Điều 5, khoản 2: `); `checkGaps` is off for point lists that
 * use letters outside the Vietnamese alphabet (their order is the Latin one: `point.letter_invalid` says so).
 */
export function checkSequence(result: ParseResult, kind: UnitKind, items: Item[], where: string, checkGaps: boolean): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (items.length === 0) return out;
  const present = new Set(items.map((i) => i.key.base));
  const presentPlain = new Set(items.filter((i) => i.key.sub === 0).map((i) => i.key.base));
  const seen = new Map<string, Item>();
  const romanStyle = items.some((i) => /^[IVXLCDM]+[a-z]?$/.test(i.num) && parseRoman(i.num.replace(/[a-z]$/, '')) !== null);
  const what = WHAT[kind];
  const prefix = where ? `${where}: ` : '';
  let prev: Item | null = null;
  for (const item of items) {
    const id = `${item.key.base}.${item.key.sub}`;
    const line = item.line;
    const label = numLabel(kind, item.num);
    const earlier = seen.get(id);
    if (earlier) {
      const at = validLine(result, earlier.line);
      out.push(diag(result, 'numbering.duplicate', 'error', `${prefix}${label} appears twice${at ? ` (also at line ${at})` : ''}`, line));
      prev = item;
      continue;
    }
    seen.set(id, item);
    if (prev && compare(item.key, prev.key) < 0) {
      out.push(diag(result, 'numbering.order', 'error', `${prefix}${label} comes after ${numLabel(kind, prev.num)}`, line));
      prev = item;
      continue;
    }
    if (checkGaps && !(prev && prev.key.base === item.key.base)) {
      // The ranks that should stand between the previous unit and this one (or before the first one), and, for an
      // inserted number (`7a`), its plain number (`7`). Ranks printed elsewhere in the list are not missing: their
      // misplacement is reported as numbering.order where they stand.
      const missing: number[] = [];
      for (let b = prev ? prev.key.base + 1 : 1; b < item.key.base; b++) if (!present.has(b)) missing.push(b);
      if (item.key.sub > 0 && !presentPlain.has(item.key.base)) missing.push(item.key.base);
      if (missing.length > 0) {
        const list = listMissing(kind, missing, romanStyle);
        const text = prev ? `${prefix}${what} jump from ${numLabel(kind, prev.num)} to ${label} (${list})` : `${prefix}${what} start at ${label} (${list})`;
        out.push(diag(result, 'numbering.gap', 'error', text, line));
      }
    }
    prev = item;
  }
  return out;
}

/**
 * The items of a sequence: the units, each followed by the markers of the same kind printed as text in its subtree
 * (see markers.ts), in document order.
 */
function itemsOf(nodes: UnitNode[], kind: UnitKind, markers?: Map<UnitNode, TextMarker[]>, subtree?: (n: UnitNode) => UnitNode[]): Item[] {
  const out: Item[] = [];
  for (const node of nodes) {
    const key = parseNum(kind, node.unit.num);
    if (key && !key.invalidLetter) out.push({ node, key, num: numOf(node.unit), line: node.unit.line });
    if (!markers || !subtree) continue;
    for (const holder of subtree(node)) {
      for (const m of markers.get(holder) ?? []) {
        if (m.kind !== kind) continue;
        const mk = parseNum(kind, m.num);
        if (mk && !mk.invalidLetter) out.push({ node, key: mk, num: m.num, line: m.line });
      }
    }
  }
  return kind === 'point' ? secondRound(out) : out;
}

/**
 * A list of points longer than the alphabet goes on after `y)` with `a1)`, `b1)`, ... (Quyết định 138/2025/QĐ-UBND
 * of Đồng Tháp, Điều 7 of its regulation). From an `a1` right after `y`, a suffixed letter is ranked as a second
 * round instead of an insertion.
 */
function secondRound(items: Item[]): Item[] {
  const last = POINT_LETTERS.length;
  const at = items.findIndex((it, i) => i > 0 && it.key.base === 1 && it.key.sub === 1 && items[i - 1]?.key.base === last && items[i - 1]?.key.sub === 0);
  if (at < 0) return items;
  return items.map((it, i) => (i >= at && it.key.sub > 0 ? { ...it, key: { base: it.key.base + last * it.key.sub, sub: 0 } } : it));
}

/** Groups nodes by a key, keeping document order inside each group and the order groups first appear. */
function groupBy<K>(nodes: UnitNode[], key: (n: UnitNode) => K): UnitNode[][] {
  const groups = new Map<K, UnitNode[]>();
  for (const n of nodes) {
    const k = key(n);
    const g = groups.get(k);
    if (g) g.push(n);
    else groups.set(k, [n]);
  }
  return [...groups.values()];
}

const nearest = (n: UnitNode, kinds: UnitKind[]): UnitNode | null => {
  for (let i = n.ancestors.length - 1; i >= 0; i--) {
    const a = n.ancestors[i] as UnitNode;
    if (kinds.includes(a.unit.kind)) return a;
  }
  return null;
};
const insideArticle = (n: UnitNode) => n.ancestors.some((a) => a.unit.kind === 'article');
const domainWhere = (n: UnitNode) => (n.domain ? cite(n.domain) : '');

/** Splits a document-wide list where a new part restarts the numbering at 1 (some codes number chapters per part). */
function splitAtPartRestarts(items: Item[]): Item[][] {
  const out: Item[][] = [];
  let current: Item[] = [];
  let part: UnitNode | null | undefined;
  for (const item of items) {
    const p = nearest(item.node, ['part']);
    if (current.length > 0 && p !== part && item.key.base === 1 && item.key.sub === 0) {
      out.push(current);
      current = [];
    }
    part = p;
    current.push(item);
  }
  if (current.length > 0) out.push(current);
  return out;
}

function check(ctx: LintContext): Diagnostic[] {
  const { result, nodes } = ctx;
  const out: Diagnostic[] = [];
  const ofKind = (kind: UnitKind) => nodes.filter((n) => n.unit.kind === kind);
  const markers = textMarkers(ctx);
  const children = new Map<UnitNode, UnitNode[]>();
  for (const n of nodes) {
    if (!n.parent) continue;
    const list = children.get(n.parent);
    if (list) list.push(n);
    else children.set(n.parent, [n]);
  }
  const subtree = (n: UnitNode): UnitNode[] => [n, ...(children.get(n) ?? []).flatMap(subtree)];

  // Articles and parts: through the document, per attachment or appendix (not in an excerpt of one article).
  for (const kind of ctx.excerpt ? [] : (['article', 'part'] as const)) {
    for (const group of groupBy(
      ofKind(kind).filter((n) => !insideArticle(n)),
      (n) => n.domain,
    )) {
      out.push(...checkSequence(result, kind, itemsOf(group, kind, markers, subtree), domainWhere(group[0] as UnitNode), true));
    }
  }
  // Chapters: through the document, restarting only where a new part starts again at 1.
  for (const group of groupBy(
    ofKind('chapter')
      .filter(() => !ctx.excerpt)
      .filter((n) => !insideArticle(n)),
    (n) => n.domain,
  )) {
    for (const seq of splitAtPartRestarts(itemsOf(group, 'chapter'))) {
      out.push(...checkSequence(result, 'chapter', seq, domainWhere(group[0] as UnitNode), true));
    }
  }
  // Sections within their chapter (or part), subsections within their section.
  const scoped: [UnitKind, UnitKind[]][] = [
    ['section', ['chapter', 'part', 'attachment', 'appendix']],
    ['subsection', ['section', 'chapter', 'part', 'attachment', 'appendix']],
  ];
  for (const [kind, containers] of scoped) {
    for (const group of groupBy(
      ofKind(kind).filter((n) => !insideArticle(n)),
      (n) => nearest(n, containers),
    )) {
      const container = nearest(group[0] as UnitNode, containers);
      out.push(...checkSequence(result, kind, itemsOf(group, kind), container ? cite(container) : '', true));
    }
  }
  // Clauses and points: among the children of one unit (or among the top-level units).
  for (const kind of ['clause', 'point'] as const) {
    for (const group of groupBy(ofKind(kind), (n) => n.parent)) {
      const first = group[0] as UnitNode;
      const latin = kind === 'point' && group.some((n) => parseNum('point', n.unit.num)?.invalidLetter);
      const items = itemsOf(group, kind, markers, subtree);
      out.push(...checkSequence(result, kind, items, first.parent ? cite(first.parent) : domainWhere(first), !latin));
    }
  }
  return out;
}

export const numberingRule: LintRule = {
  name: 'numbering',
  scope: 'unit',
  codes: ['numbering.gap', 'numbering.duplicate', 'numbering.order'],
  check,
};
