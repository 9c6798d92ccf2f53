/**
 * fixtures: discovery documents as kube-apiserver 1.32 serves them (recorded, trimmed to a few
 * groups): aggregated (APIGroupDiscoveryList for /api and /apis) and legacy (APIVersions,
 * APIGroupList, APIResourceList).
 */
const VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

function aggResource(resource: string, kind: string, scope: 'Namespaced' | 'Cluster', extra = {}) {
  return {
    resource,
    responseKind: { group: '', version: '', kind },
    scope,
    singularResource: kind.toLowerCase(),
    verbs: VERBS,
    ...extra,
  };
}

/** AGG_CORE is `/api` with the aggregated Accept header. */
export const AGG_CORE = {
  kind: 'APIGroupDiscoveryList',
  apiVersion: 'apidiscovery.k8s.io/v2',
  metadata: {},
  items: [
    {
      metadata: { name: '', creationTimestamp: null },
      versions: [
        {
          version: 'v1',
          resources: [
            aggResource('pods', 'Pod', 'Namespaced', { shortNames: ['po'], categories: ['all'] }),
            aggResource('persistentvolumeclaims', 'PersistentVolumeClaim', 'Namespaced', {
              shortNames: ['pvc'],
              subresources: [{ subresource: 'status', verbs: ['get', 'patch', 'update'] }],
            }),
            aggResource('secrets', 'Secret', 'Namespaced'),
            aggResource('persistentvolumes', 'PersistentVolume', 'Cluster', { shortNames: ['pv'] }),
            {
              resource: 'bindings',
              responseKind: { group: '', version: '', kind: 'Binding' },
              scope: 'Namespaced',
              verbs: ['create'],
            },
          ],
          freshness: 'Current',
        },
      ],
    },
  ],
};

/** AGG_APIS is `/apis` with the aggregated Accept header. */
export const AGG_APIS = {
  kind: 'APIGroupDiscoveryList',
  apiVersion: 'apidiscovery.k8s.io/v2',
  metadata: {},
  items: [
    {
      metadata: { name: 'autoscaling' },
      versions: [
        {
          version: 'v2',
          resources: [
            aggResource('horizontalpodautoscalers', 'HorizontalPodAutoscaler', 'Namespaced', {
              shortNames: ['hpa'],
            }),
          ],
        },
        {
          version: 'v1',
          resources: [
            aggResource('horizontalpodautoscalers', 'HorizontalPodAutoscaler', 'Namespaced', {
              shortNames: ['hpa'],
            }),
          ],
        },
      ],
    },
    {
      metadata: { name: 'cert-manager.io' },
      versions: [
        {
          version: 'v1',
          resources: [aggResource('certificates', 'Certificate', 'Namespaced', { shortNames: ['cert'] })],
        },
      ],
    },
  ],
};

/** LEGACY_API is `/api` without it. */
export const LEGACY_API = { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [] };

/** LEGACY_APIS is `/apis` without it. */
export const LEGACY_APIS = {
  kind: 'APIGroupList',
  apiVersion: 'v1',
  groups: ['apps', 'autoscaling', 'cert-manager.io', 'metrics.k8s.io'].map((name) => {
    const versions = name === 'autoscaling' ? ['v2', 'v1'] : name === 'metrics.k8s.io' ? ['v1beta1'] : ['v1'];
    const vs = versions.map((v) => ({ groupVersion: `${name}/${v}`, version: v }));
    return { name, versions: vs, preferredVersion: vs[0] };
  }),
};

function legacyList(groupVersion: string, resources: [string, string, boolean][]) {
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion,
    resources: resources.map(([name, kind, namespaced]) => ({
      name,
      singularName: '',
      namespaced,
      kind,
      verbs: VERBS,
    })),
  };
}

/** LEGACY_GROUPS maps each legacy group-version path to its APIResourceList. */
export const LEGACY_GROUPS: Record<string, object> = {
  '/api/v1': legacyList('v1', [
    ['pods', 'Pod', true],
    ['pods/status', 'Pod', true],
    ['persistentvolumeclaims', 'PersistentVolumeClaim', true],
  ]),
  '/apis/apps/v1': legacyList('apps/v1', [['deployments', 'Deployment', true]]),
  '/apis/autoscaling/v2': legacyList('autoscaling/v2', [
    ['horizontalpodautoscalers', 'HorizontalPodAutoscaler', true],
  ]),
  '/apis/autoscaling/v1': legacyList('autoscaling/v1', [
    ['horizontalpodautoscalers', 'HorizontalPodAutoscaler', true],
  ]),
  '/apis/cert-manager.io/v1': legacyList('cert-manager.io/v1', [['certificates', 'Certificate', true]]),
  // metrics.k8s.io/v1beta1: an aggregated API server that is down answers 503.
};
