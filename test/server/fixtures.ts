/**
 * fixtures: small builders of realistic Kubernetes objects for tests, benchmarks and the demo.
 * Each returns a plain object ready for `TestServer.create`; fields the server fills
 * (uid, resourceVersion, creationTimestamp) are left out unless given. Objects print well in
 * `kubectl get` and `kubectl describe`.
 */

import type { KubeObject } from '../../src/core/cache/types';

type Rec = Record<string, unknown>;
/** Time is an instant given as a Date, epoch milliseconds or an RFC 3339 string. */
export type Time = Date | number | string;

/** ObjectRef is what ownerReferences and involvedObject are built from: a created object or a reference. */
export interface ObjectRef {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string; uid?: string; resourceVersion?: string };
  name?: string;
  namespace?: string;
  uid?: string;
  fieldPath?: string;
}

/** rfc3339 renders seconds precision, as metav1.Time does. */
export function rfc3339(t: Time): string {
  const d = t instanceof Date ? t : new Date(t);
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** microTime renders microsecond precision, as metav1.MicroTime (eventTime) does. */
export function microTime(t: Time): string {
  const d = t instanceof Date ? t : new Date(t);
  return d.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

function refOf(o: ObjectRef): {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
  uid?: string;
} {
  const name = o.metadata?.name ?? o.name;
  if (!name || !o.kind) throw new Error('fixtures: a reference needs kind and name');
  const ref: { apiVersion: string; kind: string; name: string; namespace?: string; uid?: string } = {
    apiVersion: o.apiVersion ?? 'v1',
    kind: o.kind,
    name,
  };
  const ns = o.metadata?.namespace ?? o.namespace;
  if (ns) ref.namespace = ns;
  const uid = o.metadata?.uid ?? o.uid;
  if (uid) ref.uid = uid;
  return ref;
}

/** ownerRef makes a controller ownerReference to a created object (it must have a uid). */
export function ownerRef(owner: ObjectRef): Rec {
  const r = refOf(owner);
  return {
    apiVersion: r.apiVersion,
    kind: r.kind,
    name: r.name,
    uid: r.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

function meta(namespace: string | undefined, name: string, o: CommonOptions, extra: Rec = {}): Rec {
  const m: Rec = { name, ...extra };
  if (namespace !== undefined) m.namespace = namespace;
  if (o.uid) m.uid = o.uid;
  if (o.creationTimestamp !== undefined) m.creationTimestamp = rfc3339(o.creationTimestamp);
  if (o.labels) m.labels = { ...((m.labels as Rec) ?? {}), ...o.labels };
  if (o.annotations) m.annotations = { ...o.annotations };
  if (o.owner) m.ownerReferences = [ownerRef(o.owner)];
  return m;
}

/** CommonOptions apply to every builder. */
export interface CommonOptions {
  uid?: string;
  creationTimestamp?: Time;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  /** Controller owner (e.g. the ReplicaSet of a Pod). */
  owner?: ObjectRef;
}

/** ContainerOptions describe one container and its status. */
export interface ContainerOptions {
  name?: string;
  image?: string;
  ready?: boolean;
  restartCount?: number;
  /** Waiting reason, e.g. `CrashLoopBackOff`, `ImagePullBackOff`, `ContainerCreating`. */
  waitingReason?: string;
  /** Terminated reason of the current state, e.g. `Completed`, `OOMKilled`. */
  terminatedReason?: string;
  /** Reason the previous run ended (lastState.terminated), e.g. `Error`. */
  lastTerminatedReason?: string;
}

export interface PodOptions extends CommonOptions {
  phase?: 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';
  containers?: ContainerOptions[];
  nodeName?: string;
  podIP?: string;
  startTime?: Time;
}

function containerStatus(
  c: Required<Pick<ContainerOptions, 'name' | 'image'>> & ContainerOptions,
  start: string,
): Rec {
  let state: Rec;
  if (c.waitingReason) {
    const message =
      c.waitingReason === 'CrashLoopBackOff'
        ? `back-off 5m0s restarting failed container=${c.name} pod`
        : undefined;
    state = { waiting: { reason: c.waitingReason, ...(message ? { message } : {}) } };
  } else if (c.terminatedReason) {
    state = {
      terminated: {
        exitCode: c.terminatedReason === 'Completed' ? 0 : 1,
        reason: c.terminatedReason,
        startedAt: start,
        finishedAt: start,
      },
    };
  } else state = { running: { startedAt: start } };
  const s: Rec = {
    name: c.name,
    image: c.image,
    imageID: `docker.io/library/${c.image}@sha256:${'0'.repeat(64)}`,
    containerID: `containerd://${Buffer.from(c.name).toString('hex').padEnd(64, '0')}`,
    ready: c.ready ?? (!c.waitingReason && !c.terminatedReason),
    started: !c.waitingReason && !c.terminatedReason,
    restartCount: c.restartCount ?? 0,
    state,
    lastState: {},
  };
  if (c.lastTerminatedReason) {
    s.lastState = {
      terminated: { exitCode: 1, reason: c.lastTerminatedReason, startedAt: start, finishedAt: start },
    };
  }
  return s;
}

let podIpCounter = 10;

/** pod builds a Pod; default: one running, ready `nginx` container on `node-1`. */
export function pod(namespace: string, name: string, o: PodOptions = {}): KubeObject {
  const containers = (o.containers ?? [{}]).map((c, i) => ({
    name: c.name ?? (i === 0 ? 'app' : `c${i}`),
    image: c.image ?? 'nginx:1.27',
    ...c,
  }));
  const start = rfc3339(o.startTime ?? o.creationTimestamp ?? Date.now());
  const statuses = containers.map((c) => containerStatus({ ...c, name: c.name, image: c.image }, start));
  const allReady = statuses.every((s) => s.ready);
  const phase = o.phase ?? 'Running';
  const ip = o.podIP ?? `10.244.0.${(podIpCounter++ % 250) + 2}`;
  const condition = (type: string, ok: boolean) => ({
    type,
    status: ok ? 'True' : 'False',
    lastProbeTime: null,
    lastTransitionTime: start,
  });
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: meta(namespace, name, o),
    spec: {
      containers: containers.map((c) => ({
        name: c.name,
        image: c.image,
        imagePullPolicy: 'IfNotPresent',
        ports: [{ containerPort: 80, protocol: 'TCP' }],
        resources: {},
        terminationMessagePath: '/dev/termination-log',
        terminationMessagePolicy: 'File',
      })),
      restartPolicy: 'Always',
      dnsPolicy: 'ClusterFirst',
      nodeName: o.nodeName ?? 'node-1',
      schedulerName: 'default-scheduler',
      serviceAccountName: 'default',
      terminationGracePeriodSeconds: 30,
      tolerations: [
        {
          key: 'node.kubernetes.io/not-ready',
          operator: 'Exists',
          effect: 'NoExecute',
          tolerationSeconds: 300,
        },
        {
          key: 'node.kubernetes.io/unreachable',
          operator: 'Exists',
          effect: 'NoExecute',
          tolerationSeconds: 300,
        },
      ],
    },
    status: {
      phase,
      conditions: [
        condition('PodReadyToStartContainers', true),
        condition('Initialized', true),
        condition('Ready', allReady),
        condition('ContainersReady', allReady),
        condition('PodScheduled', true),
      ],
      hostIP: '192.168.49.2',
      podIP: ip,
      podIPs: [{ ip }],
      startTime: start,
      containerStatuses: statuses,
      qosClass: 'BestEffort',
    },
  };
}

function podTemplate(labels: Record<string, string>, image: string): Rec {
  return {
    metadata: { labels: { ...labels } },
    spec: {
      containers: [
        {
          name: 'app',
          image,
          imagePullPolicy: 'IfNotPresent',
          ports: [{ containerPort: 80, protocol: 'TCP' }],
          resources: {},
        },
      ],
      restartPolicy: 'Always',
      dnsPolicy: 'ClusterFirst',
      schedulerName: 'default-scheduler',
      terminationGracePeriodSeconds: 30,
    },
  };
}

export interface WorkloadOptions extends CommonOptions {
  replicas?: number;
  readyReplicas?: number;
  image?: string;
  /** Selector labels (default `{app: name}`). */
  selector?: Record<string, string>;
}

/** deployment builds a Deployment with status counts consistent with `replicas`/`readyReplicas`. */
export function deployment(namespace: string, name: string, o: WorkloadOptions = {}): KubeObject {
  const replicas = o.replicas ?? 1;
  const ready = o.readyReplicas ?? replicas;
  const selector = o.selector ?? { app: name };
  const now = rfc3339(o.creationTimestamp ?? Date.now());
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta(
      namespace,
      name,
      { ...o, labels: { ...selector, ...(o.labels ?? {}) } },
      { annotations: { 'deployment.kubernetes.io/revision': '1' } },
    ),
    spec: {
      replicas,
      selector: { matchLabels: selector },
      template: podTemplate(selector, o.image ?? 'nginx:1.27'),
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    },
    status: {
      observedGeneration: 1,
      replicas,
      updatedReplicas: replicas,
      readyReplicas: ready,
      availableReplicas: ready,
      ...(ready < replicas ? { unavailableReplicas: replicas - ready } : {}),
      conditions: [
        {
          type: 'Available',
          status: ready >= replicas ? 'True' : 'False',
          reason: ready >= replicas ? 'MinimumReplicasAvailable' : 'MinimumReplicasUnavailable',
          message:
            ready >= replicas
              ? 'Deployment has minimum availability.'
              : 'Deployment does not have minimum availability.',
          lastUpdateTime: now,
          lastTransitionTime: now,
        },
        {
          type: 'Progressing',
          status: 'True',
          reason: 'NewReplicaSetAvailable',
          message: `ReplicaSet "${name}" has successfully progressed.`,
          lastUpdateTime: now,
          lastTransitionTime: now,
        },
      ],
    },
  };
}

export interface ReplicaSetOptions extends WorkloadOptions {
  /** The owning Deployment (a created object): the ReplicaSet copies its selector and template, as the controller does. */
  deployment?: KubeObject;
  podTemplateHash?: string;
}

/** replicaSet builds a ReplicaSet; given a Deployment it is that Deployment's current ReplicaSet. */
export function replicaSet(namespace: string, name: string, o: ReplicaSetOptions = {}): KubeObject {
  const hash = o.podTemplateHash ?? name.split('-').pop() ?? '5d8f9c7b6';
  const dep = o.deployment as
    | { spec?: { selector?: { matchLabels?: Record<string, string> }; template?: Rec; replicas?: number } }
    | undefined;
  const selector = {
    ...(o.selector ?? dep?.spec?.selector?.matchLabels ?? { app: name }),
    'pod-template-hash': hash,
  };
  const template = dep?.spec?.template
    ? (JSON.parse(JSON.stringify(dep.spec.template)) as Rec)
    : podTemplate({}, o.image ?? 'nginx:1.27');
  (template.metadata as Rec).labels = { ...(((template.metadata as Rec).labels as Rec) ?? {}), ...selector };
  const replicas = o.replicas ?? dep?.spec?.replicas ?? 1;
  const ready = o.readyReplicas ?? replicas;
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: meta(
      namespace,
      name,
      { ...o, labels: { ...selector, ...(o.labels ?? {}) }, ...(dep ? { owner: dep as ObjectRef } : {}) },
      {
        annotations: {
          'deployment.kubernetes.io/desired-replicas': String(replicas),
          'deployment.kubernetes.io/max-replicas': String(replicas + 1),
          'deployment.kubernetes.io/revision': '1',
        },
      },
    ),
    spec: { replicas, selector: { matchLabels: selector }, template },
    status: {
      replicas,
      fullyLabeledReplicas: replicas,
      readyReplicas: ready,
      availableReplicas: ready,
      observedGeneration: 1,
    },
  };
}

export interface EventOptions {
  type?: 'Normal' | 'Warning';
  reason?: string;
  message?: string;
  count?: number;
  firstTimestamp?: Time;
  lastTimestamp?: Time;
  /** source.component, e.g. `kubelet`; `{component, host}` for both. */
  source?: string | { component: string; host?: string };
  name?: string;
  fieldPath?: string;
  reportingComponent?: string;
  reportingInstance?: string;
}

let eventCounter = 0;

function eventName(objectName: string, at: Time): string {
  const ms = new Date(at instanceof Date ? at.getTime() : at).getTime();
  return `${objectName}.${(BigInt(ms) * 1_000_000n + BigInt(eventCounter++ % 1_000_000)).toString(16)}`;
}

/** event builds a core/v1 Event about `involved` (a created object, so its uid is copied) in the style of the legacy recorder. */
export function event(namespace: string, involved: ObjectRef, o: EventOptions = {}): KubeObject {
  const ref: Rec = refOf(involved);
  if (o.fieldPath ?? involved.fieldPath) ref.fieldPath = o.fieldPath ?? involved.fieldPath;
  const first = o.firstTimestamp ?? o.lastTimestamp ?? Date.now();
  const last = o.lastTimestamp ?? first;
  const source =
    typeof o.source === 'string'
      ? { component: o.source }
      : (o.source ?? { component: 'kubelet', host: 'node-1' });
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: o.name ?? eventName(ref.name as string, first), namespace },
    involvedObject: ref,
    reason: o.reason ?? 'Scheduled',
    message: o.message ?? `Successfully assigned ${namespace}/${ref.name as string} to node-1`,
    type: o.type ?? 'Normal',
    count: o.count ?? 1,
    firstTimestamp: rfc3339(first),
    lastTimestamp: rfc3339(last),
    source,
    reportingComponent: o.reportingComponent ?? source.component,
    reportingInstance: o.reportingInstance ?? source.host ?? '',
    eventTime: null,
  };
}

export interface EventV1Options {
  type?: 'Normal' | 'Warning';
  reason?: string;
  note?: string;
  action?: string;
  eventTime?: Time;
  reportingController?: string;
  reportingInstance?: string;
  series?: { count: number; lastObservedTime: Time };
  name?: string;
}

/** eventV1 builds an events.k8s.io/v1 Event in the style of the new recorder (eventTime, no deprecated fields). */
export function eventV1(namespace: string, regarding: ObjectRef, o: EventV1Options = {}): KubeObject {
  const at = o.eventTime ?? Date.now();
  const ref = refOf(regarding);
  const e: KubeObject = {
    apiVersion: 'events.k8s.io/v1',
    kind: 'Event',
    metadata: { name: o.name ?? eventName(ref.name, at), namespace },
    eventTime: microTime(at),
    regarding: ref,
    reason: o.reason ?? 'Scheduled',
    note: o.note ?? `Successfully assigned ${namespace}/${ref.name} to node-1`,
    type: o.type ?? 'Normal',
    action: o.action ?? 'Binding',
    reportingController: o.reportingController ?? 'default-scheduler',
    reportingInstance: o.reportingInstance ?? 'default-scheduler-control-plane',
  };
  if (o.series) e.series = { count: o.series.count, lastObservedTime: microTime(o.series.lastObservedTime) };
  return e;
}

/** namespace builds an Active Namespace. */
export function namespace(name: string, o: CommonOptions = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: meta(undefined, name, {
      ...o,
      labels: { 'kubernetes.io/metadata.name': name, ...(o.labels ?? {}) },
    }),
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  };
}

export interface NodeOptions extends CommonOptions {
  ready?: boolean;
  roles?: string[];
  kubeletVersion?: string;
  internalIP?: string;
}

/** node builds a Node with a Ready condition and node info. */
export function node(name: string, o: NodeOptions = {}): KubeObject {
  const roleLabels = Object.fromEntries((o.roles ?? []).map((r) => [`node-role.kubernetes.io/${r}`, '']));
  const now = rfc3339(o.creationTimestamp ?? Date.now());
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: meta(undefined, name, {
      ...o,
      labels: {
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        ...roleLabels,
        ...(o.labels ?? {}),
      },
    }),
    spec: { podCIDR: '10.244.0.0/24' },
    status: {
      conditions: [
        {
          type: 'Ready',
          status: o.ready === false ? 'False' : 'True',
          reason: o.ready === false ? 'KubeletNotReady' : 'KubeletReady',
          message:
            o.ready === false ? 'container runtime network not ready' : 'kubelet is posting ready status',
          lastHeartbeatTime: now,
          lastTransitionTime: now,
        },
      ],
      addresses: [
        { type: 'InternalIP', address: o.internalIP ?? '192.168.49.2' },
        { type: 'Hostname', address: name },
      ],
      capacity: { cpu: '4', memory: '8Gi', pods: '110' },
      allocatable: { cpu: '4', memory: '8Gi', pods: '110' },
      nodeInfo: {
        kubeletVersion: o.kubeletVersion ?? 'v1.32.0',
        osImage: 'Ubuntu 24.04 LTS',
        kernelVersion: '6.8.0',
        containerRuntimeVersion: 'containerd://1.7.22',
        operatingSystem: 'linux',
        architecture: 'amd64',
      },
    },
  };
}

/** service builds a ClusterIP Service selecting `{app: name}`. */
export function service(
  namespace: string,
  name: string,
  o: CommonOptions & { port?: number; selector?: Record<string, string> } = {},
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta(namespace, name, o),
    spec: {
      type: 'ClusterIP',
      clusterIP: '10.96.0.10',
      ports: [{ port: o.port ?? 80, protocol: 'TCP', targetPort: o.port ?? 80 }],
      selector: o.selector ?? { app: name },
    },
    status: { loadBalancer: {} },
  };
}

/** statefulSet builds a StatefulSet. */
export function statefulSet(namespace: string, name: string, o: WorkloadOptions = {}): KubeObject {
  const replicas = o.replicas ?? 1;
  const selector = o.selector ?? { app: name };
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: meta(namespace, name, o),
    spec: {
      replicas,
      serviceName: name,
      selector: { matchLabels: selector },
      template: podTemplate(selector, o.image ?? 'postgres:16'),
    },
    status: {
      replicas,
      readyReplicas: o.readyReplicas ?? replicas,
      currentReplicas: replicas,
      updatedReplicas: replicas,
    },
  };
}

/** daemonSet builds a DaemonSet. */
export function daemonSet(namespace: string, name: string, o: WorkloadOptions = {}): KubeObject {
  const selector = o.selector ?? { app: name };
  const n = o.replicas ?? 1;
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: meta(namespace, name, o),
    spec: {
      selector: { matchLabels: selector },
      template: podTemplate(selector, o.image ?? 'fluent/fluent-bit:3.1'),
    },
    status: {
      desiredNumberScheduled: n,
      currentNumberScheduled: n,
      numberReady: o.readyReplicas ?? n,
      numberAvailable: o.readyReplicas ?? n,
      numberMisscheduled: 0,
    },
  };
}

/** job builds a Job; `succeeded` completed pods. */
export function job(
  namespace: string,
  name: string,
  o: CommonOptions & { succeeded?: number; image?: string } = {},
): KubeObject {
  const template = podTemplate({ 'job-name': name }, o.image ?? 'busybox:1.36');
  (template.spec as Rec).restartPolicy = 'Never';
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: meta(namespace, name, o),
    spec: { completions: 1, parallelism: 1, backoffLimit: 6, template },
    status: { succeeded: o.succeeded ?? 0, active: o.succeeded ? 0 : 1 },
  };
}

/** cronJob builds a CronJob. */
export function cronJob(
  namespace: string,
  name: string,
  o: CommonOptions & { schedule?: string } = {},
): KubeObject {
  const template = podTemplate({}, 'busybox:1.36');
  (template.spec as Rec).restartPolicy = 'OnFailure';
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: meta(namespace, name, o),
    spec: {
      schedule: o.schedule ?? '*/5 * * * *',
      jobTemplate: { spec: { template } },
      concurrencyPolicy: 'Allow',
      suspend: false,
    },
    status: {},
  };
}
