/**
 * The format linter (kiểm tra thể thức): pure checks over a parse result, usable on drafts. Every rule is a small
 * pure function in `rules/`, listed once in `RULES`; codes are stable (README.md has the table).
 */
import type { Diagnostic } from '../model';
import type { ParseResult } from '../parse/types';
import { buildArticleResult } from './article';
import { buildContext, type LintOptions, type LintRule } from './context';
import { articleHeadingRule } from './rules/article-heading';
import { docNumberRule } from './rules/doc-number';
import { emptyUnitRule } from './rules/empty-unit';
import { effectiveRule } from './rules/effective';
import { numberingRule } from './rules/numbering';
import { pointLettersRule } from './rules/point-letters';
import { preambleRule } from './rules/preamble';
import { quotesRule } from './rules/quotes';

export type { LintOptions, LintRule } from './context';
export { buildArticleResult };

/** The registry: every rule the linter runs, in this order. */
export const RULES: readonly LintRule[] = [
  numberingRule,
  pointLettersRule,
  articleHeadingRule,
  emptyUnitRule,
  effectiveRule,
  docNumberRule,
  quotesRule,
  preambleRule,
];

/** Every code the linter may emit. */
export const LINT_CODES: readonly string[] = RULES.flatMap((r) => r.codes);

/** Document-level findings (no line) first, then by line; equal lines keep the registry's order. */
function sortDiagnostics(ds: Diagnostic[]): Diagnostic[] {
  return ds
    .map((d, i) => ({ d, i }))
    .sort((a, b) => (a.d.line ?? 0) - (b.d.line ?? 0) || a.i - b.i)
    .map((x) => x.d);
}

function run(result: ParseResult, options: LintOptions, rules: readonly LintRule[], excerpt = false): Diagnostic[] {
  const ctx = buildContext(result, options, excerpt);
  return sortDiagnostics(rules.flatMap((r) => r.check(ctx)));
}

/** Lints a parsed document (or draft). Never throws; each diagnostic's line, when present, is a line of `result.lines`. */
export function lint(result: ParseResult, options: LintOptions = {}): Diagnostic[] {
  return run(result, options, RULES);
}

/**
 * Lints the text of one article on its own (a codified article of the Bộ pháp điển, an article pasted from a
 * draft): numbering, point letters, heading and quotes. Lines are 1-based in `text`.
 */
export function lintArticleText(text: string, options: LintOptions = {}): Diagnostic[] {
  return run(
    buildArticleResult(text),
    options,
    RULES.filter((r) => r.scope === 'unit'),
    true,
  );
}
