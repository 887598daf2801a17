/**
 * A unit an amendment inserts (`Bổ sung Điều 5a vào sau Điều 5`, `Bổ sung khoản 2a vào sau khoản 2 Điều 2`) exists
 * only in the consolidated text: GET /v1/documents/{id}/units/{eId} finds it there, at a date or today (Vietnam
 * time), says which effect of which document brought it and since when, and answers 404 with the dates it exists
 * when it does not exist that day.
 */
import type { Context } from 'aws-lambda';
import { ingestDocument } from '../../domain/services/ingest';
import type { Ports } from '../../domain/ports';
import { create } from '../../functions/units-get/app';
import type { AppContext, HttpEvent } from '../../functions/_shared/http';
import { createLogger } from '../../functions/_shared/logger';
import { drainOutbox } from '../../local/stream';
import { UnitResponse } from '../../schemas/documents';
import { tempEmbedded } from './../support/embedded';

process.env.LOG_LEVEL = 'CRITICAL';

const header = (number: string, date: string, title: string) => `BỘ TÀI CHÍNH
Số: ${number}
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Hà Nội, ${date}
THÔNG TƯ
${title}
`;
const amending = (number: string, date: string, body: string, effective: string) =>
  `${header(number, date, 'Sửa đổi, bổ sung một số điều của Thông tư số 90/2024/TT-BTC')}Bộ trưởng Bộ Tài chính ban hành Thông tư sửa đổi, bổ sung một số điều của Thông tư số 90/2024/TT-BTC.
Điều 1. Sửa đổi, bổ sung một số điều của Thông tư số 90/2024/TT-BTC
${body}
Điều 2. Hiệu lực thi hành
Thông tư này có hiệu lực thi hành từ ${effective}.
`;

const DOCUMENTS: Record<string, string> = {
  '90-2024-TT-BTC.txt': `${header('90/2024/TT-BTC', 'ngày 02 tháng 01 năm 2024', 'Quy định về quản lý quỹ thử nghiệm')}Căn cứ Luật Ngân sách nhà nước số 83/2015/QH13;
Bộ trưởng Bộ Tài chính ban hành Thông tư quy định về quản lý quỹ thử nghiệm.
Điều 1. Phạm vi điều chỉnh
Thông tư này quy định về quản lý quỹ thử nghiệm.
Điều 2. Nguyên tắc quản lý
1. Quỹ được quản lý công khai, minh bạch.
2. Quỹ được sử dụng đúng mục đích.
3. Quỹ được kiểm toán hằng năm.
Điều 5. Trách nhiệm thi hành
Các cơ quan, đơn vị có liên quan chịu trách nhiệm thi hành Thông tư này.
Điều 6. Hiệu lực thi hành
Thông tư này có hiệu lực thi hành từ ngày 01 tháng 02 năm 2024.
`,
  // Inserts khoản 2a and Điều 5a from 01/7/2024.
  '91-2024-TT-BTC.txt': amending(
    '91/2024/TT-BTC',
    'ngày 15 tháng 5 năm 2024',
    `1. Bổ sung khoản 2a vào sau khoản 2 Điều 2 như sau:
“2a. Quỹ được công bố báo cáo tài chính hằng quý.”
2. Bổ sung Điều 5a vào sau Điều 5 như sau:
“Điều 5a. Báo cáo
1. Cơ quan quản lý quỹ báo cáo Bộ Tài chính trước ngày 15 tháng 01 hằng năm.
2. Báo cáo gồm kết quả thu, chi của quỹ.”`,
    'ngày 01 tháng 7 năm 2024',
  ),
  // Replaces Điều 2 whole from 01/01/2025, without khoản 2a: khoản 2a exists from 01/7/2024 until 01/01/2025.
  '92-2024-TT-BTC.txt': amending(
    '92/2024/TT-BTC',
    'ngày 20 tháng 11 năm 2024',
    `1. Sửa đổi, bổ sung Điều 2 như sau:
“Điều 2. Nguyên tắc quản lý
1. Quỹ được quản lý công khai, minh bạch, hiệu quả.
2. Quỹ được sử dụng đúng mục đích.
3. Quỹ được kiểm toán hằng năm.”`,
    'ngày 01 tháng 01 năm 2025',
  ),
  // Inserts Điều 6a from 01/01/2030.
  '93-2029-TT-BTC.txt': amending(
    '93/2029/TT-BTC',
    'ngày 01 tháng 11 năm 2029',
    `1. Bổ sung Điều 6a vào sau Điều 6 như sau:
“Điều 6a. Điều khoản chuyển tiếp
Quỹ đã thành lập trước ngày Thông tư này có hiệu lực tiếp tục hoạt động.”`,
    'ngày 01 tháng 01 năm 2030',
  ),
};

const embedded = tempEmbedded();
afterAll(() => embedded.close());
beforeAll(async () => {
  for (const [fileName, text] of Object.entries(DOCUMENTS)) await ingestDocument(embedded.ports, { fileName, bytes: Buffer.from(text) });
  await drainOutbox(embedded);
});

/** GET /v1/documents/90-2024-TT-BTC/units/{eId}[?at=], with the clock at `now` (an instant, UTC). */
async function get(eId: string, opts: { at?: string; now?: string } = {}) {
  const ports: Ports = { ...embedded.ports, clock: { now: () => new Date(opts.now ?? '2026-03-01T03:00:00Z') } };
  const ctx: AppContext = { ports: async () => ports, logger: createLogger('test'), storeName: 'test' };
  const event = {
    version: '2.0',
    rawPath: `/v1/documents/90-2024-TT-BTC/units/${eId}`,
    headers: {},
    pathParameters: { id: '90-2024-TT-BTC', eId },
    queryStringParameters: opts.at ? { at: opts.at } : undefined,
    requestContext: { http: { method: 'GET', path: '/' }, requestId: 'r' },
  } as unknown as HttpEvent;
  const res = await create(ctx)(event, { awsRequestId: 'req-1' } as Context);
  return { status: res.statusCode, body: JSON.parse(res.body as string) };
}

describe('a unit inserted by an amendment', () => {
  it("is served without `at` from today's consolidated text, saying which effect of which document inserted it and since when", async () => {
    const { status, body } = await get('art_5a');
    expect(status).toBe(200);
    const r = UnitResponse.parse(body);
    expect(r.at).toBe('2026-03-01');
    expect(r.path.map((p) => p.eId)).toEqual(['art_5a']);
    expect(r.unit).toMatchObject({ kind: 'article', num: '5a', eId: 'art_5a', heading: 'Báo cáo', citation: 'Điều 5a' });
    expect(r.unit.children.map((c) => [c.eId, c.citation, c.text])).toEqual([
      ['art_5a__para_1', 'Điều 5a, khoản 1', 'Cơ quan quản lý quỹ báo cáo Bộ Tài chính trước ngày 15 tháng 01 hằng năm.'],
      ['art_5a__para_2', 'Điều 5a, khoản 2', 'Báo cáo gồm kết quả thu, chi của quỹ.'],
    ]);
    expect(r.inserted).toEqual({
      effectId: '91-2024-TT-BTC:art_1__para_2:1',
      operation: 'insert_after',
      sourceWorkId: '91-2024-TT-BTC',
      sourceNumber: '91/2024/TT-BTC',
      sourceEId: 'art_1__para_2',
      from: '2024-07-01',
      to: null,
      note: 'Điều này được bổ sung theo quy định tại khoản 2 Điều 1 Thông tư số 91/2024/TT-BTC, có hiệu lực kể từ ngày 01 tháng 7 năm 2024',
    });
    expect(r.consolidated?.sources?.map((s) => s.effectId)).toEqual(['91-2024-TT-BTC:art_1__para_2:1']);
  });

  it('reaches a clause inside an inserted article, crediting the insertion of the article', async () => {
    const r = UnitResponse.parse((await get('art_5a__para_2', { at: '2024-07-01' })).body);
    expect(r.path.map((p) => p.eId)).toEqual(['art_5a', 'art_5a__para_2']);
    expect(r.unit.citation).toBe('Điều 5a, khoản 2');
    expect(r.inserted?.effectId).toBe('91-2024-TT-BTC:art_1__para_2:1');
    expect(r.inserted?.from).toBe('2024-07-01');
  });

  it('takes "today" in Vietnam time: at 18:00 UTC on 30/6/2024 it is already 01/7/2024 in Hà Nội', async () => {
    const r = await get('art_5a', { now: '2024-06-30T18:00:00Z' });
    expect(r.status).toBe(200);
    expect(r.body.at).toBe('2024-07-01');
    const before = await get('art_5a', { now: '2024-06-30T16:59:59Z' });
    expect(before.status).toBe(404);
    expect(before.body.detail).toBe(
      'Unit art_5a of 90-2024-TT-BTC is not in the text in force on 2024-06-30: it exists from 2024-07-01 (Điều này được bổ sung theo quy định tại khoản 2 Điều 1 Thông tư số 91/2024/TT-BTC, có hiệu lực kể từ ngày 01 tháng 7 năm 2024)',
    );
  });

  it('with `at`, gives the unit in force that day with its path; a clause inserted into an article', async () => {
    const r = UnitResponse.parse((await get('art_2__para_2a', { at: '2024-08-01' })).body);
    expect(r.at).toBe('2024-08-01');
    expect(r.path.map((p) => [p.eId, p.kind, p.num])).toEqual([
      ['art_2', 'article', '2'],
      ['art_2__para_2a', 'clause', '2a'],
    ]);
    expect(r.unit).toMatchObject({ text: 'Quỹ được công bố báo cáo tài chính hằng quý.', citation: 'Điều 2, khoản 2a' });
    expect(r.inserted).toMatchObject({ effectId: '91-2024-TT-BTC:art_1__para_1:1', sourceNumber: '91/2024/TT-BTC', from: '2024-07-01', to: '2025-01-01' });
  });

  it('answers 404 with the dates it exists on a day it does not: dropped by a later replacement, or not in force yet', async () => {
    const gone = await get('art_2__para_2a');
    expect(gone.status).toBe(404);
    expect(gone.body).toMatchObject({
      type: '/problems/not-found',
      eId: 'art_2__para_2a',
      at: '2026-03-01',
      existsFrom: '2024-07-01',
      presence: [{ from: '2024-07-01', to: '2025-01-01', origin: { effectId: '91-2024-TT-BTC:art_1__para_1:1', sourceNumber: '91/2024/TT-BTC' } }],
    });
    expect(gone.body.detail).toMatch(/is not in the text in force on 2026-03-01: it exists from 2024-07-01 until 2025-01-01 \(Khoản này được bổ sung/u);

    const future = await get('art_6a', { at: '2029-12-31' });
    expect(future.status).toBe(404);
    expect(future.body).toMatchObject({ existsFrom: '2030-01-01', presence: [{ from: '2030-01-01', to: null, origin: { sourceWorkId: '93-2029-TT-BTC' } }] });
    const inForce = UnitResponse.parse((await get('art_6a', { at: '2030-01-01' })).body);
    expect(inForce.unit.heading).toBe('Điều khoản chuyển tiếp');
    expect(inForce.inserted?.sourceNumber).toBe('93/2029/TT-BTC');
  });

  it('still answers a plain 404 for an eId that never exists, and serves original units as before (no `inserted`)', async () => {
    const none = await get('art_99');
    expect(none.status).toBe(404);
    expect(none.body.presence).toBeUndefined();
    const original = UnitResponse.parse((await get('art_2__para_1')).body);
    expect(original.unit.text).toBe('Quỹ được quản lý công khai, minh bạch.');
    expect(original.inserted).toBeUndefined();
    expect(original.at).toBeUndefined();
    const amended = UnitResponse.parse((await get('art_2__para_1', { at: '2025-01-01' })).body);
    expect(amended.consolidated?.text).toBe('Quỹ được quản lý công khai, minh bạch, hiệu quả.');
  });
});
