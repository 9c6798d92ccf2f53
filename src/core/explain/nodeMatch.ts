/**
 * nodeMatch: the scheduler's node predicates that depend only on the pod and the node: taints
 * and tolerations (v1helper.FindMatchingUntoleratedTaint with DoNotScheduleTaintsFilterFunc),
 * nodeSelector and required node affinity (nodeaffinity.GetRequiredNodeAffinity), and
 * spec.unschedulable. Malformed fields never throw: they match nothing.
 */
import type { KubeObject } from '../cache/types';
import { rec, recs, type Rec } from '../resources/read';

/** Taint is a node taint. */
export interface Taint {
  key: string;
  value: string;
  effect: string;
}

/** taintsOf returns a node's taints. */
export function taintsOf(node: KubeObject): Taint[] {
  return recs(rec(node['spec'])['taints']).map((t) => ({
    key: typeof t['key'] === 'string' ? t['key'] : '',
    value: typeof t['value'] === 'string' ? t['value'] : '',
    effect: typeof t['effect'] === 'string' ? t['effect'] : '',
  }));
}

/** formatTaint renders `key=value:Effect` (kubectl's form), `key:Effect` without a value. */
export function formatTaint(t: Taint): string {
  return `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`;
}

/** tolerates is v1.Toleration.ToleratesTaint. */
export function tolerates(tol: Rec, t: Taint): boolean {
  const effect = typeof tol['effect'] === 'string' ? tol['effect'] : '';
  if (effect !== '' && effect !== t.effect) return false;
  const key = typeof tol['key'] === 'string' ? tol['key'] : '';
  if (key !== '' && key !== t.key) return false;
  const op = tol['operator'] ?? 'Equal';
  if (op === 'Exists') return true;
  if (op === 'Equal' || op === '') return key === t.key && (tol['value'] ?? '') === t.value;
  return false;
}

/** untoleratedTaint returns the first NoSchedule/NoExecute taint of `node` the pod does not tolerate. */
export function untoleratedTaint(node: KubeObject, pod: KubeObject): Taint | undefined {
  const tols = recs(rec(pod['spec'])['tolerations']);
  for (const t of taintsOf(node)) {
    if (t.effect !== 'NoSchedule' && t.effect !== 'NoExecute') continue;
    if (!tols.some((tol) => tolerates(tol, t))) return t;
  }
  return undefined;
}

/** labelsOf returns an object's labels (strings only). */
export function labelsOf(o: KubeObject): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(rec(o.metadata.labels))) if (typeof v === 'string') out[k] = v;
  return out;
}

function requirementMatches(expr: Rec, get: (key: string) => string | undefined): boolean {
  const key = typeof expr['key'] === 'string' ? expr['key'] : '';
  const values = Array.isArray(expr['values']) ? (expr['values'] as unknown[]).map(String) : [];
  const v = get(key);
  switch (expr['operator']) {
    case 'In':
      return v !== undefined && values.includes(v);
    case 'NotIn':
      return v === undefined || !values.includes(v);
    case 'Exists':
      return v !== undefined;
    case 'DoesNotExist':
      return v === undefined;
    case 'Gt':
    case 'Lt': {
      if (v === undefined || values.length !== 1) return false;
      const a = Number.parseInt(v, 10);
      const b = Number.parseInt(values[0]!, 10);
      if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
      return expr['operator'] === 'Gt' ? a > b : a < b;
    }
    default:
      return false;
  }
}

/** formatRequirement renders a node selector requirement, e.g. `zone in (a,b)`. */
export function formatRequirement(expr: Rec): string {
  const key = String(expr['key'] ?? '');
  const values = Array.isArray(expr['values']) ? (expr['values'] as unknown[]).map(String) : [];
  switch (expr['operator']) {
    case 'In':
      return `${key} in (${values.join(',')})`;
    case 'NotIn':
      return `${key} notin (${values.join(',')})`;
    case 'Exists':
      return key;
    case 'DoesNotExist':
      return `!${key}`;
    case 'Gt':
      return `${key} > ${values[0] ?? ''}`;
    case 'Lt':
      return `${key} < ${values[0] ?? ''}`;
    default:
      return `${key} ${String(expr['operator'])}`;
  }
}

/** requiredTerms returns the pod's required node affinity terms (ORed). */
export function requiredTerms(pod: KubeObject): Rec[] {
  const aff = rec(
    rec(rec(rec(pod['spec'])['affinity'])['nodeAffinity'])['requiredDuringSchedulingIgnoredDuringExecution'],
  );
  return recs(aff['nodeSelectorTerms']);
}

/** nodeSelectorOf returns the pod's spec.nodeSelector. */
export function nodeSelectorOf(pod: KubeObject): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(rec(rec(pod['spec'])['nodeSelector']))) out[k] = String(v);
  return out;
}

/** termMatches reports whether one NodeSelectorTerm matches the node. An empty term matches nothing. */
export function termMatches(term: Rec, node: KubeObject): boolean {
  const labels = labelsOf(node);
  const exprs = recs(term['matchExpressions']);
  const fields = recs(term['matchFields']);
  if (exprs.length === 0 && fields.length === 0) return false;
  const name = node.metadata.name ?? '';
  return (
    exprs.every((e) => requirementMatches(e, (k) => labels[k])) &&
    fields.every((e) => requirementMatches(e, (k) => (k === 'metadata.name' ? name : undefined)))
  );
}

/** selectorMatches reports whether the node satisfies the pod's nodeSelector and required node affinity. */
export function selectorMatches(pod: KubeObject, node: KubeObject): boolean {
  const labels = labelsOf(node);
  for (const [k, v] of Object.entries(nodeSelectorOf(pod))) if (labels[k] !== v) return false;
  const terms = requiredTerms(pod);
  return terms.length === 0 || terms.some((t) => termMatches(t, node));
}

/** isCordoned reports spec.unschedulable. */
export function isCordoned(node: KubeObject): boolean {
  return rec(node['spec'])['unschedulable'] === true;
}
