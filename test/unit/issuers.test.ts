/** Issuer labels, name keys and provinces, on the heads printed in the real corpus. */
import { issuerLabel, issuersOfNumber, nameKey, provinceOf } from '../../domain/issuers';
import { parseDocument } from '../../domain/parse/parse';
import { corpusFile } from '../support/fixtures';
import { parseQuery } from '../../domain/text/query';

describe('issuerLabel', () => {
  it.each([
    ['QUỐC HỘI', 'Quốc hội'],
    ['CHÍNH PHỦ', 'Chính phủ'],
    ['THỦ TƯỚNG CHÍNH PHỦ', 'Thủ tướng Chính phủ'],
    ['ỦY BAN THƯỜNG VỤ QUỐC HỘI', 'Ủy ban Thường vụ Quốc hội'],
    ['BỘ TÀI CHÍNH', 'Bộ Tài chính'],
    ['BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI', 'Bộ Lao động - Thương binh và Xã hội'],
    ['BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH', 'Bộ Văn hóa, Thể thao và Du lịch'],
    ['VIỆN KIỂM SÁT NHÂN DÂN TỐI CAO', 'Viện kiểm sát nhân dân tối cao'],
    ['HỘI ĐỒNG NHÂN DÂN THÀNH PHỐ HÀ NỘI', 'Hội đồng nhân dân thành phố Hà Nội'],
    ['ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP', 'Ủy ban nhân dân tỉnh Đồng Tháp'],
    ['VĂN PHÒNG QUỐC HỘI |', 'Văn phòng Quốc hội'],
    ['VĂN BẢN PHÁP LUẬT KHÁC BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI', 'Bộ Lao động - Thương binh và Xã hội'],
    ['Bộ Tài chính', 'Bộ Tài chính'],
  ])('%s → %s', (printed, label) => {
    expect(issuerLabel(printed)).toBe(label);
  });

  it('gives every spelling of a name one key', () => {
    expect(nameKey('Hội đồng nhân dân thành phố Hà Nội')).toBe(nameKey('HOI DONG NHAN DAN THANH PHO HA NOI'));
    expect(nameKey('Đà Nẵng')).toBe('da nang');
  });
});

describe('provinceOf', () => {
  it('reads the province of a local document from its issuer, else from the place', () => {
    expect(provinceOf({ scope: 'province', issuers: ['ỦY BAN NHÂN DÂN TỈNH CAO BẰNG'], place: 'Cao Bằng' })).toBe('Cao Bằng');
    expect(provinceOf({ scope: 'province', issuers: ['HỘI ĐỒNG NHÂN DÂN THÀNH PHỐ HUẾ'], place: 'Thành phố Huế' })).toBe('Huế');
    expect(provinceOf({ scope: 'province', issuers: [], place: 'Thành phố Huế' })).toBe('Huế');
    expect(provinceOf({ scope: 'central', issuers: ['QUỐC HỘI'], place: 'Hà Nội' })).toBeNull();
  });
});

describe('parseQuery', () => {
  it('keeps every word, quoted phrases, and the words typed with diacritics', () => {
    expect(parseQuery('"thời hạn" sử dụng dat')).toEqual({
      terms: ['thoi', 'han', 'su', 'dung', 'dat'],
      phrases: [['thoi', 'han']],
      exact: ['thời', 'hạn', 'sử', 'dụng'],
    });
    expect(parseQuery('“bảo hiểm xã hội” 58/2014')).toMatchObject({
      phrases: [['bao', 'hiem', 'xa', 'hoi']],
      terms: ['bao', 'hiem', 'xa', 'hoi', '58', '2014'],
    });
  });

  it('treats an unclosed quote or a one-word quote as plain words', () => {
    expect(parseQuery('"lao dong').phrases).toEqual([]);
    expect(parseQuery('"lao" dong').phrases).toEqual([]);
    expect(parseQuery('Đất').exact).toEqual(['đất']);
  });
});

describe('issuersOfNumber (issue 19: the number names the issuer when the letterhead was not read)', () => {
  it('reads the central body from the symbol', () => {
    expect(issuersOfNumber('41/2024/QH15')).toEqual(['Quốc hội']);
    expect(issuersOfNumber('17/2022/UBTVQH15')).toEqual(['Ủy ban Thường vụ Quốc hội']);
    expect(issuersOfNumber('08/2025/NQ-CP')).toEqual(['Chính phủ']);
    expect(issuersOfNumber('28/2021/QĐ-TTg')).toEqual(['Thủ tướng Chính phủ']);
    expect(issuersOfNumber('12/VBHN-BTC')).toEqual(['Bộ Tài chính']);
    expect(issuersOfNumber('01/2022/TTLT-VKSNDTC-TANDTC-BCA-BQP-BLĐTBXH')).toEqual([
      'Viện kiểm sát nhân dân tối cao',
      'Tòa án nhân dân tối cao',
      'Bộ Công an',
      'Bộ Quốc phòng',
      'Bộ Lao động - Thương binh và Xã hội',
    ]);
    // Local bodies need their province: not from the number.
    expect(issuersOfNumber('51/2025/NQ-HĐND')).toEqual([]);
    expect(issuersOfNumber(null)).toEqual([]);
  });

  it('fills the issuers of real documents whose letterhead the parser does not read (41/2024/QH15, 08/2025/NQ-CP)', () => {
    for (const [file, issuer] of [
      ['41-2024-QH15.txt', 'Quốc hội'],
      ['08-2025-NQ-CP.txt', 'Chính phủ'],
    ] as const)
      expect({ file, issuers: parseDocument(corpusFile(file).toString('utf8')).metadata.issuers.map(issuerLabel) }).toEqual({ file, issuers: [issuer] });
  });
});
