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

/**
 * ModelServer is an in-memory API server for one resource, behind a FakeListerWatcher: objects
 * with increasing resourceVersions, a change history that watches replay from their
 * resourceVersion, paged lists, compaction (410 for older resourceVersions) and fault knobs.
 * Tests drive it (`create`, `update`, `remove`, faults) and compare an informer against
 * `objects`.
 */
export class ModelServer {
  readonly objects = new Map<string, KubeObject>();
  private rv = 100;
  private readonly history: HistoryEntry[] = [];
  private compactedBefore = 0;
  private readonly live = new Set<FakeWatch<KubeObject>>();
  private readonly stalled = new WeakSet<FakeWatch<KubeObject>>();
  private readonly snapshots = new Map<string, { items: KubeObject[]; rv: string }>();
  private nextSnapshot = 1;
  /** When set, the next continue page answers 410 Expired. */
  expireNextContinue = false;

  constructor(lw: FakeListerWatcher<KubeObject>) {
    lw.listHandler = (options) => this.list(options);
    lw.onWatch = (watch) => this.open(watch);
  }

  get resourceVersion(): string {
    return String(this.rv);
  }

  create(name: string, namespace = 'default', data: Record<string, unknown> = {}): KubeObject {
    const obj = this.stamp({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data });
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

  /** compact forgets history: watches from older resourceVersions now get 410. */
  compact(): void {
    this.compactedBefore = this.rv;
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
    if (from < this.compactedBefore) {
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
      if (rv && rv !== '0' && Number(rv) < this.compactedBefore) {
        throw new ApiError(410, 'Expired', `resourceVersion ${rv} is too old`);
      }
      snapshotId = String(this.nextSnapshot++);
      const items = [...this.objects.values()].sort((a, b) =>
        metaNamespaceKey(a).localeCompare(metaNamespaceKey(b)),
      );
      this.snapshots.set(snapshotId, { items, rv: this.resourceVersion });
    }
    const snap = this.snapshots.get(snapshotId)!;
    const items = snap.items.slice(offset, offset + limit);
    const next = offset + limit;
    if (next >= snap.items.length) {
      this.snapshots.delete(snapshotId);
      return { items, resourceVersion: snap.rv };
    }
    return { items, resourceVersion: snap.rv, continue: `${snapshotId}:${next}` };
  }
}
