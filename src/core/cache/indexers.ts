import { type IndexFunc } from './store';
import { type KubeObject } from './types';

/** NAMESPACE_INDEX indexes objects by metadata.namespace (cluster-scoped objects: no value). */
export const NAMESPACE_INDEX = 'namespace';
/** OWNER_UID_INDEX indexes objects by the uid of each of their metadata.ownerReferences. */
export const OWNER_UID_INDEX = 'ownerUid';
/**
 * INVOLVED_UID_INDEX indexes Events by the uid of the object they are about:
 * `involvedObject.uid` (core/v1) or `regarding.uid` (events.k8s.io/v1).
 */
export const INVOLVED_UID_INDEX = 'involvedUid';

/**
 * namespaceIndexFunc is client-go's MetaNamespaceIndexFunc, except that a cluster-scoped object
 * has no value (client-go indexes it under ""), so indexValues() lists real namespaces only.
 */
export const namespaceIndexFunc: IndexFunc<KubeObject> = (obj) => {
  const ns = obj.metadata.namespace;
  return ns ? [ns] : [];
};

/** ownerUidIndexFunc returns the uid of every owner reference. */
export const ownerUidIndexFunc: IndexFunc<KubeObject> = (obj) => {
  const refs = obj.metadata.ownerReferences;
  if (!refs || refs.length === 0) return [];
  const uids: string[] = [];
  for (const ref of refs) if (ref?.uid) uids.push(ref.uid);
  return uids;
};

/** involvedUidIndexFunc returns the uid of the Event's involvedObject / regarding object. */
export const involvedUidIndexFunc: IndexFunc<KubeObject> = (obj) => {
  const a = uidOf(obj['involvedObject']);
  const b = uidOf(obj['regarding']);
  if (a && b && a !== b) return [a, b];
  const uid = a ?? b;
  return uid ? [uid] : [];
};

function uidOf(ref: unknown): string | undefined {
  if (typeof ref !== 'object' || ref === null) return undefined;
  const uid = (ref as { uid?: unknown }).uid;
  return typeof uid === 'string' && uid !== '' ? uid : undefined;
}
