// build: bundles the extension host code (Node, CJS, `vscode` external) and the webview code
// (browser, IIFE) separately with esbuild. `--watch` rebuilds on change; `--dev` skips minify.
import * as esbuild from 'esbuild';
import { LAZY_CHUNKS, lazyChunks } from './lazyChunks.mjs';

const watch = process.argv.includes('--watch');
const dev = watch || process.argv.includes('--dev');

/** @type {esbuild.BuildOptions} The chunks the host bundle requires on first use. */
const chunks = {
  plugins: [lazyChunks],
  entryPoints: LAZY_CHUNKS,
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['bufferutil', 'utf-8-validate'],
  minify: !dev,
  sourcemap: dev ? 'inline' : false,
  legalComments: 'none',
  logLevel: 'warning',
};

/** @type {esbuild.BuildOptions} */
const host = {
  plugins: [lazyChunks],
  entryPoints: { extension: 'src/extension.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode', 'bufferutil', 'utf-8-validate'],
  minify: !dev,
  sourcemap: dev ? 'inline' : false,
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
};

/** @type {esbuild.BuildOptions} */
const webview = {
  entryPoints: { webview: 'src/webview/main.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'browser',
  format: 'iife',
  target: 'chrome120',
  minify: !dev,
  sourcemap: dev ? 'inline' : false,
  legalComments: 'none',
  logLevel: 'warning',
};

if (watch) {
  const contexts = await Promise.all([
    esbuild.context(host),
    esbuild.context(chunks),
    esbuild.context(webview),
  ]);
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('watching…');
} else {
  const [h] = await Promise.all([esbuild.build(host), esbuild.build(chunks), esbuild.build(webview)]);
  const out = h.metafile.outputs['dist/extension.js'];
  console.log(
    `dist/extension.js ${(out.bytes / 1024).toFixed(0)} KiB (+ lazy chunks: ${Object.keys(LAZY_CHUNKS)
      .map((c) => `dist/${c}.js`)
      .join(', ')})`,
  );
}
