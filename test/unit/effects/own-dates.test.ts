/** Clause-specific effective dates: "Khoản 2 Điều 1 Thông tư này có hiệu lực ..." ("của" left out) dates that clause's effects. */
import { parseInstructions } from '../../../domain/effects/instructions';
import { parseDocument } from '../../../domain/parse/parse';

const text = (provision: string) => `BỘ TÀI CHÍNH
Số: 92/2024/TT-BTC
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Hà Nội, ngày 20 tháng 11 năm 2024
THÔNG TƯ
Sửa đổi, bổ sung một số điều của Thông tư số 90/2024/TT-BTC
Điều 1. Sửa đổi, bổ sung một số điều của Thông tư số 90/2024/TT-BTC
1. Bãi bỏ khoản 3 Điều 2.
2. Bãi bỏ khoản 4 Điều 2.
Điều 2. Hiệu lực thi hành
1. Thông tư này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2025.
2. ${provision} có hiệu lực thi hành từ ngày 01 tháng 01 năm 2030.
`;

it.each(['Khoản 2 Điều 1 Thông tư này', 'Khoản 2 Điều 1 của Thông tư này', 'Khoản 2 Điều 1'])('"%s có hiệu lực ..." dates only that clause', (provision) => {
  const { effects } = parseInstructions({ id: 'A', number: '92/2024/TT-BTC', effective: '2025-01-01' }, parseDocument(text(provision)), {
    workId: 'B',
    number: '90/2024/TT-BTC',
  });
  expect(effects.map((e) => [e.target.eId, e.effectiveFrom])).toEqual([
    ['art_2__para_3', '2025-01-01'],
    ['art_2__para_4', '2030-01-01'],
  ]);
});
