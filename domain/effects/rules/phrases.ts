/**
 * Phrase edits: "Thay thế cụm từ “X” bằng cụm từ “Y” tại khoản 1 Điều 14", "Bổ sung cụm từ “X” vào sau cụm từ “Y”",
 * "Bỏ cụm từ “X” tại ..." — the phrases, the new phrase or the anchor, and the places (none: the whole work).
 */
import { type RefPath, readRefs, refEId } from '../refs';
import { firstNumber, quotes, type Segment } from '../segment';
import type { SegmentRule } from './types';
import { SUB_UNIT_RE } from './units';

const PHRASE_START = /^(?:các\s+|một số\s+)?(?:cụm\s+)?từ\s*(?:ngữ\s*)?:?\s*(?=“)|^“/u;
/** A whole document named as the place ("tại Luật ..."), not a unit: the edit applies to the whole work. */
const WORK_WORDS = /^(?:toàn bộ\s+)?(?:Bộ luật|Luật|Pháp lệnh|Nghị định|Nghị quyết|Thông tư liên tịch|Thông tư|Quyết định|Chỉ thị|Lệnh)(?![\p{L}\p{N}])/u;

const PREAMBLE_RE = /^phần căn cứ(?:\s+ban hành)?(?![\p{L}\p{N}])/u;
const TITLE_RE = /^tên\s+(?:của\s+)?(?:Bộ luật|Luật|Pháp lệnh|Nghị định|Nghị quyết|Thông tư liên tịch|Thông tư|Quyết định|Chỉ thị)(?![\p{L}\p{N}])/u;
const FORMS_RE = /^(?:các\s+)?(?:Mẫu|mẫu)(?:\s+biểu)?\s+số\s+[^;]*/u;
const FORMS_APPENDIX_RE = /(?:Phụ lục|phụ lục)\s+(?:số\s+)?([IVXLC]+|\d{1,3})(?![\p{L}\p{N}-])/u;

/** A place that is not a unit, at the start of `text`: what it is, the unit holding it (or ''), the characters it takes. */
function nonUnitPlace(text: string, ctx: RefPath | null): { text: string; eId: string; length: number } | null {
  const whole = PREAMBLE_RE.exec(text) ?? TITLE_RE.exec(text);
  if (whole) return { text: whole[0], eId: '', length: whole[0].length };
  const forms = FORMS_RE.exec(text);
  if (forms) {
    const app = FORMS_APPENDIX_RE.exec(forms[0]);
    return { text: forms[0].trim(), eId: app?.[1] ? `app_${app[1]}` : '', length: forms[0].length };
  }
  const sub = SUB_UNIT_RE.exec(text);
  if (sub) {
    const after = text.slice(sub[0].length);
    const r = readRefs(after, ctx);
    const first = r.refs[0];
    if (!first) return null;
    const length = sub[0].length + (after.length - r.rest.length);
    return { text: text.slice(0, length).trim(), eId: refEId(first), length };
  }
  return null;
}

/**
 * Where an edit applies: the units read, the places that are not units (kept apart, never widened to their unit), the
 * document named; a place that could not be read at all is kept as such.
 */
function placeOf(seg: Segment, text: string, ctx: RefPath | null, wholeWorkAllowed: boolean): void {
  seg.where = [];
  seg.whereOther = [];
  let rest = text.trim();
  // "tại phần căn cứ ban hành, Điều 29, Điều 31", "tại tên Thông tư, tên Chương II và tại Điều 1": a list of places.
  for (let guard = 0; guard < 30; guard++) {
    rest = rest.replace(/^(?:(?:,|và|tại)(?![\p{L}\p{N}])\s*)+/u, '');
    if (!rest) break;
    const r = readRefs(rest, ctx);
    if (r.refs.length > 0) {
      seg.where.push(...r.refs);
      rest = r.rest;
      continue;
    }
    const other = nonUnitPlace(rest, ctx);
    if (!other) break;
    seg.whereOther.push({ text: other.text, eId: other.eId });
    rest = rest.slice(other.length);
  }
  seg.docNumber = firstNumber(rest);
  if (seg.where.length === 0 && seg.whereOther.length === 0 && !(wholeWorkAllowed && WORK_WORDS.test(text.trim()))) {
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
      // "vào sau cụm từ “Y”", and without "vào": "Bổ sung cụm từ “, cung ứng” sau cụm từ “tổ chức, cá nhân kinh doanh”".
      const pos = /(?:^|\s)(?:vào\s+)?(sau|trước)\s+(?:cụm\s+)?từ/u.exec(between[1] ?? '');
      if (!pos?.[1] || quoted.length < 2) {
        seg.problem = 'phrase insertion without “(vào) sau/trước cụm từ”';
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
