/**
 * scheduling: explains FailedScheduling. The scheduler's message says how many nodes each
 * filter rejected; the cache says why: the pod's requests against each node's allocatable
 * minus the requests of the pods bound there (read from the pods-by-node index, never a scan
 * of all pods), the taints the pod does not tolerate, the labels its selector wants, its
 * claims, its spread constraints.
 */
import type { KubeObject } from '../cache/types';
import { rec, recs } from '../resources/read';
import {
  isCordoned,
  labelsOf,
  nodeSelectorOf,
  requiredTerms,
  selectorMatches,
  taintsOf,
  termMatches,
  tolerates,
  untoleratedTaint,
  formatRequirement,
  formatTaint,
} from './nodeMatch';
import { allocatable, podRequests } from './requests';
import { parseSchedulerMessage, type SchedReason } from './schedulerMessage';
import { addClaimEvidence, claimNames } from './storage';
import {
  Builder,
  cachedRef,
  describeStep,
  formatAmount,
  involvedRef,
  kubectlStep,
  namesList,
  plural,
  quotedAfter,
  ref,
} from './text';
import type { ExplainCache, ExplainEvent, Explanation, Ref } from './types';

interface Ctx {
  b: Builder;
  cache: ExplainCache;
  pod: KubeObject | undefined;
  podRef: Ref;
  nodes: KubeObject[];
}

/** explainFailedScheduling explains one FailedScheduling event. */
export function explainFailedScheduling(e: ExplainEvent, cache: ExplainCache): Explanation {
  const b = new Builder(e.reason);
  const podRef = involvedRef(e);
  const pod = e.involved.kind === 'Pod' ? cache.get('Pod', podRef.namespace, podRef.name) : undefined;
  const msg = parseSchedulerMessage(e.message);
  b.step(describeStep(podRef));
  if (!pod) b.fact(`Pod ${podRef.name} is not in the cache`).lower('partial');
  const boundTo = pod ? rec(pod['spec'])['nodeName'] : undefined;
  if (typeof boundTo === 'string' && boundTo)
    b.fact(
      `The pod has since been scheduled to node ${boundTo}`,
      cachedRef(cache, 'Node', '', boundTo),
    ).lower('partial');
  if (msg.truncated) b.lower('partial');
  const ctx: Ctx = { b, cache, pod, podRef, nodes: cache.watches('Node') ? cache.list('Node') : [] };

  if (msg.totalNodes === undefined) return notFitError(ctx, msg.other ?? '');

  const causes: string[] = [];
  if (msg.preFilter) causes.push(preFilter(ctx, msg.preFilter));
  const sorted = [...msg.reasons].sort((x, y) => y.count - x.count);
  for (const r of sorted) causes.push(filterReason(ctx, r));
  for (const p of msg.preemption) preemption(ctx, p);
  if (cache.watches('Node') && ctx.nodes.length !== msg.totalNodes)
    b.fact(
      `The cache now holds ${plural(ctx.nodes.length, 'node')}; the scheduler saw ${msg.totalNodes}`,
    ).lower('partial');
  if (causes.length === 0) b.lower('partial');
  const cause =
    msg.totalNodes === 0
      ? 'The cluster had no nodes to schedule on'
      : `No node can run the pod: ${causes.slice(0, 3).join('; ') || 'the scheduler gave no reason'}`;
  return b.build(cause);
}

function notFitError(ctx: Ctx, text: string): Explanation {
  const { b } = ctx;
  if (/^no nodes available to schedule pods/.test(text)) {
    if (ctx.cache.watches('Node')) b.fact(`The cache holds ${plural(ctx.nodes.length, 'node')}`);
    return b.build('The cluster had no nodes to schedule on');
  }
  if (/^running PreBind plugin "VolumeBinding"/.test(text) || /binding volumes: /.test(text)) {
    if (ctx.pod) addClaimEvidence(b, ctx.cache, ctx.podRef.namespace, claimNames(ctx.pod));
    return b.lower('partial').build("Binding the pod's volumes failed after a node was chosen");
  }
  b.fact(`The scheduler reported: ${text}`).lower('generic');
  return b.build('The scheduler could not place the pod (the message is not one it writes for unfit nodes)');
}

function preFilter(ctx: Ctx, text: string): string {
  const { b, cache, podRef } = ctx;
  const claim = quotedAfter(text, 'persistentvolumeclaim ');
  if (claim !== undefined && /not found/.test(text)) {
    addClaimEvidence(b, cache, podRef.namespace, [claim]);
    return `PersistentVolumeClaim ${claim} was not found`;
  }
  if (/unbound immediate PersistentVolumeClaims/.test(text)) return unboundClaims(ctx);
  b.fact(`Every node was rejected before filtering: ${text}`).lower('partial');
  return text;
}

function unboundClaims(ctx: Ctx): string {
  if (ctx.pod) addClaimEvidence(ctx.b, ctx.cache, ctx.podRef.namespace, claimNames(ctx.pod));
  else ctx.b.lower('partial');
  return 'its PersistentVolumeClaims are not bound';
}

function filterReason(ctx: Ctx, r: SchedReason): string {
  const t = r.text;
  const n = plural(r.count, 'node');
  const insufficient = /^Insufficient (\S+)$/.exec(t);
  if (insufficient) return resources(ctx, r, insufficient[1]!);
  if (t === 'Too many pods') return tooManyPods(ctx, r);
  const taint =
    /^node\(s\) had (?:untolerated )?taint \{(.*?): (.*?)\}(?:, that the pod didn't tolerate)?$/.exec(t);
  if (taint) return taints(ctx, r, taint[1]!, taint[2]!);
  if (/^node\(s\) didn't match (?:Pod's )?node (?:affinity\/)?selector$/.test(t)) return selector(ctx, r);
  if (t === 'node(s) were unschedulable') return cordoned(ctx, r);
  if (/unbound immediate PersistentVolumeClaims/.test(t)) return unboundClaims(ctx);
  if (/^node\(s\) didn't match pod topology spread constraints/.test(t)) return spread(ctx, r);
  const known = KNOWN[t];
  if (known) {
    ctx.b.fact(`${n}: ${known.fact}`);
    if (known.claims && ctx.pod)
      addClaimEvidence(ctx.b, ctx.cache, ctx.podRef.namespace, claimNames(ctx.pod));
    return `${n} ${known.short}`;
  }
  ctx.b.fact(`${n}: ${t}`).lower('partial');
  return `${n}: ${t}`;
}

const KNOWN: Record<string, { short: string; fact: string; claims?: boolean }> = {
  "node(s) didn't have free ports for the requested pod ports": {
    short: 'have the requested host ports in use',
    fact: 'another pod already uses a hostPort the pod asks for',
  },
  "node(s) didn't match pod affinity rules": {
    short: 'lack the pods its podAffinity wants nearby',
    fact: "no pod matching the pod's required podAffinity runs in their topology domain",
  },
  "node(s) didn't match pod anti-affinity rules": {
    short: 'run pods its podAntiAffinity excludes',
    fact: "a pod matching the pod's required podAntiAffinity already runs in their topology domain",
  },
  "node(s) didn't satisfy existing pods anti-affinity rules": {
    short: "are excluded by other pods' anti-affinity",
    fact: 'pods already running there have a required podAntiAffinity that excludes this pod',
  },
  'node(s) had volume node affinity conflict': {
    short: 'cannot reach its volumes (volume node affinity)',
    fact: "the pod's bound PersistentVolumes are restricted to other nodes or zones",
    claims: true,
  },
  "node(s) didn't find available persistent volumes to bind": {
    short: 'have no PersistentVolume its claims can bind',
    fact: 'no available PersistentVolume matches the claims there',
    claims: true,
  },
  'node(s) did not have enough free storage': {
    short: 'lack free storage for its volumes',
    fact: 'the CSI driver reports too little capacity for the claims',
    claims: true,
  },
  'node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)': {
    short: 'cannot use its claims (bound to missing PersistentVolumes)',
    fact: "the pod's claims are bound to PersistentVolumes that no longer exist",
    claims: true,
  },
  'node(s) exceed max volume count': {
    short: 'are at their attachable volume limit',
    fact: 'the node already has the maximum number of volumes of that type attached',
  },
  "node(s) didn't match the requested node name": {
    short: 'are not the node in spec.nodeName',
    fact: 'the pod names another node in spec.nodeName',
  },
  'node(s) had no available disk': {
    short: 'already mount the same disk',
    fact: 'a pod there already uses the same disk read-write',
  },
  "node(s) didn't match scheduler-enforced node affinity": {
    short: "fail the scheduler profile's node affinity",
    fact: "the scheduler profile's addedAffinity excludes them",
  },
};

function resources(ctx: Ctx, r: SchedReason, resource: string): string {
  const { b, pod, nodes } = ctx;
  const n = plural(r.count, 'node');
  const want = pod ? podRequests(pod).get(resource) : undefined;
  if (want === undefined || nodes.length === 0) {
    b.fact(`${n}: Insufficient ${resource}`).lower('partial');
    return `${n} lack ${resource}`;
  }
  let best: { name: string; free: number } | undefined;
  const fitting: string[] = [];
  for (const node of nodes) {
    const alloc = allocatable(node).get(resource) ?? 0;
    const used = ctx.cache.usageOf(node.metadata.name ?? '').requested.get(resource) ?? 0;
    const free = alloc - used;
    const name = node.metadata.name ?? '';
    if (!best || free > best.free || (free === best.free && name < best.name)) best = { name, free };
    if (
      free >= want &&
      pod &&
      !isCordoned(node) &&
      !untoleratedTaint(node, pod) &&
      selectorMatches(pod, node)
    )
      fitting.push(name);
  }
  const amount = formatAmount(resource, want);
  b.fact(
    `${n}: Insufficient ${resource}: the pod requests ${amount}, the largest free allocatable is ${formatAmount(resource, Math.max(0, best!.free))} on ${best!.name} (allocatable minus the requests of the pods bound there)`,
    ref('Node', '', best!.name),
  );
  if (fitting.length > 0) {
    b.fact(
      `${namesList(fitting.sort())} now ${fitting.length === 1 ? 'has' : 'have'} ${amount} free and fit the pod's constraints: the pod may be scheduled on retry`,
    ).lower('partial');
  }
  b.step(describeStep(ref('Node', '', best!.name)));
  b.step(kubectlStep("Compare the pod's requests with free capacity", 'kubectl describe nodes'));
  return `${n} lack ${resource === 'cpu' ? 'CPU' : resource} (it requests ${amount}, at most ${formatAmount(resource, Math.max(0, best!.free))} is free)`;
}

function tooManyPods(ctx: Ctx, r: SchedReason): string {
  const full = ctx.nodes.filter((node) => {
    const max = allocatable(node).get('pods');
    return max !== undefined && ctx.cache.usageOf(node.metadata.name ?? '').pods >= max;
  });
  const names = full.map((x) => x.metadata.name ?? '').sort();
  ctx.b.fact(
    `${plural(r.count, 'node')}: Too many pods${names.length ? `: ${namesList(names)} run as many pods as their allocatable "pods" allows` : ''}`,
    names.length ? ref('Node', '', names[0]!) : undefined,
  );
  return `${plural(r.count, 'node')} are at their pod limit`;
}

function taints(ctx: Ctx, r: SchedReason, key: string, value: string): string {
  const { b, pod, nodes } = ctx;
  const n = plural(r.count, 'node');
  const carriers: string[] = [];
  let effect = '';
  for (const node of nodes) {
    const raw = rec(node['spec'])['taints'];
    if (!Array.isArray(raw) || raw.length === 0) continue;
    for (const t of taintsOf(node)) {
      if (t.key !== key || t.value !== value || (t.effect !== 'NoSchedule' && t.effect !== 'NoExecute'))
        continue;
      if (pod && recs(rec(pod['spec'])['tolerations']).some((tol) => tolerates(tol, t))) continue;
      carriers.push(node.metadata.name ?? '');
      effect ||= t.effect;
      break;
    }
  }
  const taint = formatTaint({ key, value, effect: effect || 'NoSchedule' });
  const shown = effect ? taint : `{${key}: ${value}}`;
  if (carriers.length > 0) {
    carriers.sort();
    b.fact(
      `${n}: untolerated taint ${shown}, now on ${namesList(carriers)}; the pod has no matching toleration`,
      ref('Node', '', carriers[0]!),
    );
  } else {
    b.fact(`${n}: untolerated taint ${shown}; no cached node carries it any more`).lower('partial');
  }
  if (key === 'node.kubernetes.io/not-ready' || key === 'node.kubernetes.io/unreachable')
    b.fact(`${key} is set by the node controller on nodes that are not Ready`);
  b.step(
    kubectlStep(
      'List node taints',
      `kubectl get nodes -o custom-columns=NAME:.metadata.name,TAINTS:.spec.taints`,
    ),
  );
  return `${n} have an untolerated taint ${shown}`;
}

function selector(ctx: Ctx, r: SchedReason): string {
  const { b, pod, nodes } = ctx;
  const n = plural(r.count, 'node');
  if (!pod) {
    b.fact(`${n} didn't match the pod's node affinity/selector`).lower('partial');
    return `${n} don't match its node selector`;
  }
  for (const [k, v] of Object.entries(nodeSelectorOf(pod))) {
    const values = new Map<string, number>();
    let matching = 0;
    for (const node of nodes) {
      const lv = labelsOf(node)[k];
      if (lv === v) matching++;
      else if (lv !== undefined) values.set(lv, (values.get(lv) ?? 0) + 1);
    }
    const others = [...values]
      .sort((a, x) => x[1] - a[1])
      .slice(0, 3)
      .map(([val, c]) => `${k}=${val} (${c})`);
    b.fact(
      `nodeSelector ${k}=${v}: ${matching === 0 ? 'no node has this label' : `${plural(matching, 'node')} match`}${others.length ? `; nodes have ${others.join(', ')}` : ''}`,
      ctx.podRef,
    );
  }
  const terms = requiredTerms(pod);
  terms.forEach((term, i) => {
    const exprs = recs(term['matchExpressions']).map(formatRequirement).join(', ') || '(empty term)';
    const matching = nodes.filter((node) => termMatches(term, node)).length;
    b.fact(
      `required node affinity term ${i + 1} [${exprs}]: ${matching === 0 ? 'no node matches' : `${plural(matching, 'node')} match`}`,
      ctx.podRef,
    );
  });
  const all = nodes
    .filter((node) => selectorMatches(pod, node))
    .map((x) => x.metadata.name ?? '')
    .sort();
  if (all.length > 0)
    b.fact(
      `${namesList(all)} match the selector and affinity in the cache now`,
      ref('Node', '', all[0]!),
    ).lower('partial');
  b.step(kubectlStep('Show node labels', 'kubectl get nodes --show-labels'));
  return `${n} don't match its node selector/affinity`;
}

function cordoned(ctx: Ctx, r: SchedReason): string {
  const names = ctx.nodes
    .filter(isCordoned)
    .map((x) => x.metadata.name ?? '')
    .sort();
  ctx.b.fact(
    `${plural(r.count, 'node')} were unschedulable${names.length ? `: ${namesList(names)} ${names.length === 1 ? 'is' : 'are'} cordoned` : ''}`,
    names.length ? ref('Node', '', names[0]!) : undefined,
  );
  if (names.length) ctx.b.step(kubectlStep(`Uncordon ${names[0]}`, `kubectl uncordon ${names[0]}`));
  return `${plural(r.count, 'node')} ${r.count === 1 ? 'is' : 'are'} cordoned`;
}

function spread(ctx: Ctx, r: SchedReason): string {
  const { b, pod, nodes } = ctx;
  const n = plural(r.count, 'node');
  const missing = r.text.includes('missing required label');
  for (const c of recs(rec(pod?.['spec'])['topologySpreadConstraints'])) {
    const key = String(c['topologyKey'] ?? '');
    const without = nodes.filter((node) => labelsOf(node)[key] === undefined).length;
    b.fact(
      `topologySpreadConstraint maxSkew=${String(c['maxSkew'] ?? '?')} topologyKey=${key} whenUnsatisfiable=${String(c['whenUnsatisfiable'] ?? 'DoNotSchedule')}${without ? `; ${plural(without, 'node')} lack the label ${key}` : ''}`,
      ctx.podRef,
    );
  }
  b.fact(
    `${n}: ${missing ? 'lack the topology label of a spread constraint' : 'placing the pod there would exceed maxSkew'}`,
  );
  return `${n} would break its topology spread constraints`;
}

function preemption(ctx: Ctx, p: SchedReason): void {
  if (/No preemption victims found/.test(p.text))
    ctx.b.fact('Preemption would not help: no lower-priority pods could be evicted to make room');
  else if (/Preemption is not helpful/.test(p.text))
    ctx.b.fact('Preemption would not help: evicting pods cannot fix these rejections');
  else ctx.b.fact(`Preemption: ${p.count} ${p.text}`);
}
