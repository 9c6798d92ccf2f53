/**
 * lazyKinds: the informers of the kinds that are not watched eagerly (every discovered kind but
 * the built-in ten), each running only while something needs it, and only where it is needed.
 * A user of a kind (an expanded tree node, an open describe document, a Reveal) holds a lease on
 * a scope: one namespace (a kind opened under namespace N lists and watches N only) or the whole
 * cluster. A kind's watch starts with its first lease; a scope stays in the watch until `idleMs`
 * after its last lease is released (so collapsing and re-expanding a node does not relist), and
 * the watch stops when no scope is left. A kind never leased costs nothing: no watch is created.
 */
import type { ResourceEventHandler } from '../cache/informer';
import type { ReadonlyIndexer } from '../cache/store';
import type { KubeObject } from '../cache/types';
import { kindId, type ResourceKind } from '../kinds';
import { realClock, type Clock, type TimerHandle } from '../util/clock';
import { DisposableStore, toDisposable, type Disposable } from '../util/disposable';
import { Emitter, type Event } from '../util/emitter';
import type { KindScope } from './kindWatch';
import { ALL_NAMESPACES } from './mergedStore';
import type { KindStatus } from './status';

/** LazyWatch is what lazyKinds needs of a kind's watch (a KindWatch fits). */
export interface LazyWatch extends Disposable {
  /** setScope: what the watch covers; called before start, then on every scope change. */
  setScope(scope: KindScope): void;
  /** statusOf: one namespace's scope (undefined: the cluster-wide scope). */
  statusOf(namespace?: string): KindStatus;
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
  /**
   * Beyond this many namespace scopes a kind is watched cluster-wide (one watch instead of one
   * per namespace; where the cluster-wide LIST is forbidden the kind falls back to its allowed
   * namespaces as usual). Default DEFAULT_MAX_SCOPED_NAMESPACES.
   */
  maxNamespaces?: number;
}

/** DEFAULT_MAX_SCOPED_NAMESPACES bounds the per-namespace watches of one lazy kind. */
export const DEFAULT_MAX_SCOPED_NAMESPACES = 20;

/**
 * LazyKindChange: a kind started, stopped, or its status changed; `scope` when a running kind
 * gained or lost a scope (`namespace` says which; undefined: the cluster-wide one).
 */
export interface LazyKindChange {
  kind: ResourceKind;
  type: 'started' | 'stopped' | 'status' | 'scope';
  namespace?: string;
}

/** DEFAULT_IDLE_MS: how long an unused lazy kind keeps running. */
export const DEFAULT_IDLE_MS = 60_000;

/** Scope: the leases of one scope of a kind (ALL_NAMESPACES: cluster-wide). */
interface Scope {
  leases: number;
  idleTimer: TimerHandle | undefined;
}

interface Entry {
  kind: ResourceKind;
  watch: LazyWatch;
  /** By namespace (ALL_NAMESPACES: cluster-wide); a scope idling after its last lease stays. */
  scopes: Map<string, Scope>;
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

  /**
   * acquire keeps `kind` watched in `namespace` (omitted, or a cluster-scoped kind: cluster-wide)
   * until the lease is disposed (and idleMs after). Namespace leases of a kind leased
   * cluster-wide ride on its cluster-wide watch.
   */
  acquire(kind: ResourceKind, namespace?: string): Disposable {
    if (this.disposed) return { dispose() {} };
    const id = kindId(kind);
    const key = scopeKey(kind, namespace);
    let entry = this.entries.get(id);
    const fresh = !entry;
    if (!entry) {
      const watch = this.o.create(kind);
      const subscriptions = new DisposableStore();
      entry = { kind, watch, scopes: new Map(), subscriptions };
      this.entries.set(id, entry);
      subscriptions.add(watch.onDidChangeStatus(() => this.emitter.fire({ kind, type: 'status' })));
    }
    const e = entry;
    let scope = e.scopes.get(key);
    if (!scope) {
      scope = { leases: 0, idleTimer: undefined };
      e.scopes.set(key, scope);
      e.watch.setScope(this.scopeOf(e));
      if (fresh) {
        this.emitter.fire({ kind, type: 'started' });
        e.watch.start();
      } else this.emitter.fire({ kind, type: 'scope', namespace: key || undefined });
    }
    const s = scope;
    s.leases++;
    if (s.idleTimer !== undefined) {
      this.clock.clearTimeout(s.idleTimer);
      s.idleTimer = undefined;
    }
    return toDisposable(() => this.release(id, e, key, s));
  }

  /**
   * peek returns the running watch of `kind`, if any, without keeping it alive. With a
   * `namespace`, only if that namespace is in its scope (its own lease, or a cluster-wide one).
   */
  peek(kind: ResourceKind, namespace?: string): LazyWatch | undefined {
    const e = this.entries.get(kindId(kind));
    if (!e || namespace === undefined) return e?.watch;
    return e.scopes.has(ALL_NAMESPACES) || e.scopes.has(scopeKey(kind, namespace)) ? e.watch : undefined;
  }

  /**
   * statusOf is the status of `kind` in one scope (`namespace` omitted: cluster-wide): `idle`
   * when that scope is not watched.
   */
  statusOf(kind: ResourceKind, namespace?: string): KindStatus {
    const e = this.entries.get(kindId(kind));
    const key = scopeKey(kind, namespace);
    if (!e || !(e.scopes.has(ALL_NAMESPACES) || e.scopes.has(key))) return { phase: 'idle' };
    return e.watch.statusOf(key === ALL_NAMESPACES ? undefined : key);
  }

  /** scopes lists the scopes of `kind` held now (leased or idling), ALL_NAMESPACES for cluster-wide. */
  scopes(kind: ResourceKind): string[] {
    return [...(this.entries.get(kindId(kind))?.scopes.keys() ?? [])].sort();
  }

  /** running lists the kinds whose watch runs now (leased or idling). */
  running(): ResourceKind[] {
    return [...this.entries.values()].map((e) => e.kind);
  }

  /** leases counts the live leases of `kind` (in one scope, when `namespace` is given). */
  leases(kind: ResourceKind, namespace?: string): number {
    const e = this.entries.get(kindId(kind));
    if (!e) return 0;
    if (namespace !== undefined) return e.scopes.get(scopeKey(kind, namespace))?.leases ?? 0;
    let n = 0;
    for (const s of e.scopes.values()) n += s.leases;
    return n;
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

  /** scopeOf is what a kind's watch must cover for its scopes (bounded by maxNamespaces). */
  private scopeOf(e: Entry): KindScope {
    const namespaces = [...e.scopes.keys()].filter((k) => k !== ALL_NAMESPACES);
    const max = this.o.maxNamespaces ?? DEFAULT_MAX_SCOPED_NAMESPACES;
    return { clusterWide: e.scopes.has(ALL_NAMESPACES) || namespaces.length > max, namespaces };
  }

  private release(id: string, e: Entry, key: string, s: Scope): void {
    if (this.entries.get(id) !== e || e.scopes.get(key) !== s) return;
    s.leases--;
    if (s.leases > 0) return;
    s.idleTimer = this.clock.setTimeout(() => {
      s.idleTimer = undefined;
      if (this.entries.get(id) !== e || e.scopes.get(key) !== s || s.leases > 0) return;
      e.scopes.delete(key);
      if (e.scopes.size === 0) return this.stopEntry(id, e);
      e.watch.setScope(this.scopeOf(e));
      this.emitter.fire({ kind: e.kind, type: 'scope', namespace: key || undefined });
    }, this.o.idleMs ?? DEFAULT_IDLE_MS);
  }

  private stopEntry(id: string, e: Entry): void {
    for (const s of e.scopes.values()) {
      if (s.idleTimer !== undefined) this.clock.clearTimeout(s.idleTimer);
      s.idleTimer = undefined;
    }
    this.entries.delete(id);
    e.subscriptions.dispose();
    e.watch.stop();
    this.emitter.fire({ kind: e.kind, type: 'stopped' });
  }
}

/** scopeKey is the scope a lease of `kind` in `namespace` holds (ALL_NAMESPACES: cluster-wide). */
function scopeKey(kind: ResourceKind, namespace: string | undefined): string {
  return kind.namespaced && namespace ? namespace : ALL_NAMESPACES;
}
