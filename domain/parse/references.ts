/**
 * References to other documents as printed in a text: "Nghị định số 27/2022/NĐ-CP ngày 19 tháng 4 năm 2022 của
 * Chính phủ ...", "Bộ luật Tố tụng hình sự ngày 27 tháng 11 năm 2015". Used for the legal bases (căn cứ) of a
 * document, the documents a consolidated text (VBHN) merges, and later for relations.
 */
import { isoDate } from '../dates';
import { PRINTED_ALT, PRINTED_TYPES } from '../document-types';
import type { ConsolidatedSource, Reference } from '../model';

/** The references' shapes live in the model (domain/model.ts). */
export type { ConsolidatedSource, Reference };

/** Document types as printed (the registry's PRINTED_TYPES: longest first, `Nghị quyết liên tịch` before `Nghị quyết`). */
export const TYPES = PRINTED_TYPES;
export const TYPE_ALT = PRINTED_ALT;
/** A date written with slashes (`16/6/2025`) is never a document's number. */
export const NOT_NUMBER = String.raw`\d{1,2}\/\d{1,2}\/\d{4}(?![\p{L}\p{N}\/\-])`;
/**
 * `27/2022/NĐ-CP`; a stray space after a hyphen is part of the number when upper-case letters follow
 * (`52/2024/QĐ- UBND`, also a symbol wrapped after its hyphen), never before a word (`QĐ- của`, `QĐ- Ủy ban`).
 */
const NUMBER = String.raw`(?!${NOT_NUMBER})\d{1,5}[a-zA-Z]?(?:\/[\p{L}\p{N}.\-]+(?:(?<=-) (?=\p{Lu}[\p{Lu}\p{N}]+(?![\p{L}\p{N}]))[\p{L}\p{N}.\-]+)*)+`;
const DATE = String.raw`\s+ngày\s+(\d{1,2})\s*(?:tháng\s+|\/)(\d{1,2})\s*(?:năm\s+|\/)(\d{4})`;
const ISSUER = String.raw`(?:\s+của\s+([^,;.]{2,80}?)(?=\s+(?:quy định|hướng dẫn|về|ban hành|sửa đổi|phê duyệt|thành lập|có hiệu lực)|[,;.]|$))?`;
/** With a number: "Nghị định số 27/2022/NĐ-CP ngày 19 tháng 4 năm 2022 của Chính phủ", "Thông tư 29/2016/TT-BNNPTNT". */
const WITH_NUMBER_RE = new RegExp(String.raw`(${TYPE_ALT})(?![\p{L}])([^;]{0,160}?)\s+(?:số\s+)?(${NUMBER})(?:${DATE})?${ISSUER}`, 'u');
/** Without a number: "Bộ luật Tố tụng hình sự ngày 27 tháng 11 năm 2015". */
const WITH_DATE_RE = new RegExp(String.raw`(${TYPE_ALT})(?![\p{L}])([^;]{0,160}?)${DATE}${ISSUER}`, 'u');
/** With its year only: "Bộ luật Hình sự năm 2015", "Luật Ngân sách nhà nước năm 2015". */
const WITH_YEAR_RE = new RegExp(String.raw`(${TYPE_ALT})(?![\p{L}])([^;]{2,160}?)\s+năm\s+((?:19|20)\d\d)(?![\p{L}\p{N}\/])${ISSUER}`, 'u');

/** Every reference in a text that names a number or a date (a bare "Luật này" is not a reference), one per clause. */
export function findReferences(text: string): Reference[] {
  const out: Reference[] = [];
  // Segments: sentences, list items, and "X và <type> số Y" (two numbered documents joined by "và").
  for (const segment of text
    .slice(0, 20_000)
    .split(
      /;|\.\s|,\s(?=(?:và\s)?(?:Luật|Bộ luật|Nghị định|Thông tư|Quyết định|Nghị quyết|Pháp lệnh)\s)|\s(?=và\s(?:Luật|Bộ luật|Nghị định|Thông tư|Quyết định|Nghị quyết|Pháp lệnh)\s(?:số\s)?\d)/u,
    )) {
    const n = WITH_NUMBER_RE.exec(segment);
    if (n?.[1] && n[3]) {
      out.push({
        type: TYPES.find(([w]) => w === n[1])?.[1] ?? null,
        number: n[3].replace(/- /gu, '-').replace(/[.\-/]+$/, ''),
        date: n[4] && n[5] && n[6] ? isoDate(n[4], n[5], n[6]) : null,
        issuer: n[7]?.trim() ?? null,
        text: n[0].trim(),
      });
      continue;
    }
    const d = WITH_DATE_RE.exec(segment);
    if (d?.[1] && d[3] && d[4] && d[5]) {
      out.push({
        type: TYPES.find(([w]) => w === d[1])?.[1] ?? null,
        number: null,
        date: isoDate(d[3], d[4], d[5]),
        issuer: d[6]?.trim() ?? null,
        text: d[0].trim(),
      });
      continue;
    }
    const y = WITH_YEAR_RE.exec(segment);
    if (y?.[1] && y[3])
      out.push({ type: TYPES.find(([w]) => w === y[1])?.[1] ?? null, number: null, date: null, year: y[3], issuer: y[4]?.trim() ?? null, text: y[0].trim() });
  }
  return out;
}

/** The legal bases of a preamble: each "Căn cứ ..." entry (wrapped lines joined) with the document it names. */
export function legalBases(preamble: { text: string }[]): Reference[] {
  const entries: string[] = [];
  for (const { text } of preamble) {
    if (/^Căn cứ(?![\p{L}])/u.test(text)) entries.push(text);
    else if (/^(Theo đề nghị|Theo đề xuất|Xét|Thực hiện)(?![\p{L}])/u.test(text) || /ban hành|QUYẾT ĐỊNH|quyết định:/u.test(text)) entries.push('');
    else if (entries.length > 0 && entries[entries.length - 1] !== '') entries[entries.length - 1] += ` ${text}`;
  }
  return entries
    .filter((e) => e !== '')
    .map((entry) => {
      const body = entry.replace(/^Căn cứ\s+/u, '').replace(/[;.,]\s*$/, '');
      const [first] = findReferences(body);
      if (first) return { ...first, text: body };
      const bare = new RegExp(`^(${TYPE_ALT})(?![\\p{L}])`, 'u').exec(body);
      return { type: TYPES.find(([w]) => w === bare?.[1])?.[1] ?? null, number: null, date: null, issuer: null, text: body };
    });
}

/**
 * The documents a consolidated text merges, from its head: the base document ("..., có hiệu lực kể từ ngày ...,
 * được sửa đổi, bổ sung bởi:") and each amending one ("1. Thông tư số ... có hiệu lực kể từ ngày ...").
 */
export function consolidatedSources(headLines: string[]): ConsolidatedSource[] {
  const head = headLines.join(' ').replace(/\s+/g, ' ');
  const at = head.search(/được sửa đổi,? bổ sung(?: một số điều)? bởi\s*:/u);
  if (at < 0) return [];
  const start = Math.max(0, head.lastIndexOf('.', Math.max(0, at - 400)) + 1);
  const stop = head.slice(at).search(/Căn cứ|Theo đề nghị|Chương\s+[IVX\d]|Điều\s+1\./u);
  const block = head.slice(start, stop < 0 ? undefined : at + stop);
  const pieces = block.split(/(?:được sửa đổi,? bổ sung(?: một số điều)? bởi\s*:)|(?:;\s*)|(?:\.\s+(?=\d+\.\s))|(?:\s\d+\.\s(?=[\p{Lu}]))/u);
  const out: ConsolidatedSource[] = [];
  for (const piece of pieces) {
    const [ref] = findReferences(piece);
    if (!ref?.number) continue;
    const eff = /có hiệu lực(?: thi hành)?(?: kể)? từ ngày (\d{1,2}) tháng (\d{1,2}) năm (\d{4})/u.exec(piece);
    out.push({ ...ref, effective: eff?.[1] && eff[2] && eff[3] ? isoDate(eff[1], eff[2], eff[3]) : null });
  }
  return out;
}

/** The signer and capacity from the signature block: "KT. BỘ TRƯỞNG / THỨ TRƯỞNG / Lê Văn Thanh". */
export function signerOf(lines: string[]): { name: string; capacity: string } | null {
  let capacity: string[] = [];
  // The block may follow a long list of recipients ("Nơi nhận: - …"); web renditions wrap it in ** and table bars,
  // and may put the cells of its table on one line ("Nơi nhận: … | XÁC THỰC VĂN BẢN HỢP NHẤT CHỦ NHIỆM Lê Quang Tùng").
  const cells = lines.slice(0, 60).flatMap((raw) => raw.split('|').flatMap(splitCapacityAndName));
  for (let k = 0; k < cells.length; k++) {
    const tidy = (c: string | undefined) => (c ?? '').replace(/\*+/g, ' ').replace(/\s+/g, ' ').trim();
    // A stamp's remains before the name ("y]Phạm Thị Thanh Trà").
    let l = tidy(cells[k]).replace(/^\p{Ll}{0,3}\]\s*/u, '');
    // A name wrapped by a web rendition's narrow cell: "Mai" / "Sơn".
    const next = tidy(cells[k + 1]);
    if (/^\p{Lu}\p{Ll}+$/u.test(l) && /^\p{Lu}\p{Ll}*(?: \p{Lu}\p{Ll}*){0,4}$/u.test(next)) {
      l = `${l} ${next}`;
      k++;
    }
    if (!l || /^Nơi nhận/u.test(l) || /^-/.test(l) || /^XÁC THỰC VĂN BẢN HỢP NHẤT$/u.test(l)) continue;
    if (l === l.toUpperCase() && /\p{Lu}/u.test(l)) {
      // "KT. BỘ TRƯỞNG" / "TM. ỦY BAN NHÂN DÂN" starts the capacity; lines above it belong to other blocks.
      // (A "KT." right under a "TM." line belongs to it: "TM. CHÍNH PHỦ / KT. THỦ TƯỚNG / PHÓ THỦ TƯỚNG".)
      if (/^(?:KT|TM|TL|TUQ|Q|T\/M)\./u.test(l) && !/^(?:TM|T\/M)\./u.test(capacity[capacity.length - 1] ?? '')) capacity = [];
      capacity.push(l);
      continue;
    }
    // A military rank may precede the name ("Thượng tướng Lê Huy Vịnh"): it is printed with it.
    const rank = /^(?:Đại|Thượng|Trung|Thiếu) (?:tướng|tá|úy|uý) /u.exec(l)?.[0] ?? '';
    const words = l.slice(rank.length).split(/\s+/);
    const isName = words.length >= 2 && words.length <= 6 && words.every((w) => /^\p{Lu}\p{Ll}*$/u.test(w));
    if (isName && capacity.length > 0) return { name: l, capacity: capacity.slice(-3).join(' / ') };
    // Older laws print the name alone, "(Đã ký)" under it: the capacity is not printed.
    if (isName && /^\(Đã\s+ký\)$/u.test((cells[k + 1] ?? '').trim())) return { name: l, capacity: '' };
  }
  return null;
}

/** "XÁC THỰC VĂN BẢN HỢP NHẤT CHỦ NHIỆM Lê Quang Tùng": the capacity in capitals, then the name, in one cell. */
function splitCapacityAndName(cell: string): string[] {
  const m = /^(.*\p{Lu}{2,}[.\s]*?)\s+(\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}*){1,5})\s*$/u.exec(cell.trim());
  if (!m?.[1] || !m[2] || m[1] !== m[1].toUpperCase()) return [cell];
  return [...m[1].split(/\s+(?=XÁC THỰC|KT\.|TM\.|TL\.)|(?<=HỢP NHẤT)\s+/u), m[2]];
}
