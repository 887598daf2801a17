/**
 * The effective date of a document, read from its own effectiveness provision ("Luật này có hiệu lực thi hành từ
 * ngày ..."), checked against the dates the corpus manifest gives (read from the texts by people).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Unit } from '../../domain/model';
import { effectiveDate } from '../../domain/parse/effective';
import { parseDocument } from '../../domain/parse/parse';
import { CORPUS_DIR } from '../support/fixtures';

const locate = (file: string): string => join(CORPUS_DIR, file);

const effectiveOf = (path: string): string | null => {
  const t = readFileSync(path, 'utf8');
  const r = parseDocument(t, /\*\*[^*\n]+\*\*/.test(t.slice(0, 20000)) ? 'markdown' : 'text');
  return effectiveDate(r.units, r.metadata.issued);
};

/** Every corpus document whose effective date manifest.json gives (the other nine: null, unknown). */
const MANIFEST_EFFECTIVE: [string, string][] = [
  ['01-2022-TTLT-VKSNDTC-TANDTC-BCA-BQP-BLDTBXH.txt', '2022-04-05'],
  ['02-2023-TT-BLDTBXH.txt', '2023-06-01'],
  ['02-2024-TT-BLDTBXH.txt', '2024-05-15'],
  ['04-2007-QH12.txt', '2009-01-01'],
  ['08-2022-QD-TTg.txt', '2022-03-28'],
  ['08-2025-NQ-CP.txt', '2025-11-26'],
  ['09-2022-TT-BLDTBXH.txt', '2022-07-11'],
  ['110-2025-TT-BTC.txt', '2026-01-05'],
  ['112-2025-TT-BTC.txt', '2025-11-28'],
  ['130-2025-TT-BQP.txt', '2025-11-26'],
  ['138-2025-QD-UBND-DongThap.txt', '2025-12-05'],
  ['158-2025-ND-CP.txt', '2025-07-01'],
  ['169-QD-BLDTBXH.txt', '2025-01-24'],
  ['17-2022-UBTVQH15.txt', '2022-04-01'],
  ['21-2021-TT-BLDTBXH.txt', '2022-02-01'],
  ['2284-QD-UBND-LamDong.txt', '2025-11-25'],
  ['26-2012-QH13.txt', '2013-07-01'],
  ['28-2021-QD-TTg.txt', '2021-10-01'],
  ['304-2025-ND-CP.txt', '2025-12-01'],
  ['34-2025-NQ-HDND-Hue.txt', '2025-11-28'],
  ['38-2022-ND-CP.txt', '2022-07-01'],
  ['41-2024-QH15.txt', '2025-07-01'],
  // "Bộ luật này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2021" (Điều 220), not the date of a collective
  // agreement "có hiệu lực kể từ ngày ký kết" (Điều 78, headed "Hiệu lực và thời hạn của thỏa ước ...").
  ['45-2019-QH14.txt', '2021-01-01'],
  ['51-2025-NQ-HDND-HaNoi.txt', '2026-01-01'],
  ['52-2025-QD-CTUBND-CaoBang.txt', '2025-11-28'],
  ['55-2025-NQ-HDND-HaNoi.txt', '2026-01-01'],
  ['56-2025-QD-UBND-CaoBang.txt', '2025-12-08'],
  ['58-2014-QH13.txt', '2016-01-01'],
  ['58-2014-QH13__congbao.txt', '2016-01-01'],
  // Điều 217 "Điều khoản thi hành", not a company decision "có hiệu lực kể từ ngày ký" (Điều 99).
  ['59-2020-QH14.txt', '2021-01-01'],
  ['69-2020-QH14.txt', '2022-01-01'],
  ['69-2020-QH14__congbao.txt', '2022-01-01'],
  ['70-2025-QD-UBND-HaNoi.txt', '2025-11-17'],
  ['74-2025-NQ-HDND-HaNoi.txt', '2025-11-27'],
  ['78-2025-UBTVQH15.txt', '2025-07-01'],
  // Điều 172, not Điều 151 "Thời điểm có hiệu lực của văn bản ..." ("có thể có hiệu lực kể từ ngày thông qua").
  ['80-2015-QH13.txt', '2016-07-01'],
  ['81-2025-QD-UBND-DaNang.txt', '2025-11-27'],
  ['84-2015-QH13.txt', '2016-07-01'],
  // "có hiệu lực kể từ ngày ban" / "hành.": the date of issue.
  ['84-2025-QD-UBND-HaTinh.txt', '2025-12-02'],
  ['91-2015-QH13.txt', '2017-01-01'],
  ['97-2025-QD-UBND-QuangNinh.txt', '2025-12-01'],
];

describe('effective dates agree with the corpus manifest', () => {
  const present = MANIFEST_EFFECTIVE.map(([file, date]) => [file, date, locate(file)] as const);

  it('has the four documents that once went wrong in the repo', () => {
    const names = present.map(([f]) => f);
    for (const f of ['45-2019-QH14.txt', '59-2020-QH14.txt', '80-2015-QH13.txt', '84-2025-QD-UBND-HaTinh.txt']) expect(names).toContain(f);
  });

  it.each(present)('%s → %s', (_file, date, path) => {
    expect(effectiveOf(path)).toBe(date);
  });
});

describe('effectiveDate', () => {
  const unit = (eId: string, heading: string | null, text: string, children: Unit[] = []): Unit => ({
    kind: eId.includes('__para_') ? 'clause' : 'article',
    num: eId.replace(/^.*_/, ''),
    eId,
    heading,
    text,
    children,
  });

  it('prefers the document\'s own provision ("Luật này ...") to other units that speak of effect', () => {
    const units = [
      unit('art_5', 'Hiệu lực của quyết định', 'Quyết định của Hội đồng có hiệu lực kể từ ngày ký.'),
      unit('art_9', 'Điều khoản thi hành', '', [unit('art_9__para_1', null, 'Luật này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2021.')]),
    ];
    expect(effectiveDate(units, '2020-06-17')).toBe('2021-01-01');
  });

  it('reads "ngày ký kết" (a contract or agreement) as no date of issue', () => {
    expect(effectiveDate([unit('art_1', 'Hiệu lực của thỏa ước', 'Thỏa ước có hiệu lực kể từ ngày ký kết.')], '2019-11-20')).toBeNull();
  });

  it('reads "kể từ ngày ban hành" and "kể từ ngày ký" as the date of issue', () => {
    expect(effectiveDate([unit('art_2', null, 'Quyết định này có hiệu lực kể từ ngày ban hành.')], '2025-12-02')).toBe('2025-12-02');
    expect(effectiveDate([unit('art_2', null, 'Quyết định này có hiệu lực kể từ ngày ký.')], '2025-12-02')).toBe('2025-12-02');
  });

  it('reads a resolution whose provision follows the date it was passed', () => {
    const text =
      'Nghị quyết này đã được Hội đồng nhân dân Thành phố Hà Nội khóa XVI, kỳ họp thứ 28 thông qua ngày 26 tháng 11 năm 2025 và có hiệu lực từ ngày 01 tháng 01 năm 2026.';
    expect(effectiveDate([unit('art_3', 'Hiệu lực thi hành', text)], '2025-11-26')).toBe('2026-01-01');
  });

  it('ignores the provision of a quoted amended text', () => {
    const text = 'Sửa đổi Điều 20 như sau: “Điều 20. Luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2009.”';
    expect(effectiveDate([unit('art_1', null, text), unit('art_2', null, 'Luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2013.')], null)).toBe(
      '2013-07-01',
    );
  });
});
