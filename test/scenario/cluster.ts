/**
 * cluster: seedCluster writes a realistic cluster into a TestServer: three nodes (node-3
 * cordoned), the usual system namespaces plus `prod`, `staging` and `batch`, Deployments with
 * their ReplicaSets and Pods, a StatefulSet, DaemonSets, a Service per Deployment, a CronJob
 * with its Jobs, three stuck pods (CrashLoopBackOff, ImagePullBackOff, unschedulable), a PVC,
 * an HPA, a LoadBalancer Service and two CRDs' objects in trouble (./beyondWorkloads), a
 * StatefulSet and a DaemonSet whose rollout to revision 2 stopped at a pod that cannot pull its
 * new image (their ControllerRevisions as the controllers write them, ./revisions), and the
 * Events that history leaves behind, spread over the last hour. Owners are always created
 * first, so every ownerReference and involvedObject carries the uid the server assigned.
 *
 * Objects older than the event TTL (the kube-system basics, 30 days old) get no events, as on
 * a real cluster. The Scenario (./scenario) continues this state over time; writeDemoKubeconfig
 * (./kubeconfig) gives access to it. Both are re-exported here for the demo and the UI tests.
 */
import type { KubeObject } from '../../src/core/cache/types';
import type { TestServer } from '../server';
import { namespace, node, rfc3339 } from '../server/fixtures';
import { seedBeyondWorkloads, type SeededBeyond } from './beyondWorkloads';
import { NODES, Sim } from './controllers';
import { createDeployment, createService, syncDeployment } from './deployments';
import { completeJob, createCronJob, startJob } from './jobs';
import { seedCrashLoop, seedImagePull, seedUnschedulable } from './troubles';
import { rollDaemonSetStuck, rollStatefulSetStuck, type StuckRollout } from './revisions';
import { createDaemonSet, createStatefulSet } from './workloads';

export { Scenario, type ScenarioOptions } from './scenario';
export { writeDemoKubeconfig, type DemoKubeconfig } from './kubeconfig';

type Rec = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const MIN = 60_000;
const DAY = 86_400_000;

/** SeedOptions: all optional. */
export interface SeedOptions {
  /** Extra application namespaces; each gets `round(3 * scale)` generic Deployments. */
  namespaces?: string[];
  /**
   * Multiplies the workload count (default 1: the base cluster, about 30 pods and 200 events).
   * Above 1, `prod`, `staging` and `batch` each get `round(3 * (scale - 1))` more generic
   * Deployments of 3 replicas with a Service: about 27 pods and 170 events per unit of scale.
   */
  scale?: number;
  /** The cluster's "now" (default Date.now); history is laid out before it. */
  now?: () => number;
  /** Seed for generated names (default 1). */
  seed?: number;
}

/** SeededCluster names what was created, for tests and the Scenario. */
export interface SeededCluster {
  sim: Sim;
  /** The instant the history leads up to. */
  at: number;
  crashLoopPod: string;
  imagePullPod: string;
  pendingPod: string;
  runningJob: string;
  /** The troubles outside the workload kinds: a PVC, an HPA, a LoadBalancer Service, custom resources. */
  beyond: SeededBeyond;
  /** The stuck rollouts: StatefulSet prod/cache and DaemonSet kube-system/node-exporter, at revision 2. */
  rollouts: { statefulSet: StuckRollout; daemonSet: StuckRollout };
  counts: { namespaces: number; nodes: number; deployments: number; pods: number; events: number };
}

/** APP_NAMESPACES are the namespaces with the demo's workloads. */
export const APP_NAMESPACES = ['prod', 'staging', 'batch'] as const;

const FILLER = [
  'cart',
  'checkout',
  'catalog',
  'auth',
  'billing',
  'gateway',
  'ledger',
  'mailer',
  'notifier',
  'pricing',
  'profile',
  'reviews',
];
const FILLER_IMAGES = [
  'nginx:1.27.2',
  'registry.example.com/shop/service:2.14.0',
  'ghcr.io/example/app:v1.9.3',
  'redis:7.4',
];

function seedNodes(sim: Sim, at: number): void {
  for (const [i, n] of NODES.entries()) {
    const o = node(n.name, {
      creationTimestamp: at - 30 * DAY,
      internalIP: n.ip,
      ...(i === 0 ? { roles: ['control-plane'] } : {}),
    }) as Rec;
    o.spec.podCIDR = `10.244.${n.cidr}.0/24`;
    o.spec.podCIDRs = [o.spec.podCIDR];
    if (!n.schedulable) {
      o.spec.unschedulable = true;
      o.spec.taints = [
        { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule', timeAdded: rfc3339(at - 20 * MIN) },
      ];
    }
    const created = sim.server.create(o as KubeObject) as Rec;
    if (!n.schedulable) {
      sim.recorder.record(created as KubeObject, {
        reason: 'NodeNotSchedulable',
        message: `Node ${n.name} status is now: NodeNotSchedulable`,
        component: 'kubelet',
        host: n.name,
        at: at - 20 * MIN,
      });
    }
  }
}

function seedSystem(sim: Sim, at: number): void {
  sim.recorder.muted = true;
  const old = at - 30 * DAY;
  const dns = createDeployment(sim, 'kube-system', 'coredns', {
    replicas: 2,
    image: 'registry.k8s.io/coredns/coredns:v1.11.3',
    container: 'coredns',
    at: old,
    labels: { 'k8s-app': 'kube-dns' },
  });
  createService(sim, 'kube-system', 'kube-dns', dns.deployment.spec.selector.matchLabels, 53, old);
  createDaemonSet(sim, 'kube-system', 'kube-proxy', {
    image: 'registry.k8s.io/kube-proxy:v1.32.0',
    container: 'kube-proxy',
    at: old,
  });
  sim.recorder.muted = false;
  createDaemonSet(sim, 'kube-system', 'log-agent', {
    image: 'fluent/fluent-bit:3.1.9',
    container: 'fluent-bit',
    at: at - 40 * MIN,
  });
}

/**
 * seedStuckRollouts: prod/cache (a StatefulSet) rolled out redis 7.4.1 -> a tag that does not
 * exist; kube-system/node-exporter (a DaemonSet) rolled out a new image, an extra argument and a
 * memory limit, the image again not found. Each stopped at its first pod of revision 2.
 */
function seedStuckRollouts(sim: Sim, at: number): SeededCluster['rollouts'] {
  createStatefulSet(sim, 'prod', 'cache', {
    replicas: 3,
    image: 'redis:7.4.1',
    container: 'redis',
    at: at - 48 * MIN,
    pods: 2,
  });
  createService(sim, 'prod', 'cache', { app: 'cache' }, 6379, at - 48 * MIN, true);
  const statefulSet = rollStatefulSetStuck(sim, 'prod', 'cache', {
    image: 'redis:7.4.10',
    at: at - 10 * MIN,
    until: at - 50_000,
    tries: 5,
  });
  createDaemonSet(sim, 'kube-system', 'node-exporter', {
    image: 'quay.io/prometheus/node-exporter:v1.8.2',
    container: 'node-exporter',
    at: at - 45 * MIN,
    skipNodes: ['node-1'],
  });
  const daemonSet = rollDaemonSetStuck(sim, 'kube-system', 'node-exporter', {
    change: (t) => {
      const c = t.spec.containers[0];
      c.image = 'quay.io/prometheus/node-exporter:v1.9.0-distroless';
      c.args = ['--collector.systemd'];
      c.resources = { limits: { memory: '64Mi' }, requests: { cpu: '50m', memory: '32Mi' } };
    },
    node: 'node-1',
    at: at - 8 * MIN,
    until: at - 35_000,
    tries: 4,
  });
  return { statefulSet, daemonSet };
}

function seedFiller(sim: Sim, ns: string, count: number, at: number): void {
  for (let i = 0; i < count; i++) {
    const name = `${FILLER[i % FILLER.length]}${i >= FILLER.length ? `-${Math.floor(i / FILLER.length)}` : ''}`;
    const when = at - 58 * MIN + (sim.random.next() % (50 * MIN));
    createDeployment(sim, ns, name, {
      replicas: 3,
      image: FILLER_IMAGES[i % FILLER_IMAGES.length]!,
      at: when,
    });
    createService(sim, ns, name, { app: name }, 80, when);
  }
}

/** seedCluster writes the cluster into `server` (which should be empty) and returns what it made. */
export function seedCluster(server: TestServer, opts: SeedOptions = {}): SeededCluster {
  const now = opts.now ?? Date.now;
  const at = now();
  const sim = new Sim({ server, now, seed: opts.seed ?? 1 });
  const scale = opts.scale ?? 1;
  const extra = opts.namespaces ?? [];
  for (const ns of ['default', 'kube-system', 'kube-public', 'kube-node-lease'])
    server.create(namespace(ns, { creationTimestamp: at - 30 * DAY }));
  for (const ns of [...APP_NAMESPACES, ...extra])
    server.create(
      namespace(ns, { creationTimestamp: at - 2 * DAY, labels: { team: ns === 'batch' ? 'data' : 'shop' } }),
    );
  seedNodes(sim, at);
  seedSystem(sim, at);

  // prod: a healthy web tier, a crash-looping api, a search pod that fits nowhere, a database.
  const web = createDeployment(sim, 'prod', 'web', {
    replicas: 3,
    image: 'nginx:1.27.2',
    container: 'nginx',
    at: at - 55 * MIN,
  });
  createService(sim, 'prod', 'web', web.deployment.spec.selector.matchLabels, 80, at - 55 * MIN);
  createStatefulSet(sim, 'prod', 'postgres', {
    replicas: 2,
    image: 'postgres:16.4',
    container: 'postgres',
    at: at - 50 * MIN,
  });
  createService(sim, 'prod', 'postgres', { app: 'postgres' }, 5432, at - 50 * MIN, true);
  const api = createDeployment(sim, 'prod', 'api', {
    replicas: 1,
    image: 'registry.example.com/shop/api:1.8.0',
    container: 'api',
    at: at - 35 * MIN,
    launch: false,
  });
  createService(sim, 'prod', 'api', { app: 'api' }, 8080, at - 35 * MIN);
  const crash = seedCrashLoop(sim, api.pods[0]!, {
    firstAt: at - 35 * MIN + 300,
    at: at - 40_000,
    restarts: 9,
  });
  sim.syncReplicaSet(api.replicaSet);
  syncDeployment(sim, api.deployment);
  const search = createDeployment(sim, 'prod', 'search', {
    replicas: 1,
    image: 'docker.elastic.co/elasticsearch/elasticsearch:8.15.0',
    container: 'elasticsearch',
    at: at - 25 * MIN,
    launch: false,
    requests: { cpu: '2', memory: '12Gi' },
  });
  createService(sim, 'prod', 'search', { app: 'search' }, 9200, at - 25 * MIN);
  const pending = seedUnschedulable(sim, search.pods[0]!, {
    firstAt: at - 25 * MIN + 300,
    at: at - 2 * MIN,
    attempts: 6,
  });

  const beyond = seedBeyondWorkloads(sim, at);

  // staging: workers (the Scenario scales them), a frontend whose image tag does not exist.
  const worker = createDeployment(sim, 'staging', 'worker', {
    replicas: 2,
    image: 'registry.example.com/shop/worker:3.2.1',
    container: 'worker',
    at: at - 45 * MIN,
  });
  createService(sim, 'staging', 'worker', worker.deployment.spec.selector.matchLabels, 8080, at - 45 * MIN);
  const fe = createDeployment(sim, 'staging', 'frontend', {
    replicas: 1,
    image: 'registry.example.com/shop/frontend:v2.4.0-rc.1',
    container: 'frontend',
    at: at - 15 * MIN,
    launch: false,
  });
  createService(sim, 'staging', 'frontend', { app: 'frontend' }, 80, at - 15 * MIN);
  const pull = seedImagePull(sim, fe.pods[0]!, { firstAt: at - 15 * MIN + 300, at: at - 30_000, tries: 6 });
  syncDeployment(sim, fe.deployment);

  // batch: a CronJob every 2 minutes, three finished runs (its history limit), one running now.
  // No run was pruned yet, so every seeded event's object still exists.
  createCronJob(sim, 'batch', 'report-sync', {
    schedule: '*/2 * * * *',
    at: at - 50 * MIN,
    image: 'registry.example.com/data/report-sync:0.9.2',
  });
  const slot = Math.floor(at / (2 * MIN)) * 2 * MIN;
  for (let k = 3; k >= 1; k--) {
    const s = slot - k * 2 * MIN;
    const run = startJob(sim, sim.mustGet('batch/v1', 'CronJob', 'batch', 'report-sync'), s, s + 1000);
    completeJob(sim, run.job, s + 25_000);
  }
  const running = startJob(
    sim,
    sim.mustGet('batch/v1', 'CronJob', 'batch', 'report-sync'),
    slot,
    Math.min(at, slot + 1000),
  );

  for (const ns of APP_NAMESPACES) seedFiller(sim, ns, Math.round(3 * Math.max(0, scale - 1)), at);
  for (const ns of extra) seedFiller(sim, ns, Math.round(3 * scale), at);
  // Last, so that every name and address generated before stays what it was.
  const rollouts = seedStuckRollouts(sim, at);

  return {
    sim,
    at,
    crashLoopPod: crash.metadata.name,
    imagePullPod: pull.metadata.name,
    pendingPod: pending.metadata.name,
    runningJob: running.job.metadata.name,
    beyond,
    rollouts,
    counts: {
      namespaces: server.list('v1', 'Namespace').length,
      nodes: NODES.length,
      deployments: server.list('apps/v1', 'Deployment').length,
      pods: server.list('v1', 'Pod').length,
      events: server.list('v1', 'Event').length,
    },
  };
}
