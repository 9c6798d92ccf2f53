/**
 * objects: pod shapes at each point of a pod's life, as the scheduler and the kubelet write
 * them: unschedulable, bound (ContainerCreating), running, crash-looping, failing to pull its
 * image, succeeded, terminating. Each `set*` function rewrites a pod object's status (and
 * spec.nodeName) in place and returns it; nothing here talks to a server.
 */
import type { KubeObject } from '../../src/core/cache/types';
import { pod as podFixture, rfc3339 } from '../server/fixtures';
import { fnv32a } from './names';

type Rec = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** SimNode is one node of the simulated cluster. */
export interface SimNode {
  name: string;
  /** InternalIP, also each pod's hostIP. */
  ip: string;
  /** Third octet of the node's pod CIDR 10.244.N.0/24. */
  cidr: number;
  schedulable: boolean;
}

/** PodSpec is what a controller fills in when it creates a pod. */
export interface PodSpec {
  namespace: string;
  name: string;
  /** The controller's generateName prefix, for pods named `<prefix><random>`. */
  generateName?: string;
  labels: Record<string, string>;
  owner?: KubeObject;
  image: string;
  /** Container name (default `app`). */
  container?: string;
  restartPolicy?: 'Always' | 'Never' | 'OnFailure';
  requests?: Record<string, string>;
  at: number;
}

const hex64 = (s: string) => {
  let out = '';
  for (let i = 0; out.length < 64; i++) out += fnv32a(`${s}/${i}`).toString(16).padStart(8, '0');
  return out.slice(0, 64);
};

function condition(type: string, ok: boolean, at: number, reason?: string, message?: string): Rec {
  return {
    type,
    status: ok ? 'True' : 'False',
    lastProbeTime: null,
    lastTransitionTime: rfc3339(at),
    ...(reason ? { reason } : {}),
    ...(message ? { message } : {}),
  };
}

/** containerName returns the pod's first container name. */
export function containerName(p: Rec): string {
  return p.spec.containers[0].name;
}

/** imageOf returns the pod's first container image. */
export function imageOf(p: Rec): string {
  return p.spec.containers[0].image;
}

/** newPod builds a pod as its controller creates it: Pending, not yet scheduled. */
export function newPod(s: PodSpec): Rec {
  const container = s.container ?? 'app';
  const p = podFixture(s.namespace, s.name, {
    creationTimestamp: s.at,
    labels: s.labels,
    ...(s.owner ? { owner: s.owner } : {}),
    containers: [{ name: container, image: s.image }],
  }) as Rec;
  delete p.spec.nodeName;
  if (s.generateName) p.metadata.generateName = s.generateName;
  p.spec.restartPolicy = s.restartPolicy ?? 'Always';
  if (s.requests) {
    p.spec.containers[0].resources = { requests: { ...s.requests }, limits: { ...s.requests } };
  }
  p.status = { phase: 'Pending', qosClass: s.requests ? 'Guaranteed' : 'BestEffort' };
  return p;
}

/** setUnschedulable records the scheduler's verdict on the pod. */
export function setUnschedulable(p: Rec, message: string, at: number): Rec {
  p.status = {
    phase: 'Pending',
    conditions: [condition('PodScheduled', false, at, 'Unschedulable', message)],
    qosClass: p.status?.qosClass ?? 'BestEffort',
  };
  return p;
}

/** setBound places the pod on a node: containers are being created. */
export function setBound(p: Rec, node: SimNode, podIP: string, at: number): Rec {
  p.spec.nodeName = node.name;
  const c = containerName(p);
  p.status = {
    phase: 'Pending',
    conditions: [
      condition('PodReadyToStartContainers', false, at),
      condition('Initialized', true, at),
      condition('Ready', false, at, 'ContainersNotReady', `containers with unready status: [${c}]`),
      condition('ContainersReady', false, at, 'ContainersNotReady', `containers with unready status: [${c}]`),
      condition('PodScheduled', true, at),
    ],
    hostIP: node.ip,
    hostIPs: [{ ip: node.ip }],
    podIP,
    podIPs: [{ ip: podIP }],
    startTime: rfc3339(at),
    containerStatuses: [containerStatus(p, { waiting: { reason: 'ContainerCreating' } }, false, 0, at)],
    qosClass: p.status?.qosClass ?? 'BestEffort',
  };
  return p;
}

function containerStatus(
  p: Rec,
  state: Rec,
  ready: boolean,
  restartCount: number,
  at: number,
  lastState: Rec = {},
): Rec {
  const image = imageOf(p);
  const running = state.running !== undefined || state.terminated !== undefined;
  return {
    name: containerName(p),
    image,
    imageID:
      running || restartCount > 0
        ? `${image.includes('/') ? '' : 'docker.io/library/'}${image.split(':')[0]}@sha256:${hex64(image)}`
        : '',
    ...(running || restartCount > 0
      ? { containerID: `containerd://${hex64(`${p.metadata.name}/${restartCount}/${at}`)}` }
      : {}),
    ready,
    started: state.running !== undefined,
    restartCount,
    state,
    lastState,
  };
}

function setContainer(p: Rec, cs: Rec, phase: string, ready: boolean, at: number, readyReason?: string): Rec {
  const c = containerName(p);
  const notReady = readyReason ?? 'ContainersNotReady';
  const msg = ready ? undefined : `containers with unready status: [${c}]`;
  p.status.phase = phase;
  p.status.containerStatuses = [cs];
  const prev = new Map<string, Rec>(((p.status.conditions ?? []) as Rec[]).map((x) => [x.type, x]));
  const keep = (type: string, ok: boolean, reason?: string, message?: string) => {
    const old = prev.get(type);
    return old && old.status === (ok ? 'True' : 'False') ? old : condition(type, ok, at, reason, message);
  };
  p.status.conditions = [
    keep('PodReadyToStartContainers', phase !== 'Succeeded' && phase !== 'Failed'),
    keep('Initialized', true),
    keep('Ready', ready, ready ? undefined : notReady, msg),
    keep('ContainersReady', ready, ready ? undefined : notReady, msg),
    keep('PodScheduled', true),
  ];
  return p;
}

/** setRunning: the container runs and is ready (unless `ready` is false). */
export function setRunning(p: Rec, at: number, o: { restartCount?: number; ready?: boolean } = {}): Rec {
  const prev: Rec = p.status.containerStatuses?.[0] ?? {};
  const restarts = o.restartCount ?? prev.restartCount ?? 0;
  const cs = containerStatus(
    p,
    { running: { startedAt: rfc3339(at) } },
    o.ready ?? true,
    restarts,
    at,
    prev.lastState ?? {},
  );
  return setContainer(p, cs, 'Running', o.ready ?? true, at);
}

/** setCrashLoop: the container exited with an error and the kubelet waits before restart `restartCount`. */
export function setCrashLoop(p: Rec, at: number, restartCount: number): Rec {
  const backoff = Math.min(300, 10 * 2 ** Math.max(0, restartCount - 1));
  const human = backoff >= 60 ? `${Math.floor(backoff / 60)}m${backoff % 60}s` : `${backoff}s`;
  const c = containerName(p);
  const m = p.metadata;
  const last = {
    terminated: {
      exitCode: 1,
      reason: 'Error',
      startedAt: rfc3339(at - 4000),
      finishedAt: rfc3339(at - 1000),
      containerID: `containerd://${hex64(`${m.name}/${restartCount}`)}`,
    },
  };
  const state = {
    waiting: {
      reason: 'CrashLoopBackOff',
      message: `back-off ${human} restarting failed container=${c} pod=${m.name}_${m.namespace}(${m.uid})`,
    },
  };
  return setContainer(p, containerStatus(p, state, false, restartCount, at, last), 'Running', false, at);
}

/** setImagePull: the image cannot be pulled; `ErrImagePull` right after a try, `ImagePullBackOff` while waiting. */
export function setImagePull(p: Rec, reason: 'ErrImagePull' | 'ImagePullBackOff', at: number): Rec {
  const image = imageOf(p);
  const message =
    reason === 'ErrImagePull'
      ? `rpc error: code = NotFound desc = failed to pull and unpack image "${image}": failed to resolve reference "${image}": ${image}: not found`
      : `Back-off pulling image "${image}"`;
  return setContainer(
    p,
    containerStatus(p, { waiting: { reason, message } }, false, 0, at),
    'Pending',
    false,
    at,
  );
}

/** setSucceeded: the container exited 0 and the pod is done. */
export function setSucceeded(p: Rec, at: number): Rec {
  const prev: Rec = p.status.containerStatuses?.[0] ?? {};
  const started = prev.state?.running?.startedAt ?? rfc3339(at);
  const state = {
    terminated: {
      exitCode: 0,
      reason: 'Completed',
      startedAt: started,
      finishedAt: rfc3339(at),
      containerID: prev.containerID ?? '',
    },
  };
  return setContainer(
    p,
    containerStatus(p, state, false, prev.restartCount ?? 0, at),
    'Succeeded',
    false,
    at,
    'PodCompleted',
  );
}

/** setTerminating marks the pod deleted with a grace period, as the API server does on DELETE. */
export function setTerminating(p: Rec, at: number): Rec {
  p.metadata.deletionTimestamp = rfc3339(at + 30_000);
  p.metadata.deletionGracePeriodSeconds = 30;
  return p;
}
