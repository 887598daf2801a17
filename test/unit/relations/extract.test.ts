/** Relations read from real corpus texts (test/fixtures/corpus, byte-for-byte copies of the development corpus). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseDocument } from '../../../domain/parse/parse';
import { citationGroups, tailCitations } from '../../../domain/relations/citations';
import { extractRelations, placeholdersFor } from '../../../domain/relations/extract';
import type { Relation } from '../../../domain/relations/types';
import { CORPUS_DIR, relationsOf } from './corpus-helpers';

const short = (r: Relation) => [r.type, r.target.number, r.target.eId ?? null, r.effectiveFrom];

describe('unit citations', () => {
  it('reads clauses, points and lists of articles, smallest unit first', () => {
    const [g] = citationGroups('Mục 3 Chương III, khoản 4 Điều 84, điểm b khoản 1 và điểm a khoản 2 Điều 86, các điều 104, 105 và 117');
    expect(g?.eIds).toEqual(['chp_III__sec_3', 'art_84__para_4', 'art_86__para_1__point_b', 'art_86__para_2__point_a', 'art_104', 'art_105', 'art_117']);
    expect(citationGroups('Khoản 2 và khoản 5 Điều 3')[0]?.eIds).toEqual(['art_3__para_2', 'art_3__para_5']);
    expect(citationGroups('điểm đ khoản 7 Điều 2')[0]?.eIds).toEqual(['art_2__para_7__point_dd']);
  });

  it('does not read "khoản 2 Điều này" as a citation of another document', () => {
    expect(citationGroups('theo quy định tại khoản 2 Điều này')).toEqual([]);
  });

  it('takes the units right before the named document', () => {
    expect(tailCitations('Khoản 2 Điều 3; các khoản 1, 3 Điều 7 và khoản 2 Điều 8 của ')).toEqual([
      'art_3__para_2',
      'art_7__para_1',
      'art_7__para_3',
      'art_8__para_2',
    ]);
    expect(tailCitations('quy định về tuổi nghỉ hưu. Phụ lục III ban hành kèm theo ')).toEqual(['app_III']);
  });
});

describe('extractRelations on the corpus', () => {
  it('69/2020/QH14 replaces the law it says expires (72/2006/QH11) from its own effective date', () => {
    const { relations } = relationsOf('69-2020-QH14.txt');
    const ends = relations.filter((r) => r.type === 'replaces' || r.type === 'repeals');
    expect(ends.map(short)).toEqual([['replaces', '72/2006/QH11', null, '2022-01-01']]);
    expect(ends[0]?.source).toEqual({ workId: '69-2020-QH14', number: '69/2020/QH14', eId: 'art_73__para_2' });
    expect(ends[0]?.evidence.text).toMatch(/hết hiệu lực kể từ ngày Luật này có hiệu lực thi hành/u);
    // The text does not touch 58/2014/QH13: that law is ended by 41/2024/QH15 (below).
    expect(relations.some((r) => r.target.number === '58/2014/QH13')).toBe(false);
  });

  it('41/2024/QH15 replaces 58/2014/QH13 and repeals 93/2015/QH13 from 2025-07-01, not the laws that amended 58/2014', () => {
    const { relations } = relationsOf('41-2024-QH15.txt');
    const ends = relations.filter((r) => (r.type === 'replaces' || r.type === 'repeals') && !r.target.eId);
    expect(ends.map(short)).toEqual([
      ['replaces', '58/2014/QH13', null, '2025-07-01'],
      ['repeals', '93/2015/QH13', null, '2025-07-01'],
    ]);
    expect(relations.find((r) => r.target.number === '45/2019/QH14')?.type).toBe('cites');
    // Điều 139: amendments of other laws, down to the unit.
    expect(relations.filter((r) => r.type === 'amends' && r.target.number === '84/2015/QH13').map((r) => r.target.eId)).toEqual([
      'art_42__para_7',
      'art_43__para_1',
      'art_44__para_2__point_b',
      'art_49__para_3',
      'art_49__para_5',
      'art_53__para_3',
    ]);
    expect(relations.filter((r) => r.target.number === '39/2009/QH12').map(short)).toEqual([['repeals', '39/2009/QH12', 'art_17__para_2', '2025-07-01']]);
  });

  it('84/2015/QH13 ends units of 58/2014/QH13 (partial expiry at unit level)', () => {
    const { relations } = relationsOf('84-2015-QH13.txt');
    const units = relations.filter((r) => r.type === 'repeals' && r.target.number === '58/2014/QH13').map((r) => r.target.eId);
    expect(units).toEqual([
      'chp_III__sec_3',
      'art_84__para_4',
      'art_86__para_1__point_b',
      'art_86__para_2__point_a',
      'art_104',
      'art_105',
      'art_106',
      'art_107',
      'art_116',
      'art_117',
    ]);
    expect(relations.find((r) => r.type === 'repeals')?.effectiveFrom).toBe('2016-07-01');
  });

  it('26/2012/QH13 amends 04/2007/QH12 unit by unit (the amending text has no quotes)', () => {
    const { relations } = relationsOf('26-2012-QH13.txt', { number: '26/2012/QH13', id: '26-2012-QH13' });
    const amends = relations.filter((r) => r.type === 'amends');
    expect(amends.every((r) => r.target.number === '04/2007/QH12' && r.target.workId === '04-2007-QH12' && r.effectiveFrom === '2013-07-01')).toBe(true);
    expect(amends.map((r) => r.target.eId)).toEqual([
      'art_3__para_2',
      'art_3__para_5',
      'art_4__para_10',
      'art_7__para_1__point_c',
      'art_19__para_1',
      'art_21__para_1',
      'art_24',
    ]);
  });

  it('02/2023/TT-BLĐTBXH amends Điều 1 of 09/2022/TT-BLĐTBXH and does not claim to guide it', () => {
    const { relations } = relationsOf('02-2023-TT-BLDTBXH.txt');
    expect(relations.filter((r) => r.type !== 'legal_basis' && r.type !== 'cites').map(short)).toEqual([
      ['amends', '09/2022/TT-BLĐTBXH', 'art_1', '2023-06-01'],
    ]);
    expect(relations.find((r) => r.type === 'amends')?.target.workId).toBe('09-2022-TT-BLDTBXH');
  });

  it('reads the căn cứ of a decree as legal bases, and what it details', () => {
    const { relations } = relationsOf('158-2025-ND-CP.txt');
    const bases = relations.filter((r) => r.type === 'legal_basis');
    expect(bases.length).toBeGreaterThanOrEqual(3);
    expect(bases.every((r) => r.origin === 'extracted' && r.evidence.line > 0)).toBe(true);
    expect(bases.map((r) => r.target.text).join(' | ')).toMatch(/Luật Bảo hiểm xã hội/u);
    const details = relations.filter((r) => r.type === 'details');
    expect(details.map((r) => r.target.text).join(' ')).toMatch(/Luật Bảo hiểm xã hội/u);
    // Điều 44: a list of decrees and units that expire, some at unit level.
    expect(relations.filter((r) => r.target.number === '135/2020/NĐ-CP').map((r) => r.target.eId)).toEqual(
      expect.arrayContaining(['art_3__para_2', 'art_7__para_1', 'art_7__para_3', 'art_8__para_2']),
    );
    expect(relations.find((r) => r.target.number === '115/2015/NĐ-CP')).toMatchObject({ type: 'repeals', effectiveFrom: '2025-07-01' });
    // "b) Bỏ khoản 2 Điều 4." of 58/2020/NĐ-CP, whose number Điều 43 named two lines above.
    expect(relations.find((r) => r.type === 'repeals' && r.target.number === '58/2020/NĐ-CP')?.target.eId).toBe('art_4__para_2');
  });

  it('the consolidated text 1676/VBHN-BLĐTBXH consolidates the original and its amendment, and nothing else', () => {
    const { relations } = relationsOf('1676-VBHN-BLDTBXH.txt');
    expect(relations.filter((r) => r.type === 'consolidates').map((r) => [r.target.number, r.target.workId])).toEqual([
      ['09/2022/TT-BLĐTBXH', '09-2022-TT-BLDTBXH'],
      ['02/2023/TT-BLĐTBXH', '02-2023-TT-BLDTBXH'],
    ]);
    expect(relations.filter((r) => !['consolidates', 'cites'].includes(r.type))).toEqual([]);
  });

  it('169/QĐ-BLĐTBXH: each row of the list announces an expiry with its date and reason', () => {
    const { relations, diagnostics } = relationsOf('169-QD-BLDTBXH.txt');
    const ann = relations.filter((r) => r.type === 'announces');
    const whole = ann.filter((r) => !r.target.eId && !r.partial);
    expect(whole).toHaveLength(13);
    expect(whole.find((r) => r.target.number === '09/2022/TT-BLĐTBXH')).toMatchObject({
      effectiveFrom: '2024-06-05',
      target: { workId: '09-2022-TT-BLDTBXH' },
    });
    expect(whole.find((r) => r.target.number === '09/2022/TT-BLĐTBXH')?.note).toMatch(/^Được bãi bỏ bởi Thông tư số 03\/2024\/TT-BLĐTBXH/u);
    expect(whole.find((r) => r.target.number === '38/2022/NĐ-CP')?.effectiveFrom).toBe('2024-07-01');
    // Part B: documents expired in part, with the units the list names.
    const f3 = ann.filter((r) => r.target.number === '21/2021/TT-BLĐTBXH');
    expect(f3.map((r) => r.target.eId)).toEqual(expect.arrayContaining(['art_3__para_3', 'art_3__para_5', 'art_4', 'art_5', 'art_7', 'app_II']));
    expect(f3.every((r) => r.effectiveFrom === '2024-05-15')).toBe(true);
    // The list's own totals: "Tổng số văn bản hết hiệu lực toàn bộ: 13 văn bản", "... một phần: 21 văn bản".
    const rows = new Set(ann.map((r) => r.evidence.line));
    expect(rows.size).toBe(13 + 21);
    expect(diagnostics.filter((d) => d.code.startsWith('relations.list'))).toEqual([]);
    // The listed documents are not also counted as mere citations.
    expect(relations.some((r) => r.type === 'cites' && r.target.number === '09/2022/TT-BLĐTBXH')).toBe(false);
  });

  it('81/2025/QĐ-UBND (Đà Nẵng) repeals three decisions whole, reading local numbers with the province', () => {
    const { relations } = relationsOf('81-2025-QD-UBND-DaNang.txt');
    const rep = relations.filter((r) => r.type === 'repeals');
    expect(rep.map((r) => [r.target.workId, r.partial ?? false, r.effectiveFrom])).toEqual([
      ['55-2014-QD-UBND-DaNang', false, '2025-11-27'],
      ['24-2019-QD-UBND-DaNang', false, '2025-11-27'],
      ['08-2023-QD-UBND-DaNang', false, '2025-11-27'],
    ]);
  });

  it('04/2007/QH12 repeals a law named by its date only, and only part of another', () => {
    const { relations } = relationsOf('04-2007-QH12.txt');
    const rep = relations.filter((r) => r.type === 'repeals');
    expect(rep.map((r) => [r.target.number, r.target.date, r.partial ?? false])).toEqual([
      ['35/2001/PL-UBTVQH10', null, false],
      [null, '1994-06-22', false],
      ['09/2003/QH11', null, true],
    ]);
  });

  it('cites each other numbered document once, and gives placeholders for documents not in the database', () => {
    const { relations } = relationsOf('41-2024-QH15.txt');
    const cites = relations.filter((r) => r.type === 'cites');
    const keys = cites.map((r) => r.target.workId);
    expect(new Set(keys).size).toBe(keys.length);
    expect(cites.some((r) => r.target.number === '41/2024/QH15')).toBe(false);
    const ph = placeholdersFor(relations, new Set(['84-2015-QH13']));
    expect(ph.find((p) => p.id === '58-2014-QH13')).toEqual({ id: '58-2014-QH13', number: '58/2014/QH13', type: 'luat', issuer: null });
    expect(ph.some((p) => p.id === '84-2015-QH13')).toBe(false);
  });
});

describe('instructions not found in the corpus', () => {
  const work = { id: '1-2026-QD-TTg', number: '1/2026/QĐ-TTg', type: 'quyet_dinh' as const, issued: '2026-01-02', effective: '2026-01-02' };
  const doc = (body: string) =>
    parseDocument(`THỦ TƯỚNG CHÍNH PHỦ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 1/2026/QĐ-TTg\nHà Nội, ngày 02 tháng 01 năm 2026\nQUYẾT ĐỊNH\n${body}\n`);

  it('reads a suspension with its interval', () => {
    const { relations } = extractRelations(
      work,
      doc(
        'Điều 1. Ngưng hiệu lực Quyết định số 15/2025/QĐ-UBND ngày 03 tháng 3 năm 2025 của Ủy ban nhân dân tỉnh A từ ngày 10 tháng 01 năm 2026 đến hết ngày 30 tháng 6 năm 2026.\nĐiều 2. Quyết định này có hiệu lực kể từ ngày ký.',
      ),
    );
    expect(relations.find((r) => r.type === 'suspends')).toMatchObject({
      effectiveFrom: '2026-01-10',
      effectiveTo: '2026-07-01',
      target: { number: '15/2025/QĐ-UBND' },
    });
  });

  it('reads an annulment (đình chỉ) of a unit', () => {
    const { relations } = extractRelations(work, doc('Điều 1. Đình chỉ việc thi hành khoản 2 Điều 5 của Nghị quyết số 20/2025/NQ-HĐND.\nĐiều 2. Hiệu lực.'));
    expect(relations.find((r) => r.type === 'annuls')).toMatchObject({ target: { number: '20/2025/NQ-HĐND', eId: 'art_5__para_2' } });
  });
});

describe('robustness', () => {
  it('never throws on mutated corpus texts', () => {
    const base = readFileSync(join(CORPUS_DIR, '26-2012-QH13.txt'), 'utf8');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: base.length }), fc.integer({ min: 0, max: 400 }), fc.string({ maxLength: 60 }), (at, del, ins) => {
        const text = base.slice(0, at) + ins + base.slice(at + del);
        const p = parseDocument(text);
        const r = extractRelations({ id: 'x', number: p.metadata.number, type: p.metadata.type, issued: p.metadata.issued, effective: null }, p);
        return Array.isArray(r.relations) && Array.isArray(r.diagnostics);
      }),
      { numRuns: 40 },
    );
  });

  it('runs in well under a second on a 1 MB single line', () => {
    const unit = 'Bãi bỏ khoản 2 Điều 5 của Luật số 1/2020/QH14, Nghị định ';
    const line = `Điều 1. ${unit.repeat(Math.ceil(1_000_000 / unit.length))}`;
    const p = parseDocument(`LUẬT\n${line}\n`);
    const t0 = Date.now();
    extractRelations({ id: 'x', number: null, type: 'luat', issued: null, effective: null }, p);
    expect(Date.now() - t0).toBeLessThan(1000);
  });
});
