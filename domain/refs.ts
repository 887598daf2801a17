/**
 * Document references: how people write a document's number, and how we derive a stable ASCII id from it.
 * ADR 0002 (eIds and work ids) explains the scheme.
 */
import { DOCUMENT_TYPE_LABELS, type DocumentType } from './document-types';
import { asciiKeepCase, fold, normalizeText, pascalAscii } from './text/normalize';
import { foldedWords } from './text/snippet';

/** Local issuers whose numbers repeat from province to province: the id then carries the province. */
const LOCAL_ISSUER_RE = /(^|-)(HĐND|UBND|CTUBND|HDND|CT-UBND)($|-)/i;

/**
 * The lookup key of a number or a reference typed by a person: folded, upper case, separators unified.
 * `59/2020/QH14`, `59-2020-qh14`, `Luật số 59/2020/QH14` and `59 / 2020 / QH14` give the same key;
 * `09/2022/TT-BLĐTBXH` and the id `09-2022-TT-BLDTBXH` too.
 */
export function referenceKey(ref: string): string {
  // "Luật số", "Số:", "Số hiệu:" (the word số itself, not sổ or sở, which fold to the same letters).
  const unprefixed = normalizeText(ref)
    .trim()
    .replace(/^(?:[\p{L} ]+\s)?(?:số|Số|SỐ|so|So|SO)(?![\p{L}\p{N}])(?:\s*(?:hiệu|hieu|HIỆU))?\s*:?\s*/u, '');
  let s = fold(unprefixed);
  // Hyphens, dashes (– —), slashes (/ ／ ⁄), dots, underscores and spaces all separate the parts of a number.
  s = s
    .replace(/[\s\-_.\u2010-\u2015\u2212\uFF0D\uFF0F\u2044]+/g, '/')
    .replace(/\/+/g, '/')
    .replace(/^\/|\/$/g, '');
  return s.toUpperCase();
}

/** True when the number's issuer part names a local body (HĐND, UBND): such numbers repeat across provinces. */
export function isLocalNumber(number: string): boolean {
  return LOCAL_ISSUER_RE.test(normalizeText(number));
}

/** True when the number carries no year (`19/VBHN-VPQH`, `169/QĐ-BLĐTBXH`): such numbers repeat across years. */
export function numberHasYear(number: string): boolean {
  return /\/(1[89]|20)\d\d\//.test(number);
}

/**
 * The stable id of a work: ASCII, from the number, with the year added when the number has none and the province
 * added for local issuers. `09/2022/TT-BLĐTBXH` → `09-2022-TT-BLDTBXH`; `19/VBHN-VPQH` of 2020 →
 * `19-VBHN-VPQH-2020`; `51/2025/NQ-HĐND` of Hà Nội → `51-2025-NQ-HDND-HaNoi`.
 */
export function workIdFor(input: { number: string; issued: string | null; place: string | null }): string {
  let id = asciiKeepCase(input.number)
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  if (!numberHasYear(input.number) && input.issued) id += `-${input.issued.slice(0, 4)}`;
  if (isLocalNumber(input.number) && input.place) id += `-${pascalAscii(input.place)}`;
  return id;
}

/** Id for a text whose number we could not read: stable for the same bytes. */
export function workIdForUnnumbered(sha256: string): string {
  return `unnumbered-${sha256.slice(0, 16)}`;
}

/** The shape of an id we generate: used to validate path parameters before touching a store. */
export const WORK_ID_RE = /^[A-Za-z0-9][A-Za-z0-9-]{0,127}$/;

// ---------------------------------------------------------------------------------------------------------------
// Documents cited by name and date ("Căn cứ Luật Doanh nghiệp ngày 17 tháng 6 năm 2020"), as a căn cứ usually cites
// a law: looked up by their type, title and date of issue (or year: "Bộ luật Hình sự năm 2015").

/** The words of a title for a lookup: folded, lower case, punctuation as spaces. */
function titleWords(title: string): string {
  return foldedWords(title).join(' ');
}

/** Words no title of a document has: "Luật này có hiệu lực …" is the citing text speaking of itself. */
const NOT_A_TITLE_RE = /(?:^| )(?:nay|hieu luc|quy dinh tai|theo quy dinh|duoc|sau day)(?: |$)/;

/** The lookup keys of a work by its type, title and date of issue: the date itself, and its year. */
export function nameKeys(work: { type: string | null; title: string | null; issued: string | null }): string[] {
  if (!work.type || !work.title || !work.issued) return [];
  const t = titleWords(work.title);
  if (!t) return [];
  return [`${work.type}|${t}|${work.issued}`, `${work.type}|${t}|${work.issued.slice(0, 4)}`];
}

/** The title a reference names: what precedes its date, year or number ("Luật Doanh nghiệp" in "Luật Doanh nghiệp ngày …"). */
export function referenceTitle(text: string): string {
  return normalizeText(text)
    .replace(/\s+(?:ngày\s+\d|năm\s+\d{4}|số\s+\d).*$/su, '')
    .trim();
}

/**
 * The lookup key of a reference without a number, by its type, title and date (or year); null when it lacks one of
 * them or its "title" is not one (the citing text speaking of itself).
 */
export function referenceNameKey(ref: { type: string | null; number: string | null; date: string | null; year?: string | null; text: string }): string | null {
  if (ref.number || !ref.type) return null;
  const when = ref.date ?? ref.year ?? null;
  if (!when) return null;
  const t = titleWords(referenceTitle(ref.text));
  const words = t.split(' ');
  // More than the type's own words ("Nghị quyết ngày 16/6/2025" names no title), and not the citing text itself.
  const typeWords = titleWords(DOCUMENT_TYPE_LABELS[ref.type as DocumentType] ?? '').split(' ').length;
  if (words.length <= typeWords || words.length > 30 || NOT_A_TITLE_RE.test(t)) return null;
  return `${ref.type}|${t}|${when}`;
}

/** The id of a document cited by name that is not in the database (a placeholder), ASCII from its key. */
export function workIdForName(key: string): string {
  return `name-${key
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')}`
    .slice(0, 128)
    .replace(/-$/, '');
}

/** Vietnam's constitutions, newest first, with the day each took effect. */
const CONSTITUTIONS = [
  { year: '2013', effective: '2014-01-01' },
  { year: '1992', effective: '1992-04-18' },
  { year: '1980', effective: '1980-12-19' },
  { year: '1959', effective: '1960-01-01' },
  { year: '1946', effective: '1946-11-09' },
] as const;

/** The year of the constitution in force on a date: what a căn cứ "Hiến pháp nước …" without a year cites. */
export function constitutionYearAt(date: string | null | undefined): string | null {
  if (!date) return null;
  return CONSTITUTIONS.find((c) => c.effective <= date)?.year ?? null;
}
