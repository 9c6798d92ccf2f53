/**
 * workloads: Deployments, ReplicaSets, StatefulSets and DaemonSets. kubectl prints no STATUS
 * for these, only counts (READY `ready/desired`, UP-TO-DATE, AVAILABLE); our status word and
 * Health come from the counts and the controllers' conditions:
 *
 * | status                   | health      | when                                                             |
 * |--------------------------|-------------|------------------------------------------------------------------|
 * | Terminating              | progressing | metadata.deletionTimestamp is set                                |
 * | ProgressDeadlineExceeded | error       | Deployment condition Progressing=False (that reason, or another) |
 * | ReplicaFailure           | error       | condition ReplicaFailure=True (e.g. quota refused a pod)         |
 * | Paused                   | warning     | Deployment spec.paused while a rollout is pending                 |
 * | Progressing              | progressing | a rollout or scale-up is under way (see `rolling` per kind), or  |
 * |                          |             | a ReplicaSet/StatefulSet/DaemonSet younger than NEW_GRACE_MS      |
 * |                          |             | is not ready yet                                                 |
 * | ScaledDown               | done        | desired is 0                                                     |
 * | Available / Ready        | ok          | ready >= desired (Available for Deployments)                     |
 * | Unavailable              | error       | 0 ready, or Deployment condition Available=False                 |
 * | Degraded                 | warning     | some, not all, ready                                             |
 */
import type { KubeObject } from '../cache/types';
import { parseTime } from '../events/model';
import {
  ageOf,
  condition,
  conditionIs,
  formatLabelSelector,
  formatLabels,
  int,
  joinDescription,
  num,
  rec,
  spec,
  status,
  str,
  templateImages,
} from './read';
import type { Field, Health, ResourceSummary } from './types';

/** NEW_GRACE_MS: how long a new ReplicaSet/StatefulSet/DaemonSet may be unready before it is a warning/error. */
export const NEW_GRACE_MS = 5 * 60_000;

interface Counts {
  ready: number;
  desired: number;
  /** A rollout or scale is under way. */
  rolling: boolean;
  /** The word for "all ready". */
  okWord: 'Available' | 'Ready';
  /** Condition-based verdicts, already checked, that win over the counts. */
  failure?: string;
  /** The controller itself says nothing is available (Deployment Available=False). */
  unavailable?: boolean;
  paused?: boolean;
  /** Young enough that unready replicas are still starting. */
  young?: boolean;
}

function verdict(obj: KubeObject, c: Counts): { status: string; health: Health } {
  if (obj.metadata.deletionTimestamp) return { status: 'Terminating', health: 'progressing' };
  if (c.failure) return { status: c.failure, health: 'error' };
  if (c.rolling)
    return c.paused
      ? { status: 'Paused', health: 'warning' }
      : { status: 'Progressing', health: 'progressing' };
  if (c.desired === 0) return { status: 'ScaledDown', health: 'done' };
  if (c.ready >= c.desired) return { status: c.okWord, health: 'ok' };
  if (c.young) return { status: 'Progressing', health: 'progressing' };
  if (c.ready === 0 || c.unavailable) return { status: 'Unavailable', health: 'error' };
  return { status: 'Degraded', health: 'warning' };
}

function generationBehind(obj: KubeObject): boolean {
  const gen = obj.metadata.generation;
  const observed = num(status(obj)['observedGeneration']);
  return typeof gen === 'number' && observed !== undefined && observed < gen;
}

function isYoung(obj: KubeObject, now: number): boolean {
  const created = parseTime(obj.metadata.creationTimestamp);
  return created !== undefined && now - created < NEW_GRACE_MS;
}

function replicaFailure(obj: KubeObject): string | undefined {
  return conditionIs(status(obj)['conditions'], 'ReplicaFailure') ? 'ReplicaFailure' : undefined;
}

function finish(
  obj: KubeObject,
  now: number,
  c: Counts,
  fields: Field[],
  extra: string[] = [],
): ResourceSummary {
  const v = verdict(obj, c);
  const age = ageOf(obj, now);
  return {
    health: v.health,
    status: v.status,
    description: joinDescription(
      `${c.ready}/${c.desired} ready`,
      ...extra,
      age === '<unknown>' ? undefined : age,
    ),
    fields: [{ label: 'Status', value: v.status }, ...fields, { label: 'Age', value: age }],
    ready: { ready: c.ready, desired: c.desired },
  };
}

/**
 * summarizeDeployment: READY is status.readyReplicas / spec.replicas (default 1). A rollout is
 * under way while the controller has not observed the latest generation, fewer replicas are
 * updated than desired, old replicas remain, or the Progressing condition has a reason other
 * than NewReplicaSetAvailable with fewer available than desired. Progressing=False or
 * ReplicaFailure=True is an error even mid-rollout.
 */
export function summarizeDeployment(obj: KubeObject, now: number): ResourceSummary {
  const sp = spec(obj);
  const st = status(obj);
  const desired = int(sp['replicas'], 1);
  const ready = int(st['readyReplicas']);
  const updated = int(st['updatedReplicas']);
  const available = int(st['availableReplicas']);
  const current = int(st['replicas']);
  const progressing = condition(st['conditions'], 'Progressing');
  const stalled =
    progressing?.['status'] === 'False'
      ? (str(progressing['reason']) ?? 'ProgressDeadlineExceeded')
      : undefined;
  const rolling =
    generationBehind(obj) ||
    updated < desired ||
    current > updated ||
    (progressing?.['status'] === 'True' &&
      progressing['reason'] !== 'NewReplicaSetAvailable' &&
      available < desired);
  const strategy = rec(sp['strategy']);
  const fields: Field[] = [
    { label: 'Ready', value: `${ready}/${desired}` },
    { label: 'Up-to-date', value: String(updated) },
    { label: 'Available', value: String(available) },
    { label: 'Strategy', value: str(strategy['type']) ?? '<none>' },
    { label: 'Images', value: templateImages(sp['template']) },
    { label: 'Selector', value: formatLabelSelector(sp['selector']) },
  ];
  const message = str(progressing?.['message']);
  if (message && (stalled || rolling)) fields.push({ label: 'Message', value: message });
  return finish(
    obj,
    now,
    {
      ready,
      desired,
      rolling,
      okWord: 'Available',
      failure: stalled ?? replicaFailure(obj),
      unavailable: conditionIs(st['conditions'], 'Available', 'False'),
      paused: sp['paused'] === true,
    },
    fields,
    sp['paused'] === true ? ['paused'] : [],
  );
}

/**
 * summarizeReplicaSet: READY is status.readyReplicas / spec.replicas (default 1); a scale is
 * under way while status.replicas differs from the desired count or the generation is not
 * observed yet. A Deployment's old ReplicaSets are ScaledDown (done).
 */
export function summarizeReplicaSet(obj: KubeObject, now: number): ResourceSummary {
  const sp = spec(obj);
  const st = status(obj);
  const desired = int(sp['replicas'], 1);
  const ready = int(st['readyReplicas']);
  const current = int(st['replicas']);
  const fields: Field[] = [
    { label: 'Desired', value: String(desired) },
    { label: 'Current', value: String(current) },
    { label: 'Ready', value: String(ready) },
    { label: 'Images', value: templateImages(sp['template']) },
    { label: 'Selector', value: formatLabelSelector(sp['selector']) },
  ];
  return finish(
    obj,
    now,
    {
      ready,
      desired,
      rolling: generationBehind(obj) || current < desired,
      okWord: 'Ready',
      failure: replicaFailure(obj),
      young: isYoung(obj, now),
    },
    fields,
  );
}

/**
 * summarizeStatefulSet: READY is status.readyReplicas / spec.replicas (default 1); a rollout
 * is under way while the generation is not observed, fewer replicas exist or are updated than
 * desired, or currentRevision differs from updateRevision.
 */
export function summarizeStatefulSet(obj: KubeObject, now: number): ResourceSummary {
  const sp = spec(obj);
  const st = status(obj);
  const desired = int(sp['replicas'], 1);
  const ready = int(st['readyReplicas']);
  const current = int(st['replicas']);
  const updated = num(st['updatedReplicas']);
  const cur = str(st['currentRevision']);
  const upd = str(st['updateRevision']);
  const rolling =
    generationBehind(obj) ||
    current < desired ||
    (updated !== undefined && updated < Math.min(desired, current)) ||
    (cur !== undefined && upd !== undefined && cur !== upd);
  const fields: Field[] = [
    { label: 'Ready', value: `${ready}/${desired}` },
    { label: 'Current', value: String(current) },
    { label: 'Updated', value: String(updated ?? 0) },
    { label: 'Service', value: str(sp['serviceName']) ?? '<none>' },
    { label: 'Images', value: templateImages(sp['template']) },
    { label: 'Selector', value: formatLabelSelector(sp['selector']) },
  ];
  return finish(obj, now, { ready, desired, rolling, okWord: 'Ready', young: isYoung(obj, now) }, fields);
}

/**
 * summarizeDaemonSet: READY is status.numberReady / status.desiredNumberScheduled; a rollout is
 * under way while the generation is not observed or fewer pods are updated or scheduled than
 * desired.
 */
export function summarizeDaemonSet(obj: KubeObject, now: number): ResourceSummary {
  const sp = spec(obj);
  const st = status(obj);
  const desired = int(st['desiredNumberScheduled']);
  const ready = int(st['numberReady']);
  const current = int(st['currentNumberScheduled']);
  const updated = num(st['updatedNumberScheduled']);
  const rolling = generationBehind(obj) || current < desired || (updated !== undefined && updated < desired);
  const fields: Field[] = [
    { label: 'Desired', value: String(desired) },
    { label: 'Current', value: String(current) },
    { label: 'Ready', value: String(ready) },
    { label: 'Up-to-date', value: String(updated ?? 0) },
    { label: 'Available', value: String(int(st['numberAvailable'])) },
    { label: 'Node Selector', value: formatLabels(rec(rec(sp['template'])['spec'])['nodeSelector']) },
    { label: 'Images', value: templateImages(sp['template']) },
    { label: 'Selector', value: formatLabelSelector(sp['selector']) },
  ];
  const misscheduled = int(st['numberMisscheduled']);
  if (misscheduled > 0) fields.push({ label: 'Misscheduled', value: String(misscheduled) });
  return finish(obj, now, { ready, desired, rolling, okWord: 'Ready', young: isYoung(obj, now) }, fields);
}
