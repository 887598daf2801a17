/** Forms (Mẫu) inside an appendix are not units: reported, not applied. */
import type { SegmentRule } from './types';

export const forms: SegmentRule = {
  name: 'forms',
  read(seg, rest) {
    if (!/^(?:các\s+)?(?:Mẫu|mẫu)(?![\p{L}\p{N}])/u.test(rest)) return false;
    seg.problem = 'forms (Mẫu) inside an appendix are not units';
    return true;
  },
};
