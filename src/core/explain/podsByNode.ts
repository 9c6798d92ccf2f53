/**
 * podsByNode: an index of pods by spec.nodeName with the summed requests per node, fed
 * incrementally from the pod informer (set / delete), so that explaining a FailedScheduling
 * reads each node's usage in O(1) instead of scanning pods.
 */
import type { KubeObject } from '../cache/types';
import { metaNamespaceKey } from '../cache/store';
import { rec } from '../resources/read';
import { isTerminal, podRequests, type Amounts } from './requests';
import type { NodeUsage, PodsByNode } from './types';

interface NodeEntry {
  pods: Map<string, KubeObject>;
  requested: Map<string, number>;
  /** The NodeUsage handed out, kept current in place so reads allocate nothing. */
  usage: { requested: Map<string, number>; pods: number };
}

const EMPTY_USAGE: NodeUsage = Object.freeze({ requested: new Map<string, number>(), pods: 0 });

function nodeNameOf(pod: KubeObject): string | undefined {
  const n = rec(pod['spec'])['nodeName'];
  return typeof n === 'string' && n !== '' && !isTerminal(pod) ? n : undefined;
}

/**
 * PodsByNodeIndex implements PodsByNode. Contract: `set` is given every added or updated pod
 * and `delete` every deleted key (as an informer handler would); the index never mutates the
 * pods. Terminal pods (Succeeded/Failed) and unbound pods are not counted.
 */
export class PodsByNodeIndex implements PodsByNode {
  private readonly nodes = new Map<string, NodeEntry>();
  /** key -> node the pod is counted on. */
  private readonly where = new Map<string, string>();

  /** fromList builds an index from a list of pods. */
  static fromList(pods: Iterable<KubeObject>): PodsByNodeIndex {
    const idx = new PodsByNodeIndex();
    for (const p of pods) idx.set(p);
    return idx;
  }

  /** set adds or replaces a pod. */
  set(pod: KubeObject): void {
    const key = metaNamespaceKey(pod);
    this.delete(key);
    const node = nodeNameOf(pod);
    if (node === undefined) return;
    let entry = this.nodes.get(node);
    if (!entry) {
      const requested = new Map<string, number>();
      this.nodes.set(node, (entry = { pods: new Map(), requested, usage: { requested, pods: 0 } }));
    }
    entry.pods.set(key, pod);
    entry.usage.pods = entry.pods.size;
    apply(entry.requested, podRequests(pod), 1);
    this.where.set(key, node);
  }

  /** delete removes the pod stored under `key` (namespace/name), if any. */
  delete(key: string): void {
    const node = this.where.get(key);
    if (node === undefined) return;
    this.where.delete(key);
    const entry = this.nodes.get(node)!;
    const pod = entry.pods.get(key)!;
    entry.pods.delete(key);
    entry.usage.pods = entry.pods.size;
    apply(entry.requested, podRequests(pod), -1);
    if (entry.pods.size === 0) this.nodes.delete(node);
  }

  podsOn(node: string): KubeObject[] {
    const entry = this.nodes.get(node);
    return entry ? [...entry.pods.values()] : [];
  }

  /** usageOf returns the node's live usage: read it, do not keep it (it changes with the index). */
  usageOf(node: string): NodeUsage {
    return this.nodes.get(node)?.usage ?? EMPTY_USAGE;
  }
}

function apply(total: Map<string, number>, req: Amounts, sign: 1 | -1): void {
  for (const [k, v] of req) {
    const next = (total.get(k) ?? 0) + sign * v;
    if (next === 0) total.delete(k);
    else total.set(k, next);
  }
}
