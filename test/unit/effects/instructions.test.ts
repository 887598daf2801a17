/** Amendment instructions → effects, on real amending texts (test/fixtures/corpus) and on generated ones. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseInstructions } from '../../../domain/effects/instructions';
import { readRefs, refEId } from '../../../domain/effects/refs';
import type { Effect } from '../../../domain/effects/types';
import { parseDocument } from '../../../domain/parse/parse';

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'corpus');
const fixture = (f: string) => readFileSync(join(FIXTURES, f), 'utf8');
const isMarkdown = (t: string) => /\*\*[^*\n]+\*\*/.test(t.slice(0, 20000));
const parse = (t: string) => parseDocument(t, isMarkdown(t) ? 'markdown' : 'text');
const summary = (effects: Effect[]) => effects.map((e) => `${e.source.eId} ${e.operation} ${e.target.eId}`);

describe('F1: 02/2023/TT-BLĐTBXH replaces Điều 1 of 09/2022/TT-BLĐTBXH (quoted new text)', () => {
  const { effects, diagnostics } = parseInstructions(
    { id: '02-2023-TT-BLDTBXH', number: '02/2023/TT-BLĐTBXH', effective: '2023-06-01' },
    parse(fixture('02-2023-TT-BLDTBXH.txt')),
    { workId: '09-2022-TT-BLDTBXH', number: '09/2022/TT-BLĐTBXH' },
  );

  it('reads one replacement of Điều 1, targeted at the document the instruction names', () => {
    expect(diagnostics).toEqual([]);
    expect(effects).toHaveLength(1);
    const [e] = effects as [Effect];
    expect(e.id).toBe('02-2023-TT-BLDTBXH:art_1:1');
    expect(e.operation).toBe('replace_unit');
    expect(e.target).toEqual({ workId: '09-2022-TT-BLDTBXH', number: '09/2022/TT-BLĐTBXH', eId: 'art_1' });
    expect(e.effectiveFrom).toBe('2023-06-01');
    expect(e.source.text).toMatch(/^Điều 1\. Sửa đổi, bổ sung Điều 1 của Thông tư số 09\/2022\/TT-BLĐTBXH .* như sau:$/u);
  });

  it('reads the quoted new text into units with the target eIds, quotes stripped', () => {
    const unit = (effects[0] as Effect).payload.units?.[0];
    expect(unit?.heading).toBe('Phạm vi áp dụng');
    expect(unit?.text).toMatch(/^Thông tư này hướng dẫn .* gồm:$/u);
    expect(unit?.children.map((c) => c.eId)).toEqual(['art_1__para_1', 'art_1__para_2']);
    expect(unit?.children[1]?.text).toMatch(/Quyết định số 90\/QĐ-TTg\.$/u);
  });
});

describe('F8: 26/2012/QH13 amends 04/2007/QH12 with unquoted new text', () => {
  const { effects, diagnostics } = parseInstructions(
    { id: '26-2012-QH13', number: '26/2012/QH13', effective: '2013-07-01' },
    parse(fixture('26-2012-QH13.txt')),
    { workId: '04-2007-QH12', number: '04/2007/QH12' },
  );

  it('reads every instruction, passive voice included ("Khoản 2 và khoản 5 Điều 3 được sửa đổi, bổ sung như sau:")', () => {
    expect(diagnostics).toEqual([]);
    expect(summary(effects)).toEqual([
      'art_1__para_1 replace_unit art_3__para_2',
      'art_1__para_1 replace_unit art_3__para_5',
      'art_1__para_2 replace_unit art_4__para_10',
      'art_1__para_3 replace_unit art_7__para_1__point_c',
      'art_1__para_4 replace_unit art_19__para_1',
      'art_1__para_5 replace_unit art_21__para_1',
      'art_1__para_6 replace_unit art_24',
    ]);
    expect(effects.every((e) => e.target.workId === '04-2007-QH12')).toBe(true);
  });

  it('cuts the unquoted new text at the next instruction and at the next article of the amending law', () => {
    const by = (eId: string) => effects.find((e) => e.target.eId === eId)?.payload.units?.[0];
    expect(by('art_3__para_2')?.children.map((c) => c.num)).toEqual(['a', 'b']);
    expect(by('art_3__para_5')?.children.map((c) => c.num)).toEqual(['a', 'b', 'c', 'd']);
    // "c. Kỳ tính thuế ..." (a point printed with a dot) is the point's text.
    expect(by('art_7__para_1__point_c')?.text).toBe('Kỳ tính thuế theo từng lần chuyển nhượng hoặc theo năm đối với thu nhập từ chuyển nhượng chứng khoán.');
    expect(by('art_19__para_1')?.children.map((c) => c.eId)).toEqual(['art_19__para_1__point_a', 'art_19__para_1__point_b']);
    // Điều 24 of the target, not Điều 2 of the amending law ("Luật này có hiệu lực ...").
    const art24 = by('art_24');
    expect(art24?.heading).toMatch(/^Trách nhiệm của tổ chức, cá nhân trả thu nhập/u);
    expect(art24?.children.map((c) => c.eId)).toEqual(['art_24__para_1', 'art_24__para_2', 'art_24__para_3']);
    expect(JSON.stringify(art24)).not.toContain('có hiệu lực thi hành từ ngày 01 tháng 7 năm 2013');
  });
});

describe('158/2025/NĐ-CP: containers naming other documents ("Sửa đổi, bổ sung một số điều của Nghị định số ...")', () => {
  const { effects, diagnostics } = parseInstructions(
    { id: '158-2025-ND-CP', number: '158/2025/NĐ-CP', effective: '2025-07-01' },
    parse(fixture('158-2025-ND-CP.txt')),
    null,
  );

  it('targets each instruction at the document its container names', () => {
    expect(diagnostics).toEqual([]);
    expect(effects.map((e) => `${e.target.number} ${e.operation} ${e.target.eId}`)).toEqual([
      '88/2020/NĐ-CP replace_unit art_2__para_1',
      '88/2020/NĐ-CP replace_unit art_11__para_3__point_b',
      '88/2020/NĐ-CP replace_unit art_11__para_3__point_c',
      '88/2020/NĐ-CP replace_unit art_39',
      '58/2020/NĐ-CP replace_unit art_4__para_1',
      '58/2020/NĐ-CP repeal_unit art_4__para_2',
    ]);
    expect(effects[0]?.target.workId).toBe('88-2020-ND-CP');
    expect(effects[0]?.source.eId).toBe('art_43__para_1__point_a');
  });

  it('gives each of "điểm b và điểm c" its own new text', () => {
    expect(effects[1]?.payload.units?.[0]?.text).toMatch(/^Thời gian hưởng chế độ thai sản/u);
    expect(effects[2]?.payload.units?.[0]?.text).toMatch(/^Trường hợp lao động nữ trở lại làm việc/u);
  });
});

describe('112/2025/TT-BTC: headings, insertions, repeals and phrase edits (web rendition, wrapped instructions)', () => {
  const { effects, diagnostics } = parseInstructions(
    { id: '112-2025-TT-BTC', number: '112/2025/TT-BTC', effective: '2025-11-28' },
    parse(fixture('112-2025-TT-BTC.txt')),
    { workId: '55-2023-TT-BTC', number: '55/2023/TT-BTC' },
  );
  const of = (sourceEId: string) => effects.filter((e) => e.source.eId === sourceEId);

  it('reads "Sửa đổi tên khoản 2 Điều 14" as a new name, inner quotes kept', () => {
    const [e] = of('art_1__para_10');
    expect(e?.operation).toBe('rename_heading');
    expect(e?.target.eId).toBe('art_14__para_3');
    expect(e?.payload.heading).toMatch(/^Chi hỗ trợ xây dựng .* các dự án “Trung tâm kết nối .*” tại các tỉnh: Quảng Ninh, Lào Cai, Lâm Đồng$/u);
  });

  it('reads "Bổ sung Điều 20a vào sau Điều 20" and "Bổ sung khoản 5 Điều 54" as insertions', () => {
    expect(summary(of('art_1__para_12'))).toEqual(['art_1__para_12 insert_after art_20a']);
    expect(of('art_1__para_12')[0]?.payload.anchorEId).toBe('art_20');
    expect(summary(of('art_1__para_20'))).toEqual(['art_1__para_20 insert_into art_54__para_5']);
  });

  it('reads repeals and phrase edits with their places, chained by ";"', () => {
    expect(summary(of('art_2__para_1'))).toEqual(['art_2__para_1 repeal_unit art_20__para_2']);
    const replace = of('art_2__para_3');
    expect(replace.map((e) => [e.target.eId, e.payload.phrase, e.payload.replacement])).toEqual([
      ['art_32__para_5__point_b', 'cấp huyện', 'cấp xã'],
      ['art_82', 'cấp huyện', 'cấp xã'],
      ['art_108__para_2__point_b', 'cấp huyện', 'cấp xã'],
      ['art_4', 'huyện', 'xã'],
      ['art_80', 'huyện', 'xã'],
      ['art_87__para_2', 'huyện', 'xã'],
    ]);
    // "Bỏ các cụm từ:" then one quoted phrase per line, each with its place.
    expect(of('art_2__para_2').map((e) => [e.operation, e.payload.phrase, e.target.eId, e.state])).toEqual([
      ['delete_phrase', 'huyện đảo', 'art_76', 'pending'],
      ['delete_phrase', 'huyện', '', 'unapplied'],
      ['delete_phrase', 'cấp huyện', 'art_122__para_1', 'pending'],
    ]);
  });

  it('never widens an unreadable place to the whole text, and reports what it could not read', () => {
    const unreadable = effects.find((e) => e.payload.phrase === 'huyện' && e.operation === 'delete_phrase');
    expect(unreadable?.reason).toMatch(/tiểu mục 2\.1/u);
    expect(diagnostics.map((d) => d.code).sort()).toEqual(['effects.partial_instruction', 'effects.sub_unit_target', 'effects.sub_unit_target']);
  });

  it('marks a change to a dash inside a point (gạch đầu dòng) unapplied instead of replacing the whole point', () => {
    const dash = of('art_1__para_1');
    expect(dash.map((e) => [e.target.eId, e.state])).toEqual([['art_1__para_1__point_a', 'unapplied']]);
  });
});

describe('56/2025/QĐ-UBND (Cao Bằng): markers wrapped alone on their line, place before the new phrase', () => {
  const { effects } = parseInstructions(
    { id: '56-2025-QD-UBND-CaoBang', number: '56/2025/QĐ-UBND', effective: '2025-12-08' },
    parse(fixture('56-2025-QD-UBND-CaoBang.txt')),
    null,
  );
  it('reads "**Điều" / "1. ..." and "“**Điều" / "13. ..." as one marker', () => {
    expect(summary(effects).slice(0, 5)).toEqual([
      'art_1__para_1__point_a delete_phrase art_11__para_2',
      'art_1__para_1__point_b repeal_unit art_14__para_2__point_c',
      'art_1__para_1__point_b repeal_unit art_14__para_3__point_d',
      'art_1__para_2 replace_unit art_13',
      'art_1__para_3 replace_unit art_14__para_3__point_b',
    ]);
    expect(effects[3]?.payload.units?.[0]?.heading).toBe(
      'Bồi thường đối với cây trồng, vật nuôi là thủy sản không có tên trong các Phụ lục đơn giá bồi thường',
    );
  });
  it('reads "Thay thế cụm từ “X” tại khoản 2 Điều 10, ... bằng cụm từ “Y”"', () => {
    const e = effects.filter((x) => x.operation === 'replace_phrase' && x.payload.replacement === 'Sở Nông nghiệp và Môi trường');
    expect(e.map((x) => x.target.eId)).toEqual(['art_14__para_1', 'art_15__para_2']);
  });
});

describe('references as instructions write them', () => {
  const eIds = (text: string, ctx = null as Parameters<typeof readRefs>[1]) => readRefs(text, ctx).refs.map(refEId);
  it.each([
    ['điểm a và điểm b khoản 3 Điều 32 như sau:', ['art_32__para_3__point_a', 'art_32__para_3__point_b']],
    [
      'khoản 6 Điều 9, điểm e khoản 1 và điểm c khoản 2 Điều 40 của Nghị định số 83/2014/NĐ-CP',
      ['art_9__para_6', 'art_40__para_1__point_e', 'art_40__para_2__point_c'],
    ],
    ['các khoản 1, 3 Điều 7 và khoản 2 Điều 8', ['art_7__para_1', 'art_7__para_3', 'art_8__para_2']],
    ['Điều 49 và khoản 2, khoản 3 Điều 76, Điều 82', ['art_49', 'art_76__para_2', 'art_76__para_3', 'art_82']],
    ['điểm đ khoản 7 Điều 2', ['art_2__para_7__point_dd']],
    ['tên của Chương II', ['chp_II']],
    ['Điều 70a vào sau Điều 70 trong Chương IV', ['art_70a']],
    ['Phụ lục II, Phụ lục III ban hành kèm theo', ['app_II', 'app_III']],
  ])('%s', (text, expected) => {
    expect(eIds(text)).toEqual(expected);
  });
  it('takes the article from the context ("tên điều, khoản 1" under "Sửa đổi, bổ sung Điều 32 ...")', () => {
    const ctx = { segments: [{ kind: 'article' as const, num: '32' }], heading: false };
    const r = readRefs('tên điều, khoản 1', ctx);
    expect(r.refs.map((x) => [refEId(x), x.heading])).toEqual([
      ['art_32', true],
      ['art_32__para_1', false],
    ]);
  });
});

/** A small amending text around one instruction line, as a real Thông tư prints it. */
const amendingText = (instruction: string, newText = '') => `BỘ TÀI CHÍNH
Số: 01/2024/TT-BTC
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
THÔNG TƯ
Sửa đổi, bổ sung một số điều của Thông tư số 09/2022/TT-BTC
Căn cứ Luật Ngân sách nhà nước ngày 25 tháng 6 năm 2015;
Điều 1. Sửa đổi, bổ sung một số điều của Thông tư số 09/2022/TT-BTC như sau:
1. ${instruction}
${newText}
Điều 2. Hiệu lực thi hành
Thông tư này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2024./.
KT. BỘ TRƯỞNG
`;
const read = (instruction: string, newText = '') =>
  parseInstructions({ id: 'A', number: '01/2024/TT-BTC', effective: '2024-07-01' }, parseDocument(amendingText(instruction, newText)), {
    workId: 'B',
    number: '09/2022/TT-BTC',
  });

describe('the phrasings of the brief, in a small amending text', () => {
  it.each([
    ['Bổ sung khoản 4a vào sau khoản 4 Điều 148 như sau:', '“4a. Nội dung mới.”', 'insert_after art_148__para_4a after art_148__para_4'],
    ['Bổ sung điểm o vào khoản 1 Điều 16 như sau:', '“o) Nội dung mới.”', 'insert_into art_16__para_1__point_o'],
    ['Bổ sung Điều 70a vào sau Điều 70 trong Chương IV như sau:', '“Điều 70a. Tên điều mới\nNội dung.”', 'insert_after art_70a after art_70'],
    ['Sửa đổi, bổ sung tên của Chương II như sau:', '“Chương II\nQUY ĐỊNH MỚI”', 'rename_heading chp_II'],
    ['Sửa đổi tên Điều 23 như sau:', '“Điều 23. Tên mới của điều”', 'rename_heading art_23'],
    ['Điều 51 được sửa đổi, bổ sung như sau:', '“Điều 51. Tên\n1. Một.\n2. Hai.”', 'replace_unit art_51'],
    ['Bãi bỏ khoản 2 Điều 32.', '', 'repeal_unit art_32__para_2'],
    ['Bổ sung cụm từ “, thị xã” vào sau cụm từ “huyện” tại khoản 2 Điều 5.', '', 'insert_phrase art_5__para_2'],
    ['Bãi bỏ cụm từ “cấp huyện” tại Điều 7.', '', 'delete_phrase art_7'],
    ['Thay cụm từ “Bộ Lao động” bằng cụm từ “Bộ Nội vụ” tại khoản 1 Điều 3.', '', 'replace_phrase art_3__para_1'],
  ])('%s', (instruction, newText, expected) => {
    const { effects, diagnostics } = read(instruction, newText);
    expect(diagnostics).toEqual([]);
    const e = effects[0] as Effect;
    expect(`${e.operation} ${e.target.eId}${e.payload.anchorEId ? ` after ${e.payload.anchorEId}` : ''}`).toBe(expected);
    expect(e.target.number).toBe('09/2022/TT-BTC');
    if (newText) expect(e.payload.units?.[0] ?? e.payload.heading).toBeTruthy();
  });

  it('reads a clause-specific effective date', () => {
    const text = amendingText('Bãi bỏ khoản 2 Điều 32.').replace(
      'Thông tư này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2024./.',
      'Thông tư này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2024. Khoản 1 Điều 1 có hiệu lực từ ngày 01 tháng 01 năm 2025./.',
    );
    const { effects } = parseInstructions({ id: 'A', number: '01/2024/TT-BTC', effective: '2024-07-01' }, parseDocument(text), null);
    expect(effects[0]?.effectiveFrom).toBe('2025-01-01');
  });

  it('reports an instruction it recognises but cannot read', () => {
    const { effects, diagnostics } = read('Sửa đổi, bổ sung tiểu mục 2.1 Mục 2 Chương IV như sau:', '“2.1. Nội dung.”');
    expect(effects).toEqual([]);
    expect(diagnostics.map((d) => d.code)).toEqual(['effects.unparsed_instruction']);
  });
});

describe('robustness', () => {
  it('reads a 1 MB single line well under a second', () => {
    const line = `Thay thế cụm từ “${'a '.repeat(200_000)}” bằng cụm từ “b” tại ${'khoản 1, '.repeat(30_000)}Điều 5 ${'x'.repeat(100_000)}`;
    const t0 = Date.now();
    read(line);
    read(`Sửa đổi, bổ sung ${'điểm a '.repeat(100_000)} như sau:`, `“${'Điều 5 '.repeat(100_000)}”`);
    expect(Date.now() - t0).toBeLessThan(1000);
  });

  it('never throws on mutated instruction text', () => {
    const pieces = [
      'Sửa đổi, bổ sung',
      'Bổ sung',
      'Bãi bỏ',
      'Thay thế',
      'cụm từ',
      '“',
      '”',
      'khoản 3',
      'điểm đ',
      'Điều 5a',
      'vào sau',
      'tại',
      'bằng',
      ';',
      ':',
      'như sau:',
      'Chương II',
      'Phụ lục',
      'tên',
      '\n',
      'được sửa đổi',
    ];
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 6 })), { maxLength: 30 }), (parts) => {
        const { effects } = read(parts.join(' '), parts.slice(3).join('\n'));
        for (const e of effects) expect(typeof e.id).toBe('string');
      }),
      { numRuns: 300 },
    );
  });
});
