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
}

/** Ctx is the DescribeContext a per-kind describer works with: the formatter resolved. */
export interface Ctx {
  now: number;
  events: KubeObject[];
  related: RelatedLookups;
  time: TimeFormatter;
}
