import { type Clock, realClock } from '../util/clock';
import { type Disposable } from '../util/disposable';
import { Emitter, type Event } from '../util/emitter';
import { type Logger, nullLogger } from '../util/logger';
import { DeltaQueue, isDeletedFinalStateUnknown, type PoppedDeltas } from './deltas';
import { errorMessage } from './errors';
import { HandlerSet, type ResourceEventHandler, uidChanged } from './handlers';
import { Indexer } from './indexer';
import { NAMESPACE_INDEX, namespaceIndexFunc } from './indexers';
import { Reflector, type ReflectorProblem } from './reflector';
import { type InformerStatus, sameStatus } from './status';
import { type IndexFunc, metaNamespaceKey, type ReadonlyIndexer } from './store';
import { stripForCache } from './transform';
import { type KubeObject, type ListerWatcher } from './types';
import type { SliceBudget } from './workSlicer';

export type { DeletedFinalStateUnknown } from './deltas';
export type { ResourceEventHandler } from './handlers';
export type { InformerStatus } from './status';

/**
 * DRAIN_BATCH is how many deltas one queue drain processes (whole keys, at least one) before
 * yielding to the event loop. Counted in deltas, not keys: a flood of updates to a few keys
 * piles many deltas on each, and each delta is a cache write and a handler call.
 */
export const DRAIN_BATCH = 500;

/** InformerOptions configure an Informer; see the field comments for defaults. */
export interface InformerOptions<T extends KubeObject> {
  /** For status and logs, e.g. "prod · apps/v1/deployments". */
  name: string;
  listerWatcher: ListerWatcher<T>;
  /** Default realClock. Every timer of the informer goes through it. */
  clock?: Clock;
  /** Default Math.random (backoff jitter, watch timeout choice). */
  random?: () => number;
  /** Applied to every object before it is cached and before handlers see it. Default stripForCache. */
  transform?: (obj: T) => T;
  /** Added to the default namespace index. */
  indexers?: Record<string, IndexFunc<T>>;
  /** LIST page size. Default 500. */
  pageSize?: number;
  logger?: Logger;
  /** Defaults 800, 30000, 2, 120000; each wait in [step, 2 step) like client-go. */
  backoff?: { initialMs?: number; maxMs?: number; factor?: number; resetAfterMs?: number };
  /**
   * A watch with no event or bookmark for this long is re-opened quietly: no status change, no
   * backoff (silence is not a failure). Default: the watch's timeoutSeconds + 60 s.
   */
  watchInactivityTimeoutMs?: number;
  /**
   * Stream the initial state with sendInitialEvents; fall back to LIST for good on an error or
   * when the initial-events-end bookmark does not come in time (see the Reflector). Default false
   * here; the extension's session factory turns it on.
   */
  useWatchList?: boolean;
  /**
   * Watch events handled before the event loop gets a turn (count, and ms of `clock`); default
   * DEFAULT_SLICE. Keeps one flooding watch from holding the loop (see WorkSlicer).
   */
  watchSlice?: Partial<SliceBudget>;
  /** Bounds of the wait for the initial-events-end bookmark; defaults in reflector.ts. */
  initialEventsSilenceMs?: number;
  initialEventsDeadlineMs?: number;
}

/**
 * Informer is client-go's shared index informer for one kind in one scope: a Reflector feeds a
 * DeltaQueue, whose deltas are applied in order to an Indexer and then fanned out to handlers.
 *
 * Contract:
 * - Per object, handlers see changes in the order the server made them, each exactly once:
 *   `onAdd` only for a key not cached, `onUpdate(old, new)` only when the resourceVersion
 *   changed, `onDelete` only for a cached key (a tombstone when only a relist saw it go).
 * - `onUpdate(old, new)` always concerns one object: the same metadata.uid. A key whose uid
 *   changed (deleted and re-created under the same name while not watched, seen by a relist) is
 *   delivered as `onDelete(tombstone of old)` then `onAdd(new)`, so no handler has to compare
 *   uids itself.
 * - The cache is updated before handlers are called; handlers and readers MUST NOT mutate
 *   the objects (they are shared). A throwing handler is logged and skipped.
 * - The queue drains in batches of about DRAIN_BATCH deltas, yielding to the event loop between
 *   them.
 * - `stop()` is final and leaves nothing running: no request, timer or handler call after it.
 */
export class Informer<T extends KubeObject = KubeObject> implements Disposable {
  readonly name: string;
  private readonly logger: Logger;
  private readonly transform: (obj: T) => T;
  private readonly indexer: Indexer<T>;
  private readonly queue: DeltaQueue<T>;
  private readonly reflector: Reflector<T>;
  private readonly handlers: HandlerSet<T>;
  private readonly statusEmitter: Emitter<InformerStatus>;
  private current: InformerStatus = { phase: 'idle' };
  private problem: ReflectorProblem | undefined;
  private started = false;
  private stopped = false;
  private synced = false;
  private drainHandle: ReturnType<typeof setImmediate> | undefined;
  private resolveSynced!: (synced: boolean) => void;
  private readonly syncedPromise: Promise<boolean>;

  constructor(options: InformerOptions<T>) {
    this.name = options.name;
    this.logger = options.logger ?? nullLogger;
    this.transform = options.transform ?? stripForCache;
    this.indexer = new Indexer<T>({
      keyFunc: metaNamespaceKey,
      indexers: { [NAMESPACE_INDEX]: namespaceIndexFunc, ...options.indexers },
      // Per-namespace buckets keyed by the object's own name: no key string nor namespace-index
      // entry per object (bench 14d1: 66 B of a metadata-only Secret's 526).
      byNamespace: NAMESPACE_INDEX,
    });
    this.queue = new DeltaQueue<T>({ keyFunc: metaNamespaceKey, knownObjects: this.indexer });
    this.handlers = new HandlerSet<T>(this.logger, this.name);
    this.statusEmitter = new Emitter<InformerStatus>((err) =>
      this.logger.error(`${this.name}: status listener threw: ${errorMessage(err)}`),
    );
    this.syncedPromise = new Promise((resolve) => (this.resolveSynced = resolve));
    this.reflector = new Reflector<T>({
      name: options.name,
      listerWatcher: options.listerWatcher,
      // The reflector transforms each object as it arrives (a list page by page, not whole).
      transform: (obj) => this.safeTransform(obj),
      store: {
        add: (obj) => this.enqueue(() => this.queue.add(obj)),
        update: (obj) => this.enqueue(() => this.queue.update(obj)),
        delete: (obj) => this.enqueue(() => this.queue.delete(obj)),
        replace: (list) => this.enqueue(() => this.queue.replace(list)),
      },
      clock: options.clock ?? realClock,
      random: options.random ?? Math.random,
      pageSize: options.pageSize ?? 500,
      backoff: options.backoff,
      watchSilenceMs: options.watchInactivityTimeoutMs,
      watchSlice: options.watchSlice,
      useWatchList: options.useWatchList ?? false,
      initialEventsSilenceMs: options.initialEventsSilenceMs,
      initialEventsDeadlineMs: options.initialEventsDeadlineMs,
      logger: this.logger,
      observer: {
        onProblem: (problem) => {
          this.problem = problem;
          this.updateStatus();
        },
        onRecovered: () => {
          this.problem = undefined;
          this.updateStatus();
        },
      },
    });
  }

  /** store is the cache, read-only. Objects in it MUST NOT be mutated. */
  get store(): ReadonlyIndexer<T> {
    return this.indexer;
  }

  get status(): InformerStatus {
    return this.current;
  }

  /** onDidChangeStatus fires each time `status` changes (at most once per drained batch for counts). */
  get onDidChangeStatus(): Event<InformerStatus> {
    return this.statusEmitter.event;
  }

  /** start begins listing and watching; idempotent; a no-op after stop. */
  start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    this.updateStatus();
    this.reflector.run();
  }

  /** stop ends the informer for good: see the class contract. Idempotent. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.reflector.stop();
    if (this.drainHandle !== undefined) clearImmediate(this.drainHandle);
    this.drainHandle = undefined;
    this.queue.clear();
    this.handlers.dispose();
    this.resolveSynced(false);
    this.updateStatus();
    this.statusEmitter.dispose();
  }

  dispose(): void {
    this.stop();
  }

  /**
   * addEventHandler registers `handler`. It first receives `onAdd(obj, true)` for every object
   * already cached (synchronously, before this returns), then every later change.
   */
  addEventHandler(handler: ResourceEventHandler<T>): Disposable {
    if (this.stopped) return { dispose() {} };
    return this.handlers.add(handler, this.indexer.list());
  }

  /** hasSynced: the first list has been applied to the cache and delivered to handlers. */
  hasSynced(): boolean {
    return this.synced;
  }

  /** whenSynced resolves true at first sync, false if stopped before. */
  whenSynced(): Promise<boolean> {
    return this.syncedPromise;
  }

  /** lastSyncResourceVersion is the newest resourceVersion the reflector has seen. */
  lastSyncResourceVersion(): string {
    return this.reflector.lastSyncResourceVersion();
  }

  /** safeTransform applies the transform; one that throws is logged and the object cached as is. */
  private safeTransform(obj: T): T {
    try {
      return this.transform(obj);
    } catch (err) {
      this.logger.error(`${this.name}: transform threw for ${metaNamespaceKey(obj)}: ${errorMessage(err)}`);
      return obj;
    }
  }

  private enqueue(write: () => void): void {
    if (this.stopped) return;
    write();
    if (this.drainHandle === undefined) this.drainHandle = setImmediate(() => this.drain());
  }

  private drain(): void {
    this.drainHandle = undefined;
    for (let n = 0; n < DRAIN_BATCH && !this.stopped;) {
      const popped = this.queue.pop();
      if (!popped) break;
      n += popped.deltas.length;
      this.process(popped);
    }
    if (this.stopped) return;
    if (this.queue.length > 0) this.drainHandle = setImmediate(() => this.drain());
    if (!this.synced && this.queue.hasSynced()) {
      this.synced = true;
      this.resolveSynced(true);
    }
    this.updateStatus();
  }

  /** process applies one key's deltas to the cache and notifies handlers (shared_informer's HandleDeltas). */
  private process({ key, deltas, isInInitialList }: PoppedDeltas<T>): void {
    for (const delta of deltas) {
      if (this.stopped) return;
      if (delta.type === 'Deleted') {
        if (this.indexer.delete(key) === undefined) continue; // Never seen: nothing to report.
        this.handlers.notifyDelete(delta.object);
        continue;
      }
      if (isDeletedFinalStateUnknown(delta.object)) continue; // Only Deleted deltas carry tombstones.
      const obj = delta.object;
      let old: T | undefined;
      try {
        old = this.indexer.set(obj);
      } catch (err) {
        this.logger.error(`${this.name}: cannot cache ${key}: ${errorMessage(err)}`);
        continue;
      }
      if (old === undefined) this.handlers.notifyAdd(obj, isInInitialList);
      else if (uidChanged(old, obj)) {
        this.handlers.notifyDelete({ key, obj: old, finalStateUnknown: true });
        if (this.stopped) return;
        this.handlers.notifyAdd(obj, isInInitialList);
      } else if (old.metadata.resourceVersion !== obj.metadata.resourceVersion)
        this.handlers.notifyUpdate(old, obj);
    }
  }

  private computeStatus(): InformerStatus {
    if (this.stopped) return { phase: 'stopped' };
    if (!this.started) return { phase: 'idle' };
    const p = this.problem;
    if (p?.kind === 'forbidden' && p.during === 'watch') {
      const error = `watch forbidden (list allowed): ${p.message}`;
      return { phase: 'forbidden', error, retryAt: p.retryAt, during: 'watch' };
    }
    if (p?.kind === 'forbidden' || p?.kind === 'unauthorized') {
      return { phase: p.kind, error: p.message, retryAt: p.retryAt };
    }
    if (p) {
      const { message: error, attempt, retryAt } = p;
      return {
        phase: 'retrying',
        error,
        attempt,
        retryAt,
        objectCount: this.indexer.size,
        synced: this.synced,
      };
    }
    if (!this.synced) return { phase: 'connecting' };
    return {
      phase: 'synced',
      objectCount: this.indexer.size,
      resourceVersion: this.reflector.lastSyncResourceVersion(),
    };
  }

  private updateStatus(): void {
    const next = this.computeStatus();
    if (sameStatus(next, this.current)) return;
    this.current = next;
    this.statusEmitter.fire(next);
  }
}
