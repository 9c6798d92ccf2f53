/**
 * bundleMeta: what the shipped extension bundle is made of. Rebuilds src/extension.ts with the
 * settings of scripts/build.mjs (lazy chunks kept apart, as in dist/extension.js) into a scratch
 * directory (metafile on) and sums the output bytes per npm package (our own sources as "src").
 */
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { lazyChunks } from '../../scripts/lazyChunks.mjs';
import { ROOT } from './context';

/** bundleComposition returns [package, bytes in the minified output], largest first. */
export async function bundleComposition(outDir: string): Promise<[string, number][]> {
  const r = await esbuild.build({
    absWorkingDir: ROOT,
    plugins: [lazyChunks],
    entryPoints: { extension: 'src/extension.ts' },
    outdir: path.join(outDir, 'meta'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'bufferutil', 'utf-8-validate'],
    minify: true,
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
  });
  const out = Object.values(r.metafile.outputs).find((o) => o.entryPoint)!;
  const byPkg = new Map<string, number>();
  for (const [file, info] of Object.entries(out.inputs)) {
    const m = file.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
    const key = m ? m[1]! : file.startsWith('src/') ? 'src' : file;
    byPkg.set(key, (byPkg.get(key) ?? 0) + info.bytesInOutput);
  }
  return [...byPkg].sort((a, b) => b[1] - a[1]);
}
