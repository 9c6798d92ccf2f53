/**
 * revisions: the StatefulSet and DaemonSet controllers' revision history, as they write it.
 * Each pod template a workload has had is one ControllerRevision named `<workload>-<hash>`,
 * controlled by the workload, holding the patch that restores the template (`data.spec.template`,
 * `$patch: replace`) and a `revision` number (the newest + 1 for a new template). Pods carry
 * the revision in their `controller-revision-hash` label: the revision's NAME for a StatefulSet
 * (also in status.currentRevision/updateRevision), its hash for a DaemonSet (whose pods also
 * carry `pod-template-generation`, the API server's template generation).
 *
 * The rollouts here stop where a real one stops when the new revision's first pod cannot start:
 * a StatefulSet's RollingUpdate replaced its highest ordinal, a DaemonSet's (maxUnavailable 1)
 * replaced the pod of one node, and that pod cannot pull its new image.
 */
import type { KubeObject } from '../../src/core/cache/types';
import { controllerRevision } from '../server/fixturesAdded';
import { NODES, type Sim } from './controllers';
import { podTemplateHash } from './names';
import { seedImagePull } from './troubles';

type Rec = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** TEMPLATE_GENERATION: the API server's count of a DaemonSet's template changes (apps/v1 keeps it in this annotation). */
export const TEMPLATE_GENERATION = 'deprecated.daemonset.template.generation';

/** revisionHash is the hash a template's ControllerRevision is named after. */
export function revisionHash(template: unknown): string {
  return podTemplateHash(template);
}

/** revisionsOf lists the ControllerRevisions `owner` controls, oldest revision first. */
export function revisionsOf(sim: Sim, owner: Rec): Rec[] {
  return (sim.server.list('apps/v1', 'ControllerRevision', owner.metadata.namespace) as Rec[])
    .filter((cr) => cr.metadata.ownerReferences?.some((r: Rec) => r.uid === owner.metadata.uid))
    .sort((a, b) => a.revision - b.revision);
}

/** snapshotRevision writes the ControllerRevision of `owner`'s current template as revision `revision`, created at `at`. */
export function snapshotRevision(sim: Sim, owner: Rec, revision: number, at: number): Rec {
  const hash = revisionHash(owner.spec.template);
  const ref = {
    kind: owner.kind as 'StatefulSet' | 'DaemonSet',
    namespace: owner.metadata.namespace as string,
    name: owner.metadata.name as string,
    uid: owner.metadata.uid as string,
  };
  return sim.server.create(
    controllerRevision(ref, hash, revision, owner.spec.template, { creationTimestamp: at }),
  ) as Rec;
}

/** newRevision changes `owner`'s template with `change` and writes its next ControllerRevision. */
function newRevision(
  sim: Sim,
  owner: Rec,
  change: (template: Rec) => void,
  at: number,
): { owner: Rec; cr: Rec } {
  change(owner.spec.template);
  if (owner.kind === 'DaemonSet') {
    const gen = Number(owner.metadata.annotations?.[TEMPLATE_GENERATION] ?? 1) + 1;
    owner.metadata.annotations = { ...owner.metadata.annotations, [TEMPLATE_GENERATION]: String(gen) };
  }
  const stored = sim.server.update(owner as KubeObject) as Rec;
  const next = Math.max(0, ...revisionsOf(sim, stored).map((r) => r.revision)) + 1;
  return { owner: stored, cr: snapshotRevision(sim, stored, next, at) };
}

/** StuckRollout: what a rollout left behind. */
export interface StuckRollout {
  owner: Rec;
  previous: Rec;
  current: Rec;
  /** The pod of the new revision that cannot pull its image. */
  pod: Rec;
}

/**
 * rollStatefulSetStuck rolls a StatefulSet whose highest ordinal pod was left out at creation
 * (createStatefulSet `pods: replicas - 1`) to `image` at `at`: revision 2, the ordinal deleted
 * and re-created at it, its image pull failing since; status says the rollout is under way.
 */
export function rollStatefulSetStuck(
  sim: Sim,
  namespace: string,
  name: string,
  o: { image: string; at: number; until: number; tries: number },
): StuckRollout {
  const sts = sim.mustGet('apps/v1', 'StatefulSet', namespace, name);
  const previous = revisionsOf(sim, sts).at(-1)!;
  const { owner, cr } = newRevision(sim, sts, (t) => (t.spec.containers[0].image = o.image), o.at);
  const ordinal = (owner.spec.replicas as number) - 1;
  const podName = `${name}-${ordinal}`;
  sim.recorder.record(owner as KubeObject, {
    reason: 'SuccessfulDelete',
    message: `delete Pod ${podName} in StatefulSet ${name} successful`,
    component: 'statefulset-controller',
    at: o.at + 200,
  });
  sim.recorder.record(owner as KubeObject, {
    reason: 'SuccessfulCreate',
    message: `create Pod ${podName} in StatefulSet ${name} successful`,
    component: 'statefulset-controller',
    at: o.at + 1000,
  });
  const created = sim.createPod({
    namespace,
    name: podName,
    labels: {
      ...owner.spec.template.metadata.labels,
      'apps.kubernetes.io/pod-index': String(ordinal),
      'controller-revision-hash': cr.metadata.name,
      'statefulset.kubernetes.io/pod-name': podName,
    },
    owner: owner as KubeObject,
    image: o.image,
    container: owner.spec.template.spec.containers[0].name,
    at: o.at + 1000,
  });
  const pod = seedImagePull(sim, created, { firstAt: o.at + 1000, at: o.until, tries: o.tries });
  const live = sim.mustGet('apps/v1', 'StatefulSet', namespace, name);
  const replicas = live.spec.replicas as number;
  live.status = {
    observedGeneration: live.metadata.generation ?? 2,
    replicas,
    readyReplicas: replicas - 1,
    currentReplicas: replicas - 1,
    updatedReplicas: 1,
    availableReplicas: replicas - 1,
    currentRevision: previous.metadata.name,
    updateRevision: cr.metadata.name,
    collisionCount: 0,
  };
  return { owner: sim.server.update(live as KubeObject) as Rec, previous, current: cr, pod };
}

/**
 * rollDaemonSetStuck rolls a DaemonSet created without a pod on `node` (createDaemonSet
 * `skipNodes`) to a new template at `at` (`change` edits it): revision 2, the node's pod
 * replaced by one of the new revision whose image pull fails since.
 */
export function rollDaemonSetStuck(
  sim: Sim,
  namespace: string,
  name: string,
  o: { change: (template: Rec) => void; node: string; at: number; until: number; tries: number },
): StuckRollout {
  const ds = sim.mustGet('apps/v1', 'DaemonSet', namespace, name);
  const previous = revisionsOf(sim, ds).at(-1)!;
  const { owner, cr } = newRevision(sim, ds, o.change, o.at);
  const hash = cr.metadata.labels['controller-revision-hash'] as string;
  const gone = `${name}-${sim.random.suffix()}`;
  const podName = `${name}-${sim.random.suffix()}`;
  sim.recorder.record(owner as KubeObject, {
    reason: 'SuccessfulDelete',
    message: `Deleted pod: ${gone}`,
    component: 'daemonset-controller',
    at: o.at + 200,
  });
  sim.recorder.record(owner as KubeObject, {
    reason: 'SuccessfulCreate',
    message: `Created pod: ${podName}`,
    component: 'daemonset-controller',
    at: o.at + 1000,
  });
  const node = NODES.find((n) => n.name === o.node) ?? NODES[0]!;
  const container = owner.spec.template.spec.containers[0];
  const created = sim.createPod({
    namespace,
    name: podName,
    generateName: `${name}-`,
    labels: {
      ...owner.spec.template.metadata.labels,
      'controller-revision-hash': hash,
      'pod-template-generation': owner.metadata.annotations[TEMPLATE_GENERATION],
    },
    owner: owner as KubeObject,
    image: container.image,
    container: container.name,
    at: o.at + 1000,
  });
  const pod = seedImagePull(sim, created, { firstAt: o.at + 1000, at: o.until, tries: o.tries, node });
  const live = sim.mustGet('apps/v1', 'DaemonSet', namespace, name);
  const n = NODES.length;
  live.status = {
    desiredNumberScheduled: n,
    currentNumberScheduled: n,
    numberReady: n - 1,
    numberAvailable: n - 1,
    numberUnavailable: 1,
    updatedNumberScheduled: 1,
    numberMisscheduled: 0,
    observedGeneration: live.metadata.generation ?? 2,
  };
  return { owner: sim.server.update(live as KubeObject) as Rec, previous, current: cr, pod };
}
