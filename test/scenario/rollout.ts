/**
 * rollout: the Deployment controller's RollingUpdate (maxSurge 25% rounded up, maxUnavailable
 * 25% rounded down), one scaling decision per `rolloutStep`, read from the server's current
 * state, so a rollout can be stepped from a timer or a test and resumed by any Sim. A template
 * that matches an older ReplicaSet reuses it (a rollback), as the real controller does.
 */
import type { KubeObject } from '../../src/core/cache/types';
import type { Sim } from './controllers';
import { currentHash, newReplicaSet, replicaSetsOf, scalingEvent, syncDeployment } from './deployments';

type Rec = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const revisionOf = (o: Rec) => Number(o.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0);

/** beginRollout changes the Deployment's image and creates (or revives) the ReplicaSet for it at 0 replicas. */
export function beginRollout(
  sim: Sim,
  namespace: string,
  name: string,
  image: string,
  at: number,
): { deployment: Rec; newReplicaSet: Rec } {
  const dep = sim.mustGet('apps/v1', 'Deployment', namespace, name);
  const revision = Math.max(revisionOf(dep), ...replicaSetsOf(sim, dep).map(revisionOf)) + 1;
  dep.spec.template.spec.containers[0].image = image;
  dep.metadata.annotations = {
    ...dep.metadata.annotations,
    'deployment.kubernetes.io/revision': String(revision),
  };
  const stored = sim.server.update(dep as KubeObject) as Rec;
  const hash = currentHash(stored);
  let rs = sim.get('apps/v1', 'ReplicaSet', namespace, `${name}-${hash}`);
  if (rs) {
    rs.metadata.annotations = {
      ...rs.metadata.annotations,
      'deployment.kubernetes.io/revision': String(revision),
    };
    rs = sim.server.update(rs as KubeObject) as Rec;
  } else {
    rs = newReplicaSet(sim, stored, at, revision);
  }
  syncDeployment(sim, stored, false);
  return { deployment: stored, newReplicaSet: rs };
}

/** RolloutStep says what one step did. */
export interface RolloutStep {
  done: boolean;
  /** e.g. `Scaled up replica set web-7d9c5b8f4 from 1 to 2`; empty when done. */
  action: string;
}

/** rolloutStep makes the next scaling decision of a rolling update; `done` once old ReplicaSets are at 0 and the new one at the desired count. */
export function rolloutStep(sim: Sim, namespace: string, name: string, at: number): RolloutStep {
  const dep = sim.mustGet('apps/v1', 'Deployment', namespace, name);
  const want = dep.spec.replicas as number;
  const hash = currentHash(dep);
  const all = replicaSetsOf(sim, dep);
  const fresh = all.find((rs) => rs.metadata.labels?.['pod-template-hash'] === hash);
  if (!fresh)
    throw new Error(`scenario: ${namespace}/${name} has no ReplicaSet for its template (call beginRollout)`);
  const old = all
    .filter((rs) => rs !== fresh && (rs.spec.replicas ?? 0) > 0)
    .sort((a, b) => revisionOf(a) - revisionOf(b));
  const total = all.reduce((n, rs) => n + (rs.spec.replicas ?? 0), 0);
  const maxSurge = Math.max(1, Math.ceil(want / 4));
  const maxUnavailable = Math.floor(want / 4);
  const scale = (rs: Rec, to: number): RolloutStep => {
    const from = rs.spec.replicas ?? 0;
    scalingEvent(sim, dep, rs.metadata.name, from, to, at);
    sim.scaleReplicaSet(rs, to, at + 50);
    syncDeployment(sim, dep, false);
    return {
      done: false,
      action: `Scaled ${to > from ? 'up' : 'down'} replica set ${rs.metadata.name} from ${from} to ${to}`,
    };
  };
  const cur = fresh.spec.replicas ?? 0;
  if (cur < want && total < want + maxSurge)
    return scale(fresh, Math.min(want, cur + (want + maxSurge - total)));
  if (old.length > 0) {
    const victim = old[0]!;
    const n = victim.spec.replicas as number;
    return scale(victim, Math.max(0, n - Math.max(1, total - want + maxUnavailable)));
  }
  if (cur > want) return scale(fresh, want);
  syncDeployment(sim, dep, true);
  return { done: true, action: '' };
}
