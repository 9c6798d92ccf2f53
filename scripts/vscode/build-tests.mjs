// build-tests: bundles the extension-host test suite (test/integration/suite: index.ts and every
// *.test.ts) into out/integration/suite/ as CommonJS for Node 20, one file per entry, with
// `vscode` (given by the extension host) external. mocha is bundled into index.js: mocha 12 is
// ESM and a plain require() of it needs Node >= 20.19, which an Electron-based VS Code may lack.
// The folder is emptied first, so a deleted test leaves no stale bundle behind.
import { readdirSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';

const root = path.resolve(import.meta.dirname, '../..');
const srcDir = path.join(root, 'test/integration/suite');
const outDir = path.join(root, 'out/integration/suite');

const entries = readdirSync(srcDir)
  .filter((f) => f === 'index.ts' || f.endsWith('.test.ts'))
  .map((f) => path.join(srcDir, f));

rmSync(outDir, { recursive: true, force: true });
await esbuild.build({
  entryPoints: entries,
  outdir: outDir,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode'],
  sourcemap: 'inline',
  logLevel: 'warning',
  // mocha's parallel mode (never used here) resolves worker files at run time.
  logOverride: { 'require-resolve-not-external': 'silent' },
});
console.log(
  `out/integration/suite: ${entries.length} bundles (${entries.map((e) => path.basename(e)).join(', ')})`,
);
