/** Whole documents: "Bãi bỏ Thông tư số ...", "Thay thế Nghị định số ...", "Ngưng hiệu lực Quyết định số ...". */
import { findReferences } from '../../parse/references';
import type { SegmentRule } from './types';

const WORK_WORDS = /^(?:toàn bộ\s+)?(?:Bộ luật|Luật|Pháp lệnh|Nghị định|Nghị quyết|Thông tư liên tịch|Thông tư|Quyết định|Chỉ thị|Lệnh)(?![\p{L}\p{N}])/u;

export const works: SegmentRule = {
  name: 'works',
  read(seg, rest) {
    if (!WORK_WORDS.test(rest)) return false;
    const nums = findReferences(rest.slice(0, 4000))
      .map((r) => r.number)
      .filter((n): n is string => !!n);
    if (nums.length === 0) return false;
    seg.works = nums;
    seg.op = seg.verb === 'repeal' ? 'repeal_work' : seg.verb === 'replace' ? 'replace_work' : seg.verb === 'suspend' ? 'suspend' : null;
    if (!seg.op) seg.problem = `whole-document ${seg.verb} is not an operation`;
    return true;
  },
};
