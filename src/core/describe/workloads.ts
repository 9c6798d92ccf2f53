/**
 * workloads: `kubectl describe` for the apps/v1 controllers: Deployment, ReplicaSet,
 * StatefulSet and DaemonSet.
 */

import type { KubeObject } from '../cache/types';
import type { Ctx } from './context';
import { describeEvents } from './events';
import {
  controllerOf,
  formatLabels,
  printAnnotationsMultiline,
  printLabelsMultiline,
  writeNameNamespace,
} from './format';
import { has, int, intOrString, num, rec, recs, str, type Rec } from './fields';
import { describePodTemplate } from './podTemplate';
import { DescribeWriter, LEVEL_0, LEVEL_1 } from './printer';
import { formatLabelSelector, selectorMatches, selectorString } from './selector';
import { describeVolumeClaimTemplates } from './volumes';

/**
 * podsStatus is getPodStatusForController: pods matching the selector whose controller is
 * `uid`, counted by phase. Undefined when pods are not cached.
 */
function podsStatus(ctx: Ctx, uid: string, selector: unknown): string | undefined {
  if (!ctx.related.podsOf) return undefined;
  const n = { Running: 0, Pending: 0, Succeeded: 0, Failed: 0 };
  for (const pod of ctx.related.podsOf(uid)) {
    const owner = recs(pod.metadata?.ownerReferences).find((r) => r.controller === true);
    if (!owner || str(owner.uid) !== uid || !selectorMatches(selector, pod.metadata?.labels)) continue;
    const phase = str(rec(pod.status).phase);
    if (phase in n) n[phase as keyof typeof n]++;
  }
  return `${n.Running} Running / ${n.Pending} Waiting / ${n.Succeeded} Succeeded / ${n.Failed} Failed`;
}

function writePodsStatus(w: DescribeWriter, ctx: Ctx, obj: KubeObject, selector: unknown): void {
  w.write(LEVEL_0, `Pods Status:\t${podsStatus(ctx, obj.metadata.uid ?? '', selector) ?? '<unknown>'}\n`);
}

function conditionsTable(w: DescribeWriter, status: Rec): void {
  const conditions = recs(status.conditions);
  if (conditions.length === 0) return;
  w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tReason\n');
  w.write(LEVEL_1, '----\t------\t------\n');
  for (const c of conditions) w.write(LEVEL_1, `${str(c.type)} \t${str(c.status)}\t${str(c.reason)}\n`);
}

/** withoutHash drops pod-template-hash and empty values, for EqualIgnoreHash's semantic compare. */
function normalize(v: unknown, dropHash = false): unknown {
  if (Array.isArray(v)) return v.length === 0 ? undefined : v.map((x) => normalize(x));
  if (v === null || typeof v !== 'object') return v;
  const out: Rec = {};
  for (const k of Object.keys(v).sort()) {
    if (dropHash && k === 'pod-template-hash') continue;
    const n = normalize((v as Rec)[k], k === 'labels');
    if (n !== undefined && !(typeof n === 'object' && n !== null && Object.keys(n).length === 0)) out[k] = n;
  }
  return out;
}

function equalIgnoreHash(a: unknown, b: unknown): boolean {
  return JSON.stringify(normalize(a)) === JSON.stringify(normalize(b));
}

function byCreation(a: KubeObject, b: KubeObject): number {
  const ta = a.metadata.creationTimestamp ?? '';
  const tb = b.metadata.creationTimestamp ?? '';
  if (ta !== tb) return Date.parse(ta) - Date.parse(tb) || (ta < tb ? -1 : 1);
  const na = a.metadata.name ?? '';
  const nb = b.metadata.name ?? '';
  return na < nb ? -1 : na > nb ? 1 : 0;
}

function replicaSetsText(list: KubeObject[]): string {
  const items = list.map(
    (rs) =>
      `${rs.metadata.name ?? ''} (${num(rec(rs.status).replicas)}/${num(rec(rs.spec).replicas)} replicas created)`,
  );
  return items.length === 0 ? '<none>' : items.join(', ');
}

/** describeDeployment renders a Deployment as `kubectl describe deployment` does. */
export function describeDeployment(obj: KubeObject, ctx: Ctx): string {
  const w = new DescribeWriter();
  const meta = rec(obj.metadata);
  const spec = rec(obj.spec);
  const status = rec(obj.status);
  writeNameNamespace(w, rec(obj.metadata));
  w.write(LEVEL_0, `CreationTimestamp:\t${ctx.time(meta.creationTimestamp)}\n`);
  printLabelsMultiline(w, 'Labels', meta.labels);
  printAnnotationsMultiline(w, 'Annotations', meta.annotations);
  w.write(LEVEL_0, `Selector:\t${selectorString(spec.selector)}\n`);
  w.write(
    LEVEL_0,
    `Replicas:\t${int(spec.replicas) ?? 1} desired | ${num(status.updatedReplicas)} updated | ` +
      `${num(status.replicas)} total | ${num(status.availableReplicas)} available | ` +
      `${num(status.unavailableReplicas)} unavailable\n`,
  );
  const strategy = rec(spec.strategy);
  w.write(LEVEL_0, `StrategyType:\t${str(strategy.type)}\n`);
  w.write(LEVEL_0, `MinReadySeconds:\t${num(spec.minReadySeconds)}\n`);
  if (has(strategy.rollingUpdate)) {
    const ru = rec(strategy.rollingUpdate);
    w.write(
      LEVEL_0,
      `RollingUpdateStrategy:\t${intOrString(ru.maxUnavailable)} max unavailable, ${intOrString(ru.maxSurge)} max surge\n`,
    );
  }
  describePodTemplate(w, spec.template, ctx.time);
  conditionsTable(w, status);
  if (ctx.related.replicaSetsOf) {
    const owned = ctx.related
      .replicaSetsOf(obj.metadata.uid ?? '')
      .filter((rs) =>
        recs(rs.metadata.ownerReferences).some(
          (r) => r.controller === true && str(r.uid) === obj.metadata.uid,
        ),
      )
      .sort(byCreation);
    const newRS = owned.find((rs) => equalIgnoreHash(rec(rs.spec).template, spec.template));
    const old = owned.filter((rs) => rs !== newRS);
    if (old.length > 0 || newRS) {
      w.write(LEVEL_0, `OldReplicaSets:\t${replicaSetsText(old)}\n`);
      w.write(LEVEL_0, `NewReplicaSet:\t${replicaSetsText(newRS ? [newRS] : [])}\n`);
    }
  }
  describeEvents(w, ctx.events, ctx.now);
  return w.text();
}

/** describeReplicaSet renders a ReplicaSet as `kubectl describe replicaset` does. */
export function describeReplicaSet(obj: KubeObject, ctx: Ctx): string {
  const w = new DescribeWriter();
  const meta = rec(obj.metadata);
  const spec = rec(obj.spec);
  const status = rec(obj.status);
  writeNameNamespace(w, rec(obj.metadata));
  w.write(LEVEL_0, `Selector:\t${formatLabelSelector(spec.selector)}\n`);
  printLabelsMultiline(w, 'Labels', meta.labels);
  printAnnotationsMultiline(w, 'Annotations', meta.annotations);
  const controller = controllerOf(meta);
  if (controller) w.write(LEVEL_0, `Controlled By:\t${controller}\n`);
  w.write(LEVEL_0, `Replicas:\t${num(status.replicas)} current / ${int(spec.replicas) ?? 1} desired\n`);
  writePodsStatus(w, ctx, obj, spec.selector);
  describePodTemplate(w, spec.template, ctx.time);
  conditionsTable(w, status);
  describeEvents(w, ctx.events, ctx.now);
  return w.text();
}

/** describeStatefulSet renders a StatefulSet as `kubectl describe statefulset` does. */
export function describeStatefulSet(obj: KubeObject, ctx: Ctx): string {
  const w = new DescribeWriter();
  const meta = rec(obj.metadata);
  const spec = rec(obj.spec);
  const status = rec(obj.status);
  writeNameNamespace(w, rec(obj.metadata));
  w.write(LEVEL_0, `CreationTimestamp:\t${ctx.time(meta.creationTimestamp)}\n`);
  w.write(LEVEL_0, `Selector:\t${selectorString(spec.selector)}\n`);
  printLabelsMultiline(w, 'Labels', meta.labels);
  printAnnotationsMultiline(w, 'Annotations', meta.annotations);
  w.write(LEVEL_0, `Replicas:\t${int(spec.replicas) ?? 1} desired | ${num(status.replicas)} total\n`);
  const strategy = rec(spec.updateStrategy);
  w.write(LEVEL_0, `Update Strategy:\t${str(strategy.type)}\n`);
  const ru = rec(strategy.rollingUpdate);
  if (has(strategy.rollingUpdate) && int(ru.partition) !== undefined) {
    w.write(LEVEL_1, `Partition:\t${int(ru.partition)}\n`);
    if (ru.maxUnavailable !== undefined && ru.maxUnavailable !== null) {
      w.write(LEVEL_1, `MaxUnavailable:\t${intOrString(ru.maxUnavailable)}\n`);
    }
  }
  writePodsStatus(w, ctx, obj, spec.selector);
  describePodTemplate(w, spec.template, ctx.time);
  describeVolumeClaimTemplates(w, spec.volumeClaimTemplates);
  describeEvents(w, ctx.events, ctx.now);
  return w.text();
}

/** describeDaemonSet renders a DaemonSet as `kubectl describe daemonset` does. */
export function describeDaemonSet(obj: KubeObject, ctx: Ctx): string {
  const w = new DescribeWriter();
  const meta = rec(obj.metadata);
  const spec = rec(obj.spec);
  const status = rec(obj.status);
  // kubectl 1.32 prints no Namespace line for a DaemonSet.
  w.write(LEVEL_0, `Name:\t${obj.metadata.name ?? ''}\n`);
  w.write(LEVEL_0, `Selector:\t${selectorString(spec.selector)}\n`);
  w.write(LEVEL_0, `Node-Selector:\t${formatLabels(rec(rec(spec.template).spec).nodeSelector)}\n`);
  printLabelsMultiline(w, 'Labels', meta.labels);
  printAnnotationsMultiline(w, 'Annotations', meta.annotations);
  w.write(LEVEL_0, `Desired Number of Nodes Scheduled: ${num(status.desiredNumberScheduled)}\n`);
  w.write(LEVEL_0, `Current Number of Nodes Scheduled: ${num(status.currentNumberScheduled)}\n`);
  w.write(LEVEL_0, `Number of Nodes Scheduled with Up-to-date Pods: ${num(status.updatedNumberScheduled)}\n`);
  w.write(LEVEL_0, `Number of Nodes Scheduled with Available Pods: ${num(status.numberAvailable)}\n`);
  w.write(LEVEL_0, `Number of Nodes Misscheduled: ${num(status.numberMisscheduled)}\n`);
  writePodsStatus(w, ctx, obj, spec.selector);
  describePodTemplate(w, spec.template, ctx.time);
  describeEvents(w, ctx.events, ctx.now);
  return w.text();
}
