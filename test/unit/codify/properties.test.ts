/** Property tests: the export reader never throws, whatever markup it is given. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { decodeCode, normalizeCodeInput } from '../../../domain/codify/code';
import { parseHeadingHtml, parseTree } from '../../../domain/codify/export';
import { parseSourceNote } from '../../../domain/codify/notes';

const real = gunzipSync(readFileSync(join(__dirname, '../../fixtures/phapdien/da2154d2-f8c9-434c-b94c-e17fea6bc416.html.gz'))).toString('utf8');
const PIECES = [
  "<p class='pChuong'>",
  "<p class='pDieu'>",
  "<p class='pGhiChu'>",
  "<p class='pNoiDung'>",
  "<p class='pChiDan'>",
  '<p>',
  '</p>',
  '<table><tr><td>',
  '</td></tr></table>',
  '<td>',
  '</tr>',
  "<a name='0100'>",
  "<a href='#' onclick=\"ViewNoiDungPhapDien('1')\">",
  '</a>',
  '<br />',
  '<h3>Đề mục 1.2<br/>',
  '</h3>',
  'Điều 1.2.LQ.1. Tên',
  'Điều 41a.',
  'Ðiều 1.2.NÐ.1.1.',
  'Chương I',
  'Mục 2',
  '(Điều 1 Luật số 57/2020/QH14 ngày 16/06/2020 của Quốc hội, có hiệu lực thi hành kể từ ngày 01/01/2021, được bổ sung bởi Điều 1 Luật số 1/2021/QH15)',
  '(Khoản 1 Điều này được sửa đổi theo Luật số 71/2014/QH13)',
  '&nbsp;',
  '\u00a0',
  'x',
];

describe('the export reader on arbitrary input', () => {
  it('never throws on markup assembled from the export’s own pieces', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }), (parts) => {
        const r = parseHeadingHtml(parts.join(''));
        for (const a of r.heading.articles) expect(a.code.length).toBeGreaterThan(0);
      }),
      { numRuns: 400 },
    );
  });

  it('never throws on a real file cut, spliced or garbled at random', () => {
    fc.assert(
      fc.property(fc.nat(real.length), fc.nat(real.length), fc.string({ maxLength: 40 }), (a, b, junk) => {
        const [from, to] = a < b ? [a, b] : [b, a];
        parseHeadingHtml(real.slice(0, from) + junk + real.slice(to));
        parseHeadingHtml(real.slice(from, to));
      }),
      { numRuns: 60 },
    );
  });

  it('never throws on random strings (html, notes, codes, tree)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (s) => {
        parseHeadingHtml(s);
        parseSourceNote(s);
        decodeCode(s);
        normalizeCodeInput(s);
        parseTree(s);
      }),
      { numRuns: 500 },
    );
  });
});
