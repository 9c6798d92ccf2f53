/**
 * deployments: the Deployment controller of the simulation (a Deployment's ReplicaSets named
 * after their pod-template-hash, ScalingReplicaSet events, status summed from the ReplicaSets)
 * and Services. Rolling updates step by step live in ./rollout.
 */
import type { KubeObject } from '../../src/core/cache/types';
import { deployment, replicaSet, rfc3339, service } from '../server/fixtures';
import type { Sim } from './controllers';
import { podTemplateHash } from './names';

type Rec = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** replicaSetsOf returns the Deployment's ReplicaSets. */
export function replicaSetsOf(sim: Sim, dep: Rec): Rec[] {
  return (sim.server.list('apps/v1', 'ReplicaSet', dep.metadata.namespace) as Rec[]).filter((rs) =>
    (rs.metadata.ownerReferences ?? []).some((r: Rec) => r.uid === dep.metadata.uid),
  );
}

/** currentHash is the pod-template-hash of the Deployment's template. */
export function currentHash(dep: Rec): string {
  return podTemplateHash(dep.spec.template);
}

/**
 * createDeployment creates a Deployment with its first ReplicaSet and pods, as `kubectl
 * apply` followed by the controllers would. `launch: false` leaves the pods unscheduled.
 */
export function createDeployment(
  sim: Sim,
  namespace: string,
  name: string,
  o: {
    replicas: number;
    image: string;
    container?: string;
    at: number;
    requests?: Record<string, string>;
    launch?: boolean;
    labels?: Record<string, string>;
  },
): { deployment: Rec; replicaSet: Rec; pods: Rec[] } {
  const d = deployment(namespace, name, {
    replicas: o.replicas,
    image: o.image,
    creationTimestamp: o.at,
    ...(o.labels ? { labels: o.labels } : {}),
  }) as Rec;
  const c = d.spec.template.spec.containers[0];
  c.name = o.container ?? 'app';
  if (o.requests) c.resources = { requests: { ...o.requests }, limits: { ...o.requests } };
  d.status = { observedGeneration: 1, replicas: 0 };
  const dep = sim.server.create(d as KubeObject) as Rec;
  const rs = newReplicaSet(sim, dep, o.at + 100, 1);
  scalingEvent(sim, dep, rs.metadata.name, 0, o.replicas, o.at + 150);
  const pods = sim.scaleReplicaSet(rs, o.replicas, o.at + 200, { launch: o.launch ?? true });
  const liveRs = sim.mustGet('apps/v1', 'ReplicaSet', namespace, rs.metadata.name);
  return { deployment: syncDeployment(sim, dep, true, [liveRs]), replicaSet: liveRs, pods };
}

/** newReplicaSet creates the ReplicaSet for the Deployment's current template at 0 replicas. */
export function newReplicaSet(sim: Sim, dep: Rec, at: number, revision: number): Rec {
  const hash = currentHash(dep);
  const rs = replicaSet(dep.metadata.namespace, `${dep.metadata.name}-${hash}`, {
    deployment: dep as KubeObject,
    podTemplateHash: hash,
    replicas: 0,
    creationTimestamp: at,
  }) as Rec;
  rs.metadata.annotations['deployment.kubernetes.io/revision'] = String(revision);
  rs.metadata.annotations['deployment.kubernetes.io/max-replicas'] = String(
    dep.spec.replicas + Math.max(1, Math.ceil(dep.spec.replicas / 4)),
  );
  rs.status = { replicas: 0, observedGeneration: 1 };
  return sim.server.create(rs as KubeObject) as Rec;
}

/** scalingEvent emits the deployment controller's ScalingReplicaSet event. */
export function scalingEvent(sim: Sim, dep: Rec, rsName: string, from: number, to: number, at: number): void {
  sim.recorder.record(dep as KubeObject, {
    reason: 'ScalingReplicaSet',
    message: `Scaled ${to > from ? 'up' : 'down'} replica set ${rsName} from ${from} to ${to}`,
    component: 'deployment-controller',
    at,
  });
}

/** scaleDeployment changes the Deployment's replicas and scales its current ReplicaSet to match. */
export function scaleDeployment(
  sim: Sim,
  namespace: string,
  name: string,
  replicas: number,
  at: number,
): { from: number; to: number; created: Rec[] } {
  const dep = sim.mustGet('apps/v1', 'Deployment', namespace, name);
  const rs = sim.mustGet('apps/v1', 'ReplicaSet', namespace, `${name}-${currentHash(dep)}`);
  const from = rs.spec.replicas as number;
  dep.spec.replicas = replicas;
  const stored = sim.server.update(dep as KubeObject) as Rec;
  scalingEvent(sim, stored, rs.metadata.name, from, replicas, at);
  const created = sim.scaleReplicaSet(rs, replicas, at + 50);
  syncDeployment(sim, stored);
  return { from, to: replicas, created };
}

/** syncDeployment writes the Deployment's status from its ReplicaSets (read unless given); returns it as stored. */
export function syncDeployment(sim: Sim, dep: Rec, done = true, rsesKnown?: Rec[]): Rec {
  const live = sim.mustGet('apps/v1', 'Deployment', dep.metadata.namespace, dep.metadata.name);
  const rses = rsesKnown ?? replicaSetsOf(sim, live);
  const hash = currentHash(live);
  const sum = (f: (rs: Rec) => number) => rses.reduce((n, rs) => n + f(rs), 0);
  const replicas = sum((rs) => rs.status?.replicas ?? 0);
  const ready = sum((rs) => rs.status?.readyReplicas ?? 0);
  const updated = rses
    .filter((rs) => rs.metadata.labels?.['pod-template-hash'] === hash)
    .reduce((n, rs) => n + (rs.status?.replicas ?? 0), 0);
  const want = live.spec.replicas as number;
  const now = rfc3339(sim.now());
  const prev = new Map<string, Rec>(((live.status?.conditions ?? []) as Rec[]).map((c) => [c.type, c]));
  const cond = (type: string, status: boolean, reason: string, message: string): Rec => {
    const old = prev.get(type);
    const same = old && old.status === (status ? 'True' : 'False');
    return {
      type,
      status: status ? 'True' : 'False',
      lastUpdateTime: now,
      lastTransitionTime: same ? old.lastTransitionTime : now,
      reason,
      message,
    };
  };
  const available = ready >= want - Math.floor(want / 4);
  const rsName = `${live.metadata.name}-${hash}`;
  live.status = {
    observedGeneration: live.metadata.generation ?? 1,
    replicas,
    updatedReplicas: updated,
    ...(ready ? { readyReplicas: ready, availableReplicas: ready } : {}),
    ...(replicas - ready > 0 ? { unavailableReplicas: replicas - ready } : {}),
    conditions: [
      cond(
        'Available',
        available,
        available ? 'MinimumReplicasAvailable' : 'MinimumReplicasUnavailable',
        available ? 'Deployment has minimum availability.' : 'Deployment does not have minimum availability.',
      ),
      done && updated === want && replicas === want
        ? cond(
            'Progressing',
            true,
            'NewReplicaSetAvailable',
            `ReplicaSet "${rsName}" has successfully progressed.`,
          )
        : cond('Progressing', true, 'ReplicaSetUpdated', `ReplicaSet "${rsName}" is progressing.`),
    ],
  };
  return sim.server.update(live as KubeObject) as Rec;
}

/** createService creates a ClusterIP Service (or a headless one) selecting `selector`. */
export function createService(
  sim: Sim,
  namespace: string,
  name: string,
  selector: Record<string, string>,
  port: number,
  at: number,
  headless = false,
): Rec {
  const s = service(namespace, name, {
    selector,
    port,
    creationTimestamp: at,
    labels: { app: name },
  }) as Rec;
  const ip = headless ? 'None' : sim.nextClusterIp();
  s.spec.clusterIP = ip;
  s.spec.clusterIPs = [ip];
  s.spec.ports[0].name = port === 5432 ? 'postgres' : 'http';
  return sim.server.create(s as KubeObject) as Rec;
}
