/**
 * sessionStores: which caches of a cluster session an explanation may read. The eager kinds'
 * stores, plus, while they run, the lazy kinds the explainers read (PVCs, StorageClasses,
 * quotas, Secrets, ServiceAccounts, ControllerRevisions, HPAs) and the kind of the event's
 * involved object (a custom resource above all), resolved through the session's discovery.
 *
 * Contract: only a kind whose status is `synced` is included (presence means "watched": the
 * explainer may then call an object missing). It reads the session only: it never acquires a
 * kind, so explaining starts no informer and keeps none alive. Keys are the kind names the
 * explainers use ("Pod", "Certificate"); a name already taken by an eager or listed kind is not
 * replaced by another group's kind of the same name.
 */
import type { ReadonlyIndexer } from '../cache/store';
import type { KubeObject } from '../cache/types';
import type { KindStatus } from '../cluster/status';
import type { ResourceKind } from '../kinds';

/** SessionStoresSource is what sessionStores needs of a ClusterSession. */
export interface SessionStoresSource {
  storeOf(kind: ResourceKind, namespace?: string): ReadonlyIndexer<KubeObject> | undefined;
  kindStatusOf(kind: ResourceKind, namespace?: string): KindStatus;
  readonly discovery?:
    | {
        byResource(group: string, plural: string): ResourceKind | undefined;
        resolve(kind: string, apiVersion: string): ResourceKind | undefined;
      }
    | undefined;
}

/** EXPLAIN_LAZY_RESOURCES are the lazy kinds (group, plural) the explainers read when they run. */
export const EXPLAIN_LAZY_RESOURCES: ReadonlyArray<readonly [string, string]> = [
  ['', 'persistentvolumeclaims'],
  ['storage.k8s.io', 'storageclasses'],
  ['', 'resourcequotas'],
  ['', 'secrets'],
  ['', 'serviceaccounts'],
  ['apps', 'controllerrevisions'],
  ['autoscaling', 'horizontalpodautoscalers'],
];

/**
 * sessionStores returns the synced stores by kind name: `eager` (the session's always-watched
 * kinds, events excluded by the caller), the running EXPLAIN_LAZY_RESOURCES, and the involved
 * object's kind when it runs. A lazy kind counts when it is synced in the involved object's
 * namespace (where leaseExplainKinds leases it), or cluster-wide.
 */
export function sessionStores(
  session: SessionStoresSource,
  eager: readonly ResourceKind[],
  involved?: { kind: string; apiVersion: string; namespace?: string },
): Map<string, ReadonlyIndexer<KubeObject>> {
  const stores = new Map<string, ReadonlyIndexer<KubeObject>>();
  const ns = involved?.namespace || undefined;
  const add = (kind: ResourceKind | undefined) => {
    if (!kind || stores.has(kind.kind)) return;
    if (session.kindStatusOf(kind, ns).phase !== 'synced') return;
    const store = session.storeOf(kind, ns);
    if (store) stores.set(kind.kind, store);
  };
  for (const kind of eager) add(kind);
  const discovery = session.discovery;
  if (!discovery) return stores;
  for (const [group, plural] of EXPLAIN_LAZY_RESOURCES) add(discovery.byResource(group, plural));
  if (involved?.kind && involved.apiVersion) add(discovery.resolve(involved.kind, involved.apiVersion));
  return stores;
}
