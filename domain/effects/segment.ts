/**
 * A segment of an amending instruction (the text between ";" with its verb): what the segment rules (rules/*.ts)
 * read from it before it becomes effects, and the helpers they share.
 */
import { findReferences } from '../parse/references';
import type { RefPath } from './refs';
import type { EffectOperation } from './types';

/** What an instruction does, as its verb says. */
export type Verb = 'amend' | 'add' | 'repeal' | 'replace' | 'suspend';

/** A parsed instruction segment before it becomes effects. */
export interface Segment {
  verb: Verb;
  refs: RefPath[];
  op: EffectOperation | null;
  /** For insert_after: anchor refs. For insert_into: the parent. */
  anchor: RefPath | null;
  into: RefPath | null;
  phrases: string[];
  replacement: string | null;
  anchorPhrase: string | null;
  position: 'before' | 'after' | null;
  /** Phrase edits: where (empty = the whole work). */
  where: RefPath[];
  /** A document the segment names (its number). */
  docNumber: string | null;
  /** Work-level operations: the numbers named. */
  works: string[];
  problem: string | null;
  /** "gạch đầu dòng thứ nhất điểm a ...": a dash inside a point, which is not a unit. */
  dash: string | null;
  /** A phrase edit whose place ("tại ...") could not be read: never widened to the whole work. */
  whereUnread: string | null;
  /**
   * Places of a phrase edit that are not units, read as such: the preamble ("phần căn cứ ban hành"), the title ("tên
   * Thông tư"), forms, a paragraph inside a unit ("đoạn 3 khoản 2 Điều 41"); `eId`: the unit that holds it, or ''.
   */
  whereOther: { text: string; eId: string }[];
  /**
   * The unit a container opens for the instructions under it, naming none itself: "Sửa đổi, bổ sung một số điểm,
   * khoản của Điều 38" (art_38), "một số điểm của khoản 2 Điều 23" (art_23, clause 2).
   */
  scope: RefPath | null;
  /** Forms (Mẫu) named, which are not units ("Mẫu số 02 và Mẫu số 03 Phụ lục I"): `refs` holds their appendices. */
  forms: string | null;
}

/** Quoted strings and the text between them, in order. */
export function quotes(s: string): { quoted: string[]; between: string[] } {
  const quoted: string[] = [];
  const between: string[] = [];
  let i = 0;
  for (;;) {
    const o = s.indexOf('“', i);
    if (o < 0) {
      between.push(s.slice(i));
      break;
    }
    between.push(s.slice(i, o));
    const c = s.indexOf('”', o + 1);
    if (c < 0) {
      quoted.push(s.slice(o + 1).trim());
      between.push('');
      break;
    }
    quoted.push(
      s
        .slice(o + 1, c)
        .replace(/\s+/g, ' ')
        .trim(),
    );
    i = c + 1;
  }
  return { quoted, between };
}

export const firstNumber = (s: string): string | null => {
  for (const r of findReferences(s.slice(0, 2000))) if (r.number) return r.number;
  return null;
};

export function emptySegment(verb: Verb): Segment {
  return {
    verb,
    refs: [],
    op: null,
    anchor: null,
    into: null,
    phrases: [],
    replacement: null,
    anchorPhrase: null,
    position: null,
    where: [],
    docNumber: null,
    works: [],
    problem: null,
    dash: null,
    whereUnread: null,
    whereOther: [],
    scope: null,
    forms: null,
  };
}
