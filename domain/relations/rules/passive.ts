/**
 * "Khoản 2 và khoản 5 Điều 3 được sửa đổi, bổ sung như sau:", "Điều 7 bị bãi bỏ" — not "... được sửa đổi bởi/theo
 * ...", a statement about another document.
 */
import { relateSubject } from '../context';
import type { ParagraphRule } from './types';

const PASSIVE_RE =
  /^(?:Các\s+|Tên\s+)?(?:Phần|Chương|Mục|Điều|Khoản|Điểm|Phụ lục)\s[\s\S]{0,300}?\s(?:được|bị)\s+(sửa đổi, bổ sung|sửa đổi|bổ sung|bãi bỏ|thay thế)(?![\p{L}])(?!\s+(?:bởi|theo))/iu;

export const passive: ParagraphRule = {
  name: 'passive',
  read(ctx, p, _s, body) {
    const m = PASSIVE_RE.exec(body);
    if (!m) return false;
    const v = m[1] as string;
    relateSubject(ctx, p, m[0], v === 'bãi bỏ' ? 'repeals' : v === 'thay thế' ? 'replaces' : 'amends', ctx.work.effective);
    return true;
  },
};
