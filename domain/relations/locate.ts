/**
 * Numbered references with their place in a text: each number (`58/2014/QH13`) with the document type printed
 * before it ("Luật Bảo hiểm xã hội số ..."), read with parse/references.ts. Linear: one pass over the numbers, a
 * bounded look-back and a bounded look-ahead for each.
 */
import type { DocumentType } from '../model';
import { findReferences, type Reference } from '../parse/references';

export const TYPE_WORDS: [string, DocumentType][] = [
  ['Hiến pháp', 'hien_phap'],
  ['Bộ luật', 'bo_luat'],
  ['Luật', 'luat'],
  ['Pháp lệnh', 'phap_lenh'],
  ['Nghị quyết liên tịch', 'nghi_quyet_lien_tich'],
  ['Nghị quyết', 'nghi_quyet'],
  ['Nghị định', 'nghi_dinh'],
  ['Quyết định', 'quyet_dinh'],
  ['Chỉ thị', 'chi_thi'],
  ['Thông tư liên tịch', 'thong_tu_lien_tich'],
  ['Thông tư', 'thong_tu'],
  ['Văn bản hợp nhất', 'van_ban_hop_nhat'],
  ['Lệnh', 'lenh'],
];
export const TYPE_ALT = TYPE_WORDS.map(([w]) => w).join('|');
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
