/**
 * clusterSession: everything Kube Events watches in one kubeconfig context: one KindWatch per
 * kind, their caches and handlers, and a rolled-up status for the views. Pure logic: the
 * ListerWatchers, the access reviewer, the clock and the informers are injected.
 */
import type { InformerOptions, ResourceEventHandler } from '../cache/informer';
import type { ReadonlyIndexer } from '../cache/store';
import type { KubeObject, ListerWatcher } from '../cache/types';
import { kindId, NAMESPACES, type ResourceKind } from '../kinds';
import type { Clock } from '../util/clock';
import { DisposableStore, type Disposable } from '../util/disposable';
import { Emitter, type Event } from '../util/emitter';
import { nullLogger, type Logger } from '../util/logger';
import type { ClusterDiscovery } from '../discovery/clusterDiscovery';
import { KindWatch, type AccessReviewer, type NamespaceSource } from './kindWatch';
import { LazyKinds, type LazyKindChange } from './lazyKinds';
import { createLimiter } from './limiter';
import { ObjectWatch, type ObjectName, type ObjectSource } from './objectWatch';
import { defaultInformerFactory, type InformerFactory } from './sessionInformer';
import { rollUpKinds, sameJson, type ContextStatus, type KindStatus } from './status';

export interface ClusterSessionOptions {
  contextName: string;
  /** The kinds to watch; one KindWatch each. */
  kinds: readonly ResourceKind[];
  /** Allow-list of namespaces to watch when a cluster-wide list is forbidden. */
  namespaces?: readonly string[];
  /** The context's namespace; `default` when unset. */
  defaultNamespace?: string;
  listerWatcherFactory: (kind: ResourceKind, namespace?: string) => ListerWatcher;
  accessReviewer: AccessReviewer;
  /** Default: the engine's Informer. */
  informerFactory?: InformerFactory;
  /** Per-kind informer options (indexers, transform, backoff...). */
  informerOptions?: (kind: ResourceKind) => Omit<InformerOptions<KubeObject>, 'name' | 'listerWatcher'>;
  clock?: Clock;
  logger?: Logger;
  /** Access reviews in flight at once (default 4). */
  reviewConcurrency?: number;
  /** Released when the session stops (e.g. the transport holding its sockets). */
  owned?: Disposable;
  /**
   * The context's API discovery (started with the session, disposed when it stops). Without it
   * the session knows its eager kinds only.
   */
  discovery?: ClusterDiscovery;
  /** How long a lazy kind keeps running after its last lease (default lazyKinds' 60 s). */
  lazyIdleMs?: number;
  /** Namespace scopes beyond which a lazy kind is watched cluster-wide (see LazyKindsOptions). */
  lazyMaxNamespaces?: number;
  /**
   * Reads one Secret's type and per-key sizes (a single GET, values dropped at once), for
   * describe: Secrets are cached as metadata only.
   */
  readSecret?: (namespace: string, name: string, signal?: AbortSignal) => Promise<SecretPayload>;
  /**
   * The API of one object (its GET, and its kind's ListerWatcher selecting its name), for
   * watchObject. Without it, watchObject answers undefined (callers acquire the kind instead).
   */
  objectSourceFactory?: (kind: ResourceKind, ref: ObjectName) => ObjectSource;
}

/** SecretPayload is a Secret's type and each data key's decoded size, never its values. */
export interface SecretPayload {
  type: string;
  sizes: Record<string, number>;
  /** Its annotations (the metadata-only cache keeps only those read from the cache). */
  annotations?: Record<string, string>;
}

/** KindStatusChange reports one kind's new status. */
export interface KindStatusChange {
  kind: ResourceKind;
  status: KindStatus;
}

/**
 * ClusterSession owns the informers of one context. One kind failing never stops the others.
 * `store(kind)` and `addEventHandler(kind, ...)` work before start and across scope changes.
 * `stop()` is final: every informer stops, no handler or status event follows (bar the final
 * `disconnected` status), and `owned` is released.
 */
export class ClusterSession implements Disposable {
  readonly contextName: string;
  private readonly watches = new Map<string, KindWatch>();
  private readonly statusEmitter = new Emitter<ContextStatus>();
  private readonly kindStatusEmitter = new Emitter<KindStatusChange>();
  private readonly subscriptions = new DisposableStore();
  private readonly owned: Disposable | undefined;
  private state: 'new' | 'running' | 'stopped' = 'new';
  private current: ContextStatus = { phase: 'disconnected' };
  private readonly lazy: LazyKinds;
  /** The context's discovery, when the session was given one. */
  readonly discovery: ClusterDiscovery | undefined;
  /** The single-object watches handed out by watchObject and not yet disposed. */
  private readonly objectWatches = new Set<ObjectWatch>();
  private readonly makeObjectWatch: ((kind: ResourceKind, ref: ObjectName) => ObjectWatch) | undefined;
  /** Reads a Secret's payload summary (see ClusterSessionOptions.readSecret). */
  readonly readSecret: ClusterSessionOptions['readSecret'];

  constructor(options: ClusterSessionOptions) {
    this.contextName = options.contextName;
    this.owned = options.owned;
    const logger = options.logger ?? nullLogger;
    const limit = createLimiter(options.reviewConcurrency ?? 4);
    const namespaceWatch = () => this.watches.get(kindId(NAMESPACES));
    const namespaceSource: NamespaceSource | undefined = options.kinds.some(
      (k) => kindId(k) === kindId(NAMESPACES),
    )
      ? {
          names: () => {
            const w = namespaceWatch();
            if (!w || w.namespaces !== undefined || w.status.phase !== 'synced') return undefined;
            return w.store.listKeys();
          },
          onDidChange: (listener) => {
            const w = namespaceWatch();
            if (!w) return { dispose() {} };
            const store = new DisposableStore();
            store.add(w.onDidChangeStatus(() => listener()));
            store.add(
              w.addEventHandler({
                onAdd: (_o, initial) => (initial ? undefined : listener()),
                onDelete: () => listener(),
              }),
            );
            return store;
          },
        }
      : undefined;
    const makeWatch = (kind: ResourceKind): KindWatch =>
      new KindWatch({
        contextName: options.contextName,
        kind,
        listerWatcherFactory: options.listerWatcherFactory,
        informerFactory: options.informerFactory ?? defaultInformerFactory,
        informerOptions: { clock: options.clock, logger, ...options.informerOptions?.(kind) },
        accessReviewer: options.accessReviewer,
        limit,
        namespaces: options.namespaces,
        defaultNamespace: options.defaultNamespace,
        namespaceSource: kindId(kind) === kindId(NAMESPACES) ? undefined : namespaceSource,
        logger,
      });
    for (const kind of options.kinds) {
      const id = kindId(kind);
      if (this.watches.has(id)) continue;
      const watch = makeWatch(kind);
      this.watches.set(id, watch);
      this.subscriptions.add(
        watch.onDidChangeStatus((status) => {
          this.kindStatusEmitter.fire({ kind, status });
          this.updateStatus();
        }),
      );
    }
    // Lazy kinds never count in the context's rolled-up status: a forbidden or failing kind the
    // user opened shows on its own node, not as a context problem.
    this.lazy = new LazyKinds({
      create: makeWatch,
      clock: options.clock,
      idleMs: options.lazyIdleMs,
      maxNamespaces: options.lazyMaxNamespaces,
    });
    this.discovery = options.discovery;
    this.readSecret = options.readSecret;
    const objectSourceFactory = options.objectSourceFactory;
    this.makeObjectWatch = objectSourceFactory
      ? (kind, ref) =>
          new ObjectWatch({
            contextName: options.contextName,
            kind,
            ref,
            source: objectSourceFactory(kind, ref),
            informerFactory: options.informerFactory,
            informerOptions: { clock: options.clock, logger, ...options.informerOptions?.(kind) },
          })
      : undefined;
    if (this.discovery) {
      const discovery = this.discovery;
      // A kind no longer served (its CRD deleted) stops at once, leases or not.
      this.subscriptions.add(
        discovery.onDidChange(() => {
          if (discovery.status.phase !== 'ready') return;
          for (const k of this.lazy.running()) {
            if (!discovery.byResource(k.group, k.plural)) this.lazy.stopKind(k);
          }
        }),
      );
    }
  }

  /** kinds lists the watched kinds, in the order given. */
  get kinds(): ResourceKind[] {
    return [...this.watches.values()].map((w) => w.kind);
  }

  get status(): ContextStatus {
    return this.current;
  }

  /** onDidChangeStatus fires when the rolled-up status changes (object counts included). */
  get onDidChangeStatus(): Event<ContextStatus> {
    return this.statusEmitter.event;
  }

  get onDidChangeKindStatus(): Event<KindStatusChange> {
    return this.kindStatusEmitter.event;
  }

  /** kindStatus returns one kind's status; throws for a kind this session does not watch. */
  kindStatus(kind: ResourceKind): KindStatus {
    return this.watch(kind).status;
  }

  /** watchedNamespaces: undefined when `kind` is watched cluster-wide, else its namespaces. */
  watchedNamespaces(kind: ResourceKind): readonly string[] | undefined {
    return this.watch(kind).namespaces;
  }

  /** store is the kind's cache (merged across namespaces). Objects MUST NOT be mutated. */
  store(kind: ResourceKind): ReadonlyIndexer<KubeObject> {
    return this.watch(kind).store;
  }

  /** isEager reports whether `kind` is one of the session's always-watched kinds. */
  isEager(kind: ResourceKind): boolean {
    return this.watches.has(kindId(kind));
  }

  /**
   * storeOf is the cache of any kind: an eager kind's, a running lazy kind's, else undefined (the
   * kind is not watched now: acquire it first). With `namespace`, a lazy kind's cache only when
   * that namespace is in its scope; without, whatever it caches now (a kind leased in some
   * namespaces holds those only). Objects MUST NOT be mutated.
   */
  storeOf(kind: ResourceKind, namespace?: string): ReadonlyIndexer<KubeObject> | undefined {
    return this.watches.get(kindId(kind))?.store ?? this.lazy.peek(kind, namespace)?.store;
  }

  /**
   * kindStatusOf is any kind's status. A lazy kind's is per scope: in `namespace` (its own lease
   * there, or the cluster-wide one), or, without, of its cluster-wide scope; `idle` when that
   * scope is not watched. An eager kind has one status.
   */
  kindStatusOf(kind: ResourceKind, namespace?: string): KindStatus {
    return this.watches.get(kindId(kind))?.status ?? this.lazy.statusOf(kind, namespace);
  }

  /**
   * acquire keeps `kind` watched until the lease is disposed (lazy kinds: see LazyKinds; an eager
   * kind's lease does nothing): in `namespace` only (a LIST and WATCH of that namespace), or,
   * without, cluster-wide. Callers lease the narrowest scope they read. Inert before start and
   * after stop.
   */
  acquire(kind: ResourceKind, namespace?: string): Disposable {
    if (this.state !== 'running' || this.isEager(kind)) return { dispose() {} };
    return this.lazy.acquire(kind, namespace);
  }

  /** lazyScopes lists the scopes a lazy kind holds now (`''`: cluster-wide), for tests and the bench. */
  lazyScopes(kind: ResourceKind): string[] {
    return this.lazy.scopes(kind);
  }

  /**
   * watchObject starts a single-object watch (see ObjectWatch) of `ref`, a `kind` object: for a
   * describe document of a lazy kind that is not running. The caller owns it and disposes it;
   * the session's stop stops it too. Undefined before start, after stop, for an eager kind, or
   * when the session has no objectSourceFactory.
   */
  watchObject(kind: ResourceKind, ref: ObjectName): ObjectWatch | undefined {
    if (this.state !== 'running' || this.isEager(kind) || !this.makeObjectWatch) return undefined;
    const watch = this.makeObjectWatch(kind, ref);
    this.objectWatches.add(watch);
    const sub = watch.onDidChangeStatus((s) => {
      if (s.phase === 'stopped') {
        this.objectWatches.delete(watch);
        sub.dispose();
      }
    });
    watch.start();
    return watch;
  }

  /** objectWatchCount counts the single-object watches running now. */
  get objectWatchCount(): number {
    return this.objectWatches.size;
  }

  /** onDidChangeLazyKind fires when a lazy kind starts, stops, changes status, or gains or loses a scope. */
  get onDidChangeLazyKind(): Event<LazyKindChange> {
    return this.lazy.onDidChange;
  }

  /**
   * addLazyEventHandler subscribes to a running lazy kind (replay first, then changes); a kind
   * not running gives an inert subscription.
   */
  addLazyEventHandler(kind: ResourceKind, handler: ResourceEventHandler<KubeObject>): Disposable {
    return this.lazy.peek(kind)?.addEventHandler(handler) ?? { dispose() {} };
  }

  /** addEventHandler: see KindWatch.addEventHandler (replay first, then changes). */
  addEventHandler(kind: ResourceKind, handler: ResourceEventHandler<KubeObject>): Disposable {
    return this.watch(kind).addEventHandler(handler);
  }

  start(): void {
    if (this.state !== 'new') return;
    this.state = 'running';
    // Namespaces first: other kinds may need them to fall back to allowed namespaces.
    const ns = this.watches.get(kindId(NAMESPACES));
    ns?.start();
    for (const w of this.watches.values()) w.start();
    // After the eager informers: discovery never delays them.
    this.discovery?.start();
    this.updateStatus();
  }

  stop(): void {
    if (this.state === 'stopped') return;
    this.state = 'stopped';
    this.subscriptions.dispose();
    for (const w of this.watches.values()) w.stop();
    this.lazy.dispose();
    for (const w of [...this.objectWatches]) w.stop();
    this.objectWatches.clear();
    this.discovery?.dispose();
    this.owned?.dispose();
    this.updateStatus();
    this.statusEmitter.dispose();
    this.kindStatusEmitter.dispose();
  }

  dispose(): void {
    this.stop();
  }

  private watch(kind: ResourceKind): KindWatch {
    const w = this.watches.get(kindId(kind));
    if (!w) throw new Error(`${this.contextName}: ${kindId(kind)} is not watched`);
    return w;
  }

  private updateStatus(): void {
    const next: ContextStatus =
      this.state === 'running'
        ? rollUpKinds([...this.watches.values()].map((w) => w.status))
        : { phase: 'disconnected' };
    if (sameJson(next, this.current)) return;
    this.current = next;
    this.statusEmitter.fire(next);
  }
}
