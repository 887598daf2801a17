/**
 * Each rule of the instruction parser (domain/effects/rules) on real segments of the corpus: which rule reads them and
 * what it reads. The registry's order is part of the behaviour (phrase edits before whole documents before units).
 */
import { parseSegment, SEGMENT_RULES } from '../../../domain/effects/rules';
import { emptySegment, type Verb } from '../../../domain/effects/segment';
import { refEId } from '../../../domain/effects/refs';

/** The rule that reads a segment, and the segment it reads. */
function read(verb: Verb, rest: string) {
  const seg = emptySegment(verb);
  const rule = SEGMENT_RULES.find((r) => r.read(seg, rest, null));
  return { rule: rule?.name ?? null, seg: parseSegment(verb, rest, null) };
}

it('tries the rules in a fixed order', () => {
  expect(SEGMENT_RULES.map((r) => r.name)).toEqual(['phrases', 'works', 'forms', 'units']);
});

it('phrases: a replacement at several places (Luật 2025, "cấp huyện" → "cấp xã")', () => {
  const { rule, seg } = read('replace', 'cụm từ “cấp huyện” bằng cụm từ “cấp xã” tại điểm b khoản 5 Điều 32, Điều 82, điểm b khoản 2 Điều 108');
  expect(rule).toBe('phrases');
  expect(seg).toMatchObject({ op: 'replace_phrase', phrases: ['cấp huyện'], replacement: 'cấp xã', problem: null });
  expect(seg.where.map(refEId)).toEqual(['art_32__para_5__point_b', 'art_82', 'art_108__para_2__point_b']);
});

it('phrases: a deletion, and an edit whose place cannot be read is kept as such, never widened', () => {
  expect(read('repeal', 'cụm từ “cấp huyện” tại Điều 12').seg).toMatchObject({ op: 'delete_phrase', phrases: ['cấp huyện'] });
  const unread = read('replace', 'cụm từ “X” bằng cụm từ “Y” tại nơi không rõ').seg;
  expect(unread.whereUnread).toBe('nơi không rõ');
  expect(unread.problem).toMatch(/cannot read where/);
});

it('works: a whole document repealed or replaced by its number', () => {
  expect(read('repeal', 'Thông tư số 12/2013/TT-BLĐTBXH ngày 12 tháng 6 năm 2013').seg).toMatchObject({ op: 'repeal_work', works: ['12/2013/TT-BLĐTBXH'] });
  expect(read('replace', 'Nghị định số 38/2022/NĐ-CP').rule).toBe('works');
});

it('forms: a form (Mẫu) of an appendix is read with its appendices, not as a unit (02/2024 replaces forms 02 and 03 of Phụ lục I)', () => {
  const { rule, seg } = read(
    'replace',
    'Mẫu số 01 Phụ lục XIII, Mẫu số 02 và Mẫu số 03 Phụ lục I ban hành kèm theo Thông tư số 21/2021/TT-BLĐTBXH bằng Mẫu số 01',
  );
  expect(rule).toBe('forms');
  expect(seg).toMatchObject({ op: null, problem: null, forms: 'Mẫu số 01 Phụ lục XIII, Mẫu số 02 và Mẫu số 03 Phụ lục I', docNumber: '21/2021/TT-BLĐTBXH' });
  expect(seg.refs.map(refEId)).toEqual(['app_XIII', 'app_I']);
  // "Thay thế mẫu biểu" (50/2026/TT-BTC, an article's heading) names no form.
  expect(read('replace', 'mẫu biểu').rule).toBe('units');
});

it('units: new clauses after a clause inherit its article; a dash inside a point is not a unit', () => {
  const { rule, seg } = read('add', 'khoản 4a vào sau khoản 4 Điều 148');
  expect(rule).toBe('units');
  expect(seg.refs.map(refEId)).toEqual(['art_148__para_4a']);
  expect(seg.anchor && refEId(seg.anchor)).toBe('art_148__para_4');
  expect(read('amend', 'gạch đầu dòng thứ nhất điểm a khoản 2 Điều 7').seg).toMatchObject({ dash: 'gạch đầu dòng thứ nhất' });
});
