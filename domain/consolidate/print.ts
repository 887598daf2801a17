/**
 * A consolidated text laid out as a văn bản hợp nhất is printed, for the Word and PDF writers
 * (functions/_shared/print-docx.ts, print-pdf.ts): the heading block, the notices, one block per printed paragraph
 * ("Chương II" and its name centred and bold, "Điều 5. Tên điều" bold, "1. …", "a) …"), and the notes of amendments as
 * footnotes on the unit they concern, numbered in reading order. A unit not in force carries its note after it, as
 * the text and HTML renderers (render.ts) show it. Pure: no library, no I/O, so both files say the same thing.
 */
import { vietnameseDate } from './notes';
import { noticeLines, type RenderedUnit, type TextNotice, unitLabel } from './render';

/** What the Word and PDF files are made from: what `unitsHtml` takes, the date, and the document's own details. */
export interface PrintInput {
  /** The document's title ("Thông tư hướng dẫn …", "Bộ luật Dân sự"). */
  title: string;
  units: RenderedUnit[];
  unapplied: { targetEId: string; reason: string }[];
  notice?: TextNotice;
  /** The date the text is consolidated at (YYYY-MM-DD): printed under the title, and the files' creation date. */
  at: string;
  number?: string | null;
  /** The issuing body, printed top left ("BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"); joint issuers joined by the caller. */
  issuer?: string | null;
  /** The original text's signature block: capacity lines split on " / " ("KT. BỘ TRƯỞNG / THỨ TRƯỞNG"), then the name. */
  signer?: { name: string; capacity?: string | null } | null;
}

/** A piece of a printed paragraph: text, or the mark of footnote `footnote` (numbered from 1). */
export interface PrintRun {
  text: string;
  bold?: boolean;
  italic?: boolean;
  footnote?: number;
}

/**
 * `structure`: "Phần I", "Chương II", "Mục 1", "Phụ lục I" (centred, bold); `structure-heading`: its name on the next
 * line (centred, bold); `article`: "Điều 5. Tên điều" (bold); `paragraph`: a clause, a point or a line of text
 * (justified, first line indented); `validity`: why the unit before it is not in force (italic).
 */
export type PrintStyle = 'structure' | 'structure-heading' | 'article' | 'paragraph' | 'validity';

export interface PrintBlock {
  style: PrintStyle;
  runs: PrintRun[];
  /** The unit the block opens, for bookmarks and anchors. */
  eId?: string;
  /** An entry of the PDF outline: parts, chapters, sections and articles, nested by depth (0 outermost). */
  outline?: { depth: number; title: string };
}

export interface PrintLayout {
  title: string;
  at: string;
  /** "Văn bản tại ngày 01 tháng 6 năm 2023". */
  atLine: string;
  number: string | null;
  issuer: string | null;
  /** The signature block, its lines in order (capacity lines, then the name); empty when not known. */
  signature: string[];
  /** The files' creation and modification date: midnight UTC of `at`, so the same request gives the same bytes. */
  created: Date;
  /** Said above the text (noticeLines): why the document is not in force, amendments not consolidated. */
  notices: string[];
  /** Effects that could not be applied, one line each ("art_3: target missing"), under a heading. */
  unapplied: string[];
  blocks: PrintBlock[];
  /** Footnote n is `footnotes[n - 1]`. */
  footnotes: string[];
}

export const UNAPPLIED_HEADING = 'Sửa đổi chưa áp dụng được';
export const NATION = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const MOTTO = 'Độc lập - Tự do - Hạnh phúc';

const STRUCTURE = new Set(['part', 'chapter', 'section', 'subsection', 'appendix', 'attachment']);

/** The label printed for a unit; an appendix says it is one ("Phụ lục I"), where the text renderer prints its number. */
function labelOf(u: RenderedUnit): string {
  if (u.kind === 'appendix') return /^phụ lục/iu.test(u.num) ? u.num : `Phụ lục ${u.num}`;
  if (u.kind === 'attachment') return '';
  return unitLabel(u);
}

/** The lines of a unit's text (a unit may hold more than one paragraph), without empty ones. */
const linesOf = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

/** Lays out a consolidated text for printing: pure, the same input gives the same layout. */
export function printLayout(input: PrintInput): PrintLayout {
  const footnotes: string[] = [];
  const printed: PrintBlock[] = [];
  // A block with neither text nor a note mark (a unit with no label, heading or text) prints nothing.
  const blocks = {
    push: (b: PrintBlock) => {
      if (b.runs.some((r) => r.text || r.footnote)) printed.push(b);
    },
  };
  /** The marks of a unit's notes of amendment, each note becoming the next footnote. */
  const marks = (u: RenderedUnit): PrintRun[] =>
    (u.sources ?? []).map((s) => {
      footnotes.push(s.note);
      return { text: '', footnote: footnotes.length };
    });
  const paragraphs = (lines: string[]) => {
    for (const l of lines) blocks.push({ style: 'paragraph', runs: [{ text: l }] });
  };

  const walk = (units: RenderedUnit[], depth: number) => {
    for (const u of units) {
      const label = labelOf(u);
      const text = linesOf(u.text);
      if (STRUCTURE.has(u.kind)) {
        const name = u.heading ?? '';
        const title = [label, name].filter(Boolean).join('. ');
        if (label && name) {
          blocks.push({ style: 'structure', runs: [{ text: label, bold: true }], eId: u.eId, outline: { depth, title } });
          blocks.push({ style: 'structure-heading', runs: [{ text: name, bold: true }, ...marks(u)] });
        } else blocks.push({ style: 'structure', runs: [{ text: label || name, bold: true }, ...marks(u)], eId: u.eId, outline: { depth, title } });
        paragraphs(text);
      } else if (u.kind === 'article') {
        const head = [label, u.heading].filter(Boolean).join(' ');
        const runs: PrintRun[] = [{ text: head, bold: true }, ...marks(u)];
        // A repealed or ended article is one line, as a VBHN prints it: "Điều 104. (được bãi bỏ)".
        const stub = (u.repealed || u.validity) && text.length === 1 && !u.children.length;
        if (stub) runs.push({ text: ` ${text[0]}` });
        blocks.push({ style: 'article', runs, eId: u.eId, outline: { depth, title: head } });
        if (!stub) paragraphs(text);
      } else {
        // A clause or a point: its label, its note marks, then its first line in the same paragraph.
        const head = [label, u.heading].filter(Boolean).join(' ');
        const [first, ...rest] = text;
        const runs: PrintRun[] = [{ text: head }, ...marks(u)];
        if (first) runs.push({ text: head ? ` ${first}` : first });
        blocks.push({ style: 'paragraph', runs, eId: u.eId });
        paragraphs(rest);
      }
      if (u.validity) blocks.push({ style: 'validity', runs: [{ text: `(${u.validity.note})`, italic: true }] });
      walk(u.children, STRUCTURE.has(u.kind) ? depth + 1 : depth);
    }
  };
  walk(input.units, 0);

  const capacity = input.signer?.capacity
    ? input.signer.capacity
        .split('/')
        .map((s) => s.trim())
        .filter(Boolean)
    : [];
  return {
    title: input.title,
    at: input.at,
    atLine: `Văn bản tại ngày ${vietnameseDate(input.at)}`,
    number: input.number ?? null,
    issuer: input.issuer ?? null,
    signature: input.signer?.name ? [...capacity, input.signer.name] : [],
    created: new Date(`${input.at}T00:00:00Z`),
    notices: input.notice ? noticeLines(input.notice) : [],
    unapplied: input.unapplied.map((x) => `${x.targetEId}: ${x.reason}`),
    blocks: printed,
    footnotes,
  };
}

/** Footnote marks as the PDF prints them: superscript digits ("¹²"), which every text extractor reads back. */
export function superscript(n: number): string {
  const SUP = '⁰¹²³⁴⁵⁶⁷⁸⁹';
  return String(n)
    .split('')
    .map((d) => SUP[Number(d)])
    .join('');
}
