/* eslint-disable @typescript-eslint/no-explicit-any -- tests inspect wire JSON ad hoc */
import * as assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestServer, type TestServer } from '../../server';
import { deployment, event, eventV1, namespace, node, pod, replicaSet } from '../../server/fixtures';
import { sleep } from './helpers';

const KUBECTL = '/usr/bin/kubectl';

describe('test server: kubectl 1.32 against it', function () {
  this.timeout(30000);
  let server: TestServer;
  let dir: string;
  let kubeconfig: string;
  /** The fixtures' clock, read when they are written (not when the suite loads: ages are asserted to the minute). */
  let now = 0;

  function kubectl(
    args: string[],
    config = kubeconfig,
  ): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      execFile(
        KUBECTL,
        ['--kubeconfig', config, '--cache-dir', join(dir, 'cache'), ...args],
        { env: { ...process.env, KUBECACHEDIR: join(dir, 'cache'), HOME: dir }, timeout: 20000 },
        (err, stdout, stderr) =>
          resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
    });
  }

  before(async function () {
    // kubectl is the reference client; .ci/run checks it is installed. Missing means failing.
    assert.ok(existsSync(KUBECTL), `the reference client ${KUBECTL} is not installed`);
    dir = mkdtempSync(join(tmpdir(), 'kube-events-kubectl-'));
    now = Date.now();
    server = await startTestServer();
    server.addTokenUser('admin', 'admin-token');
    server.grantAll('admin');
    kubeconfig = join(dir, 'config');
    writeFileSync(kubeconfig, server.kubeconfig({ user: 'admin', token: 'admin-token' }));
    server.create(namespace('web', { creationTimestamp: now - 86_400_000 }));
    server.create(node('node-1', { roles: ['control-plane'] }));
    const d = server.create(
      deployment('web', 'frontend', { replicas: 2, creationTimestamp: now - 3_600_000 }),
    ) as any;
    const rs = server.create(replicaSet('web', 'frontend-5d8f9c7b6', { deployment: d })) as any;
    const crashing = server.create(
      pod('web', 'frontend-5d8f9c7b6-abcde', {
        owner: rs,
        labels: { app: 'frontend', 'pod-template-hash': '5d8f9c7b6' },
        creationTimestamp: now - 600_000,
        containers: [{ waitingReason: 'CrashLoopBackOff', restartCount: 5, lastTerminatedReason: 'Error' }],
      }),
    ) as any;
    server.create(pod('web', 'healthy', { creationTimestamp: now - 60_000 }));
    server.create(pod('db', 'postgres-0'));
    server.create(
      event('web', crashing, {
        type: 'Warning',
        reason: 'BackOff',
        message: 'Back-off restarting failed container app in pod frontend-5d8f9c7b6-abcde',
        count: 5,
        firstTimestamp: now - 500_000,
        lastTimestamp: now - 10_000,
      }),
    );
    server.create(
      eventV1('web', crashing, {
        reason: 'Scheduled',
        note: 'Successfully assigned web/frontend-5d8f9c7b6-abcde to node-1',
        eventTime: now - 600_000,
      }),
    );
    server.create(
      event('web', d, {
        reason: 'ScalingReplicaSet',
        message: 'Scaled up replica set frontend-5d8f9c7b6 to 2',
        source: 'deployment-controller',
        firstTimestamp: now - 3_600_000,
      }),
    );
  });

  after(async () => {
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('get pods -A -o json', async () => {
    const r = await kubectl(['get', 'pods', '-A', '-o', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const list = JSON.parse(r.stdout);
    assert.equal(list.kind, 'List');
    assert.deepEqual(
      list.items.map((p: any) => `${p.metadata.namespace}/${p.metadata.name}`),
      ['db/postgres-0', 'web/frontend-5d8f9c7b6-abcde', 'web/healthy'],
    );
  });

  it('get pods -n web prints the server-side table', async () => {
    const r = await kubectl(['get', 'pods', '-n', 'web']);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.match(lines[0]!, /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/);
    assert.match(lines[1]!, /^frontend-5d8f9c7b6-abcde\s+0\/1\s+CrashLoopBackOff\s+5 \(\d+m ago\)\s+10m$/);
    assert.match(lines[2]!, /^healthy\s+1\/1\s+Running\s+0\s+\d+s$/);
    assert.equal(lines.length, 3);
  });

  it('get events -A', async () => {
    const r = await kubectl(['get', 'events', '-A']);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.match(lines[0]!, /^NAMESPACE\s+LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE$/);
    assert.ok(
      lines.some((l) =>
        /^web\s+\d+s\s+Warning\s+BackOff\s+pod\/frontend-5d8f9c7b6-abcde\s+Back-off restarting/.test(l),
      ),
      r.stdout,
    );
    assert.ok(
      lines.some((l) => /Normal\s+Scheduled\s+pod\/frontend-5d8f9c7b6-abcde/.test(l)),
      r.stdout,
    );
    assert.ok(
      lines.some((l) => /Normal\s+ScalingReplicaSet\s+deployment\/frontend/.test(l)),
      r.stdout,
    );
  });

  it('get -w pods --output-watch-events -o json sees a pod created later', async () => {
    const child = spawn(
      KUBECTL,
      [
        '--kubeconfig',
        kubeconfig,
        '--cache-dir',
        join(dir, 'cache'),
        'get',
        '-w',
        'pods',
        '-n',
        'web',
        '--output-watch-events',
        '-o',
        'json',
      ],
      { env: { ...process.env, HOME: dir }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    try {
      const until = async (re: RegExp) => {
        const deadline = Date.now() + 10000;
        while (!re.test(out)) {
          if (Date.now() > deadline) throw new Error(`no ${re} in: ${out}`);
          await sleep(20);
        }
      };
      await until(/"name":\s?"healthy"/);
      server.create(pod('web', 'arrived-later'));
      await until(/"name":\s?"arrived-later"/);
      // One compact JSON watch event per line when stdout is not a terminal.
      const events = out
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { type: string; object: { metadata: { name: string } } });
      const types = events.map((e) => e.type);
      assert.deepEqual(
        events.map((e) => e.object.metadata.name),
        ['frontend-5d8f9c7b6-abcde', 'healthy', 'arrived-later'],
      );
      assert.deepEqual(types, ['ADDED', 'ADDED', 'ADDED']);
    } finally {
      child.kill();
    }
  });

  it('describe pod shows the pod and its events', async () => {
    const r = await kubectl(['describe', 'pod', 'frontend-5d8f9c7b6-abcde', '-n', 'web']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Name:\s+frontend-5d8f9c7b6-abcde$/m);
    assert.match(r.stdout, /^Controlled By:\s+ReplicaSet\/frontend-5d8f9c7b6$/m);
    assert.match(r.stdout, /Reason:\s+CrashLoopBackOff/);
    assert.match(r.stdout, /^Events:\n\s+Type\s+Reason\s+Age\s+From\s+Message\n/m);
    assert.match(r.stdout, /Normal\s+Scheduled\s+10m\s+default-scheduler\s+Successfully assigned/);
    assert.match(r.stdout, /Warning\s+BackOff\s+\d+s \(x5 over 8m\d+s\)\s+kubelet\s+Back-off restarting/);
  });

  it('describe deployment shows its ReplicaSet and events', async () => {
    const r = await kubectl(['describe', 'deployment', 'frontend', '-n', 'web']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stdout,
      /^Replicas:\s+2 desired \| 2 updated \| 2 total \| 2 available \| 0 unavailable$/m,
    );
    assert.match(r.stdout, /^NewReplicaSet:\s+frontend-5d8f9c7b6 \(2\/2 replicas created\)$/m);
    assert.match(
      r.stdout,
      /Normal\s+ScalingReplicaSet\s+60m\s+deployment-controller\s+Scaled up replica set/,
    );
  });

  it('create -f and delete', async () => {
    const file = join(dir, 'pod.json');
    writeFileSync(file, JSON.stringify(pod('web', 'from-kubectl')));
    const created = await kubectl(['create', '-f', file]);
    assert.equal(created.code, 0, created.stderr);
    assert.equal(created.stdout.trim(), 'pod/from-kubectl created');
    assert.ok(server.get('v1', 'Pod', 'web', 'from-kubectl'));
    const deleted = await kubectl(['delete', 'pod', 'from-kubectl', '-n', 'web', '--wait=false']);
    assert.equal(deleted.code, 0, deleted.stderr);
    assert.equal(server.get('v1', 'Pod', 'web', 'from-kubectl'), undefined);
  });

  it('client-certificate users and RBAC denials', async () => {
    const cert = server.issueClientCert('erin', ['viewers']);
    server.allow('viewers', { verbs: ['get', 'list', 'watch'], resources: ['pods'], namespaces: ['web'] });
    const file = join(dir, 'erin');
    writeFileSync(
      file,
      server.kubeconfig({ user: 'erin', clientCert: cert, namespace: 'web', contextName: 'erin' }),
    );
    const ok = await kubectl(['get', 'pods', '-o', 'name'], file);
    assert.equal(ok.code, 0, ok.stderr);
    assert.deepEqual(
      ok.stdout.trim().split('\n'),
      server.list('v1', 'Pod', 'web').map((p: any) => `pod/${p.metadata.name}`),
    );
    const denied = await kubectl(['get', 'pods', '-A'], file);
    assert.notEqual(denied.code, 0);
    assert.match(
      denied.stderr,
      /Error from server \(Forbidden\): pods is forbidden: User "erin" cannot list resource "pods" in API group "" at the cluster scope/,
    );
  });
});
