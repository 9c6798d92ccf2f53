/**
 * demoExplanations: what the explanation of each Warning of the demo cluster (./demoCluster)
 * must say, computed from what the demo wrote, never from the explainer: the pending pod's
 * memory request and the nodes' free memory, the crash-looping container's exit code and
 * restarts, the image that does not exist, the StorageClass the claim names and the cluster
 * lacks, the HPA's metric and bounds, the Certificate's and Application's conditions.
 *
 * EXPECTATIONS has one entry per Warning reason the demo emits. expectationFor throws "no
 * expectation for reason X" for a Warning it has no entry (or no variant) for: a new Warning
 * in the demo fails the tests until it gets one. checkExplanation compares what a panel (or
 * the core explainer, see test/unit/explain/demoExplanations.test.ts) shows with it.
 */
import type { KubeEvent } from '../../../src/core/events/model';
import type { TestServer } from '../../server/index';

type Rec = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** ExpectedExplanation is what one explanation must show; every phrase is matched as a substring. */
export interface ExpectedExplanation {
  /** The panel's heading: `Reason on Kind namespace/name`. */
  heading: string;
  /** Phrases the cause holds. */
  cause: string[];
  /** Phrases that some evidence line holds, each. */
  evidence: string[];
  /** Titles of the next-step buttons that must be offered. */
  steps: string[];
}

/** ShownExplanation is what a panel (or explanationView) shows for one Warning. */
export interface ShownExplanation {
  heading: string;
  cause: string;
  confidence: string;
  evidence: string[];
  steps: string[];
}

type Expect = (w: KubeEvent, demo: TestServer) => ExpectedExplanation;

/** get reads a demo object or throws: the expectation cannot be computed without it. */
function get(demo: TestServer, apiVersion: string, kind: string, ns: string, name: string): Rec {
  const o = demo.get(apiVersion, kind, ns || undefined, name) as Rec | undefined;
  if (!o) throw new Error(`the demo has no ${kind} ${ns ? `${ns}/` : ''}${name}`);
  return o;
}

function heading(w: KubeEvent): string {
  const i = w.involved;
  return `${w.reason} on ${i.kind} ${i.namespace ? `${i.namespace}/` : ''}${i.name}`;
}

const describe = (kind: string, name: string) => `Describe ${kind} ${name}`;
const showEvents = (kind: string, name: string) => `Show Events of ${kind} ${name}`;

/** containerOf names the container a kubelet event is about (`spec.containers{name}`), else the first. */
function containerOf(w: KubeEvent, pod: Rec): string {
  const m = /^spec\.(?:initContainers|containers)\{([^}]+)\}$/.exec(w.involved.fieldPath ?? '');
  return m?.[1] ?? String(pod.spec.containers[0].name);
}

const UNITS: Record<string, number> = { '': 1, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40 };

/** bytes reads the binary-suffixed quantities the demo writes (`8Gi`); anything else throws. */
function bytes(q: unknown): number {
  const m = /^(\d+)(|Ki|Mi|Gi|Ti)$/.exec(String(q ?? '0'));
  if (!m) throw new Error(`the test reads binary memory quantities only, not ${String(q)}`);
  return Number(m[1]) * UNITS[m[2]!]!;
}

/** gibibytes prints whole GiB as the demo's quantities are (`8Gi`); anything else throws. */
function gibibytes(n: number): string {
  if (n % UNITS.Gi! !== 0) throw new Error(`${n} bytes is not a whole number of Gi: update the test`);
  return `${n / UNITS.Gi!}Gi`;
}

/** failedScheduling: the pod's memory request against the schedulable nodes' free memory; the cordoned nodes. */
const failedScheduling: Expect = (w, demo) => {
  const pod = get(demo, 'v1', 'Pod', w.involved.namespace, w.involved.name);
  const request = String(pod.spec.containers[0].resources.requests.memory);
  const nodes = demo.list('v1', 'Node') as Rec[];
  const cordoned = nodes.filter((n) => n.spec?.unschedulable).map((n) => String(n.metadata.name));
  const open = nodes.filter((n) => !n.spec?.unschedulable);
  const pods = (demo.list('v1', 'Pod') as Rec[]).filter(
    (p) => p.spec?.nodeName && !['Succeeded', 'Failed'].includes(p.status?.phase),
  );
  const free = open.map((n) => ({
    name: String(n.metadata.name),
    free:
      bytes(n.status.allocatable.memory) -
      pods
        .filter((p) => p.spec.nodeName === n.metadata.name)
        .flatMap((p) => p.spec.containers as Rec[])
        .reduce((sum, c) => sum + bytes(c.resources?.requests?.memory), 0),
  }));
  const most = Math.max(...free.map((f) => f.free));
  if (!(most < bytes(request)) || cordoned.length !== 1)
    throw new Error(`the demo's pending pod ${pod.metadata.name} fits a node now: update the test`);
  const plural = (n: number) => `${n} node${n === 1 ? '' : 's'}`;
  const largest = free.filter((f) => f.free === most).map((f) => f.name);
  return {
    heading: heading(w),
    cause: [
      `${plural(open.length)} lack memory (it requests ${request}, at most ${gibibytes(most)} is free)`,
      `${plural(cordoned.length)} is cordoned`,
    ],
    evidence: [
      `the pod requests ${request}, the largest free allocatable is ${gibibytes(most)} on ${largest[0]}`,
      `${cordoned[0]} is cordoned`,
    ],
    steps: [describe('Pod', pod.metadata.name), `Uncordon ${cordoned[0]}`],
  };
};

/** backOff: the kubelet's crash-loop back-off; the container's last exit and restarts. */
const backOff: Expect = (w, demo) => {
  if (!/^Back-off restarting failed container/.test(w.message))
    throw new Error(`no expectation for reason BackOff with the message ${w.message}`);
  const pod = get(demo, 'v1', 'Pod', w.involved.namespace, w.involved.name);
  const name = containerOf(w, pod);
  const st = (pod.status.containerStatuses as Rec[]).find((s) => s.name === name)!;
  const last = st.lastState.terminated;
  return {
    heading: heading(w),
    cause: [
      `Container ${name} keeps exiting (exit code ${last.exitCode}, ${last.reason}`,
      `${st.restartCount} restarts`,
    ],
    evidence: [`Last exit: code ${last.exitCode} (${last.reason})`, `${st.restartCount} restarts`],
    steps: [describe('Pod', pod.metadata.name), `Read ${name}'s previous logs`],
  };
};

/** unhealthy: which probe of which container failed, and what a readiness failure does. */
const unhealthy: Expect = (w, demo) => {
  const pod = get(demo, 'v1', 'Pod', w.involved.namespace, w.involved.name);
  const probe = /^(Liveness|Readiness|Startup) probe failed/.exec(w.message)?.[1];
  if (!probe) throw new Error(`no expectation for reason Unhealthy with the message ${w.message}`);
  const cause = [`${probe} probe of ${containerOf(w, pod)} fails`];
  if (/connect: connection refused/.test(w.message)) cause.push('nothing was listening on the probed port');
  if (probe === 'Readiness') cause.push("taken out of its Services' endpoints (no restart)");
  return {
    heading: heading(w),
    cause,
    evidence: [w.message],
    steps: [describe('Pod', pod.metadata.name)],
  };
};

/** imagePull: the kubelet's Failed about pulling the pod's image, which does not exist. */
function imagePull(w: KubeEvent, demo: TestServer): ExpectedExplanation {
  const pod = get(demo, 'v1', 'Pod', w.involved.namespace, w.involved.name);
  const name = containerOf(w, pod);
  const image = String((pod.spec.containers as Rec[]).find((c) => c.name === name)!.image);
  // A reference's registry is its first path segment when that looks like a host (a dot, a
  // port, localhost); otherwise Docker Hub (redis:7.4.10, bitnami/redis).
  const first = image.includes('/') ? image.split('/')[0]! : '';
  const registry = /[.:]/.test(first) || first === 'localhost' ? first : 'docker.io';
  // "Error: ErrImagePull" and "Error: ImagePullBackOff" carry no error: the kubelet's
  // "Failed to pull image" event about the same pod and image does.
  const pull = /^Error: (?:ErrImagePull|ImagePullBackOff)$/.test(w.message)
    ? (demo.list('v1', 'Event', w.involved.namespace) as Rec[]).find(
        (e) =>
          e.involvedObject?.uid === w.involved.uid &&
          String(e.message).startsWith(`Failed to pull image "${image}"`),
      )
    : undefined;
  const error = pull ? String(pull.message) : w.message;
  if (!/^Failed to pull image ".*code = NotFound/.test(error))
    throw new Error(`no expectation for the kubelet's Failed with the message ${w.message}`);
  return {
    heading: heading(w),
    cause: [`The image or tag does not exist in the registry: ${image}`],
    evidence: [
      `Image ${image} from registry ${registry} (container ${name})`,
      ...(pull ? [`The last pull failed: ${error.slice(0, 60)}`] : []),
    ],
    steps: [describe('Pod', pod.metadata.name), 'Try the pull from your machine'],
  };
}

/** certificate: cert-manager's Failed; the Certificate's failing conditions. */
function certificate(w: KubeEvent, demo: TestServer): ExpectedExplanation {
  const cert = get(demo, 'cert-manager.io/v1', 'Certificate', w.involved.namespace, w.involved.name);
  const conditions = cert.status.conditions as Rec[];
  const ready = conditions.find((c) => c.type === 'Ready')!;
  const failing = conditions.find((c) => c.type !== 'Ready' && c.status === 'False')!;
  return {
    heading: heading(w),
    cause: [
      `Certificate ${cert.metadata.name} is NotReady: ${failing.type}=False (${failing.reason}): ${String(failing.message).slice(0, 60)}`,
    ],
    evidence: [`Ready=False`, `(${ready.reason}): ${ready.message}`],
    steps: [describe('Certificate', cert.metadata.name), showEvents('Certificate', cert.metadata.name)],
  };
}

/** failed: the overloaded reason, told apart by who reported it about what. */
const failed: Expect = (w, demo) => {
  if (w.involved.kind === 'Pod' && w.source === 'kubelet') return imagePull(w, demo);
  if (w.involved.kind === 'Certificate') return certificate(w, demo);
  throw new Error(`no expectation for reason Failed from ${w.source} on ${w.involved.kind}`);
};

/** provisioningFailed: the claim names a StorageClass the cluster does not have. */
const provisioningFailed: Expect = (w, demo) => {
  const pvc = get(demo, 'v1', 'PersistentVolumeClaim', w.involved.namespace, w.involved.name);
  const sc = String(pvc.spec.storageClassName);
  if (demo.get('storage.k8s.io/v1', 'StorageClass', undefined, sc))
    throw new Error(`the demo has StorageClass ${sc} now: update the test`);
  return {
    heading: heading(w),
    cause: [`The claim names StorageClass ${sc}, which does not exist`],
    evidence: [
      `PersistentVolumeClaim ${pvc.metadata.name} is ${pvc.status?.phase ?? 'Pending'}, StorageClass ${sc}`,
      `StorageClass ${sc} does not exist`,
    ],
    steps: [describe('PersistentVolumeClaim', pvc.metadata.name), 'List StorageClasses'],
  };
};

/** hpaMetrics: the HPA cannot read its metric, the metrics API is not served. */
const hpaMetrics: Expect = (w, demo) => {
  const hpa = get(demo, 'autoscaling/v2', 'HorizontalPodAutoscaler', w.involved.namespace, w.involved.name);
  const metric = String(hpa.spec.metrics[0].resource.name);
  const target = hpa.spec.scaleTargetRef;
  const inactive = (hpa.status.conditions as Rec[]).find((c) => c.type === 'ScalingActive')!;
  const cause = [`The HPA cannot read ${metric} metrics`];
  if (/\(get pods\.metrics\.k8s\.io\)/.test(w.message))
    cause.push('metrics-server is not serving metrics.k8s.io');
  return {
    heading: heading(w),
    cause,
    evidence: [
      `It scales ${target.kind} ${target.name} between ${hpa.spec.minReplicas} and ${hpa.spec.maxReplicas} replicas (now ${hpa.status.currentReplicas})`,
      `ScalingActive=${inactive.status} (${inactive.reason})`,
    ],
    steps: [
      describe('HorizontalPodAutoscaler', hpa.metadata.name),
      describe(target.kind, target.name),
      'Check the metrics API',
    ],
  };
};

/** syncLoadBalancerFailed: the cloud could not place the Service's load balancer. */
const syncLoadBalancerFailed: Expect = (w, demo) => {
  const svc = get(demo, 'v1', 'Service', w.involved.namespace, w.involved.name);
  const cause = [`load balancer of Service ${svc.metadata.name}`];
  if (/could not find any suitable subnets/.test(w.message)) cause.push('the cloud found no subnet');
  return {
    heading: heading(w),
    cause,
    evidence: [`Service ${svc.metadata.name} is type ${svc.spec.type}`, 'status.loadBalancer is empty'],
    steps: [describe('Service', svc.metadata.name), showEvents('Service', svc.metadata.name)],
  };
};

/** operationCompleted: Argo CD's failed sync; the Application's health, sync and condition. */
const operationCompleted: Expect = (w, demo) => {
  if (w.involved.kind !== 'Application')
    throw new Error(`no expectation for reason OperationCompleted on ${w.involved.kind}`);
  const app = get(demo, 'argoproj.io/v1alpha1', 'Application', w.involved.namespace, w.involved.name);
  const s = app.status;
  const cond = (s.conditions as Rec[])[0]!;
  return {
    heading: heading(w),
    cause: [
      `Application ${app.metadata.name} is ${s.health.status}: ${cond.type}: ${String(cond.message).slice(0, 60)}`,
    ],
    evidence: [`Health: ${s.health.status}`, `Sync: ${s.sync.status} (revision ${s.sync.revision})`],
    steps: [describe('Application', app.metadata.name), showEvents('Application', app.metadata.name)],
  };
};

/** EXPECTATIONS: one per Warning reason the demo emits. */
export const EXPECTATIONS: Readonly<Record<string, Expect>> = {
  BackOff: backOff,
  Failed: failed,
  FailedComputeMetricsReplicas: hpaMetrics,
  FailedGetResourceMetric: hpaMetrics,
  FailedScheduling: failedScheduling,
  OperationCompleted: operationCompleted,
  ProvisioningFailed: provisioningFailed,
  SyncLoadBalancerFailed: syncLoadBalancerFailed,
  Unhealthy: unhealthy,
};

/** expectationFor computes what the explanation of `w` must show; it throws for a Warning it cannot judge. */
export function expectationFor(w: KubeEvent, demo: TestServer): ExpectedExplanation {
  const expect = Object.hasOwn(EXPECTATIONS, w.reason) ? EXPECTATIONS[w.reason] : undefined;
  if (!expect)
    throw new Error(
      `no expectation for reason ${w.reason} (${w.source} on ${w.involved.kind} ${w.involved.namespace}/${w.involved.name}: ${w.message})`,
    );
  return expect(w, demo);
}

/**
 * checkExplanation lists how `shown` misses `expected` (empty when it matches): a wrong
 * heading, a missing cause phrase, evidence or step, or a generic explanation (a Warning of the
 * demo always gets a dedicated one).
 */
export function checkExplanation(shown: ShownExplanation, expected: ExpectedExplanation): string[] {
  const problems: string[] = [];
  if (shown.heading !== expected.heading)
    problems.push(`heading "${shown.heading}", not "${expected.heading}"`);
  for (const p of expected.cause)
    if (!shown.cause.includes(p)) problems.push(`the cause "${shown.cause}" lacks "${p}"`);
  if (/generic/i.test(shown.confidence)) problems.push(`a generic explanation (${shown.confidence})`);
  for (const p of expected.evidence)
    if (!shown.evidence.some((e) => e.includes(p))) problems.push(`no evidence line holds "${p}"`);
  for (const s of expected.steps)
    if (!shown.steps.includes(s)) problems.push(`no next step "${s}" (steps: ${shown.steps.join(' | ')})`);
  const seen = new Set<string>();
  for (const e of shown.evidence) {
    if (seen.has(e)) problems.push(`the evidence line "${e}" is shown twice`);
    seen.add(e);
  }
  return problems;
}
