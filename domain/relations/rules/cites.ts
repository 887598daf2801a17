/** Citations: every other numbered document the body names, once, unless a stronger relation already links it. */
import { referenceKey } from '../../refs';
import { cut } from '../context';
import type { DocumentRule } from './types';

export const cites: DocumentRule = {
  name: 'cites',
  run(ctx) {
    const linked = new Set(ctx.relations.map((r) => (r.target.number ? referenceKey(r.target.number) : '')));
    for (const [key, c] of ctx.cites) {
      if (linked.has(key)) continue;
      ctx.add({
        type: 'cites',
        target: ctx.targetOf(c.ref),
        effectiveFrom: null,
        evidence: { ...(c.eId ? { eId: c.eId } : {}), line: c.line, text: cut(c.ref.text) },
        sourceEId: c.eId,
      });
    }
  },
};
