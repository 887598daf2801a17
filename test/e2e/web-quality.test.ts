/**
 * The quality page (web/quality.html) in headless Chromium against the local runtime as `npm start` runs it (sample
 * corpus), after editors uploaded over the API: the gazette pages of the consolidated Luật An toàn, vệ sinh lao động
 * (no number, no signer), Luật 26/2012/QH13 and a copy of 04/2007/QH12 that lost Điều 19 to 23 (so two of the
 * amendments cannot apply), and a decision whose title carries markup. A reviewer's token typed in the page, the totals,
 * the worst documents first with what was found, links to the documents, the token kept in the tab only, the 401/403
 * messages, a phone screen, and the basics every page is held to.
 */
import type { Page } from 'playwright-core';
import { devSecret, signDevToken } from '../../local/devtoken';
import { QualityResponse } from '../../schemas/quality';
import { corpusFile } from '../support/fixtures';
import { webPages } from '../support/web-pages';

let reviewer: string;
let editor: string;

const MARKUP_TITLE = 'Về việc thử <img src=x onerror="window.__xss=1"> trên trang';
const MARKUP_DECISION = [
  'ỦY BAN NHÂN DÂN',
  'TỈNH THỬ NGHIỆM',
  '',
  'Số: 01/2099/QĐ-UBND',
  '',
  'Thử Nghiệm, ngày 02 tháng 01 năm 2099',
  '',
  'QUYẾT ĐỊNH',
  MARKUP_TITLE,
  '',
  'Điều 1. Phạm vi',
  'Quyết định này thử <b>chữ đậm</b>.',
  '',
  'Điều 2. Hiệu lực',
  'Quyết định này có hiệu lực từ ngày ký.',
  '',
].join('\n');

/** 04/2007/QH12 without the lines of Điều 19 to Điều 23 (every other byte as in the fixture). */
function pitLawMissingArticles(): string {
  const lines = corpusFile('04-2007-QH12.txt').toString('utf8').split('\n');
  const from = lines.findIndex((l) => l.startsWith('Điều 19.'));
  const to = lines.findIndex((l) => l.startsWith('Điều 24.'));
  return [...lines.slice(0, from), ...lines.slice(to)].join('\n');
}

const quality = async (limit: number) => {
  const res = await fetch(`${web.runtime.base}/v1/quality?limit=${limit}`, { headers: { authorization: `Bearer ${reviewer}` } });
  expect(res.status).toBe(200);
  return QualityResponse.parse(await res.json());
};

const web = webPages({}, async (runtime) => {
  const secret = devSecret(runtime.dataDir);
  reviewer = await signDevToken(secret, 'reviewer-web', ['reviewer']);
  editor = await signDevToken(secret, 'editor-web', ['editor']);
  for (const [fileName, content] of [
    ['14-VBHN-VPQH.txt', corpusFile('14-VBHN-VPQH.txt').toString('utf8')],
    ['26-2012-QH13__header.txt', corpusFile('26-2012-QH13__header.txt').toString('utf8')],
    ['04-2007-QH12.txt', pitLawMissingArticles()],
    ['01-2099-QD-UBND-thu.txt', MARKUP_DECISION],
  ]) {
    const res = await fetch(`${runtime.base}/v1/documents`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${editor}` },
      body: JSON.stringify({ fileName, content }),
    });
    expect([fileName, res.status]).toEqual([fileName, 201]);
  }
  // The runtime's stream reads the amendments of 26/2012 after the upload: wait until the report sees them.
  for (let i = 0; i < 60; i++) {
    if (((await quality(100)).worst.find((d) => d.documentId === '04-2007-QH12')?.unapplied.length ?? 0) >= 2) break;
    await new Promise((r) => setTimeout(r, 500));
  }
});
const { open, expectBasics } = web;
const text = async (page: Page, selector: string) => (await page.locator(selector).first().textContent()) ?? '';

async function runReport(page: Page, token: string, limit?: string) {
  await page.fill('#q-token', token);
  if (limit) await page.fill('#q-limit', limit);
  await page.click('#q-form button[type=submit]');
}

it('asks for a token before calling the API, then shows the totals and the worst documents first with what was found', async () => {
  const page = await open('/quality.html');
  // No token yet: no request to the API, no error.
  await expectBasics(page);
  expect(await text(page, '#live')).toContain('Nhập mã truy cập');
  expect(await page.locator('#q-result *').count()).toBe(0);

  await runReport(page, reviewer, '50');
  await page.waitForSelector('#q-worst tr.q-row');
  const r = await quality(50);

  // Totals on top, over every document.
  expect(await text(page, '#q-totals caption')).toBe(`Trên toàn bộ ${r.documents} văn bản`);
  const totals = await page.locator('#q-totals tr').allTextContents();
  expect(totals).toContain(`Văn bản có số, ký hiệu${(r.totals.metadata.number * 100).toFixed(1).replace('.', ',')}%`);
  expect(totals.find((t) => t.startsWith('Quy định sửa đổi, bổ sung đã áp dụng được'))).toContain(
    `(${r.totals.unapplied} trong ${r.totals.effects} chưa áp dụng)`,
  );
  expect(r.totals.unapplied).toBeGreaterThanOrEqual(2);

  // The rows in the API's order, worst first; each document links to its page.
  const ids = await page.locator('#q-worst tr.q-row').evaluateAll((rows) => rows.map((tr) => tr.getAttribute('data-id')));
  expect(ids).toEqual(r.worst.map((d) => d.documentId));
  const scores = r.worst.map((d) => d.score);
  expect(scores).toEqual([...scores].sort((a, b) => a - b));
  const first = page.locator('#q-worst tr.q-row').first();
  expect(await first.locator('td.q-score').textContent()).toBe(r.worst[0]?.score.toFixed(2).replace('.', ','));
  for (const d of r.worst.slice(0, 5))
    expect(await page.locator(`#q-worst tr.q-row[data-id="${d.documentId}"] td`).nth(1).locator('a').first().getAttribute('href')).toBe(
      `/document.html?id=${encodeURIComponent(d.documentId)}`,
    );

  // The consolidated law's gazette pages: no number, no signer, and the parser's warning.
  const vbhn = r.worst.find((d) => d.documentNumber === null && /an toàn, vệ sinh lao động/i.test(d.title ?? ''));
  expect(vbhn).toBeDefined();
  const vbhnRow = page.locator(`#q-worst tr.q-row[data-id="${vbhn?.documentId}"]`);
  expect(await vbhnRow.locator('td.q-missing').textContent()).toMatch(/Số, ký hiệu.*Người ký/);
  expect(await vbhnRow.locator('td.q-diagnostics').textContent()).toContain('metadata.number_missing');

  // 04/2007/QH12: the amendments of 26/2012/QH13 aimed at the lost articles, with the reason and the amending document.
  const pit = page.locator('#q-worst tr.q-row[data-id="04-2007-QH12"]');
  const unapplied = await pit.locator('td.q-unapplied li').allTextContents();
  expect(unapplied).toEqual(
    expect.arrayContaining([
      'Điều 19, khoản 1: target art_19__para_1 not found in the base text — theo 26/2012/QH13',
      'Điều 21, khoản 1: target art_21__para_1 not found in the base text — theo 26/2012/QH13',
    ]),
  );
  expect(await pit.locator('td.q-unapplied a').first().getAttribute('href')).toBe(`/document.html?id=${encodeURIComponent('26/2012/QH13')}`);
  const gap = pit.locator('td.q-structure a', { hasText: 'Điều 24: số thứ tự nhảy từ 18 lên 24' });
  expect(await gap.getAttribute('href')).toBe('/document.html?id=04-2007-QH12#art_24');
  expect(await pit.locator('td.q-structure li').first().textContent()).toMatch(/^Số thứ tự bị nhảy: /);
  expect(await pit.locator('td.q-unresolved').textContent()).toBe('—');

  // The amendment sentences read: in total, and for 26/2012/QH13, the document that amends here.
  const ti = r.totals.instructions;
  expect(totals.find((t) => t.startsWith('Câu sửa đổi, bổ sung đọc được'))).toContain(`(${ti?.parsed} trong ${ti?.sentences} câu)`);
  const amending = r.worst.find((d) => d.documentId === '26-2012-QH13');
  expect(amending?.instructions?.parsed).toBeGreaterThan(0);
  expect(await page.locator('#q-worst tr.q-row[data-id="26-2012-QH13"] td.q-instructions').textContent()).toBe(
    `${amending?.instructions?.parsed}/${amending?.instructions?.sentences}`,
  );
  // A document's sector, where the report gives one (name from the public catalogue, and the confidence).
  expect(r.worst.filter((x) => x.sector.code).length).toBeGreaterThan(0);
  for (const d of r.worst.filter((x) => x.sector?.code).slice(0, 3))
    expect(await page.locator(`#q-worst tr.q-row[data-id="${d.documentId}"] .q-sector`).textContent()).toMatch(
      new RegExp(`^Lĩnh vực: .*\\(${d.sector?.code}\\), độ tin cậy \\d+,\\d%${d.sector?.needsReview ? ' — cần xem lại' : ''}$`),
    );

  // The size is a permalink; the token never is.
  expect(page.url()).toContain('limit=50');
  expect(page.url()).not.toContain(reviewer.slice(0, 20));
  expect(await text(page, '#live')).toBe(`Báo cáo trên ${r.documents} văn bản; ${r.worst.length} văn bản kém nhất được liệt kê.`);
  await expectBasics(page);

  // The link opens the document's page.
  await pit.locator('td').nth(1).locator('a').first().click();
  await page.waitForURL(/\/document\.html\?id=04-2007-QH12$/);
  await page.locator('h1', { hasText: '04/2007/QH12' }).waitFor();
  expect(await text(page, 'h1')).toBe('Luật 04/2007/QH12');
  await page.close();
});

it('shows the text of a document as text: a title with markup runs nothing', async () => {
  const page = await open('/quality.html?limit=100');
  await runReport(page, reviewer);
  await page.waitForSelector('#q-worst tr.q-row');
  const r = await quality(100);
  const marked = r.worst.find((d) => d.documentNumber === '01/2099/QĐ-UBND');
  expect(marked?.title).toContain('<img src=x');
  const row = page.locator(`#q-worst tr.q-row[data-id="${marked?.documentId}"]`);
  expect(await row.locator('td').nth(1).textContent()).toContain('<img src=x onerror="window.__xss=1">');
  expect(await page.locator('#q-result img, #q-result b').count()).toBe(0);
  expect(await page.evaluate('window.__xss')).toBeUndefined();
  await expectBasics(page);
  await page.close();
});

it('keeps the token in this tab only: a reload runs the report again, "Xóa mã truy cập" forgets it', async () => {
  const page = await open('/quality.html?limit=3');
  await runReport(page, `Bearer ${reviewer}`);
  await page.waitForSelector('#q-worst tr.q-row');
  expect(await page.locator('#q-worst tr.q-row').count()).toBe(3);
  expect(await page.evaluate("sessionStorage.getItem('csdl.reviewerToken')")).toBe(reviewer);
  expect(await page.evaluate('localStorage.length')).toBe(0);
  await page.reload();
  await page.waitForSelector('#q-worst tr.q-row');
  expect(await page.inputValue('#q-limit')).toBe('3');
  await page.click('#q-forget');
  expect(await page.locator('#q-worst').count()).toBe(0);
  expect(await page.evaluate("sessionStorage.getItem('csdl.reviewerToken')")).toBeNull();
  expect(await page.inputValue('#q-token')).toBe('');
  await expectBasics(page);
  await page.close();
});

it('says so when the token lacks the reviewer role (403) or is not valid (401)', async () => {
  const page = await open('/quality.html');
  await runReport(page, editor);
  await page.waitForSelector('#q-result .error');
  expect(await text(page, '#q-result .error')).toContain('không có vai trò người rà soát (reviewer)');
  expect(await page.locator('#q-worst').count()).toBe(0);
  await runReport(page, 'not-a-token');
  await page.waitForSelector('#q-result .error:has-text("không hợp lệ")');
  // The two refusals are the only failed requests (Chromium also logs each of them to the console), and nothing broke.
  expect(web.problems.filter((p) => !p.startsWith('console: Failed to load resource')).map((p) => p.replace(/http:\/\/[^/]+/, ''))).toEqual([
    'HTTP 403: GET /v1/quality?limit=20',
    'HTTP 401: GET /v1/quality?limit=20',
  ]);
  expect(web.problems.filter((p) => p.startsWith('console:')).every((p) => /status of 40[13] .*\/v1\/quality\?limit=20\)$/.test(p))).toBe(true);
  await page.close();
});

it('fits a phone screen without sideways scrolling, each document as a card', async () => {
  const page = await open('/quality.html?limit=5', { width: 390, height: 844 });
  await runReport(page, reviewer);
  await page.waitForSelector('#q-worst tr.q-row');
  expect(await page.locator('#q-worst tr.q-row').count()).toBe(5);
  expect(await page.locator('#q-worst td.q-missing').first().getAttribute('data-label')).toBe('Thuộc tính thiếu');
  const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
  expect(overflow).toBe(0);
  await expectBasics(page);
  await page.close();
});

it('is linked from the other pages’ navigation', async () => {
  for (const path of ['/', '/tools.html', '/systematization.html']) {
    const page = await open(path);
    expect([path, await page.locator('header nav a[href="/quality.html"]').count()]).toEqual([path, 1]);
    await page.close();
  }
});
