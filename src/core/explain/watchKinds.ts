/**
 * watchKinds: the lazy kinds an explanation of an event reads besides the eager ones, so the
 * Events view's panel can keep them watched while it shows the explanation (as an open describe
 * document keeps its kind): the involved object's own kind (a PVC, an HPA, a custom resource:
 * its status is the evidence) and, per reason, the kinds its explainer looks up (a claim's
 * StorageClass). Without them an explanation of a Warning on a lazy kind says only what the
 * event says. Pure; the host resolves the resources through discovery and acquires them.
 */

/** Resource is an API group and plural, as discovery names a resource (core group ''). */
export type Resource = readonly [group: string, plural: string];

const CLAIMS: readonly Resource[] = [
  ['', 'persistentvolumeclaims'],
  ['storage.k8s.io', 'storageclasses'],
];

/** RELATED_BY_REASON: the lazy resources each reason's explainer reads (see volumes.ts, storage.ts). */
const RELATED_BY_REASON: Readonly<Record<string, readonly Resource[]>> = {
  ProvisioningFailed: CLAIMS,
  FailedBinding: CLAIMS,
  FailedMount: CLAIMS,
  FailedAttachVolume: CLAIMS,
};

/** relatedResources returns the lazy resources an explanation of `reason` reads (empty for most). */
export function relatedResources(reason: string): readonly Resource[] {
  return Object.hasOwn(RELATED_BY_REASON, reason) ? RELATED_BY_REASON[reason]! : [];
}
