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
import { englishL10n, type Localizer } from '../util/l10n';
import { Builder, cachedRef, describeStep, involvedRef, kubectlStep, ref } from './text';
import type { ExplainCache, ExplainEvent, Explanation, Ref } from './types';

const disk = (l10n: Localizer) => l10n.t('disk space or inodes');
const memory = (l10n: Localizer) => l10n.t('memory');
const pids = (l10n: Localizer) => l10n.t('process IDs');

const PRESSURE: Record<string, { condition: string; what: (l10n: Localizer) => string }> = {
  NodeHasDiskPressure: { condition: 'DiskPressure', what: disk },
  DiskPressure: { condition: 'DiskPressure', what: disk },
  NodeHasInsufficientMemory: { condition: 'MemoryPressure', what: memory },
  MemoryPressure: { condition: 'MemoryPressure', what: memory },
  NodeHasMemoryPressure: { condition: 'MemoryPressure', what: memory },
  NodeHasInsufficientPID: { condition: 'PIDPressure', what: pids },
};

/** podCount renders "1 pod", "3 pods" (see nodeCount in text.ts). */
function podCount(n: number, l10n: Localizer): string {
  return n === 1 ? l10n.t('1 pod') : l10n.t('{0} pods', n);
}

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
  const state = `${type}=${String(c['status'] ?? '?')}`;
  const head =
    since !== undefined
      ? b.l10n.t('Node {0} {1} for {2}', r.name, state, humanDuration(now - since))
      : b.l10n.t('Node {0} {1}', r.name, state);
  b.fact(
    `${head}${str(c['reason']) ? ` (${String(c['reason'])}${str(c['message']) ? `: ${String(c['message'])}` : ''})` : ''}`,
    r,
  );
  return c;
}

/** explainNode explains one node-level event. */
export function explainNode(
  e: ExplainEvent,
  cache: ExplainCache,
  now: number,
  l10n: Localizer = englishL10n,
): Explanation {
  const b = new Builder(e.reason, l10n);
  const target = involvedRef(e);
  b.step(describeStep(target, l10n));
  if (e.reason === 'Evicted') return evicted(b, e, cache, target);
  const nodeName = e.involved.kind === 'Node' ? target.name : nodeOfPod(cache, target);
  const node = nodeName && cache.watches('Node') ? cache.get('Node', '', nodeName) : undefined;
  if (nodeName && e.involved.kind !== 'Node') b.step(describeStep(ref('Node', '', nodeName), l10n));
  if (!node) b.lower('partial');
  if (e.reason === 'NodeNotReady') {
    const c = node ? nodeFacts(b, node, 'Ready', now) : undefined;
    if (c && c['status'] === 'True') b.fact(l10n.t('Node {0} is Ready again', nodeName!)).lower('partial');
    if (c && c['status'] === 'Unknown')
      b.fact(
        l10n.t('Status Unknown: the kubelet stopped posting status (node down, network, or kubelet stopped)'),
      );
    if (nodeName)
      b.fact(
        l10n.t('{0} are bound to {1}', podCount(cache.podsOn(nodeName).length, l10n), nodeName),
        cachedRef(cache, 'Node', '', nodeName),
      );
    return b.build(
      e.involved.kind === 'Pod'
        ? l10n.t(
            'Node {0} is not Ready: its pods are marked not ready and will be evicted if it does not recover',
            nodeName ?? '?',
          )
        : l10n.t('Node {0} is not Ready', nodeName ?? '?'),
    );
  }
  if (e.reason === 'Rebooted') {
    const boot = /boot id: (\S{1,64})/.exec(e.message)?.[1];
    if (boot) b.fact(l10n.t('New boot id {0}', boot));
    if (nodeName) {
      const pods = cache.podsOn(nodeName);
      b.fact(
        l10n.t(
          '{0} on {1} had their containers restarted by the reboot',
          podCount(pods.length, l10n),
          nodeName,
        ),
        cachedRef(cache, 'Node', '', nodeName),
      );
    }
    return b.build(l10n.t('Node {0} rebooted: every container on it restarted', nodeName ?? '?'));
  }
  const p = PRESSURE[e.reason]!;
  const c = node ? nodeFacts(b, node, p.condition, now) : undefined;
  if (c && c['status'] === 'False') b.fact(l10n.t('The pressure has cleared')).lower('partial');
  b.fact(l10n.t('Under {0} the kubelet evicts pods and the node gets a NoSchedule taint', p.condition));
  b.step(kubectlStep(l10n.t('Show node usage'), `kubectl top node ${nodeName ?? ''}`.trim()));
  return b.build(
    l10n.t('Node {0} is low on {1} ({2}): pods may be evicted', nodeName ?? '?', p.what(l10n), p.condition),
  );
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
  const { l10n } = b;
  if (low) {
    const res = low[1]!;
    if (low[2]) b.fact(l10n.t('Eviction threshold {0} < {1}; {2} was available', res, low[2], low[3] ?? ''));
    for (const m of msg.matchAll(
      /Container (\S{1,253}) was using (\S{1,32}), request is (\S{1,32}), has larger consumption of/g,
    ))
      b.fact(
        l10n.t(
          'Container {0} used {1}, request {2}: using more than requested puts it first in line for eviction',
          m[1]!,
          m[2]!,
          m[3]!,
        ),
        target,
      );
    if (nodeName) b.step(describeStep(ref('Node', '', nodeName), l10n));
    return b.build(
      nodeName
        ? l10n.t('The kubelet evicted the pod because node {0} ran low on {1}', nodeName, res)
        : l10n.t('The kubelet evicted the pod because node ran low on {0}', res),
    );
  }
  const cond = /The node had condition: \[(\w{1,64})\]/.exec(msg);
  if (cond) return b.build(l10n.t('The pod was rejected because the node had condition {0}', cond[1]!));
  const eph =
    /(Pod ephemeral local storage usage exceeds the total limit of containers (\S{1,32}))|(Container (\S{1,253}) exceeded its local ephemeral storage limit "(\S{1,32})")|(Usage of EmptyDir volume "(\S{1,253})" exceeds the limit "(\S{1,32})")/.exec(
      msg,
    );
  if (eph) {
    b.fact(eph[0].replace(/\.$/, ''), target);
    return b.build(l10n.t('The pod used more local ephemeral storage than its limit and was evicted'));
  }
  b.fact(l10n.t('The kubelet reported: {0}', msg)).lower('generic');
  return b.build(l10n.t('The kubelet evicted the pod'));
}
