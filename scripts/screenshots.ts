/**
 * Screenshots of every page of the web UI at desktop (1280×800) and phone (390×844) widths, into docs/screenshots/.
 * Takes them from a running local runtime with the sample corpus and the pháp điển fixture imported:
 *
 *   npm run --silent csdl -- phapdien import test/fixtures/phapdien --data .data
 *   npm start &
 *   CSDL_TOKEN=$(npm run --silent csdl -- token --role reader) npx tsx scripts/screenshots.ts [http://127.0.0.1:3000]
 *
 * With CSDL_TOKEN (any signed-in identity) the "Theo dõi" shot follows 09/2022 and khoản 1 Điều 1 (a real subscription,
 * feed only, in that store); without it that shot is skipped.
 * Needs Debian's Chromium (scripts/browser-install.sh). Exits 1 when a page logs an error.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser } from '../test/support/browser';

const base = (process.argv[2] ?? process.env.CSDL_URL ?? 'http://127.0.0.1:3000').replace(/\/$/, '');
const out = join(__dirname, '..', 'docs', 'screenshots');

const CHECK = ['Căn cứ Luật Bảo hiểm xã hội số 58/2014/QH13;', 'Căn cứ Luật Bảo hiểm xã hội số 41/2024/QH15;', 'Căn cứ Thông tư số 09/2022/TT-BLĐTBXH;'].join(
  '\n',
);
const DRAFT = ['THÔNG TƯ', 'Quy định thử', '', 'Điều 1. Phạm vi', 'Nội dung “chưa đóng.', 'Điều 3. Hiệu lực', 'Thông tư này có hiệu lực từ ngày ký.'].join(
  '\n',
);

interface Shot {
  name: string;
  path: string;
  prepare?(page: Page): Promise<void>;
  /** The whole page rather than the first screen. */
  full?: boolean;
}

const SHOTS: Shot[] = [
  { name: 'search', path: '/?q=giam+ngheo+ben+vung' },
  { name: 'document', path: '/document.html?id=09-2022-TT-BLDTBXH&at=2023-06-01&from=2023-01-01&to=2023-06-01' },
  {
    name: 'document-diff',
    path: '/document.html?id=09-2022-TT-BLDTBXH&at=2023-06-01&from=2023-01-01&to=2023-06-01',
    prepare: async (page) => {
      await page.evaluate('document.getElementById("h-time").scrollIntoView()');
    },
  },
  ...(process.env.CSDL_TOKEN
    ? [
        {
          name: 'document-follow',
          path: '/document.html?id=09-2022-TT-BLDTBXH',
          prepare: async (page: Page) => {
            await page.fill('#follow-token', process.env.CSDL_TOKEN ?? '');
            await page.click('#follow-token-form button[type=submit]');
            await page.waitForLoadState('networkidle');
            if (await page.locator('#follow-doc').isVisible()) {
              await page.click('#follow-doc');
              await page.waitForLoadState('networkidle');
            }
            const unit = page.locator('button.follow-u[data-eid="art_1__para_1"]');
            if (!((await unit.textContent()) ?? '').includes('✓')) await unit.click();
            await page.waitForLoadState('networkidle');
            await page.evaluate('document.getElementById("follow-s").scrollIntoView()');
          },
        },
      ]
    : []),
  { name: 'phapdien', path: '/phapdien.html?heading=7.7' },
  {
    name: 'tools',
    full: true,
    path: `/tools.html#${new URLSearchParams({ check: CHECK, at: '2025-08-01' })}`,
    prepare: async (page) => {
      await page.fill('#draft', DRAFT);
      await page.click('#lint-form button[type=submit]');
      await page.waitForSelector('#lint-result table');
    },
  },
];

const SIZES = [
  { label: 'desktop', viewport: { width: 1280, height: 800 } },
  { label: 'phone', viewport: { width: 390, height: 844 } },
];

async function main(): Promise<number> {
  mkdirSync(out, { recursive: true });
  const browser = await launchBrowser();
  let failed = 0;
  try {
    for (const size of SIZES)
      for (const shot of SHOTS) {
        const page = await browser.context.newPage();
        await page.setViewportSize(size.viewport);
        const errors: string[] = [];
        page.on('console', (m) => {
          if (m.type() === 'error') errors.push(m.text());
        });
        page.on('pageerror', (e) => errors.push(e.message));
        await page.goto(base + shot.path);
        await page.waitForLoadState('networkidle');
        await shot.prepare?.(page);
        await page.waitForLoadState('networkidle');
        const file = join(out, `${shot.name}-${size.label}.png`);
        await page.screenshot({ path: file, fullPage: shot.full ?? false });
        console.log(`${file}${errors.length ? `  (errors: ${errors.join('; ')})` : ''}`);
        if (errors.length) failed++;
        await page.close();
      }
  } finally {
    await browser.close();
  }
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`screenshots: ${(e as Error).message}`);
    process.exit(1);
  },
);
