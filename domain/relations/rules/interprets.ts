/** Interpretation and correction named in the title ("Nghị quyết giải thích ...", "Quyết định đính chính ..."). */
import { cut } from '../context';
import { locateRefs } from '../locate';
import type { DocumentRule } from './types';

export const interprets: DocumentRule = {
  name: 'interprets',
  run(ctx) {
    const tm = /(giải thích|đính chính)(?![\p{L}])([\s\S]{0,300})/iu.exec(ctx.title);
    if (!tm || ctx.isVbhn) return;
    for (const lr of locateRefs(tm[2] as string))
      if (!ctx.isSelf(lr.ref))
        ctx.add({
          type: /giải/iu.test(tm[1] as string) ? 'interprets' : 'corrects',
          target: ctx.targetOf(lr.ref),
          effectiveFrom: ctx.work.effective,
          evidence: { line: 1, text: cut(ctx.title) },
        });
  },
};
