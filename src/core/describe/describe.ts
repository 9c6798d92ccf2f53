/**
 * describe: kubectl-describe-like text for a cached object. describeObject picks the describer
 * for the kind (Pod, Deployment, ReplicaSet, StatefulSet, DaemonSet, Job, CronJob, Service, Node,
 * Namespace; anything else gets kubectl's generic form) and renders it with kubectl 1.32's
 * fields, order and alignment. Pure: the clock, events and related objects come in through the
 * context; nothing is fetched and nothing is mutated.
 */

import type { KubeObject } from '../cache/types';
import { describeCronJob, describeJob } from './batch';
import type { Ctx, DescribeContext } from './context';
import { timeFormatter } from './format';
import { describeGeneric } from './generic';
import { describeNamespace } from './namespace';
import { describeNode } from './node';
import { describePod } from './pod';
import { describeService } from './service';
import { describeDaemonSet, describeDeployment, describeReplicaSet, describeStatefulSet } from './workloads';

export type { DescribeContext, RelatedLookups } from './context';
export { selectEventsFor } from './events';

const DESCRIBERS: Record<string, (obj: KubeObject, ctx: Ctx) => string> = {
  Pod: describePod,
  Deployment: describeDeployment,
  ReplicaSet: describeReplicaSet,
  StatefulSet: describeStatefulSet,
  DaemonSet: describeDaemonSet,
  Job: describeJob,
  CronJob: describeCronJob,
  Service: describeService,
  Node: describeNode,
  Namespace: describeNamespace,
};

const localOffset = (ms: number) => -new Date(ms).getTimezoneOffset();

/**
 * describeObject renders `obj` (of `kind`, e.g. "Pod") as `kubectl describe` prints it, ending
 * with its Events section. Cluster text is printed as-is except that escape sequences and
 * control characters other than newline and tab are neutralised (see sanitize). Never throws on
 * a malformed object: missing fields print as kubectl prints Go zero values.
 */
export function describeObject(kind: string, obj: KubeObject, ctx: DescribeContext): string {
  const describer = DESCRIBERS[kind] ?? describeGeneric;
  return describer(obj, {
    now: ctx.now,
    events: ctx.events,
    related: ctx.related ?? {},
    time: timeFormatter(ctx.utcOffsetMinutes ?? localOffset),
  });
}
