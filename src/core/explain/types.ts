/**
 * types: the contract between the explainer and its callers. An Explanation is computed from
 * one event and a read-only view of the caches (ExplainCache); it says what is known and
 * nothing more. The host renders it; nothing here imports vscode.
 */
import type { KubeObject } from '../cache/types';
import type { KubeEvent } from '../events/model';

/** Ref names a cached object: `namespace` is '' for cluster-scoped kinds. */
export interface Ref {
  kind: string;
  namespace: string;
  name: string;
}

/**
 * Evidence is one fact behind a cause. `ref` is the object the fact was read from. When
 * `absent` is true the fact is that `ref` does NOT exist: the explainer only says so when the
 * cache watches that kind (ExplainCache.watches) and holds no such object.
 */
export interface Evidence {
  text: string;
  ref?: Ref;
  absent?: boolean;
}

/** NextStepCommand: the commands the host offers next to an explanation. */
export type NextStepCommand = 'describe' | 'showEvents' | 'reveal' | 'kubectl';

/** NextStep is one offered action: a host command on `target`, or a kubectl line to copy. */
export interface NextStep {
  title: string;
  command: NextStepCommand;
  target?: Ref;
  kubectl?: string;
}

/**
 * Confidence: `exact` when the message was parsed and the cache confirms it, `partial` when
 * either is incomplete (unparsed parts, kinds not cached, cache moved on), `generic` when only
 * the reason's general meaning is known.
 */
export type Confidence = 'exact' | 'partial' | 'generic';

/** RolloutContext relates a Warning on a workload's pods to the workload's revisions. */
export interface RolloutContext {
  workload: Ref;
  /** The revision the warning's pod belongs to, e.g. "7" (deployment.kubernetes.io/revision). */
  revision: string;
  /** ms between the revision's rollout (its ReplicaSet's creation) and the event's first sighting. */
  sinceRollout: number | undefined;
  /** true when the warning was first seen after this revision rolled out and no older revision warned the same way. */
  startedAfterRollout: boolean;
  /** Warning events counted per revision, newest revision first (bounded). */
  warningsPerRevision: { revision: string; warnings: number }[];
  /** What changed in the pod template from the previous revision (empty when unknown). */
  changes: TemplateChange[];
  /** The previous revision compared against, if cached. */
  previousRevision: string | undefined;
}

/** TemplateChange is one difference between two pod templates. */
export interface TemplateChange {
  area: 'image' | 'env' | 'resources' | 'probe' | 'volume' | 'container';
  /** The container it concerns, when it concerns one. */
  container?: string;
  text: string;
}

/** Explanation is the result of explaining one event. */
export interface Explanation {
  reason: string;
  /** One line: the likely cause. */
  cause: string;
  evidence: Evidence[];
  nextSteps: NextStep[];
  confidence: Confidence;
  rollout?: RolloutContext;
}

/** ExplainEvent is the part of a KubeEvent the explainer reads. */
export type ExplainEvent = Pick<
  KubeEvent,
  'type' | 'reason' | 'message' | 'count' | 'firstSeen' | 'lastSeen' | 'source' | 'involved'
>;

/**
 * NodeUsage is what the pods bound to a node request, summed as the scheduler's NodeInfo
 * does: cpu in milli-units, every other resource in whole units (bytes for memory), and the
 * number of pods.
 */
export interface NodeUsage {
  requested: ReadonlyMap<string, number>;
  pods: number;
}

/**
 * PodsByNode is the index by spec.nodeName the explainer needs; the host supplies one fed by
 * the pod informer (see PodsByNodeIndex). Reads are O(result), never a scan of all pods.
 */
export interface PodsByNode {
  /** podsOn returns the non-terminal pods bound to `node` (fresh array, cached objects). */
  podsOn(node: string): KubeObject[];
  /** usageOf returns the summed requests of those pods. */
  usageOf(node: string): NodeUsage;
}

/**
 * ExplainCache is the narrow read-only view of the caches the explainer uses. Objects are the
 * cached instances: the explainer never mutates them.
 */
export interface ExplainCache extends PodsByNode {
  /**
   * watches reports whether the cache holds every object of `kind` (an informer is synced),
   * so that `get` returning undefined means the object does not exist.
   */
  watches(kind: string): boolean;
  /** get returns the cached object, namespace '' for cluster-scoped kinds. */
  get(kind: string, namespace: string, name: string): KubeObject | undefined;
  /** list returns the cached objects of `kind`, in one namespace or ('' / undefined) all. */
  list(kind: string, namespace?: string): KubeObject[];
  /** ownedBy returns the cached objects of `kind` with an ownerReference to `uid`. */
  ownedBy(kind: string, uid: string): KubeObject[];
  /** eventsAbout returns the cached events whose involved object has this uid. */
  eventsAbout(uid: string): ExplainEvent[];
}

/** LIMITS bound what is read from untrusted text and what an explanation holds. */
export const LIMITS = Object.freeze({
  /** Characters of an event message that are parsed. */
  messageChars: 8192,
  /** Reasons parsed from one scheduler message. */
  schedulerReasons: 32,
  /** Evidence items per explanation. */
  evidence: 24,
  /** Characters of one evidence or cause line. */
  lineChars: 400,
  /** Nodes named in one evidence line. */
  namedNodes: 3,
  /** Revisions listed in warningsPerRevision. */
  revisions: 10,
  /** Template changes listed. */
  changes: 20,
});
