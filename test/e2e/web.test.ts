/**
 * The web UI end to end in headless Chromium (Debian's, driven by playwright-core) against the local runtime as
 * `npm start` runs it, on a temporary data folder with the sample corpus and a pháp điển fixture imported by the
 * CLI. Every page is also checked for the basics: a <title>, a label on every input, unique ids, a name on every
 * button, no console errors, and no sideways scrolling on a phone.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { assertChromium, CHROMIUM } from '../support/browser';
import { ROOT, WEB_ROOT } from '../support/web-runtime';
import { webPages } from '../support/web-pages';

const DOC = '09-2022-TT-BLDTBXH';

const web = webPages({ phapdien: [join(ROOT, 'test/fixtures/phapdien')] });
const { open, expectBasics } = web;

const text = async (page: Page, selector: string) => (await page.locator(selector).first().textContent()) ?? '';

it('runs Debian Chromium (scripts/browser-install.sh installs it)', () => {
  expect(() => assertChromium()).not.toThrow();
  expect(CHROMIUM).toBeTruthy();
});

it('serves every page and asset of web/ from the local runtime itself', async () => {
  const files = readdirSync(WEB_ROOT).filter((f) => /\.(html|js|css)$/.test(f));
  expect(files).toEqual(expect.arrayContaining(['index.html', 'document.html', 'phapdien.html', 'tools.html', 'common.js', 'style.css']));
  const missing: string[] = [];
  for (const f of files) {
    const res = await fetch(`${web.runtime.upstream}/${f}`);
    await res.arrayBuffer();
    const type = res.headers.get('content-type') ?? '';
    const want = f.endsWith('.html') ? 'text/html' : f.endsWith('.js') ? 'javascript' : 'text/css';
    if (res.status !== 200 || !type.includes(want)) missing.push(`/${f} → ${res.status} ${type}`);
  }
  // local/server.ts serveStatic must serve web/*.html, *.js and *.css (see web/README.md, "Serving").
  expect(missing).toEqual([]);
});

describe('search page', () => {
  it('finds a document without diacritics, with highlighted hits grouped by document, facets and paging', async () => {
    const page = await open('/');
    await expectBasics(page);
    await page.fill('#q', 'giam ngheo ben vung');
    await page.press('#q', 'Enter');
    await page.waitForURL(/[?&]q=giam\+ngheo\+ben\+vung/);
    await page.waitForSelector('article.group');
    const first = page.locator('article.group').filter({ has: page.locator('h3', { hasText: '09/2022/TT-BLĐTBXH' }) });
    await expect(first.count()).resolves.toBe(1);
    expect(await first.locator('mark').count()).toBeGreaterThan(0);
    expect(await page.locator('#facets h3').allTextContents()).toEqual(expect.arrayContaining(['Loại văn bản', 'Tình trạng', 'Năm ban hành']));
    await expectBasics(page);

    // A facet is a permalink that narrows the search.
    await page.locator('#facets a', { hasText: 'Thông tư' }).first().click();
    await page.waitForURL(/type=thong_tu/);
    await page.waitForSelector('article.group');
    expect(await page.inputValue('#type')).toBe('thong_tu');
    for (const t of await page.locator('article.group h3').allTextContents()) expect(t).toMatch(/Thông tư/);
    await expectBasics(page);
    await page.close();
  });

  it('answers a question first, as the law stood on the chosen date, with the ground and a permalink', async () => {
    const q = 'Đối tượng tham gia bảo hiểm xã hội bắt buộc gồm những ai?';
    const page = await open(`/?${new URLSearchParams({ q, inForceAt: '2025-08-01' })}`);
    await page.waitForSelector('#answers article.answer');
    expect(await text(page, '#answers h2')).toBe('Trả lời theo quy định có hiệu lực ngày 01/08/2025');
    const first = page.locator('#answers article.answer').first();
    expect(await first.locator('h3').textContent()).toMatch(/^41\/2024\/QH15, Điều \d+/);
    expect(await first.locator('h3').textContent()).toContain('Còn hiệu lực');
    expect(await first.locator('p.muted').first().textContent()).toMatch(/^Căn cứ: .*có hiệu lực từ ngày 2025-07-01/);
    expect(await first.locator('h3 a').getAttribute('href')).toMatch(/^\/document\.html\?id=41-2024-QH15&at=2025-08-01#art_/);
    // The answers come before the search results.
    const [answersBox, resultsBox] = [await page.locator('#answers').boundingBox(), await page.locator('#results').boundingBox()];
    expect(answersBox && resultsBox && answersBox.y < resultsBox.y).toBe(true);
    await expectBasics(page);
    await page.close();
  });

  it('pages with a cursor', async () => {
    const page = await open('/?q=luat');
    const next = page.locator('a[rel=next]');
    expect(await next.count()).toBe(1);
    const firstPage = await page.locator('article.group h3').allTextContents();
    await next.click();
    await page.waitForURL(/cursor=/);
    await page.waitForSelector('article.group');
    expect(await text(page, '.pager')).toMatch(/Trang 2/);
    const secondPage = await page.locator('article.group h3').allTextContents();
    expect(secondPage.some((t) => firstPage.includes(t))).toBe(false);
    await expectBasics(page);
    await page.close();
  });

  it('autocompletes a number and opens the document by keyboard', async () => {
    const page = await open('/');
    await page.locator('#q').pressSequentially('09/2022', { delay: 20 });
    await page.locator('#suggest [role=option] strong', { hasText: /^09\/2022\/TT-BLĐTBXH$/ }).waitFor();
    expect(await page.getAttribute('#q', 'aria-expanded')).toBe('true');
    const options = await page.locator('#suggest [role=option]').allTextContents();
    const index = options.findIndex((o) => o.startsWith('09/2022/TT-BLĐTBXH '));
    for (let i = 0; i <= index; i++) await page.press('#q', 'ArrowDown');
    await page.press('#q', 'Enter');
    await page.waitForURL(/document\.html\?id=09-2022-TT-BLDTBXH/);
    await page.waitForSelector('#art_1');
    expect(await text(page, 'h1')).toContain('09/2022/TT-BLĐTBXH');
    await expectBasics(page);
    await page.close();
  });
});

describe('document page', () => {
  it('shows thuộc tính, a status badge with reasons, the table of contents, the lược đồ and the timeline', async () => {
    const page = await open(`/document.html?id=${DOC}&at=2023-01-01`);
    await page.waitForSelector('#status .badge');
    expect(await text(page, '#props')).toContain('Ngày có hiệu lực');
    expect(await text(page, '#props')).toContain('11/07/2022');
    expect(await page.locator('#toc a[href="#art_1"]').count()).toBe(1);
    expect(await page.locator('#relations svg.diagram').count()).toBe(1);
    expect(await text(page, '#relations')).toContain('02/2023/TT-BLĐTBXH');
    expect(await text(page, '#timeline')).toContain('01/06/2023');
    // The history: who ingested it and when its status was recorded.
    await page.locator('#history li', { hasText: 'Tiếp nhận Thông tư 09/2022/TT-BLĐTBXH' }).first().waitFor({ state: 'attached' });
    expect(await page.textContent('#history')).toContain('Tình trạng hiệu lực');
    await expectBasics(page);

    // A date of the timeline is a permalink; a click moves the text there.
    const change = page.locator('#timeline a', { hasText: '01/06/2023' });
    expect(await change.getAttribute('href')).toBe(`/document.html?id=${DOC}&at=2023-06-01`);
    await change.click();
    await page.waitForURL(/at=2023-06-01/);
    await page.locator('#art_1 .u-head', { hasText: 'Phạm vi áp dụng' }).first().waitFor();
    await page.locator('#status .badge', { hasText: 'Hết hiệu lực một phần' }).waitFor();
    await expectBasics(page);
    await page.close();
  });

  it('moves the date and the text changes (02/2023 renames Điều 1 from 2023-06-01), with a word diff', async () => {
    const page = await open(`/document.html?id=${DOC}&at=2023-01-01`);
    await page.waitForSelector('#art_1');
    expect(await text(page, '#art_1 .u-head')).toContain('Phạm vi điều chỉnh');

    await page.fill('#at', '2023-06-01');
    await page.click('#at-form button[type=submit]');
    await page.waitForURL(/at=2023-06-01/);
    await page.locator('#art_1 .u-head', { hasText: 'Phạm vi áp dụng' }).first().waitFor();
    expect(await text(page, '#text-note')).toContain('01/06/2023');
    // The VBHN-style note names the amending document.
    expect(await page.locator('#art_1 sup.fn').count()).toBeGreaterThan(0);
    expect(await text(page, '#footnotes')).toContain('02/2023/TT-BLĐTBXH');

    // The browser's back button returns to the earlier text.
    await page.goBack();
    await page.waitForURL(/at=2023-01-01/);
    await page.locator('#art_1 .u-head', { hasText: 'Phạm vi điều chỉnh' }).first().waitFor();

    await page.fill('#from', '2023-01-01');
    await page.fill('#to', '2023-06-01');
    await page.click('#diff-form button[type=submit]');
    await page.waitForSelector('#diff .diff-unit');
    expect(await page.locator('#diff ins.d').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('áp dụng')]));
    expect(await page.locator('#diff del.d').count()).toBeGreaterThan(0);
    expect(page.url()).toMatch(/from=2023-01-01&to=2023-06-01/);
    await expectBasics(page);
    await page.close();
  });

  it('says a repealed document is no longer in force above its last text, and marks repealed articles (issue 18)', async () => {
    const ended = await open(`/document.html?id=${DOC}&at=2024-07-01`);
    await ended.waitForSelector('.validity-banner');
    expect(await text(ended, '.validity-banner')).toMatch(/Hết hiệu lực toàn bộ từ ngày 05\/06\/2024[\s\S]*169\/QĐ-BLĐTBXH/);
    await ended.waitForSelector('#art_1');
    await expectBasics(ended);
    await ended.close();

    const law = await open('/document.html?id=58-2014-QH13&at=2021-06-01');
    await law.waitForSelector('#art_104.ended');
    expect(await text(law, '#art_104 .note.validity')).toBe(
      '(Điều 104 được bãi bỏ theo quy định tại khoản 2 Điều 92 của văn bản số 84/2015/QH13, kể từ ngày 01 tháng 7 năm 2016)',
    );
    expect(await law.locator('.validity-banner').count()).toBe(0);
    // The timeline has the day of the repeal, with the units it ended.
    expect(await law.locator('#timeline li', { hasText: 'Hết hiệu lực một phần' }).count()).toBeGreaterThan(0);
    await expectBasics(law);
    await law.close();
  });

  it('opens a unit by its anchor, copies its link and prints without the controls', async () => {
    const page = await open(`/document.html?id=${DOC}#art_1__para_2`);
    const unit = page.locator('[id="art_1__para_2"]');
    await unit.waitFor();
    expect(await unit.getAttribute('class')).toContain('hl');
    await unit.locator('button.copy').first().click();
    await page.locator('#live', { hasText: 'liên kết' }).waitFor();
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header.site').isVisible()).toBe(false);
    expect(await page.locator('#at-form').isVisible()).toBe(false);
    expect(await unit.isVisible()).toBe(true);
    await expectBasics(page);
    await page.close();
  });
});

it('opens a codified article of the Bộ pháp điển with its source', async () => {
  const page = await open('/phapdien.html');
  await expectBasics(page);
  await page.locator('#topics a', { hasText: 'Sử dụng năng lượng tiết kiệm và hiệu quả' }).click();
  await page.waitForURL(/heading=7\.7/);
  const article = page.locator('[id="7.7.LQ.1"]');
  await article.waitFor();
  expect(await article.textContent()).toContain('Luật này quy định về sử dụng năng lượng tiết kiệm và hiệu quả');
  expect(await article.locator('a', { hasText: '50/2010/QH12' }).getAttribute('href')).toBe('/document.html?id=50-2010-QH12#art_1');
  await expectBasics(page);

  // An article's permalink.
  await article.locator('h3 a').first().click();
  await page.waitForURL(/code=7\.7\.LQ\.1/);
  await page.locator('[id="7.7.LQ.1"].hl').waitFor();
  await expectBasics(page);
  await page.close();
});

describe('reviewer tools', () => {
  it('checks the status of a căn cứ block', async () => {
    const page = await open('/tools.html');
    await expectBasics(page);
    await page.fill('#citations', 'Căn cứ Luật Bảo hiểm xã hội số 58/2014/QH13;\nCăn cứ Thông tư số 09/2022/TT-BLĐTBXH;');
    await page.fill('#check-at', '2025-08-01');
    await page.click('#check-form button[type=submit]');
    await page.waitForSelector('#check-result tr.check-row');
    const rows = page.locator('#check-result tr.check-row');
    expect(await rows.count()).toBeGreaterThanOrEqual(2);
    const law = rows.filter({ hasText: '58/2014/QH13' });
    expect(await law.locator('a[href^="/document.html"]').count()).toBeGreaterThan(0);
    expect(await law.locator('.badge').textContent()).toMatch(/hiệu lực|Chưa xác định/);
    expect(page.url()).toContain('#check=');
    await expectBasics(page);
    await page.close();
  });

  it('lints a draft and lists the findings by line', async () => {
    const page = await open('/tools.html');
    const draft = ['THÔNG TƯ', 'Quy định thử', '', 'Điều 1. Phạm vi', 'Nội dung.', 'Điều 3. Hiệu lực', 'Thông tư này có hiệu lực từ ngày ký.'].join('\n');
    await page.fill('#draft', draft);
    await page.click('#lint-form button[type=submit]');
    await page.waitForSelector('#lint-result tr.lint-row');
    const gap = page.locator('#lint-result tr.lint-row', { hasText: 'numbering.gap' });
    expect(await gap.count()).toBeGreaterThan(0);
    expect(await gap.first().locator('td').first().textContent()).toMatch(/^\d+$/);
    await expectBasics(page);
    await page.close();
  });
});

it('fits every page on a phone screen without sideways scrolling', async () => {
  for (const path of ['/?q=bao+hiem+xa+hoi', `/document.html?id=${DOC}&at=2023-06-01`, '/phapdien.html?heading=7.7', '/tools.html']) {
    const page = await open(path, { width: 390, height: 844 });
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    expect({ path, overflow }).toEqual({ path, overflow: 0 });
    await expectBasics(page);
    await page.close();
  }
});
