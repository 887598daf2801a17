import { citationFromEId } from '../../domain/units';
import { isLocalNumber, referenceKey, workIdFor } from '../../domain/refs';

describe('referenceKey', () => {
  it.each([
    ['59/2020/QH14', '59/2020/QH14'],
    ['59-2020-qh14', '59/2020/QH14'],
    ['Luật số 59/2020/QH14', '59/2020/QH14'],
    ['Số: 09/2022/TT-BLĐTBXH', '09/2022/TT/BLDTBXH'],
    ['09-2022-TT-BLDTBXH', '09/2022/TT/BLDTBXH'],
    [' 59 / 2020 / QH14 ', '59/2020/QH14'],
  ])('%s → %s', (input, key) => {
    expect(referenceKey(input)).toBe(key);
  });
});

describe('workIdFor', () => {
  it('spells the number in ASCII', () => {
    expect(workIdFor({ number: '09/2022/TT-BLĐTBXH', issued: '2022-05-25', place: 'Hà Nội' })).toBe('09-2022-TT-BLDTBXH');
  });

  it('adds the year to numbers that repeat across years (VBHN, decisions)', () => {
    expect(workIdFor({ number: '19/VBHN-VPQH', issued: '2020-03-20', place: 'Hà Nội' })).toBe('19-VBHN-VPQH-2020');
    expect(workIdFor({ number: '19/VBHN-VPQH', issued: '2026-02-12', place: 'Hà Nội' })).toBe('19-VBHN-VPQH-2026');
  });

  it('adds the province to local numbers', () => {
    expect(isLocalNumber('51/2025/NQ-HĐND')).toBe(true);
    expect(isLocalNumber('51/2025/QH15')).toBe(false);
    expect(workIdFor({ number: '51/2025/NQ-HĐND', issued: '2025-11-26', place: 'Hà Nội' })).toBe('51-2025-NQ-HDND-HaNoi');
    expect(workIdFor({ number: '52/2025/QĐ-CTUBND', issued: '2025-11-28', place: 'Cao Bằng' })).toBe('52-2025-QD-CTUBND-CaoBang');
  });
});

describe('referenceKey edge cases', () => {
  it('treats dashes and full-width slashes as separators', () => {
    expect(referenceKey('59–2020–QH14')).toBe('59/2020/QH14');
    expect(referenceKey('59／2020／QH14')).toBe('59/2020/QH14');
  });

  it('strips "số" only as a whole word', () => {
    expect(referenceKey('sổ tay 12/2020')).toBe('SO/TAY/12/2020');
    expect(referenceKey('Nghị định số 15/2020/NĐ-CP')).toBe('15/2020/ND/CP');
  });
});

describe('citations from eIds', () => {
  it('reads an eId back as a Vietnamese citation', () => {
    expect(citationFromEId('art_5__para_2__point_dd')).toBe('Điều 5, khoản 2, điểm đ');
    expect(citationFromEId('art_6a')).toBe('Điều 6a');
    expect(citationFromEId('chp_II__sec_1')).toBe('Mục 1');
    expect(citationFromEId('att_1__art_3__para_1')).toBe('Văn bản kèm theo 1, Điều 3, khoản 1');
  });
});
