/**
 * workloads: the StatefulSet and DaemonSet controllers of the simulation, for the one-shot
 * creation the seeded cluster needs: a StatefulSet's pods `<name>-0..n-1` created in order,
 * a DaemonSet's pods one per node (the cordoned one included: DaemonSets tolerate it). Each
 * writes its revision 1 ControllerRevision first, as the real controllers do (see ./revisions);
 * `pods` / `skipNodes` leave pods out for a rollout (./revisions) to create at revision 2.
 */
import type { KubeObject } from '../../src/core/cache/types';
import { daemonSet, statefulSet } from '../server/fixtures';
import { NODES, type Sim } from './controllers';
import { podTemplateHash } from './names';
import { snapshotRevision, TEMPLATE_GENERATION } from './revisions';

type Rec = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** createStatefulSet creates a StatefulSet and its pods, 10 s apart (OrderedReady). */
export function createStatefulSet(
  sim: Sim,
  namespace: string,
  name: string,
  o: { replicas: number; image: string; container: string; at: number; pods?: number },
): { statefulSet: Rec; pods: Rec[] } {
  const s = statefulSet(namespace, name, {
    replicas: o.replicas,
    image: o.image,
    creationTimestamp: o.at,
    labels: { app: name },
  }) as Rec;
  s.spec.template.spec.containers[0].name = o.container;
  s.spec.podManagementPolicy = 'OrderedReady';
  s.spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { partition: 0 } };
  const revision = `${name}-${podTemplateHash(s.spec.template)}`;
  s.status = { replicas: 0, observedGeneration: 1 };
  const sts = sim.server.create(s as KubeObject) as Rec;
  snapshotRevision(sim, sts, 1, o.at);
  const pods: Rec[] = [];
  for (let i = 0; i < Math.min(o.replicas, o.pods ?? o.replicas); i++) {
    const at = o.at + 1000 + i * 10_000;
    const podName = `${name}-${i}`;
    sim.recorder.record(sts as KubeObject, {
      reason: 'SuccessfulCreate',
      message: `create Pod ${podName} in StatefulSet ${name} successful`,
      component: 'statefulset-controller',
      at,
    });
    pods.push(
      sim.launch({
        namespace,
        name: podName,
        labels: {
          app: name,
          'apps.kubernetes.io/pod-index': String(i),
          'controller-revision-hash': revision,
          'statefulset.kubernetes.io/pod-name': podName,
        },
        owner: sts as KubeObject,
        image: o.image,
        container: o.container,
        at,
      }),
    );
  }
  const live = sim.mustGet('apps/v1', 'StatefulSet', namespace, name);
  live.status = {
    observedGeneration: 1,
    replicas: o.replicas,
    readyReplicas: o.replicas,
    currentReplicas: o.replicas,
    updatedReplicas: o.replicas,
    availableReplicas: o.replicas,
    currentRevision: revision,
    updateRevision: revision,
    collisionCount: 0,
  };
  return { statefulSet: sim.server.update(live as KubeObject) as Rec, pods };
}

/** createDaemonSet creates a DaemonSet and one pod per node. */
export function createDaemonSet(
  sim: Sim,
  namespace: string,
  name: string,
  o: { image: string; container: string; at: number; skipNodes?: readonly string[] },
): { daemonSet: Rec; pods: Rec[] } {
  const d = daemonSet(namespace, name, {
    replicas: NODES.length,
    image: o.image,
    creationTimestamp: o.at,
    labels: { app: name },
  }) as Rec;
  d.spec.template.spec.containers[0].name = o.container;
  d.metadata.annotations = { ...d.metadata.annotations, [TEMPLATE_GENERATION]: '1' };
  d.spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } };
  const revision = podTemplateHash(d.spec.template);
  d.status = {
    desiredNumberScheduled: 0,
    currentNumberScheduled: 0,
    numberReady: 0,
    numberMisscheduled: 0,
    observedGeneration: 1,
  };
  const ds = sim.server.create(d as KubeObject) as Rec;
  snapshotRevision(sim, ds, 1, o.at);
  const on = NODES.filter((node) => !o.skipNodes?.includes(node.name));
  const pods = on.map((node, i) => {
    const podName = `${name}-${sim.random.suffix()}`;
    const at = o.at + 500 + i * 200;
    sim.recorder.record(ds as KubeObject, {
      reason: 'SuccessfulCreate',
      message: `Created pod: ${podName}`,
      component: 'daemonset-controller',
      at,
    });
    return sim.launch(
      {
        namespace,
        name: podName,
        generateName: `${name}-`,
        labels: { app: name, 'controller-revision-hash': revision, 'pod-template-generation': '1' },
        owner: ds as KubeObject,
        image: o.image,
        container: o.container,
        at,
      },
      node,
    );
  });
  const n = NODES.length;
  const live = sim.mustGet('apps/v1', 'DaemonSet', namespace, name);
  live.status = {
    desiredNumberScheduled: n,
    currentNumberScheduled: n,
    numberReady: n,
    numberAvailable: n,
    updatedNumberScheduled: n,
    numberMisscheduled: 0,
    observedGeneration: 1,
  };
  return { daemonSet: sim.server.update(live as KubeObject) as Rec, pods };
}
