/**
 * Amendment instructions → effects. An amending document's body is read line by line: instruction paragraphs
 * ("1. Sửa đổi, bổ sung khoản 3 Điều 32 như sau:", wrapped lines joined) are parsed into effects, and the new text
 * that follows them — quoted (“...”) or not — is read into units for the target. Pure and linear: each line is looked
 * at a bounded number of times; regexes have no nested quantifiers over unbounded text.
 */
import type { Diagnostic, Unit, UnitKind } from '../model';
import { isoDate } from '../dates';
import { PRINTED_ALT } from '../document-types';
import { DOCUMENT_TYPE_LABELS } from '../model';
import { cleanLines } from '../parse/clean';
import { eIdPart, numOfEId } from '../eid';
import type { ParseResult, ParsedUnit } from '../parse/types';
import { isLocalNumber, numberHasYear, referenceKey, workIdFor } from '../refs';
import { findPayloadUnit, parsePayload, reroot, unquote } from './payload';
import { type RefPath, readRefs, refEId } from './refs';
import { parseSegment } from './rules';
import { firstNumber, type Segment, type Verb } from './segment';
import type { Effect, EffectOperation, EffectPayload, ParseInstructionsResult } from './types';

/** Nothing, or "(của) <type> này": what may follow the references of a commencement clause. */
const THIS_DOCUMENT_RE = new RegExp(String.raw`^(?:(?:của )?(?:${PRINTED_ALT}) này\s*)?$`, 'u');

export interface AmendingWork {
  id: string;
  number: string | null;
  /** ISO effective date of the amending document. */
  effective: string | null;
}

export interface DefaultTarget {
  workId: string;
  number: string | null;
}

/** Verbs that open an instruction. Case-insensitive: chained segments continue in lower case ("; bổ sung ..."). */
const VERB_RE =
  /^(sửa đổi,? bổ sung|sửa đổi|bổ sung,? sửa đổi|bổ sung|bãi bỏ|hủy bỏ|huỷ bỏ|bỏ|thay thế|thay|đình chỉ(?: việc)?(?: thi hành)?|ngưng hiệu lực|tạm ngưng(?: hiệu lực)?)(?![\p{L}\p{N}])\s*:?\s*/iu;
/** The passive: "Điều 51 được sửa đổi, bổ sung như sau:", "Khoản 2 Điều 32 bị bãi bỏ". */
const PASSIVE_RE =
  /^(?:đã\s+)?(?:được|bị)\s+(sửa đổi,? bổ sung|sửa đổi|bổ sung,? sửa đổi|bổ sung|bãi bỏ|hủy bỏ|huỷ bỏ|thay thế|thay bằng)(?![\p{L}\p{N}])\s*:?\s*/iu;
const OWN_ARTICLE_RE = /^(?:Điều|ĐIỀU)\s+(\d{1,4})([a-zđ]?)\s*(?:[.:]\s*(.*))?$/u;
const OWN_CLAUSE_RE = /^(\d{1,3}[a-zđ]?)\.\s*(.*)$/u;
const OWN_POINT_RE = /^([a-zđ]\d{0,2})\)\s*(.*)$/u;
const ENDS_SENTENCE = /[.:;!?]["”’)*]*$/u;
const LONE_MARKER = /^“?(?:Điều|ĐIỀU|Chương|CHƯƠNG|Mục|MỤC|Phần|PHẦN|[a-zđ]\d{0,2}\)|\d{1,3}[a-zđ]?\.)$/u;
const MARKER_LINE = /^(?:(?:Điều|ĐIỀU)\s+\d|\d{1,3}[a-zđ]?\.\s|[a-zđ]\d{0,2}\)\s)/u;
/** Quoted new text that starts with a unit's marker ("“b) Doanh thu ...", "“4. Người nộp phí ...", "“Điều 9. ..."). */
const QUOTED_UNIT = /^“\s*(?:(?:Điều|ĐIỀU)\s+\d|\d{1,3}[a-zđ]?\.\s|[a-zđ]\d{0,2}\)\s|(?:Chương|CHƯƠNG|Mục|MỤC)\s+[\dIVXLC])/u;
/** Lines a paragraph may join before it is cut (a wrapped instruction is a few lines; runaway quotes are not). */
const MAX_PARAGRAPH_LINES = 60;

function verbOf(word: string): Verb {
  const w = word.toLowerCase();
  if (w.startsWith('sửa') || w.startsWith('bổ sung,') || w === 'bổ sung sửa đổi') return 'amend';
  if (w.startsWith('bổ sung')) return 'add';
  if (w.startsWith('bãi') || w.startsWith('hủy') || w.startsWith('huỷ') || w === 'bỏ') return 'repeal';
  if (w.startsWith('thay')) return 'replace';
  return 'suspend';
}

interface Paragraph {
  /** 1-based line of its first line. */
  line: number;
  /** Index (in `body`) of its last line. */
  last: number;
  text: string;
  marker: { kind: 'article' | 'clause' | 'point'; num: string } | null;
  /** The text after the marker. */
  body: string;
}

interface Context {
  level: number;
  docNumber: string | null;
  article: RefPath | null;
  verb: Verb | null;
}

const quoteDelta = (s: string): number => {
  let d = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x201c) d++;
    else if (c === 0x201d) d--;
  }
  return d;
};

/** Splits on `;` outside quotes. */
function splitSegments(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x201c) depth++;
    else if (c === 0x201d) depth = Math.max(0, depth - 1);
    else if (c === 0x3b && depth === 0) {
      out.push(s.slice(from, i));
      from = i + 1;
    }
  }
  out.push(s.slice(from));
  return out.map((x) => x.trim()).filter((x) => x !== '');
}

/** A line of the body: its text and 1-based line number. */
interface BodyLine {
  text: string;
  line: number;
}

/** What a paragraph starts: its verb, the text after it, and the units a passive sentence names before its verb. */
interface Start {
  verb: Verb;
  rest: string;
  passive: RefPath[] | null;
}

/**
 * Reads the instructions of an amending document, paragraph by paragraph, its state in one object: the body's lines,
 * the unit of the document being read (its own article, clause, point), the open contexts (the document, article and
 * verb an intro gives the instructions under it), and what was found.
 */
class InstructionReader {
  readonly effects: Effect[] = [];
  readonly diagnostics: Diagnostic[] = [];
  private readonly body: BodyLine[] = [];
  private readonly appendices: ParsedUnit[];
  private readonly typeLabel: string | null;
  /** Clause-specific effective dates ("Khoản 3 Điều 1 có hiệu lực từ ngày ..."), keyed by own eId. */
  private readonly ownDates = new Map<string, string>();
  private ownArticle: string | null = null;
  private ownClause: string | null = null;
  private ownPoint: string | null = null;
  private readonly contexts: Context[] = [];
  private readonly ordinals = new Map<string, number>();

  constructor(
    private readonly amending: AmendingWork,
    private readonly parsed: ParseResult,
    private readonly defaultTarget: DefaultTarget | null,
  ) {
    this.typeLabel = parsed.metadata.type && parsed.metadata.type !== 'unknown' ? DOCUMENT_TYPE_LABELS[parsed.metadata.type] : null;
    this.appendices = parsed.units.filter((u) => u.kind === 'appendix');
  }

  read(): ParseInstructionsResult {
    if (this.parsed.metadata.type === 'van_ban_hop_nhat') {
      this.diagnostics.push({ code: 'effects.consolidated_text', severity: 'info', message: 'A consolidated text (VBHN) carries no instructions of its own' });
      return { effects: this.effects, diagnostics: this.diagnostics };
    }
    if (!this.readBody()) return { effects: this.effects, diagnostics: this.diagnostics };
    let i = 0;
    while (i < this.body.length) i = this.readParagraph(i);
    this.finish();
    return { effects: this.effects, diagnostics: this.diagnostics };
  }

  /** The body: from the first unit to the signature or the first appendix; furniture and blank lines left out. */
  private readBody(): boolean {
    const parsed = this.parsed;
    const firstUnit = parsed.units.find((u) => u.kind !== 'appendix' && u.kind !== 'attachment');
    if (!firstUnit) return false;
    const stop = Math.min(
      parsed.signature?.line ?? Number.POSITIVE_INFINITY,
      ...parsed.units.filter((u) => u.kind === 'appendix' || u.kind === 'attachment').map((u) => u.line),
      parsed.lines.length + 1,
    );
    const classified = cleanLines(parsed.lines.join('\n'), 'text');
    let pending: BodyLine | null = null;
    for (let i = firstUnit.line - 1; i < stop - 1 && i < classified.length; i++) {
      const l = classified[i];
      if (l?.cls !== 'text') continue;
      const text = l.text.replace(/^\*+/, '').trim();
      if (!text) continue;
      // A marker alone on its line ("Điều" / "1. ...", "“b)" / "Chủ trì ..."): Markdown renditions wrap there.
      const merged: BodyLine = pending ? { text: `${pending.text} ${text}`, line: pending.line } : { text, line: l.no };
      pending = null;
      // "... tại khoản 1, khoản 2 Điều" / "19.": the number of a wrapped citation, not a clause of its own.
      const prev = this.body[this.body.length - 1];
      if (prev && /^\d{1,3}\.$/u.test(merged.text) && /(?:^|\s)(?:Điều|điều|khoản|Khoản|điểm|Chương|Mục|mục)$/u.test(prev.text)) {
        prev.text += ` ${merged.text}`;
        continue;
      }
      if (LONE_MARKER.test(merged.text)) pending = merged;
      else this.body.push(merged);
    }
    if (pending) this.body.push(pending);
    return true;
  }

  private ownEId(): string {
    return (
      [
        this.ownArticle && eIdPart('article', this.ownArticle),
        this.ownClause && eIdPart('clause', this.ownClause),
        this.ownPoint && eIdPart('point', this.ownPoint),
      ]
        .filter(Boolean)
        .join('__') || 'preamble'
    );
  }

  private line(i: number): string {
    return (this.body[i] as BodyLine).text;
  }

  /** Reads the paragraph that starts at body[i]: wrapped lines joined while unfinished (or inside quotes). */
  private paragraphAt(i: number): Paragraph {
    const first = this.body[i] as BodyLine;
    let text = first.text;
    let depth = Math.max(0, quoteDelta(text));
    let j = i;
    while (j + 1 < this.body.length && j - i < MAX_PARAGRAPH_LINES) {
      const next = this.line(j + 1);
      const unfinished = !ENDS_SENTENCE.test(text.slice(-8));
      if (!(depth > 0 || (unfinished && !this.markerLine(j + 1) && !/:$/u.test(text)))) break;
      if (depth === 0 && next.startsWith('“') && /:\s*$/u.test(text)) break;
      // "Điều 2. Sửa đổi, bổ sung điểm b khoản 1 Điều 9" then "“b) Doanh thu ...": new text after an instruction
      // that does not say "như sau:".
      if (depth === 0 && QUOTED_UNIT.test(next) && this.namesUnits(text)) break;
      // "Điều 1. Sửa đổi, bổ sung một số điều của Thông tư số ..." then "Bổ sung Điều 9a vào sau Điều 9 như sau:": an
      // article's heading line, left unpunctuated, is not wrapped onto an instruction that starts a new sentence.
      if (j === i && depth === 0 && OWN_ARTICLE_RE.test(text) && /^\p{Lu}/u.test(next) && this.instructionStart(next)) break;
      text += ` ${next}`;
      depth = Math.max(0, depth + quoteDelta(next));
      j++;
    }
    return { line: first.line, last: j, text, ...markerOf(text) };
  }

  /**
   * Does body[j] start a unit of the document? An article only as the parser reads one ("Điều 5." then its heading):
   * a list of references wraps before "Điều 10; điểm b khoản 1 Điều 20." or "Điều 7 Thông tư số 12/2015/TT-BTC ...".
   */
  private markerLine(j: number): boolean {
    const t = this.line(j);
    if (!MARKER_LINE.test(t)) return false;
    if (!/^(?:Điều|ĐIỀU)/u.test(t)) return true;
    // After an unfinished line, as the parser reads it: "... tại điểm d khoản 4" / "Điều 89." is the citation wrapped.
    const a = OWN_ARTICLE_RE.exec(t);
    return !!a && /^\p{Lu}/u.test(a[3] ?? '');
  }

  /** An instruction (after its own marker) on units, not phrases: its new text may follow without "như sau:". */
  private namesUnits(text: string): boolean {
    const start = this.instructionStart(markerOf(text).body);
    if (!start || /(?:^|\s)(?:cụm\s+)?từ(?:\s|$)|“/u.test(start.rest)) return false;
    if (start.passive) return true;
    const r = readRefs(start.rest.replace(/^(?:quy định tại|nội dung(?: quy định)? tại)\s+/u, ''), this.contextRef());
    return r.refs.length > 0 || r.partial.length > 0;
  }

  private contextRef(): RefPath | null {
    for (let k = this.contexts.length - 1; k >= 0; k--) if ((this.contexts[k] as Context).article) return (this.contexts[k] as Context).article;
    return null;
  }

  private contextDoc(): string | null {
    for (let k = this.contexts.length - 1; k >= 0; k--) if ((this.contexts[k] as Context).docNumber) return (this.contexts[k] as Context).docNumber;
    return null;
  }

  private contextVerb(): Verb | null {
    for (let k = this.contexts.length - 1; k >= 0; k--) if ((this.contexts[k] as Context).verb) return (this.contexts[k] as Context).verb;
    return null;
  }

  /** Is this paragraph body an instruction (verb first, or references then a passive verb)? */
  private instructionStart(text: string): Start | null {
    const v = VERB_RE.exec(text);
    if (v?.[1]) return { verb: verbOf(v[1]), rest: text.slice(v[0].length), passive: null };
    if (!/^(?:Tên\s|Các\s|các\s|Toàn bộ\s)?(?:Phần|Chương|Mục|Tiểu mục|Điều|Khoản|Điểm|Phụ lục|phần|chương|mục|điều|khoản|điểm)\s/u.test(text)) return null;
    const r = readRefs(text, this.contextRef());
    if (r.refs.length === 0) return null;
    // "Khoản 2 Điều 3 của Luật ... được sửa đổi": skip a document named between the references and the verb.
    let rest = r.rest;
    const at = rest.search(/(?:^|\s)(?:đã\s+)?(?:được|bị)\s/u);
    if (at < 0 || at > 300) return null;
    const docPart = rest.slice(0, at);
    rest = rest.slice(at).trim();
    const p = PASSIVE_RE.exec(rest);
    if (!p?.[1]) return null;
    // "Điều 7 Thông tư số 12/2015/TT-BTC đã được sửa đổi, bổ sung tại khoản 5 Điều 1 Thông tư số 22/2019/TT-BTC": what
    // an earlier document did, not an instruction.
    if (/^(?:tại|bởi|theo)(?![\p{L}\p{N}])/u.test(rest.slice(p[0].length))) return null;
    const verb = p[1].toLowerCase() === 'thay bằng' ? 'replace' : verbOf(p[1]);
    return { verb, rest: `${docPart} ${rest.slice(p[0].length)}`, passive: r.refs };
  }

  /** The index after the quoted block that starts at body[from]. */
  private skipQuoted(from: number): number {
    let depth = 0;
    let j = from;
    for (; j < this.body.length; j++) {
      if (j > from && depth > 0 && this.resumesOwnText(j)) {
        this.diagnostics.push({
          code: 'effects.quote_unterminated',
          severity: 'info',
          message: `The quotation opened at line ${(this.body[from] as BodyLine).line} is not closed: its new text ends before “${this.line(j).slice(0, 40)}”`,
          line: (this.body[from] as BodyLine).line,
        });
        return j;
      }
      const t = this.line(j);
      depth += quoteDelta(t);
      if (depth <= 0) break;
      // An unbalanced inner quote: the block ends where a line closes a quote and the next one is an instruction.
      if (/”[\s.;,*]*$/u.test(t) && j + 1 < this.body.length) {
        const nx = markerOf(this.line(j + 1));
        if (nx.marker && (this.instructionStart(nx.body) || nx.marker.kind === 'article')) break;
      }
    }
    return Math.min(j + 1, this.body.length);
  }

  /**
   * A quotation the text forgot to close (45/2026/TT-BTC: “Điều 3a. ... never closed) ends where the document's own
   * next article resumes: "Điều 2. Thay thế, bãi bỏ một số cụm từ ..." followed by instructions of its own.
   */
  private resumesOwnText(j: number): boolean {
    const a = OWN_ARTICLE_RE.exec(this.line(j));
    if (!a?.[1] || Number(a[1]) <= Number.parseInt(this.ownArticle ?? '0', 10)) return false;
    if (a[3] && this.instructionStart(a[3])) return true;
    const next = j + 1 < this.body.length ? markerOf(this.line(j + 1)) : null;
    return !!next?.marker && next.marker.kind !== 'article' && !!this.instructionStart(next.body);
  }

  private warn(code: string, message: string, line: number): void {
    this.diagnostics.push({ code, severity: 'warning', message, line });
  }

  /** A marker moves the reading into the document's own unit, closing the contexts at its level or below. */
  private enter(marker: Paragraph['marker'], level: number): void {
    if (!marker) return;
    while (this.contexts.length > 0 && (this.contexts[this.contexts.length - 1] as Context).level >= level) this.contexts.pop();
    if (marker.kind === 'article') {
      this.ownArticle = marker.num;
      this.ownClause = null;
      this.ownPoint = null;
    } else if (marker.kind === 'clause') {
      this.ownClause = marker.num;
      this.ownPoint = null;
    } else this.ownPoint = marker.num;
  }

  /** Reads the paragraph at body[i] (and the new text after it); returns where the next one starts. */
  private readParagraph(at: number): number {
    const para = this.paragraphAt(at);
    let i = para.last + 1;
    const level = levelOf(para.marker);
    this.enter(para.marker, level);
    noteOwnDates(para.body, this.ownDates);

    // "b) Sửa đổi, bổ sung một số điểm của khoản 2 Điều 7 như sau:" then "- Sửa đổi điểm đ như sau:": dash items.
    const dashed = para.marker ? null : /^[-–]\s+(?=\p{Lu})/u.exec(para.body);
    let start = this.instructionStart(dashed ? para.body.slice(dashed[0].length) : para.body);
    // "2. Bỏ các cụm từ:" then "“huyện đảo” tại Điều 76;" — list items continue the verb of their intro.
    if (!start && (para.body.startsWith('“') || /^(?:các\s+)?cụm từ\s*“/u.test(para.body))) {
      const v = this.contextVerb();
      if (v) start = { verb: v, rest: para.body, passive: null };
    }
    if (!start) {
      if (looksLikeInstruction(para.body)) this.warn('effects.unparsed_instruction', `Instruction not understood: ${para.text.slice(0, 160)}`, para.line);
      return i;
    }
    const quoteFollows = i < this.body.length && this.line(i).startsWith('“');
    // "Điều 2. Sửa đổi, bổ sung điểm b khoản 1 Điều 9" then "“b) ...": the new text follows without "như sau:".
    const expectsPayload =
      /như sau\s*:?\s*$|:\s*$/u.test(para.body) || (quoteFollows && QUOTED_UNIT.test(this.line(i)) && !ENDS_SENTENCE.test(para.body.slice(-8)));
    const segments = this.segmentsOf(start);
    const head = segments[0];
    if (!head) {
      this.warn('effects.unparsed_instruction', `Instruction without content: ${para.text.slice(0, 160)}`, para.line);
      return i;
    }
    // A container: "Sửa đổi, bổ sung một số điều của Nghị định số 88/2020/NĐ-CP như sau:", or an article whose
    // changes follow as sub-instructions ("2. Sửa đổi, bổ sung Điều 32 của Bộ luật ... như sau: a) ...").
    const onlyArticle = segments.length === 1 && head.refs.length === 1 && head.refs[0]?.segments.length === 1 && head.refs[0].segments[0]?.kind === 'article';
    const nextPara = i < this.body.length ? this.paragraphAt(i) : null;
    const childInstructions =
      !!nextPara?.marker && levelOf(nextPara.marker) > level && level < 3 && !!this.instructionStart(nextPara.body) && !nextPara.body.startsWith('“');
    const bare = segments.every((s) => s.refs.length === 0 && !s.op && !s.problem && !s.forms && !s.dash);
    const listIntro = bare && /(?:cụm\s+từ|từ ngữ|các từ)(?:\s+như sau)?\s*:\s*$/u.test(para.body);
    if (bare && expectsPayload && quoteFollows && !listIntro) {
      this.warn('effects.unparsed_instruction', `No target read in: ${para.text.slice(0, 160)}`, para.line);
      return this.skipQuoted(i);
    }
    // "Điều 4. Sửa đổi, bổ sung điểm b, điểm c khoản 1 và điểm c khoản 2 Điều 7 Thông tư số ..." then "1. Sửa đổi, bổ
    // sung điểm b, điểm c khoản 1 như sau:": a heading that sums up the changes of one article made below it.
    const summary = !onlyArticle && childInstructions && (expectsPayload || !ENDS_SENTENCE.test(para.body.slice(-8))) ? commonArticle(segments) : null;
    if (bare || (onlyArticle && childInstructions && expectsPayload) || summary) {
      const article = head.scope ?? summary ?? (onlyArticle ? (head.refs[0] as RefPath) : null);
      this.contexts.push({ level, docNumber: head.docNumber ?? this.contextDoc(), article, verb: head.verb });
      return i;
    }
    // "Điều 48. Sửa đổi, bổ sung Luật Đầu tư số 61/2020/QH14 ..." then "Sửa đổi, bổ sung mục 192 thuộc Phụ lục IV ...": a
    // whole document amended names the document of the instructions that follow it.
    if (segments.length === 1 && head.works.length > 0 && !head.op && (head.verb === 'amend' || head.verb === 'add') && nextPara) {
      const nextStart = this.instructionStart(nextPara.body);
      if (nextStart && (!nextPara.marker || levelOf(nextPara.marker) > level)) {
        this.contexts.push({ level, docNumber: head.works[0] ?? null, article: null, verb: head.verb });
        return i;
      }
    }
    if (segments.every((s) => s.refs.length === 0 && !s.op) && segments.some((s) => s.problem)) {
      for (const s of segments) if (s.problem) this.warn('effects.unparsed_instruction', `${s.problem}: ${para.text.slice(0, 160)}`, para.line);
      return expectsPayload && quoteFollows ? this.skipQuoted(i) : i;
    }
    const needsPayload = segments.some(
      (s) => (s.refs.length > 0 && (s.verb === 'amend' || s.verb === 'add' || s.verb === 'replace')) || s.op === 'replace_appendix',
    );
    const read = this.payloadAfter(para, segments, i, expectsPayload && needsPayload);
    i = read.next;
    const payload = read.lines.length > 0 ? parsePayload(unquote(read.lines)) : null;
    if (expectsPayload && needsPayload && !payload) this.warn('effects.payload_missing', `No new text after: ${para.text.slice(0, 120)}`, para.line);
    this.emit(para, segments, payload);
    return i;
  }

  /** Segments chained by ";" (each may bring its own verb, or continue the previous one). */
  private segmentsOf(start: Start): Segment[] {
    const segments: Segment[] = [];
    let verb = start.verb;
    const parts = splitSegments(start.rest).flatMap(splitChainedVerb);
    for (let k = 0; k < parts.length; k++) {
      let text = parts[k] as string;
      if (k > 0) {
        const v = VERB_RE.exec(text);
        if (v?.[1]) {
          verb = verbOf(v[1]);
          text = text.slice(v[0].length);
        }
      }
      text = text.replace(/\s*(?:như sau|sau đây)?\s*:?\s*$/u, '').trim();
      const prev = segments[segments.length - 1];
      // "Thay thế cụm từ “X” bằng cụm từ “Y” tại Điều 35 của Luật A; điểm a khoản 3 Điều 23 của Luật B; ...": more places.
      if (k > 0 && prev?.op && prev.op.endsWith('_phrase') && !VERB_RE.test(parts[k] as string) && !text.includes('“')) {
        const r = readRefs(text.replace(/^(?:quy định\s+)?tại\s+/u, ''), this.contextRef());
        if (r.refs.length > 0) {
          segments.push({ ...prev, where: r.refs, docNumber: firstNumber(r.rest), problem: null });
          continue;
        }
      }
      let seg = parseSegment(verb, text, this.contextRef());
      // "Sửa đổi, bổ sung khoản 1, khoản 4 và bổ sung khoản 6 Điều 19", "Sửa đổi tên Điều và sửa đổi, bổ sung Điều 20":
      // references left without their article take it from the next verb's first reference.
      const next = parts[k + 1];
      if (seg.problem?.startsWith('references without an article') && next !== undefined && CHAINED_VERB_RE.test(` và ${next}`)) {
        // "tiêu đề khoản 2 và bổ sung các điểm a, b vào sau khoản 2 Điều 7": or the unit after "vào sau".
        const rightText = next.replace(VERB_RE, '');
        const anchorAt = rightText.search(/(?:^|\s)(?:vào\s+)?(?:sau|trước|vào)\s/u);
        const right =
          readRefs(rightText, this.contextRef()).refs[0] ??
          (anchorAt >= 0 ? readRefs(rightText.slice(anchorAt).replace(/^\s*(?:vào\s+)?(?:sau|trước|vào)\s+/u, ''), this.contextRef()).refs[0] : undefined);
        if (right) {
          const again = parseSegment(verb, text, right);
          if (!again.problem) seg = again;
        }
      }
      if (k === 0 && start.passive) {
        seg.refs = start.passive;
        seg.problem = null;
        const after = /^(?:vào\s+)?(sau|vào)\s+/u.exec(text);
        if (after && verb === 'add') {
          const a = readRefs(text.slice(after[0].length), this.contextRef());
          if (a.refs[0]) {
            if (after[1] === 'sau') seg.anchor = a.refs[0];
            else seg.into = a.refs[0];
          }
        }
      }
      segments.push(seg);
    }
    return segments;
  }

  /**
   * The new text of an instruction: inline after "như sau:", the quoted lines from body[i], or (no quotes) the
   * paragraphs up to the next instruction or the next own article. `next`: where reading goes on.
   */
  private payloadAfter(para: Paragraph, segments: Segment[], i: number, wanted: boolean): { lines: string[]; next: number } {
    const inlineAt = /như sau\s*:?\s*$|:\s*$/u.test(para.body) ? -1 : para.body.search(/như sau\s*:\s*“/u);
    if (inlineAt >= 0) return { lines: [para.body.slice(para.body.indexOf('“', inlineAt))], next: i };
    if (!wanted || i >= this.body.length) return { lines: [], next: i };
    const lines: string[] = [];
    if (this.line(i).startsWith('“')) {
      let end = this.skipQuoted(i);
      // Several units quoted one after the other ("“c) ...;”;" then "“d) ...", or one “Điều N. …” line each): the
      // instruction's new text goes on.
      while (end < this.body.length && /”[\s.;,]*$/u.test(this.line(end - 1)) && QUOTED_UNIT.test(this.line(end))) end = this.skipQuoted(end);
      for (let j = i; j < end; j++) lines.push(this.line(j));
      return { lines, next: end };
    }
    // Unquoted new text (26/2012/QH13): up to the next instruction, the next own article, or the end.
    const nextOwn = this.ownArticle ? Number.parseInt(this.ownArticle, 10) + 1 : null;
    const targetsArticle = (n: string) => segments.some((s) => s.refs.some((r) => r.segments.some((x) => x.kind === 'article' && x.num === n)));
    let j = i;
    while (j < this.body.length) {
      const p = this.paragraphAt(j);
      const a = p.marker?.kind === 'article' ? p.marker.num : null;
      if (a && nextOwn !== null && Number.parseInt(a, 10) === nextOwn && /^\d+$/.test(a) && !(lines.length === 0 && targetsArticle(a))) break;
      if (this.instructionStart(p.body) && !(lines.length === 0 && p.marker?.kind === 'article')) break;
      for (let k = j; k <= p.last; k++) lines.push(this.line(k));
      j = p.last + 1;
    }
    return { lines, next: j };
  }

  /** One effect of the paragraph's instruction (numbered per source unit). */
  private make(
    para: Paragraph,
    sourceEId: string,
    target: { workId: string | null; number: string | null },
    operation: EffectOperation,
    eId: string,
    payload: EffectPayload,
  ): Effect {
    const n = (this.ordinals.get(sourceEId) ?? 0) + 1;
    this.ordinals.set(sourceEId, n);
    const a = this.amending;
    const effect: Effect = {
      id: `${a.id}:${sourceEId}:${n}`,
      source: { workId: a.id, number: a.number, typeLabel: this.typeLabel, eId: sourceEId, text: para.text, line: para.line },
      target: { ...target, eId },
      operation,
      payload,
      effectiveFrom: a.effective,
      state: 'pending',
    };
    this.effects.push(effect);
    return effect;
  }

  /** The effects of a paragraph's segments: on whole works, on phrases, on units. */
  private emit(para: Paragraph, segments: Segment[], payload: ReturnType<typeof parsePayload> | null): void {
    const sourceEId = this.ownEId();
    const missingAppendices: string[] = [];
    for (const seg of segments) {
      if (seg.problem && !seg.op && seg.refs.length === 0) {
        this.warn('effects.unparsed_instruction', `${seg.problem}: ${para.text.slice(0, 160)}`, para.line);
        continue;
      }
      if (seg.problem) this.warn('effects.partial_instruction', `${seg.problem}: ${para.text.slice(0, 160)}`, para.line);
      const docNumber = seg.docNumber ?? this.contextDoc() ?? this.defaultTarget?.number ?? null;
      const target = resolveTarget(docNumber, this.defaultTarget);
      const make = (operation: EffectOperation, eId: string, p: EffectPayload, t = target) => this.make(para, sourceEId, t, operation, eId, p);
      if (seg.op === 'replace_work' || seg.op === 'repeal_work' || seg.op === 'suspend') {
        for (const w of seg.works) make(seg.op, '', {}, resolveTarget(w, this.defaultTarget));
        continue;
      }
      if (seg.op === 'replace_phrase' || seg.op === 'delete_phrase' || seg.op === 'insert_phrase') {
        const where = seg.where.length > 0 || seg.whereOther.length > 0 ? seg.where.map(refEId) : [''];
        const places = [...where.map((eId) => ({ eId, other: null as string | null })), ...seg.whereOther.map((o) => ({ eId: o.eId, other: o.text }))];
        for (const place of places)
          for (const phrase of seg.phrases) {
            const p: EffectPayload = { phrase };
            if (seg.replacement !== null) p.replacement = seg.replacement;
            if (seg.anchorPhrase !== null) p.anchorPhrase = seg.anchorPhrase;
            if (seg.position) p.position = seg.position;
            const made = make(seg.op, place.eId, p);
            if (seg.whereUnread) {
              made.state = 'unapplied';
              made.reason = `the place of this phrase edit could not be read (“${seg.whereUnread}”)`;
            } else if (place.other !== null) {
              made.state = 'unapplied';
              made.reason = `the place “${place.other}” of this phrase edit is not a unit: apply by hand`;
            }
          }
        if (seg.whereOther.length > 0)
          this.warn(
            'effects.sub_unit_target',
            `phrase edit in places that are not units (${seg.whereOther.map((o) => `“${o.text}”`).join(', ')}): ${para.text.slice(0, 120)}`,
            para.line,
          );
        continue;
      }
      if (seg.forms) {
        // Forms are not units: the change is recorded on their appendix (or the work), to be applied by hand.
        const op: EffectOperation = seg.verb === 'repeal' ? 'repeal_unit' : seg.verb === 'add' ? 'insert_into' : 'replace_unit';
        const reason = `forms (Mẫu) inside an appendix are not units (“${seg.forms}”): apply by hand`;
        for (const eId of seg.refs.length > 0 ? seg.refs.map(refEId) : ['']) {
          const made = make(op, eId, {});
          made.state = 'unapplied';
          made.reason = reason;
        }
        this.warn('effects.sub_unit_target', `${reason}: ${para.text.slice(0, 120)}`, para.line);
        continue;
      }
      this.emitUnits(para, seg, segments.length, payload, make, missingAppendices);
    }
    if (missingAppendices.length > 0)
      this.warn(
        'effects.payload_missing',
        `The new ${missingAppendices.join(', ')} are not attached to this rendition: the replacements stay unapplied`,
        para.line,
      );
  }

  /** The effects of a segment on the units it names: repeal, new appendix, new heading, insertion, new wording. */
  private emitUnits(
    para: Paragraph,
    seg: Segment,
    segmentCount: number,
    payload: ReturnType<typeof parsePayload> | null,
    make: (operation: EffectOperation, eId: string, p: EffectPayload) => Effect,
    missingAppendices: string[],
  ): void {
    let previousNew: string | null = null;
    for (const ref of seg.refs) {
      const eId = refEId(ref);
      const last = ref.segments[ref.segments.length - 1] as { kind: UnitKind; num: string } | undefined;
      const unit = payload && seg.verb !== 'repeal' && last ? pickUnit(payload, last.kind, eId, seg.refs.length === 1 && segmentCount === 1) : null;
      if (seg.dash) {
        // A dash, a paragraph (khổ, đoạn), a part of an appendix, or text added at the end of a unit: not a unit, never
        // widened to the unit that holds it (the new text is kept for whoever applies it).
        const op: EffectOperation = seg.verb === 'repeal' ? 'repeal_unit' : seg.verb === 'add' ? 'insert_into' : 'replace_unit';
        const made = make(op, eId, unit ? { units: [unit] } : {});
        made.state = 'unapplied';
        made.reason = `the instruction changes “${seg.dash}”${eId ? ` in ${eId}` : ''}, which is not a unit: apply by hand`;
        this.warn('effects.sub_unit_target', `${made.reason}: ${para.text.slice(0, 120)}`, para.line);
        continue;
      }
      if (ref.segments[0]?.kind === 'appendix' && ref.segments.length > 1) {
        // "tên mục 19 Phụ lục III": the parser keeps an appendix whole, so what lies inside it is not a unit.
        const op: EffectOperation = ref.heading
          ? 'rename_heading'
          : seg.verb === 'repeal'
            ? 'repeal_unit'
            : seg.verb === 'add'
              ? 'insert_into'
              : 'replace_unit';
        const heading = ref.heading ? (unit ? headingOf(unit) : payload?.lead || null) : null;
        const made = make(op, eId, heading ? { heading } : {});
        made.state = 'unapplied';
        made.reason = `${eId} lies inside an appendix, which is not divided into units: apply by hand`;
        this.warn('effects.sub_unit_target', `${made.reason}: ${para.text.slice(0, 120)}`, para.line);
        continue;
      }
      if (!last) continue;
      if (last.kind === 'appendix') {
        if (seg.verb === 'repeal') make('repeal_unit', eId, {});
        else {
          const own = this.appendices.find((a) => a.eId === eId);
          make('replace_appendix', eId, own ? { units: [stripParsed(own)] } : {});
          if (!own) missingAppendices.push(eId);
        }
        continue;
      }
      if (seg.verb === 'repeal') {
        make('repeal_unit', eId, {});
        continue;
      }
      if (ref.heading) {
        const heading = unit ? headingOf(unit) : payload?.lead || null;
        make('rename_heading', eId, heading ? { heading } : {});
        continue;
      }
      const units = unit ? { units: [unit] } : {};
      if (seg.verb === 'add' && (seg.anchor || seg.into || !payload || unit)) {
        if (seg.anchor) {
          const anchorEId: string = previousNew ?? refEId(seg.anchor);
          make('insert_after', eId, { ...units, anchorEId });
          previousNew = eId;
        } else make('insert_into', eId, units);
        continue;
      }
      make('replace_unit', eId, units);
    }
  }

  /** Clause-specific dates override the document's date for the instructions under that unit. */
  private finish(): void {
    if (this.ownDates.size > 0)
      for (const e of this.effects) {
        let best: string | null = null;
        for (const eId of this.ownDates.keys())
          if ((e.source.eId === eId || e.source.eId.startsWith(`${eId}__`)) && (!best || eId.length > best.length)) best = eId;
        if (best) e.effectiveFrom = this.ownDates.get(best) ?? e.effectiveFrom;
      }
    if (!this.amending.effective)
      this.diagnostics.push({
        code: 'effects.no_effective_date',
        severity: 'warning',
        message: 'The amending document has no effective date: its effects cannot be dated',
      });
  }
}

/** " và bổ sung khoản 6 Điều 19": a second verb chained by "và" after a list of references. */
const CHAINED_VERB_RE = /\s+và\s+(?=(?:sửa đổi|bổ sung|bãi bỏ|thay thế)(?![\p{L}\p{N}]))/u;

/**
 * "khoản 1, khoản 4 và bổ sung khoản 6 Điều 19" → ["khoản 1, khoản 4", "bổ sung khoản 6 Điều 19"]: split where "và" and
 * a verb follow references only (never inside quotes, never after other words: a title may say "sửa đổi và bổ sung").
 */
function splitChainedVerb(part: string): string[] {
  const out: string[] = [];
  let rest = part;
  for (let guard = 0; guard < 8; guard++) {
    const m = CHAINED_VERB_RE.exec(rest);
    if (!m) break;
    const left = rest.slice(0, m.index);
    if (left.includes('“')) break;
    const r = readRefs(left);
    if (r.rest !== '' || r.refs.length + r.unresolved.length === 0) break;
    out.push(left);
    rest = rest.slice(m.index + m[0].length);
  }
  out.push(rest);
  return out;
}

/** The one article (or appendix) every reference of the segments lies in, if there is one. */
function commonArticle(segments: Segment[]): RefPath | null {
  let holder: { kind: UnitKind; num: string } | null = null;
  for (const seg of segments) {
    if (seg.op || seg.problem || seg.forms) return null;
    for (const ref of seg.refs) {
      const a = ref.segments.find((x) => x.kind === 'article') ?? (ref.segments[0]?.kind === 'appendix' ? ref.segments[0] : undefined);
      if (!a || (holder !== null && (a.kind !== holder.kind || a.num !== holder.num))) return null;
      holder = a;
    }
  }
  return holder === null ? null : { segments: [holder], heading: false };
}

/** A paragraph's own marker (`Điều 5.`, `2.`, `a)`) and the text after it. */
function markerOf(text: string): Pick<Paragraph, 'marker' | 'body'> {
  const a = OWN_ARTICLE_RE.exec(text);
  if (a?.[1]) return { marker: { kind: 'article', num: a[1] + (a[2] ?? '') }, body: (a[3] ?? '').trim() };
  const c = OWN_CLAUSE_RE.exec(text);
  if (c?.[1]) return { marker: { kind: 'clause', num: c[1] }, body: (c[2] ?? '').trim() };
  const p = OWN_POINT_RE.exec(text);
  if (p?.[1]) return { marker: { kind: 'point', num: p[1] }, body: (p[2] ?? '').trim() };
  return { marker: null, body: text };
}

const levelOf = (m: Paragraph['marker']) => (m ? { article: 0, clause: 1, point: 2 }[m.kind] : 3);

/** Looks like an instruction we could not read: a verb and unit words, or "như sau:". */
const looksLikeInstruction = (text: string) =>
  VERB_RE.test(text) && (/(?:^|\s)(?:Điều|điều|khoản|Khoản|điểm|Điểm|Chương|Mục|Phụ lục|cụm từ|từ “)(?:\s|$)/u.test(text) || /như sau\s*:\s*$/u.test(text));

export function parseInstructions(amending: AmendingWork, parsed: ParseResult, defaultTarget: DefaultTarget | null): ParseInstructionsResult {
  return new InstructionReader(amending, parsed, defaultTarget).read();
}

function resolveTarget(number: string | null, def: DefaultTarget | null): { workId: string | null; number: string | null } {
  if (!number) return { workId: def?.workId ?? null, number: def?.number ?? null };
  if (def?.number && referenceKey(def.number) === referenceKey(number)) return { workId: def.workId, number: def.number };
  const workId = numberHasYear(number) && !isLocalNumber(number) ? workIdFor({ number, issued: null, place: null }) : null;
  return { workId, number };
}

/** The payload unit for a target; when the new text has no such unit and the instruction has one target, the text itself. */
function pickUnit(payload: { units: Unit[]; lead: string }, kind: UnitKind, eId: string, single: boolean): Unit | null {
  const segs = eId.split('__');
  const seg = segs[segs.length - 1] as string;
  const parentPrefix = segs.slice(0, -1).join('__');
  const found = findPayloadUnit(payload.units, kind, seg);
  const withPrefix = (u: Unit) => {
    const old = u.eId.slice(0, u.eId.length - seg.length);
    return reroot(u, old, kind === 'article' || parentPrefix === '' ? '' : `${parentPrefix}__`);
  };
  if (found) return withPrefix(found);
  if (!single) return null;
  // "c. Kỳ tính thuế ..." (a point printed with a dot), or bare text.
  const num = segs[segs.length - 1]?.replace(/^[a-z]+_/, '') ?? '';
  let text = payload.lead;
  if (payload.units.length > 0 && !text) return null;
  text = text.replace(/^([a-zđ]\d{0,2}|\d{1,3}[a-zđ]?)[.)]\s+/u, '');
  if (!text) return null;
  const children = payload.units.map((u) => reroot(u, '', `${eId}__`));
  return { kind, num: numOfEId(num), eId, heading: null, text, children };
}

function headingOf(u: Unit): string {
  if (u.heading) return u.heading;
  // A clause's "name" is its text before its points ("Sửa đổi tên khoản 2 Điều 14").
  return u.text.replace(/\s*\n\s*/g, ' ').trim();
}

function stripParsed(u: ParsedUnit): Unit {
  return { kind: u.kind, num: u.num, eId: u.eId, heading: u.heading, text: u.text, children: u.children.map(stripParsed) };
}

/** "Khoản 3 Điều 1 có hiệu lực từ ngày 01 tháng 7 năm 2025" inside the amending document: own units with own dates. */
function noteOwnDates(text: string, out: Map<string, string>): void {
  let from = 0;
  for (let guard = 0; guard < 20; guard++) {
    const at = text.indexOf('có hiệu lực', from);
    if (at < 0) return;
    from = at + 11;
    const date = /^có hiệu lực(?: thi hành)?(?: kể)? từ ngày (\d{1,2}) tháng (\d{1,2}) năm (\d{4})/u.exec(text.slice(at, at + 80));
    if (!date?.[1] || !date[2] || !date[3]) continue;
    const before = text.slice(Math.max(0, at - 300), at);
    const cut = Math.max(before.lastIndexOf('. '), before.lastIndexOf(';'), before.lastIndexOf(':'));
    const subject = before
      .slice(cut + 1)
      .trim()
      .replace(/^(?:Riêng|Quy định tại|Các quy định tại|Riêng quy định tại)\s+/iu, '');
    const r = readRefs(subject, null);
    if (r.refs.length === 0 || !THIS_DOCUMENT_RE.test(r.rest.trim())) continue;
    const iso = isoDate(date[1], date[2], date[3]);
    if (iso) for (const ref of r.refs) out.set(refEId(ref), iso);
  }
}
