/* eslint-disable @typescript-eslint/no-explicit-any -- tests inspect objects ad hoc */
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestServer, type TestServer } from '../../server';
import { seedCluster, type SeededCluster } from '../../scenario/cluster';
import { CERT_FAILURE, METRICS_UNAVAILABLE, SYNC_FAILURE } from '../../scenario/beyondWorkloads';
import { Scenario } from '../../scenario/scenario';

const KUBECTL = '/usr/bin/kubectl';

describe('scenario: the demo cluster beyond workloads (PVC, HPA, LoadBalancer, CRDs)', function () {
  this.timeout(60000);
  let server: TestServer;
  let seeded: SeededCluster;
  let dir: string;
  let kubeconfig: string;

  function kubectl(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      execFile(
        KUBECTL,
        ['--kubeconfig', kubeconfig, '--cache-dir', join(dir, 'cache'), ...args],
        { env: { ...process.env, HOME: dir }, timeout: 20000 },
        (err, stdout, stderr) =>
          resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
    });
  }

  /** warnings lists `reason|component|message` of the Warning events about an object. */
  function warnings(ns: string, kind: string, name: string): string[] {
    return (server.list('v1', 'Event', ns) as any[])
      .filter((e) => e.type === 'Warning' && e.involvedObject.kind === kind && e.involvedObject.name === name)
      .map((e) => `${e.reason}|${e.source.component}|${e.message}`);
  }

  before(async () => {
    assert.ok(existsSync(KUBECTL), `the reference client ${KUBECTL} is not installed`);
    dir = mkdtempSync(join(tmpdir(), 'kube-events-beyond-'));
    server = await startTestServer();
    server.addTokenUser('admin', 'admin-token');
    server.grantAll('admin');
    kubeconfig = join(dir, 'config');
    writeFileSync(kubeconfig, server.kubeconfig({ user: 'admin', token: 'admin-token' }));
    seeded = seedCluster(server);
  });
  after(async () => {
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('seeds each trouble with the Warning its component writes', () => {
    assert.deepEqual(seeded.beyond, {
      pvc: 'search-data',
      hpa: 'web',
      loadBalancer: 'web-public',
      certificate: 'shop-tls',
      application: 'shop-staging',
    });
    assert.deepEqual(warnings('prod', 'PersistentVolumeClaim', 'search-data'), [
      'ProvisioningFailed|persistentvolume-controller|storageclass.storage.k8s.io "fast-ssd" not found',
    ]);
    assert.deepEqual(warnings('prod', 'HorizontalPodAutoscaler', 'web').sort(), [
      `FailedComputeMetricsReplicas|horizontal-pod-autoscaler|invalid metrics (1 invalid out of 1), first error is: failed to get cpu resource metric value: ${METRICS_UNAVAILABLE}`,
      `FailedGetResourceMetric|horizontal-pod-autoscaler|${METRICS_UNAVAILABLE}`,
    ]);
    assert.deepEqual(warnings('prod', 'Service', 'web-public'), [
      'SyncLoadBalancerFailed|service-controller|Error syncing load balancer: failed to ensure load balancer: could not find any suitable subnets for creating the ELB',
    ]);
    assert.deepEqual(warnings('prod', 'Certificate', 'shop-tls'), [
      `Failed|cert-manager-certificates-issuing|${CERT_FAILURE}`,
    ]);
    assert.deepEqual(warnings('argocd', 'Application', 'shop-staging'), [
      `OperationCompleted|argocd-application-controller|${SYNC_FAILURE}`,
    ]);
    const cert = server.get('cert-manager.io/v1', 'Certificate', 'prod', 'shop-tls') as any;
    assert.equal(cert.status.conditions.find((c: any) => c.type === 'Ready').status, 'False');
    const hpa = server.get('autoscaling/v2', 'HorizontalPodAutoscaler', 'prod', 'web') as any;
    assert.equal(
      hpa.status.conditions.find((c: any) => c.type === 'ScalingActive').reason,
      'FailedGetResourceMetric',
    );
  });

  it('kubectl get shows the CRDs established and their instances with their printer columns', async () => {
    const crds = await kubectl(['get', 'crd', '-o', 'name']);
    assert.deepEqual(crds.stdout.trim().split('\n').sort(), [
      'customresourcedefinition.apiextensions.k8s.io/applications.argoproj.io',
      'customresourcedefinition.apiextensions.k8s.io/certificates.cert-manager.io',
    ]);
    const certs = await kubectl(['get', 'certificates', '-n', 'prod']);
    assert.equal(certs.code, 0, certs.stderr);
    assert.match(certs.stdout, /^shop-tls\s+False\s+shop-tls\s+\d+m$/m);
    assert.match(certs.stdout, /^api-tls\s+True\s+api-tls\s+\d+d$/m);
    const apps = await kubectl(['get', 'applications.argoproj.io', '-n', 'argocd']);
    assert.match(apps.stdout, /^NAME\s+SYNC STATUS\s+HEALTH STATUS$/m);
    assert.match(apps.stdout, /^shop-staging\s+OutOfSync\s+Degraded$/m);
    const svc = await kubectl(['get', 'svc', 'web-public', '-n', 'prod']);
    assert.match(svc.stdout, /^web-public\s+LoadBalancer\s/m);
  });

  it('kubectl describe shows each Warning in the Events section', async () => {
    const cases: Array<[string[], RegExp]> = [
      [
        ['describe', 'pvc', 'search-data', '-n', 'prod'],
        /Warning\s+ProvisioningFailed\s+\S+ \(x98 over \S+\)\s+persistentvolume-controller\s+storageclass\.storage\.k8s\.io "fast-ssd" not found/,
      ],
      [
        ['describe', 'hpa', 'web', '-n', 'prod'],
        /Warning\s+FailedGetResourceMetric\s+.*horizontal-pod-autoscaler\s+failed to get cpu utilization/,
      ],
      [
        ['describe', 'svc', 'web-public', '-n', 'prod'],
        /Warning\s+SyncLoadBalancerFailed\s+.*service-controller\s+Error syncing load balancer/,
      ],
      [
        ['describe', 'certificate', 'shop-tls', '-n', 'prod'],
        /Warning\s+Failed\s+\S+\s+cert-manager-certificates-issuing\s+The certificate request has failed/,
      ],
      [
        ['describe', 'application', 'shop-staging', '-n', 'argocd'],
        /Warning\s+OperationCompleted\s+\S+\s+argocd-application-controller\s+Sync operation to 7f3a9c1 failed/,
      ],
    ];
    for (const [args, re] of cases) {
      const r = await kubectl(args);
      assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stdout, re, args.join(' '));
    }
  });

  it('the Scenario repeats those Warnings: the same Event objects, count + 1', () => {
    const before = (reason: string) =>
      (server.list('v1', 'Event', 'prod') as any[]).filter((e) => e.reason === reason).map((e) => e.count);
    const counts = ['ProvisioningFailed', 'FailedGetResourceMetric', 'SyncLoadBalancerFailed'].map(before);
    const lines: string[] = [];
    const scenario = new Scenario({ server, onNotice: (l) => lines.push(l) });
    const events = scenario.beyondTick();
    scenario.stop();
    assert.deepEqual(
      events.map((e: any) => `${e.reason} ${e.count}`),
      [
        `ProvisioningFailed ${counts[0]![0] + 1}`,
        `FailedGetResourceMetric ${counts[1]![0] + 1}`,
        `SyncLoadBalancerFailed ${counts[2]![0] + 1}`,
      ],
    );
    assert.deepEqual(
      ['ProvisioningFailed', 'FailedGetResourceMetric', 'SyncLoadBalancerFailed'].map(
        (r) => before(r).length,
      ),
      [1, 1, 1],
      'updated, not duplicated',
    );
    assert.match(
      lines[0]!,
      /^Warnings again: ProvisioningFailed x99, FailedGetResourceMetric x191, SyncLoadBalancerFailed x10$/,
    );
  });
});
