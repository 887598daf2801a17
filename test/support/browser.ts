/**
 * Debian's Chromium driven by playwright-core: no browser download, a fresh profile per launch, and the flags that
 * keep it off the network (this machine's network is closed; without them Chromium retries Google's hosts).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Fails with what to run when Debian's Chromium is not installed. */
export function assertChromium(): void {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: install Debian's Chromium with scripts/browser-install.sh (as root; it runs apt-get install chromium)`);
}

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launchBrowser(viewport = { width: 1280, height: 800 }): Promise<Browser> {
  assertChromium();
  const profile = mkdtempSync(join(tmpdir(), 'csdl-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** A page opened at `url` (network idle), with the console errors, page errors and failed requests it produced. */
export async function openPage(browser: Browser, url: string, viewport = { width: 1280, height: 800 }): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.context.newPage();
  await page.setViewportSize(viewport);
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.method()} ${r.url()} ${r.failure()?.errorText}`));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.request().method()} ${r.url()}`);
  });
  await page.goto(url);
  await page.waitForLoadState('networkidle');
  return { page, problems };
}

/** What a Lighthouse accessibility pass would flag first, computed in the page. */
const AUDIT = `(() => {
  const out = [];
  if (!document.title.trim()) out.push('no <title>');
  if (!document.documentElement.lang) out.push('no lang on <html>');
  for (const el of document.querySelectorAll('input:not([type=hidden]), select, textarea')) {
    const labelled = (el.id && document.querySelector('label[for="' + CSS.escape(el.id) + '"]')) || el.closest('label') ||
      el.getAttribute('aria-label') || el.getAttribute('aria-labelledby');
    if (!labelled) out.push('unlabelled ' + el.outerHTML.slice(0, 80));
  }
  for (const b of document.querySelectorAll('button, a[href]')) {
    if (!(b.getAttribute('aria-label') || b.textContent.trim())) out.push('nameless ' + b.outerHTML.slice(0, 80));
  }
  const ids = new Map();
  for (const el of document.querySelectorAll('[id]')) ids.set(el.id, (ids.get(el.id) || 0) + 1);
  for (const [id, n] of ids) if (n > 1) out.push('duplicate id ' + id);
  if (!document.querySelector('main')) out.push('no <main>');
  if (!document.querySelector('h1')) out.push('no <h1>');
  return out;
})()`;

/** The basics every page is held to: a title, the audit above clean, and no problem while it loaded and ran. */
export async function expectPageBasics(page: Page, problems: string[]): Promise<void> {
  expect((await page.title()).trim()).not.toBe('');
  expect(await page.evaluate<string[]>(AUDIT)).toEqual([]);
  expect(problems).toEqual([]);
}
