import { findReferences, type Reference, TYPE_ALT, TYPES } from '../parse/references';

/** The document types as printed: the same table references.ts reads citations with. */
export const TYPE_WORDS = TYPES;
export { TYPE_ALT };
const TYPE_G = new RegExp(String.raw`(?<![\p{L}])(?:${TYPE_ALT})(?![\p{L}])`, 'gu');
/** A document number: digits, then slash- or dash-separated parts, at least one of them with a letter (not a date). */
const NUMBER_G = /(?<![\p{L}\p{N}/])\d{1,5}[a-zA-Z]?(?:[/-][\p{L}\p{N}.-]+){1,6}/gu;
const LOOK_BACK = 220;

export interface LocatedRef {
  /** Index of the type word. */
  start: number;
  /** Index after the reference (number, date and issuer when printed). */
  end: number;
  /** Index after the number itself. */
  numberEnd: number;
  ref: Reference;
}

export function locateRefs(text: string): LocatedRef[] {
  const out: LocatedRef[] = [];
  let floor = 0;
  NUMBER_G.lastIndex = 0;
  for (let m = NUMBER_G.exec(text); m; m = NUMBER_G.exec(text)) {
    const raw = m[0];
    if (!/\/.*\p{L}|^\d+[a-zA-Z]?-\p{L}/u.test(raw)) continue;
    const from = Math.max(floor, m.index - LOOK_BACK);
    const back = text.slice(from, m.index);
    let typeAt = -1;
    TYPE_G.lastIndex = 0;
    for (let t = TYPE_G.exec(back); t; t = TYPE_G.exec(back)) typeAt = t.index;
    if (typeAt < 0) continue;
    const start = from + typeAt;
    const slice = text.slice(start, m.index + raw.length + 220);
    const [ref] = findReferences(slice);
    if (!ref?.number) continue;
    const end = start + Math.max(ref.text.length, m.index + raw.length - start);
    out.push({ start, end, numberEnd: m.index + raw.length, ref });
    floor = m.index + raw.length;
  }
  return out;
}
