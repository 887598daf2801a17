/**
 * Unit references as amending texts write them, innermost first: "điểm a và điểm b khoản 3 Điều 32",
 * "khoản 6 Điều 9, điểm e khoản 1 và điểm c khoản 2 Điều 40", "tên của Chương II", "các khoản 1a, 1b và 1c".
 * A token scanner (no backtracking regex): linear in the length of the text.
 */
import type { UnitKind } from '../model';
import { eIdPart } from '../eid';
import { romanToInt } from '../text/numerals';

/** One unit reference, outermost first: [{article, 32}, {clause, 3}, {point, a}]. */
export interface RefPath {
  segments: { kind: UnitKind; num: string }[];
  /** "tên Điều 23", "tên của Chương II": the heading, not the unit. */
  heading: boolean;
}

export interface RefList {
  refs: RefPath[];
  /** The text after the references. */
  rest: string;
  /** References that needed an article the text did not give and the context could not supply. */
  unresolved: string[];
  /** Those references as far as they go ("khoản 4a" in "Bổ sung khoản 4a vào sau khoản 4 Điều 148"). */
  partial: RefPath[];
}

const LEVEL: Record<UnitKind, number> = {
  point: 1,
  clause: 2,
  article: 3,
  subsection: 4,
  section: 5,
  chapter: 6,
  part: 7,
  attachment: 8,
  appendix: 9,
};

interface Token {
  text: string;
  start: number;
  end: number;
}

/** Words, numbers (`20a`, `2.1`, `IV`) and single punctuation marks, with their offsets. */
function tokenize(text: string, max = 4000): Token[] {
  const out: Token[] = [];
  const re = /[\p{L}\p{N}]+(?:\.\d+)*|[^\s\p{L}\p{N}]/gu;
  for (let m = re.exec(text); m && out.length < max; m = re.exec(text)) out.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  return out;
}

function kindAt(tokens: Token[], i: number): { kind: UnitKind; n: number } | null {
  const w = tokens[i]?.text.toLowerCase();
  const next = tokens[i + 1]?.text.toLowerCase();
  if (w === 'tiểu' && next === 'mục') return { kind: 'subsection', n: 2 };
  if (w === 'phụ' && next === 'lục') return { kind: 'appendix', n: 2 };
  switch (w) {
    case 'phần':
      return { kind: 'part', n: 1 };
    case 'chương':
      return { kind: 'chapter', n: 1 };
    case 'mục':
      return { kind: 'section', n: 1 };
    case 'điều':
      return { kind: 'article', n: 1 };
    case 'khoản':
      return { kind: 'clause', n: 1 };
    case 'điểm':
      return { kind: 'point', n: 1 };
    default:
      return null;
  }
}

function numFor(kind: UnitKind, t: string | undefined): string | null {
  if (!t) return null;
  switch (kind) {
    case 'point':
      return /^[a-zđ]\d{0,2}$/u.test(t) ? t : null;
    case 'clause':
    case 'article':
      return /^\d{1,4}[a-zđ]?\d{0,2}$/u.test(t) ? t : null;
    default:
      return /^(?:[IVXLC]{1,7}|\d{1,3}|[A-Z])$/u.test(t) ? t : null;
  }
}

interface Item {
  kind: UnitKind;
  nums: string[];
  heading: boolean;
}

const SEPARATORS = new Set([',', 'và', 'hoặc']);

/**
 * Reads the references at the start of `text`. `context` supplies the outer units a reference leaves out ("khoản 1"
 * inside "Sửa đổi, bổ sung Điều 32 ... như sau: a) ... khoản 1"), and "Điều này" / "tên điều".
 */
export function readRefs(text: string, context: RefPath | null = null): RefList {
  const tokens = tokenize(text);
  const items: Item[] = [];
  let i = 0;
  let heading = false;
  /** "tên Điều 5, Điều 6": the heading goes on over a list of the same kind (the kind of the last heading item). */
  let headingKind: UnitKind | null = null;
  let consumedTo = 0;
  while (i < tokens.length) {
    const w = (tokens[i] as Token).text.toLowerCase();
    // "tên Điều 23", "tiêu đề khoản 2 Điều 7".
    if (w === 'tên' || (w === 'tiêu' && tokens[i + 1]?.text.toLowerCase() === 'đề')) {
      heading = true;
      i += w === 'tên' ? 1 : 2;
      if (tokens[i]?.text.toLowerCase() === 'của') i++;
      continue;
    }
    if ((w === 'các' || w === 'toàn') && kindAt(tokens, i + 1)) {
      i++;
      continue;
    }
    const k = kindAt(tokens, i);
    if (!k) break;
    let j = i + k.n;
    if (k.kind === 'appendix' && tokens[j]?.text.toLowerCase() === 'số') j++;
    const nums: string[] = [];
    for (;;) {
      const n = numFor(k.kind, tokens[j]?.text);
      if (n === null) break;
      nums.push(n);
      j++;
      // "các khoản 1, 3 và 5": a separator followed by another number of the same kind.
      if (SEPARATORS.has(tokens[j]?.text.toLowerCase() ?? '') && numFor(k.kind, tokens[j + 1]?.text) !== null && !kindAt(tokens, j + 1)) j++;
      else break;
    }
    const self = tokens[j]?.text.toLowerCase() === 'này';
    if (nums.length === 0 && !self && !(heading && k.kind === 'article')) break;
    if (self) j++;
    const isHeading: boolean = heading || headingKind === k.kind;
    items.push({ kind: k.kind, nums, heading: isHeading });
    heading = false;
    // "tên mục 19 Phụ lục III, mục 12 Phụ lục IV": the outer units of a heading's chain keep the list going.
    if (isHeading) headingKind = nums.length > 0 ? k.kind : null;
    else if (headingKind && LEVEL[k.kind] <= LEVEL[headingKind]) headingKind = null;
    i = j;
    consumedTo = (tokens[j - 1] as Token).end;
    // "khoản 4 của Điều 5", "các điểm a, b của khoản 5": "của" before an outer unit joins the chain.
    const outer = tokens[i]?.text.toLowerCase() === 'của' ? kindAt(tokens, i + 1) : null;
    if (outer && LEVEL[outer.kind] > LEVEL[k.kind]) {
      i++;
      headingKind = null;
      continue;
    }
    // Separators between references.
    let separated = false;
    while (i < tokens.length && SEPARATORS.has((tokens[i] as Token).text.toLowerCase())) {
      const after = tokens[i + 1]?.text.toLowerCase();
      if (after === 'tên' || after === 'tiêu' || after === 'các' || kindAt(tokens, i + 1)) {
        i++;
        separated = true;
      } else break;
    }
    if (!separated && !kindAt(tokens, i)) headingKind = null;
  }
  const rest = text.slice(consumedTo).trim();
  if (items.length === 0) return { refs: [], rest: text.trim(), unresolved: [], partial: [] };
  return { ...chainsToRefs(items, context), rest };
}

function chainsToRefs(items: Item[], context: RefPath | null): { refs: RefPath[]; unresolved: string[]; partial: RefPath[] } {
  // Chains: levels rise within a chain ("điểm a khoản 3 Điều 32"); a lower level starts the next chain.
  const chains: Item[][] = [];
  let cur: Item[] = [];
  for (const it of items) {
    const last = cur[cur.length - 1];
    if (last && LEVEL[it.kind] === LEVEL[last.kind] && cur.length === 1 && !it.heading && !last.heading && it.nums.length > 0 && last.nums.length > 0) {
      last.nums.push(...it.nums);
      continue;
    }
    if (last && LEVEL[it.kind] > LEVEL[last.kind]) {
      cur.push(it);
      continue;
    }
    if (cur.length > 0) chains.push(cur);
    cur = [it];
  }
  if (cur.length > 0) chains.push(cur);

  // A chain without its outer units takes them from the next chain to the right ("điểm e khoản 1 và điểm c khoản 2
  // Điều 40"), then from the context.
  const refs: RefPath[][] = [];
  const unresolved: string[] = [];
  const partial: RefPath[][] = [];
  let right: Item[] | null = null;
  for (let c = chains.length - 1; c >= 0; c--) {
    const chain = [...(chains[c] as Item[])];
    const top = chain[chain.length - 1] as Item;
    if (right && LEVEL[top.kind] < LEVEL.article) {
      for (const r of right) if (LEVEL[r.kind] > LEVEL[top.kind] && r.nums.length === 1 && !chain.some((x) => x.kind === r.kind)) chain.push(r);
    }
    const paths = expand(chain, context);
    if (!paths) {
      unresolved.push(chain.map((x) => `${x.kind} ${x.nums.join(',')}`).join(' '));
      partial.unshift(expand(chain, { segments: [{ kind: 'article', num: '' }], heading: false })?.map((p) => ({ ...p, segments: p.segments.slice(1) })) ?? []);
    } else refs.unshift(paths);
    if (chain.some((x) => x.kind === 'article' && x.nums.length === 1) || LEVEL[top.kind] > LEVEL.article) right = chain;
  }
  return { refs: refs.flat(), unresolved, partial: partial.flat() };
}

/** The chain (innermost first) as paths; null when a clause or point has no article. */
function expand(chain: Item[], context: RefPath | null): RefPath[] | null {
  const outerFirst = [...chain].reverse();
  const top = outerFirst[0] as Item;
  let prefix: { kind: UnitKind; num: string }[] = [];
  if (LEVEL[top.kind] < LEVEL.article || (top.kind === 'article' && top.nums.length === 0)) {
    // "Điều này", "tên điều", "khoản 1" under an article given by the context; "điểm b" under a clause it gives
    // ("Sửa đổi, bổ sung một số điểm của khoản 2 Điều 23" then "1. Sửa đổi, bổ sung điểm a ...").
    const ctx = context?.segments ?? [];
    if (!ctx.some((s) => s.kind === 'article')) return null;
    prefix = ctx.filter((s) => LEVEL[s.kind] > LEVEL[top.kind] || (top.kind === 'article' && s.kind === 'article'));
  }
  let paths: RefPath[] = [{ segments: prefix, heading: false }];
  for (const it of outerFirst) {
    if (it.nums.length === 0) {
      paths = paths.map((p) => ({ ...p, heading: p.heading || it.heading }));
      continue;
    }
    const next: RefPath[] = [];
    for (const p of paths) for (const n of it.nums) next.push({ segments: [...p.segments, { kind: it.kind, num: n }], heading: p.heading || it.heading });
    paths = next;
  }
  return paths.filter((p) => p.segments.length > 0);
}

/** The eId of a reference, as the parser spells it: from the article down, containers by themselves. */
export function refEId(ref: RefPath): string {
  const segs = ref.segments;
  const art = segs.findIndex((s) => s.kind === 'article');
  const from = art >= 0 ? segs.slice(art) : segs;
  const app = art >= 0 ? segs.slice(0, art).filter((s) => s.kind === 'appendix') : [];
  return [...app, ...from].map((s) => eIdPart(s.kind, s.kind === 'part' ? String(romanToInt(s.num) ?? s.num) : s.num)).join('__');
}

export const unitLevel = (kind: UnitKind) => LEVEL[kind];
