/**
 * kinds: the Kubernetes resource kinds Kube Events watches, and how each is addressed on the
 * API server. Shared by the informer wiring, the views and the test API server, so that every
 * layer agrees on plural names, groups and scope.
 */

/** ResourceKind describes one API resource: its kind, its REST path pieces and its scope. */
export interface ResourceKind {
  /** The object's `kind`, e.g. `Pod`. */
  readonly kind: string;
  /** The lower-case plural used in URLs, e.g. `pods`. */
  readonly plural: string;
  /** The API group; `''` for the core group. */
  readonly group: string;
  readonly version: string;
  readonly namespaced: boolean;
  /** Short names kubectl accepts, e.g. `po`. */
  readonly shortNames: readonly string[];
}

function kind(
  kind: string,
  plural: string,
  group: string,
  version: string,
  namespaced: boolean,
  shortNames: string[] = [],
): ResourceKind {
  return Object.freeze({ kind, plural, group, version, namespaced, shortNames: Object.freeze(shortNames) });
}

export const NAMESPACES = kind('Namespace', 'namespaces', '', 'v1', false, ['ns']);
export const NODES = kind('Node', 'nodes', '', 'v1', false, ['no']);
export const PODS = kind('Pod', 'pods', '', 'v1', true, ['po']);
export const SERVICES = kind('Service', 'services', '', 'v1', true, ['svc']);
export const EVENTS = kind('Event', 'events', '', 'v1', true, ['ev']);
export const EVENTS_V1 = kind('Event', 'events', 'events.k8s.io', 'v1', true, ['ev']);
export const DEPLOYMENTS = kind('Deployment', 'deployments', 'apps', 'v1', true, ['deploy']);
export const REPLICASETS = kind('ReplicaSet', 'replicasets', 'apps', 'v1', true, ['rs']);
export const STATEFULSETS = kind('StatefulSet', 'statefulsets', 'apps', 'v1', true, ['sts']);
export const DAEMONSETS = kind('DaemonSet', 'daemonsets', 'apps', 'v1', true, ['ds']);
export const JOBS = kind('Job', 'jobs', 'batch', 'v1', true, []);
export const CRONJOBS = kind('CronJob', 'cronjobs', 'batch', 'v1', true, ['cj']);

/**
 * ALL_KINDS lists the kinds the extension knows and watches (core/v1 events first of the two
 * Event kinds). The test API server serves these and more: see SERVED_KINDS.
 */
export const ALL_KINDS: readonly ResourceKind[] = Object.freeze([
  NAMESPACES,
  NODES,
  PODS,
  SERVICES,
  EVENTS,
  EVENTS_V1,
  DEPLOYMENTS,
  REPLICASETS,
  STATEFULSETS,
  DAEMONSETS,
  JOBS,
  CRONJOBS,
]);

// The kinds below are served by the test API server (and by every real cluster) but are not
// watched eagerly by the extension: ALL_KINDS above stays the extension's set of known kinds.
export const PERSISTENT_VOLUME_CLAIMS = kind(
  'PersistentVolumeClaim',
  'persistentvolumeclaims',
  '',
  'v1',
  true,
  ['pvc'],
);
export const PERSISTENT_VOLUMES = kind('PersistentVolume', 'persistentvolumes', '', 'v1', false, ['pv']);
export const CONFIG_MAPS = kind('ConfigMap', 'configmaps', '', 'v1', true, ['cm']);
export const SECRETS = kind('Secret', 'secrets', '', 'v1', true, []);
export const SERVICE_ACCOUNTS = kind('ServiceAccount', 'serviceaccounts', '', 'v1', true, ['sa']);
export const ENDPOINTS = kind('Endpoints', 'endpoints', '', 'v1', true, ['ep']);
export const RESOURCE_QUOTAS = kind('ResourceQuota', 'resourcequotas', '', 'v1', true, ['quota']);
export const LIMIT_RANGES = kind('LimitRange', 'limitranges', '', 'v1', true, ['limits']);
export const STORAGE_CLASSES = kind('StorageClass', 'storageclasses', 'storage.k8s.io', 'v1', false, ['sc']);
export const INGRESSES = kind('Ingress', 'ingresses', 'networking.k8s.io', 'v1', true, ['ing']);
export const NETWORK_POLICIES = kind('NetworkPolicy', 'networkpolicies', 'networking.k8s.io', 'v1', true, [
  'netpol',
]);
export const HORIZONTAL_POD_AUTOSCALERS = kind(
  'HorizontalPodAutoscaler',
  'horizontalpodautoscalers',
  'autoscaling',
  'v2',
  true,
  ['hpa'],
);
export const POD_DISRUPTION_BUDGETS = kind(
  'PodDisruptionBudget',
  'poddisruptionbudgets',
  'policy',
  'v1',
  true,
  ['pdb'],
);
export const ENDPOINT_SLICES = kind('EndpointSlice', 'endpointslices', 'discovery.k8s.io', 'v1', true, []);
export const LEASES = kind('Lease', 'leases', 'coordination.k8s.io', 'v1', true, []);
/** The StatefulSet and DaemonSet controllers' revision history (no short name on a real server). */
export const CONTROLLER_REVISIONS = kind('ControllerRevision', 'controllerrevisions', 'apps', 'v1', true, []);
export const CUSTOM_RESOURCE_DEFINITIONS = kind(
  'CustomResourceDefinition',
  'customresourcedefinitions',
  'apiextensions.k8s.io',
  'v1',
  false,
  ['crd', 'crds'],
);

/**
 * ADDED_KINDS are the built-in kinds a cluster serves beyond ALL_KINDS. The extension does not
 * watch them eagerly; the test API server stores, lists and watches them like the others.
 */
export const ADDED_KINDS: readonly ResourceKind[] = Object.freeze([
  PERSISTENT_VOLUME_CLAIMS,
  PERSISTENT_VOLUMES,
  CONFIG_MAPS,
  SECRETS,
  SERVICE_ACCOUNTS,
  ENDPOINTS,
  RESOURCE_QUOTAS,
  LIMIT_RANGES,
  STORAGE_CLASSES,
  INGRESSES,
  NETWORK_POLICIES,
  HORIZONTAL_POD_AUTOSCALERS,
  POD_DISRUPTION_BUDGETS,
  ENDPOINT_SLICES,
  LEASES,
  CUSTOM_RESOURCE_DEFINITIONS,
  CONTROLLER_REVISIONS,
]);

/** SERVED_KINDS is every built-in kind the test API server serves: ALL_KINDS, then ADDED_KINDS. */
export const SERVED_KINDS: readonly ResourceKind[] = Object.freeze([...ALL_KINDS, ...ADDED_KINDS]);

/** apiVersionOf returns `group/version`, or `version` alone for the core group. */
export function apiVersionOf(k: ResourceKind): string {
  return k.group ? `${k.group}/${k.version}` : k.version;
}

/**
 * resourcePath returns the collection URL path for a kind, optionally within a namespace
 * (ignored for cluster-scoped kinds), e.g. `/apis/apps/v1/namespaces/web/deployments`.
 */
export function resourcePath(k: ResourceKind, namespace?: string): string {
  const base = k.group ? `/apis/${k.group}/${k.version}` : `/api/${k.version}`;
  const ns = k.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  return `${base}${ns}/${k.plural}`;
}

/** kindId is a stable identifier for a kind, e.g. `apps/v1/deployments` or `v1/pods`. */
export function kindId(k: ResourceKind): string {
  return `${apiVersionOf(k)}/${k.plural}`;
}
