/**
 * generic: the explanation of any Warning without a dedicated explainer: what the reason
 * means (when it is a well-known one), who reported it, how often and for how long. It claims
 * nothing the event does not say.
 */
import { humanDuration } from '../events/age';
import { Builder, describeStep, eventsStep, involvedRef } from './text';
import type { ExplainEvent, Explanation } from './types';

/** MEANINGS maps well-known reasons to what they mean. */
export const MEANINGS: Record<string, string> = {
  FailedKillPod: "The kubelet could not stop the pod's containers",
  FailedCreatePodSandBox: 'The runtime could not create the pod sandbox (often the CNI network plugin)',
  FailedSync: 'The kubelet failed to sync the pod',
  NetworkNotReady: "The node's network plugin is not ready",
  FailedPreStopHook: "The container's preStop hook failed",
  FailedPostStartHook: "The container's postStart hook failed; the container is killed",
  ExceededGracePeriod: 'A container did not stop within its termination grace period and was killed',
  FailedDelete: 'The controller could not delete one of its pods',
  SelectorOverlap: "Another workload's selector matches the same pods",
  ProgressDeadlineExceeded: 'The Deployment made no progress within progressDeadlineSeconds',
  FailedToUpdateEndpoint: "The endpoints controller could not update the Service's endpoints",
  FailedComputeMetricsReplicas: 'The HPA could not compute its desired replicas from metrics',
  InvalidDiskCapacity: "The kubelet could not read the image filesystem's capacity",
  FreeDiskSpaceFailed: 'Image garbage collection could not free enough disk space',
  ImageGCFailed: 'Image garbage collection failed on the node',
  ContainerGCFailed: 'Container garbage collection failed on the node',
  FailedNodeAllocatableEnforcement: 'The kubelet could not enforce node allocatable cgroups',
  TaintManagerEviction:
    'The pod is being evicted because its node has a NoExecute taint it does not tolerate',
  Preempted: "A higher-priority pod took the node's resources; this pod was evicted",
  NodeSysctlChange: 'A kernel sysctl changed on the node',
  FailedValidation: 'The object failed validation',
};

/** explainGeneric explains any event from its reason, source and counts. */
export function explainGeneric(e: ExplainEvent): Explanation {
  const b = new Builder(e.reason).lower('generic');
  const target = involvedRef(e);
  const meaning = MEANINGS[e.reason];
  const who = e.source ? ` by ${e.source}` : '';
  const span =
    e.firstSeen !== undefined && e.lastSeen !== undefined && e.lastSeen > e.firstSeen
      ? ` over ${humanDuration(e.lastSeen - e.firstSeen)}`
      : '';
  b.fact(`Reported${who} ${e.count} time${e.count === 1 ? '' : 's'}${span}`);
  if (e.message) b.fact(`Message: ${e.message}`);
  if (target.name) {
    b.step(describeStep(target));
    b.step(eventsStep(target));
  }
  const subject = target.name ? `${target.kind} ${target.name}` : 'the object';
  return b.build(
    meaning ? `${meaning} (${subject})` : `${e.reason || 'A warning'} was reported${who} for ${subject}`,
  );
}
