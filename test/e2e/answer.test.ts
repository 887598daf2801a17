/**
 * Cited answers at a date (issue 17): GET /v1/answer and answerQuestion on real corpus documents — an amended unit
 * (09/2022/TT-BLĐTBXH Điều 1, amended by 02/2023/TT-BLĐTBXH from 2023-06-01), a repealed one (the same Thông tư,
 * announced expired by 169/QĐ-BLĐTBXH from 2024-06-05) and a not-yet-effective one (41/2024/QH15, in force from
 * 2025-07-01, replacing 58/2014/QH13): each answered with its text and status on the date asked, never as in force
 * when it is not.
 */
import { ABSTAIN_BELOW, answerQuestion } from '../../domain/services/answer';
import { ingestDocument } from '../../domain/services/ingest';
import { AnswerResponse } from '../../schemas/search';
import { Problem } from '../../schemas/common';
import { corpusFile } from '../support/fixtures';
import { startLocalApi } from '../support/local-api';

type Api = Awaited<ReturnType<typeof startLocalApi>>;
let api: Api;

beforeAll(async () => {
  api = await startLocalApi();
  for (const f of ['09-2022-TT-BLDTBXH.txt', '02-2023-TT-BLDTBXH.txt', '169-QD-BLDTBXH.txt', '41-2024-QH15.txt', '58-2014-QH13.txt'])
    await ingestDocument(api.embedded.ports, { fileName: f, bytes: corpusFile(f) });
  await api.index();
}, 120_000);
afterAll(() => api?.close());

const GIAM_NGHEO = 'Phạm vi điều chỉnh của thông tư về dự án hỗ trợ phát triển sản xuất, đa dạng hóa sinh kế, mô hình giảm nghèo';
const BHXH = 'Đối tượng tham gia bảo hiểm xã hội bắt buộc gồm những ai?';
const ask = (q: string, at: string) => answerQuestion(api.embedded.ports, { q, at, limit: 3 });
const inForce = (codes: string[]) => codes.every((c) => c === 'in_force' || c === 'partially_expired');

it('answers with the amended text after the amendment, the original before, and names the amending document', async () => {
  const before = await ask(GIAM_NGHEO, '2023-01-01');
  const after = await ask(GIAM_NGHEO, '2023-12-01');
  const clause = (r: typeof before) => r.answers.find((a) => a.documentNumber === '09/2022/TT-BLĐTBXH' && a.eId === 'art_1__para_1');
  expect(clause(before)?.text).toBe('1. Đa dạng hóa sinh kế, phát triển mô hình giảm nghèo (Dự án 2).');
  expect(clause(after)?.text).toContain('theo quy định tại khoản 2 Mục III Chương trình mục tiêu quốc gia giảm nghèo bền vững');
  expect(clause(after)?.status.reasons.map((r) => r.message)).toEqual(
    expect.arrayContaining([expect.stringMatching(/sửa đổi, bổ sung bởi 02\/2023\/TT-BLĐTBXH.*2023-06-01/)]),
  );
  expect(clause(after)?.permalink).toBe('/document.html?id=09-2022-TT-BLDTBXH&at=2023-12-01#art_1__para_1');
  for (const r of [before, after]) {
    expect(r.abstained).toBeNull();
    expect(inForce(r.answers.map((a) => a.status.code))).toBe(true);
    expect(r.answers.every((a) => a.confidence >= 0.3 && a.confidence <= 1)).toBe(true);
  }
});

it('never answers with a repealed unit: after 2024-06-05 it is listed as not in force, with the ground, and there is no answer', async () => {
  const r = await ask(GIAM_NGHEO, '2025-01-01');
  expect(r.answers).toEqual([]);
  expect(r.abstained).toMatch(/Không tìm thấy quy định còn hiệu lực tại ngày 2025-01-01/);
  expect(r.notInForce.length).toBeGreaterThan(0);
  for (const a of r.notInForce) {
    expect(a.documentNumber).toBe('09/2022/TT-BLĐTBXH');
    expect(a.status.code).toBe('expired');
    expect(a.status.reasons[0]).toMatchObject({ number: '169/QĐ-BLĐTBXH', date: '2024-06-05' });
  }
});

it('answers with the law in force on the date: 58/2014/QH13 before 2025-07-01, 41/2024/QH15 after', async () => {
  const early = await ask(BHXH, '2025-01-01');
  expect(early.answers[0]?.documentNumber).toBe('58/2014/QH13');
  expect(new Set(early.answers.map((a) => a.documentNumber))).toEqual(new Set(['58/2014/QH13']));
  expect(early.notInForce.some((a) => a.documentNumber === '41/2024/QH15' && a.status.code === 'not_yet_in_force')).toBe(true);

  const late = await ask(BHXH, '2025-08-01');
  expect(new Set(late.answers.map((a) => a.documentNumber))).toEqual(new Set(['41/2024/QH15']));
  const replaced = late.notInForce.find((a) => a.documentNumber === '58/2014/QH13');
  expect(replaced?.status).toMatchObject({ code: 'expired' });
  expect(replaced?.status.reasons[0]).toMatchObject({ number: '41/2024/QH15', date: '2025-07-01' });
});

it('abstains rather than pad with weak matches', async () => {
  // Provisions in force match a few words ("thủ tục", "đăng ký"), none the question: below the confidence threshold.
  const r = await ask('thủ tục đăng ký nhãn hiệu hàng hóa quốc tế', '2025-08-01');
  expect(r.answers).toEqual([]);
  const best = Number(/độ khớp cao nhất (0\.\d\d)/.exec(r.abstained ?? '')?.[1]);
  expect(r.abstained).toMatch(/^Không tìm thấy quy định đủ khớp với câu hỏi/);
  expect(best).toBeGreaterThan(0);
  expect(best).toBeLessThan(ABSTAIN_BELOW);
});

it('serves GET /v1/answer (public) with the schema, and problem+json for a bad request', async () => {
  const res = await fetch(`${api.base}/v1/answer?q=${encodeURIComponent(BHXH)}&at=2025-08-01&limit=2`);
  expect(res.status).toBe(200);
  const body = AnswerResponse.parse(await res.json());
  expect(body.at).toBe('2025-08-01');
  expect(body.answers.length).toBeGreaterThan(0);
  expect(body.answers.length).toBeLessThanOrEqual(2);
  expect(body.answers[0]).toMatchObject({ documentId: '41-2024-QH15', documentNumber: '41/2024/QH15' });

  for (const bad of ['q=', 'q=abc&at=2025-13-45', 'q=abc&limit=50', `q=${'a'.repeat(1001)}`, 'q=%3F%21']) {
    const r = await fetch(`${api.base}/v1/answer?${bad}`);
    expect([r.status, r.headers.get('content-type')]).toEqual([400, 'application/problem+json']);
    expect(Problem.parse(await r.json()).type).toBe('/problems/validation');
  }
});
