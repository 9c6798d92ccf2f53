import {
  INVOLVED_UID_INDEX,
  involvedUidIndexFunc,
  OWNER_UID_INDEX,
  ownerUidIndexFunc,
} from '../cache/indexers';
import type { IndexFunc } from '../cache/store';
import type { KubeObject } from '../cache/types';
import { EVENTS, type ResourceKind } from '../kinds';
import { UID_INDEX, uidIndexFunc } from '../resources/ownership';

/** KindIndexersOptions say how a kind is cached. */
export interface KindIndexersOptions {
  /** The kind is one of the eagerly watched kinds (the only stores createOwnerLookup reads). */
  eager: boolean;
  /** The kind is listed and watched as metadata only (Secrets, and kinds chosen so). */
  metadataOnly: boolean;
}

/**
 * kindIndexers returns the indexes an informer of `kind` keeps besides the namespace index
 * (which every informer has). An index costs memory per object (a Map entry, and a Set per value
 * when an object's value is unique, as uids are), so a kind gets only those its readers use:
 * - Events: INVOLVED_UID_INDEX (describe's Events section, badges, explanations).
 * - Eager kinds: OWNER_UID_INDEX (describe, explanations: children of an owner) and UID_INDEX
 *   (createOwnerLookup reads the eager kinds' stores only: owner chains in the Events view,
 *   manifests).
 * - Other kinds: OWNER_UID_INDEX (explanations read e.g. ControllerRevisions by owner).
 * - Metadata-only kinds: none. Nobody asks them for an owner's children or an object by uid;
 *   createOwnerLookup and the explain cache fall back to a scan if they ever do.
 */
export function kindIndexers(
  kind: ResourceKind,
  options: KindIndexersOptions,
): Record<string, IndexFunc<KubeObject>> {
  if (kind === EVENTS) return { [INVOLVED_UID_INDEX]: involvedUidIndexFunc };
  if (options.eager) return { [OWNER_UID_INDEX]: ownerUidIndexFunc, [UID_INDEX]: uidIndexFunc };
  if (options.metadataOnly) return {};
  return { [OWNER_UID_INDEX]: ownerUidIndexFunc };
}
