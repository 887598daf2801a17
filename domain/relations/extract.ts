/**
 * Relations read from a parsed text: căn cứ (legal bases), what the document details or guides, amends, replaces,
 * repeals, annuls or suspends (down to the unit when the text names it), what a consolidated text merges, what an
 * official list announces as expired, and the other documents it cites. Pure: parsed data in, data and diagnostics
 * out. Every pattern is linear; long paragraphs are cut before matching.
 */
import type { Diagnostic, DocumentType } from '../model';
import type { ParseResult } from '../parse/types';
import { referenceKey } from '../refs';
import { type ExtractWork, extractContext, FURNITURE_RE, MARKER, type Paragraph, STARTS_CLAUSE_RE } from './context';
import { locateRefs } from './locate';
import { AFTER_BODY, BEFORE_BODY, PARAGRAPH_RULES } from './rules';
import type { PlaceholderWork, Relation } from './types';

export type { ExtractWork } from './context';

export interface ExtractResult {
  relations: Relation[];
  diagnostics: Diagnostic[];
}

/** Longest paragraph (characters) the patterns look at: a 1 MB line is cut, not scanned whole by every rule. */
const MAX_PARAGRAPH = 20_000;
const ENDS_SENTENCE_RE = /[.:;!?]["”’)*]*$/u;
const NEW_PARAGRAPH_RE = /^(?:Điều\s+\d|\d{1,3}[a-zđ]?\.(?:\s|$)|[a-zđ]\d?\)|[-+•–]\s|[“"]|(?:Chương|CHƯƠNG|Mục|MỤC|Phần|PHẦN)\s)/u;

/** The lines of the body (inside units), joined into paragraphs, with quoted text blanked. */
function paragraphs(parsed: ParseResult, skip: Set<number>): Paragraph[] {
  const inBody = new Uint8Array(parsed.lines.length + 2);
  for (const u of parsed.units) for (let l = u.line; l <= Math.min(u.endLine, parsed.lines.length); l++) inBody[l] = 1;
  const out: Paragraph[] = [];
  let cur: { line: number; text: string } | null = null;
  let prev = '';
  let depth = 0;
  let reset = false;
  const push = () => {
    if (!cur) return;
    const text = cur.text.length > MAX_PARAGRAPH ? cur.text.slice(0, MAX_PARAGRAPH) : cur.text;
    // An instruction never stands inside a quote: a quote left open by a missing ” ends here.
    if (depth > 0 && new RegExp(String.raw`^${MARKER}(?:Sửa đổi|Bổ sung|Bãi bỏ|Bỏ|Thay thế)(?![\p{L}])`, 'u').test(text)) {
      depth = 0;
      reset = true;
    }
    let own = '';
    for (const ch of text) {
      if (ch === '“') {
        if (depth === 0) own += '“…';
        depth++;
      } else if (ch === '”') {
        if (depth > 0) depth--;
        if (depth === 0) own += '”';
      } else if (depth === 0) own += ch;
    }
    out.push({ line: cur.line, own: own.trim(), ...(reset ? { reset } : {}) });
    reset = false;
    cur = null;
  };
  for (let i = 0; i < parsed.lines.length; i++) {
    const no = i + 1;
    if (!inBody[no] || skip.has(no)) {
      push();
      prev = '';
      continue;
    }
    const line = (parsed.lines[i] as string).replace(/\*+/g, '').trim();
    if (line === '' || FURNITURE_RE.test(line)) {
      if (line === '') {
        push();
        prev = '';
      }
      continue;
    }
    if (!cur || ENDS_SENTENCE_RE.test(prev) || NEW_PARAGRAPH_RE.test(line)) {
      push();
      cur = { line: no, text: line };
    } else cur.text += /[\p{L}\p{N}][/-]$/u.test(cur.text) && /^[\p{Lu}\p{N}]/u.test(line) ? line : ` ${line}`;
    prev = line;
  }
  push();
  return out;
}

/**
 * Relations read from a parsed text by the rules (rules/index.ts): the document rules before the body, each body
 * paragraph through the paragraph rules, the document rules after. The paragraph's unit and article set the run's
 * state: a new article starts over from the document the title names; a numbered clause closes an open list.
 */
export function extractRelations(work: ExtractWork, parsed: ParseResult): ExtractResult {
  const ctx = extractContext(work, parsed);
  for (const rule of BEFORE_BODY) rule.run(ctx);
  const paras = paragraphs(parsed, ctx.listLines);
  if (paras.some((p) => p.reset))
    ctx.diagnostics.push({ code: 'relations.unbalanced_quote', severity: 'info', message: 'A quotation never closed; it was ended at the next instruction' });
  let article: string | undefined;
  for (const p of paras) {
    const art = ctx.at.article(p.line);
    if (art !== article) {
      article = art;
      ctx.context = ctx.defaultContext;
      ctx.list = null;
    }
    const s = p.own;
    const eId = ctx.at.unit(p.line);
    for (const lr of locateRefs(s)) {
      if (ctx.isSelf(lr.ref) || !lr.ref.number) continue;
      const key = referenceKey(lr.ref.number);
      if (!ctx.cites.has(key)) ctx.cites.set(key, { ref: lr.ref, line: p.line, ...(eId ? { eId } : {}) });
    }
    // A VBHN's body is the merged documents' text: read for citations only.
    if (ctx.isVbhn) continue;
    if (STARTS_CLAUSE_RE.test(s)) ctx.list = null;
    const body = s.replace(new RegExp(`^${MARKER}`, 'u'), '');
    for (const rule of PARAGRAPH_RULES) if (rule.read(ctx, p, s, body)) break;
  }
  for (const rule of AFTER_BODY) rule.run(ctx);
  return { relations: ctx.relations, diagnostics: ctx.diagnostics };
}

/** Placeholder works for the targets of relations that are not in the database (`known` holds the ids that are). */
export function placeholdersFor(relations: Relation[], known: ReadonlySet<string> = new Set()): PlaceholderWork[] {
  const out = new Map<string, PlaceholderWork>();
  for (const r of relations) {
    const t = r.target;
    if (!t.workId || !t.number || known.has(t.workId) || out.has(t.workId)) continue;
    out.set(t.workId, { id: t.workId, number: t.number, type: t.type as DocumentType | null, issuer: t.issuer });
  }
  return [...out.values()];
}
