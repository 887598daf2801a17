/**
 * The new text of an instruction ("... như sau: “Điều 1. Phạm vi áp dụng ...”", with or without quotes) read into
 * units. eIds are relative (`art_1`, `para_2`, `point_a`, `para_2__point_a`); the instruction parser re-roots them
 * under the target. Linear: each line is classified once.
 */
import type { Unit, UnitKind } from '../model';
import { eIdPart } from '../eid';
import { joinWrapped } from '../parse/parse';
import { romanToInt } from '../text/numerals';

const ARTICLE_RE = /^(?:Điều|ĐIỀU)\s+(\d{1,4}[a-zđ]?)\s*(?:[.:]\s*(.*))?$/u;
const CHAPTER_RE = /^(?:Chương|CHƯƠNG)\s+([IVXLC]+|\d{1,3})(?![\p{L}\p{N}])\s*[.:\-–]?\s*(.*)$/u;
const SECTION_RE = /^(?:Mục|MỤC)\s+(\d{1,3}|[IVXLC]+)(?![\p{L}\p{N}])\s*[.:\-–]?\s*(.*)$/u;
const PART_RE = /^(?:Phần|PHẦN)\s+([IVXLC]+|\d{1,2})(?![\p{L}\p{N}])\s*[.:\-–]?\s*(.*)$/u;
const CLAUSE_RE = /^(\d{1,3}[a-zđ]?)\.\s+(\S.*)$/u;
const POINT_RE = /^([a-zđ]\d{0,2})\)\s*(.*)$/u;
const ENDS_SENTENCE = /[.:;!?]["”’)]*$/u;
const isUpper = (s: string) => s === s.toUpperCase() && /\p{Lu}/u.test(s);

interface Node {
  unit: Unit;
  lines: string[];
  headingOpen: boolean;
  /** A long article heading hard-wrapped onto a capitalised line ("... trong các" / "Phụ lục đơn giá ..."): once. */
  wrappedUpper: boolean;
}

const RANK: Record<UnitKind, number> = {
  appendix: 0,
  attachment: 0,
  part: 1,
  chapter: 2,
  section: 3,
  subsection: 4,
  article: 5,
  clause: 6,
  point: 7,
};

/** Strips the quotes around new text: a leading “ on a block's first line, a closing ” (and punctuation) on its last. */
export function unquote(lines: string[]): string[] {
  const out = lines.map((l) => l.replace(/^\*+|\*+$/g, '').trim());
  for (let i = 0; i < out.length; i++) {
    const l = out[i] as string;
    const prev = i > 0 ? (out[i - 1] as string) : null;
    if (l.startsWith('“') && (prev === null || /”[\s.;,]*$/u.test(prev))) {
      out[i] = l.slice(1).trimStart();
      if (prev !== null) out[i - 1] = prev.replace(/”[\s.;,]*$/u, '').trimEnd();
    }
  }
  const last = out.length - 1;
  if (last >= 0) out[last] = (out[last] as string).replace(/”[\s.;,]*(?:\.\/\.)?$/u, '').trimEnd();
  return out.filter((l) => l !== '');
}

/** The new text as units (relative eIds), and the text before the first unit marker. */
export function parsePayload(lines: string[]): { units: Unit[]; lead: string } {
  const top: Unit[] = [];
  const stack: Node[] = [];
  const lead: string[] = [];
  const nodes: Node[] = [];
  let closed = true;

  const open = (kind: UnitKind, num: string, heading: string | null): Node => {
    while (stack.length > 0 && RANK[(stack[stack.length - 1] as Node).unit.kind] >= RANK[kind]) stack.pop();
    let prefix = '';
    if (kind === 'clause' || kind === 'point') for (const n of stack) if (RANK[n.unit.kind] >= RANK.article) prefix = `${n.unit.eId}__`;
    const eNum = kind === 'part' ? String(romanToInt(num) ?? num) : num;
    const unit: Unit = { kind, num, eId: `${prefix}${eIdPart(kind, eNum)}`, heading, text: '', children: [] };
    const parent = stack[stack.length - 1];
    if (parent) parent.unit.children.push(unit);
    else top.push(unit);
    const node: Node = { unit, lines: [], headingOpen: kind !== 'clause' && kind !== 'point', wrappedUpper: false };
    stack.push(node);
    nodes.push(node);
    return node;
  };

  for (const raw of lines) {
    const t = raw.trim();
    if (!t) continue;
    const cur = stack[stack.length - 1];
    const a = ARTICLE_RE.exec(t);
    if (a?.[1] && closed) {
      open('article', a[1], a[2]?.trim() || null);
      closed = true;
      continue;
    }
    const c = closed ? (CHAPTER_RE.exec(t) ?? null) : null;
    if (c?.[1] && (c[2] === '' || isUpper(c[2] ?? ''))) {
      open('chapter', c[1], c[2] || null);
      continue;
    }
    const s = closed ? SECTION_RE.exec(t) : null;
    if (s?.[1] && (s[2] === '' || isUpper(s[2] ?? ''))) {
      open('section', s[1], s[2] || null);
      continue;
    }
    const p = closed ? PART_RE.exec(t) : null;
    if (p?.[1] && (p[2] === '' || isUpper(p[2] ?? ''))) {
      open('part', p[1], p[2] || null);
      continue;
    }
    if (cur?.headingOpen && cur.unit.kind !== 'article' && isUpper(t)) {
      cur.unit.heading = cur.unit.heading ? `${cur.unit.heading} ${t}` : t;
      continue;
    }
    if (
      cur?.headingOpen &&
      cur.unit.kind === 'article' &&
      cur.unit.heading &&
      !ENDS_SENTENCE.test(cur.unit.heading) &&
      !/[,]$/u.test(cur.unit.heading) &&
      !CLAUSE_RE.test(t) &&
      !POINT_RE.test(t)
    ) {
      const lower = /^\p{Ll}/u.test(t);
      const wrapped = !lower && !cur.wrappedUpper && cur.unit.heading.length >= 55 && /\p{Ll}$/u.test(cur.unit.heading) && t.length < 80 && !/[.;:,]$/u.test(t);
      if (lower || wrapped) {
        if (wrapped) cur.wrappedUpper = true;
        cur.unit.heading = `${cur.unit.heading} ${t}`;
        continue;
      }
    }
    const cl = CLAUSE_RE.exec(t);
    if (cl?.[1] && (closed || /^\p{Lu}/u.test(cl[2] ?? ''))) {
      const n = open('clause', cl[1], null);
      n.lines.push(cl[2] as string);
      closed = ENDS_SENTENCE.test(t);
      continue;
    }
    const pt = POINT_RE.exec(t);
    if (pt?.[1] && closed) {
      const n = open('point', pt[1], null);
      if (pt[2]) n.lines.push(pt[2]);
      closed = ENDS_SENTENCE.test(t);
      continue;
    }
    if (cur) {
      cur.lines.push(t);
      cur.headingOpen = false;
    } else lead.push(t);
    closed = ENDS_SENTENCE.test(t);
  }
  for (const n of nodes) {
    // A sentence after "Điều 2." is the article's text, not its heading.
    if (n.unit.kind === 'article' && n.unit.heading && /[.;:]$/u.test(n.unit.heading) && n.unit.heading.length > 120) {
      n.lines.unshift(n.unit.heading);
      n.unit.heading = null;
    }
    n.unit.text = joinWrapped(n.lines);
  }
  return { units: top, lead: joinWrapped(lead) };
}

/** A copy of `u` with every eId re-rooted: `point_a` under `art_32__para_3` is `art_32__para_3__point_a`. */
export function reroot(u: Unit, oldPrefix: string, newPrefix: string): Unit {
  const eId = u.eId.startsWith(oldPrefix) ? newPrefix + u.eId.slice(oldPrefix.length) : u.eId;
  return { ...u, eId, children: u.children.map((c) => reroot(c, oldPrefix, newPrefix)) };
}

/** Depth-first search for a unit of this kind and eId segment. */
export function findPayloadUnit(units: Unit[], kind: UnitKind, seg: string): Unit | null {
  for (const u of units) {
    const last = u.eId.split('__').pop();
    if (u.kind === kind && last === seg) return u;
    const inner = findPayloadUnit(u.children, kind, seg);
    if (inner) return inner;
  }
  return null;
}
