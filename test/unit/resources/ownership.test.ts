import * as assert from 'node:assert/strict';
import { Indexer } from '../../../src/core/cache/indexer';
import { OWNER_UID_INDEX, ownerUidIndexFunc } from '../../../src/core/cache/indexers';
import { metaNamespaceKey, type ReadonlyIndexer } from '../../../src/core/cache/store';
import type { KubeObject } from '../../../src/core/cache/types';
import {
  controllerOf,
  createOwnerLookup,
  descendants,
  ownerChain,
  UID_INDEX,
  uidIndexFunc,
  type KindStore,
} from '../../../src/core/resources/ownership';
import { cronJob, deployment, job, pod, replicaSet } from '../../server/fixtures';

function store(objs: KubeObject[], indexed = true): Indexer<KubeObject> {
  const s = new Indexer<KubeObject>({
    keyFunc: metaNamespaceKey,
    indexers: indexed ? { [UID_INDEX]: uidIndexFunc, [OWNER_UID_INDEX]: ownerUidIndexFunc } : {},
  });
  for (const o of objs) s.set(o);
  return s;
}

/** A small cluster: Deployment -> 2 ReplicaSets -> 3 Pods; CronJob -> 2 Jobs -> 2 Pods; a bare pod. */
function cluster() {
  const dep = deployment('web', 'api', { uid: 'dep' });
  const rsNew = replicaSet('web', 'api-new', { uid: 'rs-new', deployment: dep });
  const rsOld = replicaSet('web', 'api-old', { uid: 'rs-old', deployment: dep, replicas: 0 });
  const pods = [
    pod('web', 'api-new-1', { uid: 'p1', owner: rsNew }),
    pod('web', 'api-new-2', { uid: 'p2', owner: rsNew }),
    pod('web', 'api-old-1', { uid: 'p3', owner: rsOld }),
  ];
  const cj = cronJob('batch', 'report', { uid: 'cj' });
  const jobs = [
    job('batch', 'report-1', { uid: 'j1', owner: cj }),
    job('batch', 'report-2', { uid: 'j2', owner: cj }),
  ];
  const jobPods = [
    pod('batch', 'report-1-x', { uid: 'jp1', owner: jobs[0]! }),
    pod('batch', 'report-2-x', { uid: 'jp2', owner: jobs[1]! }),
  ];
  const bare = pod('web', 'bare', { uid: 'bare' });
  return { dep, rsNew, rsOld, pods, cj, jobs, jobPods, bare };
}

function stores(indexed: boolean): KindStore[] {
  const c = cluster();
  return [
    { kind: 'Deployment', store: store([c.dep], indexed) },
    { kind: 'ReplicaSet', store: store([c.rsNew, c.rsOld], indexed) },
    { kind: 'CronJob', store: store([c.cj], indexed) },
    { kind: 'Job', store: store(c.jobs, indexed) },
    { kind: 'Pod', store: store([...c.pods, ...c.jobPods, c.bare], indexed) },
  ];
}

const names = (xs: { kind: string; obj: KubeObject }[]) => xs.map((x) => `${x.kind}/${x.obj.metadata.name}`);

describe('resources/ownership controllerOf', () => {
  const ref = (uid: string, controller?: boolean) => ({
    apiVersion: 'v1',
    kind: 'X',
    name: uid,
    uid,
    ...(controller === undefined ? {} : { controller }),
  });
  it('prefers the controller reference, else the first, else none', () => {
    assert.equal(controllerOf({ metadata: { ownerReferences: [ref('a'), ref('b', true)] } })?.uid, 'b');
    assert.equal(controllerOf({ metadata: { ownerReferences: [ref('a', false), ref('b')] } })?.uid, 'a');
    assert.equal(controllerOf({ metadata: { ownerReferences: [] } }), undefined);
    assert.equal(controllerOf({ metadata: {} }), undefined);
  });
  it('skips references without a uid', () => {
    assert.equal(controllerOf({ metadata: { ownerReferences: [ref('', true), ref('b')] } })?.uid, 'b');
    assert.equal(controllerOf({ metadata: { ownerReferences: [null as never] } }), undefined);
  });
  it('uidIndexFunc indexes the uid, and nothing without one', () => {
    assert.deepEqual(uidIndexFunc({ metadata: { uid: 'u' } }), ['u']);
    assert.deepEqual(uidIndexFunc({ metadata: {} }), []);
  });
});

for (const indexed of [true, false]) {
  describe(`resources/ownership walks (${indexed ? 'indexed' : 'scanning'} stores)`, () => {
    const lookup = createOwnerLookup(stores(indexed));

    it('ownerChain: Pod -> ReplicaSet -> Deployment', () => {
      const p = lookup.byUid('p1')!.obj;
      assert.deepEqual(names(ownerChain(p, lookup)), ['ReplicaSet/api-new', 'Deployment/api']);
    });

    it('ownerChain: Pod -> Job -> CronJob; a bare pod has no chain', () => {
      assert.deepEqual(names(ownerChain(lookup.byUid('jp2')!.obj, lookup)), [
        'Job/report-2',
        'CronJob/report',
      ]);
      assert.deepEqual(ownerChain(lookup.byUid('bare')!.obj, lookup), []);
    });

    it('ownerChain stops at an owner that is not cached', () => {
      const orphan = pod('web', 'o', { uid: 'o', owner: { kind: 'ReplicaSet', name: 'gone', uid: 'gone' } });
      assert.deepEqual(ownerChain(orphan, lookup), []);
      const rsOfMissingDep = replicaSet('web', 'r', {
        uid: 'r',
        owner: { kind: 'Deployment', name: 'gone', uid: 'gone-dep' },
      });
      const lk = createOwnerLookup([{ kind: 'ReplicaSet', store: store([rsOfMissingDep], indexed) }]);
      const p = pod('web', 'p', { uid: 'px', owner: rsOfMissingDep });
      assert.deepEqual(names(ownerChain(p, lk)), ['ReplicaSet/r']);
    });

    it('ownerChain honours maxDepth', () => {
      assert.deepEqual(names(ownerChain(lookup.byUid('p1')!.obj, lookup, 1)), ['ReplicaSet/api-new']);
      assert.deepEqual(ownerChain(lookup.byUid('p1')!.obj, lookup, 0), []);
    });

    it('descendants: Deployment -> ReplicaSets -> Pods, breadth first', () => {
      const d = names(descendants('dep', lookup));
      assert.deepEqual(d.slice(0, 2).sort(), ['ReplicaSet/api-new', 'ReplicaSet/api-old']);
      assert.deepEqual(d.slice(2).sort(), ['Pod/api-new-1', 'Pod/api-new-2', 'Pod/api-old-1']);
    });

    it('descendants: CronJob -> Jobs -> Pods; a leaf has none; maxDepth limits levels', () => {
      assert.deepEqual(names(descendants('cj', lookup)).sort(), [
        'Job/report-1',
        'Job/report-2',
        'Pod/report-1-x',
        'Pod/report-2-x',
      ]);
      assert.deepEqual(descendants('p1', lookup), []);
      assert.deepEqual(names(descendants('cj', lookup, 1)).sort(), ['Job/report-1', 'Job/report-2']);
      assert.deepEqual(descendants('nobody', lookup), []);
    });

    it('byUid and childrenOf ignore the empty uid', () => {
      assert.equal(lookup.byUid(''), undefined);
      assert.deepEqual(lookup.childrenOf(''), []);
    });
  });
}

describe('resources/ownership cycles', () => {
  // a -> b -> c -> a (each owned by the next), plus a self-owner.
  const mk = (name: string, owner: string) =>
    replicaSet('web', name, { uid: name, owner: { kind: 'ReplicaSet', name: owner, uid: owner } });
  const objs = [mk('a', 'b'), mk('b', 'c'), mk('c', 'a'), mk('self', 'self')];
  const lookup = createOwnerLookup([{ kind: 'ReplicaSet', store: store(objs) }]);

  it('ownerChain ends before revisiting an object (the start included)', () => {
    assert.deepEqual(names(ownerChain(objs[0]!, lookup)), ['ReplicaSet/b', 'ReplicaSet/c']);
    assert.deepEqual(ownerChain(objs[3]!, lookup), []);
  });

  it('descendants visit each object once and never the root', () => {
    assert.deepEqual(names(descendants('a', lookup)), ['ReplicaSet/c', 'ReplicaSet/b']);
    assert.deepEqual(descendants('self', lookup), []);
  });
});

describe('resources/ownership scale', () => {
  it('uses the indexes: 10,000 pods, no store scans per call', () => {
    const dep = deployment('big', 'api', { uid: 'dep' });
    const rss = Array.from({ length: 10 }, (_, i) =>
      replicaSet('big', `api-${i}`, { uid: `rs-${i}`, deployment: dep }),
    );
    const pods = Array.from({ length: 10_000 }, (_, i) =>
      pod('big', `p-${i}`, { uid: `p-${i}`, owner: rss[i % 10]! }),
    );
    const counting = (s: ReadonlyIndexer<KubeObject>) => {
      let lists = 0;
      const wrapped: ReadonlyIndexer<KubeObject> & { lists: () => number } = {
        get: (k) => s.get(k),
        list: () => (lists++, s.list()),
        listKeys: () => s.listKeys(),
        get size() {
          return s.size;
        },
        byIndex: (n, v) => s.byIndex(n, v),
        indexKeys: (n, v) => s.indexKeys(n, v),
        indexValues: (n) => s.indexValues(n),
        lists: () => lists,
      };
      return wrapped;
    };
    const podStore = counting(store(pods));
    const rsStore = counting(store(rss));
    const depStore = counting(store([dep]));
    const lookup = createOwnerLookup([
      { kind: 'Deployment', store: depStore },
      { kind: 'ReplicaSet', store: rsStore },
      { kind: 'Pod', store: podStore },
    ]);
    const t0 = performance.now();
    for (let i = 0; i < 10_000; i++) assert.equal(ownerChain(pods[i]!, lookup).length, 2);
    assert.equal(descendants('dep', lookup).length, 10_010);
    const ms = performance.now() - t0;
    assert.equal(podStore.lists() + rsStore.lists() + depStore.lists(), 0);
    assert.ok(ms < 2000, `took ${ms}ms`);
  });

  it('falls back to a scan for a store without the indexes', () => {
    const rs = replicaSet('web', 'r', { uid: 'r' });
    const p = pod('web', 'p', { uid: 'p', owner: rs });
    const lookup = createOwnerLookup([
      { kind: 'ReplicaSet', store: store([rs], false) },
      { kind: 'Pod', store: store([p], true) },
    ]);
    assert.deepEqual(names(ownerChain(p, lookup)), ['ReplicaSet/r']);
    assert.deepEqual(names(descendants('r', lookup)), ['Pod/p']);
  });
});
