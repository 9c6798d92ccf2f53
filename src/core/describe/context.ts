/**
 * context: what a describer receives besides the object: the clock, the selected events, the
 * related-object lookups and the time formatter. Shared by every per-kind file.
 */

import type { KubeObject } from '../cache/types';
import type { TimeFormatter } from './format';

/** RelatedLookups reach into the informer caches for objects kubectl shows alongside. */
export interface RelatedLookups {
  /** ReplicaSets owned by a Deployment, for OldReplicaSets / NewReplicaSet. */
  replicaSetsOf?(deploymentUid: string): KubeObject[];
  /** Pods owned by a controller, for "Pods Status". */
  podsOf?(ownerUid: string): KubeObject[];
  /** Pods bound to a node, for "Non-terminated Pods" and "Allocated resources". */
  podsOnNode?(nodeName: string): KubeObject[];
  /** The Endpoints (core/v1) or an EndpointSlice of a Service, for its "Endpoints" lines. */
  endpointsFor?(ns: string, name: string): KubeObject | undefined;
  /** Jobs owned by a CronJob (unused so far: kubectl prints Active Jobs from status.active). */
  jobsOf?(cronJobUid: string): KubeObject[];
  /**
   * The node's Lease (coordination.k8s.io, namespace kube-node-lease, named after the node), for
   * the Node "Lease:" block: null when Leases are cached and the node has none (kubectl prints
   * "Failed to get lease: ... not found"); leave the lookup out when Leases are not cached (the
   * block is left out).
   */
  nodeLease?(nodeName: string): KubeObject | null;
  /** ResourceQuotas of a namespace, for the Namespace "Resource Quotas" block (left out when absent). */
  resourceQuotasIn?(namespace: string): KubeObject[];
  /** LimitRanges of a namespace, for the Namespace "Resource Limits" block (left out when absent). */
  limitRangesIn?(namespace: string): KubeObject[];
  /** Pods of a namespace, for a PersistentVolumeClaim's "Used By" (the line is left out when absent). */
  podsIn?(namespace: string): KubeObject[];
  /**
   * A Service, for an Ingress backend's endpoints: null when Services are cached and it does not
   * exist (kubectl prints the not-found error in place of the endpoints).
   */
  serviceFor?(namespace: string, name: string): KubeObject | null;
  /**
   * Secrets of a namespace (metadata-only objects are enough), for a ServiceAccount's tokens and
   * "(not found)" marks; when absent, no token is listed and nothing is marked missing.
   */
  secretsIn?(namespace: string): KubeObject[];
  /**
   * The type and data sizes of a Secret whose cached object carries no `data` (a metadata-only
   * informer); see summarizeSecret. Values never travel through here.
   */
  secretSummary?(namespace: string, name: string): SecretSummary | undefined;
}

/** SecretSummary is what describe shows of a Secret's payload: its type and each key's size. */
export interface SecretSummary {
  /** The Secret's `type` ("" when unknown). */
  type: string;
  /** Each data key's decoded size in bytes. */
  sizes: Record<string, number>;
  /** The Secret's annotations as its GET returned them (a metadata-only cache keeps few). */
  annotations?: Record<string, string>;
}

/**
 * DescribeContext is everything describeObject needs besides the object. Nothing in it is
 * mutated.
 */
export interface DescribeContext {
  /** The current time, epoch ms (injected; describers never read the clock). */
  now: number;
  /**
   * Events for the object, already selected (by involvedObject uid, name, namespace and kind;
   * kind left out for Pods; see selectEventsFor). Raw core/v1 or events.k8s.io/v1 objects; the
   * describer sorts and prints them.
   */
  events: KubeObject[];
  /** Lookups into the informer caches; a missing lookup means "not cached". */
  related?: RelatedLookups;
  /**
   * The zone times are printed in, as minutes east of UTC at a given instant. Defaults to the
   * host's local zone, as kubectl prints local time.
   */
  utcOffsetMinutes?: (epochMs: number) => number;
  /**
   * The API group of the kind being described ("" for core), as discovery names it. Picks the
   * describer by group and kind, as kubectl does; when absent it is read from obj.apiVersion, and
   * when that is absent too (or a metadata-only object's meta.k8s.io) the built-in kind of that
   * name is assumed.
   */
  group?: string;
}

/** Ctx is the DescribeContext a per-kind describer works with: the formatter resolved. */
export interface Ctx {
  now: number;
  events: KubeObject[];
  related: RelatedLookups;
  time: TimeFormatter;
  /** The zone of printed times, minutes east of UTC at an instant (for Go's time.String). */
  utcOffsetMinutes: (epochMs: number) => number;
}
