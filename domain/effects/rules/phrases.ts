/**
 * Phrase edits: "Thay thế cụm từ “X” bằng cụm từ “Y” tại khoản 1 Điều 14", "Bổ sung cụm từ “X” vào sau cụm từ “Y”",
 * "Bỏ cụm từ “X” tại ..." — the phrases, the new phrase or the anchor, and the places (none: the whole work).
 */
import { type RefPath, readRefs } from '../refs';
import { firstNumber, quotes, type Segment } from '../segment';
import type { SegmentRule } from './types';

const PHRASE_START = /^(?:các\s+|một số\s+)?(?:cụm\s+)?từ\s*(?:ngữ\s*)?:?\s*(?=“)|^“/u;
/** A whole document named as the place ("tại Luật ..."), not a unit: the edit applies to the whole work. */
const WORK_WORDS = /^(?:toàn bộ\s+)?(?:Bộ luật|Luật|Pháp lệnh|Nghị định|Nghị quyết|Thông tư liên tịch|Thông tư|Quyết định|Chỉ thị|Lệnh)(?![\p{L}\p{N}])/u;

/** Where an edit applies: the units read, the document named; what could not be read is kept, never widened. */
function placeOf(seg: Segment, text: string, ctx: RefPath | null, wholeWorkAllowed: boolean): void {
  const r = readRefs(text, ctx);
  seg.where = r.refs;
  seg.docNumber = firstNumber(r.rest);
  if (r.refs.length === 0 && !(wholeWorkAllowed && WORK_WORDS.test(text.trim()))) {
    seg.problem = `cannot read where: ${text.slice(0, 80)}`;
    seg.whereUnread = text.slice(0, 120);
  }
}

export const phrases: SegmentRule = {
  name: 'phrases',
  read(seg, rest, ctx) {
    if (!(PHRASE_START.test(rest) || (/^(?:các\s+)?(?:cụm\s+)?từ(?![\p{L}\p{N}])/u.test(rest) && rest.includes('“')))) return false;
    const { quoted, between } = quotes(rest);
    if (quoted.length === 0) {
      seg.problem = 'phrase edit without a quoted phrase';
      return true;
    }
    const tail = (between[between.length - 1] ?? '').trim();
    const at = /(?:^|\s)tại\s+(.*)$/su.exec(tail);
    if (at?.[1]) placeOf(seg, at[1], ctx, true);
    const verb = seg.verb;
    if (verb === 'replace' || verb === 'amend') {
      const by = between.findIndex((b, i) => i > 0 && /(?:^|\s)(?:bằng|thành)(?:\s|$)/u.test(b));
      if (by < 1) {
        seg.problem = 'phrase replacement without “bằng”/“thành”';
        return true;
      }
      seg.op = 'replace_phrase';
      // "Thay thế cụm từ “X” tại khoản 1 Điều 14 bằng cụm từ “Y”": the place before the new phrase.
      const before = /(?:^|\s)tại\s+(.*?)\s+(?:bằng|thành)(?:\s|$)/su.exec(between[by] ?? '');
      if (!at && before?.[1]) placeOf(seg, before[1], ctx, false);
      seg.phrases = quoted.slice(0, by);
      seg.replacement = quoted[by] ?? null;
      if (seg.replacement === null) seg.problem = 'phrase replacement without the new phrase';
      return true;
    }
    if (verb === 'add') {
      const pos = /vào\s+(sau|trước)\s+(?:cụm\s+)?từ/u.exec(between[1] ?? '');
      if (!pos?.[1] || quoted.length < 2) {
        seg.problem = 'phrase insertion without “vào sau/trước cụm từ”';
        return true;
      }
      seg.op = 'insert_phrase';
      seg.phrases = [quoted[0] as string];
      seg.anchorPhrase = quoted[1] as string;
      seg.position = pos[1] === 'sau' ? 'after' : 'before';
      return true;
    }
    if (verb === 'repeal') {
      seg.op = 'delete_phrase';
      seg.phrases = quoted;
      return true;
    }
    seg.problem = 'phrase edit with an unknown verb';
    return true;
  },
};
