/**
 * bench/explain: time to explain one FailedScheduling on a cluster of 5,000 nodes and
 * 100,000 pods from the cache (issue 14, target <= 20 ms). The pods-by-node index is built
 * once, outside the timed part, as the informer would keep it. Standalone:
 *
 *   npx tsx bench/explain.ts
 */
import type { KubeObject } from '../src/core/cache/types';
import { explain } from '../src/core/explain/explain';
import { ListExplainCache } from '../src/core/explain/listCache';
import type { ExplainEvent } from '../src/core/explain/types';

const NODES = 5_000;
const PODS = 100_000;
const RUNS = Number(process.env.RUNS ?? 51);
const TARGET_MS = 20;

function node(i: number): KubeObject {
  const gpu = i % 5 === 0;
  return {
    kind: 'Node',
    metadata: {
      name: `node-${i}`,
      uid: `n${i}`,
      labels: { 'kubernetes.io/hostname': `node-${i}`, 'topology.kubernetes.io/zone': `z${i % 3}` },
    },
    spec: gpu ? { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] } : {},
    status: {
      allocatable: { cpu: '8', memory: '32Gi', pods: '110' },
      conditions: [{ type: 'Ready', status: 'True' }],
    },
  };
}

function pod(i: number): KubeObject {
  return {
    kind: 'Pod',
    metadata: { name: `pod-${i}`, namespace: `ns-${i % 50}`, uid: `p${i}` },
    spec: {
      nodeName: `node-${i % NODES}`,
      containers: [
        {
          name: 'app',
          image: 'app:1',
          resources: { requests: { cpu: `${350 + (i % 7) * 10}m`, memory: '1Gi' } },
        },
        { name: 'sidecar', image: 'proxy:1', resources: { requests: { cpu: '20m', memory: '64Mi' } } },
      ],
    },
    status: { phase: 'Running' },
  };
}

const pending: KubeObject = {
  kind: 'Pod',
  metadata: { name: 'big', namespace: 'shop', uid: 'big' },
  spec: {
    containers: [{ name: 'app', image: 'app:2', resources: { requests: { cpu: '2', memory: '4Gi' } } }],
  },
  status: { phase: 'Pending' },
};

const event: ExplainEvent = {
  type: 'Warning',
  reason: 'FailedScheduling',
  message: `0/${NODES} nodes are available: 4000 Insufficient cpu, 1000 node(s) had untolerated taint {dedicated: gpu}. preemption: 0/${NODES} nodes are available: ${NODES} No preemption victims found for incoming pod..`,
  count: 3,
  firstSeen: Date.now() - 60_000,
  lastSeen: Date.now(),
  source: 'default-scheduler',
  involved: { kind: 'Pod', namespace: 'shop', name: 'big', uid: 'big', apiVersion: 'v1', fieldPath: '' },
};

const pods = Array.from({ length: PODS }, (_, i) => pod(i));
pods.push(pending);
const t0 = performance.now();
const cache = new ListExplainCache({
  objects: { Node: Array.from({ length: NODES }, (_, i) => node(i)), Pod: pods },
});
const buildMs = performance.now() - t0;

// Wall time is what the target is about; CPU time (process.cpuUsage) is printed beside it
// because on a shared, loaded machine the wall time mostly measures waiting for a core.
const times: number[] = [];
const cpu: number[] = [];
let cause = '';
for (let i = 0; i < RUNS; i++) {
  const c = process.cpuUsage();
  const s = performance.now();
  cause = explain(event, cache, Date.now()).cause;
  times.push(performance.now() - s);
  const d = process.cpuUsage(c);
  cpu.push((d.user + d.system) / 1000);
}
const cpuSorted = [...cpu].sort((a, b) => a - b);
const first = times[0]!;
const sorted = [...times].sort((a, b) => a - b);
const median = sorted[Math.floor(sorted.length / 2)]!;
console.log(
  `cluster: ${NODES} nodes, ${PODS} pods; index built once in ${buildMs.toFixed(0)} ms (not timed)`,
);
console.log(`cause: ${cause}`);
console.log(
  `explain FailedScheduling: first ${first.toFixed(2)} ms, median ${median.toFixed(2)} ms, min ${sorted[0]!.toFixed(2)} ms, max ${sorted[sorted.length - 1]!.toFixed(2)} ms over ${RUNS} runs`,
);
console.log(
  `CPU time: first ${cpu[0]!.toFixed(2)} ms, median ${cpuSorted[Math.floor(cpuSorted.length / 2)]!.toFixed(2)} ms`,
);
console.log(`target <= ${TARGET_MS} ms: ${median <= TARGET_MS ? 'met' : 'MISSED'}`);
