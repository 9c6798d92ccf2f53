/**
 * pod: a Pod's READY, STATUS and RESTARTS exactly as `kubectl get pods` prints them (kubectl's
 * printPod, kubernetes pkg/printers/internalversion/printers.go, 1.32), and the Health we
 * derive from them.
 */
import type { KubeObject } from '../cache/types';
import { humanDuration } from '../events/age';
import { parseTime } from '../events/model';
import { controllerOf } from './ownership';
import {
  ageOf,
  conditionIs,
  condition,
  int,
  joinDescription,
  plural,
  rec,
  recs,
  spec,
  status,
  str,
  type Rec,
} from './read';
import type { Field, Health, ResourceSummary } from './types';

/** NODE_LOST is node.NodeUnreachablePodReason: the pod's node stopped responding. */
const NODE_LOST = 'NodeLost';

/**
 * RECENT_RESTART_MS: a Running, ready pod that restarted within this window is a warning, so a
 * crash-looping pod stays yellow/red between crashes instead of flashing green.
 */
export const RECENT_RESTART_MS = 10 * 60_000;

/** PodColumns are printPod's READY, STATUS and RESTARTS cells, with the numbers behind them. */
export interface PodColumns {
  /** STATUS, e.g. `Running`, `Init:1/2`, `CrashLoopBackOff`, `Terminating`. */
  status: string;
  ready: number;
  total: number;
  restarts: number;
  /** Epoch ms of the latest counted `lastState.terminated.finishedAt`, if any. */
  lastRestart: number | undefined;
  /** RESTARTS, e.g. `0`, `5 (2m ago)`. */
  restartsText: string;
}

function isRestartable(container: Rec | undefined): boolean {
  return container?.['restartPolicy'] === 'Always';
}

function lastFinishedAt(cs: Rec): number | undefined {
  return parseTime(rec(rec(cs['lastState'])['terminated'])['finishedAt']);
}

function later(a: number | undefined, b: number | undefined): number | undefined {
  if (b === undefined) return a;
  return a === undefined || a < b ? b : a;
}

function exitText(t: Rec): string {
  const signal = int(t['signal']);
  return signal !== 0 ? `Signal:${signal}` : `ExitCode:${int(t['exitCode'])}`;
}

/**
 * podColumns computes printPod's READY, STATUS and RESTARTS for `pod` at `now`. It follows
 * kubectl's order of precedence: phase, then status.reason, then SchedulingGated; the first
 * init container not done (Init:N/M, Init:<reason>, Init:Signal:N, Init:ExitCode:N); then, once
 * initialised, app containers from last to first (waiting reason, terminated reason, Signal:N,
 * ExitCode:N), with `Completed` turned back into Running/NotReady while a container still runs;
 * finally Unknown (deleted on a lost node) or Terminating (deleted, not terminal). Restartable
 * init containers (sidecars) count towards READY and RESTARTS.
 */
export function podColumns(pod: KubeObject, now: number): PodColumns {
  const sp = spec(pod);
  const st = status(pod);
  const phase = str(st['phase']) ?? '';
  let reason = str(st['reason']) ?? phase;
  if (recs(st['conditions']).some((c) => c['type'] === 'PodScheduled' && c['reason'] === 'SchedulingGated')) {
    reason = 'SchedulingGated';
  }

  const initSpecs = recs(sp['initContainers']);
  const initByName = new Map<string, Rec>();
  let total = recs(sp['containers']).length;
  for (const c of initSpecs) {
    if (typeof c['name'] === 'string') initByName.set(c['name'], c);
    if (isRestartable(c)) total++;
  }

  let ready = 0;
  let restarts = 0;
  let lastRestart: number | undefined;
  let sidecarRestarts = 0;
  let lastSidecarRestart: number | undefined;
  let initializing = false;
  const initStatuses = recs(st['initContainerStatuses']);
  for (let i = 0; i < initStatuses.length; i++) {
    const cs = initStatuses[i]!;
    const restartable = isRestartable(initByName.get(String(cs['name'])));
    const finished = lastFinishedAt(cs);
    restarts += int(cs['restartCount']);
    lastRestart = later(lastRestart, finished);
    if (restartable) {
      sidecarRestarts += int(cs['restartCount']);
      lastSidecarRestart = later(lastSidecarRestart, finished);
    }
    const state = rec(cs['state']);
    const terminated = state['terminated'] ? rec(state['terminated']) : undefined;
    const waitingReason = str(rec(state['waiting'])['reason']);
    if (terminated && int(terminated['exitCode']) === 0) continue;
    if (restartable && cs['started'] === true) {
      if (cs['ready'] === true) ready++;
      continue;
    }
    if (terminated) {
      const r = str(terminated['reason']);
      reason = r ? `Init:${r}` : `Init:${exitText(terminated)}`;
    } else if (waitingReason && waitingReason !== 'PodInitializing') {
      reason = `Init:${waitingReason}`;
    } else {
      reason = `Init:${i}/${initSpecs.length}`;
    }
    initializing = true;
    break;
  }

  if (!initializing || conditionIs(st['conditions'], 'Initialized')) {
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    const statuses = recs(st['containerStatuses']);
    for (let i = statuses.length - 1; i >= 0; i--) {
      const cs = statuses[i]!;
      restarts += int(cs['restartCount']);
      lastRestart = later(lastRestart, lastFinishedAt(cs));
      const state = rec(cs['state']);
      const waitingReason = str(rec(state['waiting'])['reason']);
      const terminated = state['terminated'] ? rec(state['terminated']) : undefined;
      if (waitingReason) reason = waitingReason;
      else if (terminated) reason = str(terminated['reason']) ?? exitText(terminated);
      else if (cs['ready'] === true && state['running']) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      reason = conditionIs(st['conditions'], 'Ready') ? 'Running' : 'NotReady';
    }
  }

  if (pod.metadata.deletionTimestamp && st['reason'] === NODE_LOST) reason = 'Unknown';
  else if (pod.metadata.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed')
    reason = 'Terminating';

  const restartsText =
    restarts !== 0 && lastRestart !== undefined
      ? `${restarts} (${humanDuration(now - lastRestart)} ago)`
      : String(restarts);
  return { status: reason, ready, total, restarts, lastRestart, restartsText };
}

const STARTING = new Set(['Pending', 'ContainerCreating', 'PodInitializing', 'SchedulingGated']);

/**
 * podHealth maps printPod's STATUS to a Health:
 * - Terminating, Pending, ContainerCreating, PodInitializing, SchedulingGated, Init:N/M,
 *   Init:ContainerCreating/PodInitializing: progressing, except a Pending pod the scheduler
 *   reports Unschedulable (warning);
 * - phase Succeeded: done; phase Failed: error (Error, OOMKilled, Evicted, ...);
 * - Running with every container ready: ok, unless it restarted within RECENT_RESTART_MS
 *   (warning); Running with a container not ready, NotReady, or Completed while the pod
 *   still runs: warning;
 * - Unknown (lost node) or an empty phase: unknown;
 * - any other reason (CrashLoopBackOff, ImagePullBackOff, ErrImagePull, Init:Error,
 *   CreateContainerConfigError, ExitCode:N, Signal:N, ...): error.
 */
export function podHealth(pod: KubeObject, cols: PodColumns, now: number): Health {
  const st = status(pod);
  const phase = str(st['phase']);
  const s = cols.status;
  if (s === 'Terminating') return 'progressing';
  if (s === 'Unknown' || phase === 'Unknown' || s === '') return 'unknown';
  if (phase === 'Succeeded') return 'done';
  if (phase === 'Failed') return 'error';
  const init = s.startsWith('Init:') ? s.slice(5) : undefined;
  if (init !== undefined && (/^\d+\/\d+$/.test(init) || STARTING.has(init))) return 'progressing';
  if (STARTING.has(s)) {
    const scheduled = condition(st['conditions'], 'PodScheduled');
    const unschedulable = scheduled?.['status'] === 'False' && scheduled['reason'] === 'Unschedulable';
    return s === 'Pending' && unschedulable ? 'warning' : 'progressing';
  }
  if (s === 'Running') {
    if (cols.ready < cols.total) return 'warning';
    const recent = cols.lastRestart !== undefined && now - cols.lastRestart < RECENT_RESTART_MS;
    return recent ? 'warning' : 'ok';
  }
  if (s === 'NotReady' || s === 'Completed') return 'warning';
  return 'error';
}

function restartsPhrase(cols: PodColumns, now: number): string | undefined {
  if (cols.restarts === 0) return undefined;
  const ago = cols.lastRestart === undefined ? '' : ` (${humanDuration(now - cols.lastRestart)} ago)`;
  return `${plural(cols.restarts, 'restart')}${ago}`;
}

/** podMessage is the most telling message: the pod's own, else the first container's waiting/terminated one. */
function podMessage(pod: KubeObject): string | undefined {
  const st = status(pod);
  const own = str(st['message']);
  if (own) return own;
  for (const cs of [...recs(st['initContainerStatuses']), ...recs(st['containerStatuses'])]) {
    const state = rec(cs['state']);
    const m = str(rec(state['waiting'])['message']) ?? str(rec(state['terminated'])['message']);
    if (m) return m;
  }
  return undefined;
}

/** summarizePod renders a Pod: description `1/2 · 5 restarts (2m ago) · 3h`. */
export function summarizePod(pod: KubeObject, now: number): ResourceSummary {
  const cols = podColumns(pod, now);
  const sp = spec(pod);
  const st = status(pod);
  const age = ageOf(pod, now);
  const ip = str(rec(recs(st['podIPs'])[0])['ip']) ?? str(st['podIP']) ?? '<none>';
  const fields: Field[] = [
    { label: 'Status', value: cols.status },
    { label: 'Ready', value: `${cols.ready}/${cols.total}` },
    { label: 'Restarts', value: cols.restartsText },
    { label: 'Age', value: age },
    { label: 'Node', value: str(sp['nodeName']) ?? '<none>' },
    { label: 'IP', value: ip },
  ];
  const nominated = str(st['nominatedNodeName']);
  if (nominated) fields.push({ label: 'Nominated Node', value: nominated });
  const gates = recs(sp['readinessGates']);
  if (gates.length > 0) {
    const conds = recs(st['conditions']);
    const ok = gates.filter(
      (g) => conds.find((c) => c['type'] === g['conditionType'])?.['status'] === 'True',
    );
    fields.push({ label: 'Readiness Gates', value: `${ok.length}/${gates.length}` });
  }
  const owner = controllerOf(pod);
  if (owner) fields.push({ label: 'Controlled By', value: `${owner.kind}/${owner.name}` });
  const images = recs(sp['containers']).map((c) => str(c['image']) ?? '');
  if (images.length > 0) fields.push({ label: 'Images', value: images.join(',') });
  const message = podMessage(pod);
  if (message) fields.push({ label: 'Message', value: message });
  return {
    health: podHealth(pod, cols, now),
    status: cols.status,
    description: joinDescription(
      `${cols.ready}/${cols.total}`,
      restartsPhrase(cols, now),
      age === '<unknown>' ? undefined : age,
    ),
    fields,
    ready: { ready: cols.ready, desired: cols.total },
    restarts: cols.restarts,
  };
}
