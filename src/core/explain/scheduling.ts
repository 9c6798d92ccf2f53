/**
 * scheduling: explains FailedScheduling. The scheduler's message says how many nodes each
 * filter rejected; the cache says why: the pod's requests against each node's allocatable
 * minus the requests of the pods bound there (read from the pods-by-node index, never a scan
 * of all pods), the taints the pod does not tolerate, the labels its selector wants, its
 * claims, its spread constraints.
 */
import type { KubeObject } from '../cache/types';
import { rec, recs } from '../resources/read';
import { englishL10n, type Localizer } from '../util/l10n';
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
import { KNOWN } from './schedulerReasons';
import { addClaimEvidence, claimNames } from './storage';
import {
  Builder,
  cachedRef,
  describeStep,
  formatAmount,
  involvedRef,
  kubectlStep,
  namesList,
  nodeCount,
  quotedAfter,
  ref,
} from './text';
import type { ExplainCache, ExplainEvent, Explanation, Ref } from './types';

interface Ctx {
  b: Builder;
  l10n: Localizer;
  cache: ExplainCache;
  pod: KubeObject | undefined;
  podRef: Ref;
  nodes: KubeObject[];
}

/** explainFailedScheduling explains one FailedScheduling event. */
export function explainFailedScheduling(
  e: ExplainEvent,
  cache: ExplainCache,
  _now?: number,
  l10n: Localizer = englishL10n,
): Explanation {
  const b = new Builder(e.reason, l10n);
  const podRef = involvedRef(e);
  const pod = e.involved.kind === 'Pod' ? cache.get('Pod', podRef.namespace, podRef.name) : undefined;
  const msg = parseSchedulerMessage(e.message);
  b.step(describeStep(podRef, l10n));
  if (!pod) b.fact(l10n.t('Pod {0} is not in the cache', podRef.name)).lower('partial');
  const boundTo = pod ? rec(pod['spec'])['nodeName'] : undefined;
  if (typeof boundTo === 'string' && boundTo)
    b.fact(
      l10n.t('The pod has since been scheduled to node {0}', boundTo),
      cachedRef(cache, 'Node', '', boundTo),
    ).lower('partial');
  if (msg.truncated) b.lower('partial');
  const nodes = cache.watches('Node') ? cache.list('Node') : [];
  const ctx: Ctx = { b, l10n, cache, pod, podRef, nodes };

  if (msg.totalNodes === undefined) return notFitError(ctx, msg.other ?? '');

  const causes: string[] = [];
  if (msg.preFilter) causes.push(preFilter(ctx, msg.preFilter));
  const sorted = [...msg.reasons].sort((x, y) => y.count - x.count);
  for (const r of sorted) causes.push(filterReason(ctx, r));
  for (const p of msg.preemption) preemption(ctx, p);
  if (cache.watches('Node') && ctx.nodes.length !== msg.totalNodes)
    b.fact(
      l10n.t(
        'The cache now holds {0}; the scheduler saw {1}',
        nodeCount(ctx.nodes.length, l10n),
        msg.totalNodes,
      ),
    ).lower('partial');
  if (causes.length === 0) b.lower('partial');
  const cause =
    msg.totalNodes === 0
      ? l10n.t('The cluster had no nodes to schedule on')
      : l10n.t(
          'No node can run the pod: {0}',
          causes.slice(0, 3).join('; ') || l10n.t('the scheduler gave no reason'),
        );
  return b.build(cause);
}

function notFitError(ctx: Ctx, text: string): Explanation {
  const { b, l10n } = ctx;
  if (/^no nodes available to schedule pods/.test(text)) {
    if (ctx.cache.watches('Node')) b.fact(l10n.t('The cache holds {0}', nodeCount(ctx.nodes.length, l10n)));
    return b.build(l10n.t('The cluster had no nodes to schedule on'));
  }
  if (/^running PreBind plugin "VolumeBinding"/.test(text) || /binding volumes: /.test(text)) {
    if (ctx.pod) addClaimEvidence(b, ctx.cache, ctx.podRef.namespace, claimNames(ctx.pod));
    return b.lower('partial').build(l10n.t("Binding the pod's volumes failed after a node was chosen"));
  }
  b.fact(l10n.t('The scheduler reported: {0}', text)).lower('generic');
  return b.build(
    l10n.t('The scheduler could not place the pod (the message is not one it writes for unfit nodes)'),
  );
}

function preFilter(ctx: Ctx, text: string): string {
  const { b, l10n, cache, podRef } = ctx;
  const claim = quotedAfter(text, 'persistentvolumeclaim ');
  if (claim !== undefined && /not found/.test(text)) {
    addClaimEvidence(b, cache, podRef.namespace, [claim]);
    return l10n.t('PersistentVolumeClaim {0} was not found', claim);
  }
  if (/unbound immediate PersistentVolumeClaims/.test(text)) return unboundClaims(ctx);
  b.fact(l10n.t('Every node was rejected before filtering: {0}', text)).lower('partial');
  return text;
}

function unboundClaims(ctx: Ctx): string {
  if (ctx.pod) addClaimEvidence(ctx.b, ctx.cache, ctx.podRef.namespace, claimNames(ctx.pod));
  else ctx.b.lower('partial');
  return ctx.l10n.t('its PersistentVolumeClaims are not bound');
}

function filterReason(ctx: Ctx, r: SchedReason): string {
  const { l10n } = ctx;
  const t = r.text;
  const n = nodeCount(r.count, l10n);
  const insufficient = /^Insufficient (\S+)$/.exec(t);
  if (insufficient) return resources(ctx, r, insufficient[1]!);
  if (t === 'Too many pods') return tooManyPods(ctx, r); // l10n-verbatim: the scheduler's text
  const taint =
    /^node\(s\) had (?:untolerated )?taint \{(.*?): (.*?)\}(?:, that the pod didn't tolerate)?$/.exec(t);
  if (taint) return taints(ctx, r, taint[1]!, taint[2]!);
  if (/^node\(s\) didn't match (?:Pod's )?node (?:affinity\/)?selector$/.test(t)) return selector(ctx, r);
  if (t === 'node(s) were unschedulable') return cordoned(ctx, r); // l10n-verbatim: the scheduler's text
  if (/unbound immediate PersistentVolumeClaims/.test(t)) return unboundClaims(ctx);
  if (/^node\(s\) didn't match pod topology spread constraints/.test(t)) return spread(ctx, r);
  const known = Object.hasOwn(KNOWN, t) ? KNOWN[t] : undefined;
  if (known) {
    ctx.b.fact(`${n}: ${known.fact(l10n)}`);
    if (known.claims && ctx.pod)
      addClaimEvidence(ctx.b, ctx.cache, ctx.podRef.namespace, claimNames(ctx.pod));
    return known.short(l10n, n);
  }
  ctx.b.fact(`${n}: ${t}`).lower('partial');
  return `${n}: ${t}`;
}

function resources(ctx: Ctx, r: SchedReason, resource: string): string {
  const { b, l10n, pod, nodes } = ctx;
  const n = nodeCount(r.count, l10n);
  const want = pod ? podRequests(pod).get(resource) : undefined;
  if (want === undefined || nodes.length === 0) {
    // "Insufficient cpu" is the scheduler's own text.
    b.fact(`${n}: Insufficient ${resource}`).lower('partial'); // l10n-verbatim
    return l10n.t('{0} lack {1}', n, resource);
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
  const amount = formatAmount(resource, want, l10n);
  const free = formatAmount(resource, Math.max(0, best!.free), l10n);
  b.fact(
    l10n.t(
      '{0}: Insufficient {1}: the pod requests {2}, the largest free allocatable is {3} on {4} (allocatable minus the requests of the pods bound there)',
      n,
      resource,
      amount,
      free,
      best!.name,
    ),
    ref('Node', '', best!.name),
  );
  if (fitting.length > 0) {
    const names = namesList(fitting.sort(), l10n);
    b.fact(
      fitting.length === 1
        ? l10n.t(
            "{0} now has {1} free and fit the pod's constraints: the pod may be scheduled on retry",
            names,
            amount,
          )
        : l10n.t(
            "{0} now have {1} free and fit the pod's constraints: the pod may be scheduled on retry",
            names,
            amount,
          ),
    ).lower('partial');
  }
  b.step(describeStep(ref('Node', '', best!.name), l10n));
  b.step(kubectlStep(l10n.t("Compare the pod's requests with free capacity"), 'kubectl describe nodes'));
  return l10n.t(
    '{0} lack {1} (it requests {2}, at most {3} is free)',
    n,
    resource === 'cpu' ? 'CPU' : resource,
    amount,
    free,
  );
}

function tooManyPods(ctx: Ctx, r: SchedReason): string {
  const full = ctx.nodes.filter((node) => {
    const max = allocatable(node).get('pods');
    return max !== undefined && ctx.cache.usageOf(node.metadata.name ?? '').pods >= max;
  });
  const names = full.map((x) => x.metadata.name ?? '').sort();
  const { l10n } = ctx;
  const n = nodeCount(r.count, l10n);
  // "Too many pods" is the scheduler's own text.
  ctx.b.fact(
    names.length
      ? l10n.t(
          '{0}: {1}: {2} run as many pods as their allocatable "pods" allows',
          n,
          'Too many pods', // l10n-verbatim
          namesList(names, l10n),
        )
      : `${n}: Too many pods`, // l10n-verbatim
    names.length ? ref('Node', '', names[0]!) : undefined,
  );
  return l10n.t('{0} are at their pod limit', n);
}

function taints(ctx: Ctx, r: SchedReason, key: string, value: string): string {
  const { b, l10n, pod, nodes } = ctx;
  const n = nodeCount(r.count, l10n);
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
      l10n.t(
        '{0}: untolerated taint {1}, now on {2}; the pod has no matching toleration',
        n,
        shown,
        namesList(carriers, l10n),
      ),
      ref('Node', '', carriers[0]!),
    );
  } else {
    b.fact(l10n.t('{0}: untolerated taint {1}; no cached node carries it any more', n, shown)).lower(
      'partial',
    );
  }
  if (key === 'node.kubernetes.io/not-ready' || key === 'node.kubernetes.io/unreachable')
    b.fact(l10n.t('{0} is set by the node controller on nodes that are not Ready', key));
  b.step(
    kubectlStep(
      l10n.t('List node taints'),
      `kubectl get nodes -o custom-columns=NAME:.metadata.name,TAINTS:.spec.taints`,
    ),
  );
  return l10n.t('{0} have an untolerated taint {1}', n, shown);
}

function selector(ctx: Ctx, r: SchedReason): string {
  const { b, l10n, pod, nodes } = ctx;
  const n = nodeCount(r.count, l10n);
  if (!pod) {
    b.fact(l10n.t("{0} didn't match the pod's node affinity/selector", n)).lower('partial');
    return l10n.t("{0} don't match its node selector", n);
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
    const found =
      matching === 0 ? l10n.t('no node has this label') : l10n.t('{0} match', nodeCount(matching, l10n));
    b.fact(
      `nodeSelector ${k}=${v}: ${found}${others.length ? l10n.t('; nodes have {0}', others.join(', ')) : ''}`,
      ctx.podRef,
    );
  }
  const terms = requiredTerms(pod);
  terms.forEach((term, i) => {
    const exprs = recs(term['matchExpressions']).map(formatRequirement).join(', ') || l10n.t('(empty term)');
    const matching = nodes.filter((node) => termMatches(term, node)).length;
    b.fact(
      l10n.t(
        'required node affinity term {0} [{1}]: {2}',
        i + 1,
        exprs,
        matching === 0 ? l10n.t('no node matches') : l10n.t('{0} match', nodeCount(matching, l10n)),
      ),
      ctx.podRef,
    );
  });
  const all = nodes
    .filter((node) => selectorMatches(pod, node))
    .map((x) => x.metadata.name ?? '')
    .sort();
  if (all.length > 0)
    b.fact(
      l10n.t('{0} match the selector and affinity in the cache now', namesList(all, l10n)),
      ref('Node', '', all[0]!),
    ).lower('partial');
  b.step(kubectlStep(l10n.t('Show node labels'), 'kubectl get nodes --show-labels'));
  return l10n.t("{0} don't match its node selector/affinity", n);
}

function cordoned(ctx: Ctx, r: SchedReason): string {
  const names = ctx.nodes
    .filter(isCordoned)
    .map((x) => x.metadata.name ?? '')
    .sort();
  const { l10n } = ctx;
  const n = nodeCount(r.count, l10n);
  const list = namesList(names, l10n);
  const one = r.count === 1;
  ctx.b.fact(
    names.length === 0
      ? one
        ? l10n.t('{0} was unschedulable', n)
        : l10n.t('{0} were unschedulable', n)
      : names.length === 1
        ? one
          ? l10n.t('{0} was unschedulable: {1} is cordoned', n, list)
          : l10n.t('{0} were unschedulable: {1} is cordoned', n, list)
        : l10n.t('{0} were unschedulable: {1} are cordoned', n, list),
    names.length ? ref('Node', '', names[0]!) : undefined,
  );
  if (names.length)
    ctx.b.step(kubectlStep(l10n.t('Uncordon {0}', names[0]!), `kubectl uncordon ${names[0]}`));
  return r.count === 1 ? l10n.t('{0} is cordoned', n) : l10n.t('{0} are cordoned', n);
}

function spread(ctx: Ctx, r: SchedReason): string {
  const { b, l10n, pod, nodes } = ctx;
  const n = nodeCount(r.count, l10n);
  const missing = r.text.includes('missing required label'); // l10n-verbatim: the scheduler's text
  for (const c of recs(rec(pod?.['spec'])['topologySpreadConstraints'])) {
    const key = String(c['topologyKey'] ?? '');
    const without = nodes.filter((node) => labelsOf(node)[key] === undefined).length;
    b.fact(
      `topologySpreadConstraint maxSkew=${String(c['maxSkew'] ?? '?')} topologyKey=${key} whenUnsatisfiable=${String(c['whenUnsatisfiable'] ?? 'DoNotSchedule')}${without ? l10n.t('; {0} lack the label {1}', nodeCount(without, l10n), key) : ''}`, // l10n-verbatim: field names
      ctx.podRef,
    );
  }
  b.fact(
    missing
      ? l10n.t('{0}: lack the topology label of a spread constraint', n)
      : l10n.t('{0}: placing the pod there would exceed maxSkew', n),
  );
  return l10n.t('{0} would break its topology spread constraints', n);
}

function preemption(ctx: Ctx, p: SchedReason): void {
  const { l10n } = ctx;
  if (/No preemption victims found/.test(p.text))
    ctx.b.fact(l10n.t('Preemption would not help: no lower-priority pods could be evicted to make room'));
  else if (/Preemption is not helpful/.test(p.text))
    ctx.b.fact(l10n.t('Preemption would not help: evicting pods cannot fix these rejections'));
  else ctx.b.fact(l10n.t('Preemption: {0}', `${p.count} ${p.text}`));
}
