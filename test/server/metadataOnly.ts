/**
 * metadataOnly: the PartialObjectMetadata forms the server answers to
 * `Accept: application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1` (lists) and
 * `as=PartialObjectMetadata` (get, watch events), as apiserver's asPartialObjectMetadata(List)
 * builds them: the whole ObjectMeta, managedFields included, and nothing else. Asking for the
 * single form on a list, or the list form on a single object, is 406.
 */
import type { KubeObject } from '../../src/core/cache/types';
import { notAcceptable } from './negotiate';

type Rec = Record<string, unknown>;

/** partialOf is one object as `meta.k8s.io/VERSION` PartialObjectMetadata. */
export function partialOf(obj: { metadata: unknown }, version: string): Rec {
  return { kind: 'PartialObjectMetadata', apiVersion: `meta.k8s.io/${version}`, metadata: obj.metadata };
}

/** partialListOf is a list page as PartialObjectMetadataList (items carry their kind and apiVersion). */
export function partialListOf(objects: readonly KubeObject[], version: string, listMeta: Rec): Rec {
  return {
    kind: 'PartialObjectMetadataList',
    apiVersion: `meta.k8s.io/${version}`,
    metadata: listMeta,
    items: objects.map((o) => partialOf(o, version)),
  };
}

/** notAList is the 406 for `as=PartialObjectMetadataList` on a single object (`type` as Go names it). */
export function notAList(type: string): Error {
  return notAcceptable(
    `you requested PartialObjectMetadataList, but the requested object is not a list (${type})`,
  );
}

/** isAList is the 406 for `as=PartialObjectMetadata` on a list. */
export function isAList(type: string): Error {
  return notAcceptable(`you requested PartialObjectMetadata, but the requested object is a list (${type})`);
}
