/**
 * Scenario 7: the VSIX size (`npm run package`) and the extension's activation time. VS Code is
 * not available here, so activation is measured as: require dist/extension.js and call
 * activate() with the bench's `vscode` stand-in and a fake ExtensionContext, in a fresh Node
 * process, with KUBECONFIG pointing at a live test server. Network calls (net/tls/http/https/dns)
 * are trapped: the ones made before activate() returns are "on the activation path". True
 * activation inside VS Code is left to the code-server harness in test/integration.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { bundleComposition } from '../lib/bundleMeta';
import { startCluster } from '../lib/cluster';
import { describeProfile, summarize } from '../lib/profile';
import { ROOT, runs, type BenchContext, type Scenario } from '../lib/context';
import { lastJson, measure } from '../lib/proc';
import { notMeasured, type Figure } from '../lib/results';
import { median, spread } from '../lib/stats';

function run(
  cmd: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
  });
}

const LOADER = (stub: string, extension: string, storage: string) => `
const Module = require('module');
const { performance } = require('perf_hooks');
const stub = require(${JSON.stringify(stub)});
const orig = Module._load;
Module._load = function (request, ...rest) {
  if (request === 'vscode') return stub;
  return orig.call(this, request, ...rest);
};
const net = [];
const trap = (mod, names) => {
  const m = require(mod);
  for (const n of names) {
    const f = m[n];
    m[n] = function (...a) { net.push({ fn: mod + '.' + n, at: performance.now() }); return f.apply(this, a); };
  }
};
trap('net', ['connect', 'createConnection']);
trap('tls', ['connect']);
trap('http', ['request', 'get']);
trap('https', ['request', 'get']);
trap('dns', ['lookup', 'resolve']);
const memento = () => { const m = new Map(); return { get: (k, d) => (m.has(k) ? m.get(k) : d), update: async (k, v) => { m.set(k, v); }, keys: () => [...m.keys()], setKeysForSync() {} }; };
const root = stub.Uri.file(${JSON.stringify(ROOT)});
const context = {
  subscriptions: [],
  extensionUri: root,
  extensionPath: ${JSON.stringify(ROOT)},
  globalStorageUri: stub.Uri.file(${JSON.stringify(storage)}),
  storageUri: stub.Uri.file(${JSON.stringify(storage)}),
  logUri: stub.Uri.file(${JSON.stringify(storage)}),
  globalStoragePath: ${JSON.stringify(storage)},
  storagePath: ${JSON.stringify(storage)},
  logPath: ${JSON.stringify(storage)},
  globalState: memento(),
  workspaceState: memento(),
  secrets: { get: async () => undefined, store: async () => {}, delete: async () => {}, onDidChange: () => ({ dispose() {} }) },
  extensionMode: 1,
  asAbsolutePath: (p) => require('path').join(${JSON.stringify(ROOT)}, p),
  environmentVariableCollection: { replace() {}, append() {}, prepend() {}, clear() {} },
  extension: { id: 'kube-events.kube-events', extensionUri: root, packageJSON: require(${JSON.stringify(path.join(ROOT, 'package.json'))}) },
};
(async () => {
  const t0 = performance.now();
  const ext = require(${JSON.stringify(extension)});
  const t1 = performance.now();
  let error;
  try { ext.activate(context); } catch (e) { error = String(e && e.stack || e); }
  const t2 = performance.now();
  const during = net.filter((n) => n.at <= t2).length;
  setTimeout(() => {
    process.stdout.write(JSON.stringify({ requireMs: t1 - t0, activateMs: t2 - t1, netDuringActivate: during,
      netAfter: net.length - during, netFns: [...new Set(net.map((n) => n.fn))], vscodeCalls: Object.keys(stub.calls).length,
      subscriptions: context.subscriptions.length, error }) + '\\n');
    process.exit(0);
  }, 1000);
})();
`;

interface ActivationOut {
  requireMs: number;
  activateMs: number;
  netDuringActivate: number;
  netAfter: number;
  netFns: string[];
  vscodeCalls: number;
  subscriptions: number;
  error?: string;
}

async function activation(ctx: BenchContext): Promise<Figure> {
  const target = { text: '<= 50 ms, no network on the path', of: 'value', op: '<=' as const, limit: 50 };
  const extension = path.join(ROOT, 'dist', 'extension.js');
  if (!fs.existsSync(extension))
    return notMeasured(
      '7b',
      'activation time',
      'ms',
      target,
      'not measured: dist/extension.js was not built',
    );
  const stub = path.join(ctx.tmp, 'vscode-stub.js');
  await esbuild.build({
    entryPoints: [path.join(ROOT, 'bench/lib/vscodeStub.ts')],
    outfile: stub,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
  });
  const storage = path.join(ctx.tmp, 'activation-storage');
  fs.mkdirSync(storage, { recursive: true });
  const loader = path.join(ctx.tmp, 'activate.js');
  fs.writeFileSync(loader, LOADER(stub, extension, storage));
  const c = await startCluster(ctx.tmp, 'activation');
  const outs: ActivationOut[] = [];
  try {
    for (let i = 0; i < runs(ctx, 7, 1); i++) {
      const r = await measure(process.execPath, [loader], {
        stdout: 'pipe',
        env: { ...process.env, KUBECONFIG: c.kubeconfig, HOME: storage },
        timeoutMs: 30_000,
      });
      outs.push(lastJson<ActivationOut>(r.stdout));
    }
  } finally {
    await c.stop();
  }
  const total = outs.map((o) => o.requireMs + o.activateMs);
  const kc = await clientNodeRequireMs(ctx);
  const o = outs[0]!;
  const notes = [
    `Measured outside VS Code: a fresh Node ${process.version} process requires dist/extension.js (${(fs.statSync(extension).size / 1024).toFixed(0)} KiB) and calls activate() with a stand-in vscode module; value = require + activate, median of ${outs.length}. Require ${median(outs.map((x) => x.requireMs)).toFixed(1)} ms, activate ${median(outs.map((x) => x.activateMs)).toFixed(1)} ms.`,
    `Network calls before activate() returned: ${Math.max(...outs.map((x) => x.netDuringActivate))}; in the second after it: ${median(outs.map((x) => x.netAfter))} (${o.netFns.join(', ') || 'none'}), with KUBECONFIG pointing at a live test server.`,
    `activate() used ${o.vscodeCalls} distinct vscode API entry points and registered ${o.subscriptions} subscriptions.` +
      (o.vscodeCalls === 0 && o.subscriptions === 0
        ? ' It does nothing yet: src/extension.ts is still the skeleton, so this is only the bundle load time.'
        : ''),
    'Activation inside VS Code (extension host, VS Code’s own loading) is scenario 9b.',
  ];
  if (o.error) notes.push(`activate() threw under the stand-in: ${o.error.split('\n')[0]}`);
  const composition = await bundleComposition(ctx.tmp);
  const all = composition.reduce((n, [, b]) => n + b, 0);
  notes.push(
    `Composition of dist/extension.js (minified bytes; the lazy chunks dist/client-node.js, dist/describe.js, dist/yaml.js apart): ` +
      composition
        .slice(0, 8)
        .map(([k, b]) => `${k} ${(b / 1024).toFixed(0)} KiB (${((100 * b) / all).toFixed(0)}%)`)
        .join(', ') +
      '.',
    `Baseline: requiring a bundle of only @kubernetes/client-node's KubeConfig + loadYaml (same esbuild settings) takes ${median(kc).toFixed(1)} ms (median of ${kc.length}).`,
  );
  // A quick run profiles only when asked.
  if ((median(total) > 50 && !ctx.quick) || ctx.profile) {
    const dir = path.join(ctx.tmp, 'profiles', 's7-activation');
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    await measure(
      process.execPath,
      ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--cpu-prof-interval=100', loader],
      {
        stdout: 'pipe',
        env: { ...process.env, KUBECONFIG: path.join(storage, 'none'), HOME: storage },
        timeoutMs: 30_000,
      },
    );
    const file = fs.readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
    if (file)
      notes.push(
        ...describeProfile(
          summarize(path.join(dir, file)),
          'require + activate, minified bundle, no cluster',
        ),
      );
  }
  return {
    id: '7b',
    title: 'activation time (require + activate, outside VS Code)',
    value: median(total),
    unit: 'ms',
    spread: spread(total),
    target,
    baseline: {
      what: 'require of client-node KubeConfig alone',
      value: median(kc),
      unit: 'ms',
      spread: spread(kc),
      runs: kc,
    },
    ratio: null,
    extra: { netDuringActivate: Math.max(...outs.map((x) => x.netDuringActivate)) },
    runs: outs,
    notes,
  };
}

/** clientNodeRequireMs times require() of a bundle holding only client-node's KubeConfig, in fresh processes. */
async function clientNodeRequireMs(ctx: BenchContext): Promise<number[]> {
  const entry = path.join(ctx.tmp, 'client-node-entry.ts');
  fs.writeFileSync(entry, "export { KubeConfig, loadYaml } from '@kubernetes/client-node';\n");
  const out = path.join(ctx.tmp, 'client-node-only.js');
  await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: [entry],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'bufferutil', 'utf-8-validate'],
    minify: true,
    legalComments: 'none',
    nodePaths: [path.join(ROOT, 'node_modules')],
    logLevel: 'warning',
  });
  const script = `const { performance } = require('perf_hooks'); const t = performance.now(); require(${JSON.stringify(out)}); process.stdout.write(JSON.stringify({ ms: performance.now() - t }) + '\\n');`;
  const times: number[] = [];
  for (let i = 0; i < runs(ctx, 7, 1); i++) {
    const r = await measure(process.execPath, ['-e', script], { stdout: 'pipe', timeoutMs: 30_000 });
    times.push(lastJson<{ ms: number }>(r.stdout).ms);
  }
  return times;
}

export const s7Package: Scenario = {
  id: 7,
  title: 'VSIX size and activation time',
  async run(ctx) {
    const target = { text: '<= 2 MB', of: 'value', op: '<=' as const, limit: 2 };
    const vsix = path.join(ROOT, 'dist', 'kube-events.vsix');
    const t0 = Date.now();
    const figures: Figure[] = [];
    const notes: string[] = [];
    const pack = await run('npm', ['run', 'package']);
    let out = vsix;
    let res = pack;
    if (pack.code !== 0) {
      // Measure what would ship anyway, and say loudly that the contract command fails.
      const reason = (pack.out.match(/ERROR\s+(.*)/)?.[1] ?? pack.out.slice(-300)).trim();
      notes.push(`npm run package FAILS: ${reason}`);
      out = path.join(ctx.tmp, 'kube-events.vsix');
      fs.rmSync(out, { force: true });
      res = await run('npx', [
        'vsce',
        'package',
        '--no-dependencies',
        '--baseImagesUrl',
        'https://example.invalid/',
        '--out',
        out,
      ]);
      if (res.code === 0)
        notes.push(
          'Size measured with the same files packaged by `vsce package --no-dependencies --baseImagesUrl https://example.invalid/`.',
        );
    }
    if (res.code !== 0 || !fs.existsSync(out)) {
      figures.push(
        notMeasured(
          '7a',
          'VSIX size',
          'MB',
          target,
          `not measured: packaging failed: ${res.out.slice(-600)}`,
        ),
      );
    } else {
      const bytes = fs.statSync(out).size;
      const files = res.out.match(/\((\d+) files?, ([^)]+)\)/);
      const sizeOf = (f: string) =>
        fs.existsSync(path.join(ROOT, f))
          ? `${(fs.statSync(path.join(ROOT, f)).size / 1024).toFixed(0)} KiB`
          : 'missing';
      figures.push({
        id: '7a',
        title: 'VSIX size',
        value: bytes / 1e6,
        unit: 'MB',
        target,
        baseline: null,
        ratio: null,
        runs: [bytes],
        notes: [
          ...notes,
          `${path.relative(ROOT, out)}: ${bytes.toLocaleString('en')} bytes${files ? ` (${files[1]} files, ${files[2]} as vsce reports)` : ''}, packaging took ${((Date.now() - t0) / 1000).toFixed(0)} s; MB = 10^6 bytes.`,
          `Uncompressed: dist/extension.js ${sizeOf('dist/extension.js')}, dist/webview.js ${sizeOf('dist/webview.js')}.`,
        ],
      });
    }
    figures.push(await activation(ctx));
    return figures;
  },
};
