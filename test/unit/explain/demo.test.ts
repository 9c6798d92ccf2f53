/**
 * The demo cluster's Warnings (test/scenario: the cluster `npm run demo` and the UI tests
 * serve) each get an explanation from the same caches the extension would hold: a dedicated
 * one, not the generic fallback, with a cause the cluster's state confirms.
 */
import * as assert from 'node:assert/strict';
import type { KubeObject } from '../../../src/core/cache/types';
import { normalizeEvent } from '../../../src/core/events/model';
import { explain } from '../../../src/core/explain/explain';
import { explainGeneric } from '../../../src/core/explain/generic';
import { ListExplainCache } from '../../../src/core/explain/listCache';
import { seedCluster } from '../../scenario/cluster';
import { startTestServer, type TestServer } from '../../server';
import { KINDS } from '../scenario/helpers';

const NOW = Date.parse('2025-06-01T12:00:00Z');

describe('explain: the demo cluster', function () {
  let server: TestServer;
  let cache: ListExplainCache;
  let warnings: ReturnType<typeof normalizeEvent>[];

  before(async function () {
    server = await startTestServer({ tls: false, now: () => NOW, eventTtlMs: 10 * 3_600_000 });
    seedCluster(server, { now: () => NOW });
    const objects: Record<string, KubeObject[]> = {};
    for (const [apiVersion, kind] of KINDS) objects[kind] = server.list(apiVersion, kind) as KubeObject[];
    const events = server.list('v1', 'Event') as KubeObject[];
    cache = new ListExplainCache({ objects, events });
    warnings = events.map((e) => normalizeEvent(e)).filter((e) => e.type === 'Warning');
  });
  after(() => server.stop());

  it('has Warnings of every trouble the demo shows', function () {
    const reasons = new Set(warnings.map((e) => e.reason));
    for (const r of ['BackOff', 'Unhealthy', 'FailedScheduling']) assert.ok(reasons.has(r), `demo has ${r}`);
    assert.ok(
      [...reasons].some(
        (r) => r === 'Failed' || r === 'ErrImagePull' || r === 'ImagePullBackOff' || r === 'BackOff',
      ),
    );
  });

  it('explains every Warning with a dedicated explainer, never the generic one', function () {
    const seen: string[] = [];
    for (const e of warnings) {
      const x = explain(e, cache, NOW);
      const where = `${e.reason} on ${e.involved.kind} ${e.involved.namespace}/${e.involved.name}: ${e.message}`;
      assert.notEqual(x.confidence, 'generic', where);
      assert.notEqual(x.cause, explainGeneric(e).cause, where);
      assert.ok(x.cause.length > 0 && x.evidence.length > 0, where);
      seen.push(`${e.reason}: ${x.cause}`);
    }
    assert.ok(seen.length >= 3, seen.join('\n'));
  });

  it('relates the stuck StatefulSet and DaemonSet rollouts to their revision 2, with the diff from revision 1', function () {
    const on = (ns: string, prefix: string) =>
      warnings.find(
        (w) =>
          w.involved.kind === 'Pod' &&
          w.involved.namespace === ns &&
          w.involved.name.startsWith(prefix) &&
          /^Failed to pull image/.test(w.message),
      );
    const cache2 = on('prod', 'cache-');
    assert.ok(cache2, 'a pull failure on a prod/cache pod');
    const sts = explain(cache2, cache, NOW);
    assert.match(sts.cause, /does not exist in the registry/);
    assert.deepEqual(sts.rollout?.workload, { kind: 'StatefulSet', namespace: 'prod', name: 'cache' });
    assert.equal(sts.rollout?.revision, '2');
    assert.equal(sts.rollout?.startedAfterRollout, true);
    assert.ok(
      sts.evidence.some((e) => /^first seen \S+ after cache rolled out revision 2$/.test(e.text)),
      sts.evidence.map((e) => e.text).join('\n'),
    );
    assert.deepEqual(
      sts.rollout?.changes.map((c) => c.text),
      ['redis: image redis:7.4.1 → redis:7.4.10'],
    );
    const ne = on('kube-system', 'node-exporter-');
    assert.ok(ne, 'a pull failure on a node-exporter pod');
    const ds = explain(ne, cache, NOW);
    assert.deepEqual(ds.rollout?.workload, {
      kind: 'DaemonSet',
      namespace: 'kube-system',
      name: 'node-exporter',
    });
    assert.equal(ds.rollout?.revision, '2');
    const texts = ds.rollout?.changes.map((c) => c.text) ?? [];
    assert.ok(
      texts.some((t) => /image .*v1\.8\.2 → .*v1\.9\.0-distroless/.test(t)),
      texts.join('\n'),
    );
    assert.ok(texts.includes('node-exporter: command/args changed'), texts.join('\n'));
    assert.ok(
      texts.some((t) => /resources .*limits memory=64Mi/.test(t)),
      texts.join('\n'),
    );
    assert.ok(ds.rollout!.warningsPerRevision[0]!.warnings > 0);
    assert.equal(ds.rollout!.warningsPerRevision[1]!.warnings, 0);
  });

  it('gives each trouble the cause the cluster state confirms', function () {
    const causeOf = (reason: string, test: (e: (typeof warnings)[number]) => boolean = () => true) => {
      const e = warnings.find((w) => w.reason === reason && test(w));
      assert.ok(e, `a ${reason} Warning`);
      return explain(e, cache, NOW);
    };
    const scheduling = causeOf('FailedScheduling');
    assert.match(
      scheduling.cause,
      /2 nodes lack memory \(it requests 12Gi, at most 8Gi is free\); 1 node is cordoned/,
    );
    assert.equal(scheduling.confidence, 'exact');
    const crash = causeOf('BackOff', (e) => /^Back-off restarting failed container/.test(e.message));
    assert.match(crash.cause, /crash|exit|restart/i);
    const probe = causeOf('Unhealthy');
    assert.match(probe.cause, /readiness/i);
    const notFound = causeOf('Failed', (e) => /code = NotFound/.test(e.message));
    assert.match(notFound.cause, /does not exist in the registry/);
    assert.equal(notFound.confidence, 'exact');
    // Beyond the workloads: the cloud load balancer, the HPA, a cert-manager Certificate and
    // an Argo CD Application, each explained from what its own object's status says.
    const lb = causeOf('SyncLoadBalancerFailed');
    assert.match(lb.cause, /load balancer of Service web-public: the cloud found no subnet/);
    assert.ok(
      lb.evidence.some((v) => /status\.loadBalancer is empty/.test(v.text) && v.ref?.kind === 'Service'),
    );
    assert.equal(lb.confidence, 'exact');
    const hpa = causeOf('FailedComputeMetricsReplicas');
    assert.match(hpa.cause, /metrics-server is not serving metrics\.k8s\.io/);
    assert.ok(hpa.evidence.some((v) => /^ScalingActive=False \(FailedGetResourceMetric\)/.test(v.text)));
    assert.equal(hpa.confidence, 'exact');
    const cert = causeOf('Failed', (e) => e.involved.kind === 'Certificate');
    assert.match(cert.cause, /^Certificate shop-tls is NotReady: Issuing=False \(Failed\): .*rateLimited/);
    assert.equal(cert.confidence, 'exact');
    const app = causeOf('OperationCompleted');
    assert.match(
      app.cause,
      /^Application shop-staging is Degraded: SyncError: Sync operation to 7f3a9c1 failed/,
    );
    assert.ok(app.evidence.some((v) => v.text === 'Sync: OutOfSync (revision 7f3a9c1)'));
    assert.equal(app.confidence, 'exact');
  });
});
