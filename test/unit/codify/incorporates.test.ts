/**
 * What a codified article already carries, read from its notes at import (issue 18, bullet 8): the amendment notes
 * printed in the text of đề mục 33.10 (Thuế thu nhập cá nhân, coded 33.1: Luật 04/2007/QH12 amended by 26/2012/QH13
 * and 71/2014/QH13) and source notes that list amendments with "theo quy định tại" rather than "bởi".
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseHeadingHtml } from '../../../domain/codify/export';
import { incorporationsOf, parseSourceNote } from '../../../domain/codify/notes';
import type { CodifiedArticle } from '../../../domain/codify/types';

const PIT = join(__dirname, '../../fixtures/phapdien/ab116df3-d3ed-4a95-95bf-0d6b8962e724.html.gz'); // 33.10, coded 33.1
const { heading } = parseHeadingHtml(gunzipSync(readFileSync(PIT)).toString('utf8'), 'ab116df3-d3ed-4a95-95bf-0d6b8962e724.html');
const article = (code: string): CodifiedArticle => {
  const a = heading.articles.find((x) => x.code === code);
  if (!a) throw new Error(`${code} not found`);
  return a;
};
const brief = (a: CodifiedArticle) => (a.incorporates ?? []).map((i) => [i.documentNumber, i.units, i.target, i.effective, i.from]);

describe('incorporates: the amendments the notes say the codified article carries', () => {
  it('33.1.LQ.3: one entry per part of the note, with the amending unit, the part of the article and the date', () => {
    const a = article('33.1.LQ.3');
    expect(brief(a)).toEqual([
      ['71/2014/QH13', 'khoản 1 Điều 2', 'Khoản 1 Điều này', '2015-01-01', 'note'],
      ['26/2012/QH13', 'khoản 1 Điều 1', 'khoản 2 Điều này', '2013-07-01', 'note'],
      ['26/2012/QH13', 'khoản 1 Điều 1', 'khoản 5 Điều này', '2013-07-01', 'note'],
      ['71/2014/QH13', 'khoản 2 Điều 2', 'điểm c khoản 6 Điều này', '2015-01-01', 'note'],
    ]);
    expect(a.incorporates?.[0]).toMatchObject({
      documentId: '71-2014-QH13',
      text: 'Khoản 1 Điều này được sửa đổi, bổ sung theo quy định tại khoản 1 Điều 2 của Luật số 71/2014/QH13, có hiệu lực kể từ ngày 01/01/2015',
    });
  });

  it('33.1.LQ.4, .7, .19, .24: the notes the reviewer named', () => {
    expect(brief(article('33.1.LQ.4'))).toEqual([
      ['26/2012/QH13', 'khoản 2 Điều 1', 'Khoản 10 Điều này', '2013-07-01', 'note'],
      ['71/2014/QH13', 'khoản 3 Điều 2', 'Khoản 15 và khoản16 Điều này', '2015-01-01', 'note'],
    ]);
    expect(brief(article('33.1.LQ.7'))).toEqual([['26/2012/QH13', 'khoản 3 Điều 1', 'Điểm c khoản 1 Điều này', '2013-07-01', 'note']]);
    expect(brief(article('33.1.LQ.19'))).toEqual([['71/2014/QH13', 'khoản 4 Điều 6', 'Khoản 1 Điều này', '2015-01-01', 'note']]);
    expect(brief(article('33.1.LQ.24'))).toEqual([['26/2012/QH13', 'khoản 6 Điều 1', 'Điều này', '2013-07-01', 'note']]);
    // No note: nothing incorporated beyond the source.
    expect(article('33.1.LQ.21').incorporates).toEqual([]);
  });

  it('takes the effective date, not the issue date; a part joined by a comma; a part without a date takes the later one of its document', () => {
    expect(brief(article('33.1.NĐ.1.3'))).toEqual([
      ['12/2015/NĐ-CP', 'Khoản 1 Đièu 1', 'Khoản 1 Điều này', '2015-01-01', 'note'],
      ['12/2015/NĐ-CP', 'khoản 3 Điều 2', 'Điểm b khoản 2 Điều này', '2015-01-01', 'note'],
      ['12/2015/NĐ-CP', 'khoản 2 Điều 2', 'Điểm đ khoản 2 Điều này', '2015-01-01', 'note'],
      ['12/2015/NĐ-CP', 'Khoản 4 Điều 2', 'khoản 3 Điều này', '2015-01-01', 'note'],
      ['12/2015/NĐ-CP', 'khoản 5 Điều 2', 'điểm khoản 6 Điều này', '2015-01-01', 'note'],
    ]);
    expect(brief(article('33.1.NĐ.1.4'))).toEqual([
      ['12/2015/NĐ-CP', 'Khoản 6 Điều 2', 'Khoản 15 Điều này', '2015-01-01', 'note'],
      ['12/2015/NĐ-CP', 'Khoản 6 Điều 2', 'Khoản 16 Điều này', '2015-01-01', 'note'],
    ]);
  });

  it('reads a source note that lists its amendments after "theo quy định tại" (đề mục 33.11, the export as printed)', () => {
    const s = parseSourceNote(
      'Điều 9 Luật số 14/2008/QH12, có hiệu lực thi hành kể từ ngày 01/01/2009, có nội dung được sửa đổi, bổ sung theo quy định tại khoản 5 Điều 1 của Luật số 32/2013/QH13, có hiệu lực kể từ ngày 01 tháng 01 năm 2014; khoản 3, khoản 4 Điều 1 của Luật số 71/2014/QH13, có hiệu lực kể từ ngày 01 tháng 01 năm 2015; các nội dung quy định về tỷ giá khi xác định doanh thu, chi phí, giá tính thuế, thu nhập tính thuế, thu nhập chịu thuế và thuế nộp ngân sách nhà nước tại điều này bị bãi bỏ theo quy định tại điểm a khoản 2 Điều 6 của Luật số 71/2014/QH13, có hiệu lực kể từ ngày 01 tháng 01 năm 2015.',
    );
    expect(s.changes).toEqual([
      { kind: 'amended', partial: true },
      { kind: 'supplemented', partial: true },
    ]);
    expect(s.amendedBy.map((x) => [x.documentNumber, x.units, x.effective])).toEqual([
      ['32/2013/QH13', 'khoản 5 Điều 1', '2014-01-01'],
      ['71/2014/QH13', 'khoản 3, khoản 4 Điều 1', '2015-01-01'],
      ['71/2014/QH13', 'điểm a khoản 2 Điều 6', '2015-01-01'],
    ]);
    const a = { source: s, notes: [] } as unknown as CodifiedArticle;
    expect(incorporationsOf(a).map((i) => [i.documentNumber, i.units, i.target, i.effective, i.from])).toEqual([
      ['32/2013/QH13', 'khoản 5 Điều 1', null, '2014-01-01', 'source_note'],
      ['71/2014/QH13', 'khoản 3, khoản 4 Điều 1', null, '2015-01-01', 'source_note'],
      ['71/2014/QH13', 'điểm a khoản 2 Điều 6', null, '2015-01-01', 'source_note'],
    ]);
  });

  it('leaves the "bởi" form as it was (Luật 48/2014/QH13 on Điều 1)', () => {
    const s = parseSourceNote(
      '(Điều 3 Luật số 23/2004/QH11 Giao thông đường thủy nội địa ngày 15/06/2004 của Quốc hội, có hiệu lực thi hành kể từ ngày 01/01/2005, có nội dung được sửa đổi, bổ sung bởi Điều 1 Luật số 48/2014/QH13 có hiệu lực thi hành kể từ ngày 01/01/2015)',
    );
    expect(s.amendedBy.map((x) => [x.documentNumber, x.units, x.effective])).toEqual([['48/2014/QH13', 'Điều 1', '2015-01-01']]);
  });

  it('reads the list from the notes of an article stored before the field existed', () => {
    const a = article('33.1.LQ.7');
    const { incorporates: _, ...old } = a;
    expect(incorporationsOf(old as CodifiedArticle)).toEqual(a.incorporates);
  });
});
