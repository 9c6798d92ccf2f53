/**
 * controllers: Sim, a small stand-in for the scheduler, the kubelet and the ReplicaSet
 * controller (the Deployment controller is in ./deployments), writing to a TestServer what
 * those components would write: objects created owner first (so ownerReferences carry real
 * uids), status kept consistent with the pods, and the Events each step emits, with the
 * timestamps given (never later than now()). Sim knows the cluster only
 * through the server (plus an owner -> pods index it builds by reading each namespace once),
 * so a Sim built over an already seeded server carries on from where the seeding stopped.
 */
import type { KubeObject } from '../../src/core/cache/types';
import type { TestServer } from '../server';
import { Random } from '../server/random';
import {
  imageOf,
  newPod,
  setBound,
  setRunning,
  setTerminating,
  containerName,
  type PodSpec,
  type SimNode,
} from './objects';
import { EventRecorder } from './recorder';

type Rec = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** NODES: node-1 (control plane, also runs workloads), node-2, and node-3 (cordoned). */
export const NODES: readonly SimNode[] = [
  { name: 'node-1', ip: '192.168.49.2', cidr: 0, schedulable: true },
  { name: 'node-2', ip: '192.168.49.3', cidr: 1, schedulable: true },
  { name: 'node-3', ip: '192.168.49.4', cidr: 2, schedulable: false },
];

/** SimOptions: the server to drive, its clock, and a seed for generated names. */
export interface SimOptions {
  server: TestServer;
  now?: () => number;
  seed?: number;
}

/** Sim drives one TestServer; all writes happen synchronously inside its methods. */
export class Sim {
  readonly server: TestServer;
  readonly recorder: EventRecorder;
  readonly now: () => number;
  readonly random: Random;
  private cursor = 0;
  private readonly podIps = new Map<string, number>();
  private clusterIps = 16;
  /** namespace -> owner uid -> pod names. */
  private readonly podIndex = new Map<string, Map<string, Set<string>>>();

  constructor(o: SimOptions) {
    this.server = o.server;
    this.now = o.now ?? Date.now;
    this.random = new Random({ seed: o.seed ?? 1 });
    this.recorder = new EventRecorder({ server: this.server, now: this.now });
  }

  /** get reads an object (a fresh mutable copy) or undefined. */
  get(apiVersion: string, kind: string, namespace: string | undefined, name: string): Rec | undefined {
    return this.server.get(apiVersion, kind, namespace, name) as Rec | undefined;
  }

  /** mustGet reads an object or throws naming it. */
  mustGet(apiVersion: string, kind: string, namespace: string | undefined, name: string): Rec {
    const o = this.get(apiVersion, kind, namespace, name);
    if (!o)
      throw new Error(
        `scenario: ${kind} ${namespace ? `${namespace}/` : ''}${name} not found (was the cluster seeded?)`,
      );
    return o;
  }

  // ---- scheduler and kubelet ----

  /** nextClusterIp allocates a Service ClusterIP from 10.96.0.0/16. */
  nextClusterIp(): string {
    const n = this.clusterIps++;
    return `10.96.${Math.floor(n / 250)}.${(n % 250) + 2}`;
  }

  /** pickNode returns the next schedulable node, round robin. */
  pickNode(): SimNode {
    const nodes = NODES.filter((n) => n.schedulable);
    return nodes[this.cursor++ % nodes.length]!;
  }

  private podIp(node: SimNode): string {
    const n = this.podIps.get(node.name) ?? 2 + (this.random.next() % 20);
    this.podIps.set(node.name, n + 1);
    return `10.244.${node.cidr}.${(n % 250) + 2}`;
  }

  private pods(namespace: string): Map<string, Set<string>> {
    let m = this.podIndex.get(namespace);
    if (!m) {
      m = new Map();
      for (const p of this.server.list('v1', 'Pod', namespace) as Rec[]) {
        for (const r of (p.metadata.ownerReferences ?? []) as Rec[]) {
          if (!m.has(r.uid)) m.set(r.uid, new Set());
          m.get(r.uid)!.add(p.metadata.name);
        }
      }
      this.podIndex.set(namespace, m);
    }
    return m;
  }

  /** ownedPods returns the live pods controlled by `owner`, oldest first. */
  ownedPods(owner: Rec): Rec[] {
    const names = this.pods(owner.metadata.namespace).get(owner.metadata.uid) ?? new Set<string>();
    const out: Rec[] = [];
    for (const n of names) {
      const p = this.get('v1', 'Pod', owner.metadata.namespace, n);
      if (p) out.push(p);
      else names.delete(n);
    }
    return out.sort((a, b) =>
      String(a.metadata.creationTimestamp).localeCompare(String(b.metadata.creationTimestamp)),
    );
  }

  /** createPod creates a Pending, unscheduled pod (the controller's half of a pod's birth). */
  createPod(spec: PodSpec): Rec {
    const p = this.server.create(newPod(spec) as KubeObject) as Rec;
    const owner = spec.owner?.metadata.uid;
    if (owner) {
      const m = this.pods(spec.namespace);
      if (!m.has(owner)) m.set(owner, new Set());
      m.get(owner)!.add(p.metadata.name);
    }
    return p;
  }

  /** bind schedules the pod on `node` (default: next schedulable) and emits the scheduler's Scheduled event. */
  bind(p: Rec, at: number, node: SimNode = this.pickNode()): Rec {
    const m = p.metadata;
    this.recorder.recordSeries(p as KubeObject, {
      reason: 'Scheduled',
      note: `Successfully assigned ${m.namespace}/${m.name} to ${node.name}`,
      action: 'Binding',
      controller: 'default-scheduler',
      instance: 'default-scheduler-node-1',
      at,
    });
    return this.server.update(setBound(p, node, this.podIp(node), at) as KubeObject) as Rec;
  }

  /** kubelet emits a container-level kubelet event about `p`. */
  kubelet(
    p: Rec,
    at: number,
    reason: string,
    message: string,
    type: 'Normal' | 'Warning' = 'Normal',
    extra: { count?: number; firstAt?: number } = {},
  ): KubeObject {
    return this.recorder.record(p as KubeObject, {
      type,
      reason,
      message,
      component: 'kubelet',
      host: p.spec.nodeName,
      fieldPath: `spec.containers{${containerName(p)}}`,
      at,
      ...extra,
    });
  }

  /** start runs a bound pod's container: Pulling/Pulled (or already present), Created, Started; Running and ready at `at`. */
  start(p: Rec, at: number, o: { pull?: boolean } = {}): Rec {
    const image = imageOf(p);
    if (o.pull ?? true) {
      const secs = 1 + (this.random.next() % 4000) / 1000;
      this.kubelet(p, at - 3000, 'Pulling', `Pulling image "${image}"`);
      this.kubelet(
        p,
        at - 1500,
        'Pulled',
        `Successfully pulled image "${image}" in ${secs.toFixed(3)}s (${secs.toFixed(3)}s including waiting). Image size: ${40_000_000 + (this.random.next() % 60_000_000)} bytes.`,
      );
    } else {
      this.kubelet(p, at - 1500, 'Pulled', `Container image "${image}" already present on machine`);
    }
    this.kubelet(p, at - 1000, 'Created', `Created container: ${containerName(p)}`);
    this.kubelet(p, at, 'Started', `Started container ${containerName(p)}`);
    return this.server.update(setRunning(p, at) as KubeObject) as Rec;
  }

  /** launch creates, binds and starts a pod, events spread over the 5 s after `at` (never past now()). */
  launch(spec: PodSpec, node?: SimNode): Rec {
    const now = this.now();
    const p = this.createPod({ ...spec, at: Math.min(spec.at, now) });
    this.bind(p, Math.min(spec.at + 50, now), node);
    return this.start(p, Math.min(spec.at + 5000, now));
  }

  /** terminate stops and deletes a pod: Killing, deletionTimestamp set, then gone. */
  terminate(p: Rec, at: number): void {
    if (p.spec.nodeName) this.kubelet(p, at, 'Killing', `Stopping container ${containerName(p)}`);
    const live = this.get('v1', 'Pod', p.metadata.namespace, p.metadata.name);
    if (!live) return;
    this.server.update(setTerminating(live, at) as KubeObject);
    this.server.delete('v1', 'Pod', p.metadata.namespace, p.metadata.name);
    for (const r of (p.metadata.ownerReferences ?? []) as Rec[])
      this.pods(p.metadata.namespace).get(r.uid)?.delete(p.metadata.name);
  }

  // ---- ReplicaSet controller ----

  /**
   * scaleReplicaSet sets the ReplicaSet's replicas and makes its pods match: new pods are
   * created (SuccessfulCreate) and, unless `launch` is false, scheduled and started; surplus
   * pods, not-ready and newest first, are deleted (SuccessfulDelete). Returns the pods created.
   */
  scaleReplicaSet(rs: Rec, replicas: number, at: number, o: { launch?: boolean } = {}): Rec[] {
    const ns = rs.metadata.namespace;
    const cur = this.ownedPods(rs);
    rs.spec.replicas = replicas;
    rs.metadata.annotations = {
      ...rs.metadata.annotations,
      'deployment.kubernetes.io/desired-replicas': String(replicas),
    };
    const fresh = this.server.update(rs as KubeObject) as Rec;
    const created: Rec[] = [];
    for (let i = cur.length; i < replicas; i++) {
      const name = `${rs.metadata.name}-${this.random.suffix()}`;
      const spec: PodSpec = {
        namespace: ns,
        name,
        generateName: `${rs.metadata.name}-`,
        labels: { ...rs.spec.template.metadata.labels },
        owner: fresh as KubeObject,
        image: rs.spec.template.spec.containers[0].image,
        container: rs.spec.template.spec.containers[0].name,
        ...(rs.spec.template.spec.containers[0].resources?.requests
          ? { requests: rs.spec.template.spec.containers[0].resources.requests }
          : {}),
        at: at + i * 20,
      };
      const p = o.launch === false ? this.createPod(spec) : this.launch(spec);
      this.recorder.record(fresh as KubeObject, {
        reason: 'SuccessfulCreate',
        message: `Created pod: ${name}`,
        component: 'replicaset-controller',
        at: at + i * 20,
      });
      created.push(p);
    }
    const rank = (p: Rec) => (p.status?.containerStatuses?.[0]?.ready ? 1 : 0);
    const victims = [...cur].sort(
      (a, b) =>
        rank(a) - rank(b) ||
        String(b.metadata.creationTimestamp).localeCompare(String(a.metadata.creationTimestamp)),
    );
    for (const p of victims.slice(0, Math.max(0, cur.length - replicas))) {
      this.terminate(p, at);
      this.recorder.record(fresh as KubeObject, {
        reason: 'SuccessfulDelete',
        message: `Deleted pod: ${p.metadata.name}`,
        component: 'replicaset-controller',
        at,
      });
    }
    this.syncReplicaSet(fresh);
    return created;
  }

  /** syncReplicaSet writes the ReplicaSet's status from its pods; returns the stored ReplicaSet. */
  syncReplicaSet(rs: Rec): Rec {
    const live = this.get('apps/v1', 'ReplicaSet', rs.metadata.namespace, rs.metadata.name) ?? rs;
    const pods = this.ownedPods(live);
    const ready = pods.filter((p) => p.status?.containerStatuses?.[0]?.ready).length;
    live.status = {
      replicas: pods.length,
      fullyLabeledReplicas: pods.length,
      readyReplicas: ready,
      availableReplicas: ready,
      observedGeneration: live.metadata.generation ?? 1,
    };
    if (ready === 0) delete live.status.readyReplicas;
    if (ready === 0) delete live.status.availableReplicas;
    return this.server.update(live as KubeObject) as Rec;
  }
}
