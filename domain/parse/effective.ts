/**
 * The effective date from the effectiveness provision: "có hiệu lực thi hành từ ngày 01 tháng 7 năm 2025",
 * "... kể từ ngày 01/7/2025", "... kể từ ngày ký" (the date of issue). Articles headed "Hiệu lực ..." are read first.
 */
import type { Unit } from '../model';

const DATE_WORDS = /có hiệu lực(?: thi hành)?(?: kể)? từ ngày (\d{1,2}) tháng (\d{1,2}) năm (\d{4})/u;
const DATE_SLASH = /có hiệu lực(?: thi hành)?(?: kể)? từ ngày (\d{1,2})[/.-](\d{1,2})[/.-](\d{4})/u;
const FROM_SIGNING = /có hiệu lực(?: thi hành)?(?: kể)? từ ngày (?:ký|ký ban hành|thông qua)(?![\p{L}])/u;

function iso(d: string, m: string, y: string): string | null {
  const day = Number(d);
  const month = Number(m);
  const year = Number(y);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCDate() === day && date.getUTCMonth() === month - 1 ? `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` : null;
}

function* walk(units: Unit[]): Generator<Unit> {
  for (const u of units) {
    yield u;
    yield* walk(u.children);
  }
}

function dateIn(text: string, issued: string | null): string | null {
  // Quoted text belongs to the document being amended, not to this one.
  const own = text.replace(/“[^”]*”/gu, '');
  const w = DATE_WORDS.exec(own) ?? DATE_SLASH.exec(own);
  if (w?.[1] && w[2] && w[3]) return iso(w[1], w[2], w[3]);
  return FROM_SIGNING.test(own) ? issued : null;
}

export function effectiveDate(units: Unit[], issued: string | null): string | null {
  const all = [...walk(units)].filter((u) => u.kind !== 'attachment' && u.kind !== 'appendix');
  const articles = all.filter((u) => u.kind === 'article' && /hiệu lực/iu.test(u.heading ?? ''));
  for (const a of articles)
    for (const u of walk([a])) {
      const d = dateIn(`${u.heading ?? ''} ${u.text}`, issued);
      if (d) return d;
    }
  for (const u of all) {
    const d = dateIn(u.text, issued);
    if (d) return d;
  }
  return null;
}
