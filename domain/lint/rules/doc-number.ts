/**
 * number.missing / number.malformed / number.no_year / number.year_mismatch: the number/symbol (số, ký hiệu).
 * Normative documents (Law 80/2015 Art. 8; Law 64/2025 keeps it): `<n>/<yyyy>/<symbol>` — `59/2020/QH14`,
 * `09/2022/TT-BLĐTBXH`, `01/2022/TTLT-VKSNDTC-TANDTC-BCA-BQP-BLĐTBXH`, `51/2025/NQ-HĐND`; consolidated texts:
 * `<n>/VBHN-<issuer>`. The administrative form of Decree 30/2020 (`169/QĐ-BLĐTBXH`, no year) is right for an
 * individual decision and only noted.
 */
import type { Diagnostic } from '../../model';
import type { LintContext, LintRule } from '../context';

/** A part of the symbol: upper case first (`TT`, `BLĐTBXH`, `QH14`); `TTg` (Thủ tướng) keeps its small g. */
const PART = '[A-ZĐ][A-ZĐ0-9]*[a-zđ]?[A-ZĐ0-9]*';
const SYMBOL = `${PART}(?:-${PART})*`;
export const NORMATIVE_NUMBER_RE = new RegExp(`^(\\d{1,5})/(\\d{4})/(${SYMBOL})$`, 'u');
export const VBHN_NUMBER_RE = new RegExp(`^\\d{1,5}/VBHN-${SYMBOL}$`, 'u');
export const ADMIN_NUMBER_RE = new RegExp(`^\\d{1,5}/${PART}-${SYMBOL}$`, 'u');

const FORMS = '<n>/<yyyy>/<symbol> (59/2020/QH14, 09/2022/TT-BLĐTBXH) or, for a consolidated text, <n>/VBHN-<issuer>';

function check(ctx: LintContext): Diagnostic[] {
  const meta = ctx.result.metadata;
  const raw = meta && typeof meta.number === 'string' ? meta.number.normalize('NFC').trim() : '';
  const severity = ctx.strict ? 'error' : 'warning';
  if (!raw) return [{ code: 'number.missing', severity, message: 'The document has no number/symbol (Số: ...)' }];
  const normative = NORMATIVE_NUMBER_RE.exec(raw);
  if (normative) {
    const year = Number(normative[2]);
    const issued = typeof meta.issued === 'string' && /^\d{4}-/.test(meta.issued) ? Number(meta.issued.slice(0, 4)) : null;
    if (year < 1945 || year > 2200)
      return [{ code: 'number.malformed', severity, message: `Number "${raw}": ${normative[2]} is not a plausible year of issue` }];
    if (issued !== null && issued !== year)
      return [
        {
          code: 'number.year_mismatch',
          severity: 'warning',
          message: `Number "${raw}" carries the year ${year} but the document is dated ${meta.issued}`,
        },
      ];
    return [];
  }
  if (VBHN_NUMBER_RE.test(raw)) return [];
  if (ADMIN_NUMBER_RE.test(raw) && !/^\d+\/VBHN\b/u.test(raw))
    return [
      {
        code: 'number.no_year',
        severity: 'info',
        message: `Number "${raw}" has the form of an administrative document (Decree 30/2020); a normative document is numbered ${FORMS}`,
      },
    ];
  return [{ code: 'number.malformed', severity, message: `Number "${raw}" does not follow the form ${FORMS}` }];
}

export const docNumberRule: LintRule = {
  name: 'doc-number',
  scope: 'document',
  codes: ['number.missing', 'number.malformed', 'number.no_year', 'number.year_mismatch'],
  check,
};
