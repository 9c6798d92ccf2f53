import { INVOLVED_UID_INDEX } from '../../core/cache/indexers';
import { ALL_KINDS, EVENTS, type ResourceKind } from '../../core/kinds';
import type { LiveCaches } from '../../core/manifests/match';
import { descendants } from '../../core/resources/ownership';
import { type Connections, WATCHED_KINDS } from '../contexts/connections';

const CACHED = new Map(WATCHED_KINDS.filter((k) => k !== EVENTS).map((k) => [k.kind, k]));

/** resourceKind returns the ResourceKind of a `kind` the extension knows (cached or not). */
export function resourceKind(kind: string): ResourceKind | undefined {
  return CACHED.get(kind) ?? ALL_KINDS.find((k) => k.kind === kind && k !== EVENTS);
}

/**
 * createLiveCaches adapts one connected context's informer caches to the matcher's LiveCaches;
 * undefined when the context has no session. Reads happen at call time (never stale) and do no
 * I/O. The default namespace is the kubeconfig context's `namespace`, else `default`.
 */
export function createLiveCaches(connections: Connections, context: string): LiveCaches | undefined {
  const session = connections.session(context);
  const lookup = connections.ownerLookup(context);
  if (!session || !lookup) return undefined;
  const info = connections.contexts().find((c) => c.name === context);
  return {
    context,
    defaultNamespace: info?.namespace || 'default',
    kindInfo: (kind) => {
      const k = CACHED.get(kind);
      return k ? { namespaced: k.namespaced } : undefined;
    },
    get: (kind, namespace, name) => {
      const k = CACHED.get(kind);
      if (!k) return undefined;
      return session.store(k).get(k.namespaced && namespace ? `${namespace}/${name}` : name);
    },
    list: (kind, namespace) => {
      const k = CACHED.get(kind);
      if (!k) return [];
      const all = session.store(k).list();
      return k.namespaced && namespace ? all.filter((o) => o.metadata.namespace === namespace) : all;
    },
    descendants: (uid) => descendants(uid, lookup),
    eventsFor: (uid) => {
      try {
        return session.store(EVENTS).byIndex(INVOLVED_UID_INDEX, uid);
      } catch {
        return [];
      }
    },
  };
}
