/** The SearchIndex contract: FTS5 and OpenSearch must agree on what matches. */
import type { SearchEntry, SearchIndex } from '../../domain/ports';

const entry = (id: string, over: Partial<SearchEntry>): SearchEntry => ({
  id,
  workId: id,
  kind: 'document',
  eId: null,
  documentNumber: `${id}/2024/TT`,
  documentType: 'thong_tu',
  title: null,
  text: '',
  issued: '2024-01-01',
  version: 1,
  ...over,
});

export function searchIndexContract(name: string, make: () => Promise<SearchIndex>) {
  describe(`SearchIndex contract: ${name}`, () => {
    let index: SearchIndex;
    beforeAll(async () => {
      index = await make();
      await index.ensureReady();
      await index.ensureReady();
      await index.upsert([
        entry('d1', { title: 'Luật Đất đai', text: 'Thời hạn sử dụng đất được quy định tại Điều này.', documentType: 'luat' }),
        entry('d2', { title: 'Thông tư về bảo hiểm', text: 'Người lao động tham gia bảo hiểm xã hội bắt buộc.' }),
        entry('d3', { title: null, text: 'Hợp đồng lao động xác định thời hạn; sử dụng lao động.' }),
      ]);
    });

    const ids = async (q: string, extra: { type?: string } = {}) => (await index.search({ q, limit: 10, offset: 0, ...extra })).hits.map((h) => h.id).sort();

    it('matches without diacritics, with diacritics, and folds đ to d', async () => {
      expect(await ids('thoi han su dung dat')).toEqual(['d1']);
      expect(await ids('thời hạn sử dụng đất')).toEqual(['d1']);
      expect(await ids('DAT')).toEqual(['d1']);
    });

    it('needs every word (in the title or the text)', async () => {
      expect(await ids('lao dong')).toEqual(['d2', 'd3']);
      expect(await ids('lao dong bat buoc')).toEqual(['d2']);
      expect(await ids('luat thoi han')).toEqual(['d1']);
      expect(await ids('khong co tu nay')).toEqual([]);
    });

    it('ranks title matches above text-only matches', async () => {
      await index.upsert([
        entry('d4', { title: 'Bảo hiểm y tế', text: 'Quy định chung.' }),
        entry('d9', { title: null, text: 'Chi phí khám chữa bệnh theo bảo hiểm y tế do quỹ chi trả cho người tham gia.' }),
      ]);
      const res = await index.search({ q: 'bao hiem y te', limit: 10, offset: 0 });
      expect(res.hits.map((h) => h.id)).toEqual(['d4', 'd9']);
      await index.removeWork('d4');
      await index.removeWork('d9');
    });

    it('filters by document type and counts the total beyond the page', async () => {
      expect(await ids('thoi han', { type: 'luat' })).toEqual(['d1']);
      const page = await index.search({ q: 'lao dong', limit: 1, offset: 0 });
      expect(page.total).toBe(2);
      expect(page.hits).toHaveLength(1);
      const next = await index.search({ q: 'lao dong', limit: 1, offset: 1 });
      expect(next.hits[0]?.id).not.toBe(page.hits[0]?.id);
    });

    it('returns the stored text and metadata for snippets', async () => {
      const [hit] = (await index.search({ q: 'bat buoc', limit: 1, offset: 0 })).hits;
      expect(hit).toMatchObject({
        id: 'd2',
        workId: 'd2',
        documentNumber: 'd2/2024/TT',
        kind: 'document',
        text: 'Người lao động tham gia bảo hiểm xã hội bắt buộc.',
      });
      expect(hit?.score).toBeGreaterThan(0);
    });

    it('keeps the newest version when an older write arrives late', async () => {
      await index.upsert([entry('d5', { text: 'phiên bản mới', version: 3 })]);
      await index.upsert([entry('d5', { text: 'phiên bản cũ', version: 2 })]);
      expect(await ids('phien ban moi')).toEqual(['d5']);
      expect(await ids('phien ban cu')).toEqual([]);
      await index.upsert([entry('d5', { text: 'phiên bản mới', version: 3 })]);
      expect(await ids('phien ban moi')).toEqual(['d5']);
    });

    it('removes every entry of a work', async () => {
      await index.upsert([entry('d6', { text: 'tạm thời' })]);
      expect(await ids('tam thoi')).toEqual(['d6']);
      await index.removeWork('d6');
      expect(await ids('tam thoi')).toEqual([]);
    });

    it('splits words the same way on every engine: numbers with dots, abbreviations', async () => {
      await index.upsert([entry('d7', { text: 'Mức 3.5 triệu đồng tại TP.HCM theo Điều 12a.' })]);
      expect(await ids('3.5')).toEqual(['d7']);
      expect(await ids('tp hcm')).toEqual(['d7']);
      expect(await ids('TP.HCM')).toEqual(['d7']);
      expect(await ids('12a')).toEqual(['d7']);
      await index.removeWork('d7');
    });

    it('narrows to whole documents or to units (articles, clauses, points) on request', async () => {
      await index.upsert([
        entry('w8', { title: 'Bộ luật Lao động', text: 'Thời gian thử việc và hợp đồng.' }),
        entry('w8#art_25', { workId: 'w8', kind: 'article', eId: 'art_25', title: 'Thời gian thử việc', text: 'Thời gian thử việc do hai bên thỏa thuận.' }),
        entry('w8#art_25__para_1', { workId: 'w8', kind: 'clause', eId: 'art_25__para_1', title: null, text: 'Không quá 180 ngày thử việc.' }),
      ]);
      expect(await ids('thu viec')).toEqual(['w8', 'w8#art_25', 'w8#art_25__para_1']);
      expect((await index.search({ q: 'thu viec', limit: 10, offset: 0, scope: 'documents' })).hits.map((h) => h.id)).toEqual(['w8']);
      const units = (await index.search({ q: 'thu viec', limit: 10, offset: 0, scope: 'units' })).hits;
      expect(units.map((h) => h.id).sort()).toEqual(['w8#art_25', 'w8#art_25__para_1']);
      expect(units.find((h) => h.id === 'w8#art_25')).toMatchObject({ workId: 'w8', kind: 'article', eId: 'art_25' });
      await index.removeWork('w8');
      expect(await ids('thu viec')).toEqual([]);
    });

    it('filters by date of issue, bounds included', async () => {
      await index.upsert([entry('y1', { text: 'lương hưu', issued: '2014-11-20' }), entry('y2', { text: 'lương hưu', issued: '2024-06-29' })]);
      const within = async (issuedFrom?: string, issuedTo?: string) =>
        (await index.search({ q: 'luong huu', limit: 10, offset: 0, ...(issuedFrom ? { issuedFrom } : {}), ...(issuedTo ? { issuedTo } : {}) })).hits
          .map((h) => h.id)
          .sort();
      expect(await within()).toEqual(['y1', 'y2']);
      expect(await within('2024-01-01', '2024-12-31')).toEqual(['y2']);
      expect(await within(undefined, '2014-11-20')).toEqual(['y1']);
      expect(await within('2014-11-21', '2024-06-28')).toEqual([]);
      await index.removeWork('y1');
      await index.removeWork('y2');
    });

    it('treats query syntax characters as plain text', async () => {
      for (const q of ['"', '(', '*', '\\', 'AND OR NOT', 'lao" OR "x', '{"query":1}', 'dong)', 'NEAR(lao dong)'])
        await expect(index.search({ q, limit: 5, offset: 0 })).resolves.toHaveProperty('total');
      expect(await ids('"lao" (dong)*')).toEqual(['d2', 'd3']);
    });
  });
}
