/**
 * Provisions that take effect on their own dates (domain/status/commencement.ts), on sentences as the corpus prints
 * them: the exception in a law's own provision, units of "… này" with a date, and what must not be read (another
 * document's units, a VBHN's notes).
 */
import { unitCommencements } from '../../../domain/status/commencement';

const unit = (eId: string, text: string) => ({ eId, kind: 'clause', heading: null, text });
const units = (...texts: [string, string][]) => [
  { eId: 'art_1', kind: 'article', heading: null, text: '' },
  { eId: 'art_1__para_3', kind: 'clause', heading: null, text: 'x' },
  { eId: 'art_2__para_1__point_b', kind: 'point', heading: null, text: 'x' },
  { eId: 'art_2__para_2', kind: 'clause', heading: null, text: 'x' },
  { eId: 'art_15', kind: 'article', heading: null, text: 'x' },
  { eId: 'art_16', kind: 'article', heading: null, text: 'x' },
  { eId: 'art_19__para_3', kind: 'clause', heading: null, text: 'x' },
  ...texts.map(([e, t]) => unit(e, t)),
];

it('reads "trừ quy định tại … của Luật này thì có hiệu lực … từ ngày" (Luật 58/2014/QH13 Điều 124)', () => {
  const text =
    'Luật này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2016, trừ quy định tại điểm b khoản 1 và khoản 2 Điều 2 của Luật này thì có hiệu lực thi hành kể từ ngày 01 tháng 01 năm 2018.';
  expect(unitCommencements(units(['art_124__para_1', text]), '2014-11-20', '2016-01-01')).toEqual([
    { eId: 'art_2__para_1__point_b', date: '2018-01-01', sourceEId: 'art_124__para_1' },
    { eId: 'art_2__para_2', date: '2018-01-01', sourceEId: 'art_124__para_1' },
  ]);
});

it('reads units of "Thông tư này" given their own date, one or several', () => {
  const found = unitCommencements(
    units(
      ['art_30__para_2', 'Khoản 3 Điều 19 Thông tư này có hiệu lực từ ngày 01 tháng 8 năm 2026.'],
      ['art_30__para_3', 'Điều 15, Điều 16 Thông tư này có hiệu lực từ ngày 01 tháng 01 năm 2027.'],
    ),
    '2026-05-01',
    '2026-06-15',
  );
  expect(found.map((c) => [c.eId, c.date])).toEqual([
    ['art_19__para_3', '2026-08-01'],
    ['art_15', '2027-01-01'],
    ['art_16', '2027-01-01'],
  ]);
});

it("does not read another document's units, units this text does not have, or the work's own date", () => {
  expect(
    unitCommencements(
      units(
        ['art_9__para_1', 'Điều 38 của Luật Cư trú số 68/2020/QH14, có hiệu lực kể từ ngày 01 tháng 7 năm 2021 quy định như sau'],
        ['art_9__para_2', 'Khoản 7 Điều 99 Thông tư này có hiệu lực từ ngày 01 tháng 8 năm 2026.'],
        ['art_9__para_3', 'Khoản 3 Điều 1 Thông tư này có hiệu lực từ ngày 01 tháng 6 năm 2026.'],
      ),
      '2026-05-01',
      '2026-06-01',
    ),
  ).toEqual([]);
});
