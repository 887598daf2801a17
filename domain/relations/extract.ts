/**
 * Relations read from a parsed text: căn cứ (legal bases), what the document details or guides, amends, replaces,
 * repeals, annuls or suspends (down to the unit when the text names it), what a consolidated text merges, what an
 * official list announces as expired, and the other documents it cites. Pure: parsed data in, data and diagnostics
 * out. Every pattern is linear; long paragraphs are cut before matching.
 */
import { isoDate } from '../dates';
import type { Diagnostic, DocumentType, Work } from '../model';
import { findReferences, type Reference } from '../parse/references';
import type { ParsedUnit, ParseResult } from '../parse/types';
import { isLocalNumber, referenceKey, workIdFor } from '../refs';
import { fold } from '../text/normalize';
import { citationGroups, citedEIds, tailCitations } from './citations';
import { type LocatedRef, locateRefs, TYPE_ALT } from './locate';
import type { PlaceholderWork, Relation, RelationTarget, RelationType } from './types';

export type ExtractWork = Pick<Work, 'id' | 'number' | 'type' | 'effective' | 'issued'> & Partial<Pick<Work, 'title' | 'place' | 'consolidates'>>;

export interface ExtractResult {
  relations: Relation[];
  diagnostics: Diagnostic[];
}

/** Longest paragraph (characters) the patterns look at: a 1 MB line is cut, not scanned whole by every rule. */
const MAX_PARAGRAPH = 20_000;
const EVIDENCE_CHARS = 400;
const MARKER = String.raw`(?:(?:Điều\s+\d{1,4}[a-zđ]?\.?|\d{1,3}[a-zđ]?\.|[a-zđ]\d?\))\s*)?`;
const STARTS_ITEM_RE = /^[a-zđ]\d?\)\s*|^[-+•–]\s+/u;
const STARTS_CLAUSE_RE = /^(?:\d{1,3}[a-zđ]?\.(?:\s|$)|Điều\s+\d)/u;
const FURNITURE_RE = /^(?:CÔNG BÁO\/|\d{1,4}$|(?:Người ký|Email|Cơ quan|Thời gian ký|Ký bởi)\s*:)/u;
const ENDS_SENTENCE_RE = /[.:;!?]["”’)*]*$/u;
const NEW_PARAGRAPH_RE = /^(?:Điều\s+\d|\d{1,3}[a-zđ]?\.(?:\s|$)|[a-zđ]\d?\)|[-+•–]\s|[“"]|(?:Chương|CHƯƠNG|Mục|MỤC|Phần|PHẦN)\s)/u;
const DATE_WORDS_RE = /(?:từ|kể từ)\s+ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})/u;
const DATE_SLASH_RE = /(?:từ|kể từ)\s+ngày\s+(\d{1,2})\/(\d{1,2})\/(\d{4})/u;
const FROM_OWN_EFFECT_RE = new RegExp(String.raw`(?:kể\s+)?từ\s+ngày\s+(?:${TYPE_ALT}|văn bản)\s+này\s+có\s+hiệu\s+lực`, 'u');
const EXPIRES_RE = /hết hiệu lực(?:\s+(?:thi hành|toàn bộ|một phần))*/u;
const AMENDED_BY_RE = /(?:đã\s+)?được\s+sửa\s+đổi[^;]{0,200}?(?:theo|bởi|tại)\s*(?:các\s+)?$/u;
const SEPARATORS_RE = /^[\s,;]*(?:(?:và|hoặc)\s+)?[\s,;]*$/u;

interface Paragraph {
  line: number;
  /** The paragraph with quoted new text replaced by `“…”`. */
  own: string;
  /** Set when a paragraph began inside a quote that never closed. */
  reset?: boolean;
}

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

/** eId of the innermost unit at each line. */
function unitAtLine(parsed: ParseResult): { unit: (line: number) => string | undefined; article: (line: number) => string | undefined } {
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

/** The name a reference gives its document ("Doanh nghiệp" of "Luật Doanh nghiệp số 68/2014/QH13"), folded. */
function nameOf(text: string): string {
  const m = new RegExp(String.raw`^(?:${TYPE_ALT})(?![\p{L}])\s*(.*?)\s*(?:số\s|\d|ngày\s|$)`, 'u').exec(text);
  return fold(m?.[1] ?? '')
    .replace(/[^a-z0-9 ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function cut(text: string): string {
  const t = text.replace(/\s+/gu, ' ').trim();
  return t.length > EVIDENCE_CHARS ? `${t.slice(0, EVIDENCE_CHARS - 1)}…` : t;
}

export function extractRelations(work: ExtractWork, parsed: ParseResult): ExtractResult {
  const diagnostics: Diagnostic[] = [];
  const relations: Relation[] = [];
  const seen = new Set<string>();
  const place = work.place ?? parsed.metadata.place;
  const title = work.title ?? parsed.metadata.title ?? '';
  const ownKey = work.number ? referenceKey(work.number) : null;
  const isSelf = (r: Reference) => !!ownKey && !!r.number && referenceKey(r.number) === ownKey;
  const at = unitAtLine(parsed);
  const source = (eId?: string) => ({ workId: work.id, number: work.number, ...(eId ? { eId } : {}) });

  const targetOf = (ref: Reference, eId?: string): RelationTarget => {
    const r = ref.number && ref.number === ref.number.toLowerCase() ? { ...ref, number: ref.number.toUpperCase() } : ref;
    return {
      workId: r.number ? workIdFor({ number: r.number, issued: r.date, place: isLocalNumber(r.number) ? place : null }) : null,
      number: r.number,
      type: r.type,
      issuer: r.issuer,
      date: r.date,
      ...(eId ? { eId } : {}),
      text: cut(r.text),
    };
  };

  const add = (rel: Omit<Relation, 'source' | 'origin'> & { sourceEId?: string }) => {
    const { sourceEId, ...rest } = rel;
    const key = `${rest.type}|${rest.target.workId ?? rest.target.text}|${rest.target.eId ?? ''}`;
    if (seen.has(key)) return;
    seen.add(key);
    relations.push({ ...rest, source: source(sourceEId), origin: 'extracted' });
  };

  const isVbhn = work.type === 'van_ban_hop_nhat' || (parsed.metadata.consolidates?.length ?? 0) > 0;

  // ---- Consolidated texts (VBHN): what they merge. Their body is the merged documents' text, so its instructions
  // (căn cứ, "hết hiệu lực", "bãi bỏ") belong to those documents, not to the VBHN: only citations are read below.
  if (isVbhn) {
    const sources = work.consolidates && work.consolidates.length > 0 ? work.consolidates : parsed.metadata.consolidates;
    for (const c of sources)
      add({
        type: 'consolidates',
        target: targetOf(c),
        effectiveFrom: work.issued,
        evidence: { line: lineOf(parsed, c.text), text: cut(c.text) },
      });
    if (sources.length === 0)
      diagnostics.push({
        code: 'relations.vbhn_without_sources',
        severity: 'warning',
        message: 'A consolidated text whose merged documents could not be read',
      });
  }

  // ---- Legal bases (căn cứ), and what the document details or guides.
  if (!isVbhn) {
    const bases = parsed.metadata.legalBases;
    for (const b of bases)
      add({ type: 'legal_basis', target: targetOf(b), effectiveFrom: work.effective, evidence: { line: lineOf(parsed, b.text), text: cut(b.text) } });
    const art1 = firstArticle(parsed.units);
    // "quy định chi tiết" / "hướng dẫn" said of this document: in the title or Article 1, before any numbered reference
    // (after one, the words describe the document referred to: "sửa đổi Thông tư số ... hướng dẫn ...").
    const scopes = [
      { text: title, line: 1, eId: undefined as string | undefined },
      ...(art1 ? [{ text: `${art1.heading ?? ''} ${art1.text}`.slice(0, 800), line: art1.line, eId: art1.eId as string | undefined }] : []),
    ];
    let dm: RegExpExecArray | null = null;
    let scope = scopes[0];
    for (const sc of scopes) {
      const m = /(quy định chi tiết|hướng dẫn(?: thi hành)?)(?![\p{L}])([\s\S]{0,400})/iu.exec(sc.text);
      if (m && locateRefs(sc.text.slice(0, m.index)).length === 0) {
        dm = m;
        scope = sc;
        break;
      }
    }
    if (dm && scope) {
      const type: RelationType = /chi tiết/iu.test(dm[0]) ? 'details' : 'guides';
      const rest = dm[2] as string;
      const restFolded = fold(rest);
      const evidence = { ...(scope.eId ? { eId: scope.eId } : {}), line: scope.line, text: cut(dm[0]) };
      for (const lr of locateRefs(rest)) if (!isSelf(lr.ref)) add({ type, target: targetOf(lr.ref), effectiveFrom: work.effective, evidence });
      for (const b of bases) {
        const name = nameOf(b.text);
        const typeWord = fold(
          b.text
            .split(/\s+/u)
            .slice(0, b.type === 'bo_luat' || b.type === 'thong_tu' ? 2 : 1)
            .join(' '),
        );
        if (name.split(' ').length >= 2 && restFolded.includes(`${typeWord} ${name}`))
          add({ type, target: targetOf(b), effectiveFrom: work.effective, evidence });
      }
    }
  }

  // ---- Official lists of expired documents (danh mục văn bản hết hiệu lực).
  const listLines = new Set<number>();
  readExpiredList(parsed, listLines, (row) => {
    if (!row.ref) {
      diagnostics.push({ code: 'relations.list_row_unread', severity: 'warning', message: `List row ${row.no}: no document number read`, line: row.line });
      return;
    }
    const base = {
      type: 'announces' as const,
      effectiveFrom: row.date,
      note: cut(row.reason),
      evidence: { eId: at.unit(row.line), line: row.line, text: cut(row.text) },
      sourceEId: at.unit(row.line),
    };
    if (row.units.length > 0) for (const eId of row.units) add({ ...base, target: targetOf(row.ref, eId) });
    else add({ ...base, target: targetOf(row.ref), ...(row.partial ? { partial: true } : {}) });
    if (!row.date) diagnostics.push({ code: 'relations.list_row_undated', severity: 'warning', message: `List row ${row.no}: no expiry date`, line: row.line });
  });

  // ---- Instructions in the body.
  const paras = paragraphs(parsed, listLines);
  if (paras.some((p) => p.reset))
    diagnostics.push({ code: 'relations.unbalanced_quote', severity: 'info', message: 'A quotation never closed; it was ended at the next instruction' });

  const defaultContext = isVbhn ? null : amendedByTitle(title, parsed, isSelf);
  let context: Reference | null = defaultContext;
  let contextArticle: string | undefined;
  let list: { type: RelationType; date: string | null } | null = null;
  const wholeAmends: { type: RelationType; ref: Reference; line: number; text: string; eId?: string }[] = [];
  const cites = new Map<string, { ref: Reference; line: number; eId?: string }>();

  /** Relations for a subject ("Khoản 2 Điều 3 của Nghị định số 135/2020/NĐ-CP ...", "Luật ... số 58/2014/QH13 ..."). */
  const handle = (p: Paragraph, subject: string, type: RelationType, from: string | null, opts: { sameNameReplaces?: boolean; to?: string | null } = {}) => {
    const eId = at.unit(p.line);
    const evidence = { ...(eId ? { eId } : {}), line: p.line, text: cut(p.own) };
    // Parentheses ("(sau đây gọi chung là ...)") end a list of amending laws: keep them as a boundary.
    const s = subject.replace(/\([^()]{0,600}\)/gu, ' ; ');
    const refs = locateRefs(s).filter((r) => !isSelf(r.ref));
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
        if (n.length > 3 && fold(title).includes(n)) t = 'replaces';
      }
      const extra = { ...(opts.to !== undefined ? { effectiveTo: opts.to } : {}) };
      if (units.length > 0) for (const u of units) add({ type: t, target: targetOf(ref, u), effectiveFrom: from, evidence, sourceEId: eId, ...extra });
      else add({ type: t, target: targetOf(ref), effectiveFrom: from, evidence, sourceEId: eId, ...extra, ...(partial ? { partial: true } : {}) });
    };
    if (kept.length > 0) {
      for (const k of kept) emit(k.lr.ref, k.units);
      context = (kept[kept.length - 1] as { lr: LocatedRef }).lr.ref;
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
    if (!context) {
      diagnostics.push({
        code: 'relations.no_target',
        severity: 'warning',
        message: `Units named with no document to apply them to: ${cut(p.own)}`,
        line: p.line,
      });
      return false;
    }
    emit(context, units);
    return true;
  };

  for (const p of paras) {
    const art = at.article(p.line);
    if (art !== contextArticle) {
      contextArticle = art;
      context = defaultContext;
      list = null;
    }
    const s = p.own;
    const eId = at.unit(p.line);
    for (const lr of locateRefs(s)) {
      if (isSelf(lr.ref) || !lr.ref.number) continue;
      const key = referenceKey(lr.ref.number);
      if (!cites.has(key)) cites.set(key, { ref: lr.ref, line: p.line, ...(eId ? { eId } : {}) });
    }
    if (isVbhn) continue;
    if (STARTS_CLAUSE_RE.test(s)) list = null;
    const body = s.replace(new RegExp(`^${MARKER}`, 'u'), '');

    // "... hết hiệu lực (thi hành) kể từ ngày Luật này có hiệu lực thi hành"
    const ex = EXPIRES_RE.exec(s);
    if (ex) {
      const dw = DATE_WORDS_RE.exec(s) ?? DATE_SLASH_RE.exec(s);
      const date = FROM_OWN_EFFECT_RE.test(s) ? work.effective : dw ? isoDate(dw[1] as string, dw[2] as string, dw[3] as string) : work.effective;
      const sentenceStart = Math.max(0, s.lastIndexOf('. ', ex.index) + 1);
      const subject = s.slice(sentenceStart, ex.index).replace(new RegExp(`^\\s*${MARKER}`, 'u'), '');
      if (/:\s*$/u.test(s)) list = { type: 'repeals', date };
      if (handle(p, subject, 'repeals', date, { sameNameReplaces: true })) continue;
      if (list) continue;
    }

    // Imperatives at the start of a paragraph.
    const verb =
      /^(Sửa đổi, bổ sung|Sửa đổi|Bổ sung|Bãi bỏ|Bỏ|Thay thế|Đình chỉ|Tạm đình chỉ|Ngưng hiệu lực|Tạm ngưng(?: hiệu lực| thi hành)?|Đính chính)(?![\p{L}])\s*:?\s*/u.exec(
        body,
      );
    if (verb) {
      const v = verb[1] as string;
      // "Thay thế, bãi bỏ ...", "Sửa đổi, bổ sung, bãi bỏ ...": the first verb names the relation.
      const rest = body.slice(verb[0].length).replace(/^(?:,?\s*(?:và\s+)?(?:sửa đổi|bổ sung|bãi bỏ|thay thế|bỏ)(?![\p{L}])\s*)+/iu, '');
      const listHeader = /:\s*$/u.test(rest) && locateRefs(rest).length === 0 && citedEIds(rest).length === 0;
      if (/^(?:các\s+|những\s+)?(?:cụm từ|từ|dấu|nội dung|chữ|số liệu)(?![\p{L}])/u.test(rest)) {
        // Replacing or deleting words changes the text of the units named after "tại": an amendment.
        const where = /(?:tại|ở|trong)\s+([\s\S]*)$/u.exec(rest.replace(/“…”/gu, ' '));
        if (where) handle(p, where[1] as string, 'amends', work.effective);
        continue;
      }
      const type: RelationType =
        v === 'Bãi bỏ' || v === 'Bỏ'
          ? 'repeals'
          : v === 'Thay thế'
            ? 'replaces'
            : /đình chỉ/iu.test(v)
              ? 'annuls'
              : /ngưng/iu.test(v)
                ? 'suspends'
                : v === 'Đính chính'
                  ? 'corrects'
                  : 'amends';
      if (listHeader) {
        list = { type, date: work.effective };
        continue;
      }
      if (/^(?:một số|các|những)\s/u.test(rest) && citedEIds(rest).length === 0) {
        // "Sửa đổi, bổ sung một số điều của Luật ... số ...", "Thay thế một số phụ lục của Thông tư số ..." open a
        // series of instructions on that document.
        const [first] = locateRefs(rest).filter((r) => !isSelf(r.ref));
        if (first) {
          context = first.ref;
          wholeAmends.push({ type, ref: first.ref, line: p.line, text: p.own, ...(eId ? { eId } : {}) });
          continue;
        }
      }
      let subject = rest.replace(/\s+như sau\s*:?\s*$/u, '');
      if (type === 'amends') {
        // "Bổ sung Điều 6a vào sau Điều 6": the new unit is the target; "Bổ sung khoản 3 vào Điều 5": the article.
        const into = /\s(?:vào|sau|trước)\s/u.exec(subject);
        if (into && citedEIds(subject.slice(0, into.index)).length > 0)
          subject = subject.slice(0, into.index) + subject.slice(into.index).replace(/^[\s\S]*?(?=(?:của|tại)\s|$)/u, ' ');
      }
      let from = work.effective;
      let to: string | null | undefined;
      if (type === 'suspends' || type === 'annuls') {
        const range = /từ\s+ngày\s+(\d{1,2})[/-](\d{1,2})[/-](\d{4})|từ\s+ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})/u.exec(rest);
        if (range)
          from = range[1] ? isoDate(range[1], range[2] as string, range[3] as string) : isoDate(range[4] as string, range[5] as string, range[6] as string);
        const until = /đến\s+(hết\s+)?ngày\s+(?:(\d{1,2})[/-](\d{1,2})[/-](\d{4})|(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4}))/u.exec(rest);
        if (until) {
          const d = until[2] ? isoDate(until[2], until[3] as string, until[4] as string) : isoDate(until[5] as string, until[6] as string, until[7] as string);
          to = d && until[1] ? nextDay(d) : d;
        }
      }
      handle(p, subject, type, from, { ...(to !== undefined ? { to } : {}) });
      continue;
    }

    // "Thông tư này thay thế Thông tư số ..."
    const thisReplaces = new RegExp(String.raw`(?:${TYPE_ALT})\s+này\s+thay\s+thế\s+([\s\S]*)$`, 'u').exec(s);
    if (thisReplaces) {
      handle(p, thisReplaces[1] as string, 'replaces', work.effective);
      continue;
    }

    // "Khoản 2 và khoản 5 Điều 3 được sửa đổi, bổ sung như sau:" (not "... được sửa đổi bởi/theo ...": a statement
    // about another document).
    const passive =
      /^(?:Các\s+|Tên\s+)?(?:Phần|Chương|Mục|Điều|Khoản|Điểm|Phụ lục)\s[\s\S]{0,300}?\s(?:được|bị)\s+(sửa đổi, bổ sung|sửa đổi|bổ sung|bãi bỏ|thay thế)(?![\p{L}])(?!\s+(?:bởi|theo))/iu.exec(
        body,
      );
    if (passive) {
      const v = passive[1] as string;
      handle(p, passive[0], v === 'bãi bỏ' ? 'repeals' : v === 'thay thế' ? 'replaces' : 'amends', work.effective);
      continue;
    }

    // An item of a list opened by "... sau đây hết hiệu lực:" or "Bãi bỏ các văn bản sau đây:".
    if (list && STARTS_ITEM_RE.test(s)) handle(p, s.replace(STARTS_ITEM_RE, ''), list.type, list.date, { sameNameReplaces: list.type === 'repeals' });
  }

  // "Sửa đổi, bổ sung một số điều của X" with no instruction on a unit of X: the whole work is amended.
  // The same for "thay thế / bãi bỏ một số quy định của X": part of X is replaced or repealed, units unknown.
  const titled: typeof wholeAmends = defaultContext && !isVbhn ? [{ type: 'amends', ref: defaultContext, line: 1, text: title }] : [];
  for (const w of [...wholeAmends, ...titled]) {
    const id = targetOf(w.ref).workId;
    if (relations.some((r) => ['amends', 'replaces', 'repeals'].includes(r.type) && r.target.workId === id)) continue;
    add({
      type: w.type,
      target: targetOf(w.ref),
      ...(w.type === 'amends' ? {} : { partial: true }),
      effectiveFrom: work.effective,
      evidence: { ...(w.eId ? { eId: w.eId } : {}), line: w.line, text: cut(w.text) },
      sourceEId: w.eId,
    });
  }

  // ---- Interpretation and correction named in the title ("Nghị quyết giải thích ...", "Quyết định đính chính ...").
  const tm = /(giải thích|đính chính)(?![\p{L}])([\s\S]{0,300})/iu.exec(title);
  if (tm && !isVbhn)
    for (const lr of locateRefs(tm[2] as string))
      if (!isSelf(lr.ref))
        add({
          type: /giải/iu.test(tm[1] as string) ? 'interprets' : 'corrects',
          target: targetOf(lr.ref),
          effectiveFrom: work.effective,
          evidence: { line: 1, text: cut(title) },
        });

  // ---- Citations: every other numbered document, once, unless a stronger relation already links it.
  const linked = new Set(relations.map((r) => (r.target.number ? referenceKey(r.target.number) : '')));
  for (const [key, c] of cites) {
    if (linked.has(key)) continue;
    add({
      type: 'cites',
      target: targetOf(c.ref),
      effectiveFrom: null,
      evidence: { ...(c.eId ? { eId: c.eId } : {}), line: c.line, text: cut(c.ref.text) },
      sourceEId: c.eId,
    });
  }

  for (const r of relations)
    if (['repeals', 'replaces', 'amends', 'annuls', 'suspends', 'announces'].includes(r.type) && !r.effectiveFrom)
      diagnostics.push({
        code: 'relations.undated',
        severity: 'warning',
        message: `${r.type} ${r.target.number ?? r.target.text}: no date from which it takes effect`,
        line: r.evidence.line,
      });
  return { relations, diagnostics };
}

function nextDay(d: string): string {
  const t = new Date(`${d}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + 1);
  return t.toISOString().slice(0, 10);
}

function firstArticle(units: ParsedUnit[]): ParsedUnit | null {
  for (const u of units) {
    if (u.kind === 'article') return u;
    if (u.kind === 'attachment' || u.kind === 'appendix') continue;
    const a = firstArticle(u.children);
    if (a) return a;
  }
  return null;
}

/** 1-based line of the first line holding the start of a text (preamble and head), 1 when not found. */
function lineOf(parsed: ParseResult, text: string): number {
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

// ---- Lists of expired documents -------------------------------------------------------------------------------

interface ListRow {
  no: number;
  line: number;
  ref: Reference | null;
  units: string[];
  partial: boolean;
  date: string | null;
  reason: string;
  text: string;
}

const LIST_HEAD_RE = /^DANH MỤC VĂN BẢN[\s\S]*HẾT HIỆU LỰC/u;
const LIST_SECTION_RE = /^[A-ZĐ]\.\s+VĂN BẢN/u;
const LIST_HEADER_LINE_RE = /^(?:STT(?![\p{L}])|Văn bản hết hiệu lực|Lý do hết hiệu lực|Ngày hết|hiệu lực$|hết hiệu lực$|Nội dung, quy định)/u;
const ROW_DOC_RE = /^(?:Thông|Nghị|Quyết|Luật|Bộ luật|Pháp|Chỉ|Lệnh|Sắc|Hiến)(?![\p{L}])/u;
const REASON_RE = /(?<![\p{L}])(?:Được|Bị)\s+(?:thay thế|bãi bỏ|sửa đổi|bổ sung|hủy bỏ|đình chỉ)|(?<![\p{L}])Hết thời hạn|(?<![\p{L}])Hết hiệu lực/u;

/** Rows of an official list of expired documents: number line, document cell, reason cell, expiry date line. */
function readExpiredList(parsed: ParseResult, consumed: Set<number>, onRow: (row: ListRow) => void): void {
  const lines = parsed.lines;
  const head = lines.findIndex((l) => LIST_HEAD_RE.test(l.trim()));
  if (head < 0) return;
  let partial = false;
  let expected = 1;
  let row: { no: number; line: number; before: string[]; after: string[]; date: string | null } | null = null;
  const finish = () => {
    if (!row) return;
    const fix = (t: string) => t.replace(/\s+/gu, ' ').replace(/(?<=\S[/-])\s+(?=[\p{Lu}\p{N}])/gu, '');
    const before = fix(row.before.join(' '));
    const reasonAt = before.search(REASON_RE);
    const docCell = fix(`${reasonAt >= 0 ? before.slice(0, reasonAt) : before} ${row.after.join(' ')}`);
    const reason = reasonAt >= 0 ? before.slice(reasonAt) : '';
    const [first] = locateRefs(docCell);
    const units = partial
      ? citationGroups(docCell)
          .filter((g) => !/^\s*(?:của|tại)(?![\p{L}])/u.test(docCell.slice(g.end)) && (!first || g.start >= first.numberEnd || g.end <= first.start))
          .flatMap((g) => g.eIds)
      : [];
    onRow({ no: row.no, line: row.line, ref: first?.ref ?? null, units: [...new Set(units)], partial, date: row.date, reason, text: docCell });
    row = null;
  };
  for (let i = head; i < lines.length; i++) {
    const l = (lines[i] as string).replace(/\*+/g, '').trim();
    consumed.add(i + 1);
    if (LIST_SECTION_RE.test(l)) {
      finish();
      partial = /MỘT PHẦN/u.test(l) || /MỘT PHẦN/u.test((lines[i + 1] as string | undefined) ?? '');
      expected = 1;
      continue;
    }
    if (/^Tổng số/u.test(l)) {
      finish();
      continue;
    }
    if (/^\d{1,3}$/.test(l) && Number(l) === expected) {
      let j = i + 1;
      while (j < lines.length && (lines[j] as string).trim() === '') j++;
      if (ROW_DOC_RE.test(((lines[j] as string | undefined) ?? '').trim())) {
        finish();
        row = { no: expected, line: i + 1, before: [], after: [], date: null };
        expected++;
        continue;
      }
    }
    if (!row || l === '' || FURNITURE_RE.test(l) || LIST_HEADER_LINE_RE.test(l) || /^[IVXLC]+\.\s/u.test(l)) continue;
    const d = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(l);
    if (d && !row.date) {
      row.date = isoDate(d[1] as string, d[2] as string, d[3] as string);
      continue;
    }
    (row.date ? row.after : row.before).push(l);
  }
  finish();
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
