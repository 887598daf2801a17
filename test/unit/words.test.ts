/** wordsOf (domain/text/normalize.ts): exactly the Unicode regex split it replaces, for any string. */
import fc from 'fast-check';
import { wordsOf } from '../../domain/text/normalize';

const bySplit = (s: string) => s.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0);

it('gives the runs of letters and digits the regex split gives, lone surrogates and astral letters included', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (s) => {
      expect(wordsOf(s)).toEqual(bySplit(s));
    }),
    { numRuns: 2000 },
  );
  fc.assert(
    fc.property(fc.string({ unit: fc.constantFrom('a', 'đ', 'Ể', ' ', ',', '\u0301', '𠀀', '😀', '\ud800', '\udc00', '٣', '_', '-'), maxLength: 40 }), (s) => {
      expect(wordsOf(s)).toEqual(bySplit(s));
    }),
    { numRuns: 2000 },
  );
  expect(wordsOf('Điều 5, khoản 2a — thẩm quyền')).toEqual(['Điều', '5', 'khoản', '2a', 'thẩm', 'quyền']);
  expect(wordsOf('')).toEqual([]);
});
