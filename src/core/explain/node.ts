/**
 * node: explains node-level events: `Evicted` (kubelet eviction manager, on a pod),
 * `NodeNotReady` (on a node, or on its pods from the node lifecycle controller),
 * `NodeHasDiskPressure` / `NodeHasInsufficientMemory` / `NodeHasInsufficientPID` and their
 * *Pressure aliases, and `Rebooted`. The node's current conditions come from the cache.
 */
import type { KubeObject } from '../cache/types';
import { humanDuration } from '../events/age';
import { parseTime } from '../events/model';
import { condition, rec, str } from '../resources/read';
import { Builder, cachedRef, describeStep, involvedRef, kubectlStep, plural, ref } from './text';
import type { ExplainCache, ExplainEvent, Explanation, Ref } from './types';

const PRESSURE: Record<string, { condition: string; what: string }> = {
  NodeHasDiskPressure: { condition: 'DiskPressure', what: 'disk space or inodes' },
  DiskPressure: { condition: 'DiskPressure', what: 'disk space or inodes' },
  NodeHasInsufficientMemory: { condition: 'MemoryPressure', what: 'memory' },
  MemoryPressure: { condition: 'MemoryPressure', what: 'memory' },
  NodeHasMemoryPressure: { condition: 'MemoryPressure', what: 'memory' },
  NodeHasInsufficientPID: { condition: 'PIDPressure', what: 'process IDs' },
};

/** NODE_REASONS are the reasons this file explains. */
export const NODE_REASONS = new Set(['Evicted', 'NodeNotReady', 'Rebooted', ...Object.keys(PRESSURE)]);

function nodeFacts(
  b: Builder,
  node: KubeObject,
  type: string,
  now: number,
): Record<string, unknown> | undefined {
  const c = condition(rec(node['status'])['conditions'], type);
  const r = ref('Node', '', node.metadata.name ?? '');
  if (!c) return undefined;
  const since = parseTime(c['lastTransitionTime']);
  b.fact(
    `Node ${r.name} ${type}=${String(c['status'] ?? '?')}${since !== undefined ? ` for ${humanDuration(now - since)}` : ''}${str(c['reason']) ? ` (${String(c['reason'])}${str(c['message']) ? `: ${String(c['message'])}` : ''})` : ''}`,
    r,
  );
  return c;
}

/** explainNode explains one node-level event. */
export function explainNode(e: ExplainEvent, cache: ExplainCache, now: number): Explanation {
  const b = new Builder(e.reason);
  const target = involvedRef(e);
  b.step(describeStep(target));
  if (e.reason === 'Evicted') return evicted(b, e, cache, target);
  const nodeName = e.involved.kind === 'Node' ? target.name : nodeOfPod(cache, target);
  const node = nodeName && cache.watches('Node') ? cache.get('Node', '', nodeName) : undefined;
  if (nodeName && e.involved.kind !== 'Node') b.step(describeStep(ref('Node', '', nodeName)));
  if (!node) b.lower('partial');
  if (e.reason === 'NodeNotReady') {
    const c = node ? nodeFacts(b, node, 'Ready', now) : undefined;
    if (c && c['status'] === 'True') b.fact(`Node ${nodeName} is Ready again`).lower('partial');
    if (c && c['status'] === 'Unknown')
      b.fact('Status Unknown: the kubelet stopped posting status (node down, network, or kubelet stopped)');
    if (nodeName)
      b.fact(
        `${plural(cache.podsOn(nodeName).length, 'pod')} are bound to ${nodeName}`,
        cachedRef(cache, 'Node', '', nodeName),
      );
    return b.build(
      `Node ${nodeName ?? '?'} is not Ready${e.involved.kind === 'Pod' ? ': its pods are marked not ready and will be evicted if it does not recover' : ''}`,
    );
  }
  if (e.reason === 'Rebooted') {
    const boot = /boot id: (\S{1,64})/.exec(e.message)?.[1];
    if (boot) b.fact(`New boot id ${boot}`);
    if (nodeName) {
      const pods = cache.podsOn(nodeName);
      b.fact(
        `${plural(pods.length, 'pod')} on ${nodeName} had their containers restarted by the reboot`,
        cachedRef(cache, 'Node', '', nodeName),
      );
    }
    return b.build(`Node ${nodeName ?? '?'} rebooted: every container on it restarted`);
  }
  const p = PRESSURE[e.reason]!;
  const c = node ? nodeFacts(b, node, p.condition, now) : undefined;
  if (c && c['status'] === 'False') b.fact(`The pressure has cleared`).lower('partial');
  b.fact(`Under ${p.condition} the kubelet evicts pods and the node gets a NoSchedule taint`);
  b.step(kubectlStep('Show node usage', `kubectl top node ${nodeName ?? ''}`.trim()));
  return b.build(`Node ${nodeName ?? '?'} is low on ${p.what} (${p.condition}): pods may be evicted`);
}

function nodeOfPod(cache: ExplainCache, r: Ref): string | undefined {
  const pod = cache.get('Pod', r.namespace, r.name);
  const n = rec(pod?.['spec'])['nodeName'];
  return typeof n === 'string' && n ? n : undefined;
}

function evicted(b: Builder, e: ExplainEvent, cache: ExplainCache, target: Ref): Explanation {
  const msg = e.message.slice(0, 2048);
  const low =
    /The node was low on resource: ([\w.-]{1,64})\. (?:Threshold quantity: (\S{1,32}), available: (\S{1,32})\. )?/.exec(
      msg,
    );
  const nodeName = nodeOfPod(cache, target);
  if (low) {
    const res = low[1]!;
    if (low[2]) b.fact(`Eviction threshold ${res} < ${low[2]}; ${low[3]} was available`);
    for (const m of msg.matchAll(
      /Container (\S{1,253}) was using (\S{1,32}), request is (\S{1,32}), has larger consumption of/g,
    ))
      b.fact(
        `Container ${m[1]} used ${m[2]}, request ${m[3]}: using more than requested puts it first in line for eviction`,
        target,
      );
    if (nodeName) b.step(describeStep(ref('Node', '', nodeName)));
    return b.build(
      `The kubelet evicted the pod because node ${nodeName ?? ''} ran low on ${res}`.replace('  ', ' '),
    );
  }
  const cond = /The node had condition: \[(\w{1,64})\]/.exec(msg);
  if (cond) return b.build(`The pod was rejected because the node had condition ${cond[1]}`);
  const eph =
    /(Pod ephemeral local storage usage exceeds the total limit of containers (\S{1,32}))|(Container (\S{1,253}) exceeded its local ephemeral storage limit "(\S{1,32})")|(Usage of EmptyDir volume "(\S{1,253})" exceeds the limit "(\S{1,32})")/.exec(
      msg,
    );
  if (eph) {
    b.fact(eph[0].replace(/\.$/, ''), target);
    return b.build('The pod used more local ephemeral storage than its limit and was evicted');
  }
  b.fact(`The kubelet reported: ${msg}`).lower('generic');
  return b.build('The kubelet evicted the pod');
}
