/**
 * generic: the explanation of any Warning without a dedicated explainer: what the reason
 * means (when it is a well-known one), who reported it, how often and for how long. It claims
 * nothing the event does not say.
 */
import { humanDuration } from '../events/age';
import { englishL10n, type Localizer } from '../util/l10n';
import { Builder, describeStep, eventsStep, involvedRef, timesCount } from './text';
import type { ExplainEvent, Explanation } from './types';

/** MEANINGS maps well-known reasons to what they mean, in the language of the Localizer. */
export const MEANINGS: Record<string, (l10n: Localizer) => string> = {
  FailedKillPod: (l10n) => l10n.t("The kubelet could not stop the pod's containers"),
  FailedCreatePodSandBox: (l10n) =>
    l10n.t('The runtime could not create the pod sandbox (often the CNI network plugin)'),
  FailedSync: (l10n) => l10n.t('The kubelet failed to sync the pod'),
  NetworkNotReady: (l10n) => l10n.t("The node's network plugin is not ready"),
  FailedPreStopHook: (l10n) => l10n.t("The container's preStop hook failed"),
  FailedPostStartHook: (l10n) => l10n.t("The container's postStart hook failed; the container is killed"),
  ExceededGracePeriod: (l10n) =>
    l10n.t('A container did not stop within its termination grace period and was killed'),
  FailedDelete: (l10n) => l10n.t('The controller could not delete one of its pods'),
  SelectorOverlap: (l10n) => l10n.t("Another workload's selector matches the same pods"),
  ProgressDeadlineExceeded: (l10n) =>
    l10n.t('The Deployment made no progress within progressDeadlineSeconds'),
  FailedToUpdateEndpoint: (l10n) =>
    l10n.t("The endpoints controller could not update the Service's endpoints"),
  FailedComputeMetricsReplicas: (l10n) =>
    l10n.t('The HPA could not compute its desired replicas from metrics'),
  InvalidDiskCapacity: (l10n) => l10n.t("The kubelet could not read the image filesystem's capacity"),
  FreeDiskSpaceFailed: (l10n) => l10n.t('Image garbage collection could not free enough disk space'),
  ImageGCFailed: (l10n) => l10n.t('Image garbage collection failed on the node'),
  ContainerGCFailed: (l10n) => l10n.t('Container garbage collection failed on the node'),
  FailedNodeAllocatableEnforcement: (l10n) =>
    l10n.t('The kubelet could not enforce node allocatable cgroups'),
  TaintManagerEviction: (l10n) =>
    l10n.t('The pod is being evicted because its node has a NoExecute taint it does not tolerate'),
  Preempted: (l10n) => l10n.t("A higher-priority pod took the node's resources; this pod was evicted"),
  NodeSysctlChange: (l10n) => l10n.t('A kernel sysctl changed on the node'),
  FailedValidation: (l10n) => l10n.t('The object failed validation'),
};

/** explainGeneric explains any event from its reason, source and counts. */
export function explainGeneric(e: ExplainEvent, l10n: Localizer = englishL10n): Explanation {
  const b = new Builder(e.reason, l10n).lower('generic');
  const target = involvedRef(e);
  const meaning = Object.hasOwn(MEANINGS, e.reason) ? MEANINGS[e.reason]!(l10n) : undefined;
  const times = timesCount(e.count, l10n);
  const span =
    e.firstSeen !== undefined && e.lastSeen !== undefined && e.lastSeen > e.firstSeen
      ? humanDuration(e.lastSeen - e.firstSeen)
      : undefined;
  b.fact(
    e.source
      ? span
        ? l10n.t('Reported by {0} {1} over {2}', e.source, times, span)
        : l10n.t('Reported by {0} {1}', e.source, times)
      : span
        ? l10n.t('Reported {0} over {1}', times, span)
        : l10n.t('Reported {0}', times),
  );
  if (e.message) b.fact(l10n.t('Message: {0}', e.message));
  if (target.name) {
    b.step(describeStep(target, l10n));
    b.step(eventsStep(target, l10n));
  }
  const subject = target.name ? `${target.kind} ${target.name}` : l10n.t('the object');
  if (meaning) return b.build(`${meaning} (${subject})`);
  const what = e.reason || l10n.t('A warning');
  return b.build(
    e.source
      ? l10n.t('{0} was reported by {1} for {2}', what, e.source, subject)
      : l10n.t('{0} was reported for {1}', what, subject),
  );
}
