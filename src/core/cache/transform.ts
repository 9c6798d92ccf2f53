import { type KubeObject } from './types';

/** LAST_APPLIED_ANNOTATION is kubectl's copy of the last applied manifest (often the largest field). */
export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * stripForCache is the informer's default transform: it drops `metadata.managedFields` and the
 * last-applied-configuration annotation, the two largest parts of most objects that nothing in
 * Kube Events reads.
 *
 * Contract: never mutates its input. An object with nothing to strip is returned as is (it is
 * stripped twice on its way in: at arrival and by the informer, and a flood pays per copy).
 * Otherwise returns a shallow copy of the object with a copied `metadata` (and a copied
 * `annotations` map when one is removed; an annotations map left empty is dropped). Every other
 * field is shared with the input.
 */
export function stripForCache<T extends KubeObject>(obj: T): T {
  const annotations0 = obj.metadata.annotations;
  if (
    !('managedFields' in obj.metadata) &&
    !(annotations0 && typeof annotations0 === 'object' && LAST_APPLIED_ANNOTATION in annotations0)
  )
    return obj;
  const { managedFields: _managedFields, ...metadata } = obj.metadata;
  const annotations = obj.metadata.annotations;
  if (annotations && LAST_APPLIED_ANNOTATION in annotations) {
    const { [LAST_APPLIED_ANNOTATION]: _lastApplied, ...rest } = annotations;
    if (Object.keys(rest).length > 0) metadata.annotations = rest;
    else delete metadata.annotations;
  }
  return { ...obj, metadata };
}
