/* eslint-disable @typescript-eslint/no-explicit-any -- fixtures are edited as wire JSON */
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KubeObject } from '../../../src/core/cache/types';
import { describeObject, selectEventsFor, type DescribeContext } from '../../../src/core/describe/describe';
import { startTestServer, type TestServer } from '../../server';
import { splitSections } from './sections';
import { ownedBy, seed } from './seed';
import { KIND_CASES, seedKinds } from './seedKinds';

// kubectl 1.32 is the reference: each kind is described by kubectl and by us from the same
// stored objects and events, and compared section by section (a section is a top-level
// `Key:` line and its continuation lines).

const KUBECTL = '/usr/bin/kubectl';

/**
 * SERVED_KINDS lists the kinds beyond the ten built-in ones that the test server serves: each
 * listed kind is seeded (seedKinds), described (its KIND_CASES) and fed to the related-object
 * lookups (Node Lease, Namespace quotas and limits, ServiceAccount secrets, Service endpoints).
 * Add a kind here once the test server serves it.
 */
const SERVED_KINDS: ReadonlySet<string> = new Set<string>([]);

/**
 * ALLOWED lists the sections that may differ, per kind, and why. Everything else kubectl prints
 * must be present in ours, byte for byte.
 */
const ALLOWED: Record<string, Record<string, string>> = SERVED_KINDS.has('Lease')
  ? {}
  : { Node: { Lease: 'node Leases (coordination.k8s.io) are not served here; the block is left out' } };
/** OURS_ONLY lists sections we print that kubectl does not, and why. */
const OURS_ONLY: Record<string, Record<string, string>> = {
  Namespace: { Events: "kubectl's namespace describer prints no events; ours shows the namespace's own" },
  Secret: { Events: "kubectl's secret describer prints no events; ours shows the secret's own" },
  NetworkPolicy: { Events: "kubectl's network policy describer prints no events; ours shows its own" },
  ResourceQuota: { Events: "kubectl's quota describer prints no events; ours shows the quota's own" },
  LimitRange: { Events: "kubectl's limit range describer prints no events; ours shows its own" },
};

interface Case {
  kind: string;
  apiVersion: string;
  resource: string;
  namespace?: string;
  name: string;
}

const CASES: Case[] = [
  { kind: 'Pod', apiVersion: 'v1', resource: 'pod', namespace: 'web', name: 'frontend-5d8f9c7b6-abcde' },
  { kind: 'Pod', apiVersion: 'v1', resource: 'pod', namespace: 'web', name: 'frontend-5d8f9c7b6-fghij' },
  { kind: 'Deployment', apiVersion: 'apps/v1', resource: 'deployment', namespace: 'web', name: 'frontend' },
  {
    kind: 'ReplicaSet',
    apiVersion: 'apps/v1',
    resource: 'replicaset',
    namespace: 'web',
    name: 'frontend-5d8f9c7b6',
  },
  {
    kind: 'ReplicaSet',
    apiVersion: 'apps/v1',
    resource: 'replicaset',
    namespace: 'web',
    name: 'frontend-7c6d5b4a3',
  },
  { kind: 'Service', apiVersion: 'v1', resource: 'service', namespace: 'web', name: 'frontend' },
  { kind: 'Node', apiVersion: 'v1', resource: 'node', name: 'node-1' },
  { kind: 'Namespace', apiVersion: 'v1', resource: 'namespace', name: 'web' },
  { kind: 'Job', apiVersion: 'batch/v1', resource: 'job', namespace: 'web', name: 'migrate' },
  { kind: 'StatefulSet', apiVersion: 'apps/v1', resource: 'statefulset', namespace: 'web', name: 'db' },
  { kind: 'Pod', apiVersion: 'v1', resource: 'pod', namespace: 'web', name: 'db-0' },
  { kind: 'DaemonSet', apiVersion: 'apps/v1', resource: 'daemonset', namespace: 'web', name: 'logs' },
  { kind: 'CronJob', apiVersion: 'batch/v1', resource: 'cronjob', namespace: 'web', name: 'nightly' },
  { kind: 'Pod', apiVersion: 'v1', resource: 'pod', namespace: 'web', name: 'migrate-x2x9q' },
  { kind: 'Service', apiVersion: 'v1', resource: 'service', namespace: 'web', name: 'edge' },
  ...KIND_CASES.filter((c) => SERVED_KINDS.has(c.kind)),
];

describe('describe: section by section against kubectl 1.32', function () {
  this.timeout(60_000);
  let server: TestServer;
  let dir: string;
  let kubeconfig: string;
  const summary: string[] = [];

  function kubectl(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      execFile(
        KUBECTL,
        ['--kubeconfig', kubeconfig, '--cache-dir', join(dir, 'cache'), ...args],
        { env: { ...process.env, HOME: dir, TZ: 'UTC' }, timeout: 20_000 },
        (err, stdout, stderr) =>
          resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
    });
  }

  function contextFor(
    c: Case,
    now: number,
    eventApi: 'v1' | 'events.k8s.io/v1',
  ): { obj: KubeObject; ctx: DescribeContext } {
    const obj = server.get(c.apiVersion, c.kind, c.namespace, c.name) as KubeObject;
    const pods = () => server.list('v1', 'Pod') as KubeObject[];
    const served = (kind: string) => SERVED_KINDS.has(kind);
    const inNs = (apiVersion: string, kind: string) => (ns: string) =>
      server.list(apiVersion, kind, ns) as KubeObject[];
    const ctx: DescribeContext = {
      now,
      events: selectEventsFor(obj, c.kind, server.list(eventApi, 'Event') as KubeObject[]),
      utcOffsetMinutes: () => 0,
      related: {
        replicaSetsOf: (uid) => (server.list('apps/v1', 'ReplicaSet') as KubeObject[]).filter(ownedBy(uid)),
        podsOf: (uid) => pods().filter(ownedBy(uid)),
        podsOnNode: (name) => pods().filter((p: any) => p.spec?.nodeName === name),
        podsIn: inNs('v1', 'Pod'),
        serviceFor: (ns, name) => (server.get('v1', 'Service', ns, name) as KubeObject | undefined) ?? null,
        endpointsFor: served('EndpointSlice')
          ? (ns, name) =>
              inNs(
                'discovery.k8s.io/v1',
                'EndpointSlice',
              )(ns).find((s: any) => s.metadata.labels?.['kubernetes.io/service-name'] === name)
          : () => undefined,
        ...(served('Lease') && {
          nodeLease: (name: string) =>
            (server.get('coordination.k8s.io/v1', 'Lease', 'kube-node-lease', name) as KubeObject) ?? null,
        }),
        ...(served('ResourceQuota') && { resourceQuotasIn: inNs('v1', 'ResourceQuota') }),
        ...(served('LimitRange') && { limitRangesIn: inNs('v1', 'LimitRange') }),
        ...(served('Secret') && { secretsIn: inNs('v1', 'Secret') }),
      },
    };
    return { obj, ctx };
  }

  before(async function () {
    assert.ok(existsSync(KUBECTL), `the reference client ${KUBECTL} is not installed`);
    dir = mkdtempSync(join(tmpdir(), 'kube-events-describe-'));
    server = await startTestServer();
    server.addTokenUser('admin', 'admin-token');
    server.grantAll('admin');
    kubeconfig = join(dir, 'config');
    writeFileSync(kubeconfig, server.kubeconfig({ user: 'admin', token: 'admin-token' }));
    const now = Date.now();
    seed(server, now);
    seedKinds(server, now, SERVED_KINDS);
  });

  after(async () => {
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
    if (summary.length > 0)
      console.log(`\n    kubectl describe vs ours (sections matched / kubectl's):\n${summary.join('\n')}`);
  });

  for (const c of CASES) {
    it(`${c.kind} ${c.name}`, async () => {
      const args = ['describe', c.resource, c.name, ...(c.namespace ? ['-n', c.namespace] : [])];
      const t0 = Date.now();
      const r = await kubectl(args);
      const t1 = Date.now();
      assert.equal(r.code, 0, r.stderr);
      if (process.env.DESCRIBE_DUMP) console.log(r.stdout);
      const theirs = splitSections(r.stdout);
      const allowed = ALLOWED[c.kind] ?? {};
      const oursOnly = OURS_ONLY[c.kind] ?? {};

      // kubectl read its clock somewhere in [t0, t1]: render ours at instants across that window
      // and keep the best, so ages are compared exactly rather than loosely.
      let best: { text: string; same: number; now: number } | undefined;
      for (let now = t0; now <= t1 + 100; now += 50) {
        const { obj, ctx } = contextFor(c, now, 'v1');
        const text = describeObject(c.kind, obj, ctx);
        const ours = splitSections(text);
        const same = theirs.filter((s) => ours.some((o) => o.key === s.key && o.text === s.text)).length;
        if (!best || same > best.same) best = { text, same, now };
      }
      const ours = splitSections(best!.text);
      const used = new Set<number>();
      const differing: string[] = [];
      for (const s of theirs) {
        const i = ours.findIndex((o, k) => !used.has(k) && o.key === s.key);
        if (i >= 0) used.add(i);
        const match = i >= 0 && ours[i]!.text === s.text;
        if (match) continue;
        if (s.key in allowed) {
          differing.push(`${s.key} (allowed: ${allowed[s.key]})`);
          continue;
        }
        assert.fail(
          `${c.kind} ${c.name}: section "${s.key}" differs\n--- kubectl\n${s.text}\n--- ours\n${i >= 0 ? ours[i]!.text : '<missing>'}\n--- full ours\n${best!.text}`,
        );
      }
      const extra = ours.filter((_, k) => !used.has(k)).map((o) => o.key);
      for (const key of extra)
        assert.ok(key in oursOnly, `${c.kind}: ours has an unexpected section "${key}"`);

      // The same events seen through events.k8s.io/v1 must render identically.
      const { obj, ctx } = contextFor(c, best!.now, 'events.k8s.io/v1');
      assert.equal(
        describeObject(c.kind, obj, ctx),
        best!.text,
        'events.k8s.io/v1 events render differently',
      );

      summary.push(
        `      ${`${c.kind} ${c.name}`.padEnd(38)} ${theirs.length - differing.length}/${theirs.length} same` +
          (differing.length ? `; differs: ${differing.join(', ')}` : '') +
          (extra.length ? `; ours only: ${extra.map((k) => `${k} (${oursOnly[k]})`).join(', ')}` : ''),
      );
    });
  }
});
