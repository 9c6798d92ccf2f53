/**
 * storesCache: the ExplainCache the host will hand to `explain`, over the informers' live
 * stores (read at call time, never copied, so never stale) and a PodsByNodeIndex fed by the
 * pod informer's handlers. Kinds without a synced store are "not watched": the explainer then
 * says it does not know, instead of calling an object missing.
 */
import { INVOLVED_UID_INDEX, NAMESPACE_INDEX, OWNER_UID_INDEX } from '../cache/indexers';
import type { ReadonlyIndexer } from '../cache/store';
import type { KubeObject } from '../cache/types';
import { normalizeEvent } from '../events/model';
import type { ExplainCache, ExplainEvent, NodeUsage, PodsByNode } from './types';

/** MAX_EVENTS_PER_OBJECT bounds the events read about one object (rollout counting). */
export const MAX_EVENTS_PER_OBJECT = 200;

/** StoresCacheOptions: stores by kind ("Pod", "Node", ...), the Event store, the node index. */
export interface StoresCacheOptions {
  /** Only synced stores belong here: presence means "watched". */
  stores: ReadonlyMap<string, ReadonlyIndexer<KubeObject>>;
  events?: ReadonlyIndexer<KubeObject>;
  podsByNode: PodsByNode;
}

function byIndex(store: ReadonlyIndexer<KubeObject>, index: string, value: string): KubeObject[] | undefined {
  try {
    return store.byIndex(index, value);
  } catch {
    return undefined; // the store has no such index
  }
}

/** StoresExplainCache implements ExplainCache over informer stores; it mutates nothing. */
export class StoresExplainCache implements ExplainCache {
  constructor(private readonly options: StoresCacheOptions) {}

  watches(kind: string): boolean {
    return this.options.stores.has(kind);
  }

  get(kind: string, namespace: string, name: string): KubeObject | undefined {
    return this.options.stores.get(kind)?.get(namespace ? `${namespace}/${name}` : name);
  }

  list(kind: string, namespace?: string): KubeObject[] {
    const store = this.options.stores.get(kind);
    if (!store) return [];
    if (!namespace) return store.list();
    return (
      byIndex(store, NAMESPACE_INDEX, namespace) ??
      store.list().filter((o) => o.metadata.namespace === namespace)
    );
  }

  ownedBy(kind: string, uid: string): KubeObject[] {
    const store = this.options.stores.get(kind);
    if (!store || !uid) return [];
    return (
      byIndex(store, OWNER_UID_INDEX, uid) ??
      store.list().filter((o) => o.metadata.ownerReferences?.some((r) => r?.uid === uid))
    );
  }

  eventsAbout(uid: string): ExplainEvent[] {
    const events = this.options.events;
    if (!events || !uid) return [];
    return (byIndex(events, INVOLVED_UID_INDEX, uid) ?? [])
      .slice(0, MAX_EVENTS_PER_OBJECT)
      .map(normalizeEvent);
  }

  podsOn(node: string): KubeObject[] {
    return this.options.podsByNode.podsOn(node);
  }

  usageOf(node: string): NodeUsage {
    return this.options.podsByNode.usageOf(node);
  }
}
