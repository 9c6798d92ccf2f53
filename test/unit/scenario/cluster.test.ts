/* eslint-disable @typescript-eslint/no-explicit-any -- tests inspect objects ad hoc */
import * as assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../server';
import { seedCluster, type SeededCluster } from '../../scenario/cluster';
import { audit, eventsFor, podsOf } from './helpers';

const NOW = Date.parse('2025-06-01T12:00:00Z');

describe('scenario: seedCluster', function () {
  let server: TestServer;
  let seeded: SeededCluster;

  before(async function () {
    server = await startTestServer({ tls: false, now: () => NOW, eventTtlMs: 10 * 3_600_000 });
    seeded = seedCluster(server, { now: () => NOW });
  });
  after(() => server.stop());

  it('every ownerReference and every event involvedObject resolves to an object of that kind and name', function () {
    assert.deepEqual(audit(server), []);
    const owned = (server.list('v1', 'Pod') as any[]).filter((p) => p.metadata.ownerReferences?.length);
    assert.equal(owned.length, (server.list('v1', 'Pod') as any[]).length, 'every pod has a controller');
    for (const p of owned) assert.equal(p.metadata.ownerReferences[0].controller, true);
  });

  it('ReplicaSet pods carry the ReplicaSet pod-template-hash, and ReplicaSets are named after it', function () {
    const rses = server.list('apps/v1', 'ReplicaSet') as any[];
    assert.ok(rses.length >= 5);
    for (const rs of rses) {
      const hash = rs.metadata.labels['pod-template-hash'];
      assert.ok(hash, `${rs.metadata.name} has a hash`);
      assert.equal(rs.metadata.name, `${rs.metadata.ownerReferences[0].name}-${hash}`);
      assert.equal(rs.spec.selector.matchLabels['pod-template-hash'], hash);
      const pods = (server.list('v1', 'Pod', rs.metadata.namespace) as any[]).filter(
        (p) => p.metadata.ownerReferences[0].uid === rs.metadata.uid,
      );
      assert.equal(pods.length, rs.spec.replicas, `${rs.metadata.name} has its replicas`);
      assert.equal(rs.status.replicas, pods.length);
      for (const p of pods) {
        assert.equal(p.metadata.labels['pod-template-hash'], hash);
        assert.ok(p.metadata.name.startsWith(`${rs.metadata.name}-`));
      }
    }
  });

  it('has three nodes, one cordoned, and the namespaces, workloads and services of a real cluster', function () {
    const nodes = server.list('v1', 'Node') as any[];
    assert.deepEqual(
      nodes.map((n) => n.metadata.name),
      ['node-1', 'node-2', 'node-3'],
    );
    assert.deepEqual(
      nodes.filter((n) => n.spec.unschedulable).map((n) => n.metadata.name),
      ['node-3'],
    );
    const ns = (server.list('v1', 'Namespace') as any[]).map((n) => n.metadata.name);
    for (const n of ['prod', 'staging', 'batch', 'kube-system']) assert.ok(ns.includes(n), n);
    for (const d of server.list('apps/v1', 'Deployment') as any[]) {
      assert.ok(
        server.get(
          'v1',
          'Service',
          d.metadata.namespace,
          d.metadata.name === 'coredns' ? 'kube-dns' : d.metadata.name,
        ),
        `service for ${d.metadata.name}`,
      );
    }
    assert.equal(podsOf(server, 'prod', 'postgres').length, 2);
    const agents = podsOf(server, 'kube-system', 'log-agent');
    assert.deepEqual(agents.map((p) => p.spec.nodeName).sort(), ['node-1', 'node-2', 'node-3']);
    assert.ok(server.get('batch/v1', 'CronJob', 'batch', 'report-sync'));
    const jobs = server.list('batch/v1', 'Job', 'batch') as any[];
    assert.equal(jobs.filter((j) => j.status.succeeded === 1).length, 3, 'three finished runs kept');
    assert.equal(jobs.filter((j) => !j.status.succeeded).length, 1, 'one running');
    for (const p of server.list('v1', 'Pod') as any[]) {
      if (p.spec.nodeName)
        assert.ok(
          nodes.find((n) => n.metadata.name === p.spec.nodeName),
          'bound to a real node',
        );
      // DaemonSet pods tolerate the cordon (log-agent, kube-proxy, node-exporter); no other pod is there.
      if (p.spec.nodeName && p.metadata.ownerReferences?.[0]?.kind !== 'DaemonSet')
        assert.notEqual(p.spec.nodeName, 'node-3', `${p.metadata.name} not on the cordoned node`);
    }
  });

  it('has the stuck pods with their statuses and warnings', function () {
    const crash = server.get('v1', 'Pod', 'prod', seeded.crashLoopPod) as any;
    assert.equal(crash.status.containerStatuses[0].state.waiting.reason, 'CrashLoopBackOff');
    assert.equal(crash.status.containerStatuses[0].lastState.terminated.exitCode, 1);
    assert.equal(crash.status.containerStatuses[0].restartCount, 9);
    const backOff = eventsFor(server, 'prod', crash.metadata.uid, 'BackOff');
    assert.equal(backOff.length, 1);
    assert.equal(backOff[0].type, 'Warning');
    assert.match(backOff[0].message, /^Back-off restarting failed container api in pod api-/);
    assert.ok(backOff[0].count > 1);
    assert.equal(eventsFor(server, 'prod', crash.metadata.uid, 'Unhealthy')[0].type, 'Warning');

    const pending = server.get('v1', 'Pod', 'prod', seeded.pendingPod) as any;
    assert.equal(pending.status.phase, 'Pending');
    assert.equal(pending.spec.nodeName, undefined);
    const fs = eventsFor(server, 'prod', pending.metadata.uid, 'FailedScheduling');
    assert.equal(fs.length, 1);
    assert.equal(fs[0].reportingComponent, 'default-scheduler');
    assert.match(
      fs[0].message,
      /^0\/3 nodes are available: 1 node\(s\) were unschedulable, 2 Insufficient memory\. preemption: /,
    );
    const v1 = server.get('events.k8s.io/v1', 'Event', 'prod', fs[0].metadata.name) as any;
    assert.equal(v1.series.count, 6, 'an events.k8s.io/v1 event with a series');
    assert.equal(v1.regarding.uid, pending.metadata.uid);

    const pull = server.get('v1', 'Pod', 'staging', seeded.imagePullPod) as any;
    assert.equal(pull.status.containerStatuses[0].state.waiting.reason, 'ImagePullBackOff');
    const failed = eventsFor(server, 'staging', pull.metadata.uid, 'Failed').map((e) => e.message);
    assert.ok(
      failed.some((m) => /^Failed to pull image ".*": .*not found$/.test(m)),
      failed.join('\n'),
    );
    assert.ok(failed.includes('Error: ImagePullBackOff'));
    assert.match(
      eventsFor(server, 'staging', pull.metadata.uid, 'BackOff')[0].message,
      /^Back-off pulling image "/,
    );
  });

  it('has the events of that history, spread over the last hour and none in the future', function () {
    const events = server.list('v1', 'Event') as any[];
    assert.equal(events.length, seeded.counts.events);
    const seen = (e: any) => Date.parse(e.series?.lastObservedTime ?? e.lastTimestamp ?? e.eventTime);
    for (const e of events) {
      assert.ok(seen(e) <= NOW, `${e.reason} ${e.metadata.name} not in the future`);
      assert.ok(seen(e) >= NOW - 3_600_000, `${e.reason} ${e.metadata.name} within the hour`);
    }
    const reasons = new Set(events.map((e) => `${e.source?.component ?? e.reportingComponent}/${e.reason}`));
    for (const r of [
      'default-scheduler/Scheduled',
      'kubelet/Pulling',
      'kubelet/Pulled',
      'kubelet/Created',
      'kubelet/Started',
      'deployment-controller/ScalingReplicaSet',
      'replicaset-controller/SuccessfulCreate',
      'statefulset-controller/SuccessfulCreate',
      'daemonset-controller/SuccessfulCreate',
      'job-controller/SuccessfulCreate',
      'job-controller/Completed',
      'cronjob-controller/SuccessfulCreate',
      'cronjob-controller/SawCompletedJob',
    ])
      assert.ok(reasons.has(r), r);
    const spread = events.map(seen);
    assert.ok(Math.max(...spread) - Math.min(...spread) > 40 * 60_000, 'spread over most of the hour');
  });

  it('scale multiplies the workloads quickly and stays consistent', async function () {
    const big = await startTestServer({ tls: false, now: () => NOW });
    try {
      const t0 = performance.now();
      const s = seedCluster(big, { now: () => NOW, scale: 20, namespaces: ['team-a'] });
      const ms = performance.now() - t0;
      assert.ok(s.counts.pods > 20 * 25, `pods: ${s.counts.pods}`);
      assert.ok(s.counts.events > 20 * 150, `events: ${s.counts.events}`);
      assert.ok((big.list('apps/v1', 'Deployment', 'team-a') as any[]).length === 60);
      assert.ok(ms < 10_000, `seeded in ${ms.toFixed(0)} ms`);
      assert.deepEqual(audit(big), []);
    } finally {
      await big.stop();
    }
  });
});
