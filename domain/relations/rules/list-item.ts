/** An item of a list opened by "... sau đây hết hiệu lực:" or "Bãi bỏ các văn bản sau đây:": it gets the list's relation. */
import { relateSubject, STARTS_ITEM_RE } from '../context';
import type { ParagraphRule } from './types';

export const listItem: ParagraphRule = {
  name: 'list-item',
  read(ctx, p, s) {
    if (!ctx.list || !STARTS_ITEM_RE.test(s)) return false;
    relateSubject(ctx, p, s.replace(STARTS_ITEM_RE, ''), ctx.list.type, ctx.list.date, { sameNameReplaces: ctx.list.type === 'repeals' });
    return true;
  },
};
