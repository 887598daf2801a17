/**
 * The draft page in headless Chromium against the local runtime: a draft of two real versions, comments beside the
 * units they follow (a comment on Điều 3 of version 1 shows beside Điều 4 of version 2), the orphaned one apart, the
 * renumbering in the diff, the appraisal record; no console errors.
 */
import type { Page } from 'playwright-core';
import { assertChromium, type Browser, launchBrowser } from '../support/browser';
import { draftVersion1, draftVersion2 } from '../support/drafting';
import { startLocalApi } from '../support/local-api';

let api: Awaited<ReturnType<typeof startLocalApi>>;
let browser: Browser;
let draftId = '';

const post = async (path: string, body: unknown, token: string) => {
  const res = await fetch(`${api.base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { draft: { id: string } };
};

beforeAll(async () => {
  assertChromium();
  api = await startLocalApi();
  const drafter = await api.token(['drafter']);
  const appraiser = await api.token(['appraiser']);
  draftId = (await post('/v1/drafts', { title: 'Dự thảo Thông tư về giảm nghèo', agency: 'Bộ Lao động - Thương binh và Xã hội' }, drafter)).draft.id;
  await post(`/v1/drafts/${draftId}/versions`, { fileName: 'v1.txt', content: draftVersion1() }, drafter);
  await post(`/v1/drafts/${draftId}/comments`, { eId: 'art_3', text: 'Đề nghị nêu rõ đối tượng hỗ trợ' }, appraiser);
  await post(`/v1/drafts/${draftId}/comments`, { eId: 'art_1__para_1', text: 'Phạm vi quá hẹp' }, appraiser);
  await post(`/v1/drafts/${draftId}/versions`, { fileName: 'v2.txt', content: draftVersion2() }, drafter);
  await post(`/v1/drafts/${draftId}/appraisals`, { eIds: ['art_3'], body: 'Vụ Pháp chế', opinion: 'Đủ điều kiện trình ký.', outcome: 'approved' }, appraiser);
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await api?.close();
});

it('shows each unit with its comments beside it, the orphan apart, the renumbering and the appraisal', async () => {
  const page: Page = await browser.context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(`${api.base}/draft.html?id=${draftId}`);
  await page.locator('#art_4 .comment').first().waitFor();
  expect(await page.locator('h1').textContent()).toBe('Dự thảo Thông tư về giảm nghèo');
  expect(await page.locator('#art_4 .comments').textContent()).toContain('Đề nghị nêu rõ đối tượng hỗ trợ');
  expect(await page.locator('#art_4 .comments').textContent()).toContain('Góp ý trên phiên bản 1, Điều 3');
  expect(await page.locator('#art_3 .comment').count()).toBe(0);
  expect(await page.locator('#orphaned').textContent()).toContain('Phạm vi quá hẹp');
  await page.locator('#diff .diff-unit').first().waitFor();
  expect(await page.locator('#diff').textContent()).toContain('Điều 3 → Điều 4 (đánh số lại)');
  expect(await page.locator('#diff').textContent()).toContain('Thêm Điều 3');
  expect(await page.locator('#records').textContent()).toContain('Thẩm định: Đủ điều kiện');
  expect(problems).toEqual([]);
  await page.close();
});

it('after promulgation the document page names the draft and shows its appraisal (issue 21)', async () => {
  const reviewer = await api.token(['reviewer']);
  const promoted = await fetch(`${api.base}/v1/drafts/${draftId}/promote`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${reviewer}` },
    body: JSON.stringify({
      number: '15/2026/TT-BLĐTBXH',
      issued: '2026-05-15',
      effective: '2026-07-01',
      signer: { name: 'Lê Văn Thanh', capacity: 'THỨ TRƯỞNG' },
    }),
  });
  expect(promoted.status).toBe(201);
  await api.index();
  const page: Page = await browser.context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(`${api.base}/document.html?id=15-2026-TT-BLDTBXH`);
  // The properties are a list of terms and descriptions: the description after "Thẩm định".
  const row = page.locator('#props dt:text-is("Thẩm định") + dd');
  await row.waitFor();
  const text = (await row.textContent()) ?? '';
  expect(text).toContain(`Ban hành từ dự thảo ${draftId}, phiên bản 2`);
  expect(text).toContain('Đủ điều kiện — Vụ Pháp chế, phiên bản 2');
  expect(text).toContain('Đủ điều kiện trình ký.');
  expect(await row.locator('a').first().getAttribute('href')).toBe(`/draft.html?id=${draftId}`);
  expect(problems).toEqual([]);
  await page.close();
});
