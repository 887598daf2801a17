/**
 * Amendment patterns of the shared corpus the reader did not apply (issue #19, item 3), each on its real sentences:
 * the lines are copied as printed into excerpts.ts (documents of the development corpus, more/) or read from the development
 * corpus (test/fixtures/corpus). An excerpt is wrapped in a letterhead and a signature, nothing else is added.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseInstructions } from '../../../domain/effects/instructions';
import { readRefs, refEId } from '../../../domain/effects/refs';
import type { Effect } from '../../../domain/effects/types';
import type { Unit } from '../../../domain/model';
import { cleanLines } from '../../../domain/parse/clean';
import { parseDocument } from '../../../domain/parse/parse';
import { normalizeText } from '../../../domain/text/normalize';
import * as X from './excerpts';

/** Real lines of an amending text between a letterhead and a signature. */
const amending = (...parts: string[]) => `CHÍNH PHỦ
Số: 01/2026/NĐ-CP
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Hà Nội, ngày 01 tháng 6 năm 2026
NGHỊ ĐỊNH
Sửa đổi, bổ sung một số điều
Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;
${parts.join('\n')}
TM. CHÍNH PHỦ
`;
const read = (...parts: string[]) =>
  parseInstructions({ id: 'A', number: '01/2026/NĐ-CP', effective: '2026-07-01' }, parseDocument(amending(...parts)), {
    workId: 'B',
    number: '99/2020/NĐ-CP',
  });
const fixture = (f: string) => readFileSync(join(__dirname, '..', '..', 'fixtures', 'corpus', f), 'utf8');
const readFixture = (f: string) =>
  parseInstructions(
    { id: f, number: null, effective: '2026-01-01' },
    parseDocument(fixture(f), /\*\*[^*\n]+\*\*/.test(fixture(f).slice(0, 20000)) ? 'markdown' : 'text'),
    {
      workId: 'B',
      number: null,
    },
  );
const summary = (effects: Effect[]) => effects.map((e) => `${e.source.eId} ${e.operation} ${e.target.eId}${e.state === 'unapplied' ? ' (unapplied)' : ''}`);
const unreadCodes = ['effects.unparsed_instruction', 'effects.partial_instruction'];
const unread = (r: ReturnType<typeof read>) => r.diagnostics.filter((d) => unreadCodes.includes(d.code));
const allText = (us: Unit[]): string => us.map((u) => `${u.heading ?? ''}\n${u.text}\n${allText(u.children)}`).join('\n');

describe('1. new headings of several units in one instruction', () => {
  it('reads the heading of every unit a "tên" list names, and only those ("tên Điều 4, khoản 3 Điều 4", 45/2026/TT-BTC)', () => {
    const heads = (text: string) => readRefs(text).refs.map((r) => `${refEId(r)}${r.heading ? ' (heading)' : ''}`);
    expect(heads('tên Điều 4, khoản 3 Điều 4')).toEqual(['art_4 (heading)', 'art_4__para_3']);
    expect(heads('tên Điều 55, các khoản 1, 2, 7 Điều 55')).toEqual(['art_55 (heading)', 'art_55__para_1', 'art_55__para_2', 'art_55__para_7']);
    // "tên mục 19 Phụ lục III, mục 12 Phụ lục IV, mục 8 Phụ lục V" (21/2023/TT-BKHĐT): the list goes on past each appendix.
    expect(heads('tên mục 19 Phụ lục III, mục 12 Phụ lục IV, mục 8 Phụ lục V')).toEqual([
      'app_III__sec_19 (heading)',
      'app_IV__sec_12 (heading)',
      'app_V__sec_8 (heading)',
    ]);
  });

  it('gives each article its own new heading ("Sửa đổi tên Điều 5, Điều 6 như sau:", then one “Điều N. …” line each)', () => {
    // The corpus holds no such sentence for articles: the headings are the real ones of 06/2024/TT-BLĐTBXH ("5. Sửa đổi
    // tên Điều 6 thành:"), the sentence is the brief's.
    const r = read(
      X.ART_2_HEADING_06_2024,
      '5. Sửa đổi tên Điều 5, Điều 6 như sau:',
      '“Điều 5. Mức tiền lương cơ bản”',
      '“Điều 6. Xếp hạng công ty để xác định mức tiền lương cơ bản”',
    );
    expect(unread(r)).toEqual([]);
    expect(r.effects.map((e) => [e.operation, e.target.eId, e.payload.heading])).toEqual([
      ['rename_heading', 'art_5', 'Mức tiền lương cơ bản'],
      ['rename_heading', 'art_6', 'Xếp hạng công ty để xác định mức tiền lương cơ bản'],
    ]);
  });

  it('renames with "thành:" (06/2024/TT-BLĐTBXH: "5. Sửa đổi tên Điều 6 thành:")', () => {
    const r = read(X.ART_2_HEADING_06_2024, X.RENAME_THANH);
    expect(r.effects.map((e) => [e.operation, e.target.eId, e.payload.heading])).toEqual([
      ['rename_heading', 'art_6', 'Xếp hạng công ty để xác định mức tiền lương cơ bản'],
    ]);
  });

  it('reads "Sửa đổi tên Điều và sửa đổi, bổ sung Điều 20 như sau:" (148/2026/NĐ-CP): the heading of the article named after', () => {
    const r = read(X.ART_1_HEADING_148_2026, X.RENAME_ARTICLE_AND_AMEND);
    expect(unread(r)).toEqual([]);
    expect(r.effects.map((e) => [e.operation, e.target.eId, e.payload.heading ?? e.payload.units?.[0]?.heading])).toEqual([
      ['rename_heading', 'art_20', 'Bộ Quốc phòng'],
      ['replace_unit', 'art_20', 'Bộ Quốc phòng'],
    ]);
  });

  it('reads "Sửa đổi tên Điều và bổ sung khoản 4 Điều 9 như sau:" (74/2025/NĐ-CP) as the heading over its a) and b)', () => {
    const r = read(X.ART_1_HEADING_74_2025, X.RENAME_AND_ADD);
    expect(unread(r)).toEqual([]);
    expect(summary(r.effects)).toEqual(['art_1__para_8__point_a rename_heading art_9', 'art_1__para_8__point_b insert_into art_9__para_4']);
    expect(r.effects[0]?.payload.heading).toBe('Quản lý, thu hồi, tạm giữ thẻ bảo hiểm y tế');
  });

  it('gives the one new name to every item of a list (21/2023/TT-BKHĐT), inside appendices: unapplied, with the name', () => {
    const r = read(X.ART_1_HEADING_21_2023, X.APPENDIX_PARTS);
    const renames = r.effects.filter((e) => e.source.eId === 'art_1__para_9');
    expect(renames.map((e) => [e.operation, e.target.eId, e.payload.heading, e.state])).toEqual([
      ['rename_heading', 'app_III__sec_19', 'Xây dựng hệ thống sơ đồ, bản đồ số và sơ đồ, bản đồ in', 'unapplied'],
      ['rename_heading', 'app_IV__sec_12', 'Xây dựng hệ thống sơ đồ, bản đồ số và sơ đồ, bản đồ in', 'unapplied'],
      ['rename_heading', 'app_V__sec_8', 'Xây dựng hệ thống sơ đồ, bản đồ số và sơ đồ, bản đồ in', 'unapplied'],
      ['rename_heading', 'app_VI__sec_13', 'Xây dựng hệ thống sơ đồ, bản đồ số và sơ đồ, bản đồ in', 'unapplied'],
    ]);
    // "mục 13 Phụ lục VI-1.1, mục 12 Phụ lục VI-1.2, …": appendices the parser does not number; said, not dropped.
    expect(unread(r).map((d) => d.message)).toEqual([
      expect.stringMatching(/^references not read: -1\.1, mục 12 Phụ lục VI-1\.2/u),
      expect.stringMatching(/^references not read: -4\.4: 10\. Sửa đổi tên mục 10 Phụ lục VI-4\.4/u),
    ]);
  });
});

describe('2. lists of units wrapped onto the next line', () => {
  it('reads the units after a wrap that starts with "Điều 10;" (10/2024/TT-BKHĐT)', () => {
    const r = read(X.ART_1_HEADING_10_2024, X.WRAPPED_REPEAL_LIST);
    expect(unread(r)).toEqual([]);
    expect(summary(r.effects)).toEqual([
      'art_1__para_5 repeal_unit art_9__para_3',
      'art_1__para_5 repeal_unit art_10__para_1__point_c',
      'art_1__para_5 repeal_unit art_10__para_2__point_c',
      'art_1__para_5 repeal_unit art_10__para_3__point_c',
      'art_1__para_5 repeal_unit art_20__para_1__point_b',
    ]);
  });

  it('joins an article heading wrapped before "Điều 7 Thông tư số …" and reads its sub-instructions under Điều 7 (25/2026/TT-BTC)', () => {
    const r = read(X.WRAPPED_ARTICLE_HEADING);
    expect(unread(r)).toEqual([]);
    expect(summary(r.effects)).toEqual([
      'art_4__para_1 replace_unit art_7__para_1__point_b',
      'art_4__para_1 replace_unit art_7__para_1__point_c',
      'art_4__para_2 replace_unit art_7__para_2__point_c',
    ]);
    // "Điều 7 … đã được sửa đổi, bổ sung tại khoản 5 Điều 1 Thông tư số 22/2019/TT-BTC" tells history: no instruction.
    expect(r.effects.every((e) => e.target.number === '12/2015/TT-BTC')).toBe(true);
  });

  it('joins a place wrapped before its number ("khoản 2 Điều" / "19.", 17/2026/TT-NHNN) or its article ("khoản 4" / "Điều 89.", 134/2026/NĐ-CP)', () => {
    const r = read(X.WRAPPED_PLACE_NUMBER);
    expect(unread(r)).toEqual([]);
    expect(summary(r.effects)).toEqual([
      'art_7__para_1 replace_phrase art_18__para_1',
      'art_7__para_2 replace_phrase art_19__para_1',
      'art_7__para_2 replace_phrase art_19__para_2',
    ]);
    const p = read(X.ART_34_HEADING_134_2026, X.PLACE_ARTICLE_WRAPPED_LINES);
    expect(unread(p)).toEqual([]);
    expect(summary(p.effects)).toEqual(['art_34__para_21 replace_phrase art_89__para_4__point_d']);
  });

  it('reads references missing their article from the unit after the next verb ("khoản 1, khoản 4 và bổ sung khoản 6 Điều 19", 74/2025/NĐ-CP)', () => {
    const r = read(X.ART_1_HEADING_74_2025, X.CLAUSES_THEN_VERB);
    expect(unread(r)).toEqual([]);
    expect(summary(r.effects)).toEqual([
      'art_1__para_15__point_a replace_unit art_19__para_1',
      'art_1__para_15__point_b replace_unit art_19__para_4',
      'art_1__para_15__point_c insert_into art_19__para_6',
    ]);
    // "“4. Mức thanh toán trực tiếp" / "a) Trường hợp …": the clause's title, then its points.
    expect(r.effects[1]?.payload.units?.[0]).toMatchObject({ text: 'Mức thanh toán trực tiếp' });
    expect(r.effects[1]?.payload.units?.[0]?.children.map((c) => c.eId)).toEqual(['art_19__para_4__point_a', 'art_19__para_4__point_b']);
  });

  it('reads "Sửa đổi, bổ sung điểm c và bổ sung điểm g khoản 3 Điều 8 như sau:" (148/2026/NĐ-CP)', () => {
    const r = read(X.ART_1_HEADING_148_2026, X.POINT_THEN_VERB);
    expect(unread(r)).toEqual([]);
    expect(summary(r.effects)).toEqual([
      'art_1__para_4 replace_unit art_8__para_3__point_c',
      'art_1__para_4 insert_into art_8__para_3__point_g',
      'art_1__para_5__point_a replace_unit art_9__para_2',
    ]);
  });
});

describe('3. a whole article replaced: its heading is its heading, not the first line of its text', () => {
  it('keeps "Chi tổ chức và hoạt động …" as the heading of Điều 39 when its text starts with the same words (158/2025/NĐ-CP)', () => {
    const e = readFixture('158-2025-ND-CP.txt').effects.find((x) => x.target.eId === 'art_39' && x.operation === 'replace_unit');
    const unit = e?.payload.units?.[0];
    expect(unit?.heading).toBe('Chi tổ chức và hoạt động bảo hiểm tai nạn lao động, bệnh nghề nghiệp');
    expect(unit?.text).toMatch(/^Chi tổ chức và hoạt động bảo hiểm tai nạn lao động, bệnh nghề nghiệp thực hiện theo quy định tại Điều 120/u);
    expect(unit?.text).not.toMatch(/nghề nghiệp Chi tổ chức/u);
  });

  it('does not take the first line of the text for the heading’s wrap (06/2024/TT-BLĐTBXH, Điều 8)', () => {
    const unit = read(X.ART_2_HEADING_06_2024, X.HEADING_LINE_IN_TEXT).effects[0]?.payload.units?.[0];
    expect(unit?.heading).toBe('Mức tiền lương cơ bản khi hạng công ty hoặc chức vụ thay đổi');
    expect(unit?.text).toMatch(/^Khi hạng công ty thay đổi hoặc người quản lý/u);
  });

  it('starts the text at a point printed with a dot ("a. Tỷ lệ vốn …", 34/2025/NQ-HĐND Huế)', () => {
    const unit = readFixture('34-2025-NQ-HDND-Hue.txt').effects.find((x) => x.target.eId === 'art_4')?.payload.units?.[0];
    expect(unit?.heading).toBe('Tỷ lệ vốn đối ứng của ngân sách địa phương');
    expect(unit?.text).toMatch(/^a\. Tỷ lệ vốn đối ứng của ngân sách địa phương \(thành phố, xã\/phường\)/u);
  });

  it('goes on with a heading whose parenthesis is open ("(theo quy định tại khoản 3" / "Điều 16 Nghị định …)", 97/2025/QĐ-UBND Quảng Ninh)', () => {
    const unit = readFixture('97-2025-QD-UBND-QuangNinh.txt').effects.find((x) => x.target.eId === 'art_6a')?.payload.units?.[0];
    expect(unit?.heading).toMatch(/\(theo quy định tại khoản 3 Điều 16 Nghị định số 62\/2025\/NĐ-CP ngày 4\/3\/2025 của Chính phủ\)$/u);
    expect(unit?.text).toMatch(/^Nhà ở, công trình phục vụ sinh hoạt/u);
  });

  it('reads new text opened with ‟ (U+201F) as quoted (28/2022/TT-BLĐTBXH)', () => {
    expect(normalizeText('‟Điều 1. Phạm vi')).toBe('“Điều 1. Phạm vi');
    const unit = read(X.REVERSED_QUOTE).effects[0]?.payload.units?.[0];
    expect(unit).toMatchObject({ eId: 'art_1', heading: 'Phạm vi điều chỉnh và đối tượng áp dụng' });
  });
});

describe('4. gazette page furniture inside quoted new text', () => {
  it('classifies the running head with the page number before it, or with a letter lost, as furniture (clean.ts)', () => {
    const lines = cleanLines(X.PAGE_NUMBER_BEFORE_HEAD, 'text');
    expect(lines.filter((l) => l.cls === 'furniture').map((l) => l.text)).toEqual(['40 CÔNG BÁO/Số 347 + 348/Ngày 25-02-2025']);
    // As the brief describes it (no such line in the corpus): the page number beside it goes with it.
    expect(cleanLines('Điều 5.\n\nCÔNG BÁ/Số 256/Ngày 29-04-2026\n15\n\nvăn bản', 'text').map((l) => l.cls)).toEqual([
      'text',
      'blank',
      'furniture',
      'furniture',
      'blank',
      'text',
    ]);
    // A line that only starts like one stays text.
    expect(cleanLines('CÔNG BỐ DANH MỤC THỦ TỤC HÀNH CHÍNH', 'text')[0]?.cls).toBe('text');
  });

  it('keeps the page break out of the new clause 6a (134/2026/NĐ-CP, “6a. …” across pages 14–15)', () => {
    const r = read(X.SOME_POINTS_OF_ART_38);
    const six = r.effects.find((e) => e.target.eId === 'art_38__para_6a');
    expect(six?.payload.units?.[0]?.text).toMatch(/thông tin về cấp lại, cấp đổi \(nếu có\); thông tin về người nộp hồ sơ/u);
    for (const e of r.effects) expect(allText(e.payload.units ?? [])).not.toMatch(/CÔNG BÁO|Số 256|(?:^|\s)1[45](?:\s|$)/u);
  });

  it('keeps the signing stamp out of the new clause 4 (56/2026/TT-BTC: "Ký bởi: …", "Ngày ký: 2026-05-29 …")', () => {
    const r = read(X.CLAUSE_OF_ARTICLE);
    expect(summary(r.effects)).toEqual(['art_1 replace_unit art_5__para_4']);
    const text = r.effects[0]?.payload.units?.[0]?.text;
    expect(text).toBe(
      'Người nộp phí, lệ phí nộp tiền phí, lệ phí vào ngân sách nhà nước theo hình thức quy định tại khoản 1 Điều 3 Nghị định số 362/2025/NĐ-CP của Chính phủ quy định chi tiết một số điều và biện pháp để tổ chức, hướng dẫn thi hành Luật Phí và lệ phí.',
    );
  });
});

describe('5. a decision’s own articles stay its own', () => {
  it('reads "**Điều 2**." after "(Chi tiết theo Phụ lục đính kèm)" as the decision’s Điều 2, not text of Điều 1 (1521/QĐ-UBND Bắc Ninh)', () => {
    const doc = `ỦY BAN NHÂN DÂN TỈNH BẮC NINH\nSố: 1521/QĐ-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n**QUYẾT ĐỊNH**\nCăn cứ Luật Tổ chức chính quyền địa phương;\n${X.DECISION_ARTICLES}\n`;
    const p = parseDocument(doc, 'markdown');
    expect(p.units.map((u) => u.eId)).toEqual(['art_1', 'art_2', 'art_3']);
    expect(p.units[1]?.text).toBe('Quyết định này có hiệu lực kể từ ngày ký.');
    expect(p.units[2]?.text).toMatch(/^Thủ trưởng các cơ quan, đơn vị thuộc UBND tỉnh;/u);
    expect(p.units[0]?.text).toMatch(/\(Chi tiết theo Phụ lục đính kèm\)$/u);
  });
});

describe('containers: the unit the instructions under them change', () => {
  it('"Sửa đổi, bổ sung một số điểm, khoản của Điều 38" (134/2026/NĐ-CP), "các điểm a, b của khoản 5", "khoản 6a vào sau khoản 6"', () => {
    const r = read(X.SOME_POINTS_OF_ART_38);
    expect(unread(r)).toEqual([]);
    expect(summary(r.effects)).toEqual([
      'art_16__para_1 replace_unit art_38__para_1',
      'art_16__para_2 replace_unit art_38__para_2',
      'art_16__para_3 replace_unit art_38__para_5__point_a',
      'art_16__para_3 replace_unit art_38__para_5__point_b',
      'art_16__para_4 replace_unit art_38__para_6',
      'art_16__para_5 insert_after art_38__para_6a',
    ]);
    expect(r.effects[5]?.payload.anchorEId).toBe('art_38__para_6');
  });

  it('"một số điểm của khoản 2 Điều 23" then "1. Sửa đổi, bổ sung điểm a", and new text without "như sau:" (144/2026/NĐ-CP)', () => {
    const r = read(X.POINT_WITHOUT_AS_FOLLOWS);
    expect(unread(r)).toEqual([]);
    expect(summary(r.effects)).toEqual(['art_2 replace_unit art_9__para_1__point_b', 'art_3__para_1 replace_unit art_23__para_2__point_a']);
    expect(r.effects[0]?.payload.units?.[0]?.text).toMatch(/^Doanh thu hàng hóa, dịch vụ và doanh thu hoa hồng đại lý/u);
  });

  it('"một số khoản của Điều 10", then "một số điểm của khoản 2", each instruction without "như sau:" (155/2026/NĐ-CP)', () => {
    const r = read(X.SOME_CLAUSES_OF_ART_10);
    expect(unread(r)).toEqual([]);
    expect(summary(r.effects)).toEqual([
      'art_8__para_1 replace_unit art_10__para_1',
      'art_8__para_2__point_a replace_unit art_10__para_2__point_b',
      'art_8__para_2__point_b replace_unit art_10__para_2__point_d',
      'art_8__para_3 replace_unit art_10__para_3',
    ]);
    expect(r.effects.every((e) => (e.payload.units?.length ?? 0) === 1)).toBe(true);
  });

  it('several quoted points one after the other ("“c) …;”;" then "“d) …"), and "Bổ sung cụm từ “X” sau cụm từ “Y”" (128/2026/NĐ-CP)', () => {
    const r = read(X.QUOTED_POINTS_ONE_AFTER_ANOTHER);
    expect(unread(r)).toEqual([]);
    expect(summary(r.effects).slice(0, 3)).toEqual([
      'art_1__para_1 replace_unit art_9__para_1__point_c',
      'art_1__para_1 replace_unit art_9__para_1__point_d',
      'art_1__para_1 replace_unit art_9__para_1__point_dd',
    ]);
    const inserted = r.effects.filter((e) => e.operation === 'insert_phrase');
    expect(inserted.map((e) => [e.target.eId, e.payload.phrase, e.payload.anchorPhrase, e.payload.position])).toEqual([
      ['art_9__para_1__point_a', ', cung ứng', 'tổ chức, cá nhân kinh doanh', 'after'],
      ['art_9__para_3', ', cung ứng', 'tổ chức, cá nhân kinh doanh', 'after'],
      ['art_9__para_6', ', cung ứng', 'tổ chức, cá nhân kinh doanh', 'after'],
    ]);
  });

  it('dash items under "Sửa đổi, bổ sung một số điểm của khoản 2 Điều 7 như sau:" (95/2025/TT-BTC)', () => {
    const r = read(X.ART_1_HEADING_95_2025, X.DASH_ITEMS);
    expect(unread(r)).toEqual([]);
    expect(summary(r.effects)).toEqual([
      'art_1__para_3__point_a replace_unit art_7__para_1',
      'art_1__para_3__point_b replace_unit art_7__para_2__point_dd',
      'art_1__para_3__point_b replace_unit art_7__para_2__point_e',
      'art_1__para_3__point_b replace_unit art_7__para_2__point_g (unapplied)',
      'art_1__para_3__point_b replace_unit art_7__para_2__point_h',
    ]);
  });

  it('"Điều 48. Sửa đổi, bổ sung Luật Đầu tư số 61/2020/QH14 …" names the document of the instruction under it (05/2022/QH15)', () => {
    const r = read(X.WHOLE_LAW_CONTAINER);
    expect(unread(r)).toEqual([]);
    expect(r.effects.map((e) => [e.target.number, e.target.eId, e.state])).toEqual([['61/2020/QH14', 'app_IV', 'unapplied']]);
    expect(r.effects[0]?.reason).toMatch(/“mục 192”/u);
  });
});

describe('what is not a unit becomes an unapplied effect with its reason, never a wider one', () => {
  it('text added at the end of a clause, a paragraph (khổ) of a clause (06/2021/TT-BLĐTBXH)', () => {
    const r = read(X.ART_1_HEADING_06_2021, X.END_OF_CLAUSE, X.FIRST_PARAGRAPH);
    expect(unread(r)).toEqual([]);
    expect(summary(r.effects)).toEqual(['art_1__para_1 insert_into art_2__para_1 (unapplied)', 'art_1__para_6 replace_unit art_10__para_3 (unapplied)']);
    expect(r.effects.map((e) => e.reason)).toEqual([
      'the instruction changes “vào cuối” in art_2__para_1, which is not a unit: apply by hand',
      'the instruction changes “khổ thứ nhất” in art_10__para_3, which is not a unit: apply by hand',
    ]);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['effects.sub_unit_target', 'effects.sub_unit_target']);
  });

  it('parts of appendices: "nội dung lưu ý mục 2 Phụ lục I", "tiểu mục e mục 5 phần B" under "… Phụ lục III như sau:" (21/2023/TT-BKHĐT)', () => {
    const r = read(X.ART_1_HEADING_21_2023, X.APPENDIX_PARTS);
    expect(summary(r.effects.filter((e) => e.source.eId !== 'art_1__para_9' && e.source.eId !== 'art_1__para_10'))).toEqual([
      'art_1__para_4__point_a replace_unit app_I (unapplied)',
      'art_1__para_4__point_b replace_unit app_I (unapplied)',
      'art_1__para_5__point_a insert_into app_III (unapplied)',
      'art_1__para_5__point_b replace_unit app_III (unapplied)',
      'art_1__para_6 insert_into  (unapplied)',
      'art_1__para_7__point_c insert_into app_VII (unapplied)',
      'art_1__para_8__point_c insert_into app_VIII (unapplied)',
    ]);
    expect(r.effects[4]?.reason).toBe('the instruction changes “nội dung ghi chú Phụ lục VI-1.7”, which is not a unit: apply by hand');
  });

  it('forms (Mẫu) of an appendix: one unapplied effect on each appendix named (02/2024/TT-BLĐTBXH)', () => {
    const forms = readFixture('02-2024-TT-BLDTBXH.txt').effects.filter((e) => /Mẫu/u.test(e.reason ?? ''));
    expect(forms.map((e) => [e.operation, e.target.eId, e.state])).toEqual([
      ['replace_unit', 'app_XIII', 'unapplied'],
      ['replace_unit', 'app_I', 'unapplied'],
    ]);
    expect(forms[0]?.reason).toMatch(/^forms \(Mẫu\) inside an appendix are not units \(“Mẫu số 01 Phụ lục XIII, Mẫu số 02 và Mẫu số 03 Phụ lục I”\)/u);
  });

  it('places of a phrase edit that are not units: the preamble, the title (17/2026/TT-NHNN, 45/2026/TT-BTC)', () => {
    const r = read(X.PREAMBLE_PLACE);
    expect(unread(r)).toEqual([]);
    expect(summary(r.effects.filter((e) => e.source.eId === 'art_10__para_1'))).toEqual([
      'art_10__para_1 replace_phrase art_29',
      'art_10__para_1 replace_phrase art_31',
      'art_10__para_1 replace_phrase art_38',
      'art_10__para_1 replace_phrase  (unapplied)',
    ]);
    expect(r.effects[3]?.reason).toBe('the place “phần căn cứ ban hành” of this phrase edit is not a unit: apply by hand');
  });

  it('ends a quotation the text never closes where the document’s own next article resumes (45/2026/TT-BTC)', () => {
    const r = read(X.UNCLOSED_QUOTE);
    expect(unread(r)).toEqual([]);
    expect(r.diagnostics.map((d) => d.code)).toContain('effects.quote_unterminated');
    expect(summary(r.effects)[0]).toBe('art_1 insert_after art_3a');
    expect(r.effects[0]?.payload.units?.[0]?.children.map((c) => c.eId)).toEqual([
      'art_3a__para_1',
      'art_3a__para_2',
      'art_3a__para_3',
      'art_3a__para_4',
      'art_3a__para_5',
    ]);
    expect(allText(r.effects[0]?.payload.units ?? [])).not.toMatch(/Thay thế cụm từ/u);
    expect(summary(r.effects).slice(1, 6)).toEqual([
      'art_2__para_1 replace_phrase chp_II',
      'art_2__para_1 replace_phrase art_1',
      'art_2__para_1 replace_phrase art_2',
      'art_2__para_1 replace_phrase art_3',
      'art_2__para_1 replace_phrase  (unapplied)',
    ]);
  });
});
