/**
 * engine: builds bench/lib/engineEntry.ts the way scripts/build.mjs builds the extension
 * (esbuild, bundled, minified, CJS, node20) with bench/lib/vscodeStub.ts as `vscode`, and runs
 * it in a child process.
 */
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { LAZY_CHUNKS, lazyChunks } from '../../scripts/lazyChunks.mjs';
import { measure, type ProcResult, lastJson } from './proc';

const root = path.resolve(__dirname, '..', '..');

/** vscodeStubPlugin resolves `import 'vscode'` to the benchmark's stand-in. */
export const vscodeStubPlugin: esbuild.Plugin = {
  name: 'vscode-stub',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, () => ({ path: path.join(root, 'bench/lib/vscodeStub.ts') }));
  },
};

/**
 * buildShipped bundles `entry` to `outfile` as scripts/build.mjs builds the extension: minified
 * CJS for node20, `vscode` stubbed, and the lazy chunks (client-node, describe, yaml, explain)
 * kept apart as files beside it, required on first use as in the VSIX. Returns its size.
 */
export async function buildShipped(entry: string, outfile: string, minify = true): Promise<number> {
  const common: esbuild.BuildOptions = {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['bufferutil', 'utf-8-validate'],
    minify,
    keepNames: !minify,
    legalComments: 'none',
    logLevel: 'warning',
  };
  const [r] = await Promise.all([
    esbuild.build({
      ...common,
      entryPoints: [entry],
      outfile,
      plugins: [vscodeStubPlugin, lazyChunks],
      metafile: true,
    }),
    esbuild.build({
      ...common,
      absWorkingDir: root,
      entryPoints: LAZY_CHUNKS,
      outdir: path.dirname(outfile),
      plugins: [lazyChunks],
    }),
  ]);
  return r.metafile?.outputs[path.relative(process.cwd(), outfile)]?.bytes ?? 0;
}

/**
 * buildEngine bundles the entry to `outDir/engine.js` (minified, as shipped, its lazy chunks
 * beside it) and returns its path and size. `minify: false` builds `dev/engine-dev.js` for
 * profiles with readable function names (in its own folder: its chunks are unminified too).
 */
export async function buildEngine(outDir: string, minify = true): Promise<{ file: string; bytes: number }> {
  const file = minify ? path.join(outDir, 'engine.js') : path.join(outDir, 'dev', 'engine-dev.js');
  const bytes = await buildShipped(path.join(root, 'bench/lib/engineEntry.ts'), file, minify);
  return { file, bytes };
}

/** EngineOptions are engineEntry's options (see its doc comment). */
export interface EngineOptions {
  mode: 'sync' | 'children' | 'memory' | 'steady' | 'stream' | 'scale';
  contexts?: string[];
  kubeconfigs?: string[];
  filterText?: string;
  wiring?: 'extension' | 'engine';
  kubeconfig: string;
  context: string;
  namespace?: string;
  calls?: number;
  layer?: 'engine' | 'extension' | 'stream';
  maxEvents?: number;
  profileFile?: string;
  heapSnapshotPrefix?: string;
}

/** runEngine runs the bundled engine to completion under time(1); `nodeArgs` e.g. --expose-gc, --cpu-prof. */
export async function runEngine<T>(
  engineFile: string,
  o: EngineOptions,
  nodeArgs: string[] = [],
): Promise<{ proc: ProcResult; out: T }> {
  const proc = await measure(process.execPath, [...nodeArgs, engineFile, JSON.stringify(o)], {
    stdout: 'pipe',
    timeoutMs: 600_000,
  });
  return { proc, out: lastJson<T>(proc.stdout) };
}
