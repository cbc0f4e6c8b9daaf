/**
 * A browser suite: the reference server (serverSuite: started once, reset before each test),
 * the app's own origin serving the bundled app, and one Chromium with a fresh profile for the
 * whole file. Tests open pages of the app with `openApp` and drive `window.tether`.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { cleanScratch } from '../../helpers/paths.js';
import { serverSuite, type ServerContext, type ServerSuiteOptions } from '../../helpers/server-suite.js';
import type { Test } from '../../helpers/timed-suite.js';
import { appBundle } from './app-bundle.js';
import { launchChromium } from './chromium.js';
import { startPageServer, type PageServer } from './page-server.js';

/** What a browser suite's tests read besides the server. */
export interface BrowserContextFields {
  /** The one browser (a persistent profile: IndexedDB, service workers, locks) of this file. */
  browser: BrowserContext;
  /** The app's origin (another port than the API). */
  pages: PageServer;
}

/** The context of a browser suite's tests. */
export type BrowserSuiteContext = ServerContext & BrowserContextFields;

/** Thrown when a page's app fails to start (its error is the message). */
export class AppStartError extends Error {
  override readonly name = 'AppStartError';
}

/** A serverSuite that also starts the page origin and Chromium. */
export function browserSuite(name: string, options: ServerSuiteOptions = {}): Test<BrowserSuiteContext> {
  // Launching Chromium and bundling take a few seconds on a busy 2-core machine; a hang is still a failure.
  const test = serverSuite<BrowserContextFields>(name, { timeoutMs: 45_000, ...options });
  test.before(async (ctx) => {
    ctx.pages = await startPageServer(await appBundle(), ctx.server.url);
    ctx.browser = await launchChromium();
  });
  test.after(async (ctx) => {
    await ctx.browser?.close();
    await ctx.pages?.close();
    await cleanScratch('browser-profile');
  });
  return test;
}

/**
 * Opens the app in a new tab (or reloads `page`) and resolves once `window.tether` is there.
 * `query` configures the app (app/main.ts). An exception on the page fails the call with it.
 */
export async function openApp(ctx: BrowserSuiteContext, query = ''): Promise<Page> {
  const page = await ctx.browser.newPage();
  await loadApp(page, () => page.goto(`${ctx.pages.url}/${query}`));
  return page;
}

/** Reloads `page` and resolves once its app has started again. */
export async function reloadApp(page: Page): Promise<void> {
  await loadApp(page, () => page.reload());
}

async function loadApp(page: Page, navigate: () => Promise<unknown>): Promise<void> {
  let fail: (error: Error) => void = () => undefined;
  const failed = new Promise<never>((_, reject) => {
    fail = (error) => reject(new AppStartError(`the app threw while starting: ${error.message}`));
  });
  page.on('pageerror', fail);
  try {
    await navigate();
    await Promise.race([page.waitForFunction(() => window.tether !== undefined, undefined, { timeout: 20_000 }), failed]);
  } finally {
    page.off('pageerror', fail);
  }
}
