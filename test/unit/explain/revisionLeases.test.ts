import * as assert from 'node:assert/strict';
import { holdRevisionsFor, LeaseRounds } from '../../../src/core/explain/revisionLeases';
import { CONTROLLER_REVISIONS, type ResourceKind } from '../../../src/core/kinds';
import { cacheOf, ev, obj, pod } from './builders';

/** A session whose acquire counts live leases (and checks each is released once). */
function fakeSession(discovered = true) {
  const live = new Map<number, ResourceKind>();
  let next = 0;
  const session = {
    discovery: {
      byResource: (group: string, plural: string) =>
        discovered && group === 'apps' && plural === 'controllerrevisions' ? CONTROLLER_REVISIONS : undefined,
    },
    acquired: 0,
    acquire(kind: ResourceKind) {
      session.acquired++;
      const id = next++;
      live.set(id, kind);
      return {
        dispose: () => {
          assert.ok(live.delete(id), `lease ${id} released once`);
        },
      };
    },
    live: () => live.size,
  };
  return session;
}

const cache = cacheOf({
  StatefulSet: [obj('StatefulSet', 'shop', 'db')],
  DaemonSet: [obj('DaemonSet', 'kube-system', 'agent')],
  Deployment: [obj('Deployment', 'shop', 'web')],
  Pod: [
    pod('shop', 'db-0', { owner: { kind: 'StatefulSet', name: 'db' } }),
    pod('shop', 'db-1', { owner: { kind: 'StatefulSet', name: 'db' } }),
    pod('kube-system', 'agent-x', { owner: { kind: 'DaemonSet', name: 'agent' } }),
    pod('shop', 'web-1', { owner: { kind: 'ReplicaSet', name: 'web-1' } }),
  ],
});
const warningOn = (ns: string, name: string, type = 'Warning') => ({
  ...ev('BackOff', 'Back-off restarting failed container', { kind: 'Pod', namespace: ns, name }, { type }),
  context: 'prod',
});

describe('explain: ControllerRevision leases', function () {
  it('acquires the ControllerRevision informer for a Warning on a StatefulSet or DaemonSet pod only', function () {
    const s = fakeSession();
    const leases = new LeaseRounds();
    const held = (e: ReturnType<typeof warningOn>) => leases.round((h) => holdRevisionsFor(e, cache, s, h));
    assert.equal(held(warningOn('shop', 'web-1')), false, 'a Deployment pod: no request');
    assert.equal(held(warningOn('shop', 'db-0', 'Normal')), false, 'a Normal event: no request');
    assert.equal(held(warningOn('shop', 'gone')), false, 'an uncached pod: no request');
    assert.equal(s.acquired, 0);
    assert.equal(held(warningOn('shop', 'db-0')), true);
    assert.equal(held(warningOn('kube-system', 'agent-x')), true);
    assert.equal(s.acquired, 1, 'one informer per context, kept across rounds');
    assert.equal(s.live(), 1);
  });

  it('holds one lease per context for many such Warnings, and releases it when no shown Warning needs it', function () {
    const s = fakeSession();
    const leases = new LeaseRounds();
    leases.round((h) => {
      holdRevisionsFor(warningOn('shop', 'db-0'), cache, s, h);
      holdRevisionsFor(warningOn('shop', 'db-1'), cache, s, h);
      holdRevisionsFor({ ...warningOn('shop', 'db-1'), context: 'staging' }, cache, s, h);
    });
    assert.equal(s.live(), 2);
    assert.equal(leases.size, 2);
    // The next selection shows only a Deployment's Warning: both leases go.
    leases.round((h) => holdRevisionsFor(warningOn('shop', 'web-1'), cache, s, h));
    assert.equal(s.live(), 0);
    assert.equal(leases.size, 0);
    leases.round((h) => holdRevisionsFor(warningOn('shop', 'db-0'), cache, s, h));
    assert.equal(s.live(), 1);
    leases.dispose();
    assert.equal(s.live(), 0, 'dispose releases');
    leases.round((h) => holdRevisionsFor(warningOn('shop', 'db-0'), cache, s, h));
    assert.equal(s.live(), 0, 'a disposed holder acquires nothing');
  });

  it('re-acquires for a new session of the same context, releasing the old lease', function () {
    const a = fakeSession();
    const b = fakeSession();
    const leases = new LeaseRounds();
    leases.round((h) => holdRevisionsFor(warningOn('shop', 'db-0'), cache, a, h));
    leases.round((h) => holdRevisionsFor(warningOn('shop', 'db-0'), cache, b, h));
    assert.deepEqual([a.live(), b.live()], [0, 1]);
    leases.clear();
    assert.equal(b.live(), 0);
  });

  it('acquires nothing while discovery does not know controllerrevisions', function () {
    const s = fakeSession(false);
    const leases = new LeaseRounds();
    assert.equal(
      leases.round((h) => holdRevisionsFor(warningOn('shop', 'db-0'), cache, s, h)),
      false,
    );
    assert.equal(s.acquired, 0);
  });

  it('a round that throws still releases what it no longer holds', function () {
    const s = fakeSession();
    const leases = new LeaseRounds();
    leases.round((h) => holdRevisionsFor(warningOn('shop', 'db-0'), cache, s, h));
    assert.throws(() =>
      leases.round(() => {
        throw new Error('boom');
      }),
    );
    assert.equal(s.live(), 0);
  });
});
