/**
 * engine: builds bench/lib/engineEntry.ts the way scripts/build.mjs builds the extension
 * (esbuild, bundled, minified, CJS, node20) with bench/lib/vscodeStub.ts as `vscode`, and runs
 * it in a child process.
 */
import * as path from 'node:path';
import * as esbuild from 'esbuild';
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
 * buildEngine bundles the entry to `outDir/engine.js` (minified, as shipped) and returns its path
 * and size. `minify: false` builds `engine-dev.js` for profiles with readable function names.
 */
export async function buildEngine(outDir: string, minify = true): Promise<{ file: string; bytes: number }> {
  const file = path.join(outDir, minify ? 'engine.js' : 'engine-dev.js');
  const r = await esbuild.build({
    entryPoints: [path.join(root, 'bench/lib/engineEntry.ts')],
    outfile: file,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['bufferutil', 'utf-8-validate'],
    plugins: [vscodeStubPlugin],
    minify,
    keepNames: !minify,
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
  });
  return { file, bytes: r.metafile.outputs[path.relative(process.cwd(), file)]?.bytes ?? 0 };
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
