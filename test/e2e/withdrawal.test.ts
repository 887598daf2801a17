/**
 * Withdrawing a document ingested by mistake, and reinstating it (issue 22), on the local runtime with two real
 * documents: 02/2023/TT-BLĐTBXH amends Điều 1 of 09/2022/TT-BLĐTBXH from 2023-06-01. Withdrawing the amending one
 * keeps who/when/why in its history, hides it from the list and search, retracts its effect from the amended one's
 * status and consolidated text, and makes GET of it 410 Gone; reinstating brings everything back.
 * The reviewer acts through POST /v1/documents/{id}/withdraw and /reinstate.
 */
import { sampleFile } from '../support/fixtures';
import { startLocalApi } from '../support/local-api';

type Api = Awaited<ReturnType<typeof startLocalApi>>;
let api: Api;

const AMENDED = '09-2022-TT-BLDTBXH';
const AMENDING = '02-2023-TT-BLDTBXH';

beforeAll(async () => {
  api = await startLocalApi();
  for (const f of [`${AMENDED}.txt`, `${AMENDING}.txt`]) expect((await api.ingest(f, sampleFile(f))).outcome).toBe('created');
  await api.index();
}, 60_000);
afterAll(() => api.close());

// biome-ignore lint/suspicious/noExplicitAny: loose JSON reads
const get = async (path: string): Promise<{ status: number; type: string; body: any }> => {
  const res = await fetch(`${api.base}${path}`);
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: text ? JSON.parse(text) : null };
};

// biome-ignore lint/suspicious/noExplicitAny: loose JSON reads
const post = async (path: string, body: unknown, roles: string[] = ['reviewer']): Promise<{ status: number; type: string; body: any }> => {
  const res = await fetch(`${api.base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await api.token(roles)}` },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: text ? JSON.parse(text) : null };
};

async function snapshot() {
  const status = (await get(`/v1/documents/${AMENDED}/status?at=2023-06-01`)).body;
  const consolidated = (await get(`/v1/documents/${AMENDED}/consolidated?at=2023-06-01`)).body;
  const search = (await get('/v1/search?q=02%2F2023%2FTT-BL%C4%90TBXH&group=document')).body;
  const list = (await get('/v1/documents?limit=100')).body;
  const lists = (await get(`/v1/systematization?${new URLSearchParams({ issuer: 'BLĐTBXH', at: '2024-12-31' })}`)).body;
  const found = JSON.stringify(search).includes(AMENDING);
  // A drafter checking a căn cứ block that cites the document by number.
  const check = (await post('/v1/status/check', { text: 'Căn cứ Thông tư số 02/2023/TT-BLĐTBXH;' }, [])).body;
  const cited = check.items?.[0] ?? {};
  return {
    amendedReasons: (status.reasons ?? []).map((r: { code: string; workId?: string }) => `${r.code}:${r.workId ?? ''}`),
    applied: (consolidated.applied ?? []).length,
    heading:
      consolidated.units?.find?.((u: { eId: string }) => u.eId === 'art_1')?.heading ?? JSON.stringify(consolidated).match(/Phạm vi (áp dụng|điều chỉnh)/)?.[0],
    found,
    listed: list.items.map((w: { id: string }) => w.id),
    systematized: JSON.stringify(lists).includes(AMENDING),
    checked: { documentId: cited.documentId, inDatabase: cited.inDatabase },
  };
}

it('withdraws the amending document with a reason, retracting its effect, and reinstates it', async () => {
  const before = await snapshot();
  expect(before.amendedReasons).toContain(`amended:${AMENDING}`);
  expect(before.applied).toBe(1);
  expect(before.found).toBe(true);
  expect(before.listed).toEqual(expect.arrayContaining([AMENDED, AMENDING]));
  expect(before.systematized).toBe(true);
  expect(before.checked).toEqual({ documentId: AMENDING, inDatabase: true });

  // A reviewer's act, with a reason; nobody else's.
  expect((await post(`/v1/documents/${AMENDING}/withdraw`, { reason: 'Tiếp nhận nhầm' }, ['editor'])).status).toBe(403);
  const empty = await post(`/v1/documents/${AMENDING}/withdraw`, { reason: '' });
  expect(empty.status).toBe(400);
  expect(empty.type).toContain('application/problem+json');
  expect((await post('/v1/documents/99-2099-TT-BTC/withdraw', { reason: 'Tiếp nhận nhầm' })).status).toBe(404);
  expect((await get(`/v1/documents/${AMENDING}`)).status).toBe(200);
  const first = (await post(`/v1/documents/${AMENDING}/withdraw`, { reason: 'Tiếp nhận nhầm' })).body;
  const reviewer = first.withdrawn.actor;
  expect(first).toMatchObject({ documentId: AMENDING, changed: true, withdrawn: { reason: 'Tiếp nhận nhầm' } });
  // Idempotent: a second withdrawal changes nothing and answers the same state.
  const again = await post(`/v1/documents/${AMENDING}/withdraw`, { reason: 'Lần nữa' });
  expect(again.status).toBe(200);
  expect(again.body).toEqual({ ...first, changed: false });
  await api.index();

  const gone = await get(`/v1/documents/${AMENDING}`);
  expect(gone.status).toBe(410);
  expect(gone.type).toContain('application/problem+json');
  expect(gone.body).toMatchObject({ type: '/problems/gone', status: 410, withdrawn: { actor: reviewer, reason: 'Tiếp nhận nhầm' } });
  expect(gone.body.withdrawn.at).toMatch(/^\d{4}-\d{2}-\d{2}T/);

  const during = await snapshot();
  expect(during.amendedReasons).not.toContain(`amended:${AMENDING}`);
  expect(during.applied).toBe(0);
  expect(during.found).toBe(false);
  expect(during.listed).toContain(AMENDED);
  expect(during.listed).not.toContain(AMENDING);
  expect(during.systematized).toBe(false);
  // Nor does the status check find it by its number.
  expect(during.checked).toEqual({ documentId: null, inDatabase: false });

  const history = (await get(`/v1/documents/${AMENDING}/history`)).body;
  const withdrawal = history.events.find((e: { changed?: string[] }) => e.changed?.includes('withdrawn'));
  expect(withdrawal).toMatchObject({ kind: 'document.updated', actor: reviewer, reason: 'Tiếp nhận nhầm' });
  expect(withdrawal.summary).toMatch(/^Rút /);
  // The amended document's history says its relation from the withdrawn one went, and why.
  const amendedHistory = (await get(`/v1/documents/${AMENDED}/history`)).body;
  expect(amendedHistory.events.some((e: { kind: string; reason: string | null }) => e.kind === 'relations.changed' && e.reason === 'Tiếp nhận nhầm')).toBe(
    true,
  );

  const back = (await post(`/v1/documents/${AMENDING}/reinstate`, { reason: 'Đã kiểm tra lại' })).body;
  expect(back).toMatchObject({ documentId: AMENDING, changed: true, withdrawn: null });
  expect((await post(`/v1/documents/${AMENDING}/reinstate`, { reason: 'Đã kiểm tra lại' })).body).toEqual({ ...back, changed: false });
  await api.index();

  expect((await get(`/v1/documents/${AMENDING}`)).status).toBe(200);
  expect(await snapshot()).toEqual(before);
  const after = (await get(`/v1/documents/${AMENDING}/history`)).body;
  const reinstated = after.events.filter((e: { changed?: string[] }) => e.changed?.includes('withdrawn')).pop();
  expect(reinstated).toMatchObject({ actor: reviewer, reason: 'Đã kiểm tra lại' });
  expect(reinstated.summary).toMatch(/^Khôi phục /);
}, 60_000);
