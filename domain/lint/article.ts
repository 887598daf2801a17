/**
 * A minimal reading of one article's text into a ParseResult, for `lintArticleText`: the heading line
 * (`Điều 5. Heading`, or a codified `Điều 33.3.NQ.1.11. Heading`), clauses (`1.`, `1a.`) and points (`a)`, `c1)`,
 * and also `f)`/`j)`, which the linter reports). Lines inside a quotation (an amending text quoting new clauses) stay
 * text. Not the document parser: no containers, no furniture, no footnotes.
 */
import type { ParsedUnit, ParseResult } from '../parse/types';

/** `Điều 5. Heading`, `Điều 6a.`, or a codified article `Điều 33.3.NQ.1.11. Heading`. */
const HEADING_RE = /^\s*[*_]*Điều\s+((?:\d+\.)+[A-ZĐ]+(?:\.\d+)+|\d+[a-zđ]?)\.?\s*(.*?)[*_]*\s*$/u;
const CLAUSE_RE = /^\s*[*_]*(\d{1,3}[a-zđ]?)\.[*_]*\s+(.*)$/u;
const POINT_RE = /^\s*[*_]*([a-zđ]\d{0,2})\)[*_]*\s+(.*)$/u;

function unit(kind: ParsedUnit['kind'], num: string, line: number, eId: string): ParsedUnit {
  const label = kind === 'article' ? `Điều ${num}.` : kind === 'clause' ? `${num}.` : `${num})`;
  return { kind, num, eId, heading: null, text: '', children: [], line, endLine: line, label, notes: [] };
}

const count = (s: string, ch: string) => s.split(ch).length - 1;

const append = (u: ParsedUnit, s: string) => {
  u.text = u.text ? `${u.text}\n${s}` : s;
};

export function buildArticleResult(text: string): ParseResult {
  const lines = text.normalize('NFC').replace(/\r\n?/g, '\n').split('\n');
  let first = lines.findIndex((l) => l.trim() !== '');
  if (first < 0) first = 0;
  const head = HEADING_RE.exec(lines[first] ?? '');
  const article = unit('article', head?.[1] ?? '1', first + 1, `art_${head?.[1] ?? '1'}`);
  if (head) article.heading = head[2]?.trim() || null;
  let clause: ParsedUnit | null = null;
  let last: ParsedUnit = article;
  let depth = 0;
  for (let i = head ? first + 1 : first; i < lines.length; i++) {
    const l = lines[i] ?? '';
    const line = i + 1;
    const quoted = depth > 0;
    depth = Math.max(0, depth + count(l, '\u201C') - count(l, '\u201D'));
    const c = quoted ? null : CLAUSE_RE.exec(l);
    const p = quoted || c ? null : POINT_RE.exec(l);
    if (c?.[1]) {
      clause = unit('clause', c[1], line, `${article.eId}__para_${c[1]}`);
      clause.text = c[2] ?? '';
      article.children.push(clause);
      last = clause;
    } else if (p?.[1]) {
      const parent: ParsedUnit = clause ?? article;
      const point = unit('point', p[1], line, `${parent.eId}__point_${p[1]}`);
      point.text = p[2] ?? '';
      parent.children.push(point);
      parent.endLine = line;
      last = point;
    } else if (l.trim()) {
      append(last, l.trim());
      last.endLine = line;
      if (clause && last !== clause && last.kind === 'point') clause.endLine = line;
    }
    article.endLine = Math.max(article.endLine, line);
  }
  return {
    format: 'text',
    metadata: {
      number: null,
      legalBases: [],
      consolidates: [],
      signer: null,
      type: 'unknown',
      title: null,
      issuers: [],
      place: null,
      issued: null,
      scope: 'central',
    },
    lines,
    preamble: [],
    units: [article],
    signature: null,
    notes: [],
    diagnostics: [],
  };
}
