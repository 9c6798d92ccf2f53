/**
 * describe: kubectl-describe-like text for a cached object. describeObject picks the describer
 * for the kind's group and kind, as kubectl's describerMap does (Pod, Deployment, ReplicaSet,
 * StatefulSet, DaemonSet, Job, CronJob, Service, Node, Namespace, PersistentVolumeClaim,
 * PersistentVolume, StorageClass, Ingress, HorizontalPodAutoscaler, ConfigMap, Secret,
 * ServiceAccount, PodDisruptionBudget, Endpoints, EndpointSlice, NetworkPolicy, ResourceQuota,
 * LimitRange; anything else, custom resources and Leases included, gets kubectl's generic form)
 * and renders it with kubectl 1.32's fields, order and alignment. Pure: the clock, events and
 * related objects come in through the context; nothing is fetched and nothing is mutated.
 */

import type { KubeObject } from '../cache/types';
import { describeHorizontalPodAutoscaler } from './autoscaling';
import { describeCronJob, describeJob } from './batch';
import { describeConfigMap, describeSecret, describeServiceAccount } from './config';
import type { Ctx, DescribeContext } from './context';
import { timeFormatter } from './format';
import { describeGeneric } from './generic';
import { describeNamespace } from './namespace';
import {
  describeEndpoints,
  describeEndpointSlice,
  describeIngress,
  describeNetworkPolicy,
} from './networking';
import { describeNode } from './node';
import { describePod } from './pod';
import { describeLimitRange, describePodDisruptionBudget, describeResourceQuota } from './policy';
import { describeService } from './service';
import { describePersistentVolume, describePersistentVolumeClaim, describeStorageClass } from './storage';
import { describeDaemonSet, describeDeployment, describeReplicaSet, describeStatefulSet } from './workloads';

export type { DescribeContext, RelatedLookups, SecretSummary } from './context';
export { selectEventsFor } from './events';
export { summarizeSecret } from './config';

type Describer = (obj: KubeObject, ctx: Ctx) => string;

/** DESCRIBERS maps a GroupKind string ("Kind" for the core group, else "Kind.group") to its describer. */
const DESCRIBERS: Record<string, Describer> = {
  Pod: describePod,
  'Deployment.apps': describeDeployment,
  'ReplicaSet.apps': describeReplicaSet,
  'StatefulSet.apps': describeStatefulSet,
  'DaemonSet.apps': describeDaemonSet,
  'Job.batch': describeJob,
  'CronJob.batch': describeCronJob,
  Service: describeService,
  Node: describeNode,
  Namespace: describeNamespace,
  PersistentVolumeClaim: describePersistentVolumeClaim,
  PersistentVolume: describePersistentVolume,
  'StorageClass.storage.k8s.io': describeStorageClass,
  'Ingress.networking.k8s.io': describeIngress,
  'Ingress.extensions': describeIngress,
  'HorizontalPodAutoscaler.autoscaling': describeHorizontalPodAutoscaler,
  ConfigMap: describeConfigMap,
  Secret: describeSecret,
  ServiceAccount: describeServiceAccount,
  'PodDisruptionBudget.policy': describePodDisruptionBudget,
  Endpoints: describeEndpoints,
  'EndpointSlice.discovery.k8s.io': describeEndpointSlice,
  'NetworkPolicy.networking.k8s.io': describeNetworkPolicy,
  ResourceQuota: describeResourceQuota,
  LimitRange: describeLimitRange,
};

/** BUILT_IN_GROUP is the group assumed for a kind when neither the context nor the object names one. */
const BUILT_IN_GROUP = new Map<string, string>();
for (const key of Object.keys(DESCRIBERS)) {
  const dot = key.indexOf('.');
  const kind = dot < 0 ? key : key.slice(0, dot);
  if (!BUILT_IN_GROUP.has(kind)) BUILT_IN_GROUP.set(kind, dot < 0 ? '' : key.slice(dot + 1));
}

/** groupOf reads the group of an apiVersion ("apps/v1" -> "apps", "v1" -> ""); undefined when unusable. */
function groupOf(apiVersion: unknown): string | undefined {
  if (typeof apiVersion !== 'string' || apiVersion === '') return undefined;
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  return group === 'meta.k8s.io' ? undefined : group;
}

/** describerFor picks the describer of a group and kind; the generic one when kubectl has none. */
export function describerFor(kind: string, group: string | undefined): Describer {
  const g = group ?? BUILT_IN_GROUP.get(kind) ?? '';
  return DESCRIBERS[g === '' ? kind : `${kind}.${g}`] ?? describeGeneric;
}

const localOffset = (ms: number) => -new Date(ms).getTimezoneOffset();

/**
 * describeObject renders `obj` (of `kind`, e.g. "Pod") as `kubectl describe` prints it, ending
 * with its Events section. Cluster text is printed as-is except that escape sequences and
 * control characters other than newline and tab are neutralised (see sanitize). Never throws on
 * a malformed object: missing fields print as kubectl prints Go zero values.
 */
export function describeObject(kind: string, obj: KubeObject, ctx: DescribeContext): string {
  const describer = describerFor(kind, ctx.group ?? groupOf(obj.apiVersion));
  return describer(obj, {
    now: ctx.now,
    events: ctx.events,
    related: ctx.related ?? {},
    time: timeFormatter(ctx.utcOffsetMinutes ?? localOffset),
    utcOffsetMinutes: ctx.utcOffsetMinutes ?? localOffset,
  });
}
