/**
 * store: the server's state, in the real apiserver's two layers. Each write takes the next
 * revision from etcd (one global, monotonic resourceVersion), is recorded in the resource's etcd
 * keyspace (Storage) and then in its watch cache (which fans it out to watches), and stamps uid,
 * creationTimestamp, resourceVersion and (for workloads) generation. Events expire `eventTtlMs`
 * after their last write.
 */
import { ALL_KINDS, apiVersionOf, type ResourceKind } from '../../src/core/kinds';
import type { KubeObject } from '../../src/core/cache/types';
import { isEventsV1, toCoreEvent } from './eventConvert';
import type { Random } from './random';
import { alreadyExists, badRequest, conflict, notFound } from './status';
import { Etcd } from './etcd';
import { Storage, type Change } from './storage';
import { StoredObject } from './storedObject';
import { WatchCache } from './watchCache';

const WORKLOADS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob']);

/** WriteOptions: `trusted` writes (the state API, i.e. controllers) may set uid and creationTimestamp themselves. */
export interface WriteOptions {
  trusted: boolean;
  /** Enforce metadata.resourceVersion as a precondition when set (HTTP PUT). */
  checkResourceVersion?: boolean;
}

/** storageIdOf: both Event kinds share the `events` storage, as in the real server. */
export function storageIdOf(k: ResourceKind): string {
  return k.kind === 'Event' ? 'events' : `${apiVersionOf(k)}/${k.plural}`;
}

/** keyOf is `namespace/name` for namespaced kinds, `name` otherwise. */
export function keyOf(k: ResourceKind, namespace: string | undefined, name: string): string {
  return k.namespaced ? `${namespace ?? ''}/${name}` : name;
}

function iso(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** StoreOptions: the clock, ids, event TTL, and the two layers' windows. */
export interface StoreOptions {
  now: () => number;
  random: Random;
  eventTtlMs: number;
  /** etcd compaction window (ms). */
  compactionWindowMs: number;
  /** Watch cache window (ms) and its lower and upper capacity (events). */
  watchCacheWindowMs: number;
  watchCacheMinEvents: number;
  watchCacheMaxEvents: number;
}

/** Store owns etcd (every Storage, the global resourceVersion) and one watch cache per resource. */
export class Store {
  readonly etcd: Etcd;
  private readonly storages = new Map<string, Storage>();
  private readonly caches = new Map<string, WatchCache>();
  private readonly byApiKind = new Map<string, ResourceKind>();
  private readonly byResource = new Map<string, ResourceKind>();
  private readonly eventExpiry = new Map<string, number>();
  private readonly now: () => number;
  private readonly random: Random;
  private readonly eventTtlMs: number;

  constructor(opts: StoreOptions) {
    this.now = opts.now;
    this.random = opts.random;
    this.eventTtlMs = opts.eventTtlMs;
    this.etcd = new Etcd({ compactionWindowMs: opts.compactionWindowMs, now: opts.now });
    for (const k of ALL_KINDS) {
      this.byApiKind.set(`${apiVersionOf(k)}/${k.kind}`, k);
      this.byResource.set(`${k.group}/${k.version}/${k.plural}`, k);
      const id = storageIdOf(k);
      if (this.storages.has(id)) continue;
      const storage = new Storage({ id, kinds: ALL_KINDS.filter((o) => storageIdOf(o) === id) });
      this.etcd.add(storage);
      this.storages.set(id, storage);
      this.caches.set(
        id,
        new WatchCache({
          storage,
          now: opts.now,
          windowMs: opts.watchCacheWindowMs,
          minEvents: Math.min(opts.watchCacheMinEvents, opts.watchCacheMaxEvents),
          maxEvents: opts.watchCacheMaxEvents,
        }),
      );
    }
  }

  /** kindOf finds a kind by apiVersion and kind, e.g. (`apps/v1`, `Deployment`). */
  kindOf(apiVersion: string, kind: string): ResourceKind | undefined {
    return this.byApiKind.get(`${apiVersion}/${kind}`);
  }

  /** kindOfResource finds a kind by URL pieces: group (`''` for core), version, plural. */
  kindOfResource(group: string, version: string, plural: string): ResourceKind | undefined {
    return this.byResource.get(`${group}/${version}/${plural}`);
  }

  storageOf(k: ResourceKind): Storage {
    return this.storages.get(storageIdOf(k))!;
  }

  /** cacheOf is the watch cache of kind `k` (both Event kinds share one). */
  cacheOf(k: ResourceKind): WatchCache {
    return this.caches.get(storageIdOf(k))!;
  }

  allStorages(): Storage[] {
    return [...this.storages.values()];
  }

  allCaches(): WatchCache[] {
    return [...this.caches.values()];
  }

  /** currentRv is etcd's current revision (what a quorum read returns). */
  currentRv(): number {
    return this.etcd.currentRv();
  }

  /**
   * compact forgets all history in both layers and advances the global rv by one (as an
   * unrelated write would), so every earlier version is expired for watches and for etcd reads.
   */
  compact(): void {
    const rv = this.etcd.nextRv();
    this.etcd.compact(rv);
    for (const c of this.caches.values()) c.expire(rv);
  }

  /**
   * reinitWatchCaches starts every watch cache over, empty, as an apiserver restart does. Like
   * on a real cluster (lease renewals write every few seconds), an unrelated write happened
   * since any client's last version, so every older watch start gets 410.
   */
  reinitWatchCaches(): void {
    const rv = this.etcd.nextRv();
    for (const c of this.caches.values()) c.reinit(rv);
  }

  /** expireWatchCache lets one cache's window pass (after an unrelated write, as reinitWatchCaches). */
  expireWatchCache(cache: WatchCache): void {
    cache.expire(this.etcd.nextRv());
  }

  /** progressNotify is an etcd progress notification: every watch cache is current at etcd's revision. */
  progressNotify(): void {
    const rv = this.etcd.currentRv();
    for (const c of this.caches.values()) c.progress(rv);
  }

  get(k: ResourceKind, namespace: string | undefined, name: string): StoredObject | undefined {
    return this.storageOf(k).get(keyOf(k, namespace, name));
  }

  private prepare(k: ResourceKind, input: KubeObject, namespace: string | undefined): KubeObject {
    const parsed = JSON.parse(JSON.stringify(input)) as Record<string, unknown>;
    delete parsed.apiVersion;
    delete parsed.kind;
    // apiVersion and kind first, as the real server serializes them (and itemJson strips them cheaply).
    const obj = { apiVersion: apiVersionOf(k), kind: k.kind, ...parsed } as KubeObject;
    obj.metadata = obj.metadata ?? {};
    if (k.namespaced) obj.metadata.namespace = namespace ?? obj.metadata.namespace ?? 'default';
    else delete obj.metadata.namespace;
    return isEventsV1(obj.apiVersion) ? toCoreEvent(obj) : obj;
  }

  /** create stores a new object; throws ApiError 409 AlreadyExists, 400 without a name. */
  create(k: ResourceKind, input: KubeObject, opts: WriteOptions, namespace?: string): StoredObject {
    const obj = this.prepare(k, input, namespace);
    const meta = obj.metadata;
    if (!meta.name) {
      if (!meta.generateName) throw badRequest('name or generateName is required');
      meta.name = meta.generateName + this.random.suffix();
    }
    const key = keyOf(k, meta.namespace, meta.name);
    const storage = this.storageOf(k);
    if (storage.get(key)) throw alreadyExists(k.plural, k.group, meta.name);
    const rv = this.etcd.nextRv();
    if (!opts.trusted || !meta.uid) meta.uid = this.random.uuid();
    if (!opts.trusted || !meta.creationTimestamp) meta.creationTimestamp = iso(this.now());
    if (WORKLOADS.has(k.kind) && (!opts.trusted || meta.generation === undefined)) meta.generation = 1;
    meta.resourceVersion = String(rv);
    const stored = new StoredObject(key, obj, rv);
    this.record(k, storage, { rv, type: 'ADDED', key, object: stored, prev: undefined });
    return stored;
  }

  /** update replaces an existing object; throws ApiError 404, or 409 Conflict on a stale resourceVersion precondition. */
  update(k: ResourceKind, input: KubeObject, opts: WriteOptions, namespace?: string): StoredObject {
    const obj = this.prepare(k, input, namespace);
    const meta = obj.metadata;
    if (!meta.name) throw badRequest('name is required');
    const key = keyOf(k, meta.namespace, meta.name);
    const storage = this.storageOf(k);
    const prev = storage.get(key);
    if (!prev) throw notFound(k.plural, k.group, meta.name);
    if (opts.checkResourceVersion && meta.resourceVersion && meta.resourceVersion !== String(prev.rv)) {
      throw conflict(k.plural, k.group, meta.name);
    }
    const rv = this.etcd.nextRv();
    const pm = prev.obj.metadata;
    meta.uid = pm.uid;
    meta.creationTimestamp = pm.creationTimestamp;
    if (WORKLOADS.has(k.kind)) {
      const changed = JSON.stringify(obj.spec) !== JSON.stringify(prev.obj.spec);
      meta.generation = (pm.generation ?? 1) + (changed ? 1 : 0);
    }
    meta.resourceVersion = String(rv);
    const stored = new StoredObject(key, obj, rv);
    this.record(k, storage, { rv, type: 'MODIFIED', key, object: stored, prev });
    return stored;
  }

  /** remove deletes an object; the DELETED change carries its last state with the new rv. Throws ApiError 404. */
  remove(k: ResourceKind, namespace: string | undefined, name: string): StoredObject {
    const key = keyOf(k, k.namespaced ? (namespace ?? 'default') : undefined, name);
    const storage = this.storageOf(k);
    const prev = storage.get(key);
    if (!prev) throw notFound(k.plural, k.group, name);
    const rv = this.etcd.nextRv();
    const object = prev.withResourceVersion(rv);
    this.record(k, storage, { rv, type: 'DELETED', key, object, prev });
    return object;
  }

  private record(k: ResourceKind, storage: Storage, change: Change): void {
    if (k.kind === 'Event') {
      this.eventExpiry.delete(change.key);
      if (change.type !== 'DELETED') this.eventExpiry.set(change.key, this.now() + this.eventTtlMs);
    }
    storage.apply(change);
    this.caches.get(storage.id)!.apply(change);
  }

  /** expireEvents deletes every event whose TTL has passed; returns how many. */
  expireEvents(): number {
    const now = this.now();
    const due: string[] = [];
    for (const [key, at] of this.eventExpiry) {
      if (at > now) break;
      due.push(key);
    }
    const events = this.kindOf('v1', 'Event')!;
    for (const key of due) {
      const slash = key.indexOf('/');
      this.remove(events, key.slice(0, slash), key.slice(slash + 1));
    }
    return due.length;
  }
}
