import { ApiError } from '../../../src/core/cache/errors';
import { metaNamespaceKey } from '../../../src/core/cache/store';
import {
  type KubeObject,
  type ListOptions,
  type ListPage,
  type WatchEvent,
} from '../../../src/core/cache/types';
import { type FakeListerWatcher, type FakeWatch } from './fakeListerWatcher';

interface HistoryEntry {
  rv: number;
  event: WatchEvent<KubeObject>;
}

/** ModelServerOptions: which storage layers the model shows. */
export interface ModelServerOptions {
  /**
   * watchCache: lists with resourceVersion "0", or any resourceVersion without a limit, are
   * served whole (unpaginated, current state) from the watch cache, like the apiserver's cacher
   * (`shouldDelegateList`); a version newer than the cache's is a 504 ResourceVersionTooLarge.
   * Without it every list is an etcd read (paged; rv=N with a limit is an exact read).
   */
  watchCache?: boolean;
}

/**
 * ModelServer is an in-memory API server for one resource, behind a FakeListerWatcher: objects
 * with increasing resourceVersions, a change history that watches replay from their
 * resourceVersion, paged lists, compaction (410 for older resourceVersions) and fault knobs.
 * Tests drive it (`create`, `update`, `remove`, faults) and compare an informer against
 * `objects`.
 *
 * It has the real server's two layers: the watch cache (the `history` window watches replay;
 * `expireWatchWindow` moves it, as a laptop sleep or an apiserver restart does) and etcd (the
 * whole `log`, readable at any resourceVersion since `compact`). An exact read (rv=N with a
 * limit) returns the state at N even when the watch window has moved past N.
 */
export class ModelServer {
  readonly objects = new Map<string, KubeObject>();
  private rv = 100;
  private readonly history: HistoryEntry[] = [];
  /** etcd: every change since the model began (reads below compactedBefore are 410). */
  private readonly log: HistoryEntry[] = [];
  private compactedBefore = 0;
  private watchWindowStart = 0;
  private readonly watchCache: boolean;
  private readonly live = new Set<FakeWatch<KubeObject>>();
  private readonly stalled = new WeakSet<FakeWatch<KubeObject>>();
  private readonly snapshots = new Map<string, { items: KubeObject[]; rv: string }>();
  private nextSnapshot = 1;
  /** When set, the next continue page answers 410 Expired. */
  expireNextContinue = false;
  /** Lists served by each layer. */
  watchCacheReads = 0;
  etcdReads = 0;

  constructor(lw: FakeListerWatcher<KubeObject>, options: ModelServerOptions = {}) {
    this.watchCache = options.watchCache ?? false;
    lw.listHandler = (options) => this.list(options);
    lw.onWatch = (watch) => this.open(watch);
  }

  get resourceVersion(): string {
    return String(this.rv);
  }

  /** create adds an object; `uid` is set when given (objects have none by default). */
  create(name: string, namespace = 'default', data: Record<string, unknown> = {}, uid?: string): KubeObject {
    const metadata = uid ? { name, namespace, uid } : { name, namespace };
    const obj = this.stamp({ apiVersion: 'v1', kind: 'ConfigMap', metadata, data });
    this.objects.set(metaNamespaceKey(obj), obj);
    this.emit({ type: 'ADDED', object: obj });
    return obj;
  }

  update(key: string, data: Record<string, unknown>): KubeObject {
    const old = this.objects.get(key);
    if (!old) throw new Error(`no ${key}`);
    const obj = this.stamp({ ...old, metadata: { ...old.metadata }, data });
    this.objects.set(key, obj);
    this.emit({ type: 'MODIFIED', object: obj });
    return obj;
  }

  remove(key: string): void {
    const old = this.objects.get(key);
    if (!old) throw new Error(`no ${key}`);
    this.objects.delete(key);
    const obj = this.stamp({ ...old, metadata: { ...old.metadata } });
    this.emit({ type: 'DELETED', object: obj });
  }

  /** bookmark sends a BOOKMARK at the current resourceVersion to every live watch. */
  bookmark(): void {
    this.broadcast({ type: 'BOOKMARK', object: { metadata: { resourceVersion: this.resourceVersion } } });
  }

  /** compact is etcd compaction: reads and watches at older resourceVersions now get 410. */
  compact(): void {
    this.compactedBefore = this.rv;
    this.expireWatchWindow();
  }

  /**
   * expireWatchWindow moves the watch cache's window to now: watches from older versions get
   * 410, while etcd still serves exact reads at them (until `compact`).
   */
  expireWatchWindow(): void {
    this.watchWindowStart = this.rv;
    this.history.length = 0;
  }

  /** liveWatches are the open, non-stalled watches. */
  liveWatches(): FakeWatch<KubeObject>[] {
    this.prune();
    return [...this.live];
  }

  /** endWatches closes every live watch normally. */
  endWatches(): void {
    for (const w of this.liveWatches()) w.end();
    this.live.clear();
  }

  /** failWatches makes every live watch throw `err`. */
  failWatches(err: unknown): void {
    for (const w of this.liveWatches()) w.fail(err);
    this.live.clear();
  }

  /** errorWatches sends an ERROR event with `code` to every live watch, then closes it. */
  errorWatches(code: number, reason: string): void {
    for (const w of this.liveWatches())
      w.push({ type: 'ERROR', object: { kind: 'Status', code, reason, message: reason } }).end();
    this.live.clear();
  }

  /** stallWatches makes every live watch go silent (no bytes, no close) until aborted. */
  stallWatches(): void {
    for (const w of this.liveWatches()) this.stalled.add(w);
    this.live.clear();
  }

  private stamp(obj: KubeObject): KubeObject {
    this.rv++;
    obj.metadata.resourceVersion = String(this.rv);
    return obj;
  }

  private emit(event: WatchEvent<KubeObject>): void {
    this.history.push({ rv: this.rv, event });
    this.log.push({ rv: this.rv, event: structuredClone(event) });
    this.broadcast(event);
  }

  private broadcast(event: WatchEvent<KubeObject>): void {
    for (const w of this.liveWatches()) w.push(structuredClone(event));
  }

  private prune(): void {
    for (const w of this.live) if (w.closed || w.aborted) this.live.delete(w);
  }

  private open(watch: FakeWatch<KubeObject>): void {
    const from = watch.options.resourceVersion === '' ? this.rv : Number(watch.options.resourceVersion);
    if (from < Math.max(this.compactedBefore, this.watchWindowStart)) {
      watch
        .push({ type: 'ERROR', object: { kind: 'Status', code: 410, reason: 'Expired', message: 'too old' } })
        .end();
      return;
    }
    if (watch.options.sendInitialEvents) {
      for (const obj of this.objects.values()) watch.push({ type: 'ADDED', object: structuredClone(obj) });
      watch.push({
        type: 'BOOKMARK',
        object: {
          metadata: {
            resourceVersion: this.resourceVersion,
            annotations: { 'k8s.io/initial-events-end': 'true' },
          },
        },
      });
    } else {
      for (const h of this.history) if (h.rv > from) watch.push(structuredClone(h.event));
    }
    this.live.add(watch);
  }

  private list(options: ListOptions): ListPage<KubeObject> {
    const limit = options.limit && options.limit > 0 ? options.limit : Number.MAX_SAFE_INTEGER;
    let snapshotId: string;
    let offset = 0;
    if (options.continue) {
      const [id, off] = options.continue.split(':');
      if (this.expireNextContinue || !this.snapshots.has(id)) {
        this.expireNextContinue = false;
        this.snapshots.delete(id);
        throw new ApiError(410, 'Expired', 'continue token expired');
      }
      snapshotId = id;
      offset = Number(off);
    } else {
      const rv = options.resourceVersion;
      const exact = rv !== undefined && rv !== '' && rv !== '0';
      if (this.watchCache && (rv === '0' || (exact && !options.limit))) return this.listFromWatchCache(rv!);
      if (exact && Number(rv) < this.compactedBefore) {
        throw new ApiError(410, 'Expired', `resourceVersion ${rv} is too old`);
      }
      snapshotId = String(this.nextSnapshot++);
      // etcd: with a limit, rv=N is an exact read (the state at N); otherwise the current state.
      const at = exact && options.limit ? Number(rv) : this.rv;
      const items = sorted(at === this.rv ? [...this.objects.values()] : this.stateAt(at));
      this.snapshots.set(snapshotId, { items, rv: String(at) });
    }
    this.etcdReads++;
    const snap = this.snapshots.get(snapshotId)!;
    const items = snap.items.slice(offset, offset + limit);
    const next = offset + limit;
    if (next >= snap.items.length) {
      this.snapshots.delete(snapshotId);
      return { items, resourceVersion: snap.rv };
    }
    return { items, resourceVersion: snap.rv, continue: `${snapshotId}:${next}` };
  }

  /** listFromWatchCache: the cacher's answer, whole and current ("not older than" rv). */
  private listFromWatchCache(rv: string): ListPage<KubeObject> {
    if (rv !== '0' && Number(rv) > this.rv) {
      throw new ApiError(504, 'Timeout', 'Too large resource version', undefined, [
        'ResourceVersionTooLarge',
      ]);
    }
    this.watchCacheReads++;
    return { items: sorted([...this.objects.values()]), resourceVersion: this.resourceVersion };
  }

  /** stateAt replays etcd's log up to `rv`. */
  private stateAt(rv: number): KubeObject[] {
    const state = new Map<string, KubeObject>();
    for (const { rv: at, event } of this.log) {
      if (at > rv) break;
      const obj = event.object as KubeObject;
      if (event.type === 'DELETED') state.delete(metaNamespaceKey(obj));
      else state.set(metaNamespaceKey(obj), structuredClone(obj));
    }
    return [...state.values()];
  }
}

function sorted(items: KubeObject[]): KubeObject[] {
  return items.sort((a, b) => metaNamespaceKey(a).localeCompare(metaNamespaceKey(b)));
}
