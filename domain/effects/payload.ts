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
const DOTTED_POINT_RE = /^[a-zđ]\d{0,2}\.\s/u;
const isUpper = (s: string) => s === s.toUpperCase() && /\p{Lu}/u.test(s);

interface Node {
  unit: Unit;
  lines: string[];
  headingOpen: boolean;
  /** A long article heading hard-wrapped onto a capitalised line ("... trong các" / "Phụ lục đơn giá ..."): once. */
  wrappedUpper: boolean;
  /** The heading as it was before that capitalised line: kept if the line turns out to start the article's text. */
  headingBeforeUpper: string | null;
  /** Lines the heading still takes (a heading wraps over a few lines, never over the text). */
  headingBudget: number;
  /** Lines the heading took after that capitalised line. */
  linesAfterUpper: number;
}

/** Lines a wrapped heading may take after its first (the parser allows three). */
const HEADING_LINES = 4;

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
    const node: Node = {
      unit,
      lines: [],
      headingOpen: kind !== 'clause' && kind !== 'point',
      wrappedUpper: false,
      headingBeforeUpper: null,
      headingBudget: HEADING_LINES,
      linesAfterUpper: 0,
    };
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
    if (cur?.headingOpen && cur.headingBudget > 0 && cur.unit.kind !== 'article' && isUpper(t)) {
      cur.unit.heading = cur.unit.heading ? `${cur.unit.heading} ${t}` : t;
      cur.headingBudget--;
      continue;
    }
    if (
      cur?.headingOpen &&
      cur.headingBudget > 0 &&
      cur.unit.kind === 'article' &&
      cur.unit.heading &&
      !ENDS_SENTENCE.test(cur.unit.heading.slice(-8)) &&
      !cur.unit.heading.endsWith(',') &&
      !CLAUSE_RE.test(t) &&
      !POINT_RE.test(t) &&
      // "a. Tỷ lệ vốn ...": a point printed with a dot starts the text, it does not go on with the heading.
      !DOTTED_POINT_RE.test(t)
    ) {
      // "... (theo quy định tại khoản 3" / "Điều 16 Nghị định số 62/2025/NĐ-CP ...)": a parenthesis left open goes on.
      const lower = /^\p{Ll}/u.test(t) || openParenthesis(cur.unit.heading);
      const wrapped = !lower && !cur.wrappedUpper && cur.unit.heading.length >= 55 && /\p{Ll}$/u.test(cur.unit.heading) && t.length < 80 && !/[.;:,]$/u.test(t);
      if (lower || wrapped) {
        if (wrapped) {
          cur.wrappedUpper = true;
          cur.headingBeforeUpper = cur.unit.heading;
        } else if (cur.headingBeforeUpper !== null) cur.linesAfterUpper++;
        cur.unit.heading = `${cur.unit.heading} ${t}`;
        cur.headingBudget--;
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
    // "“4. Mức thanh toán trực tiếp" / "a) Trường hợp ...": a clause's title, unpunctuated, then its first point.
    const firstPoint =
      pt?.[1] === 'a' && cur?.unit.kind === 'clause' && cur.unit.children.length === 0 && cur.lines.length === 1 && /^\p{Lu}/u.test(pt[2] ?? '');
    if (pt?.[1] && (closed || firstPoint)) {
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
    // "Điều 39. Chi tổ chức và hoạt động bảo hiểm ..., bệnh nghề nghiệp" then "Chi tổ chức và hoạt động bảo hiểm ... thực"
    // / "hiện theo quy định ...": the capitalised line taken for the heading's wrap started the text — the heading went
    // on after it (a heading wrapped onto a capitalised line ends there), or would end as a sentence — and the heading
    // is what came before it.
    if (n.headingBeforeUpper !== null && n.unit.heading && (n.linesAfterUpper > 0 || ENDS_SENTENCE.test(n.unit.heading.slice(-8)))) {
      n.lines.unshift(n.unit.heading.slice(n.headingBeforeUpper.length).trim());
      n.unit.heading = n.headingBeforeUpper;
    }
    // A sentence after "Điều 2." is the article's text, not its heading.
    if (n.unit.kind === 'article' && n.unit.heading && /[.;:]$/u.test(n.unit.heading) && n.unit.heading.length > 120) {
      n.lines.unshift(n.unit.heading);
      n.unit.heading = null;
    }
    n.unit.text = joinWrapped(n.lines);
  }
  return { units: top, lead: joinWrapped(lead) };
}

function openParenthesis(s: string): boolean {
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x28) depth++;
    else if (c === 0x29 && depth > 0) depth--;
  }
  return depth > 0;
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
