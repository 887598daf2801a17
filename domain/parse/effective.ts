/**
 * The effective date from the effectiveness provision: "có hiệu lực thi hành từ ngày 01 tháng 7 năm 2025",
 * "... kể từ ngày 01/7/2025", "... kể từ ngày ký" / "kể từ ngày ban hành" (the date of issue).
 *
 * The document's own provision comes first: a sentence whose subject is the document ("Luật này", "Quyết định này",
 * "Nghị quyết này đã được ... thông qua ngày ... và có hiệu lực từ ngày ..."). Only when there is none are articles
 * headed "Hiệu lực ..." read, then any unit: a law also speaks of the effect of other acts ("thỏa ước ... có hiệu lực
 * kể từ ngày ký kết", "nghị quyết của Hội đồng thành viên có hiệu lực kể từ ngày được thông qua"), and those dates are
 * not its own.
 */
import { isoDate } from '../dates';
import { PRINTED_ALT } from '../document-types';
import type { Unit } from '../model';

const EFFECT = 'có hiệu lực(?: thi hành)?(?: kể)? từ ngày';
const DATE_WORDS = new RegExp(String.raw`${EFFECT} (\d{1,2}) tháng (\d{1,2}) năm (\d{4})`, 'u');
const DATE_SLASH = new RegExp(String.raw`${EFFECT} (\d{1,2})[/.-](\d{1,2})[/.-](\d{4})`, 'u');
/** The date of issue: "kể từ ngày ký", "ký ban hành", "ban hành", "thông qua"; not "ngày ký kết" (a contract). */
const FROM_SIGNING = new RegExp(String.raw`${EFFECT} (?:ký ban hành|ký|ban hành|thông qua)(?![\p{L}\p{N}])(?! kết)`, 'u');
/** A sentence whose subject is the document itself. */
const OWN_SUBJECT = new RegExp(String.raw`^(?:${PRINTED_ALT}) này(?![\p{L}\p{N}])`, 'u');

function* walk(units: Unit[]): Generator<Unit> {
  for (const u of units) {
    yield u;
    yield* walk(u.children);
  }
}

/** The unit's own words: quoted text belongs to the document being amended, not to this one; spaces made single. */
export const ownText = (text: string) => text.replace(/“[^”]*”/gu, '').replace(/\s+/gu, ' ');

/** The date a sentence says something takes effect from (in words, in numbers, or "từ ngày ký"), or null. */
export function dateIn(own: string, issued: string | null): string | null {
  const w = DATE_WORDS.exec(own) ?? DATE_SLASH.exec(own);
  if (w?.[1] && w[2] && w[3]) return isoDate(w[1], w[2], w[3]);
  return FROM_SIGNING.test(own) ? issued : null;
}

/** The date of the document's own provision in this unit: a sentence that starts with "<Type> này". */
function ownProvision(u: Unit, issued: string | null): string | null {
  for (const part of [u.heading ?? '', u.text]) {
    if (!part.includes('có hiệu lực')) continue;
    for (const sentence of ownText(part).split(/[.;]\s|\n/u)) {
      const s = sentence.trim();
      if (!OWN_SUBJECT.test(s)) continue;
      const d = dateIn(s, issued);
      if (d) return d;
    }
  }
  return null;
}

export function effectiveDate(units: Unit[], issued: string | null): string | null {
  const all = [...walk(units)].filter((u) => u.kind !== 'attachment' && u.kind !== 'appendix');
  for (const u of all) {
    const d = ownProvision(u, issued);
    if (d) return d;
  }
  const articles = all.filter((u) => u.kind === 'article' && /hiệu lực/iu.test(u.heading ?? ''));
  for (const a of articles)
    for (const u of walk([a])) {
      const d = dateIn(ownText(`${u.heading ?? ''} ${u.text}`), issued);
      if (d) return d;
    }
  for (const u of all) {
    const d = dateIn(ownText(u.text), issued);
    if (d) return d;
  }
  return null;
}
