/**
 * servedKinds: what the test API server knows about each kind it serves, beyond the REST
 * coordinates of src/core/kinds.ts: the singular name, categories, subresources, verbs, which
 * keyspace stores it, whether it keeps `metadata.generation`, and for custom resources the CRD
 * that defines them and its printer columns. Discovery (legacy and aggregated), the store and
 * the handlers all read this one table, so what is advertised is what is served.
 */
import { apiVersionOf, SERVED_KINDS, type ResourceKind } from '../../src/core/kinds';

/** PrinterColumn is a CRD's additionalPrinterColumns entry (jsonPath evaluated by table.ts). */
export interface PrinterColumn {
  readonly name: string;
  readonly type: string;
  readonly format?: string;
  readonly description?: string;
  readonly priority?: number;
  readonly jsonPath: string;
}

/** ServedKind is a ResourceKind plus what discovery and the handlers need to serve it. */
export interface ServedKind extends ResourceKind {
  readonly singular: string;
  readonly categories: readonly string[];
  /** Served subresources; only `status` is implemented (scale, log, exec… are not served). */
  readonly subresources: readonly string[];
  readonly verbs: readonly string[];
  /** The etcd keyspace and watch cache; both Event APIs share `events`, a CRD's versions share one. */
  readonly storageId: string;
  /** Whether writes maintain metadata.generation (bumped when the spec changes). */
  readonly generation: boolean;
  /** For custom resources: the CRD's metadata.name, e.g. `certificates.cert-manager.io`. */
  readonly crd?: string;
  /** For custom resources: the version's additionalPrinterColumns. */
  readonly printerColumns?: readonly PrinterColumn[];
}

/** VERBS is what every served resource accepts (the real server's set for built-in kinds and CRDs). */
export const VERBS: readonly string[] = Object.freeze([
  'create',
  'delete',
  'deletecollection',
  'get',
  'list',
  'patch',
  'update',
  'watch',
]);

/** The kinds in kubectl's `all` category on a 1.32 server (among those served here). */
const IN_ALL_CATEGORY = new Set([
  'Pod',
  'Service',
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
  'DaemonSet',
  'Job',
  'CronJob',
  'HorizontalPodAutoscaler',
]);

/** Kinds with a `status` subresource on a real server (the ones served here). */
const WITH_STATUS = new Set([
  'Namespace',
  'Node',
  'Pod',
  'Service',
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
  'DaemonSet',
  'Job',
  'CronJob',
  'PersistentVolumeClaim',
  'PersistentVolume',
  'ResourceQuota',
  'Ingress',
  'HorizontalPodAutoscaler',
  'PodDisruptionBudget',
  'CustomResourceDefinition',
]);

/** Kinds whose writes keep metadata.generation. */
const WITH_GENERATION = new Set([
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
  'DaemonSet',
  'Job',
  'CronJob',
  'Ingress',
  'NetworkPolicy',
  'HorizontalPodAutoscaler',
  'PodDisruptionBudget',
  'CustomResourceDefinition',
]);

const CATEGORIES: Record<string, string[]> = {
  CustomResourceDefinition: ['api-extensions'],
};

/** builtinStorageId: both Event kinds share the `events` keyspace, as in the real server. */
export function builtinStorageId(k: ResourceKind): string {
  return k.kind === 'Event' ? 'events' : `${apiVersionOf(k)}/${k.plural}`;
}

/** servedBuiltin describes a built-in kind. */
export function servedBuiltin(k: ResourceKind): ServedKind {
  const categories = [...(IN_ALL_CATEGORY.has(k.kind) ? ['all'] : []), ...(CATEGORIES[k.kind] ?? [])];
  return Object.freeze({
    ...k,
    singular: k.kind.toLowerCase(),
    categories: Object.freeze(categories),
    subresources: Object.freeze(WITH_STATUS.has(k.kind) ? ['status'] : []),
    verbs: VERBS,
    storageId: builtinStorageId(k),
    generation: WITH_GENERATION.has(k.kind),
  });
}

/** BUILTIN_SERVED_KINDS: SERVED_KINDS described for serving. */
export const BUILTIN_SERVED_KINDS: readonly ServedKind[] = Object.freeze(SERVED_KINDS.map(servedBuiltin));

const described = new WeakMap<ResourceKind, ServedKind>();

/** servedOf returns the serving description of `k` (a ServedKind is returned as is). */
export function servedOf(k: ResourceKind): ServedKind {
  if ('storageId' in k) return k as ServedKind;
  let s = described.get(k);
  if (!s) {
    s = servedBuiltin(k);
    described.set(k, s);
  }
  return s;
}

/** hasStatus tells whether `k` serves the status subresource. */
export function hasStatus(k: ResourceKind): boolean {
  return servedOf(k).subresources.includes('status');
}
