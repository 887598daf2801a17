import { UNIT_WORDS } from '../units';
/**
 * What every rule works on: the parse result, the options, and the units flattened once in document order with
 * their ancestry, plus helpers to name a unit like a Vietnamese citation and to find the line of a piece of text.
 */
import type { Diagnostic, UnitKind } from '../model';
import type { ParsedUnit, ParseResult } from '../parse/types';

export interface LintOptions {
  /** Strict mode (a document about to be signed): warnings that matter for promulgation become errors. */
  strict?: boolean;
}

/** One unit in document order, with its ancestors (outermost first). */
export interface UnitNode {
  unit: ParsedUnit;
  parent: UnitNode | null;
  ancestors: UnitNode[];
  /** The attachment or appendix the unit belongs to (numbering restarts there); null in the main body. */
  domain: UnitNode | null;
  /** Position in document order. */
  order: number;
}

export interface LintContext {
  result: ParseResult;
  strict: boolean;
  /**
   * The text is an excerpt (one article, by lintArticleText): document-wide sequences (articles, chapters, parts)
   * are not checked, since the excerpt does not start the document.
   */
  excerpt: boolean;
  /** Every unit, in document order (a unit before its children). */
  nodes: UnitNode[];
  /** The top-level nodes. */
  roots: UnitNode[];
}

/** A rule: a pure function from the context to diagnostics, with the stable codes it may emit. */
export interface LintRule {
  name: string;
  /** `document`: needs the whole document (metadata, preamble, every unit); `unit`: meaningful on one article too. */
  scope: 'document' | 'unit';
  codes: readonly string[];
  check: (ctx: LintContext) => Diagnostic[];
}

export const childrenOf = (u: ParsedUnit): ParsedUnit[] => (Array.isArray(u.children) ? u.children : []);
export const textOf = (u: ParsedUnit): string => (typeof u.text === 'string' ? u.text : '');
export const headingOf = (u: ParsedUnit): string | null => (typeof u.heading === 'string' ? u.heading : null);
export const numOf = (u: ParsedUnit): string => (typeof u.num === 'string' ? u.num.trim() : '');

export function buildContext(result: ParseResult, options: LintOptions = {}, excerpt = false): LintContext {
  const nodes: UnitNode[] = [];
  const roots: UnitNode[] = [];
  const seen = new Set<ParsedUnit>();
  const visit = (unit: ParsedUnit, parent: UnitNode | null) => {
    if (!unit || typeof unit !== 'object' || seen.has(unit)) return;
    seen.add(unit);
    const ancestors = parent ? [...parent.ancestors, parent] : [];
    const inherited = parent ? (isDomain(parent.unit.kind) ? parent : parent.domain) : null;
    const node: UnitNode = { unit, parent, ancestors, domain: inherited, order: nodes.length };
    nodes.push(node);
    if (!parent) roots.push(node);
    for (const c of childrenOf(unit)) visit(c, node);
  };
  for (const u of Array.isArray(result.units) ? result.units : []) visit(u, null);
  return { result, strict: options.strict === true, excerpt, nodes, roots };
}

export const isDomain = (kind: UnitKind): boolean => kind === 'attachment' || kind === 'appendix';

const LABELS = UNIT_WORDS;

/** A unit's own name: `Điều 5`, `khoản 2`, `điểm a`, `Chương II`, `Phần thứ nhất`, `Phụ lục I`. */
export function unitName(unit: ParsedUnit): string {
  const num = numOf(unit);
  const label = LABELS[unit.kind] ?? String(unit.kind);
  return num ? `${label} ${num}` : label;
}

/** How a number is written in a message: `Điều 6`, `khoản 2`, `b)`, `Chương II`. */
export function numLabel(kind: UnitKind, num: string): string {
  if (kind === 'point') return `${num})`;
  return `${LABELS[kind] ?? kind} ${num}`;
}

/**
 * Names a unit like a citation, from the largest unit that matters down: `Điều 5, khoản 2, điểm a`; containers
 * when outside any article (`Chương II, Mục 1`); with the attachment or appendix first when inside one.
 */
export function cite(node: UnitNode | null): string {
  if (!node) return 'Document';
  const chain = [...node.ancestors, node];
  const parts: string[] = [];
  const domainAt = node.domain ? chain.indexOf(node.domain) : -1;
  if (node.domain && node.domain !== node) parts.push(unitName(node.domain.unit));
  const rest = chain.slice(domainAt + 1);
  const articleAt = rest.findIndex((n) => n.unit.kind === 'article');
  const shown = articleAt >= 0 ? rest.slice(articleAt) : rest;
  for (const n of shown) parts.push(unitName(n.unit));
  return parts.join(', ') || 'Document';
}

/** Keeps a line only when it points into `result.lines`. */
export function validLine(result: ParseResult, line: unknown): number | undefined {
  const count = Array.isArray(result.lines) ? result.lines.length : 0;
  return typeof line === 'number' && Number.isInteger(line) && line >= 1 && line <= count ? line : undefined;
}

export function diag(result: ParseResult, code: string, severity: Diagnostic['severity'], message: string, line?: unknown): Diagnostic {
  const l = validLine(result, line);
  return l === undefined ? { code, severity, message } : { code, severity, message, line: l };
}

/**
 * The lines of a unit's own text, each with the line of `result.lines` it stands on: found by looking for the text
 * line among the unit's lines in order; a line that cannot be found gets the unit's first line.
 */
const LOOK_AHEAD = 80;

export function locatedTextLines(result: ParseResult, unit: ParsedUnit, text: string): { text: string; line: number }[] {
  const lines = Array.isArray(result.lines) ? result.lines : [];
  const start = typeof unit.line === 'number' && Number.isInteger(unit.line) ? unit.line : 1;
  const end = typeof unit.endLine === 'number' && Number.isInteger(unit.endLine) ? Math.min(unit.endLine, lines.length) : lines.length;
  let cursor = Math.max(1, start);
  const out: { text: string; line: number }[] = [];
  for (const piece of text.split('\n')) {
    const needle = piece.replace(/[*_]+/g, '').trim();
    let found = -1;
    if (needle) {
      // A bounded look-ahead: a text line that is nowhere near cannot be placed, and must not cost a full scan.
      for (let i = cursor; i <= Math.min(end, cursor + LOOK_AHEAD); i++) {
        const l = typeof lines[i - 1] === 'string' ? (lines[i - 1] as string).replace(/[*_]+/g, '').trim() : '';
        if (l && (l.includes(needle) || (l.length >= 12 && needle.includes(l)))) {
          found = i;
          break;
        }
      }
    }
    if (found > 0) cursor = found;
    out.push({ text: piece, line: found > 0 ? found : cursor });
  }
  return out;
}
