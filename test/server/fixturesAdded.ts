/**
 * fixturesAdded: builders for the added built-in kinds and for custom resources, in the style
 * of fixtures.ts: plain objects ready for `TestServer.create`, fields the server fills left out.
 */
import type { KubeObject } from '../../src/core/cache/types';
import { rfc3339, type CommonOptions } from './fixtures';

type Rec = Record<string, unknown>;

function meta(namespace: string | undefined, name: string, o: CommonOptions): Rec {
  const m: Rec = { name };
  if (namespace !== undefined) m.namespace = namespace;
  if (o.uid) m.uid = o.uid;
  if (o.creationTimestamp !== undefined) m.creationTimestamp = rfc3339(o.creationTimestamp);
  if (o.labels) m.labels = { ...o.labels };
  if (o.annotations) m.annotations = { ...o.annotations };
  return m;
}

/** storageClass builds a StorageClass (`default` marks it the cluster default). */
export function storageClass(
  name: string,
  o: CommonOptions & { provisioner?: string; default?: boolean } = {},
): KubeObject {
  const annotations = o.default
    ? { ...(o.annotations ?? {}), 'storageclass.kubernetes.io/is-default-class': 'true' }
    : o.annotations;
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: meta(undefined, name, { ...o, ...(annotations ? { annotations } : {}) }),
    provisioner: o.provisioner ?? 'rancher.io/local-path',
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'WaitForFirstConsumer',
    allowVolumeExpansion: false,
  };
}

/** persistentVolumeClaim builds a PVC, Pending unless `volumeName` binds it. */
export function persistentVolumeClaim(
  namespace: string,
  name: string,
  o: CommonOptions & { storageClassName?: string; size?: string; volumeName?: string } = {},
): KubeObject {
  const size = o.size ?? '10Gi';
  const bound = o.volumeName !== undefined;
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: meta(namespace, name, o),
    spec: {
      accessModes: ['ReadWriteOnce'],
      resources: { requests: { storage: size } },
      storageClassName: o.storageClassName ?? 'standard',
      volumeMode: 'Filesystem',
      ...(bound ? { volumeName: o.volumeName } : {}),
    },
    status: bound
      ? { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: size } }
      : { phase: 'Pending' },
  };
}

/** horizontalPodAutoscaler builds an autoscaling/v2 HPA on a Deployment's CPU utilization, with `conditions` as given. */
export function horizontalPodAutoscaler(
  namespace: string,
  name: string,
  o: CommonOptions & {
    target?: string;
    min?: number;
    max?: number;
    cpu?: number;
    currentReplicas?: number;
    conditions?: Rec[];
  } = {},
): KubeObject {
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: meta(namespace, name, o),
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: o.target ?? name },
      minReplicas: o.min ?? 2,
      maxReplicas: o.max ?? 10,
      metrics: [
        {
          type: 'Resource',
          resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: o.cpu ?? 70 } },
        },
      ],
    },
    status: {
      currentReplicas: o.currentReplicas ?? o.min ?? 2,
      desiredReplicas: o.currentReplicas ?? o.min ?? 2,
      currentMetrics: null,
      ...(o.conditions ? { conditions: o.conditions } : {}),
    },
  };
}

/** loadBalancerService builds a Service of type LoadBalancer with no ingress yet (pending). */
export function loadBalancerService(
  namespace: string,
  name: string,
  o: CommonOptions & { port?: number; nodePort?: number; selector?: Record<string, string> } = {},
): KubeObject {
  const port = o.port ?? 443;
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta(namespace, name, o),
    spec: {
      type: 'LoadBalancer',
      clusterIP: '10.96.120.14',
      clusterIPs: ['10.96.120.14'],
      ports: [{ name: 'https', port, protocol: 'TCP', targetPort: port, nodePort: o.nodePort ?? 31443 }],
      selector: o.selector ?? { app: name },
      externalTrafficPolicy: 'Cluster',
      sessionAffinity: 'None',
    },
    status: { loadBalancer: {} },
  };
}

/** CrdOptions describe a one-version CustomResourceDefinition. */
export interface CrdOptions extends CommonOptions {
  group: string;
  kind: string;
  plural: string;
  version?: string;
  scope?: 'Namespaced' | 'Cluster';
  shortNames?: string[];
  categories?: string[];
  /** Declare the status subresource (default true). */
  status?: boolean;
  printerColumns?: Array<{ name: string; type: string; jsonPath: string; priority?: number }>;
}

/** customResourceDefinition builds an apiextensions.k8s.io/v1 CRD (schema: preserve unknown fields). */
export function customResourceDefinition(o: CrdOptions): KubeObject {
  const names: Rec = {
    kind: o.kind,
    listKind: `${o.kind}List`,
    plural: o.plural,
    singular: o.kind.toLowerCase(),
  };
  if (o.shortNames) names.shortNames = [...o.shortNames];
  if (o.categories) names.categories = [...o.categories];
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: meta(undefined, `${o.plural}.${o.group}`, o),
    spec: {
      group: o.group,
      names,
      scope: o.scope ?? 'Namespaced',
      versions: [
        {
          name: o.version ?? 'v1',
          served: true,
          storage: true,
          ...(o.status === false ? {} : { subresources: { status: {} } }),
          ...(o.printerColumns ? { additionalPrinterColumns: o.printerColumns } : {}),
          schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
        },
      ],
      conversion: { strategy: 'None' },
    },
  };
}

/** customResource builds an instance of a custom resource. */
export function customResource(
  apiVersion: string,
  kind: string,
  namespace: string | undefined,
  name: string,
  body: { spec?: unknown; status?: unknown } & CommonOptions = {},
): KubeObject {
  const { spec, status, ...o } = body;
  return {
    apiVersion,
    kind,
    metadata: meta(namespace, name, o),
    ...(spec !== undefined ? { spec } : {}),
    ...(status !== undefined ? { status } : {}),
  };
}

/**
 * controllerRevision builds a ControllerRevision as the StatefulSet and DaemonSet controllers
 * write one: named `<owner>-<hash>`, controlled by `owner`, `data` the patch that restores the
 * pod template (`{spec: {template: {..., $patch: replace}}}`), `revision` its number. The
 * StatefulSet controller labels it with the template's labels plus `controller.kubernetes.io/hash`,
 * the DaemonSet controller with them plus `controller-revision-hash`.
 */
export function controllerRevision(
  owner: { kind: 'StatefulSet' | 'DaemonSet'; namespace: string; name: string; uid: string },
  hash: string,
  revision: number,
  template: Rec,
  o: CommonOptions = {},
): KubeObject {
  const templateLabels = ((template.metadata as Rec | undefined)?.labels as Record<string, string>) ?? {};
  const hashLabel =
    owner.kind === 'StatefulSet' ? 'controller.kubernetes.io/hash' : 'controller-revision-hash';
  const m = meta(owner.namespace, `${owner.name}-${hash}`, {
    ...o,
    labels: { ...templateLabels, ...(o.labels ?? {}), [hashLabel]: hash },
  });
  m.ownerReferences = [
    {
      apiVersion: 'apps/v1',
      kind: owner.kind,
      name: owner.name,
      uid: owner.uid,
      controller: true,
      blockOwnerDeletion: true,
    },
  ];
  return {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: m,
    data: { spec: { template: { ...template, $patch: 'replace' } } },
    revision,
  } as KubeObject;
}
