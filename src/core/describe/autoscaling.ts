/**
 * autoscaling: `kubectl describe hpa` (describeHorizontalPodAutoscalerV2). kubectl reads the
 * autoscaling/v2 form; an autoscaling/v1 object from the cache is first lifted to it (its CPU
 * target becomes a Resource metric), as the API server converts it for kubectl.
 */

import type { KubeObject } from '../cache/types';
import type { Ctx } from './context';
import { describeEvents } from './events';
import { printAnnotationsMultiline, printLabelsMultiline, writeNameNamespace } from './format';
import { has, int, intOrUnset, num, rec, recs, str, type Rec } from './fields';
import { canonical } from './quantity';
import { DescribeWriter, LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3 } from './printer';

/** q is `(*Quantity).String()`: "<nil>" for an unset pointer. */
function q(v: unknown): string {
  return v === undefined || v === null ? '<nil>' : canonical(v) || '0';
}

/** quoted is Go's `%q` for the printable text of metric names. */
function quoted(s: string): string {
  return JSON.stringify(s);
}

/** liftV1 turns an autoscaling/v1 HPA's spec and status into the v2 fields kubectl prints. */
function liftV1(obj: KubeObject): { spec: Rec; status: Rec } {
  const spec = rec(obj.spec);
  const status = rec(obj.status);
  if (str(obj.apiVersion) !== 'autoscaling/v1') return { spec, status };
  const target = int(spec.targetCPUUtilizationPercentage);
  const current = int(status.currentCPUUtilizationPercentage);
  const metric = {
    type: 'Resource',
    resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: target } },
  };
  return {
    spec: { ...spec, metrics: target === undefined ? [] : [metric] },
    status: {
      ...status,
      currentMetrics:
        current === undefined
          ? []
          : [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: current } } }],
    },
  };
}

function currentOf(status: Rec, i: number, field: string): Rec | undefined {
  const m = recs(status.currentMetrics)[i];
  return m && has(m[field]) ? rec(m[field]) : undefined;
}

/** writeMetric is one line of the Metrics block (the switch in describeHorizontalPodAutoscalerV2). */
function writeMetric(w: DescribeWriter, metric: Rec, status: Rec, i: number): void {
  const type = str(metric.type);
  switch (type) {
    case 'External': {
      const ext = rec(metric.external);
      const target = rec(ext.target);
      const cur = currentOf(status, i, 'external');
      const name = quoted(str(rec(ext.metric).name));
      if (target.averageValue !== undefined && target.averageValue !== null) {
        const avg = cur ? rec(cur.current).averageValue : undefined;
        const current = avg !== undefined && avg !== null ? q(avg) : '<unknown>';
        w.write(LEVEL_1, `${name} (target average value):\t${current} / ${q(target.averageValue)}\n`);
      } else {
        const current = cur ? q(rec(cur.current).value) : '<unknown>';
        w.write(LEVEL_1, `${name} (target value):\t${current} / ${q(target.value)}\n`);
      }
      return;
    }
    case 'Pods': {
      const pods = rec(metric.pods);
      const cur = currentOf(status, i, 'pods');
      const current = cur ? q(rec(cur.current).averageValue) : '<unknown>';
      w.write(
        LEVEL_1,
        `${quoted(str(rec(pods.metric).name))} on pods:\t${current} / ${q(rec(pods.target).averageValue)}\n`,
      );
      return;
    }
    case 'Object': {
      const o = rec(metric.object);
      const target = rec(o.target);
      const described = rec(o.describedObject);
      w.write(LEVEL_1, `"${str(rec(o.metric).name)}" on ${str(described.kind)}/${str(described.name)} `);
      const cur = currentOf(status, i, 'object');
      if (str(target.type) === 'AverageValue') {
        const current = cur ? q(rec(cur.current).averageValue) : '<unknown>';
        w.write(LEVEL_0, `(target average value):\t${current} / ${q(target.averageValue)}\n`);
      } else {
        const current = cur ? q(rec(cur.current).value) : '<unknown>';
        w.write(LEVEL_0, `(target value):\t${current} / ${q(target.value)}\n`);
      }
      return;
    }
    case 'Resource':
    case 'ContainerResource': {
      const field = type === 'Resource' ? 'resource' : 'containerResource';
      const r = rec(metric[field]);
      const target = rec(r.target);
      const cur = currentOf(status, i, field);
      const head =
        type === 'Resource'
          ? `resource ${str(r.name)} on pods`
          : `resource ${str(r.name)} of container "${str(r.container)}" on pods`;
      w.write(LEVEL_1, head);
      if (target.averageValue !== undefined && target.averageValue !== null) {
        const current = cur ? q(rec(cur.current).averageValue) : '<unknown>';
        w.write(LEVEL_0, `:\t${current} / ${q(target.averageValue)}\n`);
      } else {
        const c = cur ? rec(cur.current) : undefined;
        const util = c ? int(c.averageUtilization) : undefined;
        const current = util === undefined ? '<unknown>' : `${util}% (${q(c!.averageValue)})`;
        const t = int(target.averageUtilization);
        w.write(
          LEVEL_1,
          `(as a percentage of request):\t${current} / ${t === undefined ? '<auto>' : `${t}%`}\n`,
        );
      }
      return;
    }
    default:
      w.write(LEVEL_1, `<unknown metric type ${quoted(type)}>\n`);
  }
}

/** printDirectionBehavior prints one scaling direction of spec.behavior. */
function printDirectionBehavior(w: DescribeWriter, direction: string, rules: unknown): void {
  if (!has(rules)) return;
  const r = rec(rules);
  w.write(LEVEL_1, `${direction}:\n`);
  const window = int(r.stabilizationWindowSeconds);
  if (window !== undefined) w.write(LEVEL_2, `Stabilization Window: ${window} seconds\n`);
  const policies = recs(r.policies);
  if (policies.length > 0) {
    w.write(LEVEL_2, `Select Policy: ${typeof r.selectPolicy === 'string' ? r.selectPolicy : 'Max'}\n`);
    w.write(LEVEL_2, 'Policies:\n');
    for (const p of policies) {
      w.write(
        LEVEL_3,
        `- Type: ${str(p.type)}\tValue: ${num(p.value)}\tPeriod: ${num(p.periodSeconds)} seconds\n`,
      );
    }
  }
}

/** describeHorizontalPodAutoscaler renders an HPA as `kubectl describe hpa` does (v2 form). */
export function describeHorizontalPodAutoscaler(obj: KubeObject, ctx: Ctx): string {
  const w = new DescribeWriter();
  const meta = rec(obj.metadata);
  const { spec, status } = liftV1(obj);
  writeNameNamespace(w, meta);
  printLabelsMultiline(w, 'Labels', meta.labels);
  printAnnotationsMultiline(w, 'Annotations', meta.annotations);
  w.write(LEVEL_0, `CreationTimestamp:\t${ctx.time(meta.creationTimestamp)}\n`);
  const ref = rec(spec.scaleTargetRef);
  w.write(LEVEL_0, `Reference:\t${str(ref.kind)}/${str(ref.name)}\n`);
  w.write(LEVEL_0, 'Metrics:\t( current / target )\n');
  recs(spec.metrics).forEach((m, i) => writeMetric(w, m, status, i));
  w.write(LEVEL_0, `Min replicas:\t${intOrUnset(spec.minReplicas)}\n`);
  w.write(LEVEL_0, `Max replicas:\t${num(spec.maxReplicas)}\n`);
  if (has(spec.behavior)) {
    const behavior = rec(spec.behavior);
    w.write(LEVEL_0, 'Behavior:\n');
    printDirectionBehavior(w, 'Scale Up', behavior.scaleUp);
    printDirectionBehavior(w, 'Scale Down', behavior.scaleDown);
  }
  w.write(LEVEL_0, `${str(ref.kind)} pods:\t`);
  w.write(LEVEL_0, `${num(status.currentReplicas)} current / ${num(status.desiredReplicas)} desired\n`);
  const conditions = recs(status.conditions);
  if (conditions.length > 0) {
    w.write(LEVEL_0, 'Conditions:\n');
    w.write(LEVEL_1, 'Type\tStatus\tReason\tMessage\n');
    w.write(LEVEL_1, '----\t------\t------\t-------\n');
    for (const c of conditions) {
      w.write(LEVEL_1, `${str(c.type)}\t${str(c.status)}\t${str(c.reason)}\t${str(c.message)}\n`);
    }
  }
  describeEvents(w, ctx.events, ctx.now);
  return w.text();
}
