/**
 * effective.missing: no provision on when the document takes effect ("có hiệu lực", "hiệu lực thi hành",
 * "hiệu lực kể từ") in any unit's heading or text. A warning on drafts, an error in strict mode.
 */
import type { Diagnostic } from '../../model';
import { headingOf, type LintContext, type LintRule, textOf } from '../context';

/** "có hiệu lực pháp luật" (a judgment in force) says nothing about the document's own validity. */
export const EFFECTIVE_RE = /có\s+hiệu\s+lực(?!\s+pháp\s+luật)|hiệu\s+lực\s+thi\s+hành|hiệu\s+lực\s+(?:kể\s+)?từ\s+ngày|hiệu\s+lực\s+kể\s+từ/iu;

function check(ctx: LintContext): Diagnostic[] {
  const found = ctx.nodes.some((n) => EFFECTIVE_RE.test(`${headingOf(n.unit) ?? ''}\n${textOf(n.unit)}`.normalize('NFC')));
  if (found || ctx.nodes.length === 0) return [];
  return [
    {
      code: 'effective.missing',
      severity: ctx.strict ? 'error' : 'warning',
      message: 'No provision on when the document takes effect ("có hiệu lực", "hiệu lực thi hành" or "hiệu lực kể từ" appears in no unit)',
    },
  ];
}

export const effectiveRule: LintRule = { name: 'effective', scope: 'document', codes: ['effective.missing'], check };
