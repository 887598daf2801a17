/** Legal bases, consolidated sources and signers read from real texts. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { effectiveDate } from '../../domain/parse/effective';
import { parseDocument } from '../../domain/parse/parse';
import { findReferences } from '../../domain/parse/references';
import { SAMPLE_DIR } from '../support/fixtures';

const FIXTURES = join(__dirname, '..', 'fixtures', 'corpus');

const parse = (f: string) => {
  const t = readFileSync(join(SAMPLE_DIR, f), 'utf8');
  return parseDocument(t, /\*\*[^*\n]+\*\*/.test(t.slice(0, 20000)) ? 'markdown' : 'text').metadata;
};

describe('references', () => {
  it('reads type, number, date and issuer of each căn cứ', () => {
    const m = parse('09-2022-TT-BLDTBXH.txt');
    expect(m.legalBases.map((b) => [b.type, b.number, b.date, b.issuer])).toEqual([
      ['nghi_dinh', '14/2017/NĐ-CP', '2017-02-17', 'Chính phủ'],
      ['nghi_dinh', '27/2022/NĐ-CP', '2022-04-19', 'Chính phủ'],
      ['quyet_dinh', '02/2022/QĐ-TTg', '2022-01-18', 'Thủ tướng Chính phủ'],
    ]);
  });

  it('reads bases wrapped over lines and numbers written without "số" (web rendition)', () => {
    const m = parse('51-2025-NQ-HDND-HaNoi.txt');
    expect(m.legalBases.map((b) => b.number)).toEqual(expect.arrayContaining(['72/2025/QH15', '163/2016/NĐ-CP', '29/2016/TT-BNNPTNT']));
  });

  it('lists the documents a consolidated text merges, with their effective dates', () => {
    expect(parse('1676-VBHN-BLDTBXH.txt').consolidates.map((c) => [c.number, c.date, c.effective])).toEqual([
      ['09/2022/TT-BLĐTBXH', '2022-05-25', '2022-07-11'],
      ['02/2023/TT-BLĐTBXH', '2023-04-12', '2023-06-01'],
    ]);
  });

  it('reads the signer and capacity from the signature block', () => {
    expect(parse('09-2022-TT-BLDTBXH.txt').signer).toEqual({ name: 'Lê Văn Thanh', capacity: 'KT. BỘ TRƯỞNG / THỨ TRƯỞNG' });
    expect(parse('59-2020-QH14.txt').signer).toEqual({ name: 'Nguyễn Thị Kim Ngân', capacity: 'CHỦ TỊCH QUỐC HỘI' });
  });

  it('reads the effective date from the effectiveness article', () => {
    const p = parseDocument;
    const r = p(readFileSync(join(SAMPLE_DIR, '09-2022-TT-BLDTBXH.txt'), 'utf8'));
    expect(effectiveDate(r.units, r.metadata.issued)).toBe('2022-07-11');
    const d = p(readFileSync(join(SAMPLE_DIR, '169-QD-BLDTBXH.txt'), 'utf8'));
    expect(effectiveDate(d.units, d.metadata.issued)).toBe('2025-01-24');
  });

  it('reads a number printed with a space after a hyphen ("52/2024/QĐ- UBND", 56/2025/QĐ-UBND Cao Bằng)', () => {
    const text = readFileSync(join(FIXTURES, '56-2025-QD-UBND-CaoBang.txt'), 'utf8');
    const r = parseDocument(text, 'markdown');
    const art1 = r.units.find((u) => u.eId === 'art_1');
    const printed = `${art1?.heading ?? ''} ${art1?.text ?? ''}`;
    expect(printed).toContain('Quyết định số 52/2024/QĐ- UBND ngày 30 tháng 10 năm');
    expect(findReferences(printed).map((x) => [x.number, x.date])).toEqual([['52/2024/QĐ-UBND', '2024-10-30']]);
    expect(findReferences('Thực hiện Thông tư số 74/2013/TT- BTC, ngày 04/6/2013 của Bộ Tài chính')[0]?.number).toBe('74/2013/TT-BTC');
    // Only before upper-case letters: "... số 5/2024/QĐ- của" / "Ủy ban" stays cut at the hyphen.
    expect(findReferences('theo Quyết định số 5/2024/QĐ- của Ủy ban')[0]?.number).toBe('5/2024/QĐ');
    expect(findReferences('theo Quyết định số 5/2024/QĐ- Ủy ban nhân dân')[0]?.number).toBe('5/2024/QĐ');
  });

  it('finds references by date when a law is cited by name only, and ignores "Luật này"', () => {
    expect(findReferences('Căn cứ Bộ luật Tố tụng hình sự ngày 27 tháng 11 năm 2015; theo Luật này')).toEqual([
      { type: 'bo_luat', number: null, date: '2015-11-27', issuer: null, text: 'Bộ luật Tố tụng hình sự ngày 27 tháng 11 năm 2015' },
    ]);
  });
});

describe('two documents joined by "và"', () => {
  it('finds both (84/2025/QĐ-UBND Hà Tĩnh repeals 10/2016 and 14/2022)', () => {
    const text =
      'Bãi bỏ toàn bộ Quyết định số 10/2016/QĐ-UBND ngày 21/3/2016 của Ủy ban nhân dân tỉnh và Quyết định số 14/2022/QĐ-UBND ngày 5/4/2022 của Ủy ban nhân dân tỉnh.';
    expect(findReferences(text).map((r) => [r.number, r.date])).toEqual([
      ['10/2016/QĐ-UBND', '2016-03-21'],
      ['14/2022/QĐ-UBND', '2022-04-05'],
    ]);
    expect(findReferences('bãi bỏ Quyết định số 10/2016/QĐ-UBND và Quyết định số 14/2022/QĐ-UBND').map((r) => r.number)).toEqual([
      '10/2016/QĐ-UBND',
      '14/2022/QĐ-UBND',
    ]);
    // A title with "và" but one number stays one reference.
    expect(findReferences('Luật số 45/2019/QH14 về Bộ luật Lao động và Luật Việc làm').map((r) => r.number)).toEqual(['45/2019/QH14']);
  });
});
