/**
 * metadataOnly: lists and watches that fetch objects' metadata only (PartialObjectMetadata), for
 * Secrets always (their data is never held in memory) and for any kind whose bodies the views do
 * not need. The server is asked with the PartialObjectMetadataList Accept header; whatever it
 * sends back (a server may ignore the header and send whole objects) is cut down to apiVersion,
 * kind and metadata as it arrives, before anything else sees it.
 */
import { ApiError } from '../core/cache/errors';
import type { KubeObject, ListerWatcher } from '../core/cache/types';
import { apiVersionOf, type ResourceKind } from '../core/kinds';
import type { Requester } from './transport';

/** METADATA_ACCEPT asks for PartialObjectMetadata(List), and accepts plain JSON. */
export const METADATA_ACCEPT =
  'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json';

/** isSecretKind: core/v1 Secrets, which are always watched as metadata only. */
export function isSecretKind(kind: ResourceKind): boolean {
  return kind.group === '' && kind.plural === 'secrets';
}

/** withAccept returns a Requester sending every request of `transport` with `accept`. */
export function withAccept(transport: Requester, accept: string): Requester {
  return { request: (path, query, init = {}) => transport.request(path, query, { ...init, accept }) };
}

/**
 * metadataOnlyTransform returns a transform keeping `apiVersion`, `kind` (those of `kind`, not
 * PartialObjectMetadata) and `metadata` of an object, and nothing else: no data, spec or status.
 */
export function metadataOnlyTransform<T extends KubeObject>(kind: ResourceKind): (obj: T) => T {
  const apiVersion = apiVersionOf(kind);
  return (obj) => ({ apiVersion, kind: kind.kind, metadata: obj.metadata }) as T;
}

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
