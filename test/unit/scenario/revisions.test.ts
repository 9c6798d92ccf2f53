/* eslint-disable @typescript-eslint/no-explicit-any -- tests inspect objects ad hoc */
import * as assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../server';
import { seedCluster, type SeededCluster } from '../../scenario/cluster';
import { audit, eventsFor, podsOf } from './helpers';

const NOW = Date.parse('2025-06-01T12:00:00Z');

describe('scenario: StatefulSet and DaemonSet revisions (ControllerRevisions)', function () {
  let server: TestServer;
  let seeded: SeededCluster;

  before(async function () {
    server = await startTestServer({ tls: false, now: () => NOW, eventTtlMs: 10 * 3_600_000 });
    seeded = seedCluster(server, { now: () => NOW });
  });
  after(() => server.stop());

  const revisionsOf = (owner: any) =>
    (server.list('apps/v1', 'ControllerRevision', owner.metadata.namespace) as any[])
      .filter((cr) => cr.metadata.ownerReferences?.[0]?.uid === owner.metadata.uid)
      .sort((a, b) => a.revision - b.revision);

  it('every StatefulSet and DaemonSet has its ControllerRevisions, as the controllers write them', function () {
    const owners = [
      ...(server.list('apps/v1', 'StatefulSet') as any[]),
      ...(server.list('apps/v1', 'DaemonSet') as any[]),
    ];
    assert.ok(owners.length >= 5, `${owners.length} owners`);
    for (const o of owners) {
      const crs = revisionsOf(o);
      const where = `${o.kind} ${o.metadata.namespace}/${o.metadata.name}`;
      assert.ok(crs.length >= 1, `${where} has revisions`);
      assert.deepEqual(
        crs.map((c) => c.revision),
        crs.map((_c, i) => i + 1),
        where,
      );
      for (const cr of crs) {
        const ref = cr.metadata.ownerReferences[0];
        assert.deepEqual([ref.kind, ref.name, ref.controller], [o.kind, o.metadata.name, true]);
        assert.equal(cr.data.spec.template.$patch, 'replace', `${cr.metadata.name} holds a replace patch`);
        const hashLabel =
          o.kind === 'StatefulSet' ? 'controller.kubernetes.io/hash' : 'controller-revision-hash';
        assert.equal(cr.metadata.name, `${o.metadata.name}-${cr.metadata.labels[hashLabel]}`);
      }
      // The newest revision holds the live template.
      const { $patch, ...template } = crs.at(-1).data.spec.template;
      assert.equal($patch, 'replace');
      assert.deepEqual(template, o.spec.template, where);
      // Every pod names a revision of its controller: the name (StatefulSet) or hash (DaemonSet).
      const names = new Set(crs.map((c) => c.metadata.name));
      const hashes = new Set(crs.map((c) => c.metadata.labels['controller-revision-hash']));
      for (const p of server.list('v1', 'Pod', o.metadata.namespace) as any[]) {
        if (p.metadata.ownerReferences?.[0]?.uid !== o.metadata.uid) continue;
        const h = p.metadata.labels['controller-revision-hash'];
        assert.ok(o.kind === 'StatefulSet' ? names.has(h) : hashes.has(h), `${p.metadata.name}: ${h}`);
      }
    }
    assert.deepEqual(audit(server), []);
  });

  it('prod/cache rolled out revision 2 (a new redis tag): its newest pod cannot pull it, the others run revision 1', function () {
    const { owner, previous, current, pod } = seeded.rollouts.statefulSet;
    assert.deepEqual([owner.metadata.namespace, owner.metadata.name], ['prod', 'cache']);
    assert.deepEqual(
      revisionsOf(owner).map((c) => c.revision),
      [1, 2],
    );
    assert.equal(owner.status.currentRevision, previous.metadata.name);
    assert.equal(owner.status.updateRevision, current.metadata.name);
    assert.equal(owner.status.updatedReplicas, 1);
    assert.equal(previous.data.spec.template.spec.containers[0].image, 'redis:7.4.1');
    assert.equal(current.data.spec.template.spec.containers[0].image, 'redis:7.4.10');
    assert.equal(Date.parse(current.metadata.creationTimestamp), NOW - 10 * 60_000);
    assert.equal(pod.metadata.name, 'cache-2');
    assert.equal(pod.metadata.labels['controller-revision-hash'], current.metadata.name);
    const others = podsOf(server, 'prod', 'cache').filter((p) => p.metadata.name !== 'cache-2');
    assert.deepEqual(
      others.map((p) => p.metadata.labels['controller-revision-hash']),
      [previous.metadata.name, previous.metadata.name],
    );
    const failed = eventsFor(server, 'prod', pod.metadata.uid, 'Failed');
    assert.ok(
      failed.some((e) => e.type === 'Warning' && /"redis:7\.4\.10".*not found$/.test(e.message)),
      failed.map((e) => e.message).join('\n'),
    );
    assert.ok(Date.parse(failed[0].firstTimestamp) > Date.parse(current.metadata.creationTimestamp));
  });

  it('kube-system/node-exporter rolled out revision 2 (image, args, resources): node-1 pod cannot pull it', function () {
    const { owner, previous, current, pod } = seeded.rollouts.daemonSet;
    assert.deepEqual(
      revisionsOf(owner).map((c) => c.revision),
      [1, 2],
    );
    assert.equal(owner.metadata.annotations['deprecated.daemonset.template.generation'], '2');
    assert.equal(owner.status.updatedNumberScheduled, 1);
    assert.equal(pod.spec.nodeName, 'node-1');
    assert.equal(
      pod.metadata.labels['controller-revision-hash'],
      current.metadata.labels['controller-revision-hash'],
    );
    assert.equal(pod.metadata.labels['pod-template-generation'], '2');
    assert.notEqual(
      previous.metadata.labels['controller-revision-hash'],
      pod.metadata.labels['controller-revision-hash'],
    );
    const c = current.data.spec.template.spec.containers[0];
    assert.deepEqual(c.args, ['--collector.systemd']);
    assert.equal(c.resources.limits.memory, '64Mi');
    const pods = podsOf(server, 'kube-system', 'node-exporter');
    assert.deepEqual(pods.map((p) => p.spec.nodeName).sort(), ['node-1', 'node-2', 'node-3']);
    assert.ok(eventsFor(server, 'kube-system', pod.metadata.uid, 'Failed').some((e) => e.type === 'Warning'));
  });
});
