/**
 * CSV as RFC 4180 says: fields separated by commas, records by CRLF; a field holding a comma, a double quote, CR or
 * LF is enclosed in double quotes, and a double quote inside it is doubled. The one CSV writer of the project.
 */

/** One field, quoted when it must be. */
export function csvField(value: string | number | null | undefined): string {
  const s = value === null || value === undefined ? '' : String(value);
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
