/**
 * Metadata read from the head of a legal text: number/symbol, type, issuers, place, date, title.
 * Works on the normalised text of Công báo extractions and web renditions. Returns diagnostics for what it
 * could not find instead of guessing.
 */
import { isoDate } from '../dates';
import { DOCUMENT_TYPE_LABELS, type DocumentType, isNamedType, PRINTED_TYPES, typeFromSymbol } from '../document-types';
import type { Diagnostic, Scope } from '../model';
import { isLocalNumber } from '../refs';
import { CENTRAL_BODIES, issuerLabel, issuersOfNumber, provinceInName } from '../issuers';
import type { ConsolidatedSource, Reference } from './references';

export interface WorkMetadata {
  number: string | null;
  /** The legal bases (căn cứ) of the preamble, each with the document it names. */
  legalBases: Reference[];
  /** For a consolidated text (VBHN): the documents it merges, with their effective dates. */
  consolidates: ConsolidatedSource[];
  signer: { name: string; capacity: string } | null;
  type: DocumentType;
  title: string | null;
  issuers: string[];
  place: string | null;
  issued: string | null;
  scope: Scope;
}

/** Type words as printed in the title block (upper case), longest first so `THÔNG TƯ LIÊN TỊCH` wins over `THÔNG TƯ`. */
const TYPE_HEADINGS: [string, DocumentType][] = PRINTED_TYPES.map(([w, t]) => [w.toLocaleUpperCase('vi'), t]);

const NUMBER_BODY = String.raw`\d{1,5}[a-zA-Z]?(?:[/\-][A-Za-zĐđ0-9.]+)+`;
/** The number line of the title block: `Số: 09/2022/TT-BLĐTBXH`, `Luật số: 58/2014/QH13`, `SỐ 101-SL/L.003 NGÀY ...`. */
const NUMBER_LINE_RES = [
  new RegExp(
    String.raw`^(?:(?:Luật|LUẬT|Bộ\s+luật|Pháp\s+lệnh|Lệnh|Nghị\s+quyết|Quyết\s+định|Nghị\s+định|Thông\s+tư)\s+)?(?:Số|SỐ|số)\s*:\s*(${NUMBER_BODY}-?)`,
    'u',
  ),
  new RegExp(String.raw`^(?:(?:LUẬT|PHÁP LỆNH|SẮC LỆNH)\s+)?SỐ\s+(${NUMBER_BODY}-?)`, 'u'),
];
const WEB_NUMBER_LABEL_RE = /^Số hiệu\s*:?$/u;
const WEB_DATE_LABEL_RE = /^Ngày ban hành\s*:?$/u;
const AUTHENTICATED_RE = /XÁC\s+THỰC\s+VĂN\s+BẢN\s+HỢP\s+NHẤT/u;
const PASSED_ON_RE = /thông\s+qua\s+ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})/u;
const DATE_RE = /ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})/iu;
const PLACE_DATE_RE = /^([\p{L} .'-]{2,40}?),\s*ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})/u;
const WEB_DATE_RE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const NATIONAL_MOTTO_RE = /CỘNG\s+HÒA\s+XÃ\s+HỘI|Độc\s+lập\s+-\s+Tự\s+do/iu;
const FURNITURE_RE = /^(CÔNG BÁO\/|\d{1,4}$|VĂN BẢN QUY PHẠM PHÁP LUẬT$|[-_*|#]+$)/u;
/** How far into a text the title block may start: web renditions carry site chrome first. */
const HEAD_LINES = 160;

/** Head lines are short; a pathological line is cut so that no pattern here can take long on it. */
const MAX_LINE = 2000;
const clean = (l: string) => (l.length > MAX_LINE ? cleanShort(l.slice(0, MAX_LINE)) : cleanShort(l));
function cleanShort(l: string): string {
  let s = l.includes('*') ? l.replace(/\*+/g, '') : l;
  if (s.startsWith('#')) s = s.replace(/^#+\s*/, '');
  if (s.includes('  ') || s.includes('\t')) s = s.replace(/\s+/g, ' ');
  s = s.trim();
  if (s.startsWith('|')) s = s.slice(1).trimStart();
  if (s.endsWith('|')) s = s.slice(0, -1).trimEnd();
  return s;
}

/** A date of the title block: a real calendar date, in 1900–2200 (anything else is a slip in the text). */
function titleDate(d: string, m: string, y: string): string | null {
  const year = Number(y);
  return year < 1900 || year > 2200 ? null : isoDate(d, m, y);
}

function findNumber(lines: string[]): { number: string; line: number; text: string } | null {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    let m: RegExpExecArray | null = null;
    for (const re of NUMBER_LINE_RES) m ??= re.exec(line);
    // Web renditions: "**Số hiệu:**" on one line, the number on the next.
    if (!m && WEB_NUMBER_LABEL_RE.test(line)) m = new RegExp(`^(${NUMBER_BODY})`, 'u').exec(lines[i + 1] ?? '');
    if (!m?.[1]) continue;
    let number = m[1];
    // A number hard-wrapped after a hyphen: "01/2022/TTLT-VKSNDTC-" + "TANDTC-BCA-BQP-BLĐTBXH".
    if (number.endsWith('-')) {
      const next = /^([A-ZĐ0-9][A-ZĐ0-9-]*)/u.exec(lines[i + 1] ?? '');
      number = next?.[1] ? number + next[1] : number.slice(0, -1);
    }
    number = number.replace(/[.\-/]+$/, '');
    if (!/[/-]/.test(number) || !/[A-ZĐ]/u.test(number)) continue;
    return { number, line: i, text: line };
  }
  return null;
}

function typeFromNumber(number: string | null): DocumentType | null {
  if (!number) return null;
  return typeFromSymbol(number);
}

/** The enacting authority under the title ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH X", "CHÍNH PHỦ"): the title ends above it. */
const AUTHORITY_LINE_RE =
  /^(?:CHỦ TỊCH(?![\p{L}])|(?:ỦY|UỶ) BAN NHÂN DÂN\s|HỘI ĐỒNG NHÂN DÂN\s|CHÍNH PHỦ$|THỦ TƯỚNG CHÍNH PHỦ$|BỘ TRƯỞNG(?![\p{L}])|QUỐC HỘI$|(?:ỦY|UỶ) BAN THƯỜNG VỤ QUỐC HỘI$|RA SẮC LỆNH)/u;
/** A title line that continues onto the next one: it ends with a word that needs what follows. */
const CONTINUES_RE = /(?:(?:^|\s)(?:CỦA|VÀ|THUỘC|ĐỐI VỚI|VỀ|TẠI|TRONG|CHO)|[-,;])$/iu;
const DATE_WORDS = String.raw`(?:\d{1,2}[-/.]\d{1,2}[-/.]\d{4}|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4})`;
/** Older laws print their number and date in the title: "CỦA QUỐC HỘI ... SỐ 06/2003/QH11 NGÀY 17 THÁNG 6 NĂM 2003 VỀ LUẬT BIÊN GIỚI QUỐC GIA". */
const OLD_TITLE_HEAD_RE = new RegExp(
  String.raw`^(?:của\s+[^]{0,80}?\s+)?số\s+\S+(?:\s+ngày\s+${DATE_WORDS})?(?:\s+của\s+[^]{0,60}?(?=\s+về\s))?\s+(?:về\s+)?`,
  'iu',
);
/** … or after it: "DOANH NGHIỆP TƯ NHÂN CỦA QUỐC HỘI SỐ 48-LCT/HĐNN8 NGÀY 21/12/1990". */
const OLD_TITLE_TAIL_RE = new RegExp(String.raw`\s+của\s+quốc\s+hội(?![\p{L}])[^]{0,60}?\s+số\s+\S+(?:\s+ngày\s+${DATE_WORDS})?$`, 'iu');
const isUpper = (l: string) => l === l.toUpperCase() && /\p{Lu}/u.test(l);
/** A whole line in capitals of at least two words: a heading or an authority, not a wrapped acronym. */
const isUpperLine = (l: string) => isUpper(l) && /\p{Lu}{2,}\s+\p{Lu}{2,}/u.test(l);

/** The type heading at line i: the word may be wrapped ("QUYẾT" / "ĐỊNH") or carry a footnote marker ("NGHỊ ĐỊNH1"). */
function typeHeadingAt(lines: string[], i: number): { word: string; type: DocumentType; rest: string; next: number } | null {
  // A consolidated text glues its footnote marker to the type word: "NGHỊ ĐỊNH1".
  const one = (lines[i] ?? '').replace(/(?<=\p{Lu})\d{1,2}$/u, '');
  const two = `${one} ${lines[i + 1] ?? ''}`.trim();
  for (const [line, next] of [
    [one, i + 1],
    [two, i + 2],
  ] as const) {
    const heading = TYPE_HEADINGS.find(([w]) => line === w || line.startsWith(`${w} `));
    if (!heading || (next === i + 2 && line !== heading[0])) continue;
    const rest = line.slice(heading[0].length).trim();
    if (line !== line.toUpperCase() || /^-/.test(rest)) continue;
    return { word: heading[0], type: heading[1], rest, next };
  }
  return null;
}

/** The type heading line (`THÔNG TƯ`, `LUẬT`) and the title lines that follow it, up to the preamble. */
export function findTitle(lines: string[], from: number): { type: DocumentType; title: string | null } | null {
  for (let i = from; i < Math.min(lines.length, from + HEAD_LINES); i++) {
    const heading = typeHeadingAt(lines, i);
    if (!heading) continue;
    let type = heading.type;
    const parts: string[] = [];
    if (heading.rest) parts.push(heading.rest);
    for (let j = heading.next; j < lines.length && parts.length < 8; j++) {
      const l = lines[j] ?? '';
      if (!l || FURNITURE_RE.test(l)) continue;
      if (/^(Căn cứ|Theo đề nghị|Chương|CHƯƠNG|Phần|PHẦN|Điều\s+\d)/u.test(l)) break;
      // "Thực hiện ..." opens a preamble, or a title ("NGHỊ ĐỊNH / Thực hiện thí điểm quản lý lao động ...").
      if (parts.length > 0 && /^Thực hiện\s/u.test(l)) break;
      // A consolidated text lists its documents under the title: "Luật Bảo hiểm xã hội số 58/2014/QH13 ngày ...".
      if (
        /^(Luật|Bộ luật|Pháp lệnh|Nghị định|Thông tư|Quyết định|Nghị quyết)(?![\p{L}\p{N}])[^\n]{0,300}?\bsố\s+\d+\/[^\n]{0,120}?\bngày\b/u.test(
          l.slice(0, 500),
        )
      )
        break;
      const prev = parts[parts.length - 1];
      if (prev !== undefined && !CONTINUES_RE.test(prev)) {
        // The title ends where the case changes: a title in capitals followed by the preamble's sentence, or a title
        // in sentence case followed by the enacting authority in capitals.
        const upperTitle = parts.every(isUpper);
        if (upperTitle && !isUpper(l) && /\p{Ll}{2,}/u.test(l)) break;
        if (!upperTitle && isUpperLine(l)) break;
        if (AUTHORITY_LINE_RE.test(l)) break;
      }
      parts.push(l);
    }
    let title = parts.join(' ').replace(/\s+/g, ' ').trim();
    // "SẮC LỆNH / LUẬT SỐ 102-SL/L-004 NGÀY 20-5-1957 QUY ĐỊNH QUYỀN LẬP HỘI": the order promulgates a law.
    const inner = TYPE_HEADINGS.find(([w]) => title.startsWith(`${w} SỐ `));
    if (inner) {
      type = inner[1];
      title = title.slice(inner[0].length).trim();
    }
    const before = title;
    title = title.replace(OLD_TITLE_HEAD_RE, '').replace(OLD_TITLE_TAIL_RE, '');
    // "… VỀ LUẬT BIÊN GIỚI QUỐC GIA": the type word again.
    if (title !== before) {
      const again = TYPE_HEADINGS.find(([w]) => title.toLocaleUpperCase('vi').startsWith(`${w} `) && w === DOCUMENT_TYPE_LABELS[type].toLocaleUpperCase('vi'));
      if (again) title = title.slice(again[0].length).trim();
    }
    // A consolidated text glues footnote markers to the title's last word: "quy định về đăng ký thuế1".
    title = title.replace(/(?<=\p{Ll})\d{1,2}$/u, '');
    return { type, title: title || null };
  }
  return null;
}

/** Issuing bodies: the upper-case lines above the national motto, de-duplicated (the head is often printed twice). */
function findIssuers(lines: string[]): string[] {
  const motto = lines.findIndex((l) => /^CỘNG\s+HÒA\b/u.test(l) || NATIONAL_MOTTO_RE.test(l));
  if (motto < 0) return [];
  const block: string[] = [];
  for (let i = Math.max(0, motto - 14); i <= motto; i++) {
    // The motto may share its line with the issuer ("CHÍNH PHỦ CỘNG HÒA XÃ HỘI ..."): keep what stands before it.
    const l = i === motto ? ((lines[i] ?? '').split(/CỘNG\s+HÒA\b/u)[0]?.trim() ?? '') : (lines[i] ?? '');
    if (!l) continue;
    if (FURNITURE_RE.test(l) || /^[-_=.]+$/.test(l) || /^(Số|SỐ)(?![\p{L}\p{N}])/u.test(l) || /^\d/.test(l)) continue;
    if (l !== l.toUpperCase() || /^VĂN BẢN (QUY PHẠM PHÁP LUẬT|HỢP NHẤT)/u.test(l)) {
      block.length = 0;
      continue;
    }
    block.push(l.replace(/[-_]{3,}/g, '').trim());
  }
  let joined = block
    .join(' ')
    .replace(/\s+/g, ' ')
    .replace(/\s*CỘNG\s+HÒA\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM.*$/u, '')
    .replace(/\s*-\s*$/, '')
    .trim();
  // The head printed twice ("BỘ X BỘ X"): keep one.
  const half = joined.length / 2;
  if (Number.isInteger(half - 0.5) && joined.slice(0, half - 0.5) === joined.slice(half + 0.5)) joined = joined.slice(0, half - 0.5);
  if (!joined) return [];
  // "BỘ A - BỘ B" for joint documents; a hyphen inside a name ("LAO ĐỘNG - THƯƠNG BINH") is followed by a word
  // that does not start a body's name.
  const bodies = joined
    .split(/\s+-\s+(?=(?:BỘ|VIỆN|TÒA|TOÀ|ỦY|UỶ|HỘI ĐỒNG|CHÍNH PHỦ|QUỐC HỘI|KIỂM TOÁN|NGÂN HÀNG|TỔNG|VĂN PHÒNG|THANH TRA)(?![\p{L}\p{N}]))/u)
    .map((b) => b.replace(/\s*-\s*$/, '').trim())
    .filter(Boolean);
  return dedupeRepeatedHalves(bodies);
}

/**
 * The enacting authority printed above the preamble ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ", "BỘ TRƯỞNG BỘ TƯ
 * PHÁP"), as the body that issues: web renditions often drop the letterhead but keep this line.
 */
function authorityOf(head: string[]): string[] {
  const preamble = head.findIndex((l) => /^(?:Căn cứ|Theo đề nghị)/u.test(l));
  for (let i = preamble - 1; i >= Math.max(0, preamble - 3); i--) {
    const l = head[i] ?? '';
    if (!isUpperLine(l)) continue;
    const m = /^(?:CHỦ TỊCH\s+)?((?:ỦY|UỶ|ỦY) BAN NHÂN DÂN\s.+|HỘI ĐỒNG NHÂN DÂN\s.+?)(?:\s+KHÓA\s.*)?$/u.exec(l) ?? /^BỘ TRƯỞNG\s+(BỘ\s.+)$/u.exec(l);
    if (m?.[1]) return [m[1].trim()];
    if (/^(?:THỦ TƯỚNG CHÍNH PHỦ|CHÍNH PHỦ|QUỐC HỘI|(?:ỦY|UỶ) BAN THƯỜNG VỤ QUỐC HỘI)$/u.test(l)) return [l];
  }
  return [];
}

/** `[A, B, A, B]` → `[A, B]`; also `["BỘ X", "BỘ X"]`. */
function dedupeRepeatedHalves(items: string[]): string[] {
  const n = items.length;
  if (n % 2 === 0 && n > 0 && items.slice(0, n / 2).join('|') === items.slice(n / 2).join('|')) return items.slice(0, n / 2);
  return items;
}

export function extractMetadata(text: string): { metadata: WorkMetadata; diagnostics: Diagnostic[] } {
  // Blank lines and table pipes carry nothing here; dropping them lets "label / value" pairs sit on adjacent lines.
  // Only the head and the tail are read in full: the body of a long law needs no cleaning here.
  const raw = text.split('\n');
  const cleaned = (part: string[]) => part.map(clean).filter((l) => l.length > 0);
  const lines = cleaned(raw.slice(0, HEAD_LINES * 3));
  const tailLines = cleaned(raw.slice(-120));
  const head = lines.slice(0, HEAD_LINES);
  const diagnostics: Diagnostic[] = [];

  // A consolidated text may print its number only at the end, by the signature.
  const num = findNumber(head) ?? findNumber(lines) ?? findNumber(cleaned(raw.filter((l) => l.length < 300 && /(?:Số|SỐ|số)(?:\s+hiệu)?\s*:/u.test(l))));
  const number = num?.number ?? null;
  if (!number) diagnostics.push({ code: 'metadata.number_missing', severity: 'warning', message: 'No number/symbol (Số: ...) found' });

  let place: string | null = null;
  let issued: string | null = null;
  for (let i = 0; i < head.length; i++) {
    const l = head[i] ?? '';
    // The place and date may wrap: "Hà Nội, ngày 26" / "tháng 11 năm 2025".
    const m = PLACE_DATE_RE.exec(l) ?? PLACE_DATE_RE.exec(`${l} ${head[i + 1] ?? ''}`);
    if (m?.[1] && m[2] && m[3] && m[4]) {
      // The motto or the tail of a joint number may share the line: "Độc lập - Tự do - Hạnh phúc Hà Nội, ngày ...".
      place =
        m[1]
          .replace(/^.*Hạnh\s+phúc\s*/u, '')
          .replace(/^(?:[\p{Lu}\d]+[-/])+[\p{Lu}\d]+\s+/u, '')
          .trim() || null;
      issued = titleDate(m[2], m[3], m[4]);
      break;
    }
    if (WEB_DATE_LABEL_RE.test(l)) {
      const w = WEB_DATE_RE.exec(head[i + 1] ?? '');
      if (w?.[1] && w[2] && w[3]) issued = titleDate(w[1], w[2], w[3]);
    }
  }
  if (!issued && num) {
    const d = DATE_RE.exec(num.text) ?? /NGÀY\s+(\d{1,2})-(\d{1,2})-(\d{4})/u.exec(num.text);
    if (d?.[1] && d[2] && d[3]) issued = titleDate(d[1], d[2], d[3]);
  }
  if (!issued) {
    // Laws print the date they were passed at the end: "... thông qua ngày 29 tháng 6 năm 2024."
    const tail = tailLines.slice(-60).join(' ');
    const d = PASSED_ON_RE.exec(tail);
    if (d?.[1] && d[2] && d[3]) issued = titleDate(d[1], d[2], d[3]);
  }
  if (!issued) {
    // A consolidated text is dated where it is authenticated: "XÁC THỰC VĂN BẢN HỢP NHẤT / Hà Nội, ngày 10 tháng 02 năm
    // 2025" — at the end of its articles, which may be followed by many pages of appendices and footnotes.
    const at = raw.findLastIndex((l) => l.length < 300 && AUTHENTICATED_RE.test(l));
    const d =
      at >= 0
        ? cleaned(raw.slice(at + 1, at + 12))
            .slice(0, 5)
            .map((l) => PLACE_DATE_RE.exec(l))
            .find(Boolean)
        : null;
    if (d?.[2] && d[3] && d[4]) issued = titleDate(d[2], d[3], d[4]);
  }
  if (!issued) diagnostics.push({ code: 'metadata.date_missing', severity: 'warning', message: 'No date of issue (ngày ... tháng ... năm ...) found' });

  const titleAt = findTitle(lines, 0);
  const type = typeFromNumber(number) ?? titleAt?.type ?? 'unknown';
  if (type === 'unknown') diagnostics.push({ code: 'metadata.type_unknown', severity: 'warning', message: 'Document type not recognised' });

  // The letterhead names the issuers; when it was not read, the number's symbol names the central ones (QH, CP, BTC),
  // or the enacting authority above the preamble the local ones.
  const printed = findIssuers(head);
  let issuers = printed.length > 0 ? printed : issuersOfNumber(number);
  if (issuers.length === 0) issuers = authorityOf(head);
  // A law or a code is passed by the National Assembly (the older ones promulgated by the President's order).
  if (issuers.length === 0 && (type === 'luat' || type === 'bo_luat' || type === 'hien_phap')) issuers = ['Quốc hội'];

  // A title in capitals, lowered, gets back the names it holds: the place, the issuers and their province.
  const names = [...(place ? [place] : []), ...issuers.map(issuerLabel), ...issuers.map((i) => provinceInName(i) ?? '')];
  const title = titleAt ? titleCase(titleAt.type, titleAt.title, names.filter(Boolean)) : null;
  if (!title) diagnostics.push({ code: 'metadata.title_missing', severity: 'warning', message: 'No title found under the type heading' });
  const scope: Scope = number && isLocalNumber(number) ? 'province' : 'central';
  return { metadata: { number, legalBases: [], consolidates: [], signer: null, type, title, issuers, place, issued, scope }, diagnostics };
}

/** `LUẬT` + `DOANH NGHIỆP` → `Luật Doanh nghiệp`; a sentence-case title is kept as printed after the type word. */
/**
 * Names an upper-case title loses when it is lowered (issue 19): the place of issue, the country, the central bodies
 * (issuers.ts), the local councils and committees. Document numbers are put back in capitals too.
 */
function restoreCase(lowered: string, names: string[]): string {
  let s = lowered
    .replace(/(?<![\p{L}\p{N}])\d{1,5}\/(?:\d{4}\/)?[\p{L}\p{N}.]*\p{L}[\p{L}\p{N}.]*(?:-[\p{L}\p{N}.]+)*/gu, (n) => n.toUpperCase())
    .replace(/(?<![\p{L}])(ubnd|hđnd)(?![\p{L}])/gu, (n) => n.toUpperCase());
  // Longest first: "Ủy ban nhân dân tỉnh Quảng Trị" before "Quảng Trị".
  const all = [...names, 'Việt Nam', 'Hội đồng nhân dân', 'Ủy ban nhân dân', ...CENTRAL_BODIES].sort((x, y) => y.length - x.length);
  for (const name of all) {
    const lower = name.toLocaleLowerCase('vi');
    if (lower === name || !s.includes(lower)) continue;
    s = s.replace(new RegExp(`(?<![\\p{L}])${lower.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}])`, 'gu'), name);
  }
  return s;
}

function titleCase(type: DocumentType, title: string | null, names: string[] = []): string | null {
  if (!title) return null;
  const word = type === 'unknown' ? '' : DOCUMENT_TYPE_LABELS[type];
  const typeWord = word.charAt(0) + word.slice(1).toLowerCase();
  // An upper-case title is a name (`DOANH NGHIỆP` → `Doanh nghiệp`); a sentence-case one continues the type word
  // (`Hướng dẫn ...` → `Thông tư hướng dẫn ...`). Lowered, it gets its names back (restoreCase).
  const lower = title === title.toUpperCase() ? restoreCase(title.toLowerCase(), names) : title;
  const isName = isNamedType(type);
  const body = isName ? lower.charAt(0).toUpperCase() + lower.slice(1) : lower.charAt(0).toLowerCase() + lower.slice(1);
  return `${typeWord} ${body}`.trim();
}
