import * as assert from 'node:assert/strict';
import { Indexer } from '../../../src/core/cache/indexer';
import { metaNamespaceKey } from '../../../src/core/cache/store';
import type { KubeObject } from '../../../src/core/cache/types';
import type { KindScope } from '../../../src/core/cluster/kindWatch';
import { LazyKinds, type LazyWatch } from '../../../src/core/cluster/lazyKinds';
import type { KindStatus } from '../../../src/core/cluster/status';
import { EVENTS_V1, kindId, type ResourceKind } from '../../../src/core/kinds';
import { Emitter } from '../../../src/core/util/emitter';
import { FakeClock } from '../fakes/fakeClock';

const PVCS: ResourceKind = {
  kind: 'PersistentVolumeClaim',
  plural: 'persistentvolumeclaims',
  group: '',
  version: 'v1',
  namespaced: true,
  shortNames: ['pvc'],
};

/** FakeWatch records its lifecycle. */
class FakeWatch implements LazyWatch {
  started = 0;
  stopped = 0;
  readonly store = new Indexer<KubeObject>({ keyFunc: metaNamespaceKey, indexers: {} });
  status: KindStatus = { phase: 'idle' };
  private readonly emitter = new Emitter<KindStatus>();
  readonly onDidChangeStatus = this.emitter.event;
  /** Every scope set, in order. */
  readonly scopes: KindScope[] = [];
  constructor(readonly kind: ResourceKind) {}
  setScope(scope: KindScope): void {
    this.scopes.push(scope);
  }
  statusOf(): KindStatus {
    return this.status;
  }
  start(): void {
    this.started++;
    this.setStatus({ phase: 'connecting' });
  }
  stop(): void {
    this.stopped++;
    this.setStatus({ phase: 'stopped' });
  }
  dispose(): void {
    this.stop();
  }
  setStatus(s: KindStatus): void {
    this.status = s;
    this.emitter.fire(s);
  }
  addEventHandler() {
    return { dispose() {} };
  }
}

describe('cluster/LazyKinds', () => {
  let clock: FakeClock;
  let made: FakeWatch[];
  let lazy: LazyKinds;
  beforeEach(() => {
    clock = new FakeClock();
    made = [];
    lazy = new LazyKinds({
      create: (k) => {
        const w = new FakeWatch(k);
        made.push(w);
        return w;
      },
      clock,
      idleMs: 60_000,
    });
  });
  afterEach(() => lazy.dispose());

  it('creates nothing for a kind never acquired', () => {
    assert.equal(lazy.peek(PVCS), undefined);
    clock.advance(3_600_000);
    assert.equal(made.length, 0);
    assert.deepEqual(lazy.running(), []);
  });

  it('starts a kind on its first lease and shares it between leases', () => {
    const a = lazy.acquire(PVCS);
    const b = lazy.acquire(PVCS);
    assert.equal(made.length, 1);
    assert.equal(made[0]!.started, 1);
    assert.equal(lazy.leases(PVCS), 2);
    assert.equal(lazy.peek(PVCS), made[0]);
    a.dispose();
    a.dispose(); // idempotent: b still holds it
    assert.equal(lazy.leases(PVCS), 1);
    clock.advance(120_000);
    assert.equal(made[0]!.stopped, 0, 'still leased');
    b.dispose();
  });

  it('stops a kind idleMs after its last lease, not before', () => {
    const changes: string[] = [];
    lazy.onDidChange((c) => changes.push(`${kindId(c.kind)}:${c.type}`));
    lazy.acquire(PVCS).dispose();
    clock.advance(59_999);
    assert.equal(made[0]!.stopped, 0);
    assert.ok(lazy.peek(PVCS), 'still running while idle');
    clock.advance(1);
    assert.equal(made[0]!.stopped, 1);
    assert.equal(lazy.peek(PVCS), undefined);
    assert.equal(clock.pendingTimers(), 0);
    assert.deepEqual(changes, [
      'v1/persistentvolumeclaims:started',
      'v1/persistentvolumeclaims:status',
      'v1/persistentvolumeclaims:stopped',
    ]);
  });

  it('a lease taken while idling keeps the same watch (no relist) and cancels the stop', () => {
    lazy.acquire(PVCS).dispose();
    clock.advance(30_000);
    const again = lazy.acquire(PVCS);
    clock.advance(120_000);
    assert.equal(made.length, 1);
    assert.equal(made[0]!.stopped, 0);
    again.dispose();
    clock.advance(60_000);
    assert.equal(made[0]!.stopped, 1);
    // A new lease after the stop builds a new watch.
    lazy.acquire(PVCS);
    assert.equal(made.length, 2);
  });

  it('stopKind stops a kind at once; its old leases then do nothing', () => {
    const lease = lazy.acquire(PVCS);
    lazy.acquire(EVENTS_V1);
    lazy.stopKind(PVCS);
    assert.equal(made[0]!.stopped, 1);
    lease.dispose();
    assert.equal(clock.pendingTimers(), 0);
    assert.deepEqual(lazy.running(), [EVENTS_V1]);
  });

  it('dispose stops every watch and timer; later leases are inert', () => {
    lazy.acquire(PVCS);
    lazy.acquire(EVENTS_V1).dispose();
    lazy.dispose();
    assert.deepEqual(
      made.map((w) => w.stopped),
      [1, 1],
    );
    assert.equal(clock.pendingTimers(), 0);
    lazy.acquire(PVCS);
    assert.equal(made.length, 2);
  });

  it('one watch per kind whatever the scopes; the watch is told every scope change', () => {
    const changes: string[] = [];
    lazy.onDidChange((c) => changes.push(`${c.type} ${c.namespace ?? '*'}`));
    const a = lazy.acquire(PVCS, 'a');
    lazy.acquire(PVCS, 'b');
    lazy.acquire(PVCS, 'a');
    assert.equal(made.length, 1);
    assert.deepEqual(made[0]!.scopes, [
      { clusterWide: false, namespaces: ['a'] },
      { clusterWide: false, namespaces: ['a', 'b'] },
    ]);
    assert.equal(lazy.peek(PVCS, 'c'), undefined, 'namespace c is not in the scope');
    assert.equal(lazy.statusOf(PVCS, 'c').phase, 'idle');
    assert.equal(lazy.statusOf(PVCS).phase, 'idle', 'nor is the cluster-wide scope');
    assert.equal(lazy.statusOf(PVCS, 'a').phase, 'connecting');
    const wide = lazy.acquire(PVCS);
    assert.deepEqual(made[0]!.scopes.at(-1), { clusterWide: true, namespaces: ['a', 'b'] });
    assert.equal(lazy.peek(PVCS, 'c'), made[0], 'the cluster-wide lease covers every namespace');
    assert.deepEqual(lazy.scopes(PVCS), ['', 'a', 'b']);
    assert.equal(lazy.leases(PVCS), 4);
    assert.equal(lazy.leases(PVCS, 'a'), 2);
    wide.dispose();
    a.dispose();
    clock.advance(60_000);
    assert.deepEqual(made[0]!.scopes.at(-1), { clusterWide: false, namespaces: ['a', 'b'] });
    assert.deepEqual(lazy.scopes(PVCS), ['a', 'b'], 'a is still leased once');
    assert.deepEqual(changes, ['started *', 'status *', 'scope b', 'scope *', 'scope *']);
    assert.equal(made[0]!.stopped, 0);
  });

  it('beyond maxNamespaces namespace scopes a kind is watched cluster-wide, and narrows back after', () => {
    const bounded = new LazyKinds({
      create: (k) => new FakeWatch(k),
      clock,
      idleMs: 60_000,
      maxNamespaces: 2,
    });
    bounded.acquire(PVCS, 'a');
    bounded.acquire(PVCS, 'b');
    const w = bounded.peek(PVCS) as FakeWatch;
    assert.deepEqual(w.scopes.at(-1), { clusterWide: false, namespaces: ['a', 'b'] });
    const c = bounded.acquire(PVCS, 'c');
    assert.deepEqual(
      w.scopes.at(-1),
      { clusterWide: true, namespaces: ['a', 'b', 'c'] },
      'one watch, not three',
    );
    assert.equal(bounded.statusOf(PVCS, 'd').phase, 'idle', 'd is still not a scope');
    c.dispose();
    clock.advance(60_000);
    assert.deepEqual(w.scopes.at(-1), { clusterWide: false, namespaces: ['a', 'b'] });
    bounded.dispose();
  });

  it('a cluster-scoped kind is always leased cluster-wide', () => {
    const classes: ResourceKind = {
      ...PVCS,
      kind: 'StorageClass',
      plural: 'storageclasses',
      namespaced: false,
    };
    lazy.acquire(classes, 'shop');
    lazy.acquire(classes);
    assert.deepEqual(made[0]!.scopes, [{ clusterWide: true, namespaces: [] }]);
    assert.deepEqual(lazy.scopes(classes), ['']);
    assert.equal(lazy.leases(classes), 2);
  });
});
