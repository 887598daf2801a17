/**
 * Text normalisation and Vietnamese folding, shared by ingestion, both search engines and lookups, so that
 * every path folds the same way (see docs/adr/0004-text-folding.md).
 */

/**
 * Code points replaced after NFC: look-alike letters typed for Đ/đ (Ð U+00D0, Ɖ U+0189, ð U+00F0), the reversed
 * opening quote ‟ (U+201F, typed for “ in 28/2022/TT-BLĐTBXH: quoted new text must open with “), spaces other than
 * U+0020 (NBSP, narrow NBSP, figure and ideographic spaces, ...) and zero-width marks (removed). One pass.
 */
const REPLACEMENTS: Record<string, string> = { '\u00D0': 'Đ', '\u0189': 'Đ', '\u00F0': 'đ', '\u201F': '“' };
const ODD_CHARS_RE = /[\u00D0\u0189\u00F0\u201F\u00A0\u1680\u2000-\u200D\u202F\u205F\u2060\u3000\uFEFF]/g;

function replaceOdd(c: string): string {
  const r = REPLACEMENTS[c];
  if (r) return r;
  const code = c.charCodeAt(0);
  return (code >= 0x200b && code <= 0x200d) || code === 0x2060 || code === 0xfeff ? '' : ' ';
}

/** NFC, look-alike letters folded, odd spaces made plain, zero-width marks removed, line ends made `\n`. */
export function normalizeText(input: string): string {
  const unixLines = input.includes('\r') ? input.replace(/\r\n?/g, '\n') : input;
  return unixLines.normalize('NFC').replace(ODD_CHARS_RE, replaceOdd);
}

/** Folds one NFC code unit to its lowercase base letter: `Ể` → `e`, `Đ` → `d`. Surrogates map to themselves. */
function foldUnit(code: number): number {
  if (code < 0x80) return code >= 65 && code <= 90 ? code + 32 : code;
  if (code >= 0xd800 && code <= 0xdfff) return code;
  const c = String.fromCharCode(code);
  if (c === 'đ' || c === 'Đ') return 100; // d
  const base = c.normalize('NFD').charAt(0).toLowerCase();
  return base.length === 1 ? base.charCodeAt(0) : code;
}

/** code unit → folded code unit, filled on first use of each unit (0 = not computed yet). */
const FOLD_TABLE = new Uint16Array(0x10000);

function foldChar(c: string): string {
  return String.fromCharCode(foldCode(c.charCodeAt(0)));
}

function foldCode(code: number): number {
  let f = FOLD_TABLE[code] as number;
  if (f === 0 && code !== 0) {
    f = foldUnit(code);
    FOLD_TABLE[code] = f;
  }
  return f;
}

/**
 * Diacritics-insensitive, lowercase form of normalised text. Length-preserving (one UTF-16 unit per unit), so an
 * offset in the folded text is the same offset in the original: snippets and highlights map back exactly.
 * Input must already be NFC (normalizeText) for the result to be fully folded.
 */
export function fold(text: string): string {
  const out = new Uint16Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = foldCode(text.charCodeAt(i));
  return Buffer.from(out.buffer, out.byteOffset, out.byteLength).toString('utf16le');
}

/** ASCII slug of a name: `Hà Nội` → `HaNoi`, `Đà Nẵng` → `DaNang` (each word capitalised, others dropped). */
export function pascalAscii(name: string): string {
  return fold(normalizeText(name))
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}

/** ASCII fold keeping case: `BLĐTBXH` → `BLDTBXH`. */
export function asciiKeepCase(text: string): string {
  let out = '';
  for (const c of normalizeText(text)) {
    const f = foldChar(c);
    out += c !== c.toLowerCase() ? f.toUpperCase() : f;
  }
  return out;
}

/** code unit → 1 letter or digit, 2 anything else, 0 not yet classified (filled on first use). */
const WORD_TABLE = new Uint8Array(0x10000);
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;

function isWordCode(code: number): boolean {
  let k = WORD_TABLE[code] as number;
  if (k === 0) {
    k = LETTER_OR_DIGIT.test(String.fromCharCode(code)) ? 1 : 2;
    WORD_TABLE[code] = k;
  }
  return k === 1;
}

/**
 * The runs of letters and digits of a text: what `text.split(/[^\p{L}\p{N}]+/u)` gives without its empty strings, by
 * one scan over a table of code units (the Unicode regex split was the costliest step of indexing). A code point
 * beyond the BMP is read whole from its surrogate pair; a lone surrogate separates, as in the regex.
 */
export function wordsOf(text: string): string[] {
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let word: boolean;
    let width = 1;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        word = LETTER_OR_DIGIT.test(text.slice(i, i + 2));
        width = 2;
      } else word = false;
    } else word = c >= 0xd800 && c <= 0xdfff ? false : isWordCode(c);
    if (word) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      out.push(text.slice(start, i));
      start = -1;
    }
    i += width - 1;
  }
  if (start >= 0) out.push(text.slice(start));
  return out;
}
