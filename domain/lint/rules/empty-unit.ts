/**
 * unit.empty: a clause or point with a number and nothing else (no text, no children): a marker left behind in a
 * draft, or a number split from its text. A repealed unit still says so (`(được bãi bỏ)`), so it is not empty.
 */
import type { Diagnostic } from '../../model';
import { childrenOf, cite, diag, headingOf, type LintContext, type LintRule, textOf } from '../context';

function check(ctx: LintContext): Diagnostic[] {
  return ctx.nodes
    .filter((n) => (n.unit.kind === 'clause' || n.unit.kind === 'point') && childrenOf(n.unit).length === 0)
    .filter((n) => !textOf(n.unit).replace(/[\s*_.;:,]+/g, '') && !(headingOf(n.unit) ?? '').trim())
    .map((n) => diag(ctx.result, 'unit.empty', 'warning', `${cite(n)} has a number but no text`, n.unit.line));
}

export const emptyUnitRule: LintRule = { name: 'empty-unit', scope: 'unit', codes: ['unit.empty'], check };
