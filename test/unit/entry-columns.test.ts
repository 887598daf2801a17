/**
 * The embedded index folds an entry's heading and text once for both its FTS5 columns and its passage terms
 * (adapters/sqlite/search-index.ts): the passage terms are exactly those of the unfolded passage, for any text.
 */
import fc from 'fast-check';
import { fold, normalizeText } from '../../domain/text/normalize';
import { passageTerms, passageTermsOfFolded, passageText } from '../../domain/text/question';

it('reads the same passage terms from the heading and text folded apart as from the passage folded whole', () => {
  const piece = fc.string({ unit: fc.constantFrom('a', 'Ể', 'đ', 'Đ', ' ', ',', '.', '\u0301', '\u00A0', '\u200B', '\r\n', 'x', '1', '“'), maxLength: 30 });
  fc.assert(
    fc.property(fc.option(piece, { nil: null }), piece, (heading, text) => {
      const apart = passageTermsOfFolded(`${fold(normalizeText(heading ?? ''))}. ${fold(normalizeText(text))}`);
      expect(apart).toEqual(passageTerms(passageText(heading, text)));
    }),
    { numRuns: 3000 },
  );
});
