/**
 * quote.unterminated / quote.unbalanced: quotation marks (“ ” and straight " pairs) must close within the same
 * article. Amending documents quote whole articles over many clauses, so a quote may open in one unit and close in
 * a later unit of the same article; only what is still open at the end of the article is reported, at the line where
 * it opened, and a closing mark with nothing open (but ” right after a digit with nothing open is a unit, as in
 * ±30”, and "...” or “..." is taken as one quotation typed unevenly). Outside articles, each unit that holds no article is one scope
 * (with its children); a container's own heading is a scope of its own.
 */
import type { Diagnostic } from '../../model';
import { cite, diag, headingOf, type LintContext, type LintRule, locatedTextLines, textOf, type UnitNode, unitName } from '../context';

const OPEN = '\u201C';
const CLOSE = '\u201D';

interface Piece {
  node: UnitNode;
  text: string;
  line: number;
}

function piecesOf(ctx: LintContext, node: UnitNode): Piece[] {
  const out: Piece[] = [];
  const heading = headingOf(node.unit);
  if (heading && /["\u201C\u201D]/.test(heading)) out.push({ node, text: heading, line: node.unit.line });
  const text = textOf(node.unit);
  if (/["\u201C\u201D]/.test(text)) for (const p of locatedTextLines(ctx.result, node.unit, text)) out.push({ node, text: p.text, line: p.line });
  return out;
}

function scanScope(ctx: LintContext, owner: UnitNode, members: UnitNode[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const severity = ctx.strict ? 'error' : 'warning';
  const open: Piece[] = [];
  let straight: Piece | null = null;
  for (const member of members) {
    for (const piece of piecesOf(ctx, member)) {
      let prev = '';
      for (const ch of piece.text) {
        if (ch === OPEN) open.push(piece);
        else if (ch === CLOSE) {
          if (open.length > 0) open.pop();
          // A straight quote closed by a curly one ("Công ty liên kết”): one quotation, typed unevenly.
          else if (straight) straight = null;
          // After a digit with nothing open, ” is a unit (seconds of arc, inches: ±30”), not a quotation mark.
          else if (!/\d/.test(prev))
            out.push(diag(ctx.result, 'quote.unbalanced', severity, `${cite(piece.node)}: ” closes a quotation that was never opened`, piece.line));
        } else if (ch === '"') {
          if (straight) straight = null;
          // A curly quotation closed by a straight mark (“Khối chân đế"): in closing position, it closes the curly one.
          else if (open.length > 0 && prev !== '' && !/\s/.test(prev)) open.pop();
          else straight = piece;
        }
        prev = ch;
      }
    }
  }
  const end = unitName(owner.unit);
  const first = open[0];
  if (first) {
    const more = open.length > 1 ? ` (${open.length} quotations left open)` : '';
    out.push(diag(ctx.result, 'quote.unterminated', severity, `${cite(first.node)}: “ opened here is not closed by the end of ${end}${more}`, first.line));
  }
  if (straight) {
    out.push(diag(ctx.result, 'quote.unterminated', severity, `${cite(straight.node)}: " opened here is not closed by the end of ${end}`, straight.line));
  }
  return out;
}

function check(ctx: LintContext): Diagnostic[] {
  const children = new Map<UnitNode, UnitNode[]>();
  for (const n of ctx.nodes) {
    if (!n.parent) continue;
    const list = children.get(n.parent);
    if (list) list.push(n);
    else children.set(n.parent, [n]);
  }
  const subtree = (n: UnitNode): UnitNode[] => [n, ...(children.get(n) ?? []).flatMap(subtree)];
  const holdsArticle = new Set<UnitNode>();
  for (const n of ctx.nodes) if (n.unit.kind === 'article') for (const a of n.ancestors) holdsArticle.add(a);

  const out: Diagnostic[] = [];
  const visit = (n: UnitNode) => {
    if (n.unit.kind === 'article' || !holdsArticle.has(n)) {
      out.push(...scanScope(ctx, n, subtree(n)));
      return;
    }
    out.push(...scanScope(ctx, n, [n]));
    for (const c of children.get(n) ?? []) visit(c);
  };
  for (const r of ctx.roots) visit(r);
  return out;
}

export const quotesRule: LintRule = { name: 'quotes', scope: 'unit', codes: ['quote.unterminated', 'quote.unbalanced'], check };
