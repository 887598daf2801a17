/** The structural parser on real texts (sample corpus and fixtures) and on generated ones. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseDocument } from '../../domain/parse/parse';
import type { ParsedUnit } from '../../domain/parse/types';
import { foldedWords } from '../../domain/text/snippet';
import { flattenUnits } from '../../domain/units';
import { SAMPLE_DIR } from '../support/fixtures';

const FIXTURES = join(__dirname, '..', 'fixtures', 'corpus');
const sample = (f: string) => readFileSync(join(SAMPLE_DIR, f), 'utf8');
const fixture = (f: string) => readFileSync(join(FIXTURES, f), 'utf8');
const isMarkdown = (t: string) => /\*\*[^*\n]+\*\*/.test(t.slice(0, 20000));
const parse = (t: string) => parseDocument(t, isMarkdown(t) ? 'markdown' : 'text');
const all = (units: ParsedUnit[]): ParsedUnit[] => units.flatMap((u) => [u, ...all(u.children)]);
const count = (t: string, kind: string) => all(parse(t).units).filter((u) => u.kind === kind).length;

describe('article counts of real laws', () => {
  it.each([
    ['91-2015-QH13.txt (Bộ luật Dân sự)', () => fixture('91-2015-QH13.txt'), 689],
    ['45-2019-QH14.txt (Bộ luật Lao động)', () => sample('45-2019-QH14.txt'), 220],
    ['59-2020-QH14.txt (Luật Doanh nghiệp)', () => sample('59-2020-QH14.txt'), 218],
    ['58-2014-QH13.txt (Luật Bảo hiểm xã hội 2014)', () => sample('58-2014-QH13.txt'), 125],
    ['41-2024-QH15.txt (Luật Bảo hiểm xã hội 2024)', () => sample('41-2024-QH15.txt'), 141],
    ['84-2015-QH13.txt (Luật An toàn, vệ sinh lao động)', () => sample('84-2015-QH13.txt'), 93],
    ['69-2020-QH14.txt (web rendition)', () => fixture('69-2020-QH14.txt'), 74],
  ])('%s has %s articles', (_name, text, articles) => {
    expect(count(text(), 'article')).toBe(articles);
  });
});

describe('two renditions of one law give the same tree', () => {
  /** Letters and digits only, folded, with the two spellings of "hằng/hàng năm" made one. */
  const norm = (s: string | null) => foldedWords((s ?? '').replace(/hằng/giu, 'hàng')).join(' ');

  it.each([
    ['58-2014-QH13', () => sample('58-2014-QH13.txt'), () => fixture('58-2014-QH13__congbao.txt'), []],
    [
      '69-2020-QH14',
      () => fixture('69-2020-QH14.txt'),
      () => fixture('69-2020-QH14__congbao.txt'),
      // Typos of the web rendition, not parser differences: "tong" (trong), "hảo hiểm" (bảo hiểm), "hoại động"
      // (hoạt động), "NGOÀl" with a lower-case L.
      ['art_26__para_1__point_d', 'art_37__para_2__point_k', 'art_43__para_2__point_g', 'chp_III__sec_1'],
    ],
  ])('%s: web and Công báo renditions', (_law, web, gazette, typos) => {
    const a = flattenUnits(parse(web()).units);
    const b = flattenUnits(parse(gazette()).units);
    expect(a.map((u) => u.eId)).toEqual(b.map((u) => u.eId));
    const differing = a.filter((u, i) => norm(u.text) !== norm(b[i]?.text ?? null) || norm(u.heading) !== norm(b[i]?.heading ?? null)).map((u) => u.eId);
    expect(differing).toEqual(typos);
  });
});

describe('structure', () => {
  it('builds eIds from the article down and keeps containers apart', () => {
    const units = all(parse(sample('45-2019-QH14.txt')).units);
    const eIds = units.map((u) => u.eId);
    expect(eIds).toContain('chp_I');
    expect(eIds).toContain('art_1');
    expect(eIds).toContain('art_35__para_1__point_a');
    expect(new Set(eIds).size).toBe(eIds.length);
    const art35 = units.find((u) => u.eId === 'art_35');
    expect(art35?.heading).toMatch(/^Quyền đơn phương chấm dứt hợp đồng lao động của người lao động/);
  });

  it('keeps quoted amendment text as payload of the amending article, not as its structure', () => {
    const r = parse(sample('02-2023-TT-BLDTBXH.txt'));
    expect(r.units.map((u) => u.eId)).toEqual(['art_1', 'art_2']);
    const art1 = r.units[0] as ParsedUnit;
    expect(art1.children).toEqual([]);
    expect(art1.text).toContain('“Điều 1. Phạm vi áp dụng');
    expect(art1.text).toContain('2. Hỗ trợ người lao động đi làm việc ở nước ngoài theo hợp đồng');
  });

  it('keeps new text printed without quotes (26/2012/QH13) in the instructing clause, up to the next instruction', () => {
    const r = parse(fixture('26-2012-QH13.txt'));
    expect(all(r.units).map((u) => u.eId)).toEqual([
      'art_1',
      'art_1__para_1',
      'art_1__para_2',
      'art_1__para_3',
      'art_1__para_4',
      'art_1__para_5',
      'art_1__para_6',
      'art_2',
      'art_2__para_1',
      'art_2__para_2',
    ]);
    const [art1, art2] = r.units as [ParsedUnit, ParsedUnit];
    expect(art1.text).toBe('Sửa đổi, bổ sung một số điều của Luật Thuế thu nhập cá nhân:');
    const clause = (n: number) => art1.children[n - 1] as ParsedUnit;
    expect(clause(1).text).toMatch(/^Khoản 2 và khoản 5 Điều 3 được sửa đổi, bổ sung như sau:\n2\. Thu nhập từ tiền lương, tiền công, bao gồm:/);
    expect(clause(1).text).toContain('\nd) Các khoản thu nhập khác nhận được từ chuyển nhượng bất động sản dưới mọi hình thức.');
    expect(clause(3).text).toBe(
      'Điểm c khoản 1 Điều 7 được sửa đổi như sau:\nc. Kỳ tính thuế theo từng lần chuyển nhượng hoặc theo năm đối với thu nhập từ chuyển nhượng chứng khoán.',
    );
    expect(clause(6).text).toMatch(/^Điều 24 được sửa đổi, bổ sung như sau:\nĐiều 24\. Trách nhiệm của tổ chức, cá nhân trả thu nhập/);
    expect(clause(6).text).toMatch(/\n3\. Chính phủ quy định mức khấu trừ thuế [^\n]*quy định tại khoản 1 Điều này\.$/);
    expect(art2.heading).toBeNull();
    expect(art2.children.map((c) => c.text)).toEqual([
      'Luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2013.',
      'Chính phủ quy định chi tiết, hướng dẫn thi hành các điều, khoản được giao trong Luật.',
    ]);
    expect(r.signature?.text).toMatch(/^Luật này đã được Quốc hội/);
  });

  it('reads unquoted new text at any level, and leaves containers, quotes and ordinary lists alone', () => {
    const eIds = (lines: string[]) => all(parseDocument(lines.join('\n')).units).map((u) => u.eId);
    // A point instructs: the new clause "1." and its points are its text, up to the next instruction point.
    expect(
      eIds([
        'Điều 1. Sửa đổi, bổ sung một số điều của Nghị định số 1/2020/NĐ-CP',
        '1. Sửa đổi Điều 5 như sau:',
        'a) Khoản 1 được sửa đổi, bổ sung như sau:',
        '1. Mức hỗ trợ gồm:',
        'a) Một;',
        'b) Hai.',
        'b) Bãi bỏ khoản 3.',
        '2. Bổ sung Điều 6a vào sau Điều 6 như sau:',
        'Điều 6a. Hỗ trợ khác',
        '1. Ba.',
        'Điều 2. Hiệu lực thi hành',
        'Nghị định này có hiệu lực từ ngày ký.',
      ]),
    ).toEqual(['art_1', 'art_1__para_1', 'art_1__para_1__point_a', 'art_1__para_1__point_b', 'art_1__para_2', 'art_2']);
    // The instruction names the article that follows: "Điều 2." is the new text, not the document's own Điều 2.
    expect(
      eIds(['Điều 1. Sửa đổi, bổ sung Điều 2 của Luật số 1/2020/QH14 như sau:', 'Điều 2. Phạm vi', '1. Một.', 'Điều 2. Hiệu lực', 'Có hiệu lực.']),
    ).toEqual(['art_1', 'art_2']);
    // Quoted new text keeps its own treatment.
    expect(eIds(['Điều 1. Sửa đổi', '1. Sửa đổi khoản 2 Điều 3 như sau:', '“2. Mới.”', '2. Bãi bỏ Điều 4.'])).toEqual([
      'art_1',
      'art_1__para_1',
      'art_1__para_2',
    ]);
    // "như sau:" outside an instruction introduces the document's own points.
    expect(eIds(['Điều 1. Mức hỗ trợ', '1. Mức hỗ trợ như sau:', 'a) Một;', 'b) Hai.', '2. Khác.'])).toEqual([
      'art_1',
      'art_1__para_1',
      'art_1__para_1__point_a',
      'art_1__para_1__point_b',
      'art_1__para_2',
    ]);
  });

  it('keeps the preamble and the signature out of the units', () => {
    const r = parse(sample('09-2022-TT-BLDTBXH.txt'));
    expect(r.preamble[0]?.text).toMatch(/^Căn cứ Nghị định số 14\/2017\/NĐ-CP/);
    expect(r.signature?.text).toMatch(/^KT\. BỘ TRƯỞNG|^Nơi nhận/);
    const text = all(r.units)
      .map((u) => u.text)
      .join('\n');
    expect(text).not.toMatch(/Căn cứ Nghị định số 14\/2017/);
    expect(text).not.toContain('CÔNG BÁO/');
  });

  it('strips footnote markers glued to headings of a consolidated text and keeps the notes on the unit', () => {
    const r = parse(sample('1676-VBHN-BLDTBXH.txt'));
    const art1 = all(r.units).find((u) => u.eId === 'art_1');
    expect(art1?.heading).toBe('Phạm vi điều chỉnh');
    expect(art1?.notes.map((n) => n.marker)).toContain('2');
    expect(art1?.notes.find((n) => n.marker === '2')?.text).toMatch(/^Điều này được sửa đổi, bổ sung theo quy định tại Điều 1 Thông tư số 02\/2023/);
  });

  it('parses a regulation attached to a decision as its own subtree', () => {
    const r = parse(sample('51-2025-NQ-HDND-HaNoi.txt'));
    expect(r.units.every((u) => u.kind === 'article' || u.kind === 'attachment' || u.kind === 'appendix')).toBe(true);
    const t = fixture('2284-QD-UBND-LamDong.txt');
    expect(() => parse(t)).not.toThrow();
  });

  it('restarts numbering inside an attached regulation: its eIds start with the attachment', () => {
    const text = [
      'Số: 7/2026/QĐ-UBND',
      'QUYẾT ĐỊNH',
      'Ban hành Quy chế thử',
      'Điều 1. Ban hành kèm theo Quyết định này Quy chế thử.',
      'Điều 2. Quyết định này có hiệu lực kể từ ngày ký./.',
      'TM. ỦY BAN NHÂN DÂN',
      'CHỦ TỊCH',
      'Nguyễn Văn A',
      'QUY CHẾ',
      'THỬ NGHIỆM',
      '(Ban hành kèm theo Quyết định số 7/2026/QĐ-UBND)',
      'Chương I',
      'QUY ĐỊNH CHUNG',
      'Điều 1. Phạm vi',
      '1. Một.',
      'Điều 2. Đối tượng',
    ].join('\n');
    const r = parseDocument(text);
    expect(all(r.units).map((u) => u.eId)).toEqual(['art_1', 'art_2', 'att_1', 'att_1__chp_I', 'att_1__art_1', 'att_1__art_1__para_1', 'att_1__art_2']);
    expect(r.signature?.text).toBe('TM. ỦY BAN NHÂN DÂN');
    expect(r.metadata.signer).toEqual({ name: 'Nguyễn Văn A', capacity: 'TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH' });
  });

  it('reads an old law whose articles have no headings', () => {
    const r = parse(fixture('101-SL-L003.txt'));
    expect(r.units.map((u) => u.eId)).toEqual(Array.from({ length: 10 }, (_, i) => `art_${i + 1}`));
    expect(r.units[0]?.heading).toBeNull();
    expect(r.units[0]?.text).toMatch(/^Quyền tự do hội họp của nhân dân được tôn trọng/);
  });

  it('does not take a wrapped citation ("khoản 3" / "Điều 19.") for an article', () => {
    const r = parseDocument(
      [
        'Số: 1/2024/TT-BTEST',
        'THÔNG TƯ',
        'Quy định thử',
        'Điều 1. Phạm vi',
        'Văn bản theo quy định tại khoản 3',
        'Điều 19. của Luật',
        'Điều 2. Hiệu lực',
        'Có hiệu lực.',
      ].join('\n'),
    );
    expect(r.units.map((u) => u.eId)).toEqual(['art_1', 'art_2']);
  });

  it('spells point đ as dd so it never collides with point d', () => {
    const r = parseDocument(['Điều 1. Thử', '1. Các điểm:', 'c) ba;', 'd) bốn;', 'đ) năm;', 'đ1) năm một;', 'e) sáu.'].join('\n'));
    expect(all(r.units).map((u) => u.eId)).toEqual([
      'art_1',
      'art_1__para_1',
      'art_1__para_1__point_c',
      'art_1__para_1__point_d',
      'art_1__para_1__point_dd',
      'art_1__para_1__point_dd1',
      'art_1__para_1__point_e',
    ]);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Properties

const words = fc.array(fc.constantFrom('người', 'lao', 'động', 'quyền', 'Đất', 'đai', 'hợp', 'đồng', 'bảo', 'hiểm', '2024', 'theo', 'quy', 'định'), {
  minLength: 1,
  maxLength: 12,
});
const bodyLine = fc.oneof(
  words.map((w) => w.join(' ')),
  fc.tuple(fc.integer({ min: 1, max: 40 }), words).map(([n, w]) => `Điều ${n}. ${w.join(' ')}`),
  fc.tuple(fc.integer({ min: 1, max: 9 }), words).map(([n, w]) => `${n}. ${w.join(' ')}.`),
  fc.tuple(fc.constantFrom('a', 'b', 'c', 'd', 'đ', 'e', 'g'), words).map(([l, w]) => `${l}) ${w.join(' ')};`),
  fc.tuple(fc.constantFrom('I', 'II', 'III', 'IV'), words).map(([n, w]) => `Chương ${n}\n${w.join(' ').toUpperCase()}`),
);

const lettersAndDigits = (s: string) => (s.match(/[\p{L}\p{N}]/gu) ?? []).join('');

describe('parser properties', () => {
  it('never throws, on arbitrary text or mutated real texts', () => {
    const real = sample('09-2022-TT-BLDTBXH.txt').split('\n');
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 2000 }), (s) => {
        parseDocument(s);
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.shuffledSubarray(real, { minLength: 1 }), fc.integer({ min: 0, max: 200 }), (lines, cut) => {
        const r = parseDocument(lines.join('\n').slice(cut));
        const eIds = all(r.units).map((u) => u.eId);
        expect(new Set(eIds).size).toBe(eIds.length);
      }),
      { numRuns: 200 },
    );
  });

  it('puts every letter and digit of the body in exactly one unit, in order, with unique eIds', () => {
    fc.assert(
      fc.property(fc.array(bodyLine, { minLength: 1, maxLength: 60 }), (lines) => {
        const body = `Điều 1. Phạm vi\n${lines.join('\n')}`;
        const r = parseDocument(body);
        const units = all(r.units);
        const eIds = units.map((u) => u.eId);
        expect(new Set(eIds).size).toBe(eIds.length);
        const placed = units.map((u) => `${u.label}${u.heading ?? ''}${u.text}`).join('');
        expect(lettersAndDigits(placed)).toBe(lettersAndDigits(body));
      }),
      { numRuns: 300 },
    );
  });

  it('reads 1 MB of unquoted new text in well under a second', () => {
    const lines = ['Điều 1. Sửa đổi, bổ sung', '1. Khoản 2 Điều 3 được sửa đổi, bổ sung như sau:'];
    for (let i = 0; i < 20_000; i++)
      lines.push(i % 2 ? `${(i % 90) + 2}. Khoản ${i} Điều 3 được quy định như sau:` : 'a) quyền và nghĩa vụ của người lao động;');
    lines.push('Điều 2. Hiệu lực', 'Có hiệu lực.');
    const started = performance.now();
    const r = parseDocument(lines.join('\n'));
    expect(performance.now() - started).toBeLessThan(1000);
    expect(all(r.units).map((u) => u.eId)).toEqual(['art_1', 'art_1__para_1', 'art_2']);
  });

  it('parses a 1 MB single line in well under a second (no catastrophic backtracking)', () => {
    const line = `Điều 1. ${'quyền và nghĩa vụ “của” người lao động; '.repeat(25_000)}`;
    const started = performance.now();
    parseDocument(line);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
