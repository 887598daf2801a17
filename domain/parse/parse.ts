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
const SIGNATURE_RE = /^(?:TM\.|KT\.|TL\.|TUQ\.|Q\.|T\/M\.|Nơi nhận\s*:)/u;
/** "Luật này đã được Quốc hội ... thông qua ngày ...": the closing formula of laws, followed by the signature. */
const CLOSING_FORMULA_RE =
  /^(?:Luật|Bộ luật|Pháp lệnh|Nghị quyết|Hiến pháp|Luật sửa đổi[^.]{0,200}) này (?:đã )?được (?:Quốc hội|Ủy ban thường vụ Quốc hội|UBTVQH)/u;
const PREAMBLE_START_RE = /^(?:Căn cứ|Theo đề nghị|Theo đề xuất|Xét|Thực hiện|Trên cơ sở)(?![\p{L}\p{N}])/u;
const MOTTO_RE = /Độc lập\s*-\s*Tự do\s*-\s*Hạnh phúc|CỘNG HÒA XÃ HỘI CHỦ NGHĨA/u;
const LONE_MARKER_WORD_RE = /^(?:Điều|ĐIỀU|Chương|CHƯƠNG|Mục|MỤC|Phần|PHẦN)$/u;
const NOTE_BODY_RE = /^(\d{1,3})\s+(\S.*)$/u;
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

export function parseDocument(input: string, format: SourceFormat = 'text'): ParseResult {
  const text = normalizeText(input);
  const all = cleanLines(text, format);
  const { metadata, diagnostics: metaDiagnostics } = extractMetadata(text);
  const diagnostics: Diagnostic[] = [...metaDiagnostics];
  const consolidated =
    metadata.type === 'van_ban_hop_nhat' ||
    /\bVBHN\b/u.test(metadata.number ?? '') ||
    /VĂN BẢN HỢP NHẤT|được sửa đổi, bổ sung bởi\s*:/u.test(text.slice(0, 6000));

  const preamble: PreambleLine[] = [];
  const top: ParsedUnit[] = [];
  const docNotes: UnitNote[] = [];
  let signature: { line: number; text: string } | null = null;

  const stack: Builder[] = [];
  const builders = new Map<ParsedUnit, Builder>();
  const markerOwner = new Map<string, ParsedUnit>();
  const usedEIds = new Set<string>();

  let phase: 'head' | 'preamble' | 'body' | 'after' = 'head';
  let attachment: ParsedUnit | null = null;
  let attachmentCount = 0;
  let appendixCount = 0;
  let quoteDepth = 0;
  let quoteSince = 0;
  let lastArticle = -1;
  /**
   * New text printed without quotation marks (26/2012/QH13: "1. Khoản 2 ... Điều 3 được sửa đổi, bổ sung như sau:" then
   * "2. Thu nhập ..."): after an instruction ending in "như sau:", the lines are text of the instructing unit until the
   * next instruction of its level (or above) in the document's own numbering, or the document's next article.
   */
  let payload: { unit: ParsedUnit; level: number; nextOwn: number | null; instruction: string; from: number; to: number; lines: number } | null = null;
  /** The last line of the body consumed (quoted or not): does it end an instruction with "như sau:"? */
  let lastBodyLine = '';
  /** Did the previous body line end a sentence (or was it a marker)? A wrapped citation ("... khoản 3" / "Điều 19.")
   * starts a line with what looks like a marker, but follows an unfinished sentence. */
  let closed = true;

  // The document head ends at the national motto when there is one (web renditions carry site chrome above it).
  const mottoAt = all.findIndex((l, i) => i < 400 && MOTTO_RE.test(l.text));
  const bodyFrom = mottoAt >= 0 ? mottoAt + 1 : 0;

  const current = () => stack[stack.length - 1];
  const innermost = (kinds: UnitKind[]) => {
    for (let i = stack.length - 1; i >= 0; i--) if (kinds.includes((stack[i] as Builder).unit.kind)) return stack[i] as Builder;
    return undefined;
  };

  function close(toLevel: number, line: number): void {
    while (stack.length > 0 && LEVEL[(current() as Builder).unit.kind] >= toLevel) {
      const b = stack.pop() as Builder;
      b.unit.endLine = Math.max(b.unit.line, line);
    }
  }

  let attachmentPart = '';

  function eIdFor(kind: UnitKind, num: string): { eId: string; part: string } {
    const own = eIdPart(kind, num);
    let prefix = '';
    if (kind !== 'attachment' && kind !== 'appendix') {
      // Articles are numbered through the whole document: their eIds start at the article, not the chapter.
      const fromLevel = kind === 'article' || kind === 'clause' || kind === 'point' ? LEVEL.article : 0;
      for (const b of stack) {
        const level = LEVEL[b.unit.kind];
        if (b.unit.kind !== 'attachment' && level >= fromLevel && level < LEVEL[kind]) prefix += `${b.part}__`;
      }
      // Inside a regulation attached to the document, every eId starts with the attachment: numbering restarts there.
      if (attachment) prefix = `${attachmentPart}__${prefix}`;
    }
    const path = prefix + own;
    let eId = path;
    for (let n = 2; usedEIds.has(eId); n++) eId = `${path}__dup${n}`;
    if (eId !== path) diagnostics.push({ code: 'parse.duplicate_number', severity: 'warning', message: `${path} appears twice; the second is ${eId}` });
    usedEIds.add(eId);
    return { eId, part: eId.slice(prefix.length) };
  }

  function open(kind: UnitKind, num: string, label: string, heading: string | null, line: Line, headingOpen = 0): Builder {
    close(LEVEL[kind], line.no - 1);
    const { eId, part } = eIdFor(kind, num);
    const unit: ParsedUnit = { kind, num, eId, heading, text: '', children: [], line: line.no, endLine: line.no, label, notes: [] };
    closed = true;
    const parent = current();
    if (parent) parent.unit.children.push(unit);
    else top.push(unit);
    const b: Builder = { unit, lines: [], headingOpen, part };
    if (kind === 'attachment') attachmentPart = part;
    stack.push(b);
    builders.set(unit, b);
    return b;
  }

  function addText(s: string, line: Line): void {
    const b = current();
    if (!b) {
      diagnostics.push({ code: 'parse.text_outside_units', severity: 'info', message: `Text outside any unit: ${s.slice(0, 60)}`, line: line.no });
      return;
    }
    b.lines.push(s);
    b.headingOpen = 0;
    closed = /[.:;!?…]["”’)\]]*$/u.test(s.slice(-8));
    for (const x of stack) x.unit.endLine = line.no;
  }

  /** Consolidated texts glue note markers to the end of headings: `Phạm vi điều chỉnh2` → heading and marker `2`. */
  function splitHeadingNote(h: string): { heading: string; marker: string | null } {
    const m = consolidated ? /^(.*\p{Ll})(\d{1,3})$/u.exec(h) : null;
    return m?.[1] && m[2] ? { heading: m[1], marker: m[2] } : { heading: h, marker: null };
  }

  // Footnote bodies (consolidated gazette texts): the lines after a footnote rule, up to a blank line.
  let inNotes = false;
  let noteTarget: UnitNote | null = null;
  /** Notes are numbered through the document: a line "<next number> <Capital>..." starts the next one. */
  let nextNote = 1;

  for (let i = 0; i < all.length; i++) {
    const line = all[i] as Line;
    if (line.cls === 'footnote_separator') {
      inNotes = consolidated;
      noteTarget = null;
      continue;
    }
    if (line.cls === 'furniture') continue;
    if (line.cls === 'blank') {
      inNotes = false;
      noteTarget = null;
      continue;
    }
    let t = line.text;

    if (!inNotes && consolidated) {
      const m = NOTE_BODY_RE.exec(t);
      if (m?.[1] === String(nextNote) && /^\p{Lu}/u.test(m[2] ?? '')) inNotes = true;
    }
    if (inNotes) {
      const m = NOTE_BODY_RE.exec(t);
      if (m?.[1] && m[2] && Number(m[1]) >= nextNote && Number(m[1]) <= nextNote + 2) {
        nextNote = Number(m[1]) + 1;
        noteTarget = { marker: m[1], text: m[2] };
        (markerOwner.get(m[1])?.notes ?? (current()?.unit.notes || docNotes)).push(noteTarget);
      } else if (noteTarget) noteTarget.text += ` ${t}`;
      else docNotes.push({ marker: '', text: t });
      continue;
    }

    // A marker word alone on its line, its number on the next (Markdown wraps inside bold): join them.
    if (LONE_MARKER_WORD_RE.test(t) && i + 1 < all.length && (all[i + 1] as Line).cls === 'text') {
      t = `${t} ${(all[i + 1] as Line).text}`;
      (all[i + 1] as Line).cls = 'furniture';
    }

    if (i < bodyFrom || phase === 'head') {
      if (i >= bodyFrom && PREAMBLE_START_RE.test(t)) phase = 'preamble';
      else if (i >= bodyFrom && (ARTICLE_RE.test(t) || CHAPTER_RE.test(t) || PART_RE.test(t))) phase = 'body';
      else continue;
    }

    // Quoted text in an amending document is payload of the instruction, never structure.
    if (quoteDepth > 0 || t.startsWith('“')) {
      // A quotation left open by a slip would swallow the rest of the document: after 300 lines, the next article of
      // the document's own sequence (not itself quoted) closes it.
      const art = t.startsWith('“') ? null : ARTICLE_RE.exec(t);
      const runaway = quoteDepth > 0 && !!art?.[1] && line.no - quoteSince > 300 && numRank(art[1]) > lastArticle;
      if (!runaway) {
        if (quoteDepth === 0) quoteSince = line.no;
        quoteDepth = quoteStateAfter(t, quoteDepth);
        lastBodyLine = t;
        if (phase === 'preamble') preamble.push({ text: t, line: line.no });
        else addText(t, line);
        continue;
      }
      diagnostics.push({
        code: 'parse.quote_unterminated',
        severity: 'warning',
        message: `A quotation opened at line ${quoteSince} never closes`,
        line: quoteSince,
      });
      quoteDepth = 0;
    }

    if (phase === 'after' && !signature && !ATTACHMENT_TITLE_RE.test(t) && !APPENDIX_RE.test(t)) signature = { line: line.no, text: t };
    if (phase !== 'after' && phase !== 'preamble' && ATTACHMENT_TITLE_RE.test(t) && isUpper(t) && attachedWithin(all, i)) {
      // An attached regulation whose document's signature we did not recognise.
      phase = 'after';
    }
    if (phase === 'after') {
      // After the signature: attachments (a regulation issued with the document), appendices, web notes.
      endPayload();
      lastBodyLine = '';
      const web = WEB_NOTE_RE.exec(t);
      if (web?.[1]) {
        const note = { marker: `[${web[1]}]`, text: web[2] ?? '' };
        (markerOwner.get(note.marker)?.notes ?? docNotes).push(note);
        continue;
      }
      const ap = APPENDIX_RE.exec(t);
      if (ap && t === t.toUpperCase()) {
        openAppendix(ap, line);
        continue;
      }
      if (ATTACHMENT_TITLE_RE.test(t) && isUpper(t) && attachedWithin(all, i)) {
        attachmentCount++;
        close(0, line.no - 1);
        const b = open('attachment', String(attachmentCount), '', t, line, 4);
        attachment = b.unit;
        lastArticle = -1;
        phase = 'body';
        continue;
      }
      const cur = current();
      if (cur && (cur.unit.kind === 'appendix' || cur.unit.kind === 'attachment')) addText(t, line);
      continue;
    }

    if (phase === 'preamble') {
      if (ARTICLE_RE.test(t) || CHAPTER_RE.test(t) || PART_RE.test(t) || APPENDIX_RE.test(t)) {
        phase = 'body';
        closed = true;
      } else {
        preamble.push({ text: t, line: line.no });
        continue;
      }
    }

    // --- body
    if (SIGNATURE_RE.test(t) || CLOSING_FORMULA_RE.test(t)) {
      endPayload();
      close(0, line.no - 1);
      signature ??= { line: line.no, text: t };
      phase = 'after';
      continue;
    }

    const previous = lastBodyLine;
    lastBodyLine = t;
    if (!payload && AS_FOLLOWS_RE.test(previous)) payload = payloadAfter(t, line);
    if (payload) {
      if (!endsPayload(payload, t)) {
        addText(t, line);
        payload.lines++;
        payload.to = line.no;
        if (/\.\/\.\s*$/u.test(t)) {
          endPayload();
          close(0, line.no);
          phase = 'after';
        }
        continue;
      }
      endPayload();
    }

    const b = current();
    if (b && b.headingOpen > 0 && (continuesHeading(b.unit, t) || wrapsArticleHeading(b.unit, t, nextText(all, i)))) {
      b.unit.heading = `${b.unit.heading ? `${b.unit.heading} ` : ''}${t}`.trim();
      b.headingOpen--;
      for (const x of stack) x.unit.endLine = line.no;
      if (/\.\/\.\s*$/u.test(t)) {
        close(0, line.no);
        phase = 'after';
      }
      continue;
    }

    // Markers start with a known letter: test the container patterns only on lines that could be one.
    const first = t.charCodeAt(0);
    const container = CONTAINER_FIRST.has(first) ? containerMarker(t) : null;
    if (container) {
      const { kind, m: cm } = container;
      const num = kind === 'part' ? partNumber(cm[1] as string) : (cm[1] as string);
      open(kind, num, prefixOf(t, cm[2]), stripLead(cm[2] ?? '') || null, line, 3);
      continue;
    }
    const m = ARTICLE_RE.exec(t);
    if (m?.[1]) {
      const rank = numRank(m[1]);
      const headingText = (m[2] ?? '').trim();
      if (rank > lastArticle && (closed || /^\p{Lu}/u.test(headingText))) {
        lastArticle = rank;
        const { heading, marker } = splitHeadingNote((m[2] ?? '').trim());
        const nb = open('article', m[1], prefixOf(t, m[2]), heading || null, line, 3);
        if (marker) markerOwner.set(marker, nb.unit);
        continue;
      }
    }
    const article = innermost(['article']);
    if (article) {
      const noteClause = consolidated ? CLAUSE_NOTE_RE.exec(t) : null;
      const cm = noteClause ? null : CLAUSE_RE.exec(t);
      const clauseNum = noteClause?.[1] ?? cm?.[1];
      const clauseRest = noteClause?.[3] ?? cm?.[2] ?? '';
      if (clauseNum && acceptsClause(article.unit, clauseNum) && (closed || clauseRest === '' || /^\p{Lu}/u.test(clauseRest))) {
        const nb = open('clause', clauseNum, `${clauseNum}.`, null, line);
        if (noteClause?.[2]) markerOwner.set(noteClause[2], nb.unit);
        const rest = noteClause?.[3] ?? cm?.[2];
        if (rest) addText(rest, line);
        continue;
      }
      const notePoint = consolidated ? POINT_NOTE_RE.exec(t) : null;
      const pm = notePoint ? null : POINT_RE.exec(t);
      const pointNum = notePoint?.[1] ?? pm?.[1];
      const holder = innermost(['clause', 'article']);
      if (pointNum && holder && acceptsPoint(holder.unit, pointNum)) {
        const nb = open('point', pointNum, `${pointNum})`, null, line);
        if (notePoint?.[2]) markerOwner.set(notePoint[2], nb.unit);
        const rest = notePoint?.[3] ?? pm?.[2];
        if (rest) addText(rest, line);
        continue;
      }
    }
    const ap = APPENDIX_RE.exec(t);
    if (ap && t === t.toUpperCase() && (ap[2] === '' || isUpper(ap[2] ?? ''))) {
      openAppendix(ap, line);
      phase = 'after';
      continue;
    }

    if (t.includes('“') && quoteStateAfter(t, 0) > 0) {
      quoteDepth = 1;
      quoteSince = line.no;
    }
    addText(t, line);
    // "./." ends the text of a document: what follows is the signature (and maybe attachments or appendices).
    if (/\.\/\.\s*$/u.test(t) && quoteDepth === 0) {
      close(0, line.no);
      phase = 'after';
    }
  }
  endPayload();
  close(0, all.length);
  if (quoteDepth > 0)
    diagnostics.push({
      code: 'parse.quote_unterminated',
      severity: 'warning',
      message: `A quotation opened at line ${quoteSince} never closes`,
      line: quoteSince,
    });

  // Join each unit's lines into paragraphs. An article "heading" that is a whole sentence ("Điều 2. Quyết định này có
  // hiệu lực thi hành kể từ ngày ký.") is the article's text: headings carry no final punctuation.
  for (const [unit, b] of builders) {
    if (unit.kind === 'article' && unit.heading && (/[.:;…]["”’)]*(\/\.)?$/u.test(unit.heading) || unit.heading.length > 250)) {
      b.lines.unshift(unit.heading);
      unit.heading = null;
    }
    unit.text = joinWrapped(b.lines);
  }
  if (top.length === 0) diagnostics.push({ code: 'parse.no_units', severity: 'warning', message: 'No article, chapter or part was found' });

  const textLines = (from: number, n: number) => {
    const out: string[] = [];
    for (let j = Math.max(0, from); j < all.length && out.length < n; j++) if ((all[j] as Line).cls === 'text') out.push((all[j] as Line).text);
    return out;
  };
  const enriched = {
    ...metadata,
    legalBases: legalBases(preamble),
    consolidates: consolidated ? consolidatedSources(textLines(bodyFrom, 150)) : [],
    signer: signature ? signerOf(textLines(signature.line - 1, 12)) : null,
  };

  return {
    format,
    metadata: enriched,
    lines: all.map((l) => l.text),
    preamble,
    units: top,
    signature,
    notes: docNotes,
    diagnostics,
  };

  /**
   * Unquoted new text starts after an instruction line ending in "như sau:" when the unit holding it is an instruction
   * (a few lines long) that names the units it changes (not "một số điều ..."), and the next line is neither quoted
   * (quoted text is handled as such) nor an instruction itself (then the first was a container: "1. Sửa đổi Điều 5 như
   * sau:" / "a) Khoản 1 được sửa đổi ...").
   */
  function payloadAfter(t: string, line: Line): typeof payload {
    const b = current();
    if (!b || quoteDepth > 0 || t.startsWith('“') || b.lines.length > 8) return null;
    if (b.unit.kind !== 'article' && b.unit.kind !== 'clause' && b.unit.kind !== 'point') return null;
    const instruction = [b.unit.heading ?? '', ...b.lines].join(' ').trim();
    if (!isInstruction(instruction) || CONTAINER_INSTRUCTION_RE.test(instruction.slice(0, 1000)) || isInstruction(markerBody(t))) return null;
    const own = innermost(['article'])?.unit.num ?? '';
    return { unit: b.unit, level: LEVEL[b.unit.kind], nextOwn: /^\d+$/.test(own) ? Number(own) + 1 : null, instruction, from: line.no, to: line.no, lines: 0 };
  }

  /** Does this line end the unquoted new text (it is then read as the document's own)? */
  function endsPayload(p: NonNullable<typeof payload>, t: string): boolean {
    const a = ARTICLE_RE.exec(t);
    if (a?.[1]) {
      // The document's next article, unless the instruction names that article and this is the new text's first line.
      if (p.nextOwn === null || a[1] !== String(p.nextOwn)) return false;
      return !(p.lines === 0 && new RegExp(`Điều\\s+${a[1]}(?![\\p{L}\\p{N}])`, 'u').test(p.instruction));
    }
    const c = p.level >= LEVEL.clause ? CLAUSE_RE.exec(t) : null;
    if (c?.[1]) {
      const article = innermost(['article']);
      return !!article && isInstruction(c[2] ?? '') && acceptsClause(article.unit, c[1]);
    }
    const m = p.level >= LEVEL.point ? POINT_RE.exec(t) : null;
    if (m?.[1]) {
      const holder = innermost(['clause', 'article']);
      return !!holder && holder.unit !== p.unit && isInstruction(m[2] ?? '') && acceptsPoint(holder.unit, m[1]);
    }
    return false;
  }

  function endPayload(): void {
    if (!payload) return;
    if (payload.lines > 0)
      diagnostics.push({
        code: 'parse.unquoted_new_text',
        severity: 'info',
        message: `Lines ${payload.from}–${payload.to}: new text printed without quotation marks, kept as text of ${payload.unit.eId}`,
        line: payload.from,
      });
    payload = null;
  }

  function openAppendix(ap: RegExpExecArray, line: Line): void {
    appendixCount++;
    close(0, line.no - 1);
    attachment = null;
    const num = ap[1] ?? String(appendixCount);
    open('appendix', num, prefixOf(line.text, ap[2]), stripLead(ap[2] ?? '') || null, line, 3);
  }

  function containerMarker(t: string) {
    const c = containerMarkerOf(t);
    return c && (!c.within || innermost([...c.within])) ? c : null;
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
