import * as assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startTestServer, type TestServer } from '../../server';
import { seedCluster, writeDemoKubeconfig } from '../../scenario/cluster';

const KUBECTL = '/usr/bin/kubectl';
const ROOT = resolve(__dirname, '../../..');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function kubectl(dir: string, config: string, args: string[]): Promise<Run> {
  return new Promise((done) => {
    execFile(
      KUBECTL,
      ['--kubeconfig', config, '--cache-dir', join(dir, 'cache'), ...args],
      { env: { ...process.env, HOME: dir, KUBECONFIG: '' }, timeout: 20_000 },
      (err, stdout, stderr) =>
        done({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('scenario: kubectl 1.32 sees a cluster', function () {
  this.timeout(60_000);
  let server: TestServer;
  let dir: string;
  let config: string;

  before(async function () {
    assert.ok(existsSync(KUBECTL), `the reference client ${KUBECTL} is not installed`);
    dir = mkdtempSync(join(tmpdir(), 'kube-events-scenario-'));
    server = await startTestServer();
    seedCluster(server);
    const kc = writeDemoKubeconfig(server, join(dir, 'kubeconfig.yaml'));
    assert.deepEqual(kc.contexts, ['demo-admin', 'demo-restricted']);
    config = kc.file;
  });
  after(async () => {
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('demo-admin: get pods -A shows CrashLoopBackOff, ImagePullBackOff, Pending, Running and Completed pods', async function () {
    const r = await kubectl(dir, config, ['--context', 'demo-admin', 'get', 'pods', '-A']);
    assert.equal(r.code, 0, r.stderr);
    const status = new Map<string, string>();
    for (const line of r.stdout.trim().split('\n').slice(1)) {
      const [ns, name, , st] = line.split(/\s+/);
      status.set(`${ns}/${name}`, st!);
    }
    const values = [...status.values()];
    for (const s of ['CrashLoopBackOff', 'ImagePullBackOff', 'Pending', 'Running', 'Completed'])
      assert.ok(values.includes(s), `${s} in\n${r.stdout}`);
    assert.ok(
      [...status.keys()].some((k) => k.startsWith('prod/api-') && status.get(k) === 'CrashLoopBackOff'),
    );
    assert.ok(values.filter((s) => s === 'Running').length >= 10);
  });

  // kubectl applies a ControllerRevision's data as a strategic merge patch onto the workload:
  // it prints the template only when the revisions are written as the controllers write them.
  it('demo-admin: rollout history of the stuck StatefulSet and DaemonSet reads their ControllerRevisions', async function () {
    const sts = await kubectl(dir, config, [
      '--context',
      'demo-admin',
      'rollout',
      'history',
      'sts/cache',
      '-n',
      'prod',
    ]);
    assert.equal(sts.code, 0, sts.stderr);
    assert.match(sts.stdout, /^REVISION\s+CHANGE-CAUSE\n1\s+<none>\n2\s+<none>$/m);
    const ds = await kubectl(dir, config, [
      '--context',
      'demo-admin',
      'rollout',
      'history',
      'ds/node-exporter',
      '-n',
      'kube-system',
      '--revision',
      '2',
    ]);
    assert.equal(ds.code, 0, ds.stderr);
    assert.match(ds.stdout, /daemonset\.apps\/node-exporter with revision #2/);
    assert.match(ds.stdout, /Image:\s+quay\.io\/prometheus\/node-exporter:v1\.9\.0-distroless/);
    assert.match(ds.stdout, /Args:\n\s+--collector\.systemd/);
  });

  it('demo-admin: nodes, deployments and a pod description with its events', async function () {
    const nodes = await kubectl(dir, config, ['--context', 'demo-admin', 'get', 'nodes']);
    assert.match(nodes.stdout, /node-3\s+Ready,SchedulingDisabled/);
    const deps = await kubectl(dir, config, ['--context', 'demo-admin', 'get', 'deploy', '-n', 'prod']);
    assert.match(deps.stdout, /web\s+3\/3\s+3\s+3/);
    assert.match(deps.stdout, /api\s+0\/1/);
    const d = await kubectl(dir, config, [
      '--context',
      'demo-admin',
      'describe',
      'pod',
      '-n',
      'prod',
      '-l',
      'app=api',
    ]);
    assert.equal(d.code, 0, d.stderr);
    assert.match(
      d.stdout,
      /Warning\s+BackOff\s+.*\(x\d+ over \d+m\)\s+kubelet\s+Back-off restarting failed container api in pod api-/,
    );
    assert.match(d.stdout, /Last State:\s+Terminated\s+Reason:\s+Error\s+Exit Code:\s+1/);
    const ev = await kubectl(dir, config, [
      '--context',
      'demo-admin',
      'get',
      'events',
      '-n',
      'prod',
      '--field-selector',
      'reason=FailedScheduling',
    ]);
    assert.match(
      ev.stdout,
      /Warning\s+FailedScheduling\s+pod\/search-\S+\s+0\/3 nodes are available: 1 node\(s\) were unschedulable, 2 Insufficient memory/,
    );
  });

  it('demo-restricted: namespace staging works, anything cluster-wide is forbidden', async function () {
    const ns = await kubectl(dir, config, ['--context', 'demo-restricted', 'get', 'pods', '-n', 'staging']);
    assert.equal(ns.code, 0, ns.stderr);
    assert.match(ns.stdout, /frontend-\S+\s+0\/1\s+ImagePullBackOff/);
    assert.match(ns.stdout, /worker-/);
    const dflt = await kubectl(dir, config, ['--context', 'demo-restricted', 'get', 'events']);
    assert.equal(dflt.code, 0, 'the context namespace is staging');
    const all = await kubectl(dir, config, ['--context', 'demo-restricted', 'get', 'pods', '-A']);
    assert.notEqual(all.code, 0);
    assert.match(
      all.stderr,
      /Forbidden.*User "demo-viewer" cannot list resource "pods".*at the cluster scope/,
    );
    const prod = await kubectl(dir, config, ['--context', 'demo-restricted', 'get', 'pods', '-n', 'prod']);
    assert.match(prod.stderr, /Forbidden/);
    const del = await kubectl(dir, config, [
      '--context',
      'demo-restricted',
      'delete',
      'pods',
      '--all',
      '-n',
      'staging',
    ]);
    assert.match(del.stderr, /Forbidden/, 'read-only');
  });
});

describe('scenario: main.ts, the demo server', function () {
  this.timeout(60_000);
  let child: ChildProcess | undefined;
  let dir: string;

  afterEach(() => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('serves the seeded cluster, narrates the scenario, and exits 0 on SIGTERM', async function () {
    dir = mkdtempSync(join(tmpdir(), 'kube-events-demo-'));
    const out = join(dir, 'out');
    const proc = spawn(
      process.execPath,
      ['--import', 'tsx', 'test/scenario/main.ts', '--out', out, '--speed', '50'],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child = proc;
    let stdout = '';
    let stderr = '';
    proc.stdout!.on('data', (b: Buffer) => (stdout += b.toString()));
    proc.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
    const exited = new Promise<number | null>((r) => proc.on('exit', (code) => r(code)));
    const deadline = Date.now() + 30_000;
    while (!existsSync(join(out, 'demo.json')) || !/CrashLoopBackOff prod\/api-/.test(stdout)) {
      assert.ok(Date.now() < deadline, `demo did not start:\n${stdout}\n${stderr}`);
      assert.equal(proc.exitCode, null, `demo exited:\n${stdout}\n${stderr}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const info = JSON.parse(readFileSync(join(out, 'demo.json'), 'utf8'));
    assert.match(info.url, /^https:\/\/127\.0\.0\.1:\d+$/);
    assert.match(stdout, new RegExp(`API server: ${info.url}`));
    assert.match(stdout, /kubeconfig: .*kubeconfig\.yaml \(contexts: demo-admin, demo-restricted/);
    assert.match(stdout, /seeded: 8 namespaces, 3 nodes, \d+ deployments, \d+ pods, \d+ events/);
    const r = await kubectl(dir, info.kubeconfig, ['--context', 'demo-admin', 'get', 'pods', '-n', 'prod']);
    assert.match(r.stdout, /CrashLoopBackOff/);
    proc.kill('SIGTERM');
    assert.equal(await exited, 0, stderr);
    assert.match(stdout, /SIGTERM: stopping/);
    assert.equal(stderr, '');
  });
});
