/** article.heading_missing: an article without a heading (`Điều 5.` alone). Old laws (1957) have none: still said. */
import type { Diagnostic } from '../../model';
import { cite, diag, headingOf, type LintContext, type LintRule } from '../context';

function check(ctx: LintContext): Diagnostic[] {
  return ctx.nodes
    .filter((n) => n.unit.kind === 'article' && !(headingOf(n.unit) ?? '').replace(/[*_.:\s]+/g, ''))
    .map((n) => diag(ctx.result, 'article.heading_missing', 'warning', `${cite(n)} has no heading`, n.unit.line));
}

export const articleHeadingRule: LintRule = { name: 'article-heading', scope: 'unit', codes: ['article.heading_missing'], check };
