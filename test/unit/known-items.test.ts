/**
 * Known items (domain/services/known-items.ts): what a query names — a number in any spelling, or a title with its
 * year — and the page cut with the named documents first, each once, on every page.
 */
import { depthWithNamed, documentNameOf, pageWithNamed } from '../../domain/services/known-items';

describe('what a query names', () => {
  it('reads a number with its year, in any case, with or without diacritics, with slashes or dashes, inside words', () => {
    expect(documentNameOf('45/2019/QH14')).toEqual({ number: ['45', '2019', 'qh14'], title: null, year: null });
    expect(documentNameOf('12/2022/nđ-cp')).toEqual({ number: ['12', '2022', 'nd', 'cp'], title: null, year: null });
    expect(documentNameOf('59-2020-qh14')).toEqual({ number: ['59', '2020', 'qh14'], title: null, year: null });
    expect(documentNameOf('Nghị định 38/2022/NĐ-CP về lương tối thiểu')?.number).toEqual(['38', '2022', 'nd', 'cp']);
    expect(documentNameOf('Nghị quyết 51/2025/NQ-HĐND')?.number).toEqual(['51', '2025', 'nq', 'hdnd']);
  });

  it('reads a title with the year typed after it, or a title alone', () => {
    expect(documentNameOf('bo luat hinh su 2015')).toEqual({ number: null, title: ['bo', 'luat', 'hinh', 'su'], year: '2015' });
    expect(documentNameOf('Luật Doanh nghiệp 2020')).toEqual({ number: null, title: ['luat', 'doanh', 'nghiep'], year: '2020' });
    expect(documentNameOf('Bộ luật Lao động')).toEqual({ number: null, title: ['bo', 'luat', 'lao', 'dong'], year: null });
  });

  it('names nothing in a date, a number without its year, two numbers, one word or a long question', () => {
    expect(documentNameOf('ngày 27/11/2015')?.number ?? null).toBeNull();
    expect(documentNameOf('Quyết định 123/QĐ-TTg')?.number ?? null).toBeNull();
    expect(documentNameOf('45/2019/QH14 và 10/2012/QH13')).toBeNull();
    expect(documentNameOf('karaoke')).toBeNull();
    expect(documentNameOf('2019')).toBeNull();
    expect(
      documentNameOf('Cơ quan nào có thẩm quyền cấp giấy phép kinh doanh dịch vụ karaoke cho hộ kinh doanh tại thành phố trực thuộc trung ương theo quy định'),
    ).toBeNull();
  });
});

describe('a page with the named documents first', () => {
  const ranked = ['a', 'b', 'n', 'c', 'd', 'e'].map((id, i) => ({ id, score: 10 - i }));
  const named = [{ id: 'n', score: 0.3 }];
  const page = (offset: number, limit: number) => pageWithNamed(ranked, named, (h) => h.id, offset, limit).map((h) => `${h.id}:${h.score}`);

  it('reads the ranked list from the top, through the page and as many more as were named', () => {
    expect(depthWithNamed(20, 10, 0)).toEqual({ offset: 20, limit: 10 });
    expect(depthWithNamed(20, 10, 2)).toEqual({ offset: 0, limit: 32 });
  });

  it('puts them first with the best score, and never shows a hit twice or drops one between pages', () => {
    expect(page(0, 3)).toEqual(['n:10', 'a:10', 'b:9']);
    expect(page(3, 3)).toEqual(['c:7', 'd:6', 'e:5']);
    expect(pageWithNamed(ranked, [], (h) => h.id, 0, 3)).toBe(ranked);
  });

  it('joins a named item with its ranked twin', () => {
    const merged = pageWithNamed(
      ranked,
      named,
      (h) => h.id,
      0,
      1,
      (n, twin) => ({ ...n, id: `${n.id}+${twin?.id ?? 'none'}` }),
    );
    expect(merged.map((h) => h.id)).toEqual(['n+n']);
  });
});
