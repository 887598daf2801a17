/**
 * What the rules of the relation extractor (rules/*.ts) share: the document being read, the relations found so far
 * (one per type, target and unit), the state the body's paragraphs carry from one to the next (the document a run of
 * instructions is about, an open list), and the reading of a subject — the documents and units a sentence names.
 */
import type { Diagnostic, Work } from '../model';
import { findReferences, type Reference } from '../parse/references';
import type { ParsedUnit, ParseResult } from '../parse/types';
import { constitutionYearAt, isLocalNumber, referenceKey, referenceNameKey, workIdFor, workIdForName } from '../refs';
import { fold } from '../text/normalize';
import { citedEIds, tailCitations } from './citations';
import { type LocatedRef, locateRefs, TYPE_ALT } from './locate';
import type { Relation, RelationTarget, RelationType } from './types';

export type ExtractWork = Pick<Work, 'id' | 'number' | 'type' | 'effective' | 'issued'> & Partial<Pick<Work, 'title' | 'place' | 'consolidates'>>;

const EVIDENCE_CHARS = 400;
/** A unit's marker at the start of a paragraph: `Điều 5.`, `2.`, `a)`. */
export const MARKER = String.raw`(?:(?:Điều\s+\d{1,4}[a-zđ]?\.?|\d{1,3}[a-zđ]?\.|[a-zđ]\d?\))\s*)?`;
export const STARTS_ITEM_RE = /^[a-zđ]\d?\)\s*|^[-+•–]\s+/u;
export const STARTS_CLAUSE_RE = /^(?:\d{1,3}[a-zđ]?\.(?:\s|$)|Điều\s+\d)/u;
export const FURNITURE_RE = /^(?:CÔNG BÁO\/|\d{1,4}$|(?:Người ký|Email|Cơ quan|Thời gian ký|Ký bởi)\s*:)/u;
const AMENDED_BY_RE = /(?:đã\s+)?được\s+sửa\s+đổi[^;]{0,200}?(?:theo|bởi|tại)\s*(?:các\s+)?$/u;
const SEPARATORS_RE = /^[\s,;]*(?:(?:và|hoặc)\s+)?[\s,;]*$/u;

/** A paragraph of the body. */
export interface Paragraph {
  line: number;
  /** The paragraph with quoted new text replaced by `“…”`. */
  own: string;
  /** Set when a paragraph began inside a quote that never closed. */
  reset?: boolean;
}

export interface ExtractContext {
  work: ExtractWork;
  parsed: ParseResult;
  title: string;
  /** A consolidated text (VBHN): its body is the merged documents' text, read for citations only. */
  isVbhn: boolean;
  relations: Relation[];
  diagnostics: Diagnostic[];
  /** The innermost unit, and the article, at a line. */
  at: { unit: (line: number) => string | undefined; article: (line: number) => string | undefined };
  isSelf(r: Reference): boolean;
  targetOf(ref: Reference, eId?: string): RelationTarget;
  /** Adds a relation unless one of the same type, target and unit is there. */
  add(rel: Omit<Relation, 'source' | 'origin'> & { sourceEId?: string }): void;
  /** Lines of an official list of expired documents (read by its rule, skipped by the paragraphs). */
  listLines: Set<number>;
  /** The document the title or enacting formula says this one amends: units named alone belong to it. */
  defaultContext: Reference | null;
  /** The document the current run of instructions is about (reset at each article). */
  context: Reference | null;
  /** A list opened by "... sau đây hết hiệu lực:" or "Bãi bỏ các văn bản sau đây:", and what its items get. */
  list: { type: RelationType; date: string | null } | null;
  /** "Sửa đổi, bổ sung một số điều của X": X, amended as a whole when no instruction names a unit of it. */
  wholeAmends: { type: RelationType; ref: Reference; line: number; text: string; eId?: string }[];
  /** Every numbered document the body names, once (cites, unless a stronger relation links it). */
  cites: Map<string, { ref: Reference; line: number; eId?: string }>;
}

export function cut(text: string): string {
  const t = text.replace(/\s+/gu, ' ').trim();
  return t.length > EVIDENCE_CHARS ? `${t.slice(0, EVIDENCE_CHARS - 1)}…` : t;
}

/** The name a reference gives its document ("Doanh nghiệp" of "Luật Doanh nghiệp số 68/2014/QH13"), folded. */
export function nameOf(text: string): string {
  const m = new RegExp(String.raw`^(?:${TYPE_ALT})(?![\p{L}])\s*(.*?)\s*(?:số\s|\d|ngày\s|$)`, 'u').exec(text);
  return fold(m?.[1] ?? '')
    .replace(/[^a-z0-9 ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function nextDay(d: string): string {
  const t = new Date(`${d}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + 1);
  return t.toISOString().slice(0, 10);
}

export function firstArticle(units: ParsedUnit[]): ParsedUnit | null {
  for (const u of units) {
    if (u.kind === 'article') return u;
    if (u.kind === 'attachment' || u.kind === 'appendix') continue;
    const a = firstArticle(u.children);
    if (a) return a;
  }
  return null;
}

/** 1-based line of the first line holding the start of a text (preamble and head), 1 when not found. */
export function lineOf(parsed: ParseResult, text: string): number {
  const probe = text.slice(0, 24);
  const p = parsed.preamble.find((l) => l.text.includes(probe) || probe.includes(l.text.slice(0, 24)));
  if (p) return p.line;
  const head = Math.min(parsed.lines.length, 400);
  for (let i = 0; i < head; i++) if ((parsed.lines[i] as string).includes(text.slice(0, 16))) return i + 1;
  return 1;
}

/** The document the title or the enacting formula says this one amends: "... sửa đổi, bổ sung một số điều của X". */
function amendedByTitle(title: string, parsed: ParseResult, isSelf: (r: Reference) => boolean): Reference | null {
  // The title (type words capitalised: some titles are printed in lower case) and the enacting formula ("Quốc hội ban
  // hành Luật sửa đổi, bổ sung một số điều của Luật ... số ..."), not the căn cứ lines.
  const pre = parsed.preamble.map((l) => l.text);
  const formulaAt = pre.findIndex((l) => new RegExp(String.raw`(?:ban hành|thông qua)\s+(?:${TYPE_ALT})(?![\p{L}])`, 'iu').test(l));
  const enacting = formulaAt >= 0 ? pre.slice(formulaAt).join(' ') : '';
  const capital = title.replace(
    new RegExp(String.raw`(?<![\p{L}])(?:${TYPE_ALT})(?![\p{L}])`, 'giu'),
    (w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase(),
  );
  for (const t of [capital, enacting]) {
    const m = /(?:sửa đổi|bổ sung|thay thế|bãi bỏ)[^.;]{0,120}?(?:của|đối với)\s+/iu.exec(t);
    if (!m) continue;
    const [first] = locateRefs(t.slice(m.index + m[0].length, m.index + m[0].length + 400)).filter((r) => !isSelf(r.ref));
    if (first && first.start === 0) return first.ref;
  }
  return null;
}

/** eId of the innermost unit at each line. */
function unitAtLine(parsed: ParseResult): ExtractContext['at'] {
  const inner: (string | undefined)[] = new Array(parsed.lines.length + 2);
  const article: (string | undefined)[] = new Array(parsed.lines.length + 2);
  const walk = (units: ParsedUnit[], art: string | undefined) => {
    for (const u of units) {
      const a = u.kind === 'article' ? u.eId : art;
      for (let l = u.line; l <= Math.min(u.endLine, parsed.lines.length); l++) {
        inner[l] = u.eId;
        article[l] = a ?? u.eId;
      }
      walk(u.children, a);
    }
  };
  walk(parsed.units, undefined);
  return { unit: (l) => inner[l], article: (l) => article[l] };
}

/** The context of one document's reading, before any rule ran. */
export function extractContext(work: ExtractWork, parsed: ParseResult): ExtractContext {
  const seen = new Set<string>();
  const place = work.place ?? parsed.metadata.place;
  const title = work.title ?? parsed.metadata.title ?? '';
  const ownKey = work.number ? referenceKey(work.number) : null;
  const isSelf = (r: Reference) => !!ownKey && !!r.number && referenceKey(r.number) === ownKey;
  const isVbhn = work.type === 'van_ban_hop_nhat' || (parsed.metadata.consolidates?.length ?? 0) > 0;
  const defaultContext = isVbhn ? null : amendedByTitle(title, parsed, isSelf);
  const ctx: ExtractContext = {
    work,
    parsed,
    title,
    isVbhn,
    relations: [],
    diagnostics: [],
    at: unitAtLine(parsed),
    isSelf,
    targetOf: (ref, eId) => {
      const r = ref.number && ref.number === ref.number.toLowerCase() ? { ...ref, number: ref.number.toUpperCase() } : ref;
      // A document cited by name and date has a placeholder id from that name until the services find it (links.ts).
      // "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam" cites the constitution in force when this was issued.
      const year = r.type === 'hien_phap' && !r.date && !r.year ? constitutionYearAt(work.issued ?? work.effective) : null;
      const nameKey = r.number ? null : referenceNameKey(year ? { ...r, year } : r);
      return {
        workId: r.number
          ? workIdFor({ number: r.number, issued: r.date, place: isLocalNumber(r.number) ? place : null })
          : nameKey
            ? workIdForName(nameKey)
            : null,
        number: r.number,
        ...(nameKey ? { nameKey } : {}),
        type: r.type,
        issuer: r.issuer,
        date: r.date,
        ...(eId ? { eId } : {}),
        text: cut(r.text),
      };
    },
    add: (rel) => {
      const { sourceEId, ...rest } = rel;
      const key = `${rest.type}|${rest.target.workId ?? rest.target.text}|${rest.target.eId ?? ''}`;
      if (seen.has(key)) return;
      seen.add(key);
      ctx.relations.push({ ...rest, source: { workId: work.id, number: work.number, ...(sourceEId ? { eId: sourceEId } : {}) }, origin: 'extracted' });
    },
    listLines: new Set(),
    defaultContext,
    context: defaultContext,
    list: null,
    wholeAmends: [],
    cites: new Map(),
  };
  return ctx;
}

/**
 * The documents (and units) a subject names get a relation of `type` from `from` ("Khoản 2 Điều 3 của Nghị định số
 * 135/2020/NĐ-CP ...", "Luật ... số 58/2014/QH13 ..."); units named alone belong to the document of the run
 * (`ctx.context`). True when the subject named something.
 */
export function relateSubject(
  ctx: ExtractContext,
  p: Paragraph,
  subject: string,
  type: RelationType,
  from: string | null,
  opts: { sameNameReplaces?: boolean; to?: string | null } = {},
): boolean {
  const eId = ctx.at.unit(p.line);
  const evidence = { ...(eId ? { eId } : {}), line: p.line, text: cut(p.own) };
  // Parentheses ("(sau đây gọi chung là ...)") end a list of amending laws: keep them as a boundary.
  const s = subject.replace(/\([^()]{0,600}\)/gu, ' ; ');
  const refs = locateRefs(s).filter((r) => !ctx.isSelf(r.ref));
  const kept: { lr: LocatedRef; units: string[] }[] = [];
  let prevEnd = 0;
  let prevKept = false;
  for (const lr of refs) {
    const between = s.slice(prevEnd, lr.start);
    let keep: boolean;
    if (kept.length === 0 && prevEnd === 0) keep = !AMENDED_BY_RE.test(between);
    else if (AMENDED_BY_RE.test(between)) keep = false;
    else if (SEPARATORS_RE.test(between)) keep = between.includes(';') || prevKept;
    else keep = tailCitations(between).length > 0 || /;\s*$/u.test(between);
    if (keep) kept.push({ lr, units: tailCitations(between) });
    prevKept = keep;
    prevEnd = lr.end;
  }
  const firstAt = kept[0]?.lr.start ?? s.length;
  const partial = /một phần/u.test(s.slice(0, firstAt)) || /^\s*(?:các\s+)?(?:quy định|nội dung|điều khoản)(?![\p{L}])/iu.test(s);
  const emit = (ref: Reference, units: string[]) => {
    let t = type;
    if (t === 'repeals' && opts.sameNameReplaces) {
      const n = nameOf(ref.text);
      if (n.length > 3 && fold(ctx.title).includes(n)) t = 'replaces';
    }
    const extra = { ...(opts.to !== undefined ? { effectiveTo: opts.to } : {}) };
    if (units.length > 0) for (const u of units) ctx.add({ type: t, target: ctx.targetOf(ref, u), effectiveFrom: from, evidence, sourceEId: eId, ...extra });
    else ctx.add({ type: t, target: ctx.targetOf(ref), effectiveFrom: from, evidence, sourceEId: eId, ...extra, ...(partial ? { partial: true } : {}) });
  };
  if (kept.length > 0) {
    for (const k of kept) emit(k.lr.ref, k.units);
    ctx.context = (kept[kept.length - 1] as { lr: LocatedRef }).lr.ref;
    return true;
  }
  const units = citedEIds(s);
  if (units.length === 0) {
    // "Luật thuế chuyển quyền sử dụng đất ban hành ngày 22 tháng 6 năm 1994": a document named by its date only.
    const [dated] = kept.length === 0 ? findReferences((s.split(/\s(?:đã\s+)?được\s+sửa\s+đổi/u)[0] as string).slice(0, 600)) : [];
    if (dated && !dated.number && dated.date && new RegExp(String.raw`^\s*(?:${TYPE_ALT})(?![\p{L}])`, 'u').test(s)) {
      emit(dated, []);
      return true;
    }
    return false;
  }
  if (!ctx.context) {
    ctx.diagnostics.push({
      code: 'relations.no_target',
      severity: 'warning',
      message: `Units named with no document to apply them to: ${cut(p.own)}`,
      line: p.line,
    });
    return false;
  }
  emit(ctx.context, units);
  return true;
}
