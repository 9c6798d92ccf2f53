/**
 * harness: what the webview's browser tests (test/browser/run.ts) and the benchmarks
 * (bench/lib/browser.ts) share: the webview bundle built with scripts/build.mjs's settings, the
 * host's snapshot chunker for the page, and Chromium launched with the flags that work here.
 */
import * as esbuild from 'esbuild';
import { type Browser, chromium } from 'playwright-core';
import * as path from 'node:path';
import { chromiumArgs, chromiumPath } from '../integration/runner/browser';

const root = path.resolve(__dirname, '../..');

/** bundleWebview builds src/webview/main.ts into `outfile` as the extension's build does. */
export async function bundleWebview(outfile: string): Promise<string> {
  await esbuild.build({
    entryPoints: [path.join(root, 'src/webview/main.ts')],
    outfile,
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  return outfile;
}

/**
 * hostChunker bundles the host's snapshotChunks for the page, so the page's __snapshot splits a
 * snapshot exactly as the host does (window.__chunks). Add it with addInitScript.
 */
export async function hostChunker(): Promise<string> {
  const r = await esbuild.build({
    stdin: {
      contents: `import { snapshotChunks } from './src/host/webviews/snapshotChunks';
        window.__chunks = snapshotChunks;`,
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    write: false,
    format: 'iife',
    target: 'chrome120',
    logLevel: 'warning',
  });
  return r.outputFiles[0]!.text;
}

/** launchChromium starts headless Debian Chromium (CHROMIUM_PATH overrides the binary). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? chromiumPath,
    headless: true,
    args: chromiumArgs,
  });
}
