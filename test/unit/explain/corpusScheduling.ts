/**
 * corpusScheduling: FailedScheduling messages exactly as FitError.Error() writes them
 * (pkg/scheduler/schedule_one.go) with the filter plugins' reasons (noderesources/fit.go,
 * tainttoleration, nodeaffinity, nodeunschedulable, nodeports, volumebinding,
 * podtopologyspread, interpodaffinity), and the caches that produce them.
 */
import { cacheOf, container, ev, node, pod, pvc, obj } from './builders';
import type { CorpusCase } from './corpusCase';

const P = { kind: 'Pod', namespace: 'shop', name: 'web-1' };
const sched = (message: string) => ev('FailedScheduling', message, P, { source: 'default-scheduler' });
const NO_VICTIMS = (n: number) =>
  `preemption: 0/${n} nodes are available: ${n} No preemption victims found for incoming pod..`;
const NOT_HELPFUL = (n: number) =>
  `preemption: 0/${n} nodes are available: ${n} Preemption is not helpful for scheduling..`;
const busy = (name: string, n: string, cpu: string, memory = '1Gi') =>
  pod('other', name, { node: n, containers: [container({ requests: { cpu, memory } })] });
const web = (o: Parameters<typeof pod>[2] = {}) =>
  pod('shop', 'web-1', { containers: [container({ requests: { cpu: '2', memory: '1Gi' } })], ...o });

export const SCHEDULING: CorpusCase[] = [
  {
    name: 'Insufficient cpu on every node, largest free computed from bound pods',
    event: sched(`0/3 nodes are available: 3 Insufficient cpu. ${NO_VICTIMS(3)}`),
    cache: () =>
      cacheOf({
        Node: [node('node-1'), node('node-2'), node('node-3')],
        Pod: [web(), busy('a', 'node-1', '3500m'), busy('b', 'node-2', '2500m'), busy('c', 'node-3', '3')],
      }),
    cause: /3 nodes lack CPU \(it requests 2 CPU, at most 1\.5 CPU is free\)/,
    evidence: [/largest free allocatable is 1\.5 CPU on node-2/, /no lower-priority pods could be evicted/],
    confidence: 'exact',
  },
  {
    name: 'Insufficient cpu and an untolerated taint',
    event: sched(
      `0/5 nodes are available: 3 Insufficient cpu, 2 node(s) had untolerated taint {dedicated: gpu}. ${NO_VICTIMS(5)}`,
    ),
    cache: () =>
      cacheOf({
        Node: [
          node('n1'),
          node('n2'),
          node('n3'),
          node('gpu-1', { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] }),
          node('gpu-2', { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] }),
        ],
        Pod: [web(), busy('a', 'n1', '3'), busy('b', 'n2', '3'), busy('c', 'n3', '3')],
      }),
    cause: /3 nodes lack CPU.*2 nodes have an untolerated taint dedicated=gpu:NoSchedule/,
    evidence: [
      /untolerated taint dedicated=gpu:NoSchedule, now on gpu-1, gpu-2; the pod has no matching toleration/,
    ],
  },
  {
    name: 'Insufficient memory',
    event: sched(`0/2 nodes are available: 2 Insufficient memory. ${NO_VICTIMS(2)}`),
    cache: () =>
      cacheOf({
        Node: [node('n1', { memory: '4Gi' }), node('n2', { memory: '4Gi' })],
        Pod: [
          web({ containers: [container({ requests: { cpu: '100m', memory: '3Gi' } })] }),
          busy('a', 'n1', '100m', '2Gi'),
          busy('b', 'n2', '100m', '2560Mi'),
        ],
      }),
    cause: /2 nodes lack memory \(it requests 3Gi, at most 2Gi is free\)/,
    evidence: [/largest free allocatable is 2Gi on n1/],
  },
  {
    name: 'Insufficient extended resource nvidia.com/gpu',
    event: sched(`0/2 nodes are available: 2 Insufficient nvidia.com/gpu. ${NO_VICTIMS(2)}`),
    cache: () =>
      cacheOf({
        Node: [node('n1'), node('n2')],
        Pod: [
          web({
            containers: [
              container({ requests: { cpu: '1', 'nvidia.com/gpu': '1' }, limits: { 'nvidia.com/gpu': '1' } }),
            ],
          }),
        ],
      }),
    cause:
      /2 nodes lack nvidia\.com\/gpu \(it requests 1 nvidia\.com\/gpu, at most 0 nvidia\.com\/gpu is free\)/,
  },
  {
    name: 'Insufficient cpu, but a node has freed CPU since',
    event: sched(`0/2 nodes are available: 2 Insufficient cpu. ${NO_VICTIMS(2)}`),
    cache: () => cacheOf({ Node: [node('n1'), node('n2')], Pod: [web(), busy('a', 'n1', '3500m')] }),
    cause: /2 nodes lack CPU/,
    evidence: [/n2 now has 2 CPU free and fit the pod's constraints: the pod may be scheduled on retry/],
    confidence: 'partial',
  },
  {
    name: 'Init container request larger than the app containers',
    event: sched(`0/1 nodes are available: 1 Insufficient cpu. ${NO_VICTIMS(1)}`),
    cache: () =>
      cacheOf({
        Node: [node('n1', { cpu: '2' })],
        Pod: [
          web({
            containers: [container({ requests: { cpu: '500m' } })],
            initContainers: [container({ name: 'init', requests: { cpu: '3' } })],
          }),
          busy('a', 'n1', '500m'),
        ],
      }),
    cause: /it requests 3 CPU, at most 1\.5 CPU is free/,
  },
  {
    name: 'Too many pods',
    event: sched(`0/1 nodes are available: 1 Too many pods. ${NO_VICTIMS(1)}`),
    cache: () =>
      cacheOf({
        Node: [node('n1', { pods: '2' })],
        Pod: [web(), busy('a', 'n1', '10m'), busy('b', 'n1', '10m')],
      }),
    cause: /1 node are at their pod limit/,
    evidence: [/n1 run as many pods as their allocatable "pods" allows/],
  },
  {
    name: 'nodeSelector matches no node',
    event: sched(
      `0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector. ${NOT_HELPFUL(3)}`,
    ),
    cache: () =>
      cacheOf({
        Node: [
          node('n1', { labels: { disktype: 'hdd' } }),
          node('n2', { labels: { disktype: 'hdd' } }),
          node('n3'),
        ],
        Pod: [web({ nodeSelector: { disktype: 'ssd' } })],
      }),
    cause: /3 nodes don't match its node selector\/affinity/,
    evidence: [
      /nodeSelector disktype=ssd: no node has this label; nodes have disktype=hdd \(2\)/,
      /evicting pods cannot fix these rejections/,
    ],
  },
  {
    name: 'required node affinity matches no node',
    event: sched(
      `0/2 nodes are available: 2 node(s) didn't match Pod's node affinity/selector. ${NOT_HELPFUL(2)}`,
    ),
    cache: () =>
      cacheOf({
        Node: [
          node('n1', { labels: { 'topology.kubernetes.io/zone': 'us-east-1a' } }),
          node('n2', { labels: { 'topology.kubernetes.io/zone': 'us-east-1b' } }),
        ],
        Pod: [
          web({
            affinity: {
              nodeAffinity: {
                requiredDuringSchedulingIgnoredDuringExecution: {
                  nodeSelectorTerms: [
                    {
                      matchExpressions: [
                        { key: 'topology.kubernetes.io/zone', operator: 'In', values: ['us-east-1c'] },
                      ],
                    },
                  ],
                },
              },
            },
          }),
        ],
      }),
    cause: /don't match its node selector\/affinity/,
    evidence: [
      /required node affinity term 1 \[topology\.kubernetes\.io\/zone in \(us-east-1c\)\]: no node matches/,
    ],
  },
  {
    name: 'control-plane taint and selector (empty taint value)',
    event: sched(
      `0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 node(s) didn't match Pod's node affinity/selector. ${NOT_HELPFUL(4)}`,
    ),
    cache: () =>
      cacheOf({
        Node: [
          node('cp', { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] }),
          node('w1'),
          node('w2'),
          node('w3'),
        ],
        Pod: [web({ nodeSelector: { pool: 'batch' } })],
      }),
    cause:
      /3 nodes don't match its node selector\/affinity; 1 node have an untolerated taint node-role\.kubernetes\.io\/control-plane:NoSchedule/,
    evidence: [/now on cp/, /nodeSelector pool=batch: no node has this label/],
  },
  {
    name: 'not-ready taint',
    event: sched(
      `0/1 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/not-ready: }. ${NOT_HELPFUL(1)}`,
    ),
    cache: () =>
      cacheOf({
        Node: [
          node('n1', {
            taints: [{ key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' }],
            conditions: [{ type: 'Ready', status: 'False' }],
          }),
        ],
        Pod: [web()],
      }),
    cause: /untolerated taint node\.kubernetes\.io\/not-ready:NoSchedule/,
    evidence: [/set by the node controller on nodes that are not Ready/],
  },
  {
    name: 'legacy taint wording (before 1.24)',
    event: sched(
      "0/3 nodes are available: 1 node(s) had taint {node-role.kubernetes.io/master: }, that the pod didn't tolerate, 2 Insufficient cpu.",
    ),
    cache: () =>
      cacheOf({
        Node: [
          node('m', { taints: [{ key: 'node-role.kubernetes.io/master', effect: 'NoSchedule' }] }),
          node('w1'),
          node('w2'),
        ],
        Pod: [web(), busy('a', 'w1', '3'), busy('b', 'w2', '3')],
      }),
    cause: /2 nodes lack CPU.*1 node have an untolerated taint node-role\.kubernetes\.io\/master:NoSchedule/,
  },
  {
    name: 'unbound immediate PVC whose StorageClass is missing',
    event: sched(
      `0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. ${NOT_HELPFUL(3)}`,
    ),
    cache: () =>
      cacheOf({
        Node: [node('n1'), node('n2'), node('n3')],
        Pod: [web({ volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data-web-1' } }] })],
        PersistentVolumeClaim: [pvc('shop', 'data-web-1', 'Pending', 'fast')],
        StorageClass: [obj('StorageClass', '', 'standard')],
      }),
    cause: /its PersistentVolumeClaims are not bound/,
    evidence: [/PersistentVolumeClaim data-web-1 is Pending, StorageClass fast \(which does not exist\)/],
    absent: ['StorageClass//fast'],
  },
  {
    name: 'PVC not found (PreFilter)',
    event: sched(`0/3 nodes are available: persistentvolumeclaim "data-missing" not found. ${NO_VICTIMS(3)}`),
    cache: () =>
      cacheOf({
        Node: [node('n1'), node('n2'), node('n3')],
        Pod: [web({ volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data-missing' } }] })],
        PersistentVolumeClaim: [],
      }),
    cause: /PersistentVolumeClaim data-missing was not found/,
    absent: ['PersistentVolumeClaim/shop/data-missing'],
  },
  {
    name: 'PVC not found, claims not watched: no absence claimed',
    event: sched(`0/3 nodes are available: persistentvolumeclaim "data-missing" not found. ${NO_VICTIMS(3)}`),
    cache: () => cacheOf({ Node: [node('n1'), node('n2'), node('n3')], Pod: [web()] }),
    cause: /PersistentVolumeClaim data-missing was not found/,
    evidence: [/not in the cache \(claims are not watched\)/],
    confidence: 'partial',
  },
  {
    name: 'cordoned nodes',
    event: sched(`0/2 nodes are available: 2 node(s) were unschedulable. ${NOT_HELPFUL(2)}`),
    cache: () =>
      cacheOf({
        Node: [node('n1', { unschedulable: true }), node('n2', { unschedulable: true })],
        Pod: [web()],
      }),
    cause: /2 nodes are cordoned/,
    evidence: [/n1, n2 are cordoned/],
  },
  {
    name: 'one cordoned node: singular ("1 node was unschedulable")',
    event: sched(`0/2 nodes are available: 1 node(s) were unschedulable, 1 Too many pods. ${NOT_HELPFUL(2)}`),
    cache: () =>
      cacheOf({
        Node: [node('n1', { unschedulable: true }), node('n2')],
        Pod: [web()],
      }),
    cause: /1 node is cordoned/,
    evidence: [/^1 node was unschedulable: n1 is cordoned$/],
  },
  {
    name: 'topology spread',
    event: sched(
      `0/3 nodes are available: 3 node(s) didn't match pod topology spread constraints. ${NO_VICTIMS(3)}`,
    ),
    cache: () =>
      cacheOf({
        Node: [node('n1'), node('n2'), node('n3')],
        Pod: [
          web({
            spread: [
              {
                maxSkew: 1,
                topologyKey: 'topology.kubernetes.io/zone',
                whenUnsatisfiable: 'DoNotSchedule',
                labelSelector: { matchLabels: { app: 'web' } },
              },
            ],
          }),
        ],
      }),
    cause: /3 nodes would break its topology spread constraints/,
    evidence: [
      /maxSkew=1 topologyKey=topology\.kubernetes\.io\/zone whenUnsatisfiable=DoNotSchedule; 3 nodes lack the label/,
    ],
  },
  {
    name: 'topology spread, missing required label',
    event: sched(
      `0/3 nodes are available: 1 node(s) didn't match pod topology spread constraints (missing required label), 2 node(s) didn't match pod topology spread constraints. ${NO_VICTIMS(3)}`,
    ),
    cache: () => cacheOf({ Node: [node('n1'), node('n2'), node('n3')], Pod: [web()] }),
    cause: /topology spread constraints/,
    evidence: [/lack the topology label of a spread constraint/],
  },
  {
    name: 'volume node affinity conflict',
    event: sched(`0/3 nodes are available: 3 node(s) had volume node affinity conflict. ${NOT_HELPFUL(3)}`),
    cache: () =>
      cacheOf({
        Node: [node('n1'), node('n2'), node('n3')],
        Pod: [web({ volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }] })],
        PersistentVolumeClaim: [pvc('shop', 'data', 'Bound', 'zonal')],
        StorageClass: [obj('StorageClass', '', 'zonal')],
      }),
    cause: /3 nodes cannot reach its volumes/,
    evidence: [/PersistentVolumeClaim data is Bound, StorageClass zonal/],
  },
  {
    name: 'host ports in use',
    event: sched(
      `0/3 nodes are available: 3 node(s) didn't have free ports for the requested pod ports. ${NO_VICTIMS(3)}`,
    ),
    cache: () => cacheOf({ Node: [node('n1'), node('n2'), node('n3')], Pod: [web()] }),
    cause: /3 nodes have the requested host ports in use/,
  },
  {
    name: 'pod anti-affinity',
    event: sched(`0/5 nodes are available: 5 node(s) didn't match pod anti-affinity rules. ${NO_VICTIMS(5)}`),
    cache: () => cacheOf({ Node: [], Pod: [web()] }),
    cause: /5 nodes run pods its podAntiAffinity excludes/,
    evidence: [/The cache now holds 0 nodes; the scheduler saw 5/],
    confidence: 'partial',
  },
  {
    name: 'no nodes at all',
    event: sched('no nodes available to schedule pods'),
    cache: () => cacheOf({ Node: [], Pod: [web()] }),
    cause: /The cluster had no nodes to schedule on/,
    evidence: [/The cache holds 0 nodes/],
  },
  {
    name: 'unknown future reason: says only what the message says',
    event: sched('0/3 nodes are available: 3 node(s) had a reason from the future.'),
    cache: () => cacheOf({ Node: [node('n1'), node('n2'), node('n3')], Pod: [web()] }),
    cause: /3 nodes: node\(s\) had a reason from the future/,
    confidence: 'partial',
    never: [/Insufficient|taint|selector/],
  },
];
