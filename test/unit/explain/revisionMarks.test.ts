import * as assert from 'node:assert/strict';
import type { ReadonlyIndexer } from '../../../src/core/cache/store';
import type { KubeObject } from '../../../src/core/cache/types';
import type { KindStatus } from '../../../src/core/cluster/status';
import {
  controllerRevisionMarks,
  mergeRevisionMarks,
  RevisionChangeTracker,
} from '../../../src/core/explain/revisionMarks';
import { CONTROLLER_REVISIONS, DAEMONSETS, STATEFULSETS, type ResourceKind } from '../../../src/core/kinds';
import { Emitter } from '../../../src/core/util/emitter';
import type { KindChange, ObjectChange } from '../../../src/host/contexts/connections';
import { RolloutMarksSource, type MarksSession } from '../../../src/host/explain/rolloutMarksSource';
import { controllerRevision } from '../../server/fixturesAdded';
import { FakeClock } from '../fakes/fakeClock';
import { NOW, obj, uidOf } from './builders';

const HOUR = 3_600_000;

const sts = (name: string, updateRevision: string, extra: Record<string, unknown> = {}) =>
  obj('StatefulSet', 'prod', name, { status: { updateRevision, currentRevision: updateRevision, ...extra } });
const ds = (name: string, generation: string) =>
  obj(
    'DaemonSet',
    'kube-system',
    name,
    {},
    { annotations: { 'deprecated.daemonset.template.generation': generation } },
  );
const cr = (
  kind: 'StatefulSet' | 'DaemonSet',
  ns: string,
  name: string,
  hash: string,
  n: number,
  at: number,
) =>
  controllerRevision(
    { kind, namespace: ns, name, uid: uidOf(kind, ns, name) },
    hash,
    n,
    {},
    { creationTimestamp: at },
  );

describe('explain: StatefulSet and DaemonSet rollout marks', function () {
  it('marks a StatefulSet when its updateRevision changes and a DaemonSet when its template generation does, at the time seen', function () {
    const t = new RevisionChangeTracker();
    assert.equal(t.observe('c', 'StatefulSet', 'add', sts('cache', 'cache-aaa'), NOW - 600_000), false);
    assert.equal(t.observe('c', 'DaemonSet', 'add', ds('agent', '1'), NOW - 600_000), false);
    // A status-only update (ready count) is no rollout.
    assert.equal(
      t.observe('c', 'StatefulSet', 'update', sts('cache', 'cache-aaa', { readyReplicas: 2 }), NOW),
      false,
    );
    assert.equal(t.observe('c', 'StatefulSet', 'update', sts('cache', 'cache-bbb'), NOW - 60_000), true);
    assert.equal(t.observe('c', 'DaemonSet', 'update', ds('agent', '2'), NOW - 30_000), true);
    assert.equal(
      t.observe('c', 'Deployment', 'update', sts('cache', 'x'), NOW),
      false,
      'other kinds ignored',
    );
    assert.deepEqual(t.marks('c', NOW - HOUR, NOW), [
      { context: 'c', workload: 'DaemonSet kube-system/agent', revision: '2', at: NOW - 30_000 },
      { context: 'c', workload: 'StatefulSet prod/cache', revision: 'cache-bbb', at: NOW - 60_000 },
    ]);
    // With the ControllerRevisions cached, a StatefulSet revision is named by its number.
    const numbered = t.marks('c', NOW - HOUR, NOW, (ns, name) =>
      ns === 'prod' && name === 'cache-bbb' ? '2' : undefined,
    );
    assert.equal(numbered[1]!.revision, '2');
    assert.deepEqual(t.marks('c', NOW - 45_000, NOW).length, 1, 'the window applies');
    assert.deepEqual(t.marks('other', NOW - HOUR, NOW), []);
    t.forget('c');
    assert.deepEqual(t.marks('c', NOW - HOUR, NOW), []);
  });

  it('a workload first seen as an update, or re-added after a delete, is no rollout; bounds and hostile names hold', function () {
    const t = new RevisionChangeTracker({ workloads: 2, marks: 3 });
    assert.equal(t.observe('c', 'StatefulSet', 'update', sts('a', 'a-1'), NOW), false);
    t.observe('c', 'StatefulSet', 'delete', sts('a', 'a-1'), NOW);
    assert.equal(t.observe('c', 'StatefulSet', 'add', sts('a', 'a-2'), NOW), false);
    t.observe('c', 'StatefulSet', 'add', sts('b', 'b-1'), NOW);
    t.observe('c', 'StatefulSet', 'add', sts('over', 'o-1'), NOW);
    assert.equal(
      t.observe('c', 'StatefulSet', 'update', sts('over', 'o-2'), NOW),
      false,
      'beyond the workload bound',
    );
    for (let i = 0; i < 10; i++)
      t.observe('c', 'StatefulSet', 'update', sts('b', `b-${i + 2}`), NOW - 100 + i);
    const marks = t.marks('c', NOW - HOUR, NOW);
    assert.equal(marks.length, 3, 'the newest marks kept');
    assert.equal(marks[0]!.revision, 'b-11');
    const h = new RevisionChangeTracker();
    h.observe(
      'c',
      'StatefulSet',
      'add',
      obj('StatefulSet', 'prod\u202E', 'x\u0007', { status: { updateRevision: 'r1' } }),
      NOW,
    );
    h.observe(
      'c',
      'StatefulSet',
      'update',
      obj('StatefulSet', 'prod\u202E', 'x\u0007', { status: { updateRevision: 'r2\u200B' } }),
      NOW,
    );
    const [m] = h.marks('c', NOW - HOUR, NOW + 1);
    assert.ok(
      m && !['\u202E', '\u0007', '\u200B'].some((c) => (m.workload + m.revision).includes(c)),
      JSON.stringify(m),
    );
  });

  it('reads the ControllerRevisions in the window, which replace the observed mark of the same revision', function () {
    const crs = [
      cr('StatefulSet', 'prod', 'cache', 'aaa', 1, NOW - 2 * HOUR),
      cr('StatefulSet', 'prod', 'cache', 'bbb', 2, NOW - 10 * 60_000),
      cr('DaemonSet', 'kube-system', 'agent', 'ccc', 2, NOW - 8 * 60_000),
      obj(
        'ControllerRevision',
        'prod',
        'orphan',
        { revision: 3 },
        { creationTimestamp: new Date(NOW).toISOString() },
      ),
    ];
    const fromCrs = controllerRevisionMarks('c', crs, NOW - HOUR, NOW + 1);
    assert.deepEqual(fromCrs, [
      { context: 'c', workload: 'DaemonSet kube-system/agent', revision: '2', at: NOW - 8 * 60_000 },
      { context: 'c', workload: 'StatefulSet prod/cache', revision: '2', at: NOW - 10 * 60_000 },
    ]);
    const observed = [
      { context: 'c', workload: 'StatefulSet prod/cache', revision: '2', at: NOW - 9 * 60_000 },
      { context: 'c', workload: 'StatefulSet prod/db', revision: 'db-x', at: NOW - 60_000 },
    ];
    assert.deepEqual(
      mergeRevisionMarks(observed, fromCrs).map(
        (m) => `${m.workload} ${m.revision} ${(NOW - m.at) / 60_000}`,
      ),
      ['StatefulSet prod/db db-x 1', 'DaemonSet kube-system/agent 2 8', 'StatefulSet prod/cache 2 10'],
    );
    assert.equal(controllerRevisionMarks('c', crs, NOW - HOUR, NOW + 1, 1).length, 1);
  });
});

function store(objects: KubeObject[]): ReadonlyIndexer<KubeObject> {
  const key = (o: KubeObject) => `${o.metadata.namespace}/${o.metadata.name}`;
  return {
    list: () => objects,
    get: (k: string) => objects.find((o) => key(o) === k),
  } as unknown as ReadonlyIndexer<KubeObject>;
}

function fakeConnections(crs: KubeObject[] | undefined) {
  const objects = new Emitter<ObjectChange>();
  const kinds = new Emitter<KindChange>();
  const synced: KindStatus = { phase: 'synced' } as KindStatus;
  const session: MarksSession = {
    kindStatus: () => synced,
    store: () => store([]),
    storeOf: (k) => (k === CONTROLLER_REVISIONS && crs ? store(crs) : undefined),
    kindStatusOf: (k) => (k === CONTROLLER_REVISIONS && crs ? synced : ({ phase: 'idle' } as KindStatus)),
    discovery: {
      byResource: (g, p) => (g === 'apps' && p === 'controllerrevisions' ? CONTROLLER_REVISIONS : undefined),
    },
  };
  const connections = {
    onDidChangeObject: objects.event,
    onDidChangeKinds: kinds.event,
    contexts: () => [{ name: 'c' }],
    session: (name: string) => (name === 'c' ? session : undefined),
  };
  const change = (kind: ResourceKind, type: ObjectChange['type'], o: KubeObject, initial = false) =>
    objects.fire({ context: 'c', kind, type, obj: o, initial });
  return { connections, change, kinds };
}

describe('RolloutMarksSource: StatefulSet and DaemonSet revisions on the timeline', function () {
  it('marks a revision change seen on the eager informers, fires once per coalescing delay, with no ControllerRevision request', function () {
    const clock = new FakeClock(NOW - 60_000);
    const { connections, change } = fakeConnections(undefined);
    const source = new RolloutMarksSource(connections, { clock, coalesceMs: 1000 });
    let fired = 0;
    source.onDidChange(() => fired++);
    change(STATEFULSETS, 'add', sts('cache', 'cache-aaa'), true);
    change(DAEMONSETS, 'add', ds('agent', '1'), true);
    clock.advance(5000);
    assert.equal(fired, 0, 'the initial replay marks nothing');
    assert.deepEqual(source.marks(), []);
    change(STATEFULSETS, 'update', sts('cache', 'cache-bbb'));
    change(DAEMONSETS, 'update', ds('agent', '2'));
    clock.advance(1000);
    assert.equal(fired, 1);
    assert.deepEqual(
      source.marks().map((m) => `${m.workload} revision ${m.revision}`),
      ['StatefulSet prod/cache revision cache-bbb', 'DaemonSet kube-system/agent revision 2'],
    );
    change(STATEFULSETS, 'update', sts('cache', 'cache-bbb', { readyReplicas: 3 }));
    clock.advance(5000);
    assert.equal(fired, 1, 'no change of revision, no event');
    source.dispose();
  });

  it('reads the ControllerRevisions when their informer runs: the exact rollout time and number', function () {
    const clock = new FakeClock(NOW);
    const { connections, kinds } = fakeConnections([
      cr('StatefulSet', 'prod', 'cache', 'bbb', 2, NOW - 10 * 60_000),
    ]);
    const source = new RolloutMarksSource(connections, { clock, coalesceMs: 1000 });
    let fired = 0;
    source.onDidChange(() => fired++);
    kinds.fire({ context: 'c', kind: CONTROLLER_REVISIONS, type: 'status' });
    clock.advance(1000);
    assert.equal(fired, 1, 'the ControllerRevision informer syncing refreshes the marks');
    assert.deepEqual(source.marks(), [
      { context: 'c', workload: 'StatefulSet prod/cache', revision: '2', at: NOW - 10 * 60_000 },
    ]);
    assert.ok(!source.marks().some((m) => m.workload.startsWith('Deployment')));
    source.dispose();
    assert.equal(clock.pendingTimers(), 0);
  });
});
