/**
 * Forms (Mẫu) inside an appendix are not units: "Thay thế Mẫu số 02 và Mẫu số 03 Phụ lục I ban hành kèm theo Thông tư
 * số 21/2021/TT-BLĐTBXH bằng ...". The forms and the appendices they sit in are read; the effects are made unapplied
 * (instructions.ts), to be applied by hand.
 */
import { firstNumber } from '../segment';
import type { SegmentRule } from './types';

const FORM_RE = /^(?:các\s+)?(?:Mẫu|mẫu)(?:\s+biểu)?\s+số\s+\S/u;
const APPENDIX_RE = /(?:Phụ lục|phụ lục)\s+(?:số\s+)?([IVXLC]+|\d{1,3}[a-zA-Z]?)(?![\p{L}\p{N}])/gu;

export const forms: SegmentRule = {
  name: 'forms',
  read(seg, rest) {
    if (!FORM_RE.test(rest)) return false;
    // What is replaced comes before "bằng" (what replaces it may sit in another appendix).
    const replaced = rest.split(/\s(?:bằng|thành)\s/u)[0] ?? rest;
    const appendices = new Set<string>();
    for (const m of replaced.matchAll(APPENDIX_RE)) if (m[1]) appendices.add(m[1]);
    seg.forms = replaced
      .replace(/\s*\(?(?:được\s+)?(?:ban hành\s+)?kèm theo[\s\S]*$/u, '')
      .trim()
      .slice(0, 200);
    seg.refs = [...appendices].map((num) => ({ segments: [{ kind: 'appendix' as const, num }], heading: false }));
    seg.docNumber = firstNumber(replaced);
    return true;
  },
};
