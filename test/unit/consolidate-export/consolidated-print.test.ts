/**
 * The consolidated text as Word and PDF (issue 20, part 5), on real documents: 09/2022/TT-BLĐTBXH as amended by
 * 02/2023/TT-BLĐTBXH on 2023-06-01, and the Civil Code (91/2015/QH13, 689 articles) for size and time. The DOCX is
 * read back with mammoth, the PDF with pdf.js (pdfjs-dist, in its own Node process: it ships ES modules only): every
 * article, the diacritics, the notes of amendments as footnotes, and the same bytes for the same request.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import mammoth from 'mammoth';
import { printLayout, type PrintInput, superscript } from '../../../domain/consolidate/print';
import type { RenderedUnit } from '../../../domain/consolidate/render';
import { consolidatedDocument, printInputOf as inputOf } from '../../../domain/services/consolidation';
import { ingestDocument } from '../../../domain/services/ingest';
import { consolidatedDocx } from '../../../functions/_shared/print-docx';
import { PRINT_FONT_FILES, printFontPath, printFonts } from '../../../functions/_shared/print-fonts';
import { consolidatedPdf } from '../../../functions/_shared/print-pdf';
import { drainOutbox } from '../../../local/stream';
import { tempEmbedded } from '../../support/embedded';
import { corpusFile } from '../../support/fixtures';

/** The input of the Word and PDF writers for a document consolidated at a date, as a handler builds it. */
async function printInputOf(files: string[], id: string, at: string): Promise<PrintInput> {
  const embedded = tempEmbedded();
  try {
    for (const f of files) await ingestDocument(embedded.ports, { fileName: f, bytes: corpusFile(f) });
    await drainOutbox(embedded);
    const work = await embedded.ports.works.get(id);
    if (!work) throw new Error(`${id} not ingested`);
    return inputOf(work, await consolidatedDocument(embedded.ports, work, at), at);
  } finally {
    embedded.close();
  }
}

const nfc = (s: string) => s.normalize('NFC');
/** Whitespace out: a PDF line may break after "/" or "-", where the text has no space. */
const squeeze = (s: string) => nfc(s).replace(/\s+/g, '');

function walk(units: RenderedUnit[], f: (u: RenderedUnit) => void) {
  for (const u of units) {
    f(u);
    walk(u.children, f);
  }
}
const articlesOf = (units: RenderedUnit[]) => {
  const out: RenderedUnit[] = [];
  walk(units, (u) => {
    if (u.kind === 'article') out.push(u);
  });
  return out;
};
const notesOf = (units: RenderedUnit[]) => {
  const out: string[] = [];
  walk(units, (u) => {
    for (const s of u.sources ?? []) out.push(s.note);
  });
  return out;
};
const articleHeading = (u: RenderedUnit) => [`Điều ${u.num}.`, u.heading].filter(Boolean).join(' ');

const decode = (s: string) => s.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e] as string);

/** The DOCX's paragraphs (footnotes apart) and its footnotes, as mammoth reads them. */
async function readDocx(bytes: Uint8Array) {
  const { value: html, messages } = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) });
  const [body = '', notes = ''] = html.split(/<ol><li id="footnote-1">/);
  // A paragraph's text without the footnote marks ("<sup><a href=…>[1]</a></sup>"), which `refs` lists.
  const paragraphs = [...body.matchAll(/<p>(.*?)<\/p>/g)].map((m) => decode((m[1] as string).replace(/<sup>.*?<\/sup>/g, '').replace(/<[^>]+>/g, '')));
  const footnotes = [...`<li id="footnote-1">${notes}`.matchAll(/<li id="footnote-(\d+)"><p>(.*?)<\/p><\/li>/g)].map((m) => ({
    n: Number(m[1]),
    text: decode((m[2] as string).replace(/<a [^>]*>.*?<\/a>/g, '').replace(/<[^>]+>/g, '')).trim(),
  }));
  const refs = [...body.matchAll(/<a href="#footnote-(\d+)" id="footnote-ref-\d+">/g)].map((m) => Number(m[1]));
  return { html, messages, paragraphs, footnotes, refs };
}

/** The PDF's text, page by page, as pdf.js reads it, without the page numbers (a line of its own atop pages 2 on); its bookmarks. */
function readPdf(bytes: Uint8Array): { pages: string[]; outline: string[] } {
  const out = execFileSync(process.execPath, [join(__dirname, 'pdf-text.mjs')], { input: bytes, maxBuffer: 64 * 1024 * 1024 });
  const { pages, outline } = JSON.parse(out.toString('utf8')) as { pages: string[]; outline: string[] };
  return {
    pages: pages.map((page, i) =>
      page
        .split('\n')
        .filter((line) => line.trim() !== String(i + 1))
        .join('\n'),
    ),
    outline,
  };
}

/** Runs `f` with the clock set far from the date asked: what a file stamped with "now" would show. */
async function elsewhen<T>(f: () => Promise<T>): Promise<T> {
  jest.useFakeTimers({
    now: new Date('2031-03-04T05:06:07Z'),
    doNotFake: ['nextTick', 'setImmediate', 'clearImmediate', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'queueMicrotask'],
  });
  try {
    return await f();
  } finally {
    jest.useRealTimers();
  }
}

const ARTICLE_LINE = /^Điều \d+[a-zđ]?\./u;
const AT = '2023-06-01';
let input: PrintInput;

beforeAll(async () => {
  input = await printInputOf(['09-2022-TT-BLDTBXH.txt', '02-2023-TT-BLDTBXH.txt'], '09-2022-TT-BLDTBXH', AT);
});

const ENDED_NOTE = 'Điều 16 được bãi bỏ theo quy định tại Điều 2 của Thông tư số 99/2024/TT-BLĐTBXH';
/** The real text with what a notice says (made here: the document is in force on the date): ended, not consolidated. */
const noticed = (): PrintInput => ({
  ...input,
  units: [
    ...input.units,
    { kind: 'article', num: '16', eId: 'art_16', heading: null, text: '(hết hiệu lực)', children: [], validity: { status: 'repealed', note: ENDED_NOTE } },
  ],
  unapplied: [{ targetEId: 'art_9__para_4', reason: 'target not found' }],
  notice: {
    validity: { status: 'expired', label: 'Hết hiệu lực', since: '2024-06-05', inForce: false, reasons: [{ message: 'Bị bãi bỏ bởi 03/2024/TT-BLĐTBXH' }] },
    pending: [{ inEffect: true, message: 'Được sửa đổi, bổ sung bởi 05/2024/TT-BLĐTBXH' }],
  },
});

describe('the layout (domain/consolidate/print.ts)', () => {
  it('has every article, a footnote for each note of amendment, and the date in words', () => {
    const l = printLayout(input);
    const articles = articlesOf(input.units);
    expect(articles.length).toBe(15);
    expect(l.blocks.filter((b) => b.style === 'article').map((b) => b.runs[0]?.text)).toEqual(articles.map(articleHeading));
    expect(l.footnotes).toEqual(notesOf(input.units));
    expect(l.footnotes).toEqual([
      'Điều này được sửa đổi, bổ sung theo quy định tại Điều 1 Thông tư số 02/2023/TT-BLĐTBXH, có hiệu lực kể từ ngày 01 tháng 6 năm 2023',
    ]);
    // The mark follows the heading of the article the note is about.
    const art1 = l.blocks.find((b) => b.eId === 'art_1');
    expect(art1?.runs).toEqual([
      { text: 'Điều 1. Phạm vi áp dụng', bold: true },
      { text: '', footnote: 1 },
    ]);
    expect(l.atLine).toBe('Văn bản tại ngày 01 tháng 6 năm 2023');
    expect(l.signature).toEqual(['KT. BỘ TRƯỞNG', 'THỨ TRƯỞNG', 'Lê Văn Thanh']);
    expect(l.created.toISOString()).toBe('2023-06-01T00:00:00.000Z');
    expect(superscript(120)).toBe('¹²⁰');
  });

  it('says the notices above the text and marks a unit not in force, as the text renderer does', () => {
    const l = printLayout(noticed());
    expect(l.notices).toEqual([
      'HẾT HIỆU LỰC từ ngày 2024-06-05: Bị bãi bỏ bởi 03/2024/TT-BLĐTBXH',
      'CHƯA HỢP NHẤT: Được sửa đổi, bổ sung bởi 05/2024/TT-BLĐTBXH',
    ]);
    expect(l.unapplied).toEqual(['art_9__para_4: target not found']);
    expect(l.blocks.slice(-2)).toEqual([
      { style: 'article', runs: [{ text: 'Điều 16.', bold: true }, { text: ' (hết hiệu lực)' }], eId: 'art_16', outline: { depth: 0, title: 'Điều 16.' } },
      { style: 'validity', runs: [{ text: `(${ENDED_NOTE})`, italic: true }] },
    ]);
  });
});

describe('Word (functions/_shared/print-docx.ts)', () => {
  it('reads back with every article, its diacritics, and the notes as footnotes', async () => {
    const docx = await consolidatedDocx(input);
    const { html, messages, paragraphs, footnotes, refs } = await readDocx(docx);
    expect(messages).toEqual([]);
    const articles = articlesOf(input.units);
    const printed = paragraphs.filter((p) => ARTICLE_LINE.test(p));
    expect(printed.length).toBe(articles.length);
    expect(printed.map(nfc)).toEqual(articles.map((u) => nfc(articleHeading(u))));
    // Every line of every unit, letter for letter (NFC): no diacritic lost or decomposed.
    const body = squeeze(paragraphs.join('\n'));
    walk(input.units, (u) => {
      for (const line of u.text.split('\n').filter((l) => l.trim())) expect(body).toContain(squeeze(line));
    });
    expect(paragraphs).toContain(
      'Thông tư hướng dẫn một số nội dung thực hiện đa dạng hóa sinh kế, phát triển mô hình giảm nghèo và hỗ trợ người lao động đi làm việc ở nước ngoài theo hợp đồng thuộc Chương trình mục tiêu quốc gia giảm nghèo bền vững giai đoạn 2021 - 2025',
    );
    expect(paragraphs).toContain('Số: 09/2022/TT-BLĐTBXH');
    expect(paragraphs).toContain('Văn bản tại ngày 01 tháng 6 năm 2023');
    expect(paragraphs).toEqual(expect.arrayContaining(['Chương I', 'NHỮNG QUY ĐỊNH CHUNG', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Lê Văn Thanh']));
    expect(footnotes).toEqual(notesOf(input.units).map((text, i) => ({ n: i + 1, text })));
    expect(refs).toEqual([1]);
    // The mark follows the heading of the article the note is about.
    expect(html).toContain('<p><strong>Điều 1. Phạm vi áp dụng</strong><sup><a href="#footnote-1" id="footnote-ref-1">[1]</a></sup></p>');
  });

  it('gives the same bytes for the same request, whatever the clock says, dated the date asked', async () => {
    const a = await consolidatedDocx(input);
    const b = await elsewhen(() => consolidatedDocx(input));
    expect(Buffer.from(b).equals(Buffer.from(a))).toBe(true);
    const core = new TextDecoder().decode(unzipSync(a)['docProps/core.xml']);
    expect(core).toContain('>2023-06-01T00:00:00Z</dcterms:created>');
    expect(core).toContain('>2023-06-01T00:00:00Z</dcterms:modified>');
  });
});

describe('PDF (functions/_shared/print-pdf.ts)', () => {
  it('embeds its Vietnamese fonts from the npm package', () => {
    expect(printFontPath(PRINT_FONT_FILES.regular)).toMatch(/node_modules\/dejavu-fonts-ttf\/ttf\/DejaVuSerif\.ttf$/);
    const f = printFonts();
    expect(f.regular.length).toBeGreaterThan(300_000);
    expect(printFonts()).toBe(f);
  });

  it('holds every article heading and every note, diacritics intact, the notes at the foot of the page', async () => {
    const pdf = await consolidatedPdf(input, printFonts());
    expect(Buffer.from(pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const { pages, outline } = readPdf(pdf);
    const text = squeeze(pages.join('\n'));
    for (const u of articlesOf(input.units)) expect(text).toContain(squeeze(articleHeading(u)));
    walk(input.units, (u) => {
      for (const line of u.text.split('\n').filter((l) => l.trim())) expect(text).toContain(squeeze(line));
    });
    const notes = notesOf(input.units);
    expect(notes.length).toBe(1);
    // The mark after the heading, and the note on the same page.
    const first = pages.findIndex((p) => squeeze(p).includes(squeeze('Điều 1. Phạm vi áp dụng¹')));
    expect(first).toBeGreaterThanOrEqual(0);
    expect(squeeze(pages[first] as string)).toContain(squeeze(`¹ ${notes[0]}`));
    expect(text).toContain(squeeze('Văn bản tại ngày 01 tháng 6 năm 2023'));
    expect(text).toContain(squeeze('Số: 09/2022/TT-BLĐTBXH'));
    // Bookmarks: the chapters, and the articles inside them.
    expect(outline.slice(0, 3)).toEqual(['0 Chương I. NHỮNG QUY ĐỊNH CHUNG', '1 Điều 1. Phạm vi áp dụng', '1 Điều 2. Đối tượng áp dụng']);
    expect(outline.filter((o) => o.startsWith('1 Điều ')).length).toBe(15);
  });

  it('prints a document whose number, issuer and signer are not known', async () => {
    const bare = { ...input, number: null, issuer: null, signer: null };
    const text = squeeze(readPdf(await consolidatedPdf(bare, printFonts())).pages.join('\n'));
    expect(text).toContain(squeeze(`${input.title} Văn bản tại ngày 01 tháng 6 năm 2023`));
    expect(text).not.toContain('Số:');
    const { paragraphs } = await readDocx(await consolidatedDocx(bare));
    expect(paragraphs).toContain(input.title);
    expect(paragraphs.filter((p) => ARTICLE_LINE.test(p)).length).toBe(15);
  });

  it('says the notices at the top and marks the unit not in force, in Word and in PDF', async () => {
    const said = ['HẾT HIỆU LỰC từ ngày 2024-06-05: Bị bãi bỏ bởi 03/2024/TT-BLĐTBXH', 'CHƯA HỢP NHẤT: Được sửa đổi, bổ sung bởi 05/2024/TT-BLĐTBXH'];
    const { paragraphs } = await readDocx(await consolidatedDocx(noticed()));
    const first = paragraphs.indexOf('Chương I');
    expect(paragraphs.slice(0, first)).toEqual(expect.arrayContaining([...said, 'Sửa đổi chưa áp dụng được:', '- art_9__para_4: target not found']));
    expect(paragraphs).toEqual(expect.arrayContaining(['Điều 16. (hết hiệu lực)', `(${ENDED_NOTE})`]));
    const [page1 = '', ...rest] = readPdf(await consolidatedPdf(noticed(), printFonts())).pages;
    for (const line of said) expect(squeeze(page1)).toContain(squeeze(line));
    expect(squeeze(rest.join('\n'))).toContain(squeeze(`Điều 16. (hết hiệu lực) (${ENDED_NOTE})`));
  });

  it('gives the same bytes for the same request, whatever the clock says', async () => {
    const fonts = printFonts();
    const a = await consolidatedPdf(input, fonts);
    const b = await elsewhen(() => consolidatedPdf(input, fonts));
    expect(Buffer.from(b).equals(Buffer.from(a))).toBe(true);
    const raw = Buffer.from(a).toString('latin1');
    const ref = /\/CreationDate (\d+) 0 R/.exec(raw)?.[1];
    expect(raw).toContain(`\n${ref} 0 obj\n(D:20230601000000Z)\nendobj`);
  });
});

describe('the largest document: the Civil Code, 689 articles', () => {
  let civil: PrintInput;
  beforeAll(async () => {
    civil = await printInputOf(['91-2015-QH13.txt'], '91-2015-QH13', '2024-01-01');
  });

  it('prints every article in Word and in PDF, within a few seconds each', async () => {
    const articles = articlesOf(civil.units);
    expect(articles.length).toBe(689);

    let t = Date.now();
    const docx = await consolidatedDocx(civil);
    const docxMs = Date.now() - t;
    t = Date.now();
    const pdf = await consolidatedPdf(civil, printFonts());
    const pdfMs = Date.now() - t;
    // Measured on the 2-core machine: DOCX about 0.1 MB in 0.6 s, PDF about 0.7 MB (166 pages) in 2 s.
    console.info(`Civil Code: DOCX ${docx.length} bytes in ${docxMs} ms, PDF ${pdf.length} bytes in ${pdfMs} ms`);
    expect(docxMs).toBeLessThan(10_000);
    expect(pdfMs).toBeLessThan(10_000);

    const { paragraphs } = await readDocx(docx);
    expect(paragraphs.filter((p) => ARTICLE_LINE.test(p)).length).toBe(689);
    const { pages, outline } = readPdf(pdf);
    const text = squeeze(pages.join('\n'));
    expect(outline.filter((o) => / Điều \d+/.test(o)).length).toBe(689);
    const missing = articles.filter((u) => !text.includes(squeeze(articleHeading(u)))).map((u) => u.num);
    expect(missing).toEqual([]);
  });
});
