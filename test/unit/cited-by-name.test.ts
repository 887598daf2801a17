/**
 * Documents cited by name (issue 19): the reference's name key (refs.ts), on sentences as the corpus prints them; the
 * constitution a căn cứ cites without a year; and a date that is never a number.
 */
import { findReferences, legalBases } from '../../domain/parse/references';
import { constitutionYearAt, nameKeys, referenceNameKey, workIdForName } from '../../domain/refs';

const keyOf = (text: string) => {
  const [r] = findReferences(text);
  return r ? referenceNameKey(r) : null;
};

it('keys a law by type, title and date, or year, the same as the work it names', () => {
  expect(keyOf('Căn cứ Luật Doanh nghiệp ngày 17 tháng 6 năm 2020;')).toBe('luat|luat doanh nghiep|2020-06-17');
  expect(keyOf('Căn cứ Bộ luật Hình sự năm 2015;')).toBe('bo_luat|bo luat hinh su|2015');
  expect(nameKeys({ type: 'luat', title: 'Luật Doanh nghiệp', issued: '2020-06-17' })).toEqual([
    'luat|luat doanh nghiep|2020-06-17',
    'luat|luat doanh nghiep|2020',
  ]);
  expect(keyOf('Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Đầu tư công ngày 29 tháng 11 năm 2024;')).toBe(
    'luat|luat sua doi bo sung mot so dieu cua luat dau tu cong|2024-11-29',
  );
  expect(workIdForName('luat|luat doanh nghiep|2020-06-17')).toBe('name-luat-luat-doanh-nghiep-2020-06-17');
});

it('gives no key to what names no document: the type alone, or the citing text speaking of itself', () => {
  expect(keyOf('Căn cứ Nghị quyết ngày 16/6/2025 của Hội đồng nhân dân tỉnh;')).toBeNull();
  expect(keyOf('Luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2016.')).toBeNull();
  expect(keyOf('Luật này có hiệu lực từ năm 2016')).toBeNull();
});

it('never reads a date as a number (84/2025/QĐ-UBND Hà Tĩnh: "Luật Tổ chức chính quyền địa phương ngày 16/6/2025")', () => {
  const [r] = legalBases([{ text: 'Căn cứ Luật Tổ chức chính quyền địa phương ngày 16/6/2025;' }]);
  expect(r).toMatchObject({ type: 'luat', number: null, date: '2025-06-16' });
  expect(findReferences('Nghị quyết số 30/2013/NQ-HĐND ngày 16/6/2025')[0]).toMatchObject({ number: '30/2013/NQ-HĐND', date: '2025-06-16' });
});

it('takes the constitution in force when the citing document was issued', () => {
  expect(constitutionYearAt('2024-05-01')).toBe('2013');
  expect(constitutionYearAt('2013-12-20')).toBe('1992');
  expect(constitutionYearAt('1985-01-01')).toBe('1980');
  expect(constitutionYearAt(null)).toBeNull();
});
