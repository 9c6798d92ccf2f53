import type { KubeObject } from '../../../src/core/cache/types';

export type Rec = Record<string, unknown>;

/** NOW is the fixed "current time" of every resources test. */
export const NOW = Date.parse('2026-03-01T12:00:00Z');
export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;

/** ago renders the RFC 3339 time `ms` before NOW. */
export const ago = (ms: number): string => new Date(NOW - ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

export const running = (): Rec => ({ running: { startedAt: ago(HOUR) } });
export const waiting = (reason?: string, message?: string): Rec => ({
  waiting: { ...(reason ? { reason } : {}), ...(message ? { message } : {}) },
});
export const terminated = (o: { reason?: string; exitCode?: number; signal?: number } = {}): Rec => ({
  terminated: {
    exitCode: o.exitCode ?? 0,
    ...(o.reason ? { reason: o.reason } : {}),
    ...(o.signal ? { signal: o.signal } : {}),
    startedAt: ago(2 * HOUR),
    finishedAt: ago(HOUR),
  },
});

/** cs builds a container status. */
export function cs(
  name: string,
  state: Rec,
  o: { ready?: boolean; started?: boolean; restartCount?: number; lastFinishedAgo?: number } = {},
): Rec {
  const s: Rec = {
    name,
    image: `${name}:1`,
    ready: o.ready ?? false,
    restartCount: o.restartCount ?? 0,
    state,
    lastState: {},
  };
  if (o.started !== undefined) s.started = o.started;
  if (o.lastFinishedAgo !== undefined) {
    s.lastState = {
      terminated: {
        exitCode: 1,
        reason: 'Error',
        startedAt: ago(o.lastFinishedAgo + MIN),
        finishedAt: ago(o.lastFinishedAgo),
      },
    };
  }
  return s;
}

export const cond = (type: string, status: string, reason?: string): Rec => ({
  type,
  status,
  ...(reason ? { reason } : {}),
});

export interface RawPod {
  phase?: string;
  reason?: string;
  message?: string;
  conditions?: Rec[];
  /** init container specs: name, and `restartPolicy: 'Always'` for sidecars. */
  initSpec?: Rec[];
  init?: Rec[];
  /** number of app containers in spec (default: containers.length, at least 1). */
  specContainers?: number;
  containers?: Rec[];
  deleted?: boolean;
  createdAgo?: number;
  readinessGates?: string[];
}

/** rawPod builds a Pod status exactly as given, for printPod cases the fixtures cannot express. */
export function rawPod(o: RawPod): KubeObject {
  const containers = o.containers ?? [];
  const n = o.specContainers ?? Math.max(containers.length, 1);
  const status: Rec = { conditions: o.conditions ?? [] };
  if (o.phase !== undefined) status.phase = o.phase;
  if (o.reason) status.reason = o.reason;
  if (o.message) status.message = o.message;
  if (o.init) status.initContainerStatuses = o.init;
  if (o.containers) status.containerStatuses = o.containers;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: 'p',
      namespace: 'ns',
      uid: 'pod-uid',
      creationTimestamp: ago(o.createdAgo ?? 3 * HOUR),
      ...(o.deleted ? { deletionTimestamp: ago(10_000) } : {}),
    },
    spec: {
      nodeName: 'node-1',
      containers: Array.from({ length: n }, (_, i) => ({ name: `c${i}`, image: `img${i}:1` })),
      ...(o.initSpec ? { initContainers: o.initSpec } : {}),
      ...(o.readinessGates
        ? { readinessGates: o.readinessGates.map((conditionType) => ({ conditionType })) }
        : {}),
    },
    status,
  };
}
