/**
 * Document references: how people write a document's number, and how we derive a stable ASCII id from it.
 * ADR 0002 (eIds and work ids) explains the scheme.
 */
import { asciiKeepCase, fold, normalizeText, pascalAscii } from './text/normalize';

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
