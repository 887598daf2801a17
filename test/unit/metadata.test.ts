/** Metadata from real texts: the sample corpus and fixtures, with the values the manifest gives for them. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractMetadata } from '../../domain/parse/metadata';
import { normalizeText } from '../../domain/text/normalize';
import { SAMPLE_DIR } from '../support/fixtures';

const FIXTURES = join(__dirname, '..', 'fixtures', 'corpus');
const read = (dir: string, f: string) => extractMetadata(normalizeText(readFileSync(join(dir, f), 'utf8')));

describe('extractMetadata on real documents', () => {
  it.each([
    [SAMPLE_DIR, '09-2022-TT-BLDTBXH.txt', '09/2022/TT-BLĐTBXH', 'thong_tu', '2022-05-25'],
    [SAMPLE_DIR, '02-2023-TT-BLDTBXH.txt', '02/2023/TT-BLĐTBXH', 'thong_tu', '2023-04-12'],
    [SAMPLE_DIR, '59-2020-QH14.txt', '59/2020/QH14', 'luat', '2020-06-17'],
    [SAMPLE_DIR, '45-2019-QH14.txt', '45/2019/QH14', 'bo_luat', '2019-11-20'],
    [SAMPLE_DIR, '41-2024-QH15.txt', '41/2024/QH15', 'luat', '2024-06-29'],
    [SAMPLE_DIR, '169-QD-BLDTBXH.txt', '169/QĐ-BLĐTBXH', 'quyet_dinh', '2025-01-24'],
    [SAMPLE_DIR, '51-2025-NQ-HDND-HaNoi.txt', '51/2025/NQ-HĐND', 'nghi_quyet', '2025-11-26'],
    [SAMPLE_DIR, '1676-VBHN-BLDTBXH.txt', '1676/VBHN-BLĐTBXH', 'van_ban_hop_nhat', null],
    [FIXTURES, '01-2022-TTLT-VKSNDTC-TANDTC-BCA-BQP-BLDTBXH.txt', '01/2022/TTLT-VKSNDTC-TANDTC-BCA-BQP-BLĐTBXH', 'thong_tu_lien_tich', '2022-02-18'],
    [FIXTURES, '101-SL-L003.txt', '101-SL/L.003', 'luat', '1957-05-20'],
    [FIXTURES, '58-2014-QH13__congbao.txt', '58/2014/QH13', 'luat', '2014-11-20'],
  ])('%s/%s → %s', (dir, file, number, type, issued) => {
    const { metadata } = read(dir, file);
    expect(metadata.number).toBe(number);
    expect(metadata.type).toBe(type);
    if (issued) expect(metadata.issued).toBe(issued);
  });

  it('reads the place without the motto or a joint number printed on the same line', () => {
    expect(read(SAMPLE_DIR, '09-2022-TT-BLDTBXH.txt').metadata.place).toBe('Hà Nội');
    expect(read(FIXTURES, '01-2022-TTLT-VKSNDTC-TANDTC-BCA-BQP-BLDTBXH.txt').metadata.place).toBe('Hà Nội');
  });

  it('reads title, place and issuers from a gazette head printed twice', () => {
    const { metadata } = read(SAMPLE_DIR, '09-2022-TT-BLDTBXH.txt');
    expect(metadata.title).toMatch(/^Thông tư hướng dẫn một số nội dung thực hiện đa dạng hóa sinh kế/);
    expect(metadata.place).toBe('Hà Nội');
    expect(metadata.issuers).toEqual(['BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI']);
    expect(metadata.scope).toBe('central');
  });

  it('reads a web rendition with site chrome and a wrapped place/date line', () => {
    const { metadata } = read(SAMPLE_DIR, '51-2025-NQ-HDND-HaNoi.txt');
    expect(metadata.place).toBe('Hà Nội');
    expect(metadata.scope).toBe('province');
    expect(metadata.issuers).toEqual(['HỘI ĐỒNG NHÂN DÂN THÀNH PHỐ HÀ NỘI']);
    expect(metadata.title).toMatch(/^Nghị quyết về việc bố trí lực lượng/);
  });

  it('says what it could not find instead of guessing (a text that never prints its number)', () => {
    // This rendition of Luật 26/2012/QH13 starts at "LUẬT": no letterhead, no "Số:", no place and date. The only number
    // in its head is the amended law's ("... Luật Thuế thu nhập cá nhân số 04/2007/QH12,"), which is not its own.
    const { metadata, diagnostics } = read(FIXTURES, '26-2012-QH13.txt');
    expect(metadata.number).toBeNull();
    expect(diagnostics.map((d) => d.code)).toContain('metadata.number_missing');
    expect(metadata.type).toBe('luat');
    // The date it was passed, from the closing formula ("... thông qua ngày 22 tháng 11 năm 2012.").
    expect(metadata.issued).toBe('2012-11-22');
  });
});

describe('extractMetadata on slips and hostile input', () => {
  const head = (lines: string[]) => extractMetadata(normalizeText(lines.join('\n'))).metadata;

  it('does not store an impossible calendar date', () => {
    expect(
      head(['BỘ TÀI CHÍNH', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Số: 1/2024/TT-BTC', 'Hà Nội, ngày 30 tháng 2 năm 2024', 'THÔNG TƯ', 'Quy định X']).issued,
    ).toBeNull();
    expect(head(['Số: 1/2024/TT-BTC', 'Hà Nội, ngày 29 tháng 2 năm 2024']).issued).toBe('2024-02-29');
  });

  it('types a Chỉ thị by its symbol', () => {
    expect(head(['THỦ TƯỚNG CHÍNH PHỦ', 'Số: 05/CT-TTg', 'Hà Nội, ngày 1 tháng 3 năm 2024', 'CHỈ THỊ', 'Về việc X']).type).toBe('chi_thi');
  });

  it('reads a head with a 120 KB line quickly (no catastrophic backtracking)', () => {
    const started = performance.now();
    head(['LUẬT', `Luật số 1/ ${'số 1/ '.repeat(20_000)}`, 'Căn cứ Hiến pháp;']);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
