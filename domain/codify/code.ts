/**
 * Codes of codified articles (`Điều 20.5.LQ.1.`, `36.3.NĐ.1.1`, `14.5.NĐ.13.12d`): topic . heading . source type
 * . [ordinal of the source document in the heading .] source article. Decoding, encoding and the lookup form of a
 * code typed by a person.
 */
import { CODIFICATION_CODES, type DocumentType } from '../document-types';
import { fold, normalizeText } from '../text/normalize';

/** The source-type codes the export uses, with the document types each stands for (the registry's CODIFICATION_CODES). */
export const SOURCE_TYPES: Readonly<Record<string, readonly DocumentType[]>> = Object.fromEntries(CODIFICATION_CODES);

/** Document types a source-type code accepts in the source note (a `LQ` article may come from a Bộ luật). */
export function typeCodeAccepts(typeCode: string, type: DocumentType): boolean {
  return SOURCE_TYPES[typeCode]?.includes(type) ?? false;
}

export interface CodeParts {
  topic: number;
  heading: number;
  /** `LQ`, `NĐ`, ... as printed (upper case); may be one not in SOURCE_TYPES (the export has a `T`). */
  typeCode: string;
  /** The numbers after the type code: `['1']` (LQ.1), `['1', '2a']` (NĐ.1.2a), `['36', '33', '2']`. */
  segments: string[];
}

export interface DecodedCode extends CodeParts {
  /** Normalised code: `36.3.NĐ.1.1`. */
  code: string;
  headingId: string;
  /** First segment when there are two or more, else null. */
  ordinal: number | null;
  /** Last segment: the source article as the code gives it. */
  article: string;
}

const SEGMENT = String.raw`\d{1,4}[a-zđ]?`;
/** Anchored, no nested quantifiers over the same characters: linear. */
const CODE_RE = new RegExp(String.raw`^(\d{1,2})\.(\d{1,3})\.([A-ZĐ]{1,3})((?:\.${SEGMENT}){1,3})\.?$`, 'u');
/** The word Điều and its slips (`Đièu`, `Ðiều`, `Điêu`, `Dieu`), folded: any of them folds to `dieu`. */
const DIEU_PREFIX_RE = /^\s*dieu\s+/;

/** Reads a code as printed or typed: `Điều 20.5.LQ.1.`, `20.5.LQ.1`, `36.3.NĐ.1.1`, `36.3.ND.1.1`, `20.5.lq.1`. */
export function decodeCode(input: string): DecodedCode | null {
  let s = normalizeText(input).trim();
  if (s.startsWith('Điều ')) s = s.slice(5);
  else if (!/^\d/.test(s)) {
    const prefix = DIEU_PREFIX_RE.exec(fold(s));
    if (prefix) s = s.slice(prefix[0].length);
  }
  s = s.replace(/\s+/g, '');
  // Type codes in any case and without the stroke (ND, QD, nd): upper-case, D → Đ where the code needs it.
  const m = /^(\d{1,2})\.(\d{1,3})\.([\p{L}]{1,3})((?:\.\d{1,4}[\p{L}]?){1,3})\.?$/u.exec(s);
  if (!m?.[1] || !m[2] || !m[3] || !m[4]) return null;
  const typeCode = canonicalType(m[3]);
  const segments = m[4]
    .slice(1)
    .split('.')
    .map((x) => x.toLowerCase());
  const code = encodeCode({ topic: Number(m[1]), heading: Number(m[2]), typeCode, segments });
  if (!CODE_RE.test(code)) return null;
  const last = segments[segments.length - 1] as string;
  return {
    topic: Number(m[1]),
    heading: Number(m[2]),
    typeCode,
    segments,
    code,
    headingId: `${Number(m[1])}.${Number(m[2])}`,
    ordinal: segments.length >= 2 ? Number.parseInt(segments[0] as string, 10) : null,
    article: last,
  };
}

/** The normalised code of its parts: `{36, 3, 'NĐ', ['1','1']}` → `36.3.NĐ.1.1`. */
export function encodeCode(parts: CodeParts): string {
  return [String(parts.topic), String(parts.heading), parts.typeCode, ...parts.segments].join('.');
}

/** `Điều 36.3.NĐ.1.1.` (as the Code prints it). */
export function printCode(code: string): string {
  return `Điều ${code}.`;
}

/**
 * The lookup form of a code a person typed (`20.5.lq.1`, `Điều 20.5.LQ.1.`, `dieu 36.3.nd.1.1`): the normalised
 * code, or null when the input is not a code.
 */
export function normalizeCodeInput(input: string): string | null {
  return decodeCode(input)?.code ?? null;
}

/** `nd` → `NĐ`, `Qd` → `QĐ`, `lq` → `LQ`; unknown codes are upper-cased as they are. */
function canonicalType(raw: string): string {
  if (SOURCE_TYPES[raw]) return raw;
  const up = raw.toUpperCase();
  if (SOURCE_TYPES[up]) return up;
  const ascii = fold(up).toUpperCase();
  for (const known of Object.keys(SOURCE_TYPES)) if (fold(known).toUpperCase() === ascii) return known;
  return up;
}
