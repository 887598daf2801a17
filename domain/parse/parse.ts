/**
 * The structural parser: a normalised legal text in, a tree of units with stable eIds out (ParseResult).
 * Line-based and linear: each line is cleaned and classified once (clean.ts), then a single pass assigns it to the
 * head, the preamble, a unit, a footnote or the signature block. Never throws on any input: what it cannot place
 * it reports as a diagnostic.
 */
import { romanToInt } from '../text/numerals';
import type { Diagnostic, SourceFormat, UnitKind, UnitNote } from '../model';
import { normalizeText } from '../text/normalize';
import { cleanLines, type Line } from './clean';
import { eIdPart } from '../eid';
import { extractMetadata } from './metadata';
import { consolidatedSources, legalBases, signerOf } from './references';
import type { ParsedUnit, ParseResult, PreambleLine } from './types';

// ---------------------------------------------------------------------------------------------------------------
// Markers

/** Upper case as Vietnamese writes it (character ranges cannot say this: Latin Extended mixes both cases). */
const isUpper = (s: string) => s === s.toUpperCase() && /\p{Lu}/u.test(s);
/** The rest of a container line is its heading only if empty, punctuated, or upper case: "Chương trình ..." is text. */
const containerRest = (rest: string) => rest === '' || /^[.:\-–—]/.test(rest) || isUpper(rest);
const stripLead = (rest: string) => rest.replace(/^[.:\-–—]\s*/, '').trim();
/** The marker as printed: the line without what follows the marker (`Điều 5.`, `Chương II`). */
const prefixOf = (line: string, rest: string | undefined) => line.slice(0, line.length - (rest ?? '').length).trim();

const PART_RE = /^(?:PHẦN|Phần)\s+(THỨ\s+[A-ZÀ-ỸĐ]+|thứ\s+[a-zà-ỹđ]+|[IVXLC]+|\d{1,2})(?![\p{L}\p{N}])\s*(.*)$/u;
const CHAPTER_RE = /^(?:CHƯƠNG|Chương)\s+([IVXLC]+|\d{1,3})(?![\p{L}\p{N}])\s*(.*)$/u;
const SECTION_RE = /^(?:MỤC|Mục)\s+(\d{1,3}|[IVXLC]+)(?![\p{L}\p{N}])\s*(.*)$/u;
const SUBSECTION_RE = /^(?:TIỂU MỤC|Tiểu mục)\s+(\d{1,3})(?![\p{L}\p{N}])\s*(.*)$/u;
const ARTICLE_RE = /^(?:Điều|ĐIỀU)\s+(\d{1,4}[a-zđ]?)\s*(?:[.:]\s*(.*))?$/u;
const CLAUSE_RE = /^(\d{1,3}[a-zđ]?)\.(?:\s+(.*))?$/u;
/** Consolidated texts glue a footnote marker to the clause number: `3.2 Các ngành` is clause 3, note 2. */
const CLAUSE_NOTE_RE = /^(\d{1,3})\.(\d{1,3})\s+(\S.*)$/u;
const POINT_RE = /^([a-zđ]\d{0,2})\)(?:\s+(.*))?$/u;
/** `e)9 Hỗ trợ`: point e, note 9. */
const POINT_NOTE_RE = /^([a-zđ])\)(\d{1,3})\s+(\S.*)$/u;
const APPENDIX_RE = /^PHỤ LỤC(?:\s+(?:SỐ\s+)?([IVXLC]+|\d{1,3}|[A-Z]))?(?![\p{L}\p{N}])\s*[.:\-–]?\s*(.*)$/u;
const ATTACHMENT_TITLE_RE =
  /^(QUY CHẾ|QUY ĐỊNH|ĐIỀU LỆ|HƯỚNG DẪN|QUY TRÌNH|CHƯƠNG TRÌNH|KẾ HOẠCH|DANH MỤC|TIÊU CHUẨN|NỘI QUY|QUY CHUẨN|ĐỀ ÁN|CHIẾN LƯỢC|BẢNG|BIỂU)(?![\p{L}\p{N}])/u;
const ATTACHED_BY_RE = /^\(?\s*(?:Ban hành|ban hành|Kèm theo|kèm theo)\s.*(?:kèm theo|Quyết định|Nghị định|Thông tư|Nghị quyết)/u;
const SIGNATURE_RE = /^(?:TM\.|KT\.|TL\.|TUQ\.|Q\.|T\/M\.|Nơi nhận\s*:|XÁC THỰC VĂN BẢN HỢP NHẤT$)/u;
/** A capacity printed alone above the signer's name ("BỘ TRƯỞNG" / "Đào Ngọc Dung"): no "KT." or "TM." before it. */
const BARE_CAPACITY_RE =
  /^(?:(?:PHÓ )?THỦ TƯỚNG(?: CHÍNH PHỦ)?|BỘ TRƯỞNG(?: BỘ [\p{Lu} ,-]+)?|(?:PHÓ )?CHỦ TỊCH(?: [\p{Lu} ]+)?|CHỦ NHIỆM(?: [\p{Lu} ]+)?|TỔNG KIỂM TOÁN(?: NHÀ NƯỚC)?|CHÁNH ÁN(?: [\p{Lu} ]+)?|VIỆN TRƯỞNG(?: [\p{Lu} ]+)?|THỐNG ĐỐC(?: [\p{Lu} ]+)?|TỔNG THANH TRA(?: CHÍNH PHỦ)?)$/u;
/** A person's name as signed: two to six capitalised words ("Nguyễn Văn An"), maybe after a military rank. */
const SIGNER_NAME_RE = /^(?:(?:Đại|Thượng|Trung|Thiếu) (?:tướng|tá|úy|uý) )?\p{Lu}\p{Ll}*(?: \p{Lu}\p{Ll}*){1,5}$/u;
/** "Luật này đã được Quốc hội ... thông qua ngày ...": the closing formula of laws, followed by the signature. */
const CLOSING_FORMULA_RE =
  /^(?:Luật|Bộ luật|Pháp lệnh|Nghị quyết|Hiến pháp|Luật sửa đổi[^.]{0,200}) này (?:đã )?được (?:Quốc hội|Ủy ban thường vụ Quốc hội|UBTVQH)/u;
const PREAMBLE_START_RE = /^(?:Căn cứ|Theo đề nghị|Theo đề xuất|Xét|Thực hiện|Trên cơ sở)(?![\p{L}\p{N}])/u;
const MOTTO_RE = /Độc lập\s*-\s*Tự do\s*-\s*Hạnh phúc|CỘNG HÒA XÃ HỘI CHỦ NGHĨA/u;
const LONE_MARKER_WORD_RE = /^(?:Điều|ĐIỀU|Chương|CHƯƠNG|Mục|MỤC|Phần|PHẦN)$/u;
const NOTE_BODY_RE = /^(\d{1,3})\s+(\S.*)$/u;
const BOLD_ARTICLE_RE = /^\s*\*\*\s*(?:Điều|ĐIỀU)\s+\d/u;
/**
 * An amendment instruction: a verb first and a unit it changes ("Sửa đổi, bổ sung khoản 3 Điều 32 ...", "Bổ sung
 * Điều 6a vào sau Điều 6 ..."), or the units first and a passive verb ("Khoản 2 và khoản 5 Điều 3 được sửa đổi, bổ
 * sung ..."). A verb alone ("Bổ sung kinh phí như sau:") is not one: instructions name units.
 */
const INSTRUCTION_VERB_RE = /^(?:Sửa đổi|Bổ sung|Bãi bỏ|Hủy bỏ|Huỷ bỏ|Thay thế|Đình chỉ|Ngưng hiệu lực|Tạm ngưng)(?![\p{L}\p{N}])/u;
const UNIT_REF_RE =
  /(?:^|\s)(?:Phần|Chương|Mục|Tiểu mục|Điều|Khoản|Điểm|Phụ lục|phần|chương|mục|tiểu mục|điều|khoản|điểm|phụ lục)\s+(?:\d|[IVXLC]+(?![\p{L}\p{N}])|[a-zđ]\d{0,2}(?![\p{L}\p{N}]))/u;
const INSTRUCTION_PASSIVE_RE =
  /^(?:Tên |Các |Toàn bộ )?(?:Phần|Chương|Mục|Tiểu mục|Điều|Khoản|Điểm|Phụ lục)\s[^.;:“”]{0,300}?\s(?:đã\s+)?(?:được|bị)\s+(?:sửa đổi|bổ sung|bãi bỏ|hủy bỏ|huỷ bỏ|thay thế|thay bằng)(?![\p{L}\p{N}])/u;
/** The new text follows: "... như sau:". */
const AS_FOLLOWS_RE = /như sau\s*:\s*$/u;
/** "Sửa đổi, bổ sung một số điều (nội dung) ... như sau:" names no unit to print: the document's own items follow. */
const CONTAINER_INSTRUCTION_RE = /(?:^|\s)một số\s+(?:điều|khoản|điểm|nội dung|quy định|chương|mục)(?![\p{L}\p{N}])/iu;

const isInstruction = (s: string) => {
  const head = s.slice(0, 1000);
  return INSTRUCTION_PASSIVE_RE.test(head) || (INSTRUCTION_VERB_RE.test(head) && UNIT_REF_RE.test(head));
};
/** A line without its article, clause or point marker. */
function markerBody(t: string): string {
  const m = ARTICLE_RE.exec(t) ?? CLAUSE_RE.exec(t) ?? POINT_RE.exec(t);
  return m ? (m[2] ?? '').trim() : t;
}
const WEB_NOTE_RE = /^\[(\d{1,3})\]\s*(.*)$/u;

const ORDINALS = ['nhất', 'hai', 'ba', 'tư', 'năm', 'sáu', 'bảy', 'tám', 'chín', 'mười'];
/** `thứ nhất` → 1, `THỨ HAI` → 2, `IV` → 4, `3` → 3. */
function partNumber(printed: string): string {
  const m = /^thứ\s+(\S+)$/iu.exec(printed);
  if (m?.[1]) {
    const i = ORDINALS.indexOf(m[1].toLowerCase());
    return i >= 0 ? String(i + 1) : m[1];
  }
  return String(romanToInt(printed) ?? printed);
}

/** Vietnamese point letters in order; f, j, w, z placed where Latin puts them so the linter can flag them. */
const POINT_ORDER = 'abcdđefghijklmnopqrstuvwxyz';
const pointRank = (num: string) => POINT_ORDER.indexOf(num.charAt(0)) * 100 + Number(num.slice(1) || 0);
/** `6a` → [6, 'a']; the suffix orders inserted units after their base. */
function numRank(num: string): number {
  const m = /^(\d+)([a-zđ]?)$/u.exec(num);
  if (!m) return -1;
  return Number(m[1]) * 100 + (m[2] ? POINT_ORDER.indexOf(m[2]) + 1 : 0);
}

// ---------------------------------------------------------------------------------------------------------------
// The tree being built

interface Builder {
  unit: ParsedUnit;
  /** Text lines, joined at the end. */
  lines: string[];
  /** Heading lines still accepted (continuations of a wrapped heading). */
  headingOpen: number;
  /** This unit's own segment of the eId (`art_5`, `para_2`, `art_5__dup2` for a repeated number). */
  part: string;
}

const LEVEL: Record<UnitKind, number> = {
  attachment: 0,
  appendix: 0,
  part: 1,
  chapter: 2,
  section: 3,
  subsection: 4,
  article: 5,
  clause: 6,
  point: 7,
};

/** Joins hard-wrapped lines into paragraphs: a line ending a sentence (or a list item) keeps its line break. */
export function joinWrapped(lines: string[]): string {
  let out = '';
  let prev = '';
  for (const l of lines) {
    // Only the previous line is tested: testing the growing paragraph would make long units quadratic.
    if (out === '') out = l;
    else if (ENDS_SENTENCE.test(prev.slice(-8)) || /^[-+•–]\s/u.test(l) || /^["“]/u.test(l)) out += `\n${l}`;
    else out += ` ${l}`;
    prev = l;
  }
  return out;
}

const ENDS_SENTENCE = /[.:;!?]["”’)]*$/u;

/** Unquoted new text after an instruction ending in "như sau:" (see DocumentParser.payload). */
interface Payload {
  unit: ParsedUnit;
  level: number;
  nextOwn: number | null;
  instruction: string;
  from: number;
  to: number;
  lines: number;
}

/** Ends the text of a document: what follows is the signature (and maybe attachments or appendices). */
const END_OF_TEXT_RE = /\.\/\.\s*$/u;

/**
 * Reads a document line by line into its units, its state in one object: the phase (head, preamble, body, after the
 * signature), the stack of open units, quotes and unquoted new text, footnotes. Each line goes through small steps in
 * order — notes, the head, quoted text, what follows the signature, the preamble, then the body's markers — the first
 * that takes the line ends its turn.
 */
class DocumentParser {
  readonly diagnostics: Diagnostic[];
  private readonly all: Line[];
  private readonly consolidated: boolean;
  private readonly preamble: PreambleLine[] = [];
  private readonly top: ParsedUnit[] = [];
  private readonly docNotes: UnitNote[] = [];
  private signature: { line: number; text: string } | null = null;
  private readonly stack: Builder[] = [];
  private readonly builders = new Map<ParsedUnit, Builder>();
  private readonly markerOwner = new Map<string, ParsedUnit>();
  private readonly usedEIds = new Set<string>();
  private phase: 'head' | 'preamble' | 'body' | 'after' = 'head';
  private attachment: ParsedUnit | null = null;
  private attachmentPart = '';
  private attachmentCount = 0;
  private appendixCount = 0;
  private quoteDepth = 0;
  private quoteSince = 0;
  private lastArticle = -1;
  /**
   * New text printed without quotation marks (26/2012/QH13: "1. Khoản 2 ... Điều 3 được sửa đổi, bổ sung như sau:" then
   * "2. Thu nhập ..."): after an instruction ending in "như sau:", the lines are text of the instructing unit until the
   * next instruction of its level (or above) in the document's own numbering, or the document's next article.
   */
  private payload: Payload | null = null;
  /** The last line of the body consumed (quoted or not): does it end an instruction with "như sau:"? */
  private lastBodyLine = '';
  /** Did the previous body line end a sentence (or was it a marker)? A wrapped citation ("... khoản 3" / "Điều 19.")
   * starts a line with what looks like a marker, but follows an unfinished sentence. */
  private closed = true;
  /** The document head ends at the national motto when there is one (web renditions carry site chrome above it). */
  private readonly bodyFrom: number;
  // Footnote bodies (consolidated gazette texts): the lines after a footnote rule, up to a blank line.
  private inNotes = false;
  private noteTarget: UnitNote | null = null;
  /** Notes are numbered through the document: a line "<next number> <Capital>..." starts the next one. */
  private nextNote = 1;

  constructor(
    private readonly text: string,
    private readonly format: SourceFormat,
    private readonly metadata: ReturnType<typeof extractMetadata>['metadata'],
    metaDiagnostics: Diagnostic[],
  ) {
    this.all = cleanLines(text, format);
    this.diagnostics = [...metaDiagnostics];
    this.consolidated =
      metadata.type === 'van_ban_hop_nhat' ||
      /\bVBHN\b/u.test(metadata.number ?? '') ||
      /VĂN BẢN HỢP NHẤT|được sửa đổi, bổ sung bởi\s*:/u.test(text.slice(0, 6000));
    const mottoAt = this.all.findIndex((l, i) => i < 400 && MOTTO_RE.test(l.text));
    this.bodyFrom = mottoAt >= 0 ? mottoAt + 1 : 0;
  }

  parse(): ParseResult {
    for (let i = 0; i < this.all.length; i++) this.readLine(i);
    this.endPayload();
    this.close(0, this.all.length);
    if (this.quoteDepth > 0) this.unterminatedQuote();
    this.joinUnits();
    if (this.top.length === 0) this.diagnostics.push({ code: 'parse.no_units', severity: 'warning', message: 'No article, chapter or part was found' });
    const enriched = {
      ...this.metadata,
      legalBases: legalBases(this.preamble),
      consolidates: this.consolidated ? consolidatedSources(this.textLines(this.bodyFrom, 150)) : [],
      signer: this.signer(),
    };
    return {
      format: this.format,
      metadata: enriched,
      lines: this.all.map((l) => l.text),
      preamble: this.preamble,
      units: this.top,
      signature: this.signature,
      notes: this.docNotes,
      diagnostics: this.diagnostics,
    };
  }

  private readLine(i: number): void {
    const line = this.all[i] as Line;
    if (this.footnoteLine(line)) return;
    const t = this.joinLoneMarker(i, line.text);
    if (!this.pastHead(i, t)) return;
    if (this.quotedLine(t, line)) return;
    if (this.afterSignature(i, t, line)) return;
    if (this.preambleLine(t, line)) return;
    this.bodyLine(i, t, line);
  }

  /** Footnote rules, furniture, blank lines and the footnote bodies of consolidated texts. */
  private footnoteLine(line: Line): boolean {
    if (line.cls === 'footnote_separator') {
      this.inNotes = this.consolidated;
      this.noteTarget = null;
      return true;
    }
    if (line.cls === 'furniture') return true;
    if (line.cls === 'blank') {
      this.inNotes = false;
      this.noteTarget = null;
      return true;
    }
    const t = line.text;
    if (!this.inNotes && this.consolidated) {
      const m = NOTE_BODY_RE.exec(t);
      if (m?.[1] === String(this.nextNote) && /^\p{Lu}/u.test(m[2] ?? '')) this.inNotes = true;
    }
    if (!this.inNotes) return false;
    const m = NOTE_BODY_RE.exec(t);
    if (m?.[1] && m[2] && Number(m[1]) >= this.nextNote && Number(m[1]) <= this.nextNote + 2) {
      this.nextNote = Number(m[1]) + 1;
      this.noteTarget = { marker: m[1], text: m[2] };
      (this.markerOwner.get(m[1])?.notes ?? (this.current()?.unit.notes || this.docNotes)).push(this.noteTarget);
    } else if (this.noteTarget) this.noteTarget.text += ` ${t}`;
    else this.docNotes.push({ marker: '', text: t });
    return true;
  }

  /** A marker word alone on its line, its number on the next (Markdown wraps inside bold): join them. */
  private joinLoneMarker(i: number, t: string): string {
    if (!LONE_MARKER_WORD_RE.test(t) || i + 1 >= this.all.length || (this.all[i + 1] as Line).cls !== 'text') return t;
    (this.all[i + 1] as Line).cls = 'furniture';
    return `${t} ${(this.all[i + 1] as Line).text}`;
  }

  /** The head (title block) is skipped; the preamble or the body starts it. False: still in the head. */
  private pastHead(i: number, t: string): boolean {
    if (i >= this.bodyFrom && this.phase !== 'head') return true;
    if (i >= this.bodyFrom && PREAMBLE_START_RE.test(t)) this.phase = 'preamble';
    else if (i >= this.bodyFrom && (ARTICLE_RE.test(t) || CHAPTER_RE.test(t) || PART_RE.test(t))) this.phase = 'body';
    else return false;
    return true;
  }

  /** Quoted text in an amending document is payload of the instruction, never structure. */
  private quotedLine(t: string, line: Line): boolean {
    if (!(this.quoteDepth > 0 || t.startsWith('“'))) return false;
    // A quotation left open by a slip would swallow the rest of the document: after 300 lines, the next article of
    // the document's own sequence (not itself quoted) closes it.
    const art = t.startsWith('“') ? null : ARTICLE_RE.exec(t);
    const runaway = this.quoteDepth > 0 && !!art?.[1] && line.no - this.quoteSince > 300 && numRank(art[1]) > this.lastArticle;
    if (!runaway) {
      if (this.quoteDepth === 0) this.quoteSince = line.no;
      this.quoteDepth = quoteStateAfter(t, this.quoteDepth);
      this.lastBodyLine = t;
      if (this.phase === 'preamble') this.preamble.push({ text: t, line: line.no });
      else this.addText(t, line);
      return true;
    }
    this.unterminatedQuote();
    this.quoteDepth = 0;
    return false;
  }

  private unterminatedQuote(): void {
    this.diagnostics.push({
      code: 'parse.quote_unterminated',
      severity: 'warning',
      message: `A quotation opened at line ${this.quoteSince} never closes`,
      line: this.quoteSince,
    });
  }

  /** After the signature: attachments (a regulation issued with the document), appendices, web notes. */
  private afterSignature(i: number, t: string, line: Line): boolean {
    if (this.phase === 'after' && !this.signature && !ATTACHMENT_TITLE_RE.test(t) && !APPENDIX_RE.test(t)) this.signature = { line: line.no, text: t };
    if (this.phase !== 'after' && this.phase !== 'preamble' && ATTACHMENT_TITLE_RE.test(t) && isUpper(t) && attachedWithin(this.all, i)) {
      // An attached regulation whose document's signature we did not recognise.
      this.phase = 'after';
    }
    if (this.phase !== 'after') return false;
    this.endPayload();
    this.lastBodyLine = '';
    const web = WEB_NOTE_RE.exec(t);
    if (web?.[1]) {
      const note = { marker: `[${web[1]}]`, text: web[2] ?? '' };
      (this.markerOwner.get(note.marker)?.notes ?? this.docNotes).push(note);
      return true;
    }
    const ap = APPENDIX_RE.exec(t);
    if (ap && t === t.toUpperCase()) {
      this.openAppendix(ap, line);
      return true;
    }
    if (ATTACHMENT_TITLE_RE.test(t) && isUpper(t) && attachedWithin(this.all, i)) {
      this.attachmentCount++;
      this.close(0, line.no - 1);
      const b = this.open('attachment', String(this.attachmentCount), '', t, line, 4);
      this.attachment = b.unit;
      this.lastArticle = -1;
      this.phase = 'body';
      return true;
    }
    const cur = this.current();
    if (cur && (cur.unit.kind === 'appendix' || cur.unit.kind === 'attachment')) this.addText(t, line);
    return true;
  }

  /** The preamble (căn cứ lines, enacting formula) up to the first article, chapter, part or appendix. */
  private preambleLine(t: string, line: Line): boolean {
    if (this.phase !== 'preamble') return false;
    if (ARTICLE_RE.test(t) || CHAPTER_RE.test(t) || PART_RE.test(t) || APPENDIX_RE.test(t)) {
      this.phase = 'body';
      this.closed = true;
      return false;
    }
    this.preamble.push({ text: t, line: line.no });
    return true;
  }

  /** A line of the body: the signature, unquoted new text, a heading's continuation, a unit's marker, or text. */
  private bodyLine(i: number, t: string, line: Line): void {
    if (SIGNATURE_RE.test(t) || CLOSING_FORMULA_RE.test(t) || this.signedBelow(i, t)) {
      this.endPayload();
      this.close(0, line.no - 1);
      this.signature ??= { line: line.no, text: t };
      this.phase = 'after';
      return;
    }
    const previous = this.lastBodyLine;
    this.lastBodyLine = t;
    if (!this.payload && AS_FOLLOWS_RE.test(previous)) this.payload = this.payloadAfter(t, line);
    if (this.payloadLine(t, line)) return;
    if (this.headingLine(i, t, line)) return;
    if (this.markerLine(t, line)) return;
    if (t.includes('“') && quoteStateAfter(t, 0) > 0) {
      this.quoteDepth = 1;
      this.quoteSince = line.no;
    }
    this.addText(t, line);
    if (END_OF_TEXT_RE.test(t) && this.quoteDepth === 0) this.endOfText(line.no);
  }

  private endOfText(lineNo: number): void {
    this.close(0, lineNo);
    this.phase = 'after';
  }

  /** A line of unquoted new text, kept as text of the instructing unit. */
  private payloadLine(t: string, line: Line): boolean {
    const p = this.payload;
    if (!p) return false;
    if (this.endsPayload(p, t)) {
      this.endPayload();
      return false;
    }
    this.addText(t, line);
    p.lines++;
    p.to = line.no;
    if (END_OF_TEXT_RE.test(t)) {
      this.endPayload();
      this.endOfText(line.no);
    }
    return true;
  }

  /** The continuation of a heading wrapped over several lines. */
  private headingLine(i: number, t: string, line: Line): boolean {
    const b = this.current();
    if (!b || b.headingOpen <= 0 || !(continuesHeading(b.unit, t) || wrapsArticleHeading(b.unit, t, nextText(this.all, i)))) return false;
    b.unit.heading = `${b.unit.heading ? `${b.unit.heading} ` : ''}${t}`.trim();
    b.headingOpen--;
    for (const x of this.stack) x.unit.endLine = line.no;
    if (END_OF_TEXT_RE.test(t)) this.endOfText(line.no);
    return true;
  }

  /** A unit's marker: a part, chapter, section or subsection; an article; a clause or point; an appendix. */
  private markerLine(t: string, line: Line): boolean {
    // Markers start with a known letter: test the container patterns only on lines that could be one.
    const container = CONTAINER_FIRST.has(t.charCodeAt(0)) ? this.containerMarker(t) : null;
    if (container) {
      const { kind, m: cm } = container;
      const num = kind === 'part' ? partNumber(cm[1] as string) : (cm[1] as string);
      this.open(kind, num, prefixOf(t, cm[2]), stripLead(cm[2] ?? '') || null, line, 3);
      return true;
    }
    if (this.articleLine(t, line) || this.clauseOrPointLine(t, line)) return true;
    const ap = APPENDIX_RE.exec(t);
    if (ap && t === t.toUpperCase() && (ap[2] === '' || isUpper(ap[2] ?? ''))) {
      this.openAppendix(ap, line);
      this.phase = 'after';
      return true;
    }
    return false;
  }

  private articleLine(t: string, line: Line): boolean {
    const m = ARTICLE_RE.exec(t);
    if (!m?.[1]) return false;
    const rank = numRank(m[1]);
    const headingText = (m[2] ?? '').trim();
    // A marker printed in bold ("**Điều 2**." in a web rendition) is a heading, never a citation wrapped mid-sentence:
    // a decision's "Điều 2." after "(Chi tiết theo Phụ lục đính kèm)" is its own article, not text of Điều 1.
    const bold = BOLD_ARTICLE_RE.test(line.raw);
    if (!(rank > this.lastArticle && (this.closed || bold || /^\p{Lu}/u.test(headingText)))) return false;
    this.lastArticle = rank;
    const { heading, marker } = this.splitHeadingNote((m[2] ?? '').trim());
    const nb = this.open('article', m[1], prefixOf(t, m[2]), heading || null, line, 3);
    if (marker) this.markerOwner.set(marker, nb.unit);
    return true;
  }

  private clauseOrPointLine(t: string, line: Line): boolean {
    const article = this.innermost(['article']);
    if (!article) return false;
    const noteClause = this.consolidated ? CLAUSE_NOTE_RE.exec(t) : null;
    const cm = noteClause ? null : CLAUSE_RE.exec(t);
    const clauseNum = noteClause?.[1] ?? cm?.[1];
    const clauseRest = noteClause?.[3] ?? cm?.[2] ?? '';
    if (clauseNum && acceptsClause(article.unit, clauseNum) && (this.closed || clauseRest === '' || /^\p{Lu}/u.test(clauseRest))) {
      const nb = this.open('clause', clauseNum, `${clauseNum}.`, null, line);
      if (noteClause?.[2]) this.markerOwner.set(noteClause[2], nb.unit);
      const rest = noteClause?.[3] ?? cm?.[2];
      if (rest) this.addText(rest, line);
      return true;
    }
    const notePoint = this.consolidated ? POINT_NOTE_RE.exec(t) : null;
    const pm = notePoint ? null : POINT_RE.exec(t);
    const pointNum = notePoint?.[1] ?? pm?.[1];
    const holder = this.innermost(['clause', 'article']);
    if (!(pointNum && holder && acceptsPoint(holder.unit, pointNum))) return false;
    const nb = this.open('point', pointNum, `${pointNum})`, null, line);
    if (notePoint?.[2]) this.markerOwner.set(notePoint[2], nb.unit);
    const rest = notePoint?.[3] ?? pm?.[2];
    if (rest) this.addText(rest, line);
    return true;
  }

  /**
   * Join each unit's lines into paragraphs. An article "heading" that is a whole sentence ("Điều 2. Quyết định này có
   * hiệu lực thi hành kể từ ngày ký.") is the article's text: headings carry no final punctuation.
   */
  private joinUnits(): void {
    for (const [unit, b] of this.builders) {
      if (unit.kind === 'article' && unit.heading && (/[.:;…]["”’)]*(\/\.)?$/u.test(unit.heading) || unit.heading.length > 250)) {
        b.lines.unshift(unit.heading);
        unit.heading = null;
      }
      unit.text = joinWrapped(b.lines);
    }
  }

  /**
   * The signer, from the signature block; a text that never reached a body (a resolution in numbered sections, with no
   * articles) is searched for the block from its preamble on.
   */
  private signer(): { name: string; capacity: string } | null {
    let at = this.signature?.line ?? null;
    for (let i = this.bodyFrom; at === null && i < this.all.length; i++) {
      const l = this.all[i] as Line;
      if (l.cls === 'text' && (SIGNATURE_RE.test(l.text) || this.signedBelow(i, l.text))) at = l.no;
    }
    return at === null ? null : signerOf(this.textLines(at - 1, 60));
  }

  /**
   * A signature without "KT."/"TM."/"Nơi nhận": a bare capacity with a name under it ("BỘ TRƯỞNG" / "Đào Ngọc Dung"),
   * or a name with "(Đã ký)" under it (older laws print only the name).
   */
  private signedBelow(i: number, t: string): boolean {
    const bare = BARE_CAPACITY_RE.test(t);
    if (!bare && !SIGNER_NAME_RE.test(t)) return false;
    const next: string[] = [];
    for (let j = i + 1; j < this.all.length && next.length < 3; j++) {
      const l = this.all[j] as Line;
      if (l.cls === 'text' && l.text) next.push(l.text);
    }
    if (bare) return next.slice(0, 3).some((l) => SIGNER_NAME_RE.test(l) && !/[.:;,]$/u.test(l));
    return /^\(Đã\s+ký\)$/u.test(next[0] ?? '');
  }

  private textLines(from: number, n: number): string[] {
    const out: string[] = [];
    for (let j = Math.max(0, from); j < this.all.length && out.length < n; j++) if ((this.all[j] as Line).cls === 'text') out.push((this.all[j] as Line).text);
    return out;
  }

  private current(): Builder | undefined {
    return this.stack[this.stack.length - 1];
  }

  private innermost(kinds: UnitKind[]): Builder | undefined {
    for (let i = this.stack.length - 1; i >= 0; i--) if (kinds.includes((this.stack[i] as Builder).unit.kind)) return this.stack[i] as Builder;
    return undefined;
  }

  private close(toLevel: number, line: number): void {
    while (this.stack.length > 0 && LEVEL[(this.current() as Builder).unit.kind] >= toLevel) {
      const b = this.stack.pop() as Builder;
      b.unit.endLine = Math.max(b.unit.line, line);
    }
  }

  private eIdFor(kind: UnitKind, num: string): { eId: string; part: string } {
    const own = eIdPart(kind, num);
    let prefix = '';
    if (kind !== 'attachment' && kind !== 'appendix') {
      // Articles are numbered through the whole document: their eIds start at the article, not the chapter.
      const fromLevel = kind === 'article' || kind === 'clause' || kind === 'point' ? LEVEL.article : 0;
      for (const b of this.stack) {
        const level = LEVEL[b.unit.kind];
        if (b.unit.kind !== 'attachment' && level >= fromLevel && level < LEVEL[kind]) prefix += `${b.part}__`;
      }
      // Inside a regulation attached to the document, every eId starts with the attachment: numbering restarts there.
      if (this.attachment) prefix = `${this.attachmentPart}__${prefix}`;
    }
    const path = prefix + own;
    let eId = path;
    for (let n = 2; this.usedEIds.has(eId); n++) eId = `${path}__dup${n}`;
    if (eId !== path) this.diagnostics.push({ code: 'parse.duplicate_number', severity: 'warning', message: `${path} appears twice; the second is ${eId}` });
    this.usedEIds.add(eId);
    return { eId, part: eId.slice(prefix.length) };
  }

  private open(kind: UnitKind, num: string, label: string, heading: string | null, line: Line, headingOpen = 0): Builder {
    this.close(LEVEL[kind], line.no - 1);
    const { eId, part } = this.eIdFor(kind, num);
    const unit: ParsedUnit = { kind, num, eId, heading, text: '', children: [], line: line.no, endLine: line.no, label, notes: [] };
    this.closed = true;
    const parent = this.current();
    if (parent) parent.unit.children.push(unit);
    else this.top.push(unit);
    const b: Builder = { unit, lines: [], headingOpen, part };
    if (kind === 'attachment') this.attachmentPart = part;
    this.stack.push(b);
    this.builders.set(unit, b);
    return b;
  }

  private addText(s: string, line: Line): void {
    const b = this.current();
    if (!b) {
      this.diagnostics.push({ code: 'parse.text_outside_units', severity: 'info', message: `Text outside any unit: ${s.slice(0, 60)}`, line: line.no });
      return;
    }
    b.lines.push(s);
    b.headingOpen = 0;
    this.closed = /[.:;!?…]["”’)\]]*$/u.test(s.slice(-8));
    for (const x of this.stack) x.unit.endLine = line.no;
  }

  /** Consolidated texts glue note markers to the end of headings: `Phạm vi điều chỉnh2` → heading and marker `2`. */
  private splitHeadingNote(h: string): { heading: string; marker: string | null } {
    const m = this.consolidated ? /^(.*\p{Ll})(\d{1,3})$/u.exec(h) : null;
    return m?.[1] && m[2] ? { heading: m[1], marker: m[2] } : { heading: h, marker: null };
  }

  /**
   * Unquoted new text starts after an instruction line ending in "như sau:" when the unit holding it is an instruction
   * (a few lines long) that names the units it changes (not "một số điều ..."), and the next line is neither quoted
   * (quoted text is handled as such) nor an instruction itself (then the first was a container: "1. Sửa đổi Điều 5 như
   * sau:" / "a) Khoản 1 được sửa đổi ...").
   */
  private payloadAfter(t: string, line: Line): Payload | null {
    const b = this.current();
    if (!b || this.quoteDepth > 0 || t.startsWith('“') || b.lines.length > 8) return null;
    if (b.unit.kind !== 'article' && b.unit.kind !== 'clause' && b.unit.kind !== 'point') return null;
    const instruction = [b.unit.heading ?? '', ...b.lines].join(' ').trim();
    if (!isInstruction(instruction) || CONTAINER_INSTRUCTION_RE.test(instruction.slice(0, 1000)) || isInstruction(markerBody(t))) return null;
    const own = this.innermost(['article'])?.unit.num ?? '';
    return { unit: b.unit, level: LEVEL[b.unit.kind], nextOwn: /^\d+$/.test(own) ? Number(own) + 1 : null, instruction, from: line.no, to: line.no, lines: 0 };
  }

  /** Does this line end the unquoted new text (it is then read as the document's own)? */
  private endsPayload(p: Payload, t: string): boolean {
    const a = ARTICLE_RE.exec(t);
    if (a?.[1]) {
      // The document's next article, unless the instruction names that article and this is the new text's first line.
      if (p.nextOwn === null || a[1] !== String(p.nextOwn)) return false;
      return !(p.lines === 0 && new RegExp(`Điều\\s+${a[1]}(?![\\p{L}\\p{N}])`, 'u').test(p.instruction));
    }
    const c = p.level >= LEVEL.clause ? CLAUSE_RE.exec(t) : null;
    if (c?.[1]) {
      const article = this.innermost(['article']);
      return !!article && isInstruction(c[2] ?? '') && acceptsClause(article.unit, c[1]);
    }
    const m = p.level >= LEVEL.point ? POINT_RE.exec(t) : null;
    if (m?.[1]) {
      const holder = this.innermost(['clause', 'article']);
      return !!holder && holder.unit !== p.unit && isInstruction(m[2] ?? '') && acceptsPoint(holder.unit, m[1]);
    }
    return false;
  }

  private endPayload(): void {
    const p = this.payload;
    if (!p) return;
    if (p.lines > 0)
      this.diagnostics.push({
        code: 'parse.unquoted_new_text',
        severity: 'info',
        message: `Lines ${p.from}–${p.to}: new text printed without quotation marks, kept as text of ${p.unit.eId}`,
        line: p.from,
      });
    this.payload = null;
  }

  private openAppendix(ap: RegExpExecArray, line: Line): void {
    this.appendixCount++;
    this.close(0, line.no - 1);
    this.attachment = null;
    const num = ap[1] ?? String(this.appendixCount);
    this.open('appendix', num, prefixOf(line.text, ap[2]), stripLead(ap[2] ?? '') || null, line, 3);
  }

  private containerMarker(t: string) {
    const c = containerMarkerOf(t);
    return c && (!c.within || this.innermost([...c.within])) ? c : null;
  }
}

function acceptsClause(art: ParsedUnit, num: string): boolean {
  const clauses = art.children.filter((c) => c.kind === 'clause');
  const last = clauses[clauses.length - 1];
  return !last || numRank(num) > numRank(last.num);
}

function acceptsPoint(holder: ParsedUnit, num: string): boolean {
  const points = holder.children.filter((c) => c.kind === 'point');
  const last = points[points.length - 1];
  return !last || pointRank(num) > pointRank(last.num);
}

export function parseDocument(input: string, format: SourceFormat = 'text'): ParseResult {
  const text = normalizeText(input);
  const { metadata, diagnostics } = extractMetadata(text);
  return new DocumentParser(text, format, metadata, diagnostics).parse();
}

/**
 * Whether a quotation is open after this line. Quotes are not nested in legal texts, and real texts leave inner
 * quotes unbalanced ("cụm từ “cấp huyện” bằng cụm từ “cấp xã”"): the last quote mark on the line decides.
 */
function quoteStateAfter(t: string, before: number): number {
  const open = t.lastIndexOf('“');
  const shut = t.lastIndexOf('”');
  if (open < 0 && shut < 0) return before;
  return open > shut ? 1 : 0;
}

/** First letters of container markers: P(hần), C(hương), M(ục), T(iểu mục), in either case. */
const CONTAINER_FIRST = new Set(['P', 'p', 'C', 'c', 'M', 'm', 'T', 't'].map((c) => c.charCodeAt(0)));

const CONTAINERS = [
  ['part', PART_RE, null],
  ['chapter', CHAPTER_RE, null],
  ['subsection', SUBSECTION_RE, ['chapter', 'section', 'part']],
  ['section', SECTION_RE, ['chapter', 'part']],
] as const;

/** Which container marker a line is, if any (the caller checks that an enclosing container allows it). */
function containerMarkerOf(t: string): { kind: (typeof CONTAINERS)[number][0]; m: RegExpExecArray; within: readonly UnitKind[] | null } | null {
  for (const [kind, re, within] of CONTAINERS) {
    const m = re.exec(t);
    if (m?.[1] && containerRest(m[2] ?? '')) return { kind, m, within };
  }
  return null;
}

/** A wrapped heading goes on: lower-case start for articles; an upper-case line for containers. */
function continuesHeading(unit: ParsedUnit, t: string): boolean {
  if (ARTICLE_RE.test(t) || CLAUSE_RE.test(t) || POINT_RE.test(t) || CHAPTER_RE.test(t) || SECTION_RE.test(t)) return false;
  if (unit.kind === 'article') return unit.heading !== null && !/[.:;]$/u.test(unit.heading) && /^\p{Ll}/u.test(t);
  if (unit.kind === 'attachment') return true;
  return isUpper(t);
}

/**
 * A gazette hard-wraps a long article heading onto a line that may start with a capital ("... Mặt trận Tổ quốc" /
 * "Việt Nam và ..."): a long unfinished heading, a short unpunctuated line, and a marker right after.
 */
function wrapsArticleHeading(unit: ParsedUnit, t: string, next: string | null): boolean {
  if (unit.kind !== 'article' || !unit.heading || unit.heading.length < 55 || /[.:;,]$/u.test(unit.heading)) return false;
  if (t.length > 75 || /[.:;,]$/u.test(t) || ARTICLE_RE.test(t) || CLAUSE_RE.test(t) || POINT_RE.test(t)) return false;
  return next !== null && (CLAUSE_RE.test(next) || POINT_RE.test(next) || ARTICLE_RE.test(next) || CHAPTER_RE.test(next));
}

function nextText(lines: Line[], i: number): string | null {
  for (let j = i + 1; j < lines.length && j < i + 6; j++) if ((lines[j] as Line).cls === 'text') return (lines[j] as Line).text;
  return null;
}

/** An attachment title is followed within a few lines by "(Ban hành kèm theo ...)". */
function attachedWithin(lines: Line[], i: number): boolean {
  for (let j = i + 1, seen = 0; j < lines.length && seen < 6; j++) {
    const l = lines[j] as Line;
    if (l.cls !== 'text') continue;
    seen++;
    if (ATTACHED_BY_RE.test(l.text)) return true;
  }
  return false;
}
