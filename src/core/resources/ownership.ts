/**
 * ownership: walks the owner graph of cached objects, up (Pod -> ReplicaSet -> Deployment) and
 * down (CronJob -> Jobs -> Pods), over the informers' stores. Every walk is bounded and
 * cycle-safe, and stops quietly at an owner that is not cached.
 */
import { OWNER_UID_INDEX } from '../cache/indexers';
import type { IndexFunc, ReadonlyIndexer } from '../cache/store';
import type { KubeObject, OwnerReference } from '../cache/types';

/** UID_INDEX indexes objects by metadata.uid; register it (uidIndexFunc) on every informer whose objects can own others. */
export const UID_INDEX = 'uid';

/** uidIndexFunc returns the object's uid (none when unset). */
export const uidIndexFunc: IndexFunc<KubeObject> = (obj) => {
  const uid = obj.metadata.uid;
  return typeof uid === 'string' && uid !== '' ? [uid] : [];
};

/** DEFAULT_MAX_DEPTH bounds owner walks; real chains are 2-3 deep (Pod -> Job -> CronJob). */
export const DEFAULT_MAX_DEPTH = 10;

/** Owned is a cached object with the kind of the store it came from. */
export interface Owned {
  kind: string;
  obj: KubeObject;
}

/**
 * OwnerLookup is what the walks need from the caches. Returned objects are the cached
 * instances: callers MUST NOT mutate them.
 */
export interface OwnerLookup {
  /** byUid returns the cached object with this uid, if any. */
  byUid(uid: string): Owned | undefined;
  /** childrenOf returns the cached objects with an ownerReference to `uid`, in no particular order. */
  childrenOf(uid: string): Owned[];
}

/**
 * controllerOf returns the object's managing owner: the ownerReference with `controller: true`,
 * else the first one with a uid; undefined when the object has no usable owner reference.
 */
export function controllerOf(obj: KubeObject): OwnerReference | undefined {
  const refs = obj.metadata.ownerReferences;
  if (!Array.isArray(refs)) return undefined;
  let first: OwnerReference | undefined;
  for (const ref of refs) {
    if (typeof ref !== 'object' || ref === null || typeof ref.uid !== 'string' || ref.uid === '') continue;
    if (ref.controller === true) return ref;
    first ??= ref;
  }
  return first;
}

/**
 * ownerChain returns the owners of `obj`, nearest first (a Pod's ReplicaSet, then its
 * Deployment), following controllerOf at each step. It stops at an owner that is not cached, at
 * an owner already on the chain (a cycle; `obj` itself counts), and after `maxDepth` owners.
 */
export function ownerChain(obj: KubeObject, lookup: OwnerLookup, maxDepth = DEFAULT_MAX_DEPTH): Owned[] {
  const chain: Owned[] = [];
  const seen = new Set<string>();
  if (obj.metadata.uid) seen.add(obj.metadata.uid);
  let ref = controllerOf(obj);
  while (ref && chain.length < maxDepth && !seen.has(ref.uid)) {
    seen.add(ref.uid);
    const owner = lookup.byUid(ref.uid);
    if (!owner) break;
    chain.push(owner);
    if (owner.obj.metadata.uid) seen.add(owner.obj.metadata.uid);
    ref = controllerOf(owner.obj);
  }
  return chain;
}

/**
 * descendants returns everything owned, directly or not, by the object with `uid`, breadth
 * first (a Deployment's ReplicaSets, then their Pods), each object once. It follows every
 * ownerReference, not only controllers; it never returns the root, never revisits an object (so
 * cycles end), and goes at most `maxDepth` levels down.
 */
export function descendants(uid: string, lookup: OwnerLookup, maxDepth = DEFAULT_MAX_DEPTH): Owned[] {
  const out: Owned[] = [];
  const seen = new Set<string>([uid]);
  let level = [uid];
  for (let depth = 0; depth < maxDepth && level.length > 0; depth++) {
    const next: string[] = [];
    for (const parent of level) {
      for (const child of lookup.childrenOf(parent)) {
        const childUid = child.obj.metadata.uid;
        if (childUid) {
          if (seen.has(childUid)) continue;
          seen.add(childUid);
          next.push(childUid);
        }
        out.push(child);
      }
    }
    level = next;
  }
  return out;
}

/** KindStore is one kind's cache. */
export interface KindStore {
  kind: string;
  store: ReadonlyIndexer<KubeObject>;
}

function indexed(store: ReadonlyIndexer<KubeObject>, index: string, value: string): KubeObject[] | undefined {
  try {
    return store.byIndex(index, value);
  } catch {
    return undefined; // the store has no such index
  }
}

/**
 * createOwnerLookup builds an OwnerLookup over the given stores, read at call time (it keeps
 * no copy, so it is never stale). `byUid` uses UID_INDEX and `childrenOf` OWNER_UID_INDEX
 * where a store has them: O(stores + results) per call. A store without the index is scanned
 * (O(objects) per call), so register both indexes on large caches.
 */
export function createOwnerLookup(stores: readonly KindStore[]): OwnerLookup {
  return {
    byUid(uid) {
      if (!uid) return undefined;
      for (const { kind, store } of stores) {
        const hits = indexed(store, UID_INDEX, uid) ?? store.list().filter((o) => o.metadata.uid === uid);
        if (hits.length > 0) return { kind, obj: hits[0]! };
      }
      return undefined;
    },
    childrenOf(uid) {
      const out: Owned[] = [];
      if (!uid) return out;
      for (const { kind, store } of stores) {
        const hits =
          indexed(store, OWNER_UID_INDEX, uid) ??
          store.list().filter((o) => o.metadata.ownerReferences?.some((r) => r?.uid === uid));
        for (const obj of hits) out.push({ kind, obj });
      }
      return out;
    },
  };
}
