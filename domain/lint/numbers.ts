/**
 * How unit numbers are read for sequence checks: Arabic numbers with inserted suffixes (`6a`, `1a`), Roman
 * numerals (`IV`, `XXXIX`, `IIa`), ordinal words of parts (`thứ nhất`), and point letters in the Vietnamese
 * order (a b c d đ e g h i k l m n o p q r s t u v x y) with inserted digits (`c1`, `đ1`).
 */
import type { UnitKind } from '../model';
import { parseRoman, toRoman } from '../text/numerals';

export { parseRoman, toRoman };

/** The letters a point may carry, in order. f, j, w and z are not in the Vietnamese alphabet. */
export const POINT_LETTERS = ['a', 'b', 'c', 'd', 'đ', 'e', 'g', 'h', 'i', 'k', 'l', 'm', 'n', 'o', 'p', 'q', 'r', 's', 't', 'u', 'v', 'x', 'y'] as const;
/** Latin letters that are not Vietnamese point letters. */
export const INVALID_POINT_LETTERS = ['f', 'j', 'w', 'z'] as const;

/** Order of the letter suffix of an inserted number (`6a` < `6b`); đ sorts after d. */
const SUFFIX_ORDER = 'abcdđefghijklmnopqrstuvwxyz';

/**
 * A number read for ordering: `base` is the main rank (6 for `6a`, 3 for `c`, 4 for `IV`); `sub` is the inserted
 * rank (0 when none, 1 for `6a` or `c1`). `invalidLetter` marks a point letter outside the Vietnamese alphabet.
 */
export interface NumKey {
  base: number;
  sub: number;
  invalidLetter?: string;
}

const ORDINAL_WORDS: Record<string, number> = {
  nhất: 1,
  một: 1,
  hai: 2,
  ba: 3,
  tư: 4,
  bốn: 4,
  năm: 5,
  sáu: 6,
  bảy: 7,
  bẩy: 7,
  tám: 8,
  chín: 9,
  mười: 10,
};

/** `thứ nhất` → 1, `thứ mười hai` → 12, `Thứ Hai` → 2; null for anything else. */
export function parseOrdinalWords(s: string): number | null {
  const words = s.toLowerCase().normalize('NFC').trim().split(/\s+/);
  if (words[0] === 'thứ') words.shift();
  if (words.length === 0 || words.length > 3) return null;
  const values = words.map((w) => ORDINAL_WORDS[w]);
  if (values.some((v) => v === undefined)) return null;
  const [a, b, c] = values as number[];
  if (words.length === 1) return a ?? null;
  if (a === 10 && b !== undefined && b < 10 && c === undefined) return 10 + b;
  if (a !== undefined && a < 10 && b === 10 && c === undefined) return a * 10;
  if (a !== undefined && a < 10 && b === 10 && c !== undefined && c < 10) return a * 10 + c;
  return null;
}

const suffixRank = (s: string): number => (s ? SUFFIX_ORDER.indexOf(s.toLowerCase()) + 1 : 0);

/** Reads `num` as printed for a unit of `kind`; null when it cannot be ordered (the unit is then left out). */
export function parseNum(kind: UnitKind, num: unknown): NumKey | null {
  if (typeof num !== 'string') return null;
  const s = num
    .normalize('NFC')
    .trim()
    .replace(/[.):]+$/, '');
  if (!s || s.length > 40) return null;
  if (kind === 'point') {
    const m = /^([a-zđ])(\d{0,3})$/u.exec(s.toLowerCase());
    if (!m?.[1]) return null;
    const letter = m[1];
    const sub = m[2] ? Number(m[2]) : 0;
    const index = (POINT_LETTERS as readonly string[]).indexOf(letter);
    if (index < 0) return { base: -1, sub, invalidLetter: letter };
    return { base: index + 1, sub };
  }
  const arabic = /^(\d{1,4})([a-zđ]?)$/u.exec(s);
  if (arabic?.[1]) return { base: Number(arabic[1]), sub: suffixRank(arabic[2] ?? '') };
  if (kind === 'chapter' || kind === 'part' || kind === 'section' || kind === 'subsection') {
    const roman = /^([IVXLCDM]+)([a-zđ]?)$/u.exec(s);
    const value = roman?.[1] ? parseRoman(roman[1]) : null;
    if (value !== null) return { base: value, sub: suffixRank(roman?.[2] ?? '') };
    const words = parseOrdinalWords(s);
    if (words !== null) return { base: words, sub: 0 };
  }
  return null;
}

/** The point letter of rank `base` (1 → `a`; past `y`, the second round: 24 → `a1`), for messages. */
export function pointLetter(base: number): string {
  if (base < 1) return '?';
  const round = Math.floor((base - 1) / POINT_LETTERS.length);
  const letter = POINT_LETTERS[(base - 1) % POINT_LETTERS.length] as string;
  return round === 0 ? letter : `${letter}${round}`;
}
