/**
 * Instructions that begin with their verb: "Sửa đổi, bổ sung Điều 5 như sau:", "Bãi bỏ khoản 3 Điều 2", "Thay thế
 * Phụ lục I", "Đình chỉ ...", "Ngưng hiệu lực ... từ ngày ... đến ngày ...", "Đính chính ...". The first verb names
 * the relation; replacing or deleting words ("cụm từ", "từ") amends the units named after "tại"; "... một số điều của
 * X" opens a run of instructions on X; "...:" with nothing named opens a list.
 */
import { isoDate } from '../../dates';
import type { RelationType } from '../types';
import { citedEIds } from '../citations';
import { nextDay, relateSubject } from '../context';
import { locateRefs } from '../locate';
import type { ParagraphRule } from './types';

const VERB_RE =
  /^(Sửa đổi, bổ sung|Sửa đổi|Bổ sung|Bãi bỏ|Bỏ|Thay thế|Đình chỉ|Tạm đình chỉ|Ngưng hiệu lực|Tạm ngưng(?: hiệu lực| thi hành)?|Đính chính)(?![\p{L}])\s*:?\s*/u;
const FROM_RE = /từ\s+ngày\s+(\d{1,2})[/-](\d{1,2})[/-](\d{4})|từ\s+ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})/u;
const UNTIL_RE = /đến\s+(hết\s+)?ngày\s+(?:(\d{1,2})[/-](\d{1,2})[/-](\d{4})|(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4}))/u;

/** The relation a verb names. */
function typeOfVerb(v: string): RelationType {
  if (v === 'Bãi bỏ' || v === 'Bỏ') return 'repeals';
  if (v === 'Thay thế') return 'replaces';
  if (/đình chỉ/iu.test(v)) return 'annuls';
  if (/ngưng/iu.test(v)) return 'suspends';
  if (v === 'Đính chính') return 'corrects';
  return 'amends';
}

/** A suspension's or annulment's own interval: "từ ngày ... đến (hết) ngày ..." (to: the first day no longer held). */
function interval(rest: string, from: string | null): { from: string | null; to?: string | null } {
  const range = FROM_RE.exec(rest);
  if (range) from = range[1] ? isoDate(range[1], range[2] as string, range[3] as string) : isoDate(range[4] as string, range[5] as string, range[6] as string);
  const until = UNTIL_RE.exec(rest);
  if (!until) return { from };
  const d = until[2] ? isoDate(until[2], until[3] as string, until[4] as string) : isoDate(until[5] as string, until[6] as string, until[7] as string);
  return { from, to: d && until[1] ? nextDay(d) : d };
}

export const imperative: ParagraphRule = {
  name: 'imperative',
  read(ctx, p, _s, body) {
    const verb = VERB_RE.exec(body);
    if (!verb) return false;
    const eId = ctx.at.unit(p.line);
    // "Thay thế, bãi bỏ ...", "Sửa đổi, bổ sung, bãi bỏ ...": the first verb names the relation.
    const rest = body.slice(verb[0].length).replace(/^(?:,?\s*(?:và\s+)?(?:sửa đổi|bổ sung|bãi bỏ|thay thế|bỏ)(?![\p{L}])\s*)+/iu, '');
    const listHeader = /:\s*$/u.test(rest) && locateRefs(rest).length === 0 && citedEIds(rest).length === 0;
    if (/^(?:các\s+|những\s+)?(?:cụm từ|từ|dấu|nội dung|chữ|số liệu)(?![\p{L}])/u.test(rest)) {
      // Replacing or deleting words changes the text of the units named after "tại": an amendment.
      const where = /(?:tại|ở|trong)\s+([\s\S]*)$/u.exec(rest.replace(/“…”/gu, ' '));
      if (where) relateSubject(ctx, p, where[1] as string, 'amends', ctx.work.effective);
      return true;
    }
    const type = typeOfVerb(verb[1] as string);
    if (listHeader) {
      ctx.list = { type, date: ctx.work.effective };
      return true;
    }
    if (/^(?:một số|các|những)\s/u.test(rest) && citedEIds(rest).length === 0) {
      // "Sửa đổi, bổ sung một số điều của Luật ... số ...", "Thay thế một số phụ lục của Thông tư số ..." open a
      // series of instructions on that document.
      const [first] = locateRefs(rest).filter((r) => !ctx.isSelf(r.ref));
      if (first) {
        ctx.context = first.ref;
        ctx.wholeAmends.push({ type, ref: first.ref, line: p.line, text: p.own, ...(eId ? { eId } : {}) });
        return true;
      }
    }
    let subject = rest.replace(/\s+như sau\s*:?\s*$/u, '');
    if (type === 'amends') {
      // "Bổ sung Điều 6a vào sau Điều 6": the new unit is the target; "Bổ sung khoản 3 vào Điều 5": the article.
      const into = /\s(?:vào|sau|trước)\s/u.exec(subject);
      if (into && citedEIds(subject.slice(0, into.index)).length > 0)
        subject = subject.slice(0, into.index) + subject.slice(into.index).replace(/^[\s\S]*?(?=(?:của|tại)\s|$)/u, ' ');
    }
    const when = type === 'suspends' || type === 'annuls' ? interval(rest, ctx.work.effective) : { from: ctx.work.effective };
    relateSubject(ctx, p, subject, type, when.from, { ...(when.to !== undefined ? { to: when.to } : {}) });
    return true;
  },
};
