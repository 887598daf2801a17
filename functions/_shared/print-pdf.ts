/**
 * The consolidated text as a PDF, set out as a văn bản hợp nhất: A4, a serif font with every Vietnamese letter
 * embedded (the bytes are given: print-fonts.ts reads them), the heading block, title and date centred, the notices,
 * "Chương"/"Mục" centred and bold, "Điều" bold, and the notes of amendments as footnotes at the foot of the page where
 * their unit begins (marks in superscript digits). Pages are numbered at the top from the second, and the outline
 * (bookmarks) lists the parts, chapters, sections and articles. The layout is the domain's
 * (domain/consolidate/print.ts); this file only writes it with pdfkit.
 *
 * Deterministic: the creation date (and so the file id pdfkit derives from the info) is the date asked.
 */
import PDFDocument from 'pdfkit';
import { MOTTO, NATION, type PrintBlock, type PrintInput, type PrintLayout, printLayout, superscript, UNAPPLIED_HEADING } from '../../domain/consolidate/print';
import type { PrintFonts } from './print-fonts';

/** Points (1/72 inch): A4, margins 20 mm top and bottom, 30 mm left, 20 mm right. */
const MM = 72 / 25.4;
const MARGINS = { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 20 * MM };
const SIZE = { body: 12, head: 11, title: 13, note: 9, page: 10 };
const INDENT = 10 * MM;
const GAP = 4;
const LINE_GAP = 1.5;
/** Space above the footnotes' separator rule, and between footnotes. */
const NOTE_RULE = 8;
const NOTE_GAP = 1;

type Doc = PDFKit.PDFDocument;
type Face = 'regular' | 'bold' | 'italic';

/** Neighbouring runs in one face as one (pdfkit drops the space at the seam of two justified runs). */
function mergeRuns(runs: { text: string; face: Face }[]): { text: string; face: Face }[] {
  const out: { text: string; face: Face }[] = [];
  for (const r of runs) {
    const last = out[out.length - 1];
    if (!r.text) continue;
    if (last && last.face === r.face) last.text += r.text;
    else out.push({ ...r });
  }
  return out;
}

class PdfWriter {
  readonly doc: Doc;
  readonly width: number;
  /** Footnote numbers by the index of the page they are printed on. */
  private readonly notesOn = new Map<number, number[]>();
  private readonly outline: PDFKit.PDFOutline[] = [];

  constructor(
    private readonly l: PrintLayout,
    fonts: PrintFonts,
  ) {
    this.doc = new PDFDocument({
      size: 'A4',
      margins: MARGINS,
      bufferPages: true,
      lang: 'vi-VN',
      displayTitle: true,
      // No default font: pdfkit's is Helvetica, read from its own files (absent from a bundle); ours are registered below.
      font: null as unknown as string,
      info: {
        Title: [l.number, l.title].filter(Boolean).join(' — '),
        Subject: l.atLine,
        // pdfkit hashes every entry into the file id: an absent one must not be there at all.
        ...(l.issuer ? { Author: l.issuer.replace(/\n/g, '; ') } : {}),
        Creator: 'Cơ sở dữ liệu quốc gia về pháp luật',
        Producer: 'PDFKit',
        CreationDate: l.created,
        ModDate: l.created,
      },
    });
    this.doc.registerFont('regular', Buffer.from(fonts.regular));
    this.doc.registerFont('bold', Buffer.from(fonts.bold));
    this.doc.registerFont('italic', Buffer.from(fonts.italic));
    this.width = this.doc.page.width - MARGINS.left - MARGINS.right;
  }

  private get page(): number {
    const r = this.doc.bufferedPageRange();
    return r.start + r.count - 1;
  }

  private set(face: Face, size: number): Doc {
    return this.doc.font(face).fontSize(size);
  }

  private lineHeight(size = SIZE.body): number {
    return this.set('regular', size).currentLineHeight(true) + LINE_GAP;
  }

  /** The height the footnotes take at the foot of a page, with the rule above them. */
  private notesHeight(notes: number[]): number {
    if (!notes.length) return 0;
    this.set('regular', SIZE.note);
    return NOTE_RULE + notes.reduce((h, n) => h + this.doc.heightOfString(this.noteText(n), { width: this.width }) + NOTE_GAP, 0);
  }

  private noteText(n: number): string {
    return `${superscript(n)} ${this.l.footnotes[n - 1]}`;
  }

  /** Keeps room at the foot of the current page for its footnotes (text flowing on wraps before them). */
  private reserveNotes(): void {
    const page = this.doc.page;
    const most = page.height - MARGINS.top - MARGINS.bottom - 3 * this.lineHeight();
    page.margins.bottom = MARGINS.bottom + Math.min(this.notesHeight(this.notesOn.get(this.page) ?? []), most);
  }

  /**
   * Starts a new page unless `height` of text and the footnotes `notes` still fit on this one (a page that holds
   * nothing yet always takes them).
   */
  private ensure(height: number, notes: number[]): void {
    const onPage = this.notesOn.get(this.page) ?? [];
    const bottom = this.doc.page.height - MARGINS.bottom - this.notesHeight([...onPage, ...notes]);
    if (this.doc.y + height > bottom && this.doc.y > MARGINS.top + 1) this.doc.addPage();
  }

  /** Writes runs as one paragraph (bold, italic and footnote marks inline). */
  private runs(runs: { text: string; face: Face }[], size: number, options: PDFKit.Mixins.TextOptions): void {
    runs.forEach((r, i) => {
      this.set(r.face, size).text(r.text, { ...options, continued: i < runs.length - 1 });
    });
  }

  heading(): void {
    const { doc, l } = this;
    const top = doc.y;
    const left = this.width * 0.4;
    const x = MARGINS.left;
    const column = (lines: { text: string; face: Face; size: number }[], cx: number, w: number) => {
      doc.y = top;
      for (const line of lines) this.set(line.face, line.size).text(line.text, cx, doc.y, { width: w, align: 'center', lineGap: LINE_GAP });
      return doc.y;
    };
    const leftEnd = column(
      [
        ...(l.issuer ?? '')
          .split('\n')
          .filter(Boolean)
          .map((s) => ({ text: s.toUpperCase(), face: 'bold' as Face, size: SIZE.head })),
        ...(l.number ? [{ text: `Số: ${l.number}`, face: 'regular' as Face, size: SIZE.head }] : []),
      ],
      x,
      left - 6,
    );
    const rightEnd = column(
      [
        { text: NATION, face: 'bold', size: SIZE.head },
        { text: MOTTO, face: 'bold', size: SIZE.head + 1 },
      ],
      x + left,
      this.width - left,
    );
    doc.x = x;
    doc.y = Math.max(leftEnd, rightEnd) + 3 * GAP;
    this.set('bold', SIZE.title).text(l.title, { width: this.width, align: 'center', lineGap: LINE_GAP });
    this.set('italic', SIZE.body).text(l.atLine, { width: this.width, align: 'center', lineGap: LINE_GAP });
    doc.moveDown(0.5);
    for (const n of l.notices) {
      this.set('bold', SIZE.body).text(n, { width: this.width, align: 'justify', lineGap: LINE_GAP, paragraphGap: GAP });
    }
    if (l.unapplied.length) {
      this.set('bold', SIZE.body).text(`${UNAPPLIED_HEADING}:`, { width: this.width, lineGap: LINE_GAP });
      for (const u of l.unapplied) this.set('italic', SIZE.body).text(`- ${u}`, { width: this.width, indent: INDENT, lineGap: LINE_GAP });
    }
    doc.moveDown(0.5);
  }

  block(b: PrintBlock): void {
    const notes = b.runs.flatMap((r) => (r.footnote ? [r.footnote] : []));
    const centred = b.style === 'structure' || b.style === 'structure-heading';
    const runs = mergeRuns(
      b.runs.map((r) => ({
        text: r.footnote ? superscript(r.footnote) : r.text,
        face: (r.footnote ? 'regular' : r.bold ? 'bold' : r.italic ? 'italic' : 'regular') as Face,
      })),
    );
    const options: PDFKit.Mixins.TextOptions = {
      width: this.width,
      align: centred ? 'center' : 'justify',
      indent: centred ? 0 : INDENT,
      paragraphGap: b.style === 'structure' ? 0 : GAP,
      lineGap: LINE_GAP,
    };
    // A heading keeps the next lines with it; a paragraph needs its first lines on the page of its footnotes.
    const lh = this.lineHeight();
    const height = this.set(runs[0]?.face ?? 'regular', SIZE.body).heightOfString(runs.map((r) => r.text).join(''), options);
    const keep = b.style === 'structure' ? height + 3 * lh : b.style === 'paragraph' || b.style === 'validity' ? Math.min(height, 2 * lh) : height + 2 * lh;
    if (b.style === 'structure' && this.doc.y > MARGINS.top + 1) this.doc.y += 2 * GAP;
    this.ensure(keep, notes);
    if (notes.length) this.notesOn.set(this.page, [...(this.notesOn.get(this.page) ?? []), ...notes]);
    this.reserveNotes();
    if (b.outline) this.bookmark(b.outline.depth, b.outline.title);
    this.doc.x = MARGINS.left;
    this.runs(runs, SIZE.body, options);
    // A paragraph that flowed onto a new page: that page keeps room for its own footnotes from now on.
    this.reserveNotes();
  }

  private bookmark(depth: number, title: string): void {
    const parent = depth === 0 ? this.doc.outline : (this.outline[depth - 1] ?? this.doc.outline);
    this.outline[depth] = parent.addItem(title);
    this.outline.length = depth + 1;
  }

  signature(): void {
    const lines = this.l.signature;
    if (!lines.length) return;
    this.doc.moveDown(1);
    this.ensure((lines.length + 4) * this.lineHeight(), []);
    const x = MARGINS.left + this.width / 2;
    lines.forEach((s, i) => {
      if (i === lines.length - 1) this.doc.moveDown(3);
      this.set('bold', SIZE.body).text(s, x, this.doc.y, { width: this.width / 2, align: 'center', lineGap: LINE_GAP });
    });
    this.doc.x = MARGINS.left;
  }

  /** The footnotes at the foot of each page, and the page numbers at the top from the second page. */
  finish(): void {
    const { doc } = this;
    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      doc.page.margins.bottom = 0;
      doc.page.margins.top = 0;
      const notes = this.notesOn.get(i) ?? [];
      if (notes.length) {
        let y = doc.page.height - MARGINS.bottom - this.notesHeight(notes) + NOTE_RULE;
        doc
          .moveTo(MARGINS.left, y - NOTE_RULE / 2)
          .lineTo(MARGINS.left + this.width / 3, y - NOTE_RULE / 2)
          .lineWidth(0.5)
          .stroke();
        for (const n of notes) {
          this.set('regular', SIZE.note).text(this.noteText(n), MARGINS.left, y, { width: this.width, align: 'justify' });
          y = doc.y + NOTE_GAP;
        }
      }
      if (i > range.start)
        this.set('regular', SIZE.page).text(String(i - range.start + 1), MARGINS.left, MARGINS.top / 2, { width: this.width, align: 'center' });
    }
  }
}

/** The consolidated text at a date as a PDF (bytes), with the given fonts embedded. */
export function consolidatedPdf(input: PrintInput, fonts: PrintFonts): Promise<Uint8Array> {
  const layout = printLayout(input);
  const w = new PdfWriter(layout, fonts);
  const chunks: Buffer[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    w.doc.on('data', (c: Buffer) => chunks.push(c));
    w.doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    w.doc.on('error', reject);
  });
  w.heading();
  for (const b of layout.blocks) w.block(b);
  w.signature();
  w.finish();
  w.doc.end();
  return done;
}
