/**
 * The consolidated text as a Word file (.docx), set out as a văn bản hợp nhất: A4, Times New Roman (the font of
 * Vietnamese official texts, Nghị định 30/2020/NĐ-CP, with every Vietnamese letter on any Word or LibreOffice), the
 * heading block (issuer and number left, national motto right), title and date centred, the notices, "Chương"/"Mục"
 * centred and bold, "Điều" bold, and the notes of amendments as real footnotes. The layout is the domain's
 * (domain/consolidate/print.ts); this file only writes it with `docx`.
 *
 * Deterministic: docx stamps core.xml and every zip entry with the current time; both are set to the date asked
 * (`created`), so the same request gives the same bytes.
 */
import {
  AlignmentType,
  Document,
  FootnoteReferenceRun,
  Packer,
  Paragraph,
  type ParagraphChild,
  Table,
  TableBorders,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { unzipSync, zipSync } from 'fflate';
import { MOTTO, NATION, type PrintBlock, type PrintInput, type PrintLayout, printLayout, UNAPPLIED_HEADING } from '../../domain/consolidate/print';

const FONT = 'Times New Roman';
/** Half-points: 14 pt body, 12 pt issuer and national name (13 pt motto), 10 pt footnotes. */
const BODY = 28;
const HEAD = 24;
const NOTE = 20;
/** Twips (1/20 pt; 567 to the centimetre). */
const INDENT = 567;
const PAGE_WIDTH = 11906;
const MARGIN = { top: 1134, bottom: 1134, left: 1701, right: 1134 };
const TEXT_WIDTH = PAGE_WIDTH - MARGIN.left - MARGIN.right;

const runsOf = (b: PrintBlock): ParagraphChild[] =>
  b.runs.map((r) => (r.footnote ? new FootnoteReferenceRun(r.footnote) : new TextRun({ text: r.text, bold: r.bold, italics: r.italic })));

function blockParagraph(b: PrintBlock): Paragraph {
  const children = runsOf(b);
  switch (b.style) {
    case 'structure':
      return new Paragraph({ children, alignment: AlignmentType.CENTER, spacing: { before: 240 }, keepNext: true, outlineLevel: b.outline?.depth });
    case 'structure-heading':
      return new Paragraph({ children, alignment: AlignmentType.CENTER, spacing: { after: 120 }, keepNext: true });
    case 'article':
      return new Paragraph({ children, alignment: AlignmentType.JUSTIFIED, indent: { firstLine: INDENT }, keepNext: true, outlineLevel: b.outline?.depth });
    default:
      return new Paragraph({ children, alignment: AlignmentType.JUSTIFIED, indent: { firstLine: INDENT } });
  }
}

const centred = (text: string, opts: { bold?: boolean; italics?: boolean; size?: number; after?: number } = {}) =>
  new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: 0, after: opts.after ?? 0 },
    children: [new TextRun({ text, bold: opts.bold, italics: opts.italics, size: opts.size })],
  });

/** Issuer and number on the left, the national name and motto on the right, as the first lines of every official text. */
/** A borderless table of one row and two columns across the text width, the left one `left` wide (DXA). */
function twoColumns(left: number, leftChildren: Paragraph[], rightChildren: Paragraph[]): Table {
  const cell = (width: number, children: Paragraph[]) => new TableCell({ width: { size: width, type: WidthType.DXA }, children });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [left, TEXT_WIDTH - left],
    borders: TableBorders.NONE,
    rows: [new TableRow({ children: [cell(left, leftChildren), cell(TEXT_WIDTH - left, rightChildren)] })],
  });
}

function headingTable(l: PrintLayout): Table {
  return twoColumns(
    Math.round(TEXT_WIDTH * 0.375),
    [
      ...(l.issuer ? l.issuer.split('\n').map((s) => centred(s.toUpperCase(), { bold: true, size: HEAD })) : [centred('')]),
      ...(l.number ? [centred(`Số: ${l.number}`, { size: HEAD })] : []),
    ],
    [centred(NATION, { bold: true, size: HEAD }), centred(MOTTO, { bold: true, size: HEAD + 2 })],
  );
}

function signature(l: PrintLayout): Table[] {
  if (!l.signature.length) return [];
  const lines = l.signature.map((s, i) => centred(s, { bold: true, after: i === l.signature.length - 2 ? 1200 : 0 }));
  return [twoColumns(Math.round(TEXT_WIDTH / 2), [new Paragraph('')], lines)];
}

/** The docx document of a layout. */
function documentOf(l: PrintLayout): Document {
  const said = [
    ...l.notices.map((n) => new Paragraph({ alignment: AlignmentType.JUSTIFIED, spacing: { before: 120 }, children: [new TextRun({ text: n, bold: true })] })),
    ...(l.unapplied.length
      ? [
          new Paragraph({ spacing: { before: 120 }, children: [new TextRun({ text: `${UNAPPLIED_HEADING}:`, bold: true })] }),
          ...l.unapplied.map((u) => new Paragraph({ indent: { left: INDENT }, children: [new TextRun({ text: `- ${u}`, italics: true })] })),
        ]
      : []),
  ];
  return new Document({
    creator: 'Cơ sở dữ liệu quốc gia về pháp luật',
    title: [l.number, l.title].filter(Boolean).join(' — '),
    description: l.atLine,
    styles: {
      default: {
        document: { run: { font: FONT, size: BODY }, paragraph: { spacing: { before: 120, after: 0, line: 276 } } },
        footnoteText: { run: { font: FONT, size: NOTE }, paragraph: { spacing: { before: 0, after: 0, line: 240 }, alignment: AlignmentType.JUSTIFIED } },
      },
    },
    footnotes: Object.fromEntries(
      l.footnotes.map((text, i) => [String(i + 1), { children: [new Paragraph({ children: [new TextRun({ text: ` ${text}`, size: NOTE })] })] }]),
    ),
    sections: [
      {
        properties: { page: { size: { width: PAGE_WIDTH, height: 16838 }, margin: MARGIN } },
        children: [
          headingTable(l),
          centred('', { after: 120 }),
          centred(l.title, { bold: true }),
          centred(l.atLine, { italics: true, after: 120 }),
          ...said,
          ...l.blocks.map(blockParagraph),
          ...signature(l),
        ],
      },
    ],
  });
}

/** The zip's dates: core.xml's created/modified and each entry's time, all set to `created`. */
function pinDates(docx: Uint8Array, created: Date): Uint8Array {
  const files = unzipSync(docx);
  const core = files['docProps/core.xml'];
  if (core) {
    const stamp = created.toISOString().replace(/\.\d{3}Z$/, 'Z');
    const xml = new TextDecoder().decode(core).replace(/(<dcterms:(?:created|modified)\b[^>]*>)[^<]*(<\/dcterms:)/g, `$1${stamp}$2`);
    files['docProps/core.xml'] = new TextEncoder().encode(xml);
  }
  return zipSync(files, { mtime: created });
}

/** The consolidated text at a date as a Word file (bytes of a .docx). */
export async function consolidatedDocx(input: PrintInput): Promise<Uint8Array> {
  const layout = printLayout(input);
  const bytes = await Packer.toBuffer(documentOf(layout));
  return pinDates(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), layout.created);
}
