/**
 * cluster: generated clusters for the benchmark, served by the test API server. Objects look
 * like a real cluster's: pods owned by a ReplicaSet, with labels, a status and the two
 * managedFields entries a real API server adds (controller and kubelet); events from the legacy
 * recorder with their managedFields entry. managedFields make the wire bigger for every client
 * (kubectl prints them, the informer parses then drops them), as on a real cluster.
 *
 * Objects are created in key order, so the server's sorted key index only appends.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { event, pod, replicaSet } from '../../test/server/fixtures';
import { startTestServer, type TestServer } from '../../test/server/index';
import { namespace as namespaceObj } from '../../test/server/fixtures';

/** BenchCluster is a running server plus a kubeconfig file for it (kubectl and the engine use the same). */
export interface BenchCluster {
  server: TestServer;
  kubeconfig: string;
  context: string;
  pods: number;
  events: number;
  stop(): Promise<void>;
}

const TOKEN = 'bench-token-0123456789abcdef';

/**
 * startCluster starts an empty server and writes its kubeconfig to `dir`. Events never expire
 * during a run unless `eventTtlMs` says otherwise (the API server's --event-ttl; 1 h by default
 * on a real cluster). `historyWindow` is how many changes a watch may resume from (default 10,000).
 */
export async function startCluster(
  dir: string,
  name: string,
  opts: { eventTtlMs?: number; historyWindow?: number } = {},
): Promise<BenchCluster> {
  const server = await startTestServer({
    eventTtlMs: opts.eventTtlMs ?? 7 * 24 * 3600_000,
    historyWindow: opts.historyWindow ?? 10_000,
  });
  server.addTokenUser('admin', TOKEN);
  server.grantAll('admin');
  fs.mkdirSync(dir, { recursive: true });
  const kubeconfig = path.join(dir, `kubeconfig-${name}`);
  fs.writeFileSync(kubeconfig, server.kubeconfig({ user: 'admin', token: TOKEN, contextName: name }), {
    mode: 0o600,
  });
  const c: BenchCluster = {
    server,
    kubeconfig,
    context: name,
    pods: 0,
    events: 0,
    stop: () => server.stop(),
  };
  return c;
}

const T0 = Date.parse('2025-01-01T00:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

function podManagedFields(rsUid: string, ip: string, at: string): unknown[] {
  const cond = (t: string) => [
    `k:{"type":"${t}"}`,
    { '.': {}, 'f:lastProbeTime': {}, 'f:lastTransitionTime': {}, 'f:status': {}, 'f:type': {} },
  ];
  return [
    {
      manager: 'kube-controller-manager',
      operation: 'Update',
      apiVersion: 'v1',
      time: at,
      fieldsType: 'FieldsV1',
      fieldsV1: {
        'f:metadata': {
          'f:generateName': {},
          'f:labels': { '.': {}, 'f:app': {}, 'f:pod-template-hash': {} },
          'f:ownerReferences': { '.': {}, [`k:{"uid":"${rsUid}"}`]: {} },
        },
        'f:spec': {
          'f:containers': {
            'k:{"name":"app"}': {
              '.': {},
              'f:image': {},
              'f:imagePullPolicy': {},
              'f:name': {},
              'f:ports': {
                '.': {},
                'k:{"containerPort":80,"protocol":"TCP"}': {
                  '.': {},
                  'f:containerPort': {},
                  'f:protocol': {},
                },
              },
              'f:resources': {},
              'f:terminationMessagePath': {},
              'f:terminationMessagePolicy': {},
            },
          },
          'f:dnsPolicy': {},
          'f:enableServiceLinks': {},
          'f:restartPolicy': {},
          'f:schedulerName': {},
          'f:securityContext': {},
          'f:terminationGracePeriodSeconds': {},
        },
      },
    },
    {
      manager: 'kubelet',
      operation: 'Update',
      apiVersion: 'v1',
      time: at,
      fieldsType: 'FieldsV1',
      subresource: 'status',
      fieldsV1: {
        'f:status': {
          'f:conditions': Object.fromEntries(
            ['ContainersReady', 'Initialized', 'PodReadyToStartContainers', 'PodScheduled', 'Ready'].map(
              cond,
            ),
          ),
          'f:containerStatuses': {},
          'f:hostIP': {},
          'f:hostIPs': {},
          'f:phase': {},
          'f:podIP': {},
          'f:podIPs': { '.': {}, [`k:{"ip":"${ip}"}`]: { '.': {}, 'f:ip': {} } },
          'f:startTime': {},
        },
      },
    },
  ];
}

const EVENT_MANAGED_FIELDS = (at: string) => [
  {
    manager: 'kubelet',
    operation: 'Update',
    apiVersion: 'v1',
    time: at,
    fieldsType: 'FieldsV1',
    fieldsV1: {
      'f:count': {},
      'f:firstTimestamp': {},
      'f:involvedObject': {},
      'f:lastTimestamp': {},
      'f:message': {},
      'f:reason': {},
      'f:reportingComponent': {},
      'f:reportingInstance': {},
      'f:source': { 'f:component': {}, 'f:host': {} },
      'f:type': {},
    },
  },
];

const pad = (n: number, w = 6) => String(n).padStart(w, '0');

let namespaceSeq = 0;
const nsIds = new Map<string, string>();

/** podUid is a deterministic uid per (namespace, pod index), so events can name their pod's real uid. */
function podUid(ns: string, i: number): string {
  let id = nsIds.get(ns);
  if (!id) nsIds.set(ns, (id = (++namespaceSeq).toString(16).padStart(8, '0')));
  return `${id}-0000-4000-8000-${pad(i, 12)}`;
}

/** addNamespace creates a namespace and the ReplicaSet its pods belong to; returns the ReplicaSet uid. */
function addNamespace(c: BenchCluster, ns: string): string {
  c.server.create(namespaceObj(ns));
  const rs = c.server.create(replicaSet(ns, 'web-5d8f9c7b6', { replicas: 1 })) as {
    metadata: { uid: string };
  };
  return rs.metadata.uid;
}

/** addPods creates `count` Running pods named pod-NNNNNN in `ns` (a new namespace: created too). */
function addPods(c: BenchCluster, ns: string, rsUid: string, count: number): void {
  for (let i = 0; i < count; i++) {
    const name = `web-5d8f9c7b6-${pad(i)}`;
    const ip = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
    const at = iso(T0 + i * 1000);
    const p = pod(ns, name, {
      owner: {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: { name: 'web-5d8f9c7b6', namespace: ns, uid: rsUid },
      },
      labels: { app: 'web', 'pod-template-hash': '5d8f9c7b6' },
      nodeName: `node-${i % 20}`,
      podIP: ip,
      startTime: at,
      creationTimestamp: at,
      uid: podUid(ns, i),
    }) as { metadata: Record<string, unknown> };
    p.metadata.generateName = 'web-5d8f9c7b6-';
    p.metadata.managedFields = podManagedFields(rsUid, ip, at);
    c.server.create(p);
  }
  c.pods += count;
}

const REASONS: {
  type: 'Normal' | 'Warning';
  reason: string;
  message: (pod: string, ns: string, i: number) => string;
}[] = [
  {
    type: 'Normal',
    reason: 'Scheduled',
    message: (p, ns, i) => `Successfully assigned ${ns}/${p} to node-${i % 20}`,
  },
  { type: 'Normal', reason: 'Pulling', message: () => 'Pulling image "nginx:1.27"' },
  {
    type: 'Normal',
    reason: 'Pulled',
    message: (_p, _n, i) =>
      `Successfully pulled image "nginx:1.27" in ${(i % 900) + 100}ms (${(i % 900) + 120}ms including waiting). Image size: 72099410 bytes.`,
  },
  { type: 'Normal', reason: 'Created', message: () => 'Created container: app' },
  { type: 'Normal', reason: 'Started', message: () => 'Started container app' },
  {
    type: 'Warning',
    reason: 'BackOff',
    message: (p) => `Back-off restarting failed container app in pod ${p}_default(0b5c0c8e-${pad(0, 4)})`,
  },
  { type: 'Normal', reason: 'Killing', message: () => 'Stopping container app' },
  {
    type: 'Warning',
    reason: 'Unhealthy',
    message: (_p, _n, i) =>
      `Readiness probe failed: Get "http://10.244.${i % 250}.7:80/healthz": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`,
  },
  { type: 'Normal', reason: 'SuccessfulCreate', message: (p) => `Created pod: ${p}` },
  { type: 'Normal', reason: 'Sync', message: () => 'Scheduled for sync' },
];

/**
 * addEvents creates `count` events in `ns` about its pods (pod i % podCount; with no pods, four
 * events per pod that is not cached), 20% of them Warnings.
 */
function addEvents(c: BenchCluster, ns: string, count: number, podCount: number): void {
  for (let i = 0; i < count; i++) {
    const podIndex = podCount > 0 ? i % podCount : Math.floor(i / 4);
    const podName = `web-5d8f9c7b6-${pad(podIndex)}`;
    const r = REASONS[(i * 7 + (i >> 3)) % REASONS.length]!;
    const at = T0 + i * 1000;
    const e = event(
      ns,
      { kind: 'Pod', metadata: { name: podName, namespace: ns, uid: podUid(ns, podIndex) } },
      {
        name: `${ns}.${pad(i, 8)}.${(at * 1000 + i).toString(16)}`,
        type: r.type,
        reason: r.reason,
        message: r.message(podName, ns, i),
        count: (i % 7) + 1,
        firstTimestamp: at - 60_000,
        lastTimestamp: at,
        source: { component: 'kubelet', host: `node-${i % 20}` },
        fieldPath: 'spec.containers{app}',
      },
    ) as { metadata: Record<string, unknown> };
    e.metadata.managedFields = EVENT_MANAGED_FIELDS(iso(at));
    c.server.create(e);
  }
  c.events += count;
}

/** NamespacePlan is one namespace to fill; namespaces must be given in increasing name order. */
export interface NamespacePlan {
  name: string;
  pods: number;
  events: number;
}

/** populate creates each planned namespace with its pods and events. */
export function populate(c: BenchCluster, plan: readonly NamespacePlan[]): void {
  for (const ns of plan) {
    const rsUid = addNamespace(c, ns.name);
    addPods(c, ns.name, rsUid, ns.pods);
    addEvents(c, ns.name, ns.events, ns.pods);
  }
}

/** spread plans `pods` pods and `events` events over namespaces `${prefix}-NNN` of at most `perNs` objects of each. */
export function spreadPlan(prefix: string, pods: number, events: number, perNs = 1000): NamespacePlan[] {
  const n = Math.max(1, Math.ceil(Math.max(pods, events) / perNs));
  const plan: NamespacePlan[] = [];
  for (let i = 0; i < n; i++) {
    const share = (total: number) => Math.floor(total / n) + (i < total % n ? 1 : 0);
    plan.push({ name: `${prefix}-${pad(i, 3)}`, pods: share(pods), events: share(events) });
  }
  return plan;
}

/**
 * SYNC_CLUSTER is the cluster of scenarios 1 and 2: 10,000 pods and 10,000 events; namespace
 * `big` holds 5,000 of each, the rest are spread over 50 namespaces of 100. A quick run's
 * (`quick`) is a tenth of that: `big` holds 500 of each, the rest 5 namespaces of 100.
 */
export const SYNC_CLUSTER = 'sync';
export function syncClusterPlan(quick = false): NamespacePlan[] {
  const big = syncBigPods(quick);
  return [{ name: 'big', pods: big, events: big }, ...spreadPlan('ns', big, big, 100)];
}
/** syncBigPods is the number of pods (and events) in SYNC_CLUSTER's namespace `big`. */
export function syncBigPods(quick = false): number {
  return quick ? 500 : 5000;
}

/**
 * grow adds pods and events to `c` in new namespaces `${prefix}-NNN` (prefixes must increase
 * from one call to the next, so keys keep arriving in order).
 */
export function grow(c: BenchCluster, prefix: string, pods: number, events: number): void {
  if (pods > 0 || events > 0) populate(c, spreadPlan(prefix, pods, events, 1000));
}
