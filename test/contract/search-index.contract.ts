/** The SearchIndex contract: FTS5 and OpenSearch must agree on what matches. */
import type { BrowseQuery, SearchEntry, SearchIndex, SearchQuery } from '../../domain/ports';
import { rankedPassages } from '../../domain/services/answer';
import { questionTerms } from '../../domain/text/question';

const entry = (id: string, over: Partial<SearchEntry>): SearchEntry => ({
  id,
  workId: id,
  kind: 'document',
  eId: null,
  documentNumber: `${id}/2024/TT`,
  documentType: 'thong_tu',
  title: null,
  documentTitle: null,
  text: '',
  citation: null,
  issuers: ['Bộ Tài chính'],
  issued: '2024-01-01',
  effective: '2024-03-01',
  expiry: null,
  status: 'in_force',
  sectors: [],
  scope: 'central',
  province: null,
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

    describe('filters, facets, sorting, grouping, phrases, exact spelling and autocomplete', () => {
      const q = (extra: Partial<SearchQuery>) => index.search({ q: 'phi truoc ba', limit: 10, offset: 0, ...extra });
      const idsOf = (r: { hits: { id: string }[] }) => r.hits.map((h) => h.id).sort();
      beforeAll(async () => {
        await index.upsert([
          entry('f1', {
            title: 'Nghị quyết về lệ phí trước bạ',
            text: 'Mức thu lệ phí trước bạ tại Hà Nội.',
            documentType: 'nghi_quyet',
            issuers: ['Hội đồng nhân dân thành phố Hà Nội'],
            scope: 'province',
            province: 'Hà Nội',
            issued: '2025-11-26',
            effective: '2026-01-01',
            status: 'not_yet_in_force',
          }),
          entry('f1#art_2', {
            workId: 'f1',
            kind: 'article',
            eId: 'art_2',
            citation: 'Điều 2',
            title: 'Mức thu',
            text: 'Mức thu lệ phí trước bạ đối với ô tô là 12%.',
            documentType: 'nghi_quyet',
            issuers: ['Hội đồng nhân dân thành phố Hà Nội'],
            scope: 'province',
            province: 'Hà Nội',
            issued: '2025-11-26',
            effective: '2026-01-01',
            status: 'not_yet_in_force',
          }),
          entry('f2', {
            title: 'Nghị định về lệ phí trước bạ',
            text: 'Quy định về lệ phí trước bạ trên toàn quốc.',
            documentType: 'nghi_dinh',
            issuers: ['Chính phủ'],
            issued: '2022-01-10',
            effective: '2022-03-01',
            status: 'in_force',
          }),
          entry('f3', {
            title: 'Thông tư hướng dẫn lệ phí trước bạ',
            text: 'Hướng dẫn khai lệ phí trước bạ.',
            issuers: ['Bộ Tài chính'],
            issued: '2016-12-01',
            effective: '2017-01-01',
            expiry: '2022-03-01',
            status: 'expired',
          }),
        ]);
      });
      afterAll(async () => {
        for (const id of ['f1', 'f2', 'f3']) await index.removeWork(id);
      });

      it('filters by issuer and province in any spelling, by status, and by what was in force on a date', async () => {
        expect(idsOf(await q({ issuer: 'CHÍNH PHỦ' }))).toEqual(['f2']);
        expect(idsOf(await q({ issuer: 'hoi dong nhan dan thanh pho ha noi' }))).toEqual(['f1', 'f1#art_2']);
        expect(idsOf(await q({ province: 'Ha Noi' }))).toEqual(['f1', 'f1#art_2']);
        expect(idsOf(await q({ status: 'expired' }))).toEqual(['f3']);
        expect(idsOf(await q({ inForceAt: '2020-06-01' }))).toEqual(['f3']);
        expect(idsOf(await q({ inForceAt: '2022-03-01' }))).toEqual(['f2']);
        expect(idsOf(await q({ inForceAt: '2026-01-01' }))).toEqual(['f1', 'f1#art_2', 'f2']);
      });

      it('counts matching documents (not entries) by type, issuer, status and year', async () => {
        const res = await q({ facets: true });
        expect(res.total).toBe(4);
        expect(res.facets?.type).toEqual(
          expect.arrayContaining([
            { value: 'nghi_quyet', count: 1 },
            { value: 'nghi_dinh', count: 1 },
            { value: 'thong_tu', count: 1 },
          ]),
        );
        expect(res.facets?.issuer).toEqual(expect.arrayContaining([{ value: 'Hội đồng nhân dân thành phố Hà Nội', count: 1 }]));
        expect(res.facets?.status).toEqual(expect.arrayContaining([{ value: 'expired', count: 1 }]));
        expect(res.facets?.year.map((b) => b.value).sort()).toEqual(['2016', '2022', '2025']);
        expect((await q({ facets: true, status: 'in_force' })).facets?.type).toEqual([{ value: 'nghi_dinh', count: 1 }]);
      });

      it('sorts by date of issue, newest first', async () => {
        const res = await q({ sort: 'date', scope: 'documents' });
        expect(res.hits.map((h) => h.id)).toEqual(['f1', 'f2', 'f3']);
      });

      it('groups hits by document, best entries first, paging over documents', async () => {
        const page = await index.searchGrouped({ q: 'muc thu le phi truoc ba', limit: 10, offset: 0 }, 3);
        expect(page.total).toBe(1);
        expect(page.groups).toHaveLength(1);
        expect(page.groups[0]?.workId).toBe('f1');
        expect(page.groups[0]?.hits.map((h) => h.id).sort()).toEqual(['f1', 'f1#art_2']);
        const all = await index.searchGrouped({ q: 'le phi truoc ba', limit: 2, offset: 0, sort: 'date' }, 1);
        expect(all.total).toBe(3);
        expect(all.groups.map((g) => g.workId)).toEqual(['f1', 'f2']);
        expect(all.groups.every((g) => g.hits.length === 1)).toBe(true);
        const next = await index.searchGrouped({ q: 'le phi truoc ba', limit: 2, offset: 2, sort: 'date' }, 1);
        expect(next.groups.map((g) => g.workId)).toEqual(['f3']);
        expect(all.groups[0]?.hits[0]).toMatchObject({ workId: 'f1', issued: '2025-11-26', status: 'not_yet_in_force' });
      });

      it('matches quoted phrases only with their words together and in order', async () => {
        await index.upsert([entry('p1', { text: 'thời hạn sử dụng đất là 50 năm' }), entry('p2', { text: 'sử dụng thời hạn của đất' })]);
        expect(await ids('thoi han su dung dat')).toEqual(['d1', 'p1', 'p2']);
        expect(await ids('"thoi han su dung" dat')).toEqual(['d1', 'p1']);
        expect(await ids('“sử dụng thời hạn”')).toEqual(['p2']);
        await index.removeWork('p1');
        await index.removeWork('p2');
      });

      it('ranks a title spelled exactly as typed (with diacritics) higher; without diacritics both match', async () => {
        await index.upsert([
          entry('x1', { title: 'Lãi suất cho vay', text: 'được điều chỉnh hằng năm' }),
          entry('x2', { title: 'Lại suất cho vay', text: 'được điều chỉnh hằng năm' }),
        ]);
        const ranked = async (text: string) => (await index.search({ q: text, limit: 10, offset: 0 })).hits.map((h) => h.id);
        expect(await ranked('lãi suất cho vay')).toEqual(['x1', 'x2']);
        expect(await ranked('lại suất cho vay')).toEqual(['x2', 'x1']);
        expect((await ranked('lai suat cho vay')).sort()).toEqual(['x1', 'x2']);
        await index.removeWork('x1');
        await index.removeWork('x2');
      });

      it('suggests documents by the start of their number or title', async () => {
        await index.upsert([
          entry('s1', { documentNumber: '59/2020/QH14', documentType: 'luat', title: 'Luật Doanh nghiệp', text: '59/2020/QH14 Luật Doanh nghiệp' }),
          entry('s2', { documentNumber: '59/2015/NĐ-CP', documentType: 'nghi_dinh', title: 'Nghị định về quản lý dự án', text: 'x' }),
          entry('s1#art_1', { workId: 's1', kind: 'article', eId: 'art_1', title: 'Doanh nghiệp 59/2020', text: 'Doanh nghiệp' }),
        ]);
        const suggest = async (p: string) => (await index.suggest(p, 5)).map((s) => s.workId);
        expect(await suggest('59/20')).toEqual(expect.arrayContaining(['s1', 's2']));
        expect(await suggest('59/202')).toEqual(['s1']);
        expect(await suggest('59-2020-qh')).toEqual(['s1']);
        expect(await suggest('luat doanh ng')).toEqual(['s1']);
        expect((await index.suggest('59/2020', 5))[0]).toEqual({
          workId: 's1',
          documentNumber: '59/2020/QH14',
          documentType: 'luat',
          title: 'Luật Doanh nghiệp',
          issued: '2024-01-01',
        });
        expect(await suggest('"(*')).toEqual([]);
        await index.removeWork('s1');
        await index.removeWork('s2');
      });

      it('gives the document entries of named works, filters applied, in the order asked', async () => {
        await index.upsert([
          entry('n1', {
            documentNumber: '45/2019/QH14',
            documentType: 'bo_luat',
            title: 'Bộ luật Lao động',
            text: '45/2019/QH14 Bộ luật Lao động',
            effective: '2021-01-01',
          }),
          entry('n1#art_1', {
            workId: 'n1',
            kind: 'article',
            eId: 'art_1',
            title: 'Phạm vi điều chỉnh',
            text: 'Bộ luật này quy định',
            effective: '2021-01-01',
          }),
          entry('n2', {
            documentNumber: '10/2012/QH13',
            documentType: 'bo_luat',
            title: 'Bộ luật Lao động',
            status: 'expired',
            effective: '2013-05-01',
            expiry: '2021-01-01',
          }),
        ]);
        const ids = async (works: string[], filters = {}) => (await index.documentEntries(works, filters)).map((h) => h.id);
        expect(await ids(['n2', 'n1'])).toEqual(['n2', 'n1']);
        expect(await ids(['n1', 'n2', 'absent'], { status: 'in_force' })).toEqual(['n1']);
        expect(await ids(['n1', 'n2'], { inForceAt: '2020-06-01' })).toEqual(['n2']);
        expect(await ids(['n1', 'n2'], { inForceAt: '2021-01-01' })).toEqual(['n1']);
        expect(await ids(['n1'], { scope: 'units' })).toEqual([]);
        expect(await ids([])).toEqual([]);
        const [hit] = await index.documentEntries(['n1'], {});
        expect(hit).toMatchObject({ id: 'n1', workId: 'n1', kind: 'document', documentNumber: '45/2019/QH14', title: 'Bộ luật Lao động', status: 'in_force' });
        expect(hit?.text).toContain('Bộ luật Lao động');
        await index.removeWork('n1');
        await index.removeWork('n2');
      });
    });

    describe('browse: documents without a query, with the search filters and facets (issue 21)', () => {
      const ISSUER = 'Bộ Kiểm thử Duyệt';
      const doc = (id: string, over: Partial<SearchEntry>) => entry(id, { issuers: [ISSUER], text: 'duyệt văn bản', ...over });
      beforeAll(async () => {
        await index.upsert([
          doc('b1', { documentType: 'luat', issued: '2024-05-01', effective: '2025-01-01', status: 'in_force', sectors: ['20', '2'] }),
          doc('b2', { issued: '2025-03-01', effective: '2025-07-01', status: 'not_yet_in_force', sectors: ['20'] }),
          // A unit entry is never a browsed document.
          doc('b2#art_1', { workId: 'b2', kind: 'article', eId: 'art_1', issued: '2025-03-01', effective: '2025-07-01', sectors: ['20'] }),
          doc('b3', { issued: '2025-03-01', effective: '2020-01-01', expiry: '2025-07-15', status: 'expired', sectors: ['6'] }),
          doc('b4', { documentType: 'nghi_dinh', issued: null, effective: null, status: 'unknown', sectors: [] }),
          doc('b5', { documentType: 'nghi_dinh', issued: '2019-01-01', effective: '2019-02-01', expiry: '2025-07-01', status: 'expired', sectors: ['20'] }),
        ]);
      });
      afterAll(async () => {
        for (const id of ['b1', 'b2', 'b3', 'b4', 'b5']) await index.removeWork(id);
      });

      /** Every page, `limit` at a time: the ids in order and each page's total. */
      const pages = async (extra: Partial<BrowseQuery>, limit = 2) => {
        const ids: string[] = [];
        const totals = new Set<number>();
        let after: BrowseQuery['after'];
        for (let i = 0; i < 10; i++) {
          const res = await index.browse({ issuer: ISSUER, sort: 'id', limit, ...extra, ...(after ? { after } : {}) });
          ids.push(...res.hits.map((h) => h.workId));
          totals.add(res.total);
          if (!res.next) break;
          after = res.next;
        }
        return { ids, totals: [...totals] };
      };

      it('lists document entries only, by id, paged by keys, with the total on every page', async () => {
        expect(await pages({})).toEqual({ ids: ['b1', 'b2', 'b3', 'b4', 'b5'], totals: [5] });
        const [first] = (await index.browse({ issuer: ISSUER, sort: 'id', limit: 1 })).hits;
        expect(first).toEqual({
          workId: 'b1',
          documentNumber: 'b1/2024/TT',
          documentType: 'luat',
          title: null,
          issued: '2024-05-01',
          effective: '2025-01-01',
          expiry: null,
          status: 'in_force',
        });
      });

      it('sorts by date of issue (newest first), or by start or end of validity (soonest first); missing dates last, ties by id', async () => {
        expect((await pages({ sort: 'date' })).ids).toEqual(['b2', 'b3', 'b1', 'b5', 'b4']);
        expect((await pages({ sort: 'effective' })).ids).toEqual(['b5', 'b3', 'b1', 'b2', 'b4']);
        expect((await pages({ sort: 'expiry' })).ids).toEqual(['b5', 'b3', 'b1', 'b2', 'b4']);
        expect((await pages({ sort: 'expiry' }, 1)).ids).toEqual(['b5', 'b3', 'b1', 'b2', 'b4']);
        expect((await pages({ sort: 'date' }, 3)).totals).toEqual([5]);
      });

      it('takes the search filters, and windows of the start and the end of validity', async () => {
        expect((await pages({ sector: '20' })).ids).toEqual(['b1', 'b2', 'b5']);
        expect((await pages({ type: 'nghi_dinh' })).ids).toEqual(['b4', 'b5']);
        expect((await pages({ inForceAt: '2025-07-05' })).ids).toEqual(['b1', 'b2', 'b3']);
        expect((await pages({ issuedFrom: '2025-01-01', issuedTo: '2025-12-31', sort: 'date' })).ids).toEqual(['b2', 'b3']);
        expect((await pages({ effectiveFrom: '2025-01-01', effectiveTo: '2025-07-01', sort: 'effective' })).ids).toEqual(['b1', 'b2']);
        expect((await pages({ expiryFrom: '2025-07-01', expiryTo: '2025-07-14' })).ids).toEqual(['b5']);
        expect((await pages({ expiryFrom: '2025-07-02' })).ids).toEqual(['b3']);
        expect((await pages({ status: 'expired', sector: '6' })).ids).toEqual(['b3']);
        expect(await pages({ sector: 'none' })).toEqual({ ids: [], totals: [0] });
        // The windows are search filters too.
        const found = await index.search({ q: 'duyet van ban', limit: 10, offset: 0, issuer: ISSUER, effectiveFrom: '2025-01-01', scope: 'documents' });
        expect(found.hits.map((h) => h.id).sort()).toEqual(['b1', 'b2']);
      });

      it('counts documents by type, issuer, status, year and sector: the search facets for the same filters, on every page', async () => {
        const first = await index.browse({ issuer: ISSUER, sort: 'date', limit: 2, facets: true });
        expect(first.total).toBe(5);
        expect(first.facets).toEqual({
          type: [
            { value: 'nghi_dinh', count: 2 },
            { value: 'thong_tu', count: 2 },
            { value: 'luat', count: 1 },
          ],
          issuer: [{ value: ISSUER, count: 5 }],
          status: [
            { value: 'expired', count: 2 },
            { value: 'in_force', count: 1 },
            { value: 'not_yet_in_force', count: 1 },
            { value: 'unknown', count: 1 },
          ],
          year: [
            { value: '2025', count: 2 },
            { value: '2019', count: 1 },
            { value: '2024', count: 1 },
          ],
          sector: [
            { value: '20', count: 3 },
            { value: '2', count: 1 },
            { value: '6', count: 1 },
          ],
        });
        const second = await index.browse({ issuer: ISSUER, sort: 'date', limit: 2, facets: true, ...(first.next ? { after: first.next } : {}) });
        expect(second.hits.map((h) => h.workId)).toEqual(['b1', 'b5']);
        expect({ total: second.total, facets: second.facets }).toEqual({ total: first.total, facets: first.facets });
        for (const filters of [{}, { sector: '20' }, { inForceAt: '2025-07-05' }, { status: 'expired' }]) {
          const b = await index.browse({ issuer: ISSUER, sort: 'id', limit: 1, facets: true, ...filters });
          const s = await index.search({ q: 'duyet van ban', limit: 1, offset: 0, issuer: ISSUER, scope: 'documents', facets: true, ...filters });
          const { sector: _sector, ...four } = b.facets ?? { sector: [] };
          expect({ filters, total: b.total, facets: four }).toEqual({ filters, total: s.total, facets: s.facets });
          expect(s.facets).not.toHaveProperty('sector');
        }
      });
    });

    describe('questions: units and codified articles by bm25 over passage terms (docs/adr/0016)', () => {
      const KARAOKE = 'Cơ quan có thẩm quyền cấp Giấy phép đủ điều kiện kinh doanh dịch vụ karaoke là Sở Văn hóa, Thể thao và Du lịch.';
      beforeAll(async () => {
        await index.upsert([
          entry('q1#art_9', { workId: 'q1', kind: 'article', eId: 'art_9', title: 'Thẩm quyền cấp giấy phép kinh doanh karaoke', text: KARAOKE }),
          entry('q1#art_10', {
            workId: 'q1',
            kind: 'article',
            eId: 'art_10',
            title: 'Giấy phép lái xe',
            text: 'Người có giấy phép lái xe hạng A1 được điều khiển xe mô tô.',
          }),
          // A whole document holding the same words is never a question's candidate.
          entry('q1', { workId: 'q1', kind: 'document', title: 'Nghị định về karaoke', text: `${KARAOKE} Giấy phép lái xe.` }),
          entry('phapdien#9.9#9.9.LQ.1', {
            workId: 'phapdien/9.9',
            kind: 'codified',
            eId: '9.9.LQ.1',
            title: 'Thời hiệu khởi kiện',
            text: 'Thời hiệu khởi kiện vụ án dân sự là 03 năm, kể từ ngày người có quyền yêu cầu biết quyền bị xâm phạm.',
          }),
          entry('q2#art_1', {
            workId: 'q2',
            kind: 'article',
            eId: 'art_1',
            title: 'Thời hiệu khởi kiện (cũ)',
            text: 'Thời hiệu khởi kiện là 02 năm.',
            effective: '2010-01-01',
            expiry: '2017-01-01',
            status: 'expired',
          }),
        ]);
      });
      // The engine's candidates ranked by the domain (domain/services/answer.ts): the same on every engine.
      const ask = (q: string, extra: { inForceAt?: string; limit?: number } = {}) =>
        rankedPassages({ search: index }, q, extra.limit ?? 10, extra.inForceAt ? { inForceAt: extra.inForceAt } : {});

      it('gives the statistics the ranking needs: passages (units and codified articles), their length, each term’s count', async () => {
        const t = questionTerms('thời hiệu khởi kiện karaoke');
        const { hits, stats } = await index.passages({ terms: [...t.words, ...t.pairs, 'xyzw'], limit: 10 });
        expect(hits.length).toBeGreaterThan(0);
        expect(stats.df.get('thoi_hieu')).toBe(2);
        expect(stats.df.get('karaoke')).toBe(1);
        expect(stats.df.get('xyzw') ?? 0).toBe(0);
        expect(stats.rows).toBeGreaterThanOrEqual(4);
        expect(stats.avgdl).toBeGreaterThan(10);
      });

      it('answers a question with the unit that says it, never with a whole document, with or without diacritics', async () => {
        for (const q of ['Cơ quan nào có thẩm quyền cấp giấy phép kinh doanh karaoke?', 'co quan nao co tham quyen cap giay phep kinh doanh karaoke'])
          expect((await ask(q)).map((h) => h.id)[0]).toBe('q1#art_9');
        const all = await ask('giấy phép karaoke lái xe');
        expect(all.every((h) => h.kind !== 'document')).toBe(true);
        expect(all.map((h) => h.id)).toEqual(expect.arrayContaining(['q1#art_9', 'q1#art_10']));
      });

      it('needs any term, not every term, and returns the text and metadata with a score', async () => {
        const [hit] = await ask('thời hiệu khởi kiện vụ án dân sự là bao lâu kể cả khi đương sự ở nước ngoài?', { limit: 1 });
        expect(hit).toMatchObject({ id: 'phapdien#9.9#9.9.LQ.1', kind: 'codified', eId: '9.9.LQ.1', title: 'Thời hiệu khởi kiện' });
        expect(hit?.text).toContain('03 năm');
        expect(hit?.score).toBeGreaterThan(0);
        expect(await ask('xyzw qqqq, zzkk')).toEqual([]);
      });

      it('takes the search filters: in force at a date', async () => {
        expect((await ask('thoi hieu khoi kien')).map((h) => h.id)).toEqual(expect.arrayContaining(['phapdien#9.9#9.9.LQ.1', 'q2#art_1']));
        const inForce = (await ask('thoi hieu khoi kien', { inForceAt: '2024-06-01' })).map((h) => h.id);
        expect(inForce).toContain('phapdien#9.9#9.9.LQ.1');
        expect(inForce).not.toContain('q2#art_1');
      });

      it('follows the entries: a new version replaces the old terms, a removed work leaves nothing', async () => {
        const stats = async () => (await index.passages({ terms: ['thoi_hieu', 'trong_giu'], limit: 1 })).stats;
        const before = await stats();
        await index.upsert([
          entry('q2#art_1', { workId: 'q2', kind: 'article', eId: 'art_1', title: 'Phí trông giữ xe', text: 'Mức phí trông giữ xe đạp.', version: 2 }),
        ]);
        expect((await ask('thoi hieu khoi kien')).map((h) => h.id)).not.toContain('q2#art_1');
        expect((await ask('phi trong giu xe dap')).map((h) => h.id)[0]).toBe('q2#art_1');
        // The statistics follow: the same number of passages, the old pair one passage fewer, the new one more.
        const updated = await stats();
        expect(updated.rows).toBe(before.rows);
        expect(updated.df.get('thoi_hieu')).toBe((before.df.get('thoi_hieu') ?? 0) - 1);
        expect(updated.df.get('trong_giu')).toBe((before.df.get('trong_giu') ?? 0) + 1);
        await index.removeWork('q2');
        const removed = await stats();
        expect(removed.rows).toBe(before.rows - 1);
        expect(removed.df.get('trong_giu') ?? 0).toBe(before.df.get('trong_giu') ?? 0);
        expect((await ask('phi trong giu xe dap')).map((h) => h.id)).not.toContain('q2#art_1');
      });
    });
  });
}
