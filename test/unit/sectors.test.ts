/** The sector catalogue (from the Bộ pháp điển tree), suggestions with their evidence, and filing. */
import { readFileSync } from 'node:fs';
import { parseTree } from '../../domain/codify/export';
import { filedSectors, SECTORS, sectorByCode, sectorTerms, suggestSectors, topSuggestions, unknownSectorCodes } from '../../domain/sectors';
import { PHAPDIEN_TREE } from '../support/fixtures';

const TREE = PHAPDIEN_TREE;

describe('the catalogue', () => {
  it('has the 45 chủ đề, numbered 1–45, with stable codes and Vietnamese names', () => {
    expect(SECTORS.map((s) => s.number)).toEqual(Array.from({ length: 45 }, (_, i) => i + 1));
    expect(SECTORS.every((s) => s.code === String(s.number) && s.name.trim() !== '')).toBe(true);
    expect(sectorByCode('20')?.name).toBe('Lao động');
    expect(sectorByCode('2')?.headings.map((h) => h.title)).toEqual(['Bảo hiểm xã hội', 'Bảo hiểm y tế', 'Kinh doanh bảo hiểm']);
    expect(unknownSectorCodes(['20', '46', 'x'])).toEqual(['46', 'x']);
  });

  it('matches the tree.json it was generated from (names the tree gives; đề mục without the withdrawn ones)', () => {
    const { topics, headings } = parseTree(readFileSync(TREE, 'utf8'));
    for (const t of topics) expect([t.number, sectorByCode(String(t.number))?.name]).toEqual([t.number, t.title]);
    // The three chủ đề the tree does not name take their only đề mục's title, and say so.
    expect(SECTORS.filter((s) => s.nameFrom === 'heading').map((s) => [s.code, s.name])).toEqual([
      ['10', 'Công tác dân tộc'],
      ['11', 'Đất đai'],
      ['29', 'Thi đua, khen thưởng'],
    ]);
    const live = headings.filter((h) => h.id && h.title && !h.title.endsWith('(loại bỏ)'));
    expect(SECTORS.reduce((n, s) => n + s.headings.length, 0)).toBe(live.length);
  });

  it('recognises a sector by its name, its parts and its đề mục, never by a one-word name', () => {
    const terms = sectorTerms(sectorByCode('33')!).map((t) => t.term);
    expect(terms).toEqual(expect.arrayContaining(['Thuế, phí, lệ phí, các khoản thu khác', 'lệ phí', 'Quản lý thuế']));
    expect(terms).not.toContain('Thuế');
    expect(sectorTerms(sectorByCode('36')!).map((t) => t.term)).not.toContain('xã hội');
  });
});

describe('suggestSectors', () => {
  it('ranks codified evidence first, counting each codified article of the document once', () => {
    const s = suggestSectors({
      title: 'Thông tư hướng dẫn',
      text: 'Ngân sách nhà nước bảo đảm kinh phí.',
      codified: [
        { topic: 20, code: '20.5.LQ.42' },
        { topic: 20, code: '20.5.LQ.43' },
        { topic: 20, code: '20.5.LQ.43' },
        { topic: 2, code: '2.2.LQ.1' },
      ],
    });
    expect(s.map((x) => x.code).slice(0, 2)).toEqual(['20', '2']);
    expect(s[0]?.evidence[0]).toEqual({ kind: 'codified', count: 2, articles: ['20.5.LQ.42', '20.5.LQ.43'] });
    expect(s.find((x) => x.code === '26')?.evidence).toEqual([{ kind: 'keyword', term: 'Ngân sách nhà nước', where: 'text', count: 1 }]);
  });

  it('finds names in the title and text without case or diacritics, as whole words', () => {
    const s = suggestSectors({ title: 'LUAT BAO HIEM XA HOI', text: 'bảo hiểm xã hội bắt buộc; bảo hiểm xã hội tự nguyện', codified: [] });
    expect(s[0]?.code).toBe('2');
    expect(s[0]?.evidence).toEqual(
      expect.arrayContaining([
        { kind: 'keyword', term: 'Bảo hiểm xã hội', where: 'title', count: 1 },
        { kind: 'keyword', term: 'Bảo hiểm xã hội', where: 'text', count: 2 },
      ]),
    );
    // "lao động" inside "laođộng" or split across other words is not a match.
    expect(suggestSectors({ title: null, text: 'laođộng lao-xđộng', codified: [] }).find((x) => x.code === '20')).toBeUndefined();
  });

  it('suggests nothing for a text with no evidence, and files nothing then', () => {
    const s = suggestSectors({ title: 'Về việc', text: 'Điều 1. Quyết định này có hiệu lực.', codified: [] });
    expect(s).toEqual([]);
    expect(topSuggestions(s)).toEqual([]);
  });

  it('files a work under the reviewer’s sectors when confirmed, else the top suggestions close to the best', () => {
    const suggestions = [
      { code: '20', name: 'Lao động', score: 40, evidence: [] },
      { code: '6', name: 'Chính sách xã hội', score: 30, evidence: [] },
      { code: '26', name: 'Tài chính', score: 10, evidence: [] },
    ];
    expect(filedSectors({}, suggestions)).toEqual({ codes: ['20', '6'], confirmed: false });
    expect(filedSectors({ sectors: { codes: ['6'], confirmedBy: 'r', confirmedAt: '2026-01-01T00:00:00Z', reason: 'xác nhận' } }, suggestions)).toEqual({
      codes: ['6'],
      confirmed: true,
    });
  });
});
