/** Reading uploads: text, Markdown, UTF-16, HTML (with its charset) and DOCX in; everything else refused by name. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Document, FootnoteReferenceRun, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import fc from 'fast-check';
import { DomainError } from '../../domain/errors';
import { MAX_DOCX_XML_BYTES, readDocument } from '../../domain/parse/formats';
import { minimalDocx, W, zipOf as zip } from '../support/docx-bomb';

const SAMPLE = readFileSync(join(__dirname, '..', '..', 'local', 'sample-corpus', '38-2022-ND-CP.txt'), 'utf8');
/** Lines `from`..`to` (1-based, inclusive) of the sample, as printed. */
const sampleLines = (from: number, to: number) => SAMPLE.split('\n').slice(from - 1, to);
const trimmed = (lines: string[]) => lines.map((l) => l.replace(/^[ \t]+|[ \t]+$/g, ''));

/** Expects a refusal: a DomainError `unreadable_document` whose message starts with the file name. */
async function refusal(fileName: string, bytes: Uint8Array): Promise<DomainError> {
  let error: unknown;
  try {
    await readDocument(fileName, bytes);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(DomainError);
  const d = error as DomainError;
  expect(d.code).toBe('unreadable_document');
  expect(d.message.startsWith(`${fileName}:`)).toBe(true);
  expect(d.details).toMatchObject({ fileName });
  return d;
}

const paragraphsXml = (...texts: string[]) =>
  `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="${W}"><w:body>${texts.map((t) => `<w:p><w:r><w:t xml:space="preserve">${t}</w:t></w:r></w:p>`).join('')}</w:body></w:document>`;

/** A DOCX as Word-like tools write it: the first articles of Nghị định 38/2022/NĐ-CP, a footnote and the wage table. */
async function decreeDocx(): Promise<Buffer> {
  const table = (rows: string[][][]) =>
    new Table({
      rows: rows.map((cells) => new TableRow({ children: cells.map((paras) => new TableCell({ children: paras.map((p) => new Paragraph(p)) })) })),
    });
  const doc = new Document({
    footnotes: { 1: { children: [new Paragraph('Nghị định này có hiệu lực từ ngày 01 tháng 7 năm 2022.')] } },
    sections: [
      {
        children: [
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('NGHỊ ĐỊNH')] }),
          new Paragraph({ children: [new TextRun('Quy định mức lương tối thiểu'), new TextRun({ text: 'đối với người lao động', break: 1 })] }),
          new Paragraph({ children: [new TextRun({ text: 'Điều 1. Phạm vi điều chỉnh', bold: true }), new FootnoteReferenceRun(1)] }),
          ...sampleLines(30, 38).map((line) => new Paragraph({ children: [new TextRun({ text: line, italics: line.startsWith('a)') })] })),
          new Paragraph(''),
          table([
            [[sampleLines(54, 54)[0]!], sampleLines(55, 56), sampleLines(57, 58)],
            [['Vùng I '], ['4.680.000'], ['22.500']],
            [['Vùng II'], ['4.160.000'], ['20.000']],
          ]),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** Windows-1258 as legacy Vietnamese pages are saved: precomposed base letters plus combining tone marks. */
const CP1258 = new Map<string, number>();
for (let b = 255; b >= 0; b--) CP1258.set(new TextDecoder('windows-1258').decode(Uint8Array.of(b)), b);
function encode1258(text: string): Buffer {
  const out: number[] = [];
  for (const c of text.normalize('NFC')) {
    const direct = CP1258.get(c);
    if (direct !== undefined) {
      out.push(direct);
      continue;
    }
    const nfd = c.normalize('NFD');
    const tone = /[\u0300\u0301\u0303\u0309\u0323]/u.exec(nfd)?.[0] ?? '';
    const base = CP1258.get(nfd.replace(tone, '').normalize('NFC'));
    const mark = CP1258.get(tone);
    if (base === undefined || mark === undefined) throw new Error(`not in windows-1258: ${c}`);
    out.push(base, mark);
  }
  return Buffer.from(out);
}

describe('readDocument: text and Markdown', () => {
  it('returns a real decree as text, unchanged', async () => {
    const r = await readDocument('38-2022-ND-CP.txt', Buffer.from(SAMPLE));
    expect(r).toEqual({ text: SAMPLE, format: 'text', diagnostics: [] });
  });

  it('tells Markdown by **bold** or # headings and leaves the markup in place', async () => {
    const md = '**Điều 1. Phạm vi điều**\n**chỉnh**\nNghị định này quy định mức lương tối thiểu.\n';
    expect(await readDocument('a.md', Buffer.from(md))).toEqual({ text: md, format: 'markdown', diagnostics: [] });
    expect((await readDocument('b.txt', Buffer.from('# NGHỊ ĐỊNH\n\nĐiều 1. Phạm vi'))).format).toBe('markdown');
    expect((await readDocument('c.md', Buffer.from('Điều 1. Phạm vi *không* đậm'))).format).toBe('text');
  });

  it('drops a UTF-8 byte-order mark', async () => {
    const r = await readDocument('bom.txt', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Điều 1. Phạm vi')]));
    expect(r.text).toBe('Điều 1. Phạm vi');
  });

  it('decodes UTF-16 with a byte-order mark (little and big endian), as Vietnamese Windows tools save it', async () => {
    const text = sampleLines(29, 38).join('\r\n');
    const le = await readDocument('utf16.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    expect(le).toMatchObject({ text, format: 'text', diagnostics: [{ code: 'format.utf16', severity: 'info' }] });
    const be = Buffer.from(text, 'utf16le').swap16();
    expect((await readDocument('utf16be.txt', Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).text).toBe(text);
  });

  it('refuses bytes that are not UTF-8, naming the line of the first bad byte', async () => {
    const bytes = Buffer.concat([Buffer.from('Điều 1. Phạm vi\nNghị định này\n'), Buffer.from([0x63, 0xe1, 0xbb]), Buffer.from('\nsau')]);
    const e = await refusal('bad.txt', bytes);
    expect(e.message).toBe('bad.txt:3: not valid UTF-8 text (save the file as UTF-8)');
    expect(e.details).toEqual({ fileName: 'bad.txt', line: 3 });
    // a Windows-1258 text without a declaration, and an encoded surrogate, are not UTF-8 either
    expect((await refusal('legacy.txt', encode1258('Dòng một\nĐiều 1'))).message).toBe('legacy.txt:1: not valid UTF-8 text (save the file as UTF-8)');
    expect((await refusal('s.txt', Buffer.from([0x61, 0x0a, 0x0a, 0xed, 0xa0, 0x80]))).details).toEqual({ fileName: 's.txt', line: 3 });
  });

  it('refuses empty and blank files, NUL bytes, and UTF-16 without a byte-order mark', async () => {
    expect((await refusal('empty.txt', new Uint8Array())).message).toBe('empty.txt: the file is empty');
    expect((await refusal('blank.txt', Buffer.from(' \n\t\r\n \u00a0'))).message).toBe('blank.txt: the file is empty');
    expect((await refusal('nul.txt', Buffer.from('Điều 1\nĐiều 2\u0000'))).message).toBe('nul.txt:2: binary content (NUL bytes)');
    expect((await refusal('u16.txt', Buffer.from('Dieu 1. Pham vi dieu chinh', 'utf16le'))).message).toMatch(
      /^u16\.txt:1: looks like UTF-16 without a byte-order mark/,
    );
  });
});

describe('readDocument: a stray NUL in a long text', () => {
  it('removes it and says where, as in the Công báo extraction of 02/2024/TT-BKHĐT (2 NULs in 89 KB)', async () => {
    const body = Array.from({ length: 400 }, (_, i) => `${i + 1}. Tiến hành kiểm tra hồ sơ đăng ký dự thi cấp lần đầu, cấp lại chứng chỉ.`).join('\n');
    const r = await readDocument('02-2024-TT-BKHDT.txt', Buffer.from(`THÔNG TƯ\nĐiều 1. Phạm vi\n\u0000Tiến hành kiểm tra\n${body}`));
    expect(r.text).not.toContain('\u0000');
    expect(r.text).toContain('\nTiến hành kiểm tra\n');
    expect(r.diagnostics).toContainEqual({ code: 'format.nul_removed', severity: 'warning', message: '1 NUL byte(s) removed (first at line 3)', line: 3 });
  });
});

describe('readDocument: HTML', () => {
  const page = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Văn bản - vbpl</title>
<style>p { color: red }</style><script>var x = "<p>không</p>";</script></head>
<body><noscript>Bật JavaScript</noscript><template><p>mẫu</p></template>
<div class="header">Cơ sở dữ liệu quốc gia về văn bản pháp luật</div>
<p align="center"><b>NGHỊ ĐỊNH</b><br>Quy định mức lương tối thiểu<br/>đối với người lao động</p>
<p><span>Điều 1.</span> <i>Phạm vi</i>
   điều   chỉnh</p>
<p>&nbsp;</p><p></p>
<p>Giá trị &lt; 5 &amp; &#273;&#7891;ng &quot;A&quot;&nbsp;B</p>
<table><tr><th>Vùng</th><th>Mức lương</th></tr><tr><td>Vùng I</td><td><p>4.680.000</p></td></tr></table>
<br><br><br><p>Nơi nhận:</p>
<ul><li>Như trên;</li><li>Lưu: VT.</li></ul>
<script>track()</script></body></html>`;

  it('keeps the text: blocks, <br> and cells on their own lines, inline markup joined, chrome scripts dropped', async () => {
    const r = await readDocument('vbpl.html', Buffer.from(page));
    expect(r.format).toBe('html');
    expect(r.diagnostics).toEqual([]);
    expect(r.text).toBe(
      [
        'Cơ sở dữ liệu quốc gia về văn bản pháp luật',
        'NGHỊ ĐỊNH',
        'Quy định mức lương tối thiểu',
        'đối với người lao động',
        'Điều 1. Phạm vi điều chỉnh',
        'Giá trị < 5 & đồng "A"\u00a0B',
        'Vùng',
        'Mức lương',
        'Vùng I',
        '4.680.000',
        '',
        'Nơi nhận:',
        'Như trên;',
        'Lưu: VT.',
      ].join('\n'),
    );
  });

  it('honours a windows-1258 charset declared in a meta tag', async () => {
    const head = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1258"></head><body>';
    const body = sampleLines(29, 31)
      .map((l) => `<p>${l}</p>`)
      .join('\n');
    const r = await readDocument('tvpl.htm', Buffer.concat([Buffer.from(head), encode1258(body), Buffer.from('</body></html>')]));
    expect(r.format).toBe('html');
    expect(r.text.normalize('NFC')).toBe(trimmed(sampleLines(29, 31)).join('\n'));
    expect(r.text).not.toBe(r.text.normalize('NFC')); // the tone marks stay combining: NFC is normalize.ts's job
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'format.charset', message: 'decoded as windows-1258 (declared in the page)' })]);
  });

  it('reads an unknown declared charset as UTF-8, with a warning, and refuses a page that is not UTF-8 after all', async () => {
    const r = await readDocument('x.html', Buffer.from('<html><meta charset="x-klingon"><p>Điều 1</p></html>'));
    expect(r).toMatchObject({ text: 'Điều 1', diagnostics: [{ code: 'format.charset_unknown', severity: 'warning' }] });
    const bad = Buffer.concat([Buffer.from('<html><meta charset="utf-8">\n<p>'), encode1258('Điều'), Buffer.from('</p></html>')]);
    expect((await refusal('bad.html', bad)).message).toBe('bad.html:2: not valid UTF-8 text (save the file as UTF-8)');
  });

  it('tells HTML by its content, not its name; a head without its end tag does not swallow the body', async () => {
    expect(await readDocument('page.txt', Buffer.from('<html><head><title>t</title><body><p>Điều 1</p><p>Điều 2</p>'))).toMatchObject({
      format: 'html',
      text: 'Điều 1\nĐiều 2',
    });
    expect(await readDocument('fragment.html', Buffer.from('<p>Điều 1</p>\n<p>Điều 2</p>'))).toMatchObject({ format: 'html', text: 'Điều 1\nĐiều 2' });
    expect(await readDocument('plain.html', Buffer.from('Điều 1. Phạm vi\n'))).toMatchObject({ format: 'text', text: 'Điều 1. Phạm vi\n' });
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<html><body><p>Điều&nbsp;1</p></body></html>', 'utf16le')]);
    expect(await readDocument('word-export.htm', utf16)).toMatchObject({ format: 'html', text: 'Điều\u00a01' });
  });

  it('keeps <pre> lines and refuses a page without text', async () => {
    expect((await readDocument('p.html', Buffer.from('<html><body><pre>Điều 1.\n  1. Khoản</pre></body></html>'))).text).toBe('Điều 1.\n1. Khoản');
    expect((await refusal('chrome.html', Buffer.from('<html><head><title>x</title><script>a()</script></head><body> </body></html>'))).message).toBe(
      'chrome.html: the HTML page has no text',
    );
  });
});

describe('readDocument: DOCX', () => {
  it('gives one line per paragraph, line break and table cell, without bold or italic markup, notes at the end', async () => {
    const r = await readDocument('38-2022-ND-CP.docx', await decreeDocx());
    expect(r.format).toBe('docx');
    expect(r.diagnostics).toEqual([]);
    expect(r.text).toBe(
      [
        'NGHỊ ĐỊNH',
        'Quy định mức lương tối thiểu',
        'đối với người lao động',
        'Điều 1. Phạm vi điều chỉnh[1]',
        ...trimmed(sampleLines(30, 38)),
        ...trimmed(sampleLines(54, 64)),
        '[1] Nghị định này có hiệu lực từ ngày 01 tháng 7 năm 2022.',
      ].join('\n'),
    );
    expect(r.text).not.toContain('*');
  });

  it('tells a DOCX by its bytes whatever its name', async () => {
    const r = await readDocument('upload.bin', minimalDocx(paragraphsXml('Điều 1. Phạm vi', 'Điều 2. Đối tượng')));
    expect(r).toEqual({ text: 'Điều 1. Phạm vi\nĐiều 2. Đối tượng', format: 'docx', diagnostics: [] });
  });

  it('refuses a ZIP that is not a DOCX, and a DOCX without text', async () => {
    expect((await refusal('data.zip', zip([['a.txt', 'Điều 1']]))).message).toBe(
      'data.zip: a ZIP archive that is not a DOCX (no word/document.xml); send the text or the DOCX',
    );
    expect((await refusal('book.docx', zip([['xl/workbook.xml', '<workbook/>']]))).message).toMatch(
      /^book\.docx: not a DOCX: the archive has no word\/document\.xml/,
    );
    expect((await refusal('empty.docx', minimalDocx(paragraphsXml('  ')))).message).toBe('empty.docx: the DOCX has no text');
  });

  it('refuses a corrupt DOCX as unreadable, with the reason', async () => {
    const real = await decreeDocx();
    expect((await refusal('cut.docx', real.subarray(0, real.length >> 1))).message).toMatch(/^cut\.docx: not a readable DOCX: damaged ZIP structure/);
    // What the XML library said stays on the server: the client is told what it means for the file (issue 22).
    expect((await refusal('xml.docx', minimalDocx('<w:document><w:body><w:p>'))).message).toBe('xml.docx: not a readable DOCX: its XML is malformed');
    const garbled = minimalDocx(paragraphsXml('Điều 1'));
    const at = garbled.indexOf('word/document.xml') + 'word/document.xml'.length;
    garbled.fill(0xff, at, at + 8); // the first bytes of its deflate stream
    expect((await refusal('garbled.docx', garbled)).message).toMatch(/^garbled\.docx: not a readable DOCX: word\/document\.xml is damaged/);
    const locked = minimalDocx(paragraphsXml('Điều 1'), { flags: 1 });
    expect((await refusal('locked.docx', locked)).message).toMatch(/^locked\.docx: not a readable DOCX: the file is encrypted/);
  });

  it(`refuses a zip bomb: XML unpacking past ${MAX_DOCX_XML_BYTES / 1024 / 1024} MB, whatever the archive declares`, async () => {
    const huge = paragraphsXml(' '.repeat(MAX_DOCX_XML_BYTES + 1024));
    const honest = minimalDocx(huge);
    expect(honest.length).toBeLessThan(200_000);
    expect((await refusal('bomb.docx', honest)).message).toBe('bomb.docx: not a readable DOCX: its XML unpacks to more than 50 MB');
    expect((await refusal('liar.docx', minimalDocx(huge, { declaredSize: 1000 }))).message).toBe(
      'liar.docx: not a readable DOCX: its XML unpacks to more than 50 MB',
    );
  });
});

describe('readDocument: other formats are refused with a reason', () => {
  it.each([
    ['scan.pdf', Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj', 'latin1'), 'scan.pdf: a PDF file; PDF is not accepted: send the text or the DOCX'],
    [
      'old.doc',
      Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]),
      'old.doc: a legacy Word .doc file (or another OLE2 office file); save it as DOCX or send the text',
    ],
    ['x.rtf', Buffer.from('{\\rtf1\\ansi Điều 1}'), 'x.rtf: an RTF file; save it as DOCX or send the text'],
    ['demuc.html.gz', Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0]), 'demuc.html.gz: a gzip-compressed file; decompress it first'],
  ])('%s', async (fileName, bytes, message) => {
    expect((await refusal(fileName, bytes)).message).toBe(message);
  });
});

describe('readDocument on arbitrary bytes', () => {
  const MAGICS = [
    '',
    'PK\x03\x04',
    'PK\x05\x06',
    '%PDF-',
    '\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1',
    '\xef\xbb\xbf',
    '\xff\xfe',
    '\xfe\xff',
    '<html><meta charset="windows-1258">',
    '<p>',
    '**',
  ].map((m) => Buffer.from(m, 'latin1'));

  const outcome = async (fileName: string, bytes: Uint8Array) => {
    try {
      const r = await readDocument(fileName, bytes);
      return ['text', 'markdown', 'html', 'docx'].includes(r.format) && typeof r.text === 'string' && r.text.trim() !== '' && Array.isArray(r.diagnostics);
    } catch (e) {
      return e instanceof DomainError && e.code === 'unreadable_document' && e.message.startsWith(`${fileName}:`);
    }
  };

  it('resolves or refuses with unreadable_document, never anything else', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...MAGICS), fc.uint8Array({ maxLength: 600 }), fc.constantFrom('f.txt', 'f.docx', 'f.html', 'f'), (magic, tail, name) =>
        outcome(name, Buffer.concat([magic, tail])),
      ),
      { numRuns: 400 },
    );
  });

  it('does the same on damaged DOCX files', async () => {
    const docx = minimalDocx(paragraphsXml(...trimmed(sampleLines(29, 34))), { store: true });
    const deflated = await decreeDocx();
    await fc.assert(
      fc.asyncProperty(
        fc.boolean(),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
        fc.nat(),
        async (stored, flips, cut) => {
          const bytes = Buffer.from(stored ? docx : deflated);
          for (const [at, value] of flips) bytes[at % bytes.length] = value;
          return outcome('fuzz.docx', cut % 4 === 0 ? bytes.subarray(0, cut % bytes.length) : bytes);
        },
      ),
      { numRuns: 150 },
    );
  });
});
