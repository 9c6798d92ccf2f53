/**
 * manifestsBench: the workloads of issue 15's figures, on the core manifest index
 * (src/core/manifests): index N generated manifest files (held in memory: the figure is parsing
 * and indexing, not the disk), re-index one edited file, and recompute what a new Warning
 * changes (the files that define the pod or one of its owners, matched against the live
 * caches). Used by bench/manifests.ts (standalone) and scenario 13.
 */
import { load } from 'js-yaml';
import type { KubeObject } from '../../src/core/cache/types';
import { ManifestIndex } from '../../src/core/manifests/manifestIndex';
import { matchEntry, type LiveCaches } from '../../src/core/manifests/match';
import { descendants, ownerChain, type Owned, type OwnerLookup } from '../../src/core/resources/ownership';

/** manifest generates a realistic file: a Deployment and a Service, sometimes a ConfigMap. */
export function manifest(i: number, edit = 0): string {
  const name = `app-${i}`;
  const docs = [
    `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ns-${i % 50}
  labels:
    app.kubernetes.io/name: ${name}
    app.kubernetes.io/instance: release-${i % 100}
    helm.sh/chart: chart-1.${i % 7}.0
spec:
  replicas: ${(i % 5) + 1 + edit}
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      containers:
        - name: main
          image: registry.example.com/${name}:1.${i % 13}
          ports:
            - containerPort: 8080
          env:
            - name: MODE
              value: production
          resources:
            requests: {cpu: 100m, memory: 128Mi}
            limits: {cpu: 500m, memory: 256Mi}`,
    `apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: ns-${i % 50}
spec:
  selector:
    app: ${name}
  ports:
    - port: 80
      targetPort: 8080`,
  ];
  if (i % 3 === 0)
    docs.push(`apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}-config
data:
  config.yaml: |
    level: info
    feature: ${i % 2 === 0}`);
  return docs.join('\n---\n');
}

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** IndexFigures: per run, indexing every file; per edit, re-indexing one (wall and CPU ms). */
export interface IndexFigures {
  full: number[];
  fullCpu: number[];
  edit: number[];
  editCpu: number[];
  entries: number;
  bytes: number;
  index: ManifestIndex;
}

/** measureIndex indexes `files` generated files `runs` times, and re-indexes 20 edits per run. */
export function measureIndex(files: number, runs: number): IndexFigures {
  const texts = Array.from({ length: files }, (_, i) => manifest(i));
  const bytes = texts.reduce((n, t) => n + t.length, 0);
  const out: IndexFigures = {
    full: [],
    fullCpu: [],
    edit: [],
    editCpu: [],
    entries: 0,
    bytes,
    index: undefined!,
  };
  for (let run = 0; run < runs; run++) {
    const index = new ManifestIndex({ load });
    const c0 = cpuMs();
    const t0 = performance.now();
    for (let i = 0; i < files; i++) index.update(`deploy/app-${i}.yaml`, texts[i]!);
    out.full.push(performance.now() - t0);
    out.fullCpu.push(cpuMs() - c0);
    out.entries = index.entryCount;
    out.index = index;
    for (let k = 0; k < 20; k++) {
      const i = ((run * 20 + k) * 37) % files;
      const text = manifest(i, k + 1);
      const c1 = cpuMs();
      const t1 = performance.now();
      index.update(`deploy/app-${i}.yaml`, text);
      out.edit.push(performance.now() - t1);
      out.editCpu.push(cpuMs() - c1);
    }
  }
  return out;
}

/** cluster builds live caches with every generated Deployment, its ReplicaSet and 3 pods, one event each pod. */
function cluster(
  apps: number,
  now: number,
): { caches: LiveCaches; lookup: OwnerLookup; pods: KubeObject[]; events: Map<string, KubeObject[]> } {
  const byKey = new Map<string, KubeObject>();
  const byUid = new Map<string, Owned>();
  const children = new Map<string, Owned[]>();
  const events = new Map<string, KubeObject[]>();
  const pods: KubeObject[] = [];
  const add = (kind: string, o: KubeObject) => {
    byKey.set(`${kind}/${o.metadata.namespace}/${o.metadata.name}`, o);
    const owned = { kind, obj: o };
    byUid.set(o.metadata.uid!, owned);
    for (const r of o.metadata.ownerReferences ?? [])
      children.set(r.uid, [...(children.get(r.uid) ?? []), owned]);
  };
  const created = new Date(now - 3_600_000).toISOString();
  for (let i = 0; i < apps; i++) {
    const ns = `ns-${i % 50}`;
    const name = `app-${i}`;
    add('Deployment', {
      kind: 'Deployment',
      metadata: { name, namespace: ns, uid: `d${i}`, creationTimestamp: created },
      spec: { replicas: 3 },
      status: { replicas: 3, readyReplicas: 3, availableReplicas: 3 },
    });
    const owner = (kind: string, n: string, uid: string) => [
      { apiVersion: 'apps/v1', kind, name: n, uid, controller: true },
    ];
    add('ReplicaSet', {
      kind: 'ReplicaSet',
      metadata: {
        name: `${name}-7d9f`,
        namespace: ns,
        uid: `r${i}`,
        creationTimestamp: created,
        ownerReferences: owner('Deployment', name, `d${i}`),
      },
    });
    for (let p = 0; p < 3; p++) {
      const pod: KubeObject = {
        kind: 'Pod',
        metadata: {
          name: `${name}-7d9f-${p}`,
          namespace: ns,
          uid: `p${i}-${p}`,
          creationTimestamp: created,
          ownerReferences: owner('ReplicaSet', `${name}-7d9f`, `r${i}`),
        },
        status: { phase: 'Running' },
      };
      add('Pod', pod);
      pods.push(pod);
      events.set(pod.metadata.uid!, [event(pod, 'Normal', 'Started', now - 1_800_000)]);
    }
  }
  const lookup: OwnerLookup = { byUid: (u) => byUid.get(u), childrenOf: (u) => children.get(u) ?? [] };
  const caches: LiveCaches = {
    context: 'bench',
    defaultNamespace: 'default',
    kindInfo: (kind) =>
      ['Deployment', 'ReplicaSet', 'Pod', 'Service', 'ConfigMap'].includes(kind)
        ? { namespaced: true }
        : undefined,
    get: (kind, namespace, name) => byKey.get(`${kind}/${namespace}/${name}`),
    list: () => [],
    descendants: (uid) => descendants(uid, lookup),
    eventsFor: (uid) => events.get(uid) ?? [],
  };
  return { caches, lookup, pods, events };
}

function event(pod: KubeObject, type: string, reason: string, at: number): KubeObject {
  const t = new Date(at).toISOString();
  return {
    kind: 'Event',
    metadata: {
      name: `${pod.metadata.name}.${reason}.${at}`,
      namespace: pod.metadata.namespace,
      uid: `e-${pod.metadata.uid}-${at}`,
    },
    involvedObject: {
      kind: 'Pod',
      namespace: pod.metadata.namespace,
      name: pod.metadata.name,
      uid: pod.metadata.uid,
      apiVersion: 'v1',
    },
    type,
    reason,
    message:
      reason === 'BackOff'
        ? `Back-off restarting failed container main in pod ${pod.metadata.name}`
        : 'Started container main',
    count: 1,
    firstTimestamp: t,
    lastTimestamp: t,
    source: { component: 'kubelet' },
  } as unknown as KubeObject;
}

/** COALESCE_MS is ManifestService's default coalescing delay before a recompute. */
export const COALESCE_MS = 100;

/**
 * measureWarning times what ManifestService does when a Warning reaches the cache, minus VS
 * Code: find the files that define the pod or one of its owners (index.defining along the
 * owner chain), then re-match every entry of those files against the live caches
 * (matchEntry: status, descendants, Warning groups). `index` holds the `files` generated
 * manifests; the cluster has one Deployment per file. Returns per-Warning compute times (ms)
 * and whether each recompute saw the new Warning.
 */
export function measureWarning(
  index: ManifestIndex,
  files: number,
  warnings: number,
): { times: number[]; seen: number } {
  const now = Date.now();
  const { caches, lookup, pods, events } = cluster(files, now);
  const times: number[] = [];
  let seen = 0;
  for (let k = 0; k < warnings; k++) {
    const pod = pods[(k * 7919) % pods.length]!;
    // The Warning reaches the cache (not timed: the informer's work).
    events.get(pod.metadata.uid!)!.push(event(pod, 'Warning', 'BackOff', now - 1000 + k));
    const t0 = performance.now();
    const touched = new Set<string>();
    for (const e of index.defining('Pod', pod.metadata.name!)) touched.add(e.file);
    for (const o of ownerChain(pod, lookup))
      for (const e of index.defining(o.kind, o.obj.metadata.name ?? '')) touched.add(e.file);
    let warned = false;
    for (const file of touched)
      for (const entry of index.entries(file)) {
        const m = matchEntry(entry, caches, { now });
        if (m.state === 'found' && m.warnings.length > 0) warned = true;
      }
    times.push(performance.now() - t0);
    if (warned) seen++;
  }
  return { times, seen };
}
