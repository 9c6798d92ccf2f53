/**
 * node: `kubectl describe node` (describeNode), with "Non-terminated Pods" and "Allocated
 * resources" computed from the cached pods bound to the node, and the Lease block from the
 * cached node Lease when the caller can look it up.
 */

import type { KubeObject } from '../cache/types';
import type { Ctx } from './context';
import { describeEvents } from './events';
import {
  byString,
  printAnnotationsMultiline,
  printLabelsMultiline,
  printTaintsMultiline,
  since,
} from './format';
import { isSet, rec, recs, str, strMap, strings, type Rec } from './fields';
import {
  addInto,
  canonical,
  formatQuantity,
  maxInto,
  milliValue,
  resourceList,
  value,
  ZERO,
  type Quantity,
  type ResourceList,
} from './quantity';
import { DescribeWriter, LEVEL_0, LEVEL_1 } from './printer';

const ROLE_PREFIX = 'node-role.kubernetes.io/';

/** nodeRoles is findNodeRoles: `node-role.kubernetes.io/<role>` labels and `kubernetes.io/role`, sorted. */
export function nodeRoles(labels: unknown): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(strMap(labels))) {
    if (k.startsWith(ROLE_PREFIX) && k.length > ROLE_PREFIX.length) roles.add(k.slice(ROLE_PREFIX.length));
    else if (k === 'kubernetes.io/role' && v !== '') roles.add(v);
  }
  return [...roles].sort(byString);
}

/**
 * podRequestsAndLimits is resourcehelper.PodRequestsAndLimits: the containers' sum, raised to
 * any larger init container (sidecars, restartPolicy Always, add to the sum), plus overhead.
 */
export function podRequestsAndLimits(pod: Rec): { requests: ResourceList; limits: ResourceList } {
  const spec = rec(pod.spec);
  const out = { requests: new Map() as ResourceList, limits: new Map() as ResourceList };
  for (const field of ['requests', 'limits'] as const) {
    const total: ResourceList = new Map();
    for (const c of recs(spec.containers)) addInto(total, resourceList(rec(c.resources)[field]));
    const sidecars: ResourceList = new Map();
    const initMax: ResourceList = new Map();
    for (const c of recs(spec.initContainers)) {
      const r = resourceList(rec(c.resources)[field]);
      if (str(c.restartPolicy) === 'Always') {
        addInto(sidecars, r);
        addInto(total, r);
      } else {
        const effective: ResourceList = new Map(sidecars);
        addInto(effective, r);
        maxInto(initMax, effective);
      }
    }
    maxInto(total, initMax);
    addInto(total, resourceList(spec.overhead));
    out[field] = total;
  }
  return out;
}

function percent(part: number, whole: number): number {
  if (whole === 0) return 0;
  return Math.trunc((part / whole) * 100);
}

const STANDARD = new Set(['cpu', 'memory', 'ephemeral-storage', 'pods']);

function describeNodeResource(w: DescribeWriter, node: Rec, pods: KubeObject[], now: number): void {
  w.write(LEVEL_0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(LEVEL_1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(LEVEL_1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  const status = rec(node.status);
  const allocatable = resourceList(
    Object.keys(rec(status.allocatable)).length > 0 ? status.allocatable : status.capacity,
  );
  const get = (l: ResourceList, k: string): Quantity => l.get(k) ?? ZERO;
  const cpuAlloc = milliValue(get(allocatable, 'cpu'));
  const memAlloc = value(get(allocatable, 'memory'));
  const totalReqs: ResourceList = new Map();
  const totalLimits: ResourceList = new Map();
  for (const pod of pods) {
    const { requests, limits } = podRequestsAndLimits(pod);
    addInto(totalReqs, requests);
    addInto(totalLimits, limits);
    const cell = (q: Quantity, whole: number, milli: boolean) =>
      `${formatQuantity(q)} (${percent(milli ? milliValue(q) : value(q), whole)}%)`;
    w.write(
      LEVEL_1,
      `${pod.metadata.namespace ?? ''}\t${pod.metadata.name ?? ''}\t\t` +
        `${cell(get(requests, 'cpu'), cpuAlloc, true)}\t${cell(get(limits, 'cpu'), cpuAlloc, true)}\t` +
        `${cell(get(requests, 'memory'), memAlloc, false)}\t${cell(get(limits, 'memory'), memAlloc, false)}\t` +
        `${since(pod.metadata.creationTimestamp, now)}\n`,
    );
  }
  w.write(LEVEL_0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(LEVEL_1, 'Resource\tRequests\tLimits\n');
  w.write(LEVEL_1, '--------\t--------\t------\n');
  const row = (name: string, milli: boolean) => {
    const whole = milli ? milliValue(get(allocatable, name)) : value(get(allocatable, name));
    const v = (q: Quantity) => (milli ? milliValue(q) : value(q));
    const r = get(totalReqs, name);
    const l = get(totalLimits, name);
    w.write(
      LEVEL_1,
      `${name}\t${formatQuantity(r)} (${percent(v(r), whole)}%)\t${formatQuantity(l)} (${percent(v(l), whole)}%)\n`,
    );
  };
  row('cpu', true);
  row('memory', false);
  row('ephemeral-storage', false);
  const names = [...allocatable.keys()].sort(byString);
  for (const name of names.filter((n) => n.startsWith('hugepages-'))) row(name, false);
  for (const name of names.filter((n) => !n.startsWith('hugepages-') && !STANDARD.has(n))) {
    w.write(
      LEVEL_1,
      `${name}\t${formatQuantity(get(totalReqs, name))}\t${formatQuantity(get(totalLimits, name))}\n`,
    );
  }
}

function byNamespaceName(a: KubeObject, b: KubeObject): number {
  return (
    byString(a.metadata.namespace ?? '', b.metadata.namespace ?? '') ||
    byString(a.metadata.name ?? '', b.metadata.name ?? '')
  );
}

/**
 * describeNodeLease is kubectl's Lease block: the holder and times of the node's Lease, or the
 * error kubectl prints when the Lease does not exist.
 */
function describeNodeLease(w: DescribeWriter, name: string, lease: KubeObject | null, ctx: Ctx): void {
  if (lease === null) {
    w.write(LEVEL_0, `Lease:\tFailed to get lease: leases.coordination.k8s.io "${name}" not found\n`);
    return;
  }
  const spec = rec(lease.spec);
  const time = (v: unknown) => (isSet(v) ? ctx.time(v) : '<unset>');
  w.write(LEVEL_0, 'Lease:\n');
  w.write(
    LEVEL_1,
    `HolderIdentity:\t${typeof spec.holderIdentity === 'string' ? spec.holderIdentity : '<unset>'}\n`,
  );
  w.write(LEVEL_1, `AcquireTime:\t${time(spec.acquireTime)}\n`);
  w.write(LEVEL_1, `RenewTime:\t${time(spec.renewTime)}\n`);
}

/**
 * describeNode renders a Node as `kubectl describe node` does; the Lease block only when the
 * nodeLease lookup is given.
 */
export function describeNode(obj: KubeObject, ctx: Ctx): string {
  const w = new DescribeWriter();
  const meta = rec(obj.metadata);
  const spec = rec(obj.spec);
  const status = rec(obj.status);
  w.write(LEVEL_0, `Name:\t${str(meta.name)}\n`);
  const roles = nodeRoles(meta.labels);
  w.write(LEVEL_0, `Roles:\t${roles.length > 0 ? roles.join(',') : '<none>'}\n`);
  printLabelsMultiline(w, 'Labels', meta.labels);
  printAnnotationsMultiline(w, 'Annotations', meta.annotations);
  w.write(LEVEL_0, `CreationTimestamp:\t${ctx.time(meta.creationTimestamp)}\n`);
  printTaintsMultiline(w, 'Taints', spec.taints);
  w.write(LEVEL_0, `Unschedulable:\t${spec.unschedulable === true}\n`);
  if (ctx.related.nodeLease) describeNodeLease(w, str(meta.name), ctx.related.nodeLease(str(meta.name)), ctx);
  const conditions = recs(status.conditions);
  if (conditions.length > 0) {
    w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(LEVEL_1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of conditions) {
      w.write(
        LEVEL_1,
        `${str(c.type)} \t${str(c.status)} \t${ctx.time(c.lastHeartbeatTime)} \t` +
          `${ctx.time(c.lastTransitionTime)} \t${str(c.reason)} \t${str(c.message)}\n`,
      );
    }
  }
  w.write(LEVEL_0, 'Addresses:\n');
  for (const a of recs(status.addresses)) w.write(LEVEL_1, `${str(a.type)}:\t${str(a.address)}\n`);
  for (const [title, field] of [
    ['Capacity', status.capacity],
    ['Allocatable', status.allocatable],
  ] as const) {
    const m = rec(field);
    const names = Object.keys(m).sort(byString);
    if (names.length === 0) continue;
    w.write(LEVEL_0, `${title}:\n`);
    for (const name of names) w.write(LEVEL_0, `  ${name}:\t${canonical(m[name])}\n`);
  }
  const info = rec(status.nodeInfo);
  w.write(LEVEL_0, 'System Info:\n');
  for (const [label, field] of [
    ['Machine ID', 'machineID'],
    ['System UUID', 'systemUUID'],
    ['Boot ID', 'bootID'],
    ['Kernel Version', 'kernelVersion'],
    ['OS Image', 'osImage'],
    ['Operating System', 'operatingSystem'],
    ['Architecture', 'architecture'],
    ['Container Runtime Version', 'containerRuntimeVersion'],
    ['Kubelet Version', 'kubeletVersion'],
    ['Kube-Proxy Version', 'kubeProxyVersion'],
  ] as const) {
    w.write(LEVEL_0, `  ${label}:\t${str(info[field])}\n`);
  }
  if (str(spec.podCIDR)) w.write(LEVEL_0, `PodCIDR:\t${str(spec.podCIDR)}\n`);
  const cidrs = strings(spec.podCIDRs);
  if (cidrs.length > 0) w.write(LEVEL_0, `PodCIDRs:\t${cidrs.join(',')}\n`);
  if (str(spec.providerID)) w.write(LEVEL_0, `ProviderID:\t${str(spec.providerID)}\n`);
  if (ctx.related.podsOnNode) {
    const pods = ctx.related
      .podsOnNode(str(meta.name))
      .filter((p) => !['Succeeded', 'Failed'].includes(str(rec(p.status).phase)))
      .sort(byNamespaceName);
    describeNodeResource(w, obj, pods, ctx.now);
  }
  describeEvents(w, ctx.events, ctx.now);
  return w.text();
}
