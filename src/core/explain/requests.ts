/**
 * requests: what a pod requests and what a node offers, counted as the scheduler counts them
 * (noderesources.Fit): cpu in milli-units, every other resource in whole units; a pod's
 * request is max(sum of app containers + sidecars, each init container + the sidecars started
 * before it) + overhead.
 */
import type { KubeObject } from '../cache/types';
import { milliValue, parseQuantity, value } from '../describe/quantity';
import { rec, recs } from '../resources/read';

/** Amounts maps a resource name to an amount (milli-CPU, bytes, counts). */
export type Amounts = Map<string, number>;

const FAST_SCALE: Record<string, number> = {
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  Ki: 1024,
  Mi: 1024 ** 2,
  Gi: 1024 ** 3,
  Ti: 1024 ** 4,
};

/**
 * amount converts a quantity to the scheduler's unit. Plain integers with a common suffix
 * ("500m", "2", "512Mi") take a Number fast path, exact below 2^53; anything else goes
 * through the exact BigInt parser of describe/quantity.
 */
function amount(resource: string, raw: unknown): number | undefined {
  if (typeof raw === 'string' && raw.length <= 12) {
    const m = /^(\d{1,9})(m|k|M|G|Ki|Mi|Gi|Ti)?$/.exec(raw);
    if (m) {
      const n = Number(m[1]);
      const suffix = m[2] ?? '';
      if (suffix === 'm') return resource === 'cpu' ? n : Math.ceil(n / 1000);
      const v = n * FAST_SCALE[suffix]!;
      return resource === 'cpu' ? v * 1000 : v;
    }
  }
  const q = parseQuantity(raw);
  if (!q) return undefined;
  return resource === 'cpu' ? milliValue(q) : value(q);
}

function amountsOf(list: unknown): Amounts {
  const out: Amounts = new Map();
  for (const [k, raw] of Object.entries(rec(list))) {
    const a = amount(k, raw);
    if (a !== undefined) out.set(k, a);
  }
  return out;
}

function addTo(a: Amounts, b: Amounts): void {
  for (const [k, v] of b) a.set(k, (a.get(k) ?? 0) + v);
}

function maxTo(a: Amounts, b: Amounts): void {
  for (const [k, v] of b) if (v > (a.get(k) ?? 0)) a.set(k, v);
}

const podMemo = new WeakMap<KubeObject, Amounts>();

/**
 * podRequests is resourcehelper.PodRequests for the scheduler: memoised per object (cached
 * objects are immutable; an update is a new object). Malformed quantities count as zero.
 */
export function podRequests(pod: KubeObject): Amounts {
  const memo = podMemo.get(pod);
  if (memo) return memo;
  const spec = rec(pod['spec']);
  const sum: Amounts = new Map();
  for (const c of recs(spec['containers'])) addTo(sum, amountsOf(rec(c['resources'])['requests']));
  const sidecars: Amounts = new Map();
  const initMax: Amounts = new Map();
  for (const c of recs(spec['initContainers'])) {
    const req = amountsOf(rec(c['resources'])['requests']);
    if (c['restartPolicy'] === 'Always') {
      addTo(sidecars, req);
      maxTo(initMax, sidecars);
    } else {
      const withSidecars = new Map(sidecars);
      addTo(withSidecars, req);
      maxTo(initMax, withSidecars);
    }
  }
  addTo(sum, sidecars);
  maxTo(sum, initMax);
  addTo(sum, amountsOf(spec['overhead']));
  podMemo.set(pod, sum);
  return sum;
}

const nodeMemo = new WeakMap<KubeObject, Amounts>();

/** allocatable returns a node's status.allocatable (memoised per object). */
export function allocatable(node: KubeObject): Amounts {
  let a = nodeMemo.get(node);
  if (!a) nodeMemo.set(node, (a = amountsOf(rec(node['status'])['allocatable'])));
  return a;
}

/** isTerminal reports a pod in phase Succeeded or Failed: the scheduler no longer counts it. */
export function isTerminal(pod: KubeObject): boolean {
  const phase = rec(pod['status'])['phase'];
  return phase === 'Succeeded' || phase === 'Failed';
}
