/**
 * Units as stored: the parsed tree flattened into rows (one per unit, with its parent and order) and rebuilt on
 * read. Citations ("Điều 5, khoản 2, điểm a") are built here, once, for every reader.
 */
import { numOfEId } from './eid';
import type { Unit, UnitKind, UnitNote } from './model';

export interface StoredUnit {
  eId: string;
  kind: UnitKind;
  num: string;
  heading: string | null;
  text: string;
  notes: UnitNote[];
  /** eId of the parent unit, null at the top. */
  parent: string | null;
  /** Position in document order (0-based). */
  ord: number;
  /** Vietnamese citation of the unit: `Điều 5, khoản 2, điểm a`; containers: `Chương II`. */
  citation: string;
  /** 1-based line in the parsed source. */
  line: number;
}

export interface UnitWithChildren extends Unit {
  citation: string;
  notes: UnitNote[];
  children: UnitWithChildren[];
}

/** The Vietnamese word for each kind of unit, as citations write it. */
export const UNIT_WORDS: Record<UnitKind, string> = {
  part: 'Phần',
  chapter: 'Chương',
  section: 'Mục',
  subsection: 'Tiểu mục',
  article: 'Điều',
  clause: 'khoản',
  point: 'điểm',
  appendix: 'Phụ lục',
  attachment: 'Văn bản kèm theo',
};

/** Articles are cited without their containers; clauses and points through their article. */
function citationOf(kind: UnitKind, num: string, ancestors: { kind: UnitKind; num: string }[]): string {
  const own = `${UNIT_WORDS[kind]} ${num}`;
  if (kind === 'clause' || kind === 'point') {
    const chain = ancestors.filter((a) => a.kind === 'article' || a.kind === 'clause').map((a) => `${UNIT_WORDS[a.kind]} ${a.num}`);
    const att = ancestors.find((a) => a.kind === 'attachment');
    return [...(att ? [`${UNIT_WORDS.attachment} ${att.num}`] : []), ...chain, own].join(', ');
  }
  const att = ancestors.find((a) => a.kind === 'attachment' || a.kind === 'appendix');
  return att && att.kind !== kind ? `${UNIT_WORDS[att.kind]} ${att.num}, ${own}` : own;
}

export function flattenUnits(units: (Unit & { line?: number; notes?: UnitNote[] })[]): StoredUnit[] {
  const out: StoredUnit[] = [];
  const walk = (list: (Unit & { line?: number; notes?: UnitNote[] })[], parent: string | null, ancestors: { kind: UnitKind; num: string }[]) => {
    for (const u of list) {
      out.push({
        eId: u.eId,
        kind: u.kind,
        num: u.num,
        heading: u.heading,
        text: u.text,
        notes: u.notes ?? [],
        parent,
        ord: out.length,
        citation: citationOf(u.kind, u.num, ancestors),
        line: u.line ?? 0,
      });
      walk(u.children as (Unit & { line?: number; notes?: UnitNote[] })[], u.eId, [...ancestors, { kind: u.kind, num: u.num }]);
    }
  };
  walk(units, null, []);
  return out;
}

/** Rebuilds the tree from rows in any order. */
export function buildTree(rows: StoredUnit[]): UnitWithChildren[] {
  const sorted = [...rows].sort((a, b) => a.ord - b.ord);
  const nodes = new Map<string, UnitWithChildren>();
  const top: UnitWithChildren[] = [];
  for (const r of sorted) {
    const node: UnitWithChildren = {
      kind: r.kind,
      num: r.num,
      eId: r.eId,
      heading: r.heading,
      text: r.text,
      notes: r.notes,
      citation: r.citation,
      children: [],
    };
    nodes.set(r.eId, node);
    const parent = r.parent ? nodes.get(r.parent) : undefined;
    if (parent) parent.children.push(node);
    else top.push(node);
  }
  return top;
}

const SEGMENT_KINDS: Record<string, UnitKind> = {
  part: 'part',
  chp: 'chapter',
  sec: 'section',
  subsec: 'subsection',
  art: 'article',
  para: 'clause',
  point: 'point',
  att: 'attachment',
  app: 'appendix',
};

/** The citation an eId stands for: `art_5__para_2__point_dd` → `Điều 5, khoản 2, điểm đ`. */
export function citationFromEId(eId: string): string {
  const parts = eId
    .split('__')
    .map((seg) => /^([a-z]+)_(.+)$/.exec(seg))
    .filter((m): m is RegExpExecArray => !!m && !!SEGMENT_KINDS[m[1] as string])
    .map((m) => ({ kind: SEGMENT_KINDS[m[1] as string] as UnitKind, num: numOfEId(m[2] as string) }));
  const last = parts[parts.length - 1];
  return last ? citationOf(last.kind, last.num, parts.slice(0, -1)) : eId;
}
