// Browser tests of the Events webview: the real bundle in Chromium, in a page rendered by the
// host's HTML/CSP template, with a stub VS Code API. Run: npx tsx test/browser/run.ts
// (--dist uses dist/webview.js as built by `npm run build` instead of bundling src/ afresh).
import { mkdir } from 'node:fs/promises';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { type Browser, chromium, type Page } from 'playwright-core';
import { pageInit } from './pageInit';
import { startServer, type TestServer } from './server';
import { scenarios } from './scenarios';

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
  const out = path.join(root, '.cache/browser/webview.js');
  await esbuild.build({
    entryPoints: [path.join(root, 'src/webview/main.ts')],
    outfile: out,
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  return out;
}

async function main(): Promise<void> {
  const started = Date.now();
  const server: TestServer = await startServer(root, await bundle());
  const browser: Browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
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
  for (const [name, fn] of Object.entries(scenarios)) {
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
  console.log('\n  figures:');
  for (const [k, v] of Object.entries(figures)) console.log(`    ${k}: ${v}`);
  const total = Object.keys(scenarios).length;
  const failed = failedNames.size;
  console.log(`\n  ${total - failed} of ${total} passing (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  process.exit(failed ? 1 : 0);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
