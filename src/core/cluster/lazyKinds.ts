/**
 * lazyKinds: the informers of the kinds that are not watched eagerly (every discovered kind but
 * the built-in ten), each running only while something needs it. A user of a kind (an expanded
 * tree node, an open describe document, a Reveal) holds a lease; the kind's watch starts with the
 * first lease and stops `idleMs` after the last one is released, so that collapsing and
 * re-expanding a node does not relist. A kind never leased costs nothing: no watch is created.
 */
import type { ResourceEventHandler } from '../cache/informer';
import type { ReadonlyIndexer } from '../cache/store';
import type { KubeObject } from '../cache/types';
import { kindId, type ResourceKind } from '../kinds';
import { realClock, type Clock, type TimerHandle } from '../util/clock';
import { DisposableStore, toDisposable, type Disposable } from '../util/disposable';
import { Emitter, type Event } from '../util/emitter';
import type { KindStatus } from './status';

/** LazyWatch is what lazyKinds needs of a kind's watch (a KindWatch fits). */
export interface LazyWatch extends Disposable {
  start(): void;
  stop(): void;
  readonly store: ReadonlyIndexer<KubeObject>;
  readonly status: KindStatus;
  readonly onDidChangeStatus: Event<KindStatus>;
  addEventHandler(handler: ResourceEventHandler<KubeObject>): Disposable;
}

export interface LazyKindsOptions {
  /** Builds the (not yet started) watch of a kind. */
  create: (kind: ResourceKind) => LazyWatch;
  clock?: Clock;
  /** How long a kind keeps running after its last lease is released. Default 60 s. */
  idleMs?: number;
}

/** LazyKindChange: a kind started, stopped, or its status changed. */
export interface LazyKindChange {
  kind: ResourceKind;
  type: 'started' | 'stopped' | 'status';
}

/** DEFAULT_IDLE_MS: how long an unused lazy kind keeps running. */
export const DEFAULT_IDLE_MS = 60_000;

interface Entry {
  kind: ResourceKind;
  watch: LazyWatch;
  leases: number;
  idleTimer: TimerHandle | undefined;
  subscriptions: DisposableStore;
}

/**
 * LazyKinds owns the lazy watches of one context. `acquire` returns a lease whose dispose is
 * idempotent; `peek` reads a running kind without keeping it alive. `dispose()` stops every
 * watch and timer; acquiring afterwards gives an inert lease.
 */
export class LazyKinds implements Disposable {
  private readonly o: LazyKindsOptions;
  private readonly clock: Clock;
  private readonly entries = new Map<string, Entry>();
  private readonly emitter = new Emitter<LazyKindChange>();
  private disposed = false;

  constructor(options: LazyKindsOptions) {
    this.o = options;
    this.clock = options.clock ?? realClock;
  }

  get onDidChange(): Event<LazyKindChange> {
    return this.emitter.event;
  }

  /** acquire keeps `kind` watched until the lease is disposed (and idleMs after). */
  acquire(kind: ResourceKind): Disposable {
    if (this.disposed) return { dispose() {} };
    const id = kindId(kind);
    let entry = this.entries.get(id);
    if (!entry) {
      const watch = this.o.create(kind);
      const subscriptions = new DisposableStore();
      entry = { kind, watch, leases: 0, idleTimer: undefined, subscriptions };
      this.entries.set(id, entry);
      subscriptions.add(watch.onDidChangeStatus(() => this.emitter.fire({ kind, type: 'status' })));
      this.emitter.fire({ kind, type: 'started' });
      watch.start();
    }
    const e = entry;
    e.leases++;
    if (e.idleTimer !== undefined) {
      this.clock.clearTimeout(e.idleTimer);
      e.idleTimer = undefined;
    }
    return toDisposable(() => this.release(id, e));
  }

  /** peek returns the running watch of `kind`, if any, without keeping it alive. */
  peek(kind: ResourceKind): LazyWatch | undefined {
    return this.entries.get(kindId(kind))?.watch;
  }

  /** running lists the kinds whose watch runs now (leased or idling). */
  running(): ResourceKind[] {
    return [...this.entries.values()].map((e) => e.kind);
  }

  /** leases counts the live leases of `kind`. */
  leases(kind: ResourceKind): number {
    return this.entries.get(kindId(kind))?.leases ?? 0;
  }

  /** stopKind stops `kind` now, leases or not (the kind is no longer served). */
  stopKind(kind: ResourceKind): void {
    const e = this.entries.get(kindId(kind));
    if (e) this.stopEntry(kindId(kind), e);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const [id, e] of [...this.entries]) this.stopEntry(id, e);
    this.emitter.dispose();
  }

  private release(id: string, e: Entry): void {
    if (this.entries.get(id) !== e) return;
    e.leases--;
    if (e.leases > 0) return;
    e.idleTimer = this.clock.setTimeout(() => {
      e.idleTimer = undefined;
      if (this.entries.get(id) === e && e.leases === 0) this.stopEntry(id, e);
    }, this.o.idleMs ?? DEFAULT_IDLE_MS);
  }

  private stopEntry(id: string, e: Entry): void {
    if (e.idleTimer !== undefined) this.clock.clearTimeout(e.idleTimer);
    e.idleTimer = undefined;
    this.entries.delete(id);
    e.subscriptions.dispose();
    e.watch.stop();
    this.emitter.fire({ kind: e.kind, type: 'stopped' });
  }
}
