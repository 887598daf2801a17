/**
 * An article whose heading names the amended document and whose body is one unnumbered instruction
 * ("Điều 1. Sửa đổi, bổ sung một số điều của Thông tư số ..." / "Bổ sung Điều 9a vào sau Điều 9 như sau:"): the
 * heading line is not glued to the instruction, which is read like a numbered one. Found by the concurrency test on
 * DynamoDB (a synthetic circular's insertion was silently lost: no effect, no diagnostic).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseInstructions } from '../../../domain/effects/instructions';
import type { Effect } from '../../../domain/effects/types';
import { parseDocument } from '../../../domain/parse/parse';

const text = (heading: string, body: string) => `BỘ TÀI CHÍNH
Số: 11/2024/TT-BTC
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Hà Nội, ngày 15 tháng 3 năm 2024
THÔNG TƯ
Sửa đổi, bổ sung một số điều của Thông tư số 09/2022/TT-BTC
Bộ trưởng Bộ Tài chính ban hành Thông tư sửa đổi, bổ sung một số điều của Thông tư số 09/2022/TT-BTC.
Điều 1. ${heading}
${body}
Điều 2. Hiệu lực thi hành
Thông tư này có hiệu lực thi hành từ ngày 01 tháng 5 năm 2024.
`;
const read = (heading: string, body: string) =>
  parseInstructions({ id: 'A', number: '11/2024/TT-BTC', effective: '2024-05-01' }, parseDocument(text(heading, body)), {
    workId: 'B',
    number: '09/2022/TT-BTC',
  });
const summary = (effects: Effect[]) =>
  effects.map((e) => `${e.source.eId} ${e.operation} ${e.target.eId}${e.payload.anchorEId ? ` after ${e.payload.anchorEId}` : ''}`);

describe('an unnumbered instruction under a heading that names the amended document', () => {
  it.each([
    [
      'Sửa đổi, bổ sung một số điều của Thông tư số 09/2022/TT-BTC',
      'Bổ sung Điều 9a vào sau Điều 9 như sau:\n“Điều 9a. Theo dõi\nNội dung mới.”',
      'art_1 insert_after art_9a after art_9',
    ],
    [
      'Sửa đổi, bổ sung một số điều của Thông tư số 09/2022/TT-BTC ngày 25 tháng 5 năm 2022 của Bộ trưởng Bộ Tài chính',
      'Sửa đổi khoản 2 Điều 12 như sau:\n“2. Nội dung mới.”',
      'art_1 replace_unit art_12__para_2',
    ],
    ['Sửa đổi, bổ sung một số điều của Thông tư số 09/2022/TT-BTC', 'Bãi bỏ khoản 4 Điều 5.', 'art_1 repeal_unit art_5__para_4'],
  ])('"%s" then "%s"', (heading, body, expected) => {
    const { effects, diagnostics } = read(heading, body);
    expect(diagnostics).toEqual([]);
    expect(summary(effects)).toEqual([expected]);
    expect(effects[0]?.target.number).toBe('09/2022/TT-BTC');
  });

  it('still joins a heading wrapped onto the next line', () => {
    const { effects, diagnostics } = read(
      'Sửa đổi, bổ sung một số điều của Thông tư số 09/2022/TT-BTC ngày 25 tháng 5',
      'năm 2022 như sau:\n1. Bãi bỏ khoản 4 Điều 5.',
    );
    expect(diagnostics).toEqual([]);
    expect(summary(effects)).toEqual(['art_1__para_1 repeal_unit art_5__para_4']);
  });
});

describe('84/2025/QĐ-UBND (Hà Tĩnh): "Điều 1. Bãi bỏ toàn bộ các quyết định" then the instruction on its own line', () => {
  it('reads the repeal under the heading instead of losing it silently (it was glued to the heading before)', () => {
    const text = readFileSync(join(__dirname, '..', '..', 'fixtures', 'corpus', '84-2025-QD-UBND-HaTinh.txt'), 'utf8');
    const { effects, diagnostics } = parseInstructions(
      { id: '84-2025-QD-UBND-HaTinh', number: '84/2025/QĐ-UBND', effective: '2025-01-01' },
      parseDocument(text, 'markdown'),
      null,
    );
    expect(diagnostics).toEqual([]);
    expect(effects.map((e) => [e.source.eId, e.operation, e.target.number])).toContainEqual(['art_1', 'repeal_work', '10/2016/QĐ-UBND']);
    // The instruction also repeals 14/2022/QĐ-UBND ("... và Quyết định số 14/2022/QĐ-UBND ngày 15/6/2022 ..."), which
    // domain/parse/references does not find after "và": reported to the owners of domain/parse.
  });
});
