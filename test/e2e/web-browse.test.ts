/**
 * The home page without a query (web/index.html, issue 21) in headless Chromium against the local runtime as `npm
 * start` runs it (sample corpus): the newest documents, the documents taking effect or ending within 30 days of a
 * pinned date (`?today=`) with their dates and grounds, the browse facets as links with their counts, a facet link
 * listing as many documents as its count, and the basics every page is held to.
 */
import { ListDocumentsResponse } from '../../schemas/documents';
import { webPages } from '../support/web-pages';

const web = webPages();
const { open, expectBasics } = web;
const apiList = async (params: Record<string, string>) =>
  ListDocumentsResponse.parse(await (await fetch(`${web.runtime.base}/v1/documents?${new URLSearchParams(params)}`)).json());

it('shows the newest documents, those taking effect or ending within 30 days of the date, and the facets', async () => {
  const page = await open('/?today=2025-06-20');
  await page.waitForSelector('#coming ol.coming');
  await expectBasics(page);

  // Văn bản mới: the newest documents by date of issue, as the API lists them.
  expect(await page.locator('#newest h2').textContent()).toBe('Văn bản mới');
  const newest = await apiList({ sort: 'date', limit: '10' });
  const hrefs = await page.locator('#newest ol > li > a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  expect(hrefs).toEqual(newest.items.map((d) => `/document.html?id=${encodeURIComponent(d.id)}`));
  expect(newest.items.length).toBeGreaterThan(5);

  // Sắp có hiệu lực / sắp hết hiệu lực: from 20/06/2025 to 20/07/2025, with the date and the ground.
  expect(await page.locator('#coming h2').textContent()).toBe('Sắp có hiệu lực, sắp hết hiệu lực trong 30 ngày');
  expect(await page.locator('#coming p.muted').first().textContent()).toContain('Từ ngày 20/06/2025 đến ngày 20/07/2025');
  const starts = page.locator('#coming-starts + ol.coming > li');
  expect(await starts.evaluateAll((ls) => ls.map((l) => `${l.getAttribute('data-id')} ${l.getAttribute('data-date')}`))).toEqual(['41-2024-QH15 2025-07-01']);
  expect(await starts.first().locator('time').textContent()).toBe('01/07/2025');
  expect(await starts.first().locator('.badge').textContent()).toBe('Còn hiệu lực');
  expect(await starts.first().locator('.ground').textContent()).toMatch(/^Căn cứ: .*2025-07-01/);
  const ends = page.locator('#coming-ends + ol.coming > li');
  expect(await ends.evaluateAll((ls) => ls.map((l) => `${l.getAttribute('data-id')} ${l.getAttribute('data-date')}`))).toEqual(['58-2014-QH13 2025-07-01']);
  expect(await ends.first().locator('.badge').textContent()).toBe('Hết hiệu lực toàn bộ');
  expect(await ends.first().locator('.ground').textContent()).toContain('41/2024/QH15');
  expect(await ends.first().locator('a').getAttribute('href')).toBe('/document.html?id=58-2014-QH13');

  // The facets: type, sector and issuer first, each value a link with its count.
  const facets = (await apiList({ facets: 'true', limit: '1' })).facets;
  expect((await page.locator('#facets h3').allTextContents()).slice(0, 3)).toEqual(['Loại văn bản', 'Lĩnh vực', 'Cơ quan ban hành']);
  const typeItems = await page.locator('#facets section').first().locator('li').allTextContents();
  expect(typeItems.map((t) => Number(/\((\d+)\)$/.exec(t)?.[1]))).toEqual(facets?.type.map((b) => b.count));
  await page.close();
});

it('lists, behind a sector facet, as many documents as its count, and keeps the filter in the form', async () => {
  const page = await open('/');
  await page.waitForSelector('#coming');
  const sector = page
    .locator('#facets section', { has: page.locator('h3', { hasText: 'Lĩnh vực' }) })
    .locator('li a')
    .first();
  const count = Number(/\((\d+)\)$/.exec((await sector.locator('xpath=..').textContent()) ?? '')?.[1]);
  expect(count).toBeGreaterThan(0);
  // A sector is named from the catalogue, not by its code alone.
  const name = (await sector.textContent()) ?? '';
  expect(name).toMatch(/\p{L}{3}/u);
  await sector.click();
  await page.waitForURL(/[?&]sector=\d+/);
  await page.waitForSelector('#results ol.card li');
  const code = new URL(page.url()).searchParams.get('sector') ?? '';
  expect(await page.locator('#live').textContent()).toBe(`${count} văn bản.`);
  expect(await page.locator('#results ol.card li').count()).toBe(Math.min(count, 20));
  expect(await page.inputValue('#sector')).toBe(code);
  expect(await page.locator('#facets a[aria-current="true"]').allTextContents()).toContain(name);
  const listed = await apiList({ sector: code, sort: 'date', limit: '20' });
  const hrefs = await page.locator('#results ol.card li > a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  expect(hrefs).toEqual(listed.items.map((d) => `/document.html?id=${encodeURIComponent(d.id)}`));
  await expectBasics(page);
  // "× Bỏ lọc" goes back to the home page.
  await page.locator('#facets a', { hasText: '× Bỏ lọc' }).first().click();
  await page.waitForSelector('#coming');
  await page.close();
});

it('fits a phone screen', async () => {
  const page = await open('/?today=2025-06-20', { width: 390, height: 844 });
  await page.waitForSelector('#coming ol.coming');
  await expectBasics(page);
  await page.close();
});
