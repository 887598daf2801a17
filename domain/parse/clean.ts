/**
 * Line cleaning: the normalised text split into lines, each cleaned of markup and classified. Line numbers are
 * kept (one entry per input line), so diagnostics and units point at the line a person sees in the file.
 */

export type LineClass = 'text' | 'blank' | 'furniture' | 'footnote_separator';

export interface Line {
  /** 1-based line number in the input. */
  no: number;
  /** The line as normalised, before cleaning. */
  raw: string;
  /** Markup removed, spaces collapsed, trimmed. */
  text: string;
  cls: LineClass;
}

/**
 * The gazette's running head: "CÔNG BÁO/Số 685 + 686/Ngày 30-4-2023", with the page number before it on the same line
 * ("40 CÔNG BÁO/Số 347 + 348/Ngày 25-02-2025") or a letter lost in the extraction ("CÔNG BÁ/Số 256/Ngày ...": a lost
 * letter is accepted only with the issue number and date after it).
 */
const RUNNING_HEAD =
  /^(?:\d{1,4}\s+)?(?:CÔNG BÁO\s*\/\s*Số(?![\p{L}\p{N}])|C[ÔO]?N?G\s*B[ÁA]?O?\s*\/\s*S[ốo]?\s*\d{1,5}(?:\s*\+\s*\d{1,5})?\s*\/\s*Ngày\s+\d)/u;

/** Gazette running heads, page numbers, digital-signature stamps, continuation notes, separator rules. */
const FURNITURE: RegExp[] = [
  RUNNING_HEAD,
  /^(Người ký|Ký bởi|Email|Cơ quan|Thời gian ký|Chức vụ)\s*:/u,
  // The stamp's date as the gazette's signing software prints it: "Ngày ký: 2026-05-29 15:14:06 +07:00".
  /^Ngày ký\s*:\s*\d{4}-\d{2}-\d{2}/u,
  /^\(Xem tiếp Công báo số(?![\p{L}\p{N}])/u,
  /^[-_=.·…]{3,}$/,
];

/** The first characters furniture lines can start with: the patterns above are tried only after these. */
const FURNITURE_FIRST = new Set(['C', 'N', 'K', 'E', 'T', '(', '-', '_', '=', '.', '·', '…']);

/** Is this cleaned line furniture? A line that starts with a digit can only be a running head with its page number. */
function isFurniture(body: string): boolean {
  const first = body.charCodeAt(0);
  if (first >= 48 && first <= 57) return body.includes('/') && RUNNING_HEAD.test(body);
  return FURNITURE_FIRST.has(body.charAt(0)) && FURNITURE.some((re) => re.test(body));
}

/** Markdown and table markup of web renditions: emphasis, heading hashes, table pipes, escaped characters. */
function stripMarkup(s: string): string {
  let out = s.includes('*') ? s.replace(/\*+/g, '') : s;
  if (out.includes('#')) out = out.replace(/^\s*#{1,6}\s+/, '');
  if (out.includes('|')) {
    out = out.trim();
    if (out.startsWith('|')) out = out.slice(1);
    if (out.endsWith('|')) out = out.slice(0, -1);
  }
  return out.includes('\\') ? out.replace(/\\([\\`*_{}[\]()#+\-.!|])/g, '$1') : out;
}

export function cleanLines(text: string, format: string): Line[] {
  const rawLines = text.split('\n');
  const out: Line[] = new Array(rawLines.length);
  const markdown = format === 'markdown';
  for (let i = 0; i < rawLines.length; i++) {
    const raw = rawLines[i] as string;
    // The footnote rule of the gazette: a line of spaces only, long, just above the notes at a page bottom.
    if (raw.length >= 20 && raw.trim() === '') {
      out[i] = { no: i + 1, raw, text: '', cls: 'footnote_separator' };
      continue;
    }
    let body = markdown || raw.includes('*') || raw.includes('|') || raw.includes('#') || raw.includes('\\') ? stripMarkup(raw) : raw;
    if (body.includes('  ') || body.includes('\t')) body = body.replace(/[ \t]+/g, ' ');
    body = body.trim();
    const cls: LineClass = body === '' ? 'blank' : isFurniture(body) ? 'furniture' : 'text';
    out[i] = { no: i + 1, raw, text: body, cls };
  }
  // A bare number is a page number only beside a gazette running head; elsewhere (web tables flattened one cell per
  // line) it is content.
  const heads = out.filter((l) => l.cls === 'furniture' && RUNNING_HEAD.test(l.text)).map((l) => l.no - 1);
  for (const h of heads)
    for (let j = Math.max(0, h - 8); j <= Math.min(out.length - 1, h + 3); j++) {
      const l = out[j] as Line;
      if (l.cls === 'text' && /^\d{1,4}$/.test(l.text)) l.cls = 'furniture';
    }
  return out;
}
