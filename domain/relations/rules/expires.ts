/**
 * "... hết hiệu lực (thi hành) kể từ ngày Luật này có hiệu lực thi hành", "... hết hiệu lực từ ngày 01/7/2025": the
 * documents named before the words are repealed from that date (replaced when they bear this document's name); a
 * sentence ending with ":" opens a list whose items get the same.
 */
import { isoDate } from '../../dates';
import { MARKER, relateSubject } from '../context';
import { TYPE_ALT } from '../locate';
import type { ParagraphRule } from './types';

const EXPIRES_RE = /hết hiệu lực(?:\s+(?:thi hành|toàn bộ|một phần))*/u;
const DATE_WORDS_RE = /(?:từ|kể từ)\s+ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})/u;
const DATE_SLASH_RE = /(?:từ|kể từ)\s+ngày\s+(\d{1,2})\/(\d{1,2})\/(\d{4})/u;
const FROM_OWN_EFFECT_RE = new RegExp(String.raw`(?:kể\s+)?từ\s+ngày\s+(?:${TYPE_ALT}|văn bản)\s+này\s+có\s+hiệu\s+lực`, 'u');

export const expires: ParagraphRule = {
  name: 'expires',
  read(ctx, p, s) {
    const ex = EXPIRES_RE.exec(s);
    if (!ex) return false;
    const dw = DATE_WORDS_RE.exec(s) ?? DATE_SLASH_RE.exec(s);
    const date = FROM_OWN_EFFECT_RE.test(s) ? ctx.work.effective : dw ? isoDate(dw[1] as string, dw[2] as string, dw[3] as string) : ctx.work.effective;
    const sentenceStart = Math.max(0, s.lastIndexOf('. ', ex.index) + 1);
    const subject = s.slice(sentenceStart, ex.index).replace(new RegExp(`^\\s*${MARKER}`, 'u'), '');
    if (/:\s*$/u.test(s)) ctx.list = { type: 'repeals', date };
    if (relateSubject(ctx, p, subject, 'repeals', date, { sameNameReplaces: true })) return true;
    return ctx.list !== null;
  },
};
