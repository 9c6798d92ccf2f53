/* eslint-disable @typescript-eslint/no-explicit-any -- fixtures are edited as wire JSON */
/**
 * seedKinds: objects of the kinds beyond the ten built-in ones (storage, networking, config,
 * policy, autoscaling, Leases), for the kubectl comparison. Each case names its kind; the
 * comparison seeds and describes only the kinds the test server serves (SERVED_KINDS there).
 * Maps that kubectl prints in Go's random order (ConfigMap and Secret data, LimitRange
 * resources of one item) hold one entry each, so the comparison is exact.
 */
import type { TestServer } from '../../server';
import * as f from '../../server/fixtures';

/** KindCase is one object to describe with kubectl and with ours. */
export interface KindCase {
  kind: string;
  apiVersion: string;
  resource: string;
  namespace?: string;
  name: string;
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** kindObjects builds the objects of each kind, keyed by kind, with the events about them. */
function kindObjects(now: number): Record<string, any[]> {
  const ago = (ms: number) => iso(now - ms);
  const meta = (name: string, ns?: string, extra: any = {}) => ({
    name,
    ...(ns ? { namespace: ns } : {}),
    creationTimestamp: ago(3_600_000),
    ...extra,
  });
  return {
    PersistentVolumeClaim: [
      {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: meta('data-db-0', 'web', {
          labels: { app: 'db' },
          finalizers: ['kubernetes.io/pvc-protection'],
          annotations: { 'volume.kubernetes.io/storage-provisioner': 'ebs.csi.aws.com' },
        }),
        spec: {
          accessModes: ['ReadWriteOnce'],
          resources: { requests: { storage: '10Gi' } },
          storageClassName: 'fast',
          volumeMode: 'Filesystem',
        },
        status: { phase: 'Pending' },
      },
      {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: meta('logs', 'web', { finalizers: ['kubernetes.io/pvc-protection'] }),
        spec: {
          accessModes: ['ReadWriteOnce', 'ReadOnlyMany'],
          resources: { requests: { storage: '1Gi' } },
          storageClassName: 'standard',
          volumeMode: 'Filesystem',
          volumeName: 'pv-logs',
          dataSource: { apiGroup: 'snapshot.storage.k8s.io', kind: 'VolumeSnapshot', name: 'snap-1' },
        },
        status: {
          phase: 'Bound',
          accessModes: ['ReadWriteOnce', 'ReadOnlyMany'],
          capacity: { storage: '1Gi' },
          conditions: [
            {
              type: 'Resizing',
              status: 'True',
              lastProbeTime: null,
              lastTransitionTime: ago(600_000),
              reason: 'Resize',
              message: 'waiting for the volume',
            },
          ],
        },
      },
    ],
    PersistentVolume: [
      {
        apiVersion: 'v1',
        kind: 'PersistentVolume',
        metadata: meta('pv-logs', undefined, { finalizers: ['kubernetes.io/pv-protection'] }),
        spec: {
          capacity: { storage: '1Gi' },
          accessModes: ['ReadWriteOnce'],
          persistentVolumeReclaimPolicy: 'Delete',
          storageClassName: 'standard',
          volumeMode: 'Filesystem',
          claimRef: { kind: 'PersistentVolumeClaim', namespace: 'web', name: 'logs' },
          hostPath: { path: '/var/lib/logs', type: 'DirectoryOrCreate' },
          nodeAffinity: {
            required: {
              nodeSelectorTerms: [
                {
                  matchExpressions: [
                    { key: 'kubernetes.io/hostname', operator: 'In', values: ['node-1', 'node-2'] },
                  ],
                },
              ],
            },
          },
        },
        status: { phase: 'Bound' },
      },
      {
        apiVersion: 'v1',
        kind: 'PersistentVolume',
        metadata: meta('pv-csi'),
        spec: {
          capacity: { storage: '20Gi' },
          accessModes: ['ReadWriteMany'],
          persistentVolumeReclaimPolicy: 'Retain',
          csi: {
            driver: 'ebs.csi.aws.com',
            volumeHandle: 'vol-0abc',
            fsType: 'ext4',
            volumeAttributes: { 'storage.kubernetes.io/csiProvisionerIdentity': '1700000000000-8081-ebs' },
          },
        },
        status: { phase: 'Available' },
      },
    ],
    StorageClass: [
      {
        apiVersion: 'storage.k8s.io/v1',
        kind: 'StorageClass',
        metadata: meta('fast', undefined, {
          annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' },
        }),
        provisioner: 'ebs.csi.aws.com',
        parameters: { type: 'gp3' },
        reclaimPolicy: 'Delete',
        volumeBindingMode: 'WaitForFirstConsumer',
        allowVolumeExpansion: true,
        mountOptions: ['debug'],
        allowedTopologies: [
          {
            matchLabelExpressions: [
              { key: 'topology.kubernetes.io/zone', values: ['eu-west-1a', 'eu-west-1b'] },
            ],
          },
        ],
      },
    ],
    Ingress: [
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        metadata: meta('shop', 'web', { annotations: { 'nginx.ingress.kubernetes.io/rewrite-target': '/' } }),
        spec: {
          ingressClassName: 'nginx',
          tls: [{ hosts: ['shop.example.com'], secretName: 'shop-tls' }, { hosts: ['x.example.com'] }],
          rules: [
            {
              host: 'shop.example.com',
              http: {
                paths: [
                  {
                    path: '/',
                    pathType: 'Prefix',
                    backend: { service: { name: 'missing', port: { number: 80 } } },
                  },
                  {
                    path: '/static',
                    pathType: 'Prefix',
                    backend: { resource: { apiGroup: 'k8s.example.com', kind: 'Bucket', name: 'assets' } },
                  },
                ],
              },
            },
          ],
        },
        status: { loadBalancer: { ingress: [{ ip: '203.0.113.10' }, { hostname: 'lb.example.com' }] } },
      },
    ],
    HorizontalPodAutoscaler: [
      {
        apiVersion: 'autoscaling/v2',
        kind: 'HorizontalPodAutoscaler',
        metadata: meta('frontend', 'web'),
        spec: {
          scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'frontend' },
          minReplicas: 2,
          maxReplicas: 10,
          metrics: [
            {
              type: 'Resource',
              resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } },
            },
            {
              type: 'Resource',
              resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '500Mi' } },
            },
            {
              type: 'Pods',
              pods: {
                metric: { name: 'packets-per-second' },
                target: { type: 'AverageValue', averageValue: '1k' },
              },
            },
            {
              type: 'External',
              external: { metric: { name: 'queue_messages' }, target: { type: 'Value', value: '30' } },
            },
          ],
          behavior: {
            scaleDown: {
              stabilizationWindowSeconds: 300,
              policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }],
            },
          },
        },
        status: {
          currentReplicas: 2,
          desiredReplicas: 2,
          currentMetrics: [
            {
              type: 'Resource',
              resource: { name: 'cpu', current: { averageUtilization: 12, averageValue: '12m' } },
            },
          ],
          conditions: [
            {
              type: 'AbleToScale',
              status: 'True',
              lastTransitionTime: ago(3_000_000),
              reason: 'ReadyForNewScale',
              message: 'recommended size matches current size',
            },
            {
              type: 'ScalingActive',
              status: 'False',
              lastTransitionTime: ago(3_000_000),
              reason: 'FailedGetResourceMetric',
              message: 'the HPA was unable to compute the replica count: failed to get memory utilization',
            },
          ],
        },
      },
    ],
    ConfigMap: [
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: meta('frontend-config', 'web', { labels: { app: 'frontend' } }),
        data: { 'nginx.conf': 'server {\n  listen 80;\n}\n' },
        binaryData: { 'logo.png': 'iVBORw0KGgo=' },
      },
    ],
    Secret: [
      {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: meta('db', 'web'),
        type: 'Opaque',
        data: { password: 'czNjcjN0IQ==' },
      },
    ],
    ServiceAccount: [
      {
        apiVersion: 'v1',
        kind: 'ServiceAccount',
        metadata: meta('builder', 'web'),
        secrets: [{ name: 'builder-dockercfg' }],
        imagePullSecrets: [{ name: 'builder-dockercfg' }, { name: 'registry-gone' }],
      },
    ],
    PodDisruptionBudget: [
      {
        apiVersion: 'policy/v1',
        kind: 'PodDisruptionBudget',
        metadata: meta('frontend', 'web'),
        spec: { minAvailable: '50%', selector: { matchLabels: { app: 'frontend' } } },
        status: { disruptionsAllowed: 0, currentHealthy: 1, desiredHealthy: 1, expectedPods: 2 },
      },
    ],
    EndpointSlice: [
      {
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: meta('frontend-abc12', 'web', { labels: { 'kubernetes.io/service-name': 'frontend' } }),
        addressType: 'IPv4',
        ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
        endpoints: [
          {
            addresses: ['10.244.1.5'],
            conditions: { ready: true },
            nodeName: 'node-1',
            targetRef: { kind: 'Pod', name: 'frontend-5d8f9c7b6-fghij', namespace: 'web' },
          },
          { addresses: ['10.244.1.6'], conditions: { ready: false }, zone: 'eu-west-1a' },
        ],
      },
    ],
    NetworkPolicy: [
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: meta('db-access', 'web'),
        spec: {
          podSelector: { matchLabels: { app: 'db' } },
          policyTypes: ['Ingress', 'Egress'],
          ingress: [
            {
              from: [
                { podSelector: { matchLabels: { app: 'frontend' } } },
                { namespaceSelector: { matchLabels: { team: 'a' } }, podSelector: {} },
                { ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } },
              ],
              ports: [
                { protocol: 'TCP', port: 5432 },
                { port: 6000, endPort: 6010 },
              ],
            },
            {},
          ],
          egress: [],
        },
      },
    ],
    ResourceQuota: [
      {
        apiVersion: 'v1',
        kind: 'ResourceQuota',
        metadata: meta('compute', 'web'),
        spec: { hard: { pods: '10', 'requests.memory': '1Gi' }, scopes: ['NotTerminating'] },
        status: {
          hard: { pods: '10', 'requests.memory': '1Gi' },
          used: { pods: '3', 'requests.memory': '512Mi' },
        },
      },
    ],
    LimitRange: [
      {
        apiVersion: 'v1',
        kind: 'LimitRange',
        metadata: meta('defaults', 'web'),
        spec: {
          limits: [
            { type: 'Container', default: { cpu: '500m' } },
            { type: 'Pod', max: { memory: '2Gi' } },
          ],
        },
      },
    ],
    Lease: [
      {
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        metadata: meta('node-1', 'kube-node-lease'),
        spec: {
          holderIdentity: 'node-1',
          leaseDurationSeconds: 40,
          renewTime: '2026-01-15T11:59:50.123456Z',
        },
      },
    ],
  };
}

/** KIND_CASES lists what the comparison describes for each kind (once its kind is served). */
export const KIND_CASES: KindCase[] = [
  { kind: 'PersistentVolumeClaim', apiVersion: 'v1', resource: 'pvc', namespace: 'web', name: 'data-db-0' },
  { kind: 'PersistentVolumeClaim', apiVersion: 'v1', resource: 'pvc', namespace: 'web', name: 'logs' },
  { kind: 'PersistentVolume', apiVersion: 'v1', resource: 'pv', name: 'pv-logs' },
  { kind: 'PersistentVolume', apiVersion: 'v1', resource: 'pv', name: 'pv-csi' },
  { kind: 'StorageClass', apiVersion: 'storage.k8s.io/v1', resource: 'storageclass', name: 'fast' },
  {
    kind: 'Ingress',
    apiVersion: 'networking.k8s.io/v1',
    resource: 'ingress',
    namespace: 'web',
    name: 'shop',
  },
  {
    kind: 'HorizontalPodAutoscaler',
    apiVersion: 'autoscaling/v2',
    resource: 'hpa',
    namespace: 'web',
    name: 'frontend',
  },
  { kind: 'ConfigMap', apiVersion: 'v1', resource: 'configmap', namespace: 'web', name: 'frontend-config' },
  { kind: 'Secret', apiVersion: 'v1', resource: 'secret', namespace: 'web', name: 'db' },
  { kind: 'ServiceAccount', apiVersion: 'v1', resource: 'serviceaccount', namespace: 'web', name: 'builder' },
  {
    kind: 'PodDisruptionBudget',
    apiVersion: 'policy/v1',
    resource: 'pdb',
    namespace: 'web',
    name: 'frontend',
  },
  {
    kind: 'EndpointSlice',
    apiVersion: 'discovery.k8s.io/v1',
    resource: 'endpointslice',
    namespace: 'web',
    name: 'frontend-abc12',
  },
  {
    kind: 'NetworkPolicy',
    apiVersion: 'networking.k8s.io/v1',
    resource: 'networkpolicy',
    namespace: 'web',
    name: 'db-access',
  },
  { kind: 'ResourceQuota', apiVersion: 'v1', resource: 'resourcequota', namespace: 'web', name: 'compute' },
  { kind: 'LimitRange', apiVersion: 'v1', resource: 'limitrange', namespace: 'web', name: 'defaults' },
  {
    kind: 'Lease',
    apiVersion: 'coordination.k8s.io/v1',
    resource: 'lease',
    namespace: 'kube-node-lease',
    name: 'node-1',
  },
];

/**
 * seedKinds creates the objects of the `served` kinds (the kube-node-lease namespace with the
 * Leases) and an event about the first object of each, as its controller would record it.
 */
export function seedKinds(server: TestServer, now: number, served: ReadonlySet<string>): void {
  const all = kindObjects(now);
  if (served.has('Lease'))
    server.create(f.namespace('kube-node-lease', { creationTimestamp: now - 86_400_000 }));
  for (const [kind, objects] of Object.entries(all)) {
    if (!served.has(kind)) continue;
    const created = objects.map((o) => server.create(o) as any);
    const first = created[0];
    if (kind === 'Lease') continue;
    server.create(
      f.event(first.metadata.namespace ?? 'default', first, {
        type: 'Warning',
        reason: `${kind}Check`,
        message: `${kind} ${first.metadata.name} needs attention`,
        source: 'test-controller',
        firstTimestamp: now - 120_000,
        lastTimestamp: now - 60_000,
        count: 3,
      }),
    );
  }
}
