import * as assert from 'node:assert/strict';
import { type KubeObject } from '../../../src/core/cache/types';
import { type RollupChange, WarningRollup } from '../../../src/core/rollup/warningRollup';
import { FakeClock } from '../fakes/fakeClock';
import { bump, coreEvent } from '../notify/fixtures';
import { object, owner } from './fixtures';

const HOUR = 3_600_000;

function setup() {
  const clock = new FakeClock();
  const rollup = new WarningRollup({ clock });
  const changes: RollupChange[] = [];
  rollup.onDidChange((c) => changes.push(c));
  return { clock, rollup, changes };
}

const deploy = object('Deployment', 'web', 'd1');
const rs = object('ReplicaSet', 'web-7f9', 'rs1', [owner('Deployment', 'web', 'd1')]);
const pod = (name: string, uid: string, rsName = 'web-7f9', rsUid = 'rs1') =>
  object('Pod', name, uid, [owner('ReplicaSet', rsName, rsUid)]);

function warn(objectName: string, uid: string, extra: Parameters<typeof coreEvent>[0] = {}): KubeObject {
  return coreEvent({
    name: `${objectName}.${extra.reason ?? 'BackOff'}.${extra.name ?? ''}`,
    objectName,
    objectUid: uid,
    ...extra,
  });
}

function counts(r: WarningRollup) {
  return {
    d1: r.countFor('d1'),
    rs1: r.countFor('rs1'),
    p1: r.countFor('p1'),
    p2: r.countFor('p2'),
    deployments: r.countForKind('web', 'Deployment'),
    replicaSets: r.countForKind('web', 'ReplicaSet'),
    pods: r.countForKind('web', 'Pod'),
    ns: r.countForNamespace('web'),
    ctx: r.countForContext(),
  };
}

describe('rollup/WarningRollup', () => {
  it('rolls Warnings up Deployment <- ReplicaSet <- Pod, to kind, namespace and context', () => {
    const { clock, rollup } = setup();
    const now = clock.now();
    const objects = rollup.objectHandler('');
    for (const o of [deploy, rs, pod('web-1', 'p1'), pod('web-2', 'p2')]) objects.onAdd!(o, true);
    const events = rollup.eventHandler();
    events.onAdd!(warn('web-1', 'p1', { reason: 'BackOff', lastSeen: now }), true);
    events.onAdd!(warn('web-1', 'p1', { reason: 'Unhealthy', lastSeen: now - 1000 }), true);
    events.onAdd!(warn('web-2', 'p2', { reason: 'BackOff', lastSeen: now }), true);
    events.onAdd!(warn('web-1', 'p1', { reason: 'Pulled', type: 'Normal', lastSeen: now }), true);
    events.onAdd!(
      warn('web-7f9', 'rs1', { kind: 'ReplicaSet', reason: 'FailedCreate', lastSeen: now }),
      true,
    );
    events.onAdd!(warn('other', 'x1', { namespace: 'api', lastSeen: now }), true);
    assert.deepEqual(counts(rollup), {
      d1: 4,
      rs1: 4,
      p1: 2,
      p2: 1,
      deployments: 4,
      replicaSets: 4,
      pods: 3,
      ns: 4,
      ctx: 5,
    });
    assert.equal(rollup.countForNamespace('api'), 1);
    assert.equal(rollup.countFor('unknown'), 0);
    rollup.dispose();
  });

  it('gives the same answer whatever order objects and events arrive in', () => {
    const expected = { d1: 3, rs1: 3, p1: 2, p2: 1, deployments: 3, replicaSets: 3, pods: 3, ns: 3, ctx: 3 };
    const feeds: Array<(r: WarningRollup, now: number) => void> = [
      (r) => r.observeObject(deploy),
      (r) => r.observeObject(rs),
      (r) => r.observeObject(pod('web-1', 'p1')),
      (r) => r.observeObject(pod('web-2', 'p2')),
      (r, now) => r.observeEvent(undefined, warn('web-1', 'p1', { reason: 'A', lastSeen: now })),
      (r, now) => r.observeEvent(undefined, warn('web-1', 'p1', { reason: 'B', lastSeen: now })),
      (r, now) => r.observeEvent(undefined, warn('web-2', 'p2', { reason: 'A', lastSeen: now })),
    ];
    const orders = [
      [0, 1, 2, 3, 4, 5, 6],
      [6, 5, 4, 3, 2, 1, 0],
      [4, 2, 6, 0, 5, 3, 1],
      [3, 6, 1, 4, 0, 2, 5],
    ];
    for (const order of orders) {
      const { clock, rollup } = setup();
      for (const i of order) feeds[i]!(rollup, clock.now());
      assert.deepEqual(counts(rollup), expected, `order ${order.join(',')}`);
      rollup.dispose();
    }
  });

  it('follows re-parenting: a Pod moving to another ReplicaSet and Deployment', () => {
    const { clock, rollup } = setup();
    const d2 = object('Deployment', 'api', 'd2');
    const rs2 = object('ReplicaSet', 'api-1', 'rs2', [owner('Deployment', 'api', 'd2')]);
    for (const o of [deploy, rs, d2, rs2, pod('web-1', 'p1')]) rollup.observeObject(o);
    rollup.observeEvent(undefined, warn('web-1', 'p1', { reason: 'A', lastSeen: clock.now() }));
    rollup.observeEvent(undefined, warn('web-1', 'p1', { reason: 'B', lastSeen: clock.now() }));
    assert.equal(rollup.countFor('d1'), 2);
    rollup.observeObject(pod('web-1', 'p1', 'api-1', 'rs2'));
    assert.deepEqual(
      ['d1', 'rs1', 'd2', 'rs2', 'p1'].map((u) => rollup.countFor(u)),
      [0, 0, 2, 2, 2],
    );
    assert.equal(rollup.countForKind('web', 'Deployment'), 2, 'both Deployments are in namespace web');
    // An orphan (ownerReferences removed) is a root.
    rollup.observeObject(object('Pod', 'web-1', 'p1'));
    assert.deepEqual(
      ['d2', 'rs2', 'p1'].map((u) => rollup.countFor(u)),
      [0, 0, 2],
    );
    // A ReplicaSet adopted by another Deployment carries its Pods' warnings along.
    rollup.observeObject(pod('web-1', 'p1', 'api-1', 'rs2'));
    rollup.observeObject(object('ReplicaSet', 'api-1', 'rs2', [owner('Deployment', 'web', 'd1')]));
    assert.deepEqual(
      ['d1', 'd2', 'rs2'].map((u) => rollup.countFor(u)),
      [2, 0, 2],
    );
    rollup.dispose();
  });

  it('prefers the controller owner reference over the first one', () => {
    const { clock, rollup } = setup();
    rollup.observeObject(
      object('Pod', 'web-1', 'p1', [
        owner('ConfigMap', 'cm', 'cm1', false),
        owner('ReplicaSet', 'web-7f9', 'rs1'),
      ]),
    );
    rollup.observeEvent(undefined, warn('web-1', 'p1', { lastSeen: clock.now() }));
    assert.equal(rollup.countFor('rs1'), 1);
    assert.equal(rollup.countFor('cm1'), 0);
    // The placeholder owner already counts under its kind, before the ReplicaSet arrives.
    assert.equal(rollup.countForKind('web', 'ReplicaSet'), 1);
    rollup.dispose();
  });

  it('expires events an hour after they were last seen, and renews repeats', () => {
    const { clock, rollup, changes } = setup();
    for (const o of [deploy, rs, pod('web-1', 'p1')]) rollup.observeObject(o);
    const start = clock.now();
    const e1 = warn('web-1', 'p1', { reason: 'A', lastSeen: start - 59 * 60_000 });
    const e2 = warn('web-1', 'p1', { reason: 'B', lastSeen: start });
    const old = warn('web-1', 'p1', { reason: 'C', lastSeen: start - 2 * HOUR });
    for (const e of [e1, e2, old]) rollup.observeEvent(undefined, e);
    assert.equal(rollup.countFor('d1'), 2, 'an event older than the hour does not count');
    clock.advance(100);
    changes.length = 0;
    clock.advance(60_000);
    assert.equal(rollup.countFor('d1'), 1);
    assert.equal(changes.length, 1);
    assert.deepEqual(new Set(changes[0]!.uids), new Set(['d1', 'rs1', 'p1']));
    assert.deepEqual(changes[0]!.namespaces, ['web']);
    assert.equal(changes[0]!.contextCount, 1);
    // A repeat of e1 brings it back for another hour.
    rollup.observeEvent(e1, bump(e1, 2, clock.now()));
    assert.equal(rollup.countFor('d1'), 2);
    clock.advance(HOUR - 60_000);
    assert.equal(rollup.countFor('d1'), 1, 'e2 expired');
    // Expiry is checked on whole seconds: never early, at most a second late.
    clock.advance(61_000);
    assert.equal(rollup.countFor('d1'), 0);
    assert.equal(rollup.countForContext(), 0);
    assert.equal(clock.pendingTimers(), 0);
    rollup.dispose();
  });

  it('handles event updates without double counting, and Warning <-> Normal changes', () => {
    const { clock, rollup } = setup();
    rollup.observeObject(pod('web-1', 'p1'));
    const e = warn('web-1', 'p1', { lastSeen: clock.now() });
    rollup.observeEvent(undefined, e);
    const e2 = bump(e, 5, clock.now());
    rollup.observeEvent(e, e2);
    rollup.observeEvent(e2, e2);
    assert.equal(rollup.countFor('rs1'), 1);
    const normal = { ...e2, type: 'Normal' };
    rollup.observeEvent(e2, normal);
    assert.equal(rollup.countFor('rs1'), 0);
    rollup.observeEvent(normal, e2);
    assert.equal(rollup.countFor('rs1'), 1);
    rollup.dispose();
  });

  it('applies deletes: events leave at once; a deleted Pod keeps its warnings on its owners', () => {
    const { clock, rollup } = setup();
    for (const o of [deploy, rs, pod('web-1', 'p1')]) rollup.observeObject(o);
    const a = warn('web-1', 'p1', { reason: 'A', lastSeen: clock.now() });
    const b = warn('web-1', 'p1', { reason: 'B', lastSeen: clock.now() });
    rollup.observeEvent(undefined, a);
    rollup.observeEvent(undefined, b);
    rollup.eventHandler().onDelete!(a);
    assert.equal(rollup.countFor('d1'), 1);
    // The Pod is replaced: its last warnings still show on the Deployment for the hour.
    rollup.objectHandler('Pod').onDelete!({
      key: 'web/web-1',
      obj: pod('web-1', 'p1'),
      finalStateUnknown: true,
    });
    assert.equal(rollup.countFor('d1'), 1);
    assert.equal(rollup.countFor('p1'), 1);
    rollup.removeEvent({ key: 'web/x', obj: b, finalStateUnknown: true });
    assert.equal(rollup.countFor('d1'), 0);
    assert.equal(rollup.trackedNodes, 2, 'the deleted Pod is forgotten once nothing refers to it');
    rollup.removeObject(rs);
    rollup.removeObject(deploy);
    assert.equal(rollup.trackedNodes, 0);
    rollup.dispose();
  });

  it('matches events without a uid by kind, namespace and name, before and after the object arrives', () => {
    const { clock, rollup } = setup();
    rollup.observeObject(rs);
    rollup.observeEvent(undefined, warn('web-1', '', { reason: 'A', objectUid: '', lastSeen: clock.now() }));
    assert.equal(rollup.countForKind('web', 'Pod'), 1, 'counted on a placeholder meanwhile');
    assert.equal(rollup.countFor('rs1'), 0);
    rollup.observeObject(pod('web-1', 'p1'));
    assert.equal(rollup.countFor('p1'), 1);
    assert.equal(rollup.countFor('rs1'), 1);
    rollup.observeEvent(undefined, warn('web-1', '', { reason: 'B', objectUid: '', lastSeen: clock.now() }));
    assert.equal(rollup.countFor('rs1'), 2);
    assert.equal(rollup.countForKind('web', 'Pod'), 2);
    assert.equal(rollup.countForNamespace('web'), 2);
    rollup.dispose();
  });

  it('survives owner cycles without looping, and heals when the cycle is broken', () => {
    const { clock, rollup } = setup();
    const a = (owners: ReturnType<typeof owner>[]) => object('Thing', 'a', 'a', owners);
    const b = (owners: ReturnType<typeof owner>[]) => object('Thing', 'b', 'b', owners);
    rollup.observeObject(a([owner('Thing', 'b', 'b')]));
    rollup.observeObject(b([owner('Thing', 'a', 'a')]));
    rollup.observeObject(object('Thing', 's', 's', [owner('Thing', 's', 's')]));
    rollup.observeEvent(undefined, warn('a', 'a', { kind: 'Thing', lastSeen: clock.now() }));
    rollup.observeEvent(undefined, warn('b', 'b', { kind: 'Thing', reason: 'X', lastSeen: clock.now() }));
    rollup.observeEvent(undefined, warn('s', 's', { kind: 'Thing', reason: 'Y', lastSeen: clock.now() }));
    assert.equal(rollup.countForContext(), 3);
    assert.equal(rollup.countFor('s'), 1, 'a self-owner counts once');
    // One link of the a<->b cycle is cut: one of them holds both, the other its own.
    assert.deepEqual([rollup.countFor('a'), rollup.countFor('b')].sort(), [1, 2]);
    // Break the cycle: b no longer owned by a. Now a is under b.
    rollup.observeObject(b([]));
    assert.equal(rollup.countFor('b'), 2);
    assert.equal(rollup.countFor('a'), 1);
    // A longer cycle through a third object.
    rollup.observeObject(object('Thing', 'c', 'c', [owner('Thing', 'a', 'a')]));
    rollup.observeObject(b([owner('Thing', 'c', 'c')]));
    assert.equal(rollup.countForContext(), 3);
    assert.ok(rollup.countFor('a') <= 3 && rollup.countFor('b') <= 3 && rollup.countFor('c') <= 3);
    rollup.dispose();
  });

  it('coalesces changes into one onDidChange naming only what changed', () => {
    const { clock, rollup, changes } = setup();
    const d2 = object('Deployment', 'api', 'd2', [], 'api');
    for (const o of [deploy, rs, pod('web-1', 'p1'), pod('web-2', 'p2'), d2]) rollup.observeObject(o);
    clock.advance(1000);
    assert.equal(changes.length, 0, 'objects without warnings change no counter');
    for (let i = 0; i < 20; i++)
      rollup.observeEvent(undefined, warn('web-1', 'p1', { reason: `R${i}`, lastSeen: clock.now() }));
    assert.equal(changes.length, 0);
    clock.advance(100);
    assert.equal(changes.length, 1);
    const c = changes[0]!;
    assert.deepEqual(new Set(c.uids), new Set(['p1', 'rs1', 'd1']));
    assert.deepEqual(c.namespaces, ['web']);
    assert.deepEqual(
      new Set(c.kinds.map((k) => `${k.namespace}/${k.kind}`)),
      new Set(['web/Pod', 'web/ReplicaSet', 'web/Deployment']),
    );
    assert.equal(c.contextCount, 20);
    rollup.dispose();
  });

  it('dispose leaves no timer and ignores later input', () => {
    const { clock, rollup, changes } = setup();
    rollup.observeEvent(undefined, warn('web-1', 'p1', { lastSeen: clock.now() }));
    assert.ok(clock.pendingTimers() > 0);
    rollup.dispose();
    assert.equal(clock.pendingTimers(), 0);
    rollup.observeEvent(undefined, warn('web-2', 'p2', { lastSeen: clock.now() }));
    clock.advance(2 * HOUR);
    assert.equal(changes.length, 0);
    assert.equal(clock.pendingTimers(), 0);
  });
});
