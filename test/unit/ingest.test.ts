/** Ingestion on the embedded store: idempotent, renditions merge, bad files explained, nothing half-written. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingestDocument, originalBlobKey, sha256Hex } from '../../domain/services/ingest';
import { refreshWorks } from '../../domain/services/changes';
import { searchDocuments } from '../../domain/services/search';
import { resolveWork } from '../../domain/services/documents';
import { tempEmbedded } from '../support/embedded';
import { sampleFile } from '../support/fixtures';

const FIXTURES = join(__dirname, '..', 'fixtures', 'corpus');

describe('ingestDocument', () => {
  it('stores the original byte for byte and a work with its metadata', async () => {
    const { ports } = tempEmbedded();
    const bytes = sampleFile('09-2022-TT-BLDTBXH.txt');
    const r = await ingestDocument(ports, { fileName: 'uploads/09-2022-TT-BLDTBXH.txt', bytes });
    expect(r.outcome).toBe('created');
    expect(r.work).toMatchObject({ id: '09-2022-TT-BLDTBXH', number: '09/2022/TT-BLĐTBXH', type: 'thong_tu', issued: '2022-05-25', version: 1 });
    expect(r.work.sources[0]).toMatchObject({ fileName: '09-2022-TT-BLDTBXH.txt', sha256: sha256Hex(bytes), bytes: bytes.length });
    expect(Buffer.from((await ports.blobs.get(originalBlobKey(sha256Hex(bytes)))) ?? []).equals(bytes)).toBe(true);
  });

  it('is idempotent: the same bytes again change nothing', async () => {
    const { ports } = tempEmbedded();
    const bytes = sampleFile('02-2023-TT-BLDTBXH.txt');
    const first = await ingestDocument(ports, { fileName: 'a.txt', bytes });
    const again = await ingestDocument(ports, { fileName: 'b.txt', bytes });
    expect(again.outcome).toBe('unchanged');
    expect(again.work).toEqual(first.work);
  });

  it('keeps a second rendition of the same document as another source of one work', async () => {
    const { ports } = tempEmbedded();
    await ingestDocument(ports, { fileName: '58-2014-QH13.txt', bytes: sampleFile('58-2014-QH13.txt') });
    const r = await ingestDocument(ports, { fileName: '58-2014-QH13__congbao.txt', bytes: readFileSync(join(FIXTURES, '58-2014-QH13__congbao.txt')) });
    expect(r.outcome).toBe('source_added');
    expect(r.work.id).toBe('58-2014-QH13');
    expect(r.work.sources.map((s) => s.fileName)).toEqual(['58-2014-QH13.txt', '58-2014-QH13__congbao.txt']);
    expect(r.work.version).toBe(2);
  });

  it('loses no rendition when the same document arrives concurrently in several files', async () => {
    const { ports } = tempEmbedded();
    const base = sampleFile('38-2022-ND-CP.txt');
    const variants = Array.from({ length: 8 }, (_, i) => Buffer.concat([base, Buffer.from(`\n\n(bản sao ${i})\n`)]));
    const results = await Promise.all(variants.map((bytes, i) => ingestDocument(ports, { fileName: `v${i}.txt`, bytes })));
    expect(results.filter((r) => r.outcome === 'created')).toHaveLength(1);
    const work = await ports.works.get('38-2022-ND-CP');
    expect(work?.sources).toHaveLength(8);
  });

  it('refuses to merge a file whose number matches a stored work but whose date differs (409, nothing changed)', async () => {
    const { ports } = tempEmbedded();
    const original = sampleFile('09-2022-TT-BLDTBXH.txt');
    await ingestDocument(ports, { fileName: 'a.txt', bytes: original });
    const other = Buffer.from(original.toString('utf8').replace('ngày 25 tháng 5 năm 2022', 'ngày 26 tháng 5 năm 2022'));
    await expect(ingestDocument(ports, { fileName: 'b.txt', bytes: other })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('date of issue (2022-05-26) differs from the stored one (2022-05-25)'),
    });
    expect((await ports.works.get('09-2022-TT-BLDTBXH'))?.sources).toHaveLength(1);
  });

  it('warns when the id cannot carry the year or province that would keep it unique', async () => {
    const { ports } = tempEmbedded();
    const r = await ingestDocument(ports, { fileName: 'q.txt', bytes: Buffer.from('Số: 12/QĐ-BTEST\nQUYẾT ĐỊNH\nVề việc thử\nĐiều 1. Nội dung.\n') });
    expect(r.work.id).toBe('12-QD-BTEST');
    expect(r.diagnostics.map((d) => d.code)).toContain('metadata.id_without_year');
  });

  it.each([
    ['a ZIP that is not a DOCX', Buffer.from('PK\u0003\u0004rest-of-zip'), /bad\.txt/],
    ['a PDF', Buffer.from('%PDF-1.7 ...'), /a PDF/],
    ['Latin-1 bytes', Buffer.from('Điều 1\nĐi\xe8u 2', 'latin1'), /bad\.txt:1: not valid UTF-8/],
    ['an empty file', Buffer.from('  \n '), /the file is empty/],
    ['text that is no legal document', Buffer.from('hello world\n'), /does not look like a legal document/],
  ])('refuses %s with a message naming the file, storing nothing', async (_what, bytes, message) => {
    const { ports } = tempEmbedded();
    await expect(ingestDocument(ports, { fileName: 'bad.txt', bytes })).rejects.toMatchObject({
      code: 'unreadable_document',
      message: expect.stringMatching(message),
    });
    expect((await ports.works.list({ limit: 10 })).items).toEqual([]);
  });

  it('reads an HTML rendition into the same work and units as its text', async () => {
    const { ports } = tempEmbedded();
    const text = sampleFile('38-2022-ND-CP.txt').toString('utf8');
    const html = `<!doctype html><html><head><title>x</title><script>var a = "Điều 99. Giả";</script></head><body>${text
      .split('\n')
      .map((l) => `<p>${l.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`)
      .join('\n')}</body></html>`;
    const r = await ingestDocument(ports, { fileName: '38.html', bytes: Buffer.from(html) });
    expect(r.work).toMatchObject({ id: '38-2022-ND-CP', unitCount: expect.any(Number) });
    expect(r.work.sources[0]?.format).toBe('html');
    const units = await ports.units.listUnits(r.work.unitSet ?? '');
    expect(units.filter((u) => u.kind === 'article').map((u) => u.num)).toEqual(['1', '2', '3', '4', '5']);
  });

  it('names the line of the first byte that is not UTF-8', async () => {
    const { ports } = tempEmbedded();
    const bytes = Buffer.concat([Buffer.from('Số: 1/2024/TT-BTC\nĐiều 1.\n', 'utf8'), Buffer.from([0xff, 0x0a])]);
    await expect(ingestDocument(ports, { fileName: 'x.txt', bytes })).rejects.toThrow('x.txt:3: not valid UTF-8');
  });

  it('resolves documents by id or by any spelling of their number, and explains a miss', async () => {
    const { ports } = tempEmbedded();
    await ingestDocument(ports, { fileName: 'f.txt', bytes: sampleFile('59-2020-QH14.txt') });
    for (const ref of ['59-2020-QH14', '59/2020/QH14', '59-2020-qh14', 'Luật số 59/2020/QH14'])
      expect((await resolveWork(ports.works, ref)).id).toBe('59-2020-QH14');
    await expect(resolveWork(ports.works, '60/2020/QH14')).rejects.toMatchObject({ code: 'not_found', message: 'Document "60/2020/QH14" was not found' });
  });

  it('finds a document by a partial number as people type it', async () => {
    const { ports } = tempEmbedded();
    for (const f of ['59-2020-QH14.txt', '84-2015-QH13.txt', '58-2014-QH13.txt']) {
      const r = await ingestDocument(ports, { fileName: f, bytes: sampleFile(f) });
      await refreshWorks(ports, [r.work.id]);
    }
    for (const q of ['59/2020', '59-2020-qh14', 'Luật số 59/2020/QH14'])
      expect((await searchDocuments(ports, { q, limit: 3, offset: 0, scope: 'documents' })).hits[0]?.workId).toBe('59-2020-QH14');
  });

  it('makes ingested documents findable with and without diacritics once indexed', async () => {
    const { ports } = tempEmbedded();
    const r = await ingestDocument(ports, { fileName: 'f.txt', bytes: sampleFile('84-2015-QH13.txt') });
    await refreshWorks(ports, [r.work.id]);
    for (const q of ['an toàn vệ sinh lao động', 'an toan ve sinh lao dong']) {
      const res = await searchDocuments(ports, { q, limit: 5, offset: 0 });
      expect(res.hits[0]?.workId).toBe('84-2015-QH13');
      expect(res.hits[0]?.snippet.length).toBeGreaterThan(20);
    }
  });
});
