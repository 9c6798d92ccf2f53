/**
 * troubles: the three stuck pods every real cluster has, each with a `seed*` function that
 * writes its past (status and the repeated events so far) and a `*Tick` function that writes
 * one more round of it, as the kubelet or the scheduler would:
 * - a container in CrashLoopBackOff (restartCount rises, BackOff repeats),
 * - an image that cannot be pulled (ErrImagePull / ImagePullBackOff),
 * - a pod that fits no node (FailedScheduling, an events.k8s.io/v1 event with a series).
 * Repeats UPDATE the same Event objects (see EventRecorder).
 */
import type { KubeObject } from '../../src/core/cache/types';
import type { Sim } from './controllers';
import {
  containerName,
  imageOf,
  setCrashLoop,
  setImagePull,
  setRunning,
  setUnschedulable,
  type SimNode,
} from './objects';

type Rec = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** FAILED_SCHEDULING is the scheduler's message for a pod needing more memory than any schedulable node has. */
export const FAILED_SCHEDULING =
  '0/3 nodes are available: 1 node(s) were unschedulable, 2 Insufficient memory. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.';

const backOffMessage = (p: Rec) =>
  `Back-off restarting failed container ${containerName(p)} in pod ${p.metadata.name}_${p.metadata.namespace}(${p.metadata.uid})`;
const probeMessage = (p: Rec) =>
  `Readiness probe failed: Get "http://${p.status?.podIP ?? '10.244.0.2'}:8080/healthz": dial tcp ${p.status?.podIP ?? '10.244.0.2'}:8080: connect: connection refused`;

function live(sim: Sim, p: Rec): Rec {
  return sim.mustGet('v1', 'Pod', p.metadata.namespace, p.metadata.name);
}

/** seedCrashLoop binds the pod and gives it `restarts` past restarts since `firstAt`. */
export function seedCrashLoop(
  sim: Sim,
  podIn: Rec,
  o: { firstAt: number; at: number; restarts: number },
): Rec {
  let p = sim.bind(podIn, o.firstAt);
  const image = imageOf(p);
  const seen = { count: o.restarts + 1, firstAt: o.firstAt + 1000 };
  sim.kubelet(p, o.firstAt + 3000, 'Pulling', `Pulling image "${image}"`);
  sim.kubelet(
    p,
    o.firstAt + 5000,
    'Pulled',
    `Successfully pulled image "${image}" in 1.942s (1.942s including waiting). Image size: 48213312 bytes.`,
  );
  sim.kubelet(p, o.at - 9000, 'Pulled', `Container image "${image}" already present on machine`, 'Normal', {
    count: o.restarts,
    firstAt: o.firstAt + 20_000,
  });
  sim.kubelet(p, o.at - 9000, 'Created', `Created container: ${containerName(p)}`, 'Normal', seen);
  sim.kubelet(p, o.at - 9000, 'Started', `Started container ${containerName(p)}`, 'Normal', seen);
  p = sim.server.update(
    setRunning(live(sim, p), o.at - 9000, { ready: false, restartCount: o.restarts }) as KubeObject,
  ) as Rec;
  sim.kubelet(p, o.at - 5000, 'Unhealthy', probeMessage(p), 'Warning', {
    count: o.restarts * 3,
    firstAt: o.firstAt + 15_000,
  });
  sim.kubelet(p, o.at, 'BackOff', backOffMessage(p), 'Warning', {
    count: o.restarts * 2 + 1,
    firstAt: o.firstAt + 30_000,
  });
  return sim.server.update(setCrashLoop(live(sim, p), o.at, o.restarts) as KubeObject) as Rec;
}

/** crashLoopTick: the kubelet restarts the container, its probe fails, it exits 1, back-off again (the 4 s before `at`). */
export function crashLoopTick(sim: Sim, podIn: Rec, at: number): { pod: Rec; backOff: KubeObject } {
  let p = live(sim, podIn);
  const restarts = (p.status?.containerStatuses?.[0]?.restartCount ?? 0) + 1;
  const t0 = at - 4000;
  sim.kubelet(p, t0, 'Pulled', `Container image "${imageOf(p)}" already present on machine`);
  sim.kubelet(p, t0, 'Created', `Created container: ${containerName(p)}`);
  sim.kubelet(p, t0, 'Started', `Started container ${containerName(p)}`);
  p = sim.server.update(setRunning(p, t0, { ready: false, restartCount: restarts }) as KubeObject) as Rec;
  sim.kubelet(p, at - 2000, 'Unhealthy', probeMessage(p), 'Warning');
  p = sim.server.update(setCrashLoop(live(sim, p), at, restarts) as KubeObject) as Rec;
  const backOff = sim.kubelet(p, at, 'BackOff', backOffMessage(p), 'Warning');
  return { pod: p, backOff };
}

function pullFailure(sim: Sim, p: Rec, at: number, extra: { count?: number; firstAt?: number } = {}): void {
  const image = imageOf(p);
  sim.kubelet(p, at, 'Pulling', `Pulling image "${image}"`, 'Normal', extra);
  sim.kubelet(
    p,
    at + 800,
    'Failed',
    `Failed to pull image "${image}": rpc error: code = NotFound desc = failed to pull and unpack image "${image}": failed to resolve reference "${image}": ${image}: not found`,
    'Warning',
    extra,
  );
  sim.kubelet(p, at + 800, 'Failed', 'Error: ErrImagePull', 'Warning', extra);
}

function pullBackOff(sim: Sim, p: Rec, at: number, extra: { count?: number; firstAt?: number } = {}): void {
  sim.kubelet(p, at, 'BackOff', `Back-off pulling image "${imageOf(p)}"`, 'Normal', extra);
  sim.kubelet(p, at, 'Failed', 'Error: ImagePullBackOff', 'Warning', extra);
}

/** seedImagePull binds the pod (on `node`, else the next schedulable one) and gives it `tries` failed pulls since `firstAt`. */
export function seedImagePull(
  sim: Sim,
  podIn: Rec,
  o: { firstAt: number; at: number; tries: number; node?: SimNode },
): Rec {
  const p = sim.bind(podIn, o.firstAt, o.node);
  pullFailure(sim, p, o.at - 2000, { count: o.tries, firstAt: o.firstAt + 1000 });
  pullBackOff(sim, p, o.at, { count: o.tries * 2, firstAt: o.firstAt + 3000 });
  return sim.server.update(setImagePull(live(sim, p), 'ImagePullBackOff', o.at) as KubeObject) as Rec;
}

/** imagePullTick: one more failed pull (ErrImagePull), then back to ImagePullBackOff (the 2 s before `at`). */
export function imagePullTick(sim: Sim, podIn: Rec, at: number): Rec {
  let p = live(sim, podIn);
  pullFailure(sim, p, at - 2000);
  p = sim.server.update(setImagePull(p, 'ErrImagePull', at - 1200) as KubeObject) as Rec;
  pullBackOff(sim, p, at);
  return sim.server.update(setImagePull(live(sim, p), 'ImagePullBackOff', at) as KubeObject) as Rec;
}

/** seedUnschedulable records `attempts` failed scheduling attempts since `firstAt` on a new pod. */
export function seedUnschedulable(
  sim: Sim,
  podIn: Rec,
  o: { firstAt: number; at: number; attempts: number },
): Rec {
  const p = sim.server.update(
    setUnschedulable(live(sim, podIn), FAILED_SCHEDULING, o.firstAt) as KubeObject,
  ) as Rec;
  failedScheduling(sim, p, o.at, { count: o.attempts, firstAt: o.firstAt });
  return p;
}

/** failedScheduling emits (or extends the series of) the scheduler's FailedScheduling event. */
export function failedScheduling(
  sim: Sim,
  p: Rec,
  at: number,
  seed: { count?: number; firstAt?: number } = {},
): KubeObject {
  return sim.recorder.recordSeries(p as KubeObject, {
    type: 'Warning',
    reason: 'FailedScheduling',
    note: FAILED_SCHEDULING,
    action: 'Scheduling',
    controller: 'default-scheduler',
    instance: 'default-scheduler-node-1',
    at,
    ...seed,
  });
}

/** unschedulableTick: the scheduler retries the pod and fails again (the series count rises). */
export function unschedulableTick(sim: Sim, podIn: Rec, at: number): KubeObject {
  return failedScheduling(sim, live(sim, podIn), at);
}
