/** "Thông tư này thay thế Thông tư số ...": the documents named after the words are replaced. */
import { relateSubject } from '../context';
import { TYPE_ALT } from '../locate';
import type { ParagraphRule } from './types';

const THIS_REPLACES_RE = new RegExp(String.raw`(?:${TYPE_ALT})\s+này\s+thay\s+thế\s+([\s\S]*)$`, 'u');

export const thisReplaces: ParagraphRule = {
  name: 'this-replaces',
  read(ctx, p, s) {
    const m = THIS_REPLACES_RE.exec(s);
    if (!m) return false;
    relateSubject(ctx, p, m[1] as string, 'replaces', ctx.work.effective);
    return true;
  },
};
