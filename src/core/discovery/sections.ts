/**
 * sections: how the tree groups a namespace's (or a cluster's) kinds so that hundreds of them
 * stay readable, in the order Lens users know: Workloads, Network, Storage, Config, Access
 * control, Cluster, then custom resources by API group. Built-in kinds not in the table go to
 * Other; a kind of a group that is not Kubernetes' own (no `k8s.io` suffix, not the core group)
 * is a custom resource, sectioned by its group.
 */
import type { ResourceKind } from '../kinds';

/** Section is one heading of the tree under a namespace or a context. */
export interface Section {
  /** Stable id, e.g. `workloads`, `crd:cert-manager.io`. */
  readonly id: string;
  readonly title: string;
  /** Sort key: built-in sections by the table's order, custom resources after, by group. */
  readonly order: number;
}

const BUILT_IN: readonly (readonly [id: string, title: string, kinds: readonly string[]])[] = [
  [
    'workloads',
    'Workloads',
    [
      'Pod',
      'Deployment',
      'ReplicaSet',
      'StatefulSet',
      'DaemonSet',
      'Job',
      'CronJob',
      'ReplicationController',
    ],
  ],
  [
    'network',
    'Network',
    [
      'Service',
      'Ingress',
      'IngressClass',
      'NetworkPolicy',
      'EndpointSlice',
      'Endpoints',
      'Gateway',
      'HTTPRoute',
    ],
  ],
  [
    'storage',
    'Storage',
    ['PersistentVolumeClaim', 'PersistentVolume', 'StorageClass', 'VolumeAttachment', 'CSIDriver'],
  ],
  [
    'config',
    'Config',
    [
      'ConfigMap',
      'Secret',
      'HorizontalPodAutoscaler',
      'PodDisruptionBudget',
      'ResourceQuota',
      'LimitRange',
      'PriorityClass',
      'RuntimeClass',
      'Lease',
      'MutatingWebhookConfiguration',
      'ValidatingWebhookConfiguration',
    ],
  ],
  [
    'access',
    'Access control',
    ['ServiceAccount', 'Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding'],
  ],
  ['cluster', 'Cluster', ['Node', 'Namespace', 'CustomResourceDefinition', 'APIService']],
];

const BY_KIND = new Map<string, { section: Section; rank: number }>();
BUILT_IN.forEach(([id, title, kinds], order) => {
  const section = Object.freeze({ id, title, order });
  kinds.forEach((k, rank) => BY_KIND.set(k, { section, rank }));
});
const OTHER: Section = Object.freeze({ id: 'other', title: 'Other', order: BUILT_IN.length });

/** isBuiltInGroup: the core group and Kubernetes' own groups (`apps`, `*.k8s.io`, …). */
export function isBuiltInGroup(group: string): boolean {
  return group === '' || !group.includes('.') || group.endsWith('.k8s.io');
}

/** sectionOf returns the section `k` belongs to. */
export function sectionOf(k: ResourceKind): Section {
  if (isBuiltInGroup(k.group)) return BY_KIND.get(k.kind)?.section ?? OTHER;
  return { id: `crd:${k.group}`, title: k.group, order: BUILT_IN.length + 1 };
}

/**
 * sortKinds orders kinds for display: by section, then by the table's order inside a built-in
 * section (Pods before Deployments), then by kind name; custom-resource sections by group name.
 */
export function sortKinds<K extends ResourceKind>(kinds: readonly K[]): K[] {
  const key = (k: K) => {
    const s = sectionOf(k);
    return { order: s.order, group: s.id, rank: BY_KIND.get(k.kind)?.rank ?? Number.MAX_SAFE_INTEGER };
  };
  return [...kinds].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    return (
      ka.order - kb.order ||
      ka.group.localeCompare(kb.group) ||
      ka.rank - kb.rank ||
      a.kind.localeCompare(b.kind) ||
      a.group.localeCompare(b.group)
    );
  });
}
