/**
 * CSV as RFC 4180 says: fields separated by commas, records by CRLF; a field holding a comma, a double quote, CR or
 * LF is enclosed in double quotes, and a double quote inside it is doubled. The one CSV writer of the project.
 *
 * Formula injection (issue 22): these files carry text typed by the public (draft comments) and open straight in
 * Excel or LibreOffice, which run a cell starting with `=`, `+`, `-`, `@`, tab or carriage return as a formula. As
 * the OWASP "CSV Injection" guidance says, such a cell gets a leading apostrophe (the spreadsheet then shows it as
 * text). Every such cell, with no exception: a negative number or a dash list item ("- điểm a") is prefixed too,
 * because telling a harmless "-1" from "-1+cmd|…" is exactly the parsing the attack abuses. Any other cell is
 * written byte for byte.
 */

const FORMULA_START = /^[=+\-@\t\r]/;

/** One field, neutralised when a spreadsheet would read it as a formula, quoted when it must be. */
export function csvField(value: string | number | null | undefined): string {
  const raw = value === null || value === undefined ? '' : String(value);
  const s = FORMULA_START.test(raw) ? `'${raw}` : raw;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * A whole file: the header and the records, CRLF after each record. `bom` (default) starts it with U+FEFF so that
 * Excel reads it as UTF-8 (Vietnamese letters) instead of the machine's ANSI code page.
 */
export function toCsv(header: string[], records: (string | number | null | undefined)[][], bom = true): string {
  const lines = [header, ...records].map((r) => r.map(csvField).join(','));
  return `${bom ? '\uFEFF' : ''}${lines.map((l) => `${l}\r\n`).join('')}`;
}
