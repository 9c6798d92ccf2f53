// Browser tests of the Events webview: the real bundle in Chromium, in a page rendered by the
// host's HTML/CSP template, with a stub VS Code API. Run: npx tsx test/browser/run.ts
// (--dist uses dist/webview.js as built by `npm run build` instead of bundling src/ afresh).
import { mkdir, rm } from 'node:fs/promises';
import * as path from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { bundleWebview, hostChunker, launchChromium } from './harness';
import { pageInit } from './pageInit';
import { startServer, type TestServer } from './server';
import { explainScenarios } from './explainScenarios';
import { scenarios } from './scenarios';
import { toolScenarios } from './toolScenarios';

const root = path.resolve(__dirname, '../..');

/** Theme is the class VS Code puts on the webview's <body>. */
export type Theme = 'vscode-light' | 'vscode-dark' | 'vscode-high-contrast';

/** Harness is what each scenario gets. */
export interface Harness {
  /** open loads a fresh page; `state` is what the page's getState() returns (a hidden view's state). */
  open(theme?: Theme, width?: number, height?: number, state?: unknown): Promise<Page>;
  figures: Record<string, string>;
  resultsDir: string;
}

async function bundle(): Promise<string> {
  if (process.argv.includes('--dist')) return path.join(root, 'dist/webview.js');
  // Per process: other runs may be bundling at the same time.
  return bundleWebview(path.join(root, `.cache/browser/${process.pid}/webview.js`));
}

async function main(): Promise<void> {
  const started = Date.now();
  const server: TestServer = await startServer(root, await bundle());
  const chunker = await hostChunker();
  const browser: Browser = await launchChromium();
  const resultsDir = path.join(root, 'test-results');
  await mkdir(resultsDir, { recursive: true });
  const figures: Record<string, string> = {};
  const pages: Page[] = [];
  const harness: Harness = {
    figures,
    resultsDir,
    async open(theme = 'vscode-dark', width = 1200, height = 720, state?: unknown) {
      const ctx = await browser.newContext({ viewport: { width, height } });
      await ctx.addInitScript(pageInit(theme));
      await ctx.addInitScript(chunker);
      if (state !== undefined) {
        await ctx.addInitScript((s) => {
          (window as unknown as { __state: unknown }).__state = s;
        }, state);
      }
      const page = await ctx.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      (page as Page & { __errors?: string[] }).__errors = errors;
      await page.goto(`${server.origin}/`);
      await page.waitForFunction(() =>
        (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'ready'),
      );
      pages.push(page);
      return page;
    },
  };
  const failedNames = new Set<string>();
  // --grep TEXT runs only the scenarios whose name contains TEXT.
  const grep = process.argv.includes('--grep') ? process.argv[process.argv.indexOf('--grep') + 1] : undefined;
  const chosen = Object.entries({ ...scenarios, ...explainScenarios, ...toolScenarios }).filter(
    ([name]) => !grep || name.includes(grep),
  );
  for (const [name, fn] of chosen) {
    const t = Date.now();
    try {
      await fn(harness);
      console.log(`  ✔ ${name} (${Date.now() - t} ms)`);
    } catch (err) {
      failedNames.add(name);
      console.log(`  ✘ ${name}\n    ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    }
    for (const p of pages.splice(0)) {
      const errors = (p as Page & { __errors?: string[] }).__errors ?? [];
      if (errors.length) {
        failedNames.add(name);
        console.log(`  ✘ ${name}: page errors: ${errors.join('; ')}`);
      }
      await p.context().close();
    }
  }
  await browser.close();
  await server.close();
  if (!process.argv.includes('--dist'))
    await rm(path.join(root, `.cache/browser/${process.pid}`), { recursive: true, force: true });
  console.log('\n  figures:');
  for (const [k, v] of Object.entries(figures)) console.log(`    ${k}: ${v}`);
  const total = chosen.length;
  const failed = failedNames.size;
  console.log(`\n  ${total - failed} of ${total} passing (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  process.exit(failed ? 1 : 0);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
