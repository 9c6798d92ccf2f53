/**
 * conditions: the health of an object of any kind from its status alone, for kinds without a
 * summarizer of their own (custom resources above all). The rules follow kstatus
 * (sigs.k8s.io/cli-utils) where it has one, and what users of Lens, Headlamp and Argo CD expect
 * where it is silent, so a failing Certificate or Application shows red:
 * - deleted (deletionTimestamp): Terminating, progressing;
 * - `status.observedGeneration` behind `metadata.generation`: Reconciling, progressing (the
 *   controller has not seen the newest spec, so whatever else the status says is old);
 * - `Stalled=True`: Stalled, error; `Reconciling=True`: Reconciling, progressing;
 * - `Ready`: True ok, False error (with its reason), Unknown progressing; else `Available` the
 *   same way, and `Progressing=True` progressing;
 * - a condition whose type ends in Failed/Failure/Error/Degraded that is True: error;
 * - Argo CD's `status.health.status`: Healthy ok, Progressing progressing, Degraded/Missing error,
 *   Suspended done;
 * - `status.phase`: Failed/Error/Lost error, Pending/Terminating progressing, Succeeded/Completed
 *   done, any other phase ok (Running, Active, Bound, Available…);
 * - nothing of the above: no status, unknown health.
 * Pure: reads the object, never throws on a malformed status.
 */
import type { KubeObject } from '../cache/types';
import { condition, rec, recs, status, str } from './read';
import type { Health } from './types';

/** ConditionStatus is the word and health an object's status says. */
export interface ConditionStatus {
  status: string;
  health: Health;
  /** Why, when the status says (a False Ready condition's reason and message). */
  detail?: string;
}

const FAILURE_TYPE = /(Failed|Failure|Error|Degraded)$/;
const DONE_PHASES = new Set(['Succeeded', 'Completed']);
const ERROR_PHASES = new Set(['Failed', 'Error', 'Lost']);
const PROGRESSING_PHASES = new Set(['Pending', 'Terminating', 'Provisioning']);

function detailOf(c: Record<string, unknown>): string | undefined {
  const reason = str(c['reason']);
  const message = str(c['message']);
  if (reason && message) return `${reason}: ${message}`;
  return reason ?? message;
}

/** fromCondition reads one Ready-like condition: True ok, False error, Unknown progressing. */
function fromCondition(
  c: Record<string, unknown>,
  type: string,
  notType: string,
): ConditionStatus | undefined {
  const s = c['status'];
  if (s === 'True') return { status: type, health: 'ok' };
  if (s === 'False') return { status: notType, health: 'error', detail: detailOf(c) };
  if (s === 'Unknown') return { status: 'Reconciling', health: 'progressing', detail: detailOf(c) };
  return undefined;
}

/** conditionStatus computes the status of `obj` by the rules above. */
export function conditionStatus(obj: KubeObject): ConditionStatus {
  const st = status(obj);
  if (obj.metadata.deletionTimestamp) return { status: 'Terminating', health: 'progressing' };
  const generation = obj.metadata.generation;
  const observed = st['observedGeneration'];
  if (typeof generation === 'number' && typeof observed === 'number' && observed < generation) {
    return {
      status: 'Reconciling',
      health: 'progressing',
      detail: `generation ${generation} not yet observed`,
    };
  }
  const conditions = st['conditions'];
  const stalled = condition(conditions, 'Stalled');
  if (stalled?.['status'] === 'True')
    return { status: 'Stalled', health: 'error', detail: detailOf(stalled) };
  const reconciling = condition(conditions, 'Reconciling');
  if (reconciling?.['status'] === 'True') {
    return { status: 'Reconciling', health: 'progressing', detail: detailOf(reconciling) };
  }
  for (const c of recs(conditions)) {
    const type = str(c['type']);
    if (type && FAILURE_TYPE.test(type) && c['status'] === 'True') {
      return { status: type, health: 'error', detail: detailOf(c) };
    }
  }
  const ready = condition(conditions, 'Ready');
  const fromReady = ready && fromCondition(ready, 'Ready', 'NotReady');
  if (fromReady) return fromReady;
  const available = condition(conditions, 'Available');
  const fromAvailable = available && fromCondition(available, 'Available', 'Unavailable');
  if (fromAvailable) return fromAvailable;
  if (condition(conditions, 'Progressing')?.['status'] === 'True')
    return { status: 'Progressing', health: 'progressing' };
  const argo = str(rec(st['health'])['status']);
  if (argo === 'Healthy') return { status: argo, health: 'ok' };
  if (argo === 'Progressing') return { status: argo, health: 'progressing' };
  if (argo === 'Degraded' || argo === 'Missing') return { status: argo, health: 'error' };
  if (argo === 'Suspended') return { status: argo, health: 'done' };
  const phase = str(st['phase']);
  if (phase) {
    if (ERROR_PHASES.has(phase)) return { status: phase, health: 'error' };
    if (PROGRESSING_PHASES.has(phase)) return { status: phase, health: 'progressing' };
    if (DONE_PHASES.has(phase)) return { status: phase, health: 'done' };
    return { status: phase, health: 'ok' };
  }
  return { status: '', health: 'unknown' };
}
