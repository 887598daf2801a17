/**
 * Unit markers printed as text: a line of a unit's own text, outside quotation marks, that begins like an article
 * (`Điều 5. Heading`), a clause (`2. Text`) or a point (`b) text`). A parser that only accepts numbers going up
 * leaves a repeated or misplaced marker in the text of the unit before it; the numbering rule puts these back in
 * their sequence so that duplicates and disorder are seen, and a gap is not claimed where the number is printed.
 * Only inside articles, and only at the start of a paragraph (a text line that follows a finished sentence).
 */
import type { UnitKind } from '../model';
import { type LintContext, locatedTextLines, textOf, type UnitNode } from './context';

export interface TextMarker {
  kind: Extract<UnitKind, 'article' | 'clause' | 'point'>;
  num: string;
  line: number;
  /** The unit whose own text holds the marker. */
  holder: UnitNode;
}

const ARTICLE_RE = /^[*_]*(?:Điều|ĐIỀU)\s+(\d{1,4}[a-zđ]?)\s*\.\s*[*_]*\s*\p{Lu}/u;
const CLAUSE_RE = /^[*_]*(\d{1,3}[a-zđ]?)\.\s+[*_]*[\p{Lu}(]/u;
const POINT_RE = /^[*_]*([a-zđ]\d{0,2})\)\s+[*_]*\S/u;

const count = (s: string, ch: string) => s.split(ch).length - 1;

/** The markers found in each unit's own text, by holder. */
export function textMarkers(ctx: LintContext): Map<UnitNode, TextMarker[]> {
  const out = new Map<UnitNode, TextMarker[]>();
  const inArticle = (n: UnitNode) => n.unit.kind === 'article' || n.ancestors.some((a) => a.unit.kind === 'article');
  let article: UnitNode | null = null;
  let depth = 0;
  for (const node of ctx.nodes) {
    if (!inArticle(node)) continue;
    if (node.unit.kind === 'article' && !node.ancestors.some((a) => a.unit.kind === 'article')) {
      article = node;
      depth = 0;
    }
    if (!article) continue;
    const text = textOf(node.unit);
    if (!text) continue;
    const found: TextMarker[] = [];
    for (const piece of locatedTextLines(ctx.result, node.unit, text)) {
      const t = piece.text.trim();
      if (depth === 0) {
        const a = ARTICLE_RE.exec(t);
        const c = a ? null : CLAUSE_RE.exec(t);
        const p = a || c ? null : POINT_RE.exec(t);
        if (a?.[1]) found.push({ kind: 'article', num: a[1], line: piece.line, holder: node });
        else if (c?.[1]) found.push({ kind: 'clause', num: c[1], line: piece.line, holder: node });
        else if (p?.[1]) found.push({ kind: 'point', num: p[1], line: piece.line, holder: node });
      }
      depth = Math.max(0, depth + count(t, '\u201C') - count(t, '\u201D'));
    }
    if (found.length > 0) out.set(node, found);
  }
  return out;
}
