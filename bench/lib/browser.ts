/**
 * browser: the Events webview in headless Chromium for scenarios 3 and 5, reusing the browser
 * test harness of issue 4 (test/browser: the host's own HTML/CSP page, the stub VS Code API,
 * the row generator). The webview bundle is built from src/webview with the settings of
 * scripts/build.mjs.
 */
import * as path from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { bundleWebview, hostChunker, launchChromium } from '../../test/browser/harness';
import { pageInit } from '../../test/browser/pageInit';
import { startServer } from '../../test/browser/server';
import { ROOT, type BenchContext } from './context';

export interface WebviewBrowser {
  /**
   * open loads the Events page (dark theme) and waits for the webview's `ready`. `expose` names
   * functions of this process the page may call (Playwright's exposeFunction), set before load.
   */
  open(
    extraInit?: string,
    width?: number,
    height?: number,
    expose?: Record<string, (...args: never[]) => unknown>,
  ): Promise<Page>;
  close(): Promise<void>;
}

export async function launchWebview(tmp: string): Promise<WebviewBrowser> {
  const bundle = await bundleWebview(path.join(tmp, 'webview.js'));
  const server = await startServer(ROOT, bundle);
  const chunker = await hostChunker();
  const browser: Browser = await launchChromium();
  return {
    async open(extraInit = '', width = 1200, height = 720, expose = {}) {
      const ctx = await browser.newContext({ viewport: { width, height } });
      for (const [name, fn] of Object.entries(expose)) await ctx.exposeFunction(name, fn);
      await ctx.addInitScript(chunker);
      await ctx.addInitScript(pageInit('vscode-dark') + extraInit);
      const page = await ctx.newPage();
      await page.goto(`${server.origin}/`);
      await page.waitForFunction(() =>
        (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'ready'),
      );
      return page;
    },
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

let shared: Promise<WebviewBrowser> | undefined;

/**
 * webviewFor is launchWebview for a scenario: a full run launches one browser per scenario; a
 * quick run shares one between scenarios 3 and 5 (the bundle, the page server and Chromium's
 * start paid once; each page still gets its own browser context), whose close() then leaves it
 * open for the next: run.ts closes it with closeSharedWebview at the end.
 */
export async function webviewFor(ctx: BenchContext): Promise<WebviewBrowser> {
  if (!ctx.quick) return launchWebview(ctx.tmp);
  shared ??= launchWebview(ctx.tmp);
  const b = await shared;
  return { open: (...a) => b.open(...a), close: async () => undefined };
}

/** closeSharedWebview closes the quick run's shared browser, if one was launched. */
export async function closeSharedWebview(): Promise<void> {
  const b = shared;
  shared = undefined;
  if (b) await (await b).close();
}
