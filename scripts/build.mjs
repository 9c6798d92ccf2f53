// build: bundles the extension host code (Node, CJS, `vscode` external) and the webview code
// (browser, IIFE) separately with esbuild. `--watch` rebuilds on change; `--dev` skips minify.
// `--names` minifies but keeps identifiers (readable CPU profiles of the shipped code, bench 9
// with --profile); `--outdir=DIR` writes there instead of dist/.
import * as esbuild from 'esbuild';
import { LAZY_CHUNKS, lazyChunks } from './lazyChunks.mjs';
import { vscodeOnce } from './vscodeOnce.mjs';

const watch = process.argv.includes('--watch');
const dev = watch || process.argv.includes('--dev');
const names = process.argv.includes('--names');
const outdir = process.argv.find((a) => a.startsWith('--outdir='))?.slice('--outdir='.length) ?? 'dist';
/** The minify options: none in dev, identifiers kept with --names. */
const minify = dev
  ? { minify: false }
  : names
    ? { minifyWhitespace: true, minifySyntax: true, minifyIdentifiers: false }
    : { minify: true };

/** @type {esbuild.BuildOptions} The chunks the host bundle requires on first use. */
const chunks = {
  plugins: [lazyChunks],
  entryPoints: LAZY_CHUNKS,
  outdir,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['bufferutil', 'utf-8-validate'],
  ...minify,
  sourcemap: dev ? 'inline' : false,
  legalComments: 'none',
  logLevel: 'warning',
};

/** @type {esbuild.BuildOptions} */
const host = {
  plugins: [lazyChunks, vscodeOnce],
  entryPoints: { extension: 'src/extension.ts' },
  outdir,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode', 'bufferutil', 'utf-8-validate'],
  ...minify,
  sourcemap: dev ? 'inline' : false,
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
};

/** @type {esbuild.BuildOptions} */
const webview = {
  entryPoints: { webview: 'src/webview/main.ts' },
  outdir,
  bundle: true,
  platform: 'browser',
  format: 'iife',
  target: 'chrome120',
  ...minify,
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
  const out = Object.entries(h.metafile.outputs).find(([f]) => f.endsWith('extension.js'))[1];
  console.log(
    `${outdir}/extension.js ${(out.bytes / 1024).toFixed(0)} KiB (+ lazy chunks: ${Object.keys(LAZY_CHUNKS)
      .map((c) => `${outdir}/${c}.js`)
      .join(', ')})`,
  );
}
