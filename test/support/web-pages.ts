/**
 * The frame of a web test file: the local runtime as `npm start` runs it (test/support/web-runtime.ts) and headless
 * Chromium, started before the file's tests and closed after; `open(path)` opens a page and records its console
 * errors, page errors and failed requests, which `expectBasics(page)` checks with the basics every page is held to.
 */
import type { Page } from 'playwright-core';
import { assertChromium, type Browser, expectPageBasics, launchBrowser, openPage } from './browser';
import { startWebRuntime, type WebRuntime } from './web-runtime';

export interface WebPages {
  /** The runtime (available inside tests and hooks, once started). */
  readonly runtime: WebRuntime;
  open(path: string, viewport?: { width: number; height: number }): Promise<Page>;
  /** The console errors, page errors and failed requests of the page opened last. */
  readonly problems: readonly string[];
  expectBasics(page: Page): Promise<void>;
}

/** Registers the file's beforeAll and afterAll; `setup` runs once the runtime is up (ingesting what the file needs). */
export function webPages(options: Parameters<typeof startWebRuntime>[0] = {}, setup?: (runtime: WebRuntime) => Promise<void>): WebPages {
  let runtime: WebRuntime | undefined;
  let browser: Browser | undefined;
  /** The problems of the page opened last. */
  let problems: string[] = [];

  beforeAll(async () => {
    assertChromium();
    runtime = await startWebRuntime(options);
    browser = await launchBrowser();
    await setup?.(runtime);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await runtime?.close();
  });

  return {
    get runtime() {
      if (!runtime) throw new Error('the web runtime is not started yet (use it inside tests and hooks)');
      return runtime;
    },
    async open(path, viewport = { width: 1280, height: 800 }) {
      if (!runtime || !browser) throw new Error('the web runtime is not started yet');
      const opened = await openPage(browser, runtime.base + path, viewport);
      problems = opened.problems;
      return opened.page;
    },
    get problems() {
      return problems;
    },
    expectBasics: (page) => expectPageBasics(page, problems),
  };
}
