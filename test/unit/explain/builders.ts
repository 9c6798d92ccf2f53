/**
 * builders: small constructors of the cached objects and events the explain tests use. Every
 * object gets a uid derived from its kind and name so owner references line up.
 */
import type { KubeObject } from '../../../src/core/cache/types';
import { ListExplainCache } from '../../../src/core/explain/listCache';
import type { ExplainEvent } from '../../../src/core/explain/types';

export type Rec = Record<string, unknown>;
export const NOW = Date.parse('2026-03-01T12:00:00Z');
export const iso = (t: number) => new Date(t).toISOString();

export const uidOf = (kind: string, ns: string, name: string) => `uid-${kind}-${ns}-${name}`;

function meta(kind: string, ns: string, name: string, extra: Rec = {}): KubeObject['metadata'] {
  return {
    name,
    ...(ns ? { namespace: ns } : {}),
    uid: uidOf(kind, ns, name),
    creationTimestamp: iso(NOW - 3600_000),
    ...extra,
  };
}

export interface NodeOpts {
  cpu?: string;
  memory?: string;
  pods?: string;
  labels?: Record<string, string>;
  taints?: Rec[];
  unschedulable?: boolean;
  conditions?: Rec[];
}

export function node(name: string, o: NodeOpts = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: meta('Node', '', name, { labels: { 'kubernetes.io/hostname': name, ...(o.labels ?? {}) } }),
    spec: { ...(o.taints ? { taints: o.taints } : {}), ...(o.unschedulable ? { unschedulable: true } : {}) },
    status: {
      allocatable: { cpu: o.cpu ?? '4', memory: o.memory ?? '8Gi', pods: o.pods ?? '110' },
      conditions: o.conditions ?? [{ type: 'Ready', status: 'True' }],
    },
  };
}

export interface ContainerOpts {
  name?: string;
  image?: string;
  requests?: Rec;
  limits?: Rec;
  env?: Rec[];
  livenessProbe?: Rec;
  readinessProbe?: Rec;
  startupProbe?: Rec;
}

export function container(o: ContainerOpts = {}): Rec {
  const c: Rec = { name: o.name ?? 'app', image: o.image ?? 'nginx:1.27' };
  if (o.requests || o.limits)
    c['resources'] = {
      ...(o.requests ? { requests: o.requests } : {}),
      ...(o.limits ? { limits: o.limits } : {}),
    };
  for (const k of ['env', 'livenessProbe', 'readinessProbe', 'startupProbe'] as const) if (o[k]) c[k] = o[k];
  return c;
}

export interface PodOpts {
  node?: string;
  containers?: Rec[];
  initContainers?: Rec[];
  tolerations?: Rec[];
  nodeSelector?: Record<string, string>;
  affinity?: Rec;
  volumes?: Rec[];
  statuses?: Rec[];
  owner?: { kind: string; name: string };
  labels?: Record<string, string>;
  imagePullSecrets?: string[];
  phase?: string;
  spread?: Rec[];
}

export function pod(ns: string, name: string, o: PodOpts = {}): KubeObject {
  const spec: Rec = { containers: o.containers ?? [container()] };
  if (o.node) spec['nodeName'] = o.node;
  if (o.initContainers) spec['initContainers'] = o.initContainers;
  if (o.tolerations) spec['tolerations'] = o.tolerations;
  if (o.nodeSelector) spec['nodeSelector'] = o.nodeSelector;
  if (o.affinity) spec['affinity'] = o.affinity;
  if (o.volumes) spec['volumes'] = o.volumes;
  if (o.spread) spec['topologySpreadConstraints'] = o.spread;
  if (o.imagePullSecrets) spec['imagePullSecrets'] = o.imagePullSecrets.map((n) => ({ name: n }));
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: meta('Pod', ns, name, {
      ...(o.labels ? { labels: o.labels } : {}),
      ...(o.owner
        ? {
            ownerReferences: [
              {
                apiVersion: 'apps/v1',
                kind: o.owner.kind,
                name: o.owner.name,
                uid: uidOf(o.owner.kind, ns, o.owner.name),
                controller: true,
              },
            ],
          }
        : {}),
    }),
    spec,
    status: {
      phase: o.phase ?? (o.node ? 'Running' : 'Pending'),
      ...(o.statuses ? { containerStatuses: o.statuses } : {}),
    },
  };
}

export function obj(kind: string, ns: string, name: string, body: Rec = {}, metaExtra: Rec = {}): KubeObject {
  return { kind, metadata: meta(kind, ns, name, metaExtra), ...body };
}

export const pvc = (ns: string, name: string, phase: string, storageClassName?: string) =>
  obj('PersistentVolumeClaim', ns, name, {
    spec: storageClassName ? { storageClassName } : {},
    status: { phase },
  });

export function replicaSet(
  ns: string,
  name: string,
  deployment: string,
  revision: string,
  template: Rec,
  created: number,
): KubeObject {
  return obj(
    'ReplicaSet',
    ns,
    name,
    { spec: { template } },
    {
      creationTimestamp: iso(created),
      annotations: { 'deployment.kubernetes.io/revision': revision },
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          name: deployment,
          uid: uidOf('Deployment', ns, deployment),
          controller: true,
        },
      ],
    },
  );
}

export interface EventOpts {
  type?: string;
  fieldPath?: string;
  count?: number;
  firstSeen?: number;
  lastSeen?: number;
  source?: string;
}

export function ev(
  reason: string,
  message: string,
  involved: { kind: string; namespace?: string; name: string },
  o: EventOpts = {},
): ExplainEvent {
  const ns = involved.namespace ?? '';
  return {
    type: o.type ?? 'Warning',
    reason,
    message,
    count: o.count ?? 1,
    firstSeen: o.firstSeen ?? NOW - 60_000,
    lastSeen: o.lastSeen ?? NOW - 5_000,
    source: o.source ?? 'kubelet',
    involved: {
      kind: involved.kind,
      namespace: ns,
      name: involved.name,
      uid: uidOf(involved.kind, ns, involved.name),
      apiVersion: 'v1',
      fieldPath: o.fieldPath ?? '',
    },
  };
}

/** rawEvent builds a core/v1 Event object (for ListExplainCache's events). */
export function rawEvent(name: string, e: ExplainEvent): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name, namespace: e.involved.namespace, uid: `uid-ev-${name}` },
    type: e.type,
    reason: e.reason,
    message: e.message,
    count: e.count,
    firstTimestamp: e.firstSeen !== undefined ? iso(e.firstSeen) : undefined,
    lastTimestamp: e.lastSeen !== undefined ? iso(e.lastSeen) : undefined,
    involvedObject: e.involved,
  };
}

/** cacheOf builds a ListExplainCache; every kind named (even with []) counts as watched. */
export function cacheOf(objects: Record<string, KubeObject[]>, events: KubeObject[] = []): ListExplainCache {
  return new ListExplainCache({ objects: { Pod: [], Node: [], ...objects }, events });
}

export const terminated = (exitCode: number, reason: string, startedAt: number, finishedAt: number) => ({
  terminated: { exitCode, reason, startedAt: iso(startedAt), finishedAt: iso(finishedAt) },
});
