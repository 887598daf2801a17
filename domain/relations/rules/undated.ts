/** A relation that changes its target with no date from which it does is reported, for review. */
import { RELATIONS } from '../types';
import type { DocumentRule } from './types';

export const undated: DocumentRule = {
  name: 'undated',
  run(ctx) {
    for (const r of ctx.relations)
      if ((RELATIONS[r.type].ends || RELATIONS[r.type].changes) && !r.effectiveFrom)
        ctx.diagnostics.push({
          code: 'relations.undated',
          severity: 'warning',
          message: `${r.type} ${r.target.number ?? r.target.text}: no date from which it takes effect`,
          line: r.evidence.line,
        });
  },
};
