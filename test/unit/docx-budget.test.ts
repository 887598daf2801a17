/**
 * Issue 22: a DOCX bomb (1.2 MB on the wire, 28.5 MB of XML) took 41 s and 2 GB to read. The XML is now counted as
 * it unpacks, bytes and paragraphs, and reading stops at the first one over the budget.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import { DomainError } from '../../domain/errors';
import { DOCX_LIMITS, PUBLIC_DOCX_LIMITS, readDocument } from '../../domain/parse/formats';
import { docxBomb, docxWithBody, measured, paragraph } from '../support/docx-bomb';

const bomb = docxBomb(28.5);

it('builds the bomb of the issue: 28.5 MB of XML in under 2 MB, under the former 50 MB cap', () => {
  expect(bomb.xmlBytes).toBeGreaterThan(28 * 1024 * 1024);
  expect(bomb.xmlBytes).toBeLessThan(DOCX_LIMITS.xmlBytes);
  expect(bomb.docx.length).toBeLessThan(2 * 1024 * 1024);
});

it.each([
  ['editors', DOCX_LIMITS],
  ['anonymous callers', PUBLIC_DOCX_LIMITS],
])('refuses the bomb within the budget for %s in under 2 s and 200 MB', async (_who, limits) => {
  const { result, ms, rssGrowthMb } = await measured(() => readDocument('bomb.docx', bomb.docx, limits));
  expect(result).toBeInstanceOf(DomainError);
  expect((result as DomainError).code).toBe('unreadable_document');
  // Editors: stopped at the 100,001st paragraph while unpacking; anonymous callers: at the declared sizes already.
  expect((result as DomainError).message).toBe(
    limits === DOCX_LIMITS
      ? 'bomb.docx: not a readable DOCX: it has more than 100,000 paragraphs'
      : 'bomb.docx: not a readable DOCX: its XML unpacks to more than 12 MB',
  );
  expect(ms).toBeLessThan(2000);
  expect(rssGrowthMb).toBeLessThan(200);
});

it('refuses XML over the byte budget while unpacking, however few its paragraphs', async () => {
  const long = paragraph('Điều 1. '.repeat(1700)); // about 14 KB
  const docx = docxWithBody(long.repeat(Math.ceil((PUBLIC_DOCX_LIMITS.xmlBytes + 1) / long.length)));
  const { result, ms, rssGrowthMb } = await measured(() => readDocument('long.docx', docx, PUBLIC_DOCX_LIMITS));
  expect((result as DomainError).message).toBe('long.docx: not a readable DOCX: its XML unpacks to more than 12 MB');
  expect(ms).toBeLessThan(2000);
  expect(rssGrowthMb).toBeLessThan(200);
});

it('counts paragraphs exactly across unpacking chunks, empty ones too, not <w:pPr>', async () => {
  const body = Array.from({ length: 4000 }, (_, i) => paragraph(`Khoản ${i + 1}. Nội dung của khoản`)).join('');
  expect(body.length).toBeGreaterThan(5 * 64 * 1024);
  const docx = docxWithBody(body);
  const read = await readDocument('exact.docx', docx, { xmlBytes: DOCX_LIMITS.xmlBytes, paragraphs: 4000 });
  expect(read.text.split('\n')).toHaveLength(4000);
  await expect(readDocument('exact.docx', docx, { xmlBytes: DOCX_LIMITS.xmlBytes, paragraphs: 3999 })).rejects.toThrow(
    'exact.docx: not a readable DOCX: it has more than 3,999 paragraphs',
  );
  // Empty paragraphs count too: a bomb of `<w:p/>` costs mammoth as much per element.
  await expect(readDocument('empty-paras.docx', docxWithBody('<w:p/><w:p/><w:p/>'), { xmlBytes: 1e6, paragraphs: 2 })).rejects.toThrow(
    /more than 2 paragraphs/,
  );
});

it('reads the largest law of the corpus, as Word-like DOCX, within the anonymous budget', async () => {
  // The Civil Code (91/2015/QH13): 3,000 paragraphs, each in runs with fonts and sizes as Word writes them.
  const text = readFileSync(join(__dirname, '..', 'fixtures', 'corpus', '91-2015-QH13.txt'), 'utf8');
  const paragraphs = text.split('\n').map((line) => {
    const words = line.split(' ');
    const runs: TextRun[] = [];
    for (let i = 0; i < words.length; i += 4)
      runs.push(new TextRun({ text: `${words.slice(i, i + 4).join(' ')} `, font: 'Times New Roman', size: 28, bold: i === 0 }));
    return new Paragraph({ children: runs, spacing: { before: 120, after: 120 } });
  });
  const docx = await Packer.toBuffer(new Document({ sections: [{ children: paragraphs }] }));
  const read = await readDocument('91-2015-QH13.docx', docx, PUBLIC_DOCX_LIMITS);
  expect(read.format).toBe('docx');
  expect(read.text).toContain('Điều 689.');
}, 30_000);
