/**
 * The systematization page (web/systematization.html) in headless Chromium against the local runtime as `npm start`
 * runs it (sample corpus): the form, the lists with their grounds, the CSV and print links, a permalink, the nav link,
 * and the basics every page is held to (labels, names, no console errors, no sideways scrolling on a phone).
 */
import { webPages } from '../support/web-pages';

const web = webPages();
const { open, expectBasics } = web;

it('lists the documents of an issuer at a date with their grounds, and links the CSV and the printable page', async () => {
  const page = await open('/systematization.html');
  await expectBasics(page);
  await page.fill('#sys-name', 'Bộ Lao động - Thương binh và Xã hội');
  await page.fill('#sys-at', '2025-06-30');
  await page.click('#sys-form button[type=submit]');
  await page.waitForSelector('#sys-result tr.sys-row');
  const expired = page.locator('#sys-result section', { has: page.locator('h3#list-expired') });
  const row = expired.locator('tr.sys-row[data-id="09-2022-TT-BLDTBXH"]');
  expect(await row.count()).toBe(1);
  expect(await row.locator('.badge').textContent()).toBe('Hết hiệu lực toàn bộ');
  expect(await row.locator('ul.grounds').textContent()).toContain('169/QĐ-BLĐTBXH');
  expect(await row.locator('a[href^="/document.html"]').first().getAttribute('href')).toBe('/document.html?id=09-2022-TT-BLDTBXH');
  expect(page.url()).toContain('issuer=');
  const csv = await page.locator('#sys-links a', { hasText: 'CSV' }).getAttribute('href');
  expect(csv).toContain('format=csv');
  const res = await fetch(web.runtime.base + csv);
  expect(res.headers.get('content-type')).toContain('text/csv');
  expect(await res.text()).toContain('09/2022/TT-BLĐTBXH');
  expect(await page.locator('#sys-links a', { hasText: 'Bản in' }).getAttribute('href')).toContain('format=html');
  await expectBasics(page);
  await page.close();
});

it('opens a permalink, and fits a phone screen without sideways scrolling', async () => {
  const page = await open(`/systematization.html?${new URLSearchParams({ issuer: 'BLĐTBXH', at: '2024-12-31' })}`, { width: 390, height: 844 });
  await page.waitForSelector('#sys-result tr.sys-row');
  expect(await page.inputValue('#sys-at')).toBe('2024-12-31');
  expect(await page.locator('#list-expired').textContent()).toMatch(/hết hiệu lực toàn bộ \(\d+\)$/);
  const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
  expect(overflow).toBe(0);
  await expectBasics(page);
  await page.close();
});

it('is linked from the other pages’ navigation', async () => {
  const page = await open('/tools.html');
  expect(await page.locator('header nav a[href="/systematization.html"]').count()).toBe(1);
  await page.close();
});
