/**
 * store: the server's state, in the real apiserver's two layers. Each write takes the next
 * revision from etcd (one global, monotonic resourceVersion), is recorded in the resource's etcd
 * keyspace (Storage) and then in its watch cache (which fans it out to watches), and stamps uid,
 * creationTimestamp, resourceVersion and (for workloads) generation. Events expire `eventTtlMs`
 * after their last write.
 */
import { apiVersionOf, type ResourceKind } from '../../src/core/kinds';
import type { KubeObject } from '../../src/core/cache/types';
import { isEventsV1, toCoreEvent } from './eventConvert';
import type { Random } from './random';
import { alreadyExists, badRequest, conflict, notFound } from './status';
import { Etcd } from './etcd';
import { Storage, type Change } from './storage';
import { StoredObject } from './storedObject';
import { WatchCache } from './watchCache';
import { BUILTIN_SERVED_KINDS, servedOf, type ServedKind } from './servedKinds';

/** WriteOptions: `trusted` writes (the state API, i.e. controllers) may set uid and creationTimestamp themselves. */
export interface WriteOptions {
  trusted: boolean;
  /** Enforce metadata.resourceVersion as a precondition when set (HTTP PUT). */
  checkResourceVersion?: boolean;
}

/** storageIdOf: the keyspace of `k` (both Event kinds share `events`, a CRD's versions share one). */
export function storageIdOf(k: ResourceKind): string {
  return servedOf(k).storageId;
}

/** CommittedListener is told of every write once it is in both layers (and every watch was notified). */
export type CommittedListener = (k: ServedKind, change: Change) => void;

/** keyOf is `namespace/name` for namespaced kinds, `name` otherwise. */
export function keyOf(k: ResourceKind, namespace: string | undefined, name: string): string {
  return k.namespaced ? `${namespace ?? ''}/${name}` : name;
}

/**
 * specOf is what a generation counts: the spec for built-in kinds; for custom resources
 * everything but metadata (and status, when the status subresource is served), as the real
 * server's custom resource strategy does.
 */
function specOf(k: ResourceKind, o: KubeObject): string {
  const served = servedOf(k);
  if (!served.crd) return JSON.stringify(o.spec);
  const { metadata: _m, status, ...rest } = o;
  return JSON.stringify(served.subresources.includes('status') ? rest : { ...rest, status });
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

/**
 * Store owns etcd (every Storage, the global resourceVersion) and one watch cache per resource.
 * The served kinds are the built-in ones plus those registered at run time (custom resources,
 * see crds.ts); a kind's keyspace lives until it is unregistered.
 */
export class Store {
  readonly etcd: Etcd;
  private readonly storages = new Map<string, Storage>();
  private readonly caches = new Map<string, WatchCache>();
  private readonly byApiKind = new Map<string, ServedKind>();
  private readonly byResource = new Map<string, ServedKind>();
  private readonly eventExpiry = new Map<string, number>();
  private readonly committed = new Set<CommittedListener>();
  private readonly opts: StoreOptions;
  private readonly now: () => number;
  private readonly random: Random;
  private readonly eventTtlMs: number;

  constructor(opts: StoreOptions) {
    this.opts = opts;
    this.now = opts.now;
    this.random = opts.random;
    this.eventTtlMs = opts.eventTtlMs;
    this.etcd = new Etcd({ compactionWindowMs: opts.compactionWindowMs, now: opts.now });
    for (const k of BUILTIN_SERVED_KINDS) this.register(k);
  }

  /**
   * register serves kind `k` from now on (replacing a kind at the same group/version/plural),
   * creating its keyspace and watch cache unless another kind already shares them.
   */
  register(k: ServedKind): void {
    const prev = this.byResource.get(`${k.group}/${k.version}/${k.plural}`);
    if (prev) this.byApiKind.delete(`${apiVersionOf(prev)}/${prev.kind}`);
    this.byApiKind.set(`${apiVersionOf(k)}/${k.kind}`, k);
    this.byResource.set(`${k.group}/${k.version}/${k.plural}`, k);
    if (this.storages.has(k.storageId)) return;
    const storage = new Storage({ id: k.storageId });
    this.etcd.add(storage);
    this.storages.set(k.storageId, storage);
    const o = this.opts;
    this.caches.set(
      k.storageId,
      new WatchCache({
        storage,
        now: o.now,
        windowMs: o.watchCacheWindowMs,
        minEvents: Math.min(o.watchCacheMinEvents, o.watchCacheMaxEvents),
        maxEvents: o.watchCacheMaxEvents,
      }),
    );
  }

  /** unregister stops serving `k` (one group/version/plural); the keyspace goes with its last kind. */
  unregister(k: ResourceKind): void {
    const served = this.byResource.get(`${k.group}/${k.version}/${k.plural}`);
    if (!served) return;
    this.byResource.delete(`${k.group}/${k.version}/${k.plural}`);
    this.byApiKind.delete(`${apiVersionOf(served)}/${served.kind}`);
    if ([...this.byResource.values()].some((o) => o.storageId === served.storageId)) return;
    const storage = this.storages.get(served.storageId);
    if (storage) this.etcd.remove(storage);
    this.storages.delete(served.storageId);
    this.caches.delete(served.storageId);
  }

  /** kinds lists every served kind, built-in ones first, in registration order. */
  kinds(): ServedKind[] {
    return [...this.byResource.values()];
  }

  /** onCommitted registers a listener for every write, called after the write is complete; returns the unsubscribe function. */
  onCommitted(listener: CommittedListener): () => void {
    this.committed.add(listener);
    return () => this.committed.delete(listener);
  }

  /** kindOf finds a kind by apiVersion and kind, e.g. (`apps/v1`, `Deployment`). */
  kindOf(apiVersion: string, kind: string): ServedKind | undefined {
    return this.byApiKind.get(`${apiVersion}/${kind}`);
  }

  /** kindOfResource finds a kind by URL pieces: group (`''` for core), version, plural. */
  kindOfResource(group: string, version: string, plural: string): ServedKind | undefined {
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
    if (servedOf(k).generation && (!opts.trusted || meta.generation === undefined)) meta.generation = 1;
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
    if (servedOf(k).generation) {
      const changed = specOf(k, obj) !== specOf(k, prev.obj);
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
    const served = servedOf(k);
    for (const l of [...this.committed]) l(served, change);
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
