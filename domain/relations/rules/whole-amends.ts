/**
 * "Sửa đổi, bổ sung một số điều của X" (in the body or the title) with no instruction on a unit of X: the whole work
 * is amended. The same for "thay thế / bãi bỏ một số quy định của X": part of X is replaced or repealed, units unknown.
 */
import { cut } from '../context';
import type { DocumentRule } from './types';

export const wholeAmends: DocumentRule = {
  name: 'whole-amends',
  run(ctx) {
    const titled: typeof ctx.wholeAmends = ctx.defaultContext && !ctx.isVbhn ? [{ type: 'amends', ref: ctx.defaultContext, line: 1, text: ctx.title }] : [];
    for (const w of [...ctx.wholeAmends, ...titled]) {
      const id = ctx.targetOf(w.ref).workId;
      if (ctx.relations.some((r) => ['amends', 'replaces', 'repeals'].includes(r.type) && r.target.workId === id)) continue;
      ctx.add({
        type: w.type,
        target: ctx.targetOf(w.ref),
        ...(w.type === 'amends' ? {} : { partial: true }),
        effectiveFrom: ctx.work.effective,
        evidence: { ...(w.eId ? { eId: w.eId } : {}), line: w.line, text: cut(w.text) },
        sourceEId: w.eId,
      });
    }
  },
};
