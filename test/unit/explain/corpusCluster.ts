/**
 * corpusCluster: controller and node messages: FailedCreate (replicaset / statefulset
 * controllers with the quota, PodSecurity, service-account and LimitRange admission errors),
 * the PV controller (FailedBinding, ProvisioningFailed), the kubelet's eviction manager and
 * node status events, the node lifecycle controller, the Job controller and the HPA.
 */
import { cacheOf, container, ev, node, NOW, obj, pod, pvc, terminated, iso } from './builders';
import type { CorpusCase } from './corpusCase';

const RS = { kind: 'ReplicaSet', namespace: 'shop', name: 'web-7d4b9c6f5' };
const create = (message: string, involved = RS) =>
  ev('FailedCreate', message, involved, { source: 'replicaset-controller' });
const FORBIDDEN = 'Error creating: pods "web-7d4b9c6f5-abcde" is forbidden: ';
const CLAIM = { kind: 'PersistentVolumeClaim', namespace: 'shop', name: 'data' };
const claimEv = (reason: string, message: string) =>
  ev(reason, message, CLAIM, { source: 'persistentvolume-controller' });
const N1 = { kind: 'Node', name: 'node-1' };
const P = { kind: 'Pod', namespace: 'shop', name: 'web-1' };
const notReady = (status: string) =>
  node('node-1', {
    conditions: [
      {
        type: 'Ready',
        status,
        reason: 'NodeStatusUnknown',
        message: 'Kubelet stopped posting node status.',
        lastTransitionTime: iso(NOW - 300_000),
      },
    ],
  });
const JOB = { kind: 'Job', namespace: 'batch', name: 'migrate' };
const job = (spec: Record<string, unknown>, status: Record<string, unknown>) =>
  obj('Job', 'batch', 'migrate', { spec, status });
const HPA = { kind: 'HorizontalPodAutoscaler', namespace: 'shop', name: 'web' };

export const CLUSTER: CorpusCase[] = [
  {
    name: 'quota exceeded, quota cached',
    event: create(
      `${FORBIDDEN}exceeded quota: compute-quota, requested: limits.cpu=2,limits.memory=1Gi, used: limits.cpu=3,limits.memory=6Gi, limited: limits.cpu=4,limits.memory=8Gi`,
    ),
    cache: () =>
      cacheOf({
        ResourceQuota: [
          obj('ResourceQuota', 'shop', 'compute-quota', {
            status: {
              used: { 'limits.cpu': '3', 'limits.memory': '6Gi' },
              hard: { 'limits.cpu': '4', 'limits.memory': '8Gi' },
            },
          }),
        ],
      }),
    cause: /ResourceQuota compute-quota is exhausted: limits\.cpu would be 3 \+ 2 over a hard limit of 4/,
    evidence: [
      /limits\.memory: requested 1Gi, used 6Gi, hard limit 8Gi/,
      /ResourceQuota compute-quota now: limits\.cpu 3\/4, limits\.memory 6Gi\/8Gi used/,
    ],
  },
  {
    name: 'StatefulSet pod quota exceeded',
    event: ev(
      'FailedCreate',
      'create Pod db-0 in StatefulSet db failed error: pods "db-0" is forbidden: exceeded quota: pods-quota, requested: pods=1, used: pods=10, limited: pods=10',
      { kind: 'StatefulSet', namespace: 'shop', name: 'db' },
      { source: 'statefulset-controller' },
    ),
    cache: () => cacheOf({}),
    cause: /ResourceQuota pods-quota is exhausted: pods would be 10 \+ 1 over a hard limit of 10/,
  },
  {
    name: 'quota requires limits',
    event: create(
      `${FORBIDDEN}failed quota: compute-quota: must specify limits.cpu for: app; limits.memory for: app`,
    ),
    cache: () => cacheOf({}),
    cause: /ResourceQuota compute-quota requires resource requests\/limits/,
    evidence: [/must specify|requires every container to set limits\.cpu for: app; limits\.memory for: app/],
  },
  {
    name: 'Pod Security restricted',
    event: create(
      `${FORBIDDEN}violates PodSecurity "restricted:latest": allowPrivilegeEscalation != false (container "app" must set securityContext.allowPrivilegeEscalation=false), unrestricted capabilities (container "app" must set securityContext.capabilities.drop=["ALL"]), runAsNonRoot != true (pod or container "app" must set securityContext.runAsNonRoot=true), seccompProfile (pod or container "app" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")`,
    ),
    cache: () =>
      cacheOf({
        Namespace: [
          obj(
            'Namespace',
            '',
            'shop',
            {},
            { labels: { 'pod-security.kubernetes.io/enforce': 'restricted' } },
          ),
        ],
      }),
    cause: /violates the namespace's Pod Security level restricted:latest \(4 violations\)/,
    evidence: [
      /allowPrivilegeEscalation != false \(container "app" must set/,
      /seccompProfile \(pod or container/,
      /Namespace shop enforces pod-security\.kubernetes\.io\/enforce=restricted/,
    ],
  },
  {
    name: 'service account missing',
    event: create(
      'Error creating: pods "web-7d4b9c6f5-" is forbidden: error looking up service account shop/web-sa: serviceaccount "web-sa" not found',
    ),
    cache: () => cacheOf({ ServiceAccount: [obj('ServiceAccount', 'shop', 'default')] }),
    cause: /uses ServiceAccount web-sa, which does not exist/,
    absent: ['ServiceAccount/shop/web-sa'],
  },
  {
    name: 'admission webhook denial',
    event: create(
      'Error creating: admission webhook "validate.kyverno.svc-fail" denied the request: \n\npolicy Pod/shop/web for resource violation: \n\nrequire-labels:\n  check-team: label team is required',
    ),
    cache: () => cacheOf({}),
    cause: /Admission webhook validate\.kyverno\.svc-fail denied the pod/,
  },
  {
    name: 'webhook unreachable',
    event: create(
      'Error creating: Internal error occurred: failed calling webhook "mpod.kb.io": failed to call webhook: Post "https://webhook-service.system.svc:443/mutate-v1-pod?timeout=10s": dial tcp 10.96.12.4:443: connect: connection refused',
    ),
    cache: () => cacheOf({}),
    cause: /Admission webhook mpod\.kb\.io is unreachable/,
  },
  {
    name: 'LimitRange maximum',
    event: create(`${FORBIDDEN}maximum cpu usage per Container is 1, but limit is 2`),
    cache: () => cacheOf({}),
    cause: /A LimitRange in shop rejects the pod's cpu \(maximum 1, asked 2\)/,
  },
  {
    name: 'FailedBinding without a class',
    event: claimEv(
      'FailedBinding',
      'no persistent volumes available for this claim and no storage class is set',
    ),
    cache: () => cacheOf({ PersistentVolumeClaim: [pvc('shop', 'data', 'Pending')], StorageClass: [] }),
    cause: /No PersistentVolume matches the claim, and without a StorageClass none will be provisioned/,
    evidence: [/There is no default StorageClass/],
  },
  {
    name: 'ProvisioningFailed, StorageClass missing',
    event: claimEv('ProvisioningFailed', 'storageclass.storage.k8s.io "fast-ssd" not found'),
    cache: () =>
      cacheOf({
        PersistentVolumeClaim: [pvc('shop', 'data', 'Pending', 'fast-ssd')],
        StorageClass: [obj('StorageClass', '', 'standard')],
      }),
    cause: /names StorageClass fast-ssd, which does not exist/,
    absent: ['StorageClass//fast-ssd'],
  },
  {
    name: 'ProvisioningFailed, backend quota',
    event: claimEv(
      'ProvisioningFailed',
      'failed to provision volume with StorageClass "standard": rpc error: code = ResourceExhausted desc = Quota \'SSD_TOTAL_GB\' exceeded.  Limit: 500.0 in region us-central1.',
    ),
    cache: () =>
      cacheOf({
        PersistentVolumeClaim: [pvc('shop', 'data', 'Pending', 'standard')],
        StorageClass: [obj('StorageClass', '', 'standard')],
      }),
    cause: /The storage backend of standard is out of capacity or quota/,
  },
  {
    name: 'FailedBinding, volume taken',
    event: claimEv('FailedBinding', 'volume "pv-data" already bound to a different claim.'),
    cache: () => cacheOf({}),
    cause: /PersistentVolume pv-data is bound to another claim/,
    confidence: 'partial',
  },
  {
    name: 'Evicted for memory pressure',
    event: ev(
      'Evicted',
      'The node was low on resource: memory. Threshold quantity: 100Mi, available: 92Mi. Container app was using 1200Mi, request is 512Mi, has larger consumption of memory. ',
      P,
    ),
    cache: () =>
      cacheOf({ Pod: [pod('shop', 'web-1', { node: 'node-1', phase: 'Failed' })], Node: [node('node-1')] }),
    cause: /evicted the pod because node node-1 ran low on memory/,
    evidence: [
      /Eviction threshold memory < 100Mi; 92Mi was available/,
      /Container app used 1200Mi, request 512Mi/,
    ],
  },
  {
    name: 'Evicted for disk pressure',
    event: ev(
      'Evicted',
      'The node was low on resource: ephemeral-storage. Threshold quantity: 1Gi, available: 800Mi. Container logger was using 3Gi, request is 0, has larger consumption of ephemeral-storage. ',
      P,
    ),
    cache: () => cacheOf({}),
    cause: /ran low on ephemeral-storage/,
  },
  {
    name: 'Evicted over ephemeral-storage limit',
    event: ev(
      'Evicted',
      'Pod ephemeral local storage usage exceeds the total limit of containers 500Mi. ',
      P,
    ),
    cache: () => cacheOf({}),
    cause: /more local ephemeral storage than its limit/,
  },
  {
    name: 'NodeNotReady on the node, status Unknown',
    event: ev('NodeNotReady', 'Node node-1 status is now: NodeNotReady', N1, {
      type: 'Normal',
      source: 'node-controller',
    }),
    cache: () => cacheOf({ Node: [notReady('Unknown')], Pod: [pod('shop', 'web-1', { node: 'node-1' })] }),
    cause: /Node node-1 is not Ready/,
    evidence: [
      /Node node-1 Ready=Unknown for 5m \(NodeStatusUnknown: Kubelet stopped posting node status\.\)/,
      /kubelet stopped posting status/,
      /1 pod are bound to node-1/,
    ],
  },
  {
    name: 'NodeNotReady on a pod',
    event: ev('NodeNotReady', 'Node is not ready', P, { source: 'node-controller' }),
    cache: () => cacheOf({ Node: [notReady('False')], Pod: [pod('shop', 'web-1', { node: 'node-1' })] }),
    cause: /Node node-1 is not Ready: its pods are marked not ready/,
  },
  {
    name: 'NodeHasDiskPressure',
    event: ev('NodeHasDiskPressure', 'Node node-1 status is now: NodeHasDiskPressure', N1, {
      type: 'Normal',
    }),
    cache: () =>
      cacheOf({
        Node: [
          node('node-1', {
            conditions: [
              {
                type: 'DiskPressure',
                status: 'True',
                reason: 'KubeletHasDiskPressure',
                message: 'kubelet has disk pressure',
              },
            ],
          }),
        ],
      }),
    cause: /Node node-1 is low on disk space or inodes \(DiskPressure\)/,
    evidence: [/DiskPressure=True/],
  },
  {
    name: 'NodeHasInsufficientMemory',
    event: ev('NodeHasInsufficientMemory', 'Node node-1 status is now: NodeHasInsufficientMemory', N1, {
      type: 'Normal',
    }),
    cache: () =>
      cacheOf({ Node: [node('node-1', { conditions: [{ type: 'MemoryPressure', status: 'True' }] })] }),
    cause: /low on memory \(MemoryPressure\)/,
  },
  {
    name: 'Rebooted',
    event: ev('Rebooted', 'Node node-1 has been rebooted, boot id: 5c1a7f0e-9d3b-4c8e-8f1a-2b3c4d5e6f70', N1),
    cache: () =>
      cacheOf({
        Node: [node('node-1')],
        Pod: [pod('shop', 'web-1', { node: 'node-1' }), pod('shop', 'web-2', { node: 'node-1' })],
      }),
    cause: /Node node-1 rebooted: every container on it restarted/,
    evidence: [/New boot id 5c1a7f0e/, /2 pods on node-1/],
  },
  {
    name: 'OOMKilling from node-problem-detector',
    event: ev(
      'OOMKilling',
      'Memory cgroup out of memory: Killed process 4321 (java) total-vm:5242880kB, anon-rss:1048576kB, file-rss:0kB, shmem-rss:0kB, UID:1000 pgtables:2400kB oom_score_adj:984',
      N1,
      { source: 'kernel-monitor' },
    ),
    cache: () =>
      cacheOf({
        Node: [node('node-1')],
        Pod: [
          pod('shop', 'web-1', {
            node: 'node-1',
            containers: [container({ limits: { memory: '1Gi' }, requests: { memory: '512Mi' } })],
            statuses: [
              {
                name: 'app',
                restartCount: 1,
                lastState: terminated(137, 'OOMKilled', NOW - 90_000, NOW - 30_000),
              },
            ],
          }),
        ],
      }),
    cause: /A container on node-1 exceeded its memory limit \(java\)/,
    evidence: [/Pod shop\/web-1 container app was last OOMKilled/, /memory limit 1Gi, request 512Mi/],
  },
  {
    name: 'SystemOOM',
    event: ev('SystemOOM', 'System OOM encountered, victim process: java, pid: 4321', N1),
    cache: () => cacheOf({ Node: [node('node-1')] }),
    cause: /Node node-1 ran out of memory; the kernel killed java/,
    confidence: 'partial',
  },
  {
    name: 'BackoffLimitExceeded',
    event: ev('BackoffLimitExceeded', 'Job has reached the specified backoff limit', JOB, {
      source: 'job-controller',
    }),
    cache: () =>
      cacheOf({
        Job: [job({ backoffLimit: 2 }, { failed: 3 })],
        Pod: [
          pod('batch', 'migrate-x1', {
            owner: { kind: 'Job', name: 'migrate' },
            phase: 'Failed',
            statuses: [{ name: 'app', state: terminated(2, 'Error', NOW - 100_000, NOW - 90_000) }],
          }),
        ],
      }),
    cause: /Job migrate gave up after reaching its backoffLimit: its pods fail \(last exit 2, Error\)/,
    evidence: [/backoffLimit 2; 3 failed pods/, /Pod migrate-x1: container app exited 2/],
  },
  {
    name: 'DeadlineExceeded',
    event: ev('DeadlineExceeded', 'Job was active longer than specified deadline', JOB, {
      source: 'job-controller',
    }),
    cache: () => cacheOf({ Job: [job({ activeDeadlineSeconds: 600 }, { startTime: iso(NOW - 700_000) })] }),
    cause: /ran longer than its activeDeadlineSeconds/,
    evidence: [/activeDeadlineSeconds is 600 \(10m\)/, /started 11m ago/],
  },
  {
    name: 'HPA without metrics-server',
    event: ev(
      'FailedGetResourceMetric',
      'failed to get cpu utilization: unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)',
      HPA,
      { source: 'horizontal-pod-autoscaler' },
    ),
    cache: () => cacheOf({}),
    cause: /cannot read cpu metrics: metrics-server is not serving metrics\.k8s\.io/,
  },
  {
    name: 'HPA, container without a request',
    event: ev(
      'FailedGetResourceMetric',
      'failed to get cpu utilization: missing request for cpu in container app of Pod web-7d4b9c6f5-x2x7q',
      HPA,
      { source: 'horizontal-pod-autoscaler' },
    ),
    cache: () => cacheOf({}),
    cause: /targets cpu utilization but container app has no cpu request/,
  },
  {
    name: 'HPA, pods unready',
    event: ev(
      'FailedGetResourceMetric',
      'failed to get memory utilization: did not receive metrics for targeted pods (pods might be unready)',
      HPA,
      { source: 'horizontal-pod-autoscaler' },
    ),
    cache: () => cacheOf({}),
    cause: /has no metrics for its pods yet/,
  },
  {
    name: 'generic: sandbox creation',
    event: ev(
      'FailedCreatePodSandBox',
      'Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "4f1c": plugin type="calico" failed (add): error getting ClusterInformation: connection is unauthorized: Unauthorized',
      P,
      { count: 12, firstSeen: NOW - 600_000, lastSeen: NOW },
    ),
    cache: () => cacheOf({}),
    cause: /The runtime could not create the pod sandbox \(often the CNI network plugin\) \(Pod web-1\)/,
    evidence: [/Reported by kubelet 12 times over 10m/],
    confidence: 'generic',
  },
  {
    name: 'generic: unknown reason',
    event: ev('SomethingNew', 'a message nobody parses', P, { source: 'my-operator' }),
    cache: () => cacheOf({}),
    cause: /SomethingNew was reported by my-operator for Pod web-1/,
    confidence: 'generic',
  },
];
