/**
 * metadataOnly: lists and watches that fetch objects' metadata only (PartialObjectMetadata), for
 * Secrets always (their data is never held in memory) and for any kind whose bodies the views do
 * not need. The server is asked with the PartialObjectMetadataList Accept header; whatever it
 * sends back (a server may ignore the header and send whole objects) is cut down to apiVersion,
 * kind and metadata as it arrives, before anything else sees it.
 */
import { ApiError } from '../core/cache/errors';
import { MetadataCompactor } from '../core/cache/metadataCompact';
import type { KubeObject, ListerWatcher } from '../core/cache/types';
import { apiVersionOf, type ResourceKind } from '../core/kinds';
import { TRUNCATED_ANNOTATION } from '../core/resources/summary';
import type { Requester } from './transport';

/** METADATA_ACCEPT asks a LIST for a PartialObjectMetadataList, and accepts plain JSON. */
export const METADATA_ACCEPT =
  'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json';

/**
 * METADATA_WATCH_ACCEPT asks a WATCH for PartialObjectMetadata events, as client-go's metadata
 * client does: kube-apiserver converts each event's object alone, so a watch asked for the List
 * form fails to encode its first event and ends (a relist per event).
 */
export const METADATA_WATCH_ACCEPT =
  'application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,application/json';

/** isSecretKind: core/v1 Secrets, which are always watched as metadata only. */
export function isSecretKind(kind: ResourceKind): boolean {
  return kind.group === '' && kind.plural === 'secrets';
}

/**
 * withAccept returns a Requester sending the requests of `transport` with `accept`, and its
 * watches with `watchAccept` (default: `accept`).
 */
export function withAccept(transport: Requester, accept: string, watchAccept = accept): Requester {
  return {
    request: (path, query, init = {}) =>
      transport.request(path, query, { ...init, accept: init.watch ? watchAccept : accept }),
  };
}

/**
 * metadataOnlyTransform returns a transform keeping `apiVersion`, `kind` (those of `kind`, not
 * PartialObjectMetadata) and `metadata` of an object, and nothing else: no data, spec or status.
 * The metadata is compacted by `compactor` (see MetadataCompactor: no managedFields, no
 * last-applied annotation, exact-size objects, repeated strings shared); a Secret keeps only
 * SECRET_CACHED_ANNOTATIONS. Pass one compactor to
 * every metadata-only kind of a context so that they share its interner.
 */
export function metadataOnlyTransform<T extends KubeObject>(
  kind: ResourceKind,
  compactor: MetadataCompactor = new MetadataCompactor(),
): (obj: T) => T {
  const apiVersion = apiVersionOf(kind);
  const keep = isSecretKind(kind) ? isCachedSecretAnnotation : undefined;
  return (obj) => compactor.compact(obj, apiVersion, kind.kind, keep);
}

/**
 * SECRET_CACHED_ANNOTATIONS are the only annotations a cached Secret keeps: those read from the
 * cache (describe of a ServiceAccount finds its token Secrets by them; the oversize marker).
 * Describe of a Secret prints its annotations from the GET it makes for the key sizes
 * (secretSummary.ts), as kubectl does. Measured (bench 14d1, cert-manager-like Secrets): the
 * annotations map and its unique values were 88 of the 462 bytes a cached Secret held.
 */
export const SECRET_CACHED_ANNOTATIONS: ReadonlySet<string> = new Set([
  'kubernetes.io/service-account.name',
  'kubernetes.io/service-account.uid',
  TRUNCATED_ANNOTATION,
]);

const isCachedSecretAnnotation = (key: string): boolean => SECRET_CACHED_ANNOTATIONS.has(key);

/**
 * onNotFound wraps a ListerWatcher so that a LIST answered with 404 (the kind is no longer served,
 * e.g. its CRD was deleted) calls `notFound` before the error goes on to the informer.
 */
export function onNotFound<T extends KubeObject>(
  lw: ListerWatcher<T>,
  notFound: () => void,
): ListerWatcher<T> {
  return {
    async list(opts, signal) {
      try {
        return await lw.list(opts, signal);
      } catch (err) {
        if (err instanceof ApiError && err.code === 404) notFound();
        throw err;
      }
    },
    watch: (opts, signal) => lw.watch(opts, signal),
  };
}
