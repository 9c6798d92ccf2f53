import * as assert from 'node:assert/strict';
import { Indexer } from '../../../src/core/cache/indexer';
import type { ResourceEventHandler } from '../../../src/core/cache/informer';
import { metaNamespaceKey } from '../../../src/core/cache/store';
import type { KubeObject } from '../../../src/core/cache/types';
import type { ObjectName } from '../../../src/core/cluster/objectWatch';
import type { KindStatus } from '../../../src/core/cluster/status';
import { kindId, PODS, type ResourceKind } from '../../../src/core/kinds';
import { Emitter } from '../../../src/core/util/emitter';
import {
  DescribeHolds,
  type HeldObjectWatch,
  type HoldSession,
} from '../../../src/host/describe/describeHolds';

const PVC: ResourceKind = {
  group: '',
  version: 'v1',
  kind: 'PersistentVolumeClaim',
  plural: 'persistentvolumeclaims',
  namespaced: true,
  shortNames: ['pvc'],
};
const obj = (name: string): KubeObject => ({
  metadata: { name, namespace: 'shop', uid: `u-${name}`, resourceVersion: '1' },
});

class FakeWatch implements HeldObjectWatch {
  readonly store = new Indexer<KubeObject>({ keyFunc: metaNamespaceKey });
  status: KindStatus = { phase: 'connecting' };
  readonly statusEmitter = new Emitter<KindStatus>();
  readonly onDidChangeStatus = this.statusEmitter.event;
  handlers: ResourceEventHandler<KubeObject>[] = [];
  disposed = false;
  constructor(readonly ref: ObjectName) {}
  addEventHandler(h: ResourceEventHandler<KubeObject>) {
    this.handlers.push(h);
    return { dispose: () => (this.handlers = this.handlers.filter((x) => x !== h)) };
  }
  arrive(o: KubeObject): void {
    this.store.set(o);
    this.status = { phase: 'synced', objectCount: 1 };
    for (const h of this.handlers) h.onAdd?.(o, false);
  }
  dispose(): void {
    this.disposed = true;
  }
}

class FakeSession implements HoldSession {
  readonly log: string[] = [];
  readonly watches: FakeWatch[] = [];
  readonly running = new Map<string, { store: Indexer<KubeObject>; status: KindStatus }>();
  leases = 0;
  objectWatches = true;
  isEager(kind: ResourceKind): boolean {
    return kind === PODS;
  }
  /** The running scope covering `namespace` (ClusterSession's rules: its own, or cluster-wide). */
  private scopeOf(kind: ResourceKind, namespace?: string) {
    return (
      (namespace !== undefined ? this.running.get(`${kindId(kind)}|${namespace}`) : undefined) ??
      this.running.get(`${kindId(kind)}|`)
    );
  }
  storeOf(kind: ResourceKind, namespace?: string) {
    // Without a namespace: whatever runs (as ClusterSession.storeOf).
    if (namespace === undefined)
      return [...this.running].find(([k]) => k.startsWith(`${kindId(kind)}|`))?.[1].store;
    return this.scopeOf(kind, namespace)?.store;
  }
  kindStatusOf(kind: ResourceKind, namespace?: string): KindStatus {
    return this.scopeOf(kind, namespace)?.status ?? { phase: 'idle' };
  }
  acquire(kind: ResourceKind, namespace?: string) {
    this.log.push(`acquire ${kind.plural} in ${namespace ?? '*'}`);
    this.leases++;
    let done = false;
    return {
      dispose: () => {
        if (done) return;
        done = true;
        this.leases--;
        this.log.push(`release ${kind.plural}`);
      },
    };
  }
  watchObject(kind: ResourceKind, ref: ObjectName): FakeWatch | undefined {
    if (!this.objectWatches) return undefined;
    this.log.push(`watch ${kind.plural} ${ref.namespace}/${ref.name}`);
    const w = new FakeWatch(ref);
    this.watches.push(w);
    return w;
  }
  /** startKind: the kind's informer runs in `namespace` ('': cluster-wide), e.g. its tree node was expanded. */
  startKind(kind: ResourceKind, synced: boolean, objects: KubeObject[] = [], namespace = ''): void {
    const store = new Indexer<KubeObject>({ keyFunc: metaNamespaceKey });
    for (const o of objects) store.set(o);
    this.running.set(`${kindId(kind)}|${namespace}`, {
      store,
      status: synced ? { phase: 'synced', objectCount: objects.length } : { phase: 'connecting' },
    });
  }
}

const REF = { namespace: 'shop', name: 'data' };

describe('DescribeHolds: what an open describe document of a lazy kind keeps running', () => {
  it('a lazy kind not running gets a single-object watch, not the kind; closing stops it', () => {
    const changed: string[] = [];
    const holds = new DescribeHolds((k) => changed.push(k));
    const s = new FakeSession();
    const src = holds.source('doc', s, PVC, REF);
    assert.deepEqual(s.log, ['watch persistentvolumeclaims shop/data']);
    assert.equal(s.leases, 0, 'the kind is not started');
    assert.equal(src.status.phase, 'connecting');
    assert.equal(holds.held('doc'), 'object');
    // Rendering again re-uses the same watch.
    holds.source('doc', s, PVC, REF);
    assert.equal(s.watches.length, 1);
    s.watches[0]!.arrive(obj('data'));
    assert.ok(changed.length > 0, 'the document is told its object arrived');
    const again = holds.source('doc', s, PVC, REF);
    assert.equal(again.store?.get('shop/data')?.metadata.uid, 'u-data');
    assert.equal(again.status.phase, 'synced');
    holds.release('doc');
    assert.equal(s.watches[0]!.disposed, true);
    assert.equal(s.watches[0]!.handlers.length, 0);
    assert.equal(holds.held('doc'), undefined);
  });

  it('reuses the kind’s store when the kind already runs (under a lease, released on close)', () => {
    const holds = new DescribeHolds(() => {});
    const s = new FakeSession();
    s.startKind(PVC, true, [obj('data')]);
    const src = holds.source('doc', s, PVC, REF);
    assert.deepEqual(s.log, ['acquire persistentvolumeclaims in shop']);
    assert.equal(src.store?.get('shop/data')?.metadata.name, 'data');
    assert.equal(holds.held('doc'), 'lease');
    holds.release('doc');
    assert.equal(s.leases, 0);
  });

  it('moves to the kind’s store once the kind runs and has synced, stopping the object watch', () => {
    const holds = new DescribeHolds(() => {});
    const s = new FakeSession();
    holds.source('doc', s, PVC, REF);
    s.startKind(PVC, false);
    holds.source('doc', s, PVC, REF);
    assert.equal(holds.held('doc'), 'object', 'kept while the kind has not synced');
    s.startKind(PVC, true, [obj('data')]);
    const src = holds.source('doc', s, PVC, REF);
    assert.equal(holds.held('doc'), 'lease');
    assert.equal(s.watches[0]!.disposed, true);
    assert.equal(src.store?.get('shop/data')?.metadata.name, 'data');
    holds.dispose();
    assert.equal(s.leases, 0);
  });

  it('eager kinds hold nothing; a session without object watches leases the kind; a new session starts over', () => {
    const holds = new DescribeHolds(() => {});
    const s = new FakeSession();
    holds.source('pod', s, PODS, { namespace: 'shop', name: 'web-1' });
    assert.deepEqual(s.log, []);
    assert.equal(holds.held('pod'), undefined);
    const old = new FakeSession();
    old.objectWatches = false;
    holds.source('doc', old, PVC, REF);
    assert.deepEqual(old.log, ['acquire persistentvolumeclaims in shop']);
    // The context reconnected: the new session's watch replaces the old session's lease.
    holds.source('doc', s, PVC, REF);
    assert.equal(old.leases, 0);
    assert.equal(s.watches.length, 1);
    holds.dispose();
    assert.equal(s.watches[0]!.disposed, true);
  });

  it('leases the object’s namespace only, and a kind running in other namespaces only does not count as running', () => {
    const holds = new DescribeHolds(() => {});
    const s = new FakeSession();
    s.startKind(PVC, true, [], 'prod');
    const src = holds.source('doc', s, PVC, REF);
    assert.deepEqual(s.log, ['watch persistentvolumeclaims shop/data'], 'an object watch, not a lease');
    assert.equal(src.status.phase, 'connecting');
    // The kind opened in the object's namespace: the document moves to it, under that scope's lease.
    s.startKind(PVC, true, [obj('data')], 'shop');
    const moved = holds.source('doc', s, PVC, REF);
    assert.equal(holds.held('doc'), 'lease');
    assert.deepEqual(s.log.slice(1), ['acquire persistentvolumeclaims in shop']);
    assert.equal(moved.status.phase, 'synced');
    holds.dispose();
    assert.equal(s.leases, 0);
  });
});
