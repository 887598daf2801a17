/**
 * preamble.punctuation: each legal-basis entry of the preamble (`Căn cứ ...`, `Theo đề nghị ...`, `Xét ...`,
 * `Thực hiện ...`) ends with `;`, the last one before the enacting formula included; the enacting formula
 * (`Chính phủ ban hành Nghị định ...`) ends with `.`. Before a formula printed as a heading (`QUYẾT ĐỊNH:`,
 * the form of Decree 30/2020) the last entry may end with `.` as well. Entries are hard-wrapped: their lines are
 * joined first (an entry runs until a line that starts a new one, or that follows a line ending with `;`, `.` or `:`).
 */
import type { Diagnostic } from '../../model';
import type { PreambleLine } from '../../parse/types';
import { diag, type LintContext, type LintRule } from '../context';

/** Case matters: a wrapped line may begin with "thực hiện" in the middle of an entry. */
const STARTER_RE = /^(?:Căn\s+cứ|CĂN\s+CỨ|Theo\s+đề\s+nghị|Xét|Thực\s+hiện)(?=[\s,:]|$)/u;
const ISSUERS =
  'Quốc\\s+hội|Ủy\\s+ban\\s+[Tt]hường\\s+vụ\\s+Quốc\\s+hội|Uỷ\\s+ban\\s+[Tt]hường\\s+vụ\\s+Quốc\\s+hội|Chủ\\s+tịch|Chính\\s+phủ|Thủ\\s+tướng|Bộ\\s+trưởng|Thủ\\s+trưởng|Thống\\s+đốc|Tổng\\s+Kiểm\\s+toán|Tổng\\s+Thanh\\s+tra|Chánh\\s+án|Viện\\s+trưởng|Hội\\s+đồng|Ủy\\s+ban\\s+nhân\\s+dân|Uỷ\\s+ban\\s+nhân\\s+dân|Đoàn\\s+Chủ\\s+tịch|Ban\\s+Thường\\s+vụ';
/** `Chính phủ ban hành Nghị định ...`, `Bộ trưởng Bộ ... ban hành Thông tư ...`; the line may wrap right after `ban hành`. */
const FORMULA_RE = new RegExp(
  `^(?:${ISSUERS})(?![\\p{L}\\p{N}])[^;]{0,250}?(?<![\\p{L}\\p{N}])ban\\s+hành(?:\\s+(?:Luật|Bộ\\s+luật|Pháp\\s+lệnh|Nghị\\s+định|Nghị\\s+quyết|Thông\\s+tư|Quyết\\s+định|Chỉ\\s+thị|Lệnh|Quy\\s+chế|Quy\\s+định)|[*_\\s]*$)`,
  'u',
);
/** A formula printed as a heading: `QUYẾT ĐỊNH:`, `QUYẾT NGHỊ:`, `NGHỊ ĐỊNH:`, `RA SẮC LỆNH:`. */
const HEADING_FORMULA_RE = /^(?:QUYẾT\s+ĐỊNH|QUYẾT\s+NGHỊ|NGHỊ\s+ĐỊNH|RA\s+SẮC\s+LỆNH|RA\s+LỆNH|CHỈ\s+THỊ)\s*:?$/u;

type EntryKind = 'basis' | 'formula' | 'heading_formula' | 'other';
interface Entry {
  kind: EntryKind;
  text: string;
  firstLine: number;
  lastLine: number;
}

/** Markdown emphasis and the footnote marker a consolidated text glues after the final mark (`...;2`, `...;[3]`). */
const clean = (s: string) =>
  s
    .replace(/[*_]+/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/([;.,:])\s*(?:\d{1,3}|\[\d{1,3}\])$/u, '$1');

const kindOf = (line: string): EntryKind =>
  STARTER_RE.test(line) ? 'basis' : HEADING_FORMULA_RE.test(line) ? 'heading_formula' : FORMULA_RE.test(line) ? 'formula' : 'other';

export function preambleEntries(lines: PreambleLine[]): Entry[] {
  const entries: Entry[] = [];
  let current: Entry | null = null;
  for (const pl of lines) {
    if (!pl || typeof pl.text !== 'string') continue;
    const text = clean(pl.text);
    if (!text) continue;
    const kind = kindOf(text);
    const closed = !current || /[;.:]$/.test(current.text);
    // A new entry: a starter word, a formula, or any line after a finished entry.
    if (!current || closed || kind === 'basis' || kind === 'heading_formula' || kind === 'formula') {
      current = { kind, text, firstLine: pl.line, lastLine: pl.line };
      entries.push(current);
    } else {
      current.text = `${current.text} ${text}`;
      current.lastLine = pl.line;
    }
  }
  return entries;
}

const excerpt = (s: string) => (s.length > 70 ? `${s.slice(0, 67)}…` : s);
const ending = (s: string) => {
  const last = s.slice(-1);
  return /[\p{L}\p{N})\]]/u.test(last) ? 'no punctuation' : `"${last}"`;
};

function check(ctx: LintContext): Diagnostic[] {
  const { result } = ctx;
  const entries = preambleEntries(Array.isArray(result.preamble) ? result.preamble : []);
  const out: Diagnostic[] = [];
  const formulaAt = entries.findIndex((e) => e.kind === 'formula' || e.kind === 'heading_formula');
  const formula = formulaAt >= 0 ? entries[formulaAt] : undefined;
  const bases = entries.filter((e, i) => e.kind === 'basis' && (formulaAt < 0 || i < formulaAt));
  const lastBasis = bases[bases.length - 1];
  for (const e of bases) {
    if (e.text.endsWith(';')) continue;
    if (e === lastBasis && formula?.kind === 'heading_formula' && e.text.endsWith('.')) continue;
    const where = e === lastBasis && formula ? 'the last legal basis before the enacting formula' : 'a legal basis';
    out.push(
      diag(result, 'preamble.punctuation', 'warning', `Preamble: ${where} ends with ${ending(e.text)} instead of ";": "${excerpt(e.text)}"`, e.lastLine),
    );
  }
  if (formula?.kind === 'formula' && !formula.text.endsWith('.')) {
    out.push(
      diag(
        result,
        'preamble.punctuation',
        'warning',
        `Preamble: the enacting formula ends with ${ending(formula.text)} instead of ".": "${excerpt(formula.text)}"`,
        formula.lastLine,
      ),
    );
  }
  if (formula?.kind === 'heading_formula' && !formula.text.endsWith(':')) {
    out.push(diag(result, 'preamble.punctuation', 'warning', `Preamble: "${formula.text}" should end with ":"`, formula.lastLine));
  }
  return out;
}

export const preambleRule: LintRule = { name: 'preamble', scope: 'document', codes: ['preamble.punctuation'], check };
