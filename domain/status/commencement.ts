/**
 * Provisions that take effect on their own dates (issue 18): "Luật này có hiệu lực thi hành từ ngày 01 tháng 01 năm
 * 2016, trừ quy định tại điểm b khoản 1 và khoản 2 Điều 2 của Luật này thì có hiệu lực thi hành kể từ ngày 01 tháng 01
 * năm 2018"; "khoản 3 Điều 19 Thông tư này có hiệu lực từ ngày …"; "Điều 15, Điều 16 Thông tư này có hiệu lực từ
 * ngày …". Read from the work's own units (the sentences that give a date of effect and name units of "… này"), so a
 * stored work needs no new field. Pure.
 */
import { PRINTED_ALT } from '../document-types';
import { dateIn, ownText } from '../parse/effective';
import { citedEIds } from '../relations/citations';

export interface Commencement {
  /** The unit that takes effect on its own date. */
  eId: string;
  date: string;
  /** The unit whose sentence says so (the effectiveness provision). */
  sourceEId: string;
}

interface UnitText {
  eId: string;
  kind: string;
  heading: string | null;
  text: string;
}

const EFFECT = String.raw`(?:thì |sẽ )*có hiệu lực(?: thi hành)?(?: kể)? từ ngày`;
/** "…, trừ quy định tại <units> [của Luật này] thì có hiệu lực … từ ngày D". */
const EXCEPT_RE = new RegExp(
  String.raw`trừ (?:các |những )?(?:trường hợp |nội dung )?(?:quy định |các quy định )?tại (.{3,200}?)(?:,? (?:của )?(?:${PRINTED_ALT}) này)?,? ${EFFECT}`,
  'u',
);
/** "<units> [của] Thông tư này có hiệu lực … từ ngày D" (the sentence's subject is units of this document). */
const OWN_UNITS_RE = new RegExp(String.raw`^(?:riêng |các |quy định tại |các quy định tại )*(.{3,200}?),? (?:của )?(?:${PRINTED_ALT}) này ${EFFECT}`, 'iu');
/** Another document named in the subject: its units are not this one's. */
const OTHER_DOCUMENT_RE = /\bsố\s*\d|\d+\/\d{4}\//u;

/** The units of this work that take effect on a date of their own, other than the work's. */
export function unitCommencements(units: UnitText[], issued: string | null, effective: string | null): Commencement[] {
  let known: Set<string> | null = null;
  const out = new Map<string, Commencement>();
  for (const u of units) {
    if (u.kind === 'appendix' || u.kind === 'attachment' || !u.text.includes('có hiệu lực') || !u.text.includes(' này')) continue;
    for (const sentence of ownText(u.text).split(/[.;]\s|\n/u)) {
      const s = sentence.trim();
      const subject = EXCEPT_RE.exec(s)?.[1] ?? OWN_UNITS_RE.exec(s)?.[1];
      if (!subject || OTHER_DOCUMENT_RE.test(subject)) continue;
      // The date given for those units: the last one in the sentence (the first is the work's own in "trừ …").
      const tail = s.slice(s.indexOf(subject) + subject.length);
      const date = dateIn(tail, issued);
      if (!date || date === effective) continue;
      known ??= new Set(units.map((x) => x.eId));
      for (const eId of citedEIds(subject)) if (known.has(eId) && !out.has(eId)) out.set(eId, { eId, date, sourceEId: u.eId });
    }
  }
  return [...out.values()];
}
