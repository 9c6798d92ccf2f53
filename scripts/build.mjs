// build: bundles the extension host code (Node, CJS, `vscode` external) and the webview code
// (browser, IIFE) separately with esbuild. `--watch` rebuilds on change; `--dev` skips minify.
import * as esbuild from 'esbuild';
import { clientNodeApart } from './clientNodeApart.mjs';

const watch = process.argv.includes('--watch');
const dev = watch || process.argv.includes('--dev');

/** @type {esbuild.BuildOptions} */
const clientNode = {
  entryPoints: { 'client-node': 'src/kube/clientNodeEntry.ts' },
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
  plugins: [clientNodeApart],
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
    esbuild.context(clientNode),
    esbuild.context(webview),
  ]);
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('watching…');
} else {
  const [h] = await Promise.all([esbuild.build(host), esbuild.build(clientNode), esbuild.build(webview)]);
  const out = h.metafile.outputs['dist/extension.js'];
  console.log(
    `dist/extension.js ${(out.bytes / 1024).toFixed(0)} KiB (+ dist/client-node.js, loaded on first connect)`,
  );
}
