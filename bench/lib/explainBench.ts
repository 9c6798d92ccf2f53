/**
 * explainBench: the workload of issue 14's figure: one FailedScheduling explained from the
 * cache of a cluster of 5,000 nodes and 100,000 pods. The pods-by-node index is built once,
 * outside the timed part, as the informer keeps it. Used by bench/explain.ts (standalone) and
 * scenario 12.
 */
import type { KubeObject } from '../../src/core/cache/types';
import { explain } from '../../src/core/explain/explain';
import { ListExplainCache } from '../../src/core/explain/listCache';
import type { ExplainEvent } from '../../src/core/explain/types';

export const NODES = 5_000;
export const PODS = 100_000;
export const TARGET_MS = 20;

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

/** ExplainFigures: wall and CPU time per explanation (ms), the index build time, the cause. */
export interface ExplainFigures {
  times: number[];
  cpu: number[];
  buildMs: number;
  cause: string;
  confidence: string;
}

/**
 * measureExplain builds the cluster's cache once, then explains the pending pod's
 * FailedScheduling `runs` times. Wall time is what the target is about; CPU time
 * (process.cpuUsage) is beside it because on a shared machine wall time also measures waiting.
 */
export function measureExplain(runs: number): ExplainFigures {
  const pods = Array.from({ length: PODS }, (_, i) => pod(i));
  pods.push(pending);
  const t0 = performance.now();
  const cache = new ListExplainCache({
    objects: { Node: Array.from({ length: NODES }, (_, i) => node(i)), Pod: pods },
  });
  const buildMs = performance.now() - t0;
  const times: number[] = [];
  const cpu: number[] = [];
  let cause = '';
  let confidence = '';
  const now = Date.now();
  const e = { ...event, firstSeen: now - 60_000, lastSeen: now };
  for (let i = 0; i < runs; i++) {
    const c = process.cpuUsage();
    const s = performance.now();
    const x = explain(e, cache, now);
    times.push(performance.now() - s);
    const d = process.cpuUsage(c);
    cpu.push((d.user + d.system) / 1000);
    cause = x.cause;
    confidence = x.confidence;
  }
  return { times, cpu, buildMs, cause, confidence };
}
