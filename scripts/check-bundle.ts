// check-bundle: the extension must load and run on the Node of the oldest VS Code it admits
// (engines.vscode ^1.100 -> Node 20) and on the newest (VS Code 1.139 -> Node 24). For each
// Node it (1) requires the built dist/extension.js with a stand-in `vscode` module and checks
// activate/deactivate are exported, and (2) runs the engine, bundled with the same esbuild
// settings, against the test API server until it has synced pods and events.
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { LAZY_CHUNKS, lazyChunks } from './lazyChunks.mjs';
import { event, namespace, pod } from '../test/server/fixtures';
import { startTestServer } from '../test/server/index';

const root = path.resolve(__dirname, '..');
const NODE24_DIR = path.join(root, '.cache', 'node24');
const node24 = path.join(NODE24_DIR, 'node_modules', 'node', 'bin', 'node');

function ensureNode24(): string {
  if (!fs.existsSync(node24)) {
    console.log('installing node@24 from the npm registry into .cache/node24 …');
    fs.mkdirSync(NODE24_DIR, { recursive: true });
    fs.writeFileSync(path.join(NODE24_DIR, 'package.json'), '{"private":true}\n');
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefix', NODE24_DIR, 'node@24'], {
      stdio: 'inherit',
    });
  }
  return node24;
}

async function main(): Promise<void> {
  const nodes = [process.execPath, ensureNode24()];
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-events-bundle-'));
  const engine = path.join(work, 'engine.js');
  await esbuild.build({
    entryPoints: [path.join(root, 'test/bundle/engineEntry.ts')],
    outfile: engine,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'bufferutil', 'utf-8-validate'],
    minify: true,
    logLevel: 'warning',
    // As in the VSIX: client-node stays in dist/client-node.js, required by a proxy-url only.
    plugins: [lazyChunks],
  });
  for (const chunk of Object.keys(LAZY_CHUNKS))
    fs.copyFileSync(path.join(root, 'dist', `${chunk}.js`), path.join(work, `${chunk}.js`));
  const loader = path.join(work, 'load-extension.js');
  fs.writeFileSync(
    loader,
    `const Module = require('module');
const orig = Module._load;
Module._load = function (request, ...rest) {
  if (request === 'vscode') return new Proxy({}, { get: () => function () {} });
  return orig.call(this, request, ...rest);
};
const ext = require(${JSON.stringify(path.join(root, 'dist/extension.js'))});
if (typeof ext.activate !== 'function' || typeof ext.deactivate !== 'function') {
  console.error('dist/extension.js does not export activate/deactivate');
  process.exit(1);
}
// The describe chunk (dist/describe.js, required on the first describe document) renders.
const { describeObject } = require(${JSON.stringify(path.join(root, 'dist/describe.js'))});
const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p-0', namespace: 'web', uid: 'u' }, spec: {}, status: { phase: 'Running' } };
const none = () => [];
const text = describeObject('Pod', pod, { now: Date.now(), events: [], related: { replicaSetsOf: none, podsOf: none, podsOnNode: none, jobsOf: none } });
if (!/^Name:\\s+p-0$/m.test(text) || !/^Events:\\s+<none>$/m.test(text)) {
  console.error('dist/describe.js did not render a Pod:\\n' + text);
  process.exit(1);
}
// The explain chunk (dist/explain.js, required on the first explanation) explains and renders.
const ex = require(${JSON.stringify(path.join(root, 'dist/explain.js'))});
const cache = new ex.StoresExplainCache({ stores: new Map(), podsByNode: new ex.PodsByNodeIndex() });
const warning = { type: 'Warning', reason: 'FailedScheduling', message: '0/3 nodes are available: 3 Insufficient cpu.', count: 1, firstSeen: 0, lastSeen: 0, source: 'default-scheduler', involved: { kind: 'Pod', namespace: 'web', name: 'p-0', uid: 'u', apiVersion: 'v1', fieldPath: '' } };
const explained = ex.renderExplanation(ex.explain(warning, cache, Date.now()), warning, Date.now());
if (!/^# Warning FailedScheduling on Pod web.p-0$/m.test(explained) || !/Likely cause/.test(explained)) {
  console.error('dist/explain.js did not explain a FailedScheduling:\\n' + explained);
  process.exit(1);
}
// The client-node chunk (dist/client-node.js, required only for a cluster with a proxy-url)
// loads and builds its proxy agent.
const cn = require(${JSON.stringify(path.join(root, 'dist/client-node.js'))});
const kc = new cn.KubeConfig();
kc.loadFromString(JSON.stringify({ clusters: [{ name: 'c', cluster: { server: 'https://10.0.0.1:6443', 'proxy-url': 'http://proxy.corp:3128' } }], users: [{ name: 'u', user: {} }], contexts: [{ name: 'x', context: { cluster: 'c', user: 'u' } }], 'current-context': 'x' }));
const proxied = kc.createAgent(kc.getCurrentCluster(), { keepAlive: true });
if (String(proxied && proxied.proxy) !== 'http://proxy.corp:3128/') {
  console.error('dist/client-node.js did not build a proxy agent');
  process.exit(1);
}
console.log(JSON.stringify({ ok: true, node: process.version }));
`,
  );
  const server = await startTestServer();
  let failed = 0;
  try {
    server.addTokenUser('admin', 'bundle-token');
    server.grantAll('admin');
    server.create(namespace('web'));
    for (let i = 0; i < 50; i++) server.create(pod('web', `p-${i}`));
    const p0 = server.get('v1', 'Pod', 'web', 'p-0') as { metadata: { uid: string } };
    for (let i = 0; i < 20; i++)
      server.create(
        event(
          'web',
          { kind: 'Pod', metadata: { name: 'p-0', namespace: 'web', uid: p0.metadata.uid } },
          { name: `e-${i}` },
        ),
      );
    const kubeconfig = path.join(work, 'kubeconfig');
    fs.writeFileSync(
      kubeconfig,
      server.kubeconfig({ user: 'admin', token: 'bundle-token', contextName: 'bundle' }),
    );
    for (const node of nodes) {
      const version = execFileSync(node, ['--version']).toString().trim();
      for (const [what, args] of [
        ['load dist/extension.js', [loader]],
        ['sync with the bundled engine', [engine, kubeconfig, 'bundle']],
      ] as const) {
        // The child talks to the server in this process, so it must run without blocking our loop.
        const result = await run(node, [...args]);
        const line = result.stdout.trim().split('\n').pop() ?? '';
        let ok = result.code === 0;
        if (what.startsWith('sync')) {
          try {
            const r = JSON.parse(line) as { ok: boolean; pods: number; events: number };
            ok = ok && r.ok && r.pods === 50 && r.events === 20;
          } catch {
            ok = false;
          }
        }
        console.log(`${ok ? 'ok  ' : 'FAIL'} node ${version}: ${what} ${line}`);
        if (!ok) {
          failed++;
          console.log(result.stderr.slice(-2000));
        }
      }
    }
  } finally {
    await server.stop();
    fs.rmSync(work, { recursive: true, force: true });
  }
  const size = fs.statSync(path.join(root, 'dist/extension.js')).size;
  console.log(`dist/extension.js: ${(size / 1024).toFixed(0)} KiB`);
  console.log(`${nodes.length * 2 - failed} passed, ${failed} failed`);
  if (failed > 0) process.exit(1);
}

function run(cmd: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
