/**
 * policy: `kubectl describe` for ResourceQuota (describeQuota), LimitRange (describeLimitRange),
 * PodDisruptionBudget (describePodDisruptionBudgetV1), and the Namespace blocks built from them
 * (DescribeResourceQuotas, DescribeLimitRanges). kubectl prints a LimitRange item's resources in
 * Go's random map order; we print them sorted.
 */

import type { KubeObject } from '../cache/types';
import type { Ctx } from './context';
import { describeEvents } from './events';
import { byString, writeNameNamespace } from './format';
import { has, intOrString, num, rec, recs, str, strings, type Rec } from './fields';
import { formatQuantity, parseQuantity, value, ZERO, type Quantity } from './quantity';
import { DescribeWriter, LEVEL_0, LEVEL_1, LEVEL_2 } from './printer';
import { formatLabelSelector } from './selector';

const SCOPE_HELP: Record<string, string> = {
  Terminating:
    'Matches all pods that have an active deadline. These pods have a limited lifespan on a node before being actively terminated by the system.',
  NotTerminating:
    'Matches all pods that do not have an active deadline. These pods usually include long running pods whose container command is not expected to terminate.',
  BestEffort:
    'Matches all pods that do not have resource requirements set. These pods have a best effort quality of service.',
  NotBestEffort:
    'Matches all pods that have at least one resource requirement set. These pods have a burstable or guaranteed quality of service.',
};

/** quantityOf reads a quantity field; the zero quantity (no format) when absent or malformed. */
function quantityOf(v: unknown): Quantity | undefined {
  return parseQuantity(v);
}

/** qString is `Quantity.String()` of a map entry: "0" when absent. */
function qString(m: Rec, key: string): string {
  return formatQuantity(quantityOf(m[key]) ?? ZERO);
}

/** scopes writes the sorted scopes and their help texts. */
function scopes(w: DescribeWriter, quota: Rec, level: number, helpPrefix: string): void {
  const list = strings(rec(quota.spec).scopes).sort(byString);
  if (list.length === 0) return;
  w.write(level, `Scopes:\t${list.join(', ')}\n`);
  for (const s of list) if (SCOPE_HELP[s]) w.write(level, `${helpPrefix}${SCOPE_HELP[s]}\n`);
}

/** describeResourceQuota renders a ResourceQuota as kubectl does, plus its Events (kubectl prints none). */
export function describeResourceQuota(obj: KubeObject, ctx: Ctx): string {
  const w = new DescribeWriter();
  const meta = rec(obj.metadata);
  writeNameNamespace(w, meta);
  scopes(w, obj, LEVEL_0, ' * ');
  w.write(LEVEL_0, 'Resource\tUsed\tHard\n');
  w.write(LEVEL_0, '--------\t----\t----\n');
  const status = rec(obj.status);
  const hard = rec(status.hard);
  const used = rec(status.used);
  for (const name of Object.keys(hard).sort(byString)) {
    const h = quantityOf(hard[name]);
    let u = quantityOf(used[name]);
    // kubectl re-formats Used in Hard's format (an absent Used has no format: it becomes 0).
    if (u === undefined || (h !== undefined && u.format !== h.format)) {
      const whole = u === undefined ? 0n : BigInt(value(u));
      u = { nanos: whole * 1_000_000_000n, format: h?.format ?? 'DecimalSI' };
    }
    w.write(LEVEL_0, `${name}\t${formatQuantity(u)}\t${formatQuantity(h ?? ZERO)}\n`);
  }
  w.flush();
  describeEvents(w, ctx.events, ctx.now);
  return w.text();
}

/** limitRangeRows is describeLimitRangeSpec: one row per (item, resource), resources sorted. */
function limitRangeRows(w: DescribeWriter, lr: Rec, prefix: string): void {
  for (const item of recs(rec(lr.spec).limits)) {
    const maps = [item.min, item.max, item.defaultRequest, item.default, item.maxLimitRequestRatio].map(rec);
    const names = new Set<string>();
    for (const m of maps) for (const k of Object.keys(m)) names.add(k);
    for (const k of [...names].sort(byString)) {
      const cells = maps.map((m) => (k in m ? formatQuantity(quantityOf(m[k]) ?? ZERO) : '-'));
      w.write(LEVEL_0, `${prefix}${str(item.type)}\t${k}\t${cells.join('\t')}\n`);
    }
  }
}

/** describeLimitRange renders a LimitRange as kubectl does, plus its Events (kubectl prints none). */
export function describeLimitRange(obj: KubeObject, ctx: Ctx): string {
  const w = new DescribeWriter();
  writeNameNamespace(w, rec(obj.metadata));
  w.write(LEVEL_0, 'Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n');
  w.write(LEVEL_0, '----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n');
  limitRangeRows(w, obj, '');
  w.flush();
  describeEvents(w, ctx.events, ctx.now);
  return w.text();
}

/** describeResourceQuotasBlock is DescribeResourceQuotas, the Namespace "Resource Quotas" block. */
export function describeResourceQuotasBlock(w: DescribeWriter, quotas: KubeObject[]): void {
  if (quotas.length === 0) {
    w.write(LEVEL_0, 'No resource quota.\n');
    return;
  }
  const sorted = [...quotas].sort((a, b) => byString(a.metadata?.name ?? '', b.metadata?.name ?? ''));
  w.write(LEVEL_0, 'Resource Quotas\n');
  for (const q of sorted) {
    w.write(LEVEL_1, `Name:\t${q.metadata?.name ?? ''}\n`);
    scopes(w, q, LEVEL_1, '* ');
    w.write(LEVEL_1, 'Resource\tUsed\tHard\n');
    w.write(LEVEL_1, '--------\t---\t---\n');
    const status = rec(q.status);
    const hard = rec(status.hard);
    const used = rec(status.used);
    for (const name of Object.keys(hard).sort(byString)) {
      w.write(LEVEL_1, `${name}\t${qString(used, name)}\t${qString(hard, name)}\n`);
    }
  }
}

/** describeLimitRangesBlock is DescribeLimitRanges, the Namespace "Resource Limits" block. */
export function describeLimitRangesBlock(w: DescribeWriter, ranges: KubeObject[]): void {
  if (ranges.length === 0) {
    w.write(LEVEL_0, 'No LimitRange resource.\n');
    return;
  }
  w.write(
    LEVEL_0,
    'Resource Limits\n Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n',
  );
  w.write(LEVEL_0, ' ----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n');
  for (const lr of ranges) limitRangeRows(w, lr, ' ');
}

/** describePodDisruptionBudget renders a policy/v1 PodDisruptionBudget as kubectl does. */
export function describePodDisruptionBudget(obj: KubeObject, ctx: Ctx): string {
  const w = new DescribeWriter();
  writeNameNamespace(w, rec(obj.metadata));
  const spec = rec(obj.spec);
  const status = rec(obj.status);
  const isIntOrString = (v: unknown) => typeof v === 'number' || typeof v === 'string';
  if (isIntOrString(spec.minAvailable))
    w.write(LEVEL_0, `Min available:\t${intOrString(spec.minAvailable)}\n`);
  else if (isIntOrString(spec.maxUnavailable))
    w.write(LEVEL_0, `Max unavailable:\t${intOrString(spec.maxUnavailable)}\n`);
  w.write(LEVEL_0, `Selector:\t${has(spec.selector) ? formatLabelSelector(spec.selector) : '<unset>'}\n`);
  w.write(LEVEL_0, 'Status:\n');
  w.write(LEVEL_2, `Allowed disruptions:\t${num(status.disruptionsAllowed)}\n`);
  w.write(LEVEL_2, `Current:\t${num(status.currentHealthy)}\n`);
  w.write(LEVEL_2, `Desired:\t${num(status.desiredHealthy)}\n`);
  w.write(LEVEL_2, `Total:\t${num(status.expectedPods)}\n`);
  describeEvents(w, ctx.events, ctx.now);
  return w.text();
}
