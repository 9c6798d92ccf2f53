/**
 * objectSource: the API of one object for a single-object watch (src/core/cluster/objectWatch.ts):
 * a GET of `<resource path>/<name>`, and the kind's ListerWatcher in the object's scope selecting
 * `metadata.name=<name>`. Bounds: the GET's body is read up to maxLineBytes (more is an error,
 * never held) and an object over maxObjectBytes is kept with its metadata only, as a watched one
 * is; the transport's connect, response and deadline timeouts apply; the selected list and
 * watch are bounded as every ListerWatcher is (httpListerWatcher.ts).
 */
import { ApiError } from '../core/cache/errors';
import type { KubeObject } from '../core/cache/types';
import { fieldSelectorFor, type ObjectName, type ObjectSource } from '../core/cluster/objectWatch';
import { apiVersionOf, resourcePath, type ResourceKind } from '../core/kinds';
import { createListerWatcher } from './httpListerWatcher';
import { METADATA_ACCEPT, METADATA_WATCH_ACCEPT, withAccept } from './metadataOnly';
import { DEFAULT_READ_LIMITS, formatBytes, SizeLimitError, type ReadLimits } from './limits';
import { truncateObject } from './oversize';
import { isSuccess, readCapped, responseError } from './responses';
import type { Requester } from './transport';

export interface ObjectSourceOptions {
  transport: Requester;
  /**
   * Cache the object as metadata only (Secrets, always): the GET asks for PartialObjectMetadata,
   * the list and watch for their metadata forms (metadataOnly.ts).
   */
  metadataOnly?: boolean;
  kind: ResourceKind;
  ref: ObjectName;
  /** Applied to the GET's object and to every listed and watched one (as the kind's informer does). */
  transform?: (obj: KubeObject) => KubeObject;
  limits?: Partial<ReadLimits>;
}

/** createObjectSource returns the GET and the name-selected ListerWatcher of `ref`. */
export function createObjectSource(options: ObjectSourceOptions): ObjectSource {
  const { transport, kind, ref, transform } = options;
  const limits: ReadLimits = { ...DEFAULT_READ_LIMITS, ...options.limits };
  const namespace = kind.namespaced ? ref.namespace : undefined;
  const path = `${resourcePath(kind, namespace)}/${encodeURIComponent(ref.name)}`;
  const apiVersion = apiVersionOf(kind);
  return {
    async get(signal) {
      const accept = options.metadataOnly ? { accept: METADATA_WATCH_ACCEPT } : {};
      const res = await transport.request(path, {}, { signal, ...accept });
      if (!isSuccess(res)) throw await responseError(res);
      // As a watch line: over maxLineBytes the read stops (an error); over maxObjectBytes the
      // object is kept with its metadata only (oversize.ts), as the kind's informer keeps it.
      const body = await readCapped(res, limits.maxLineBytes);
      if (body.truncated) throw new SizeLimitError(`the object exceeds ${formatBytes(limits.maxLineBytes)}`);
      let obj: KubeObject;
      try {
        obj = JSON.parse(body.bytes.toString('utf8')) as KubeObject;
      } catch (err) {
        if (err instanceof SyntaxError)
          throw new ApiError(500, 'InternalError', 'the object is not valid JSON');
        throw err;
      }
      if (body.bytes.length > limits.maxObjectBytes)
        obj = truncateObject(obj, body.bytes.length, limits.maxObjectBytes, { apiVersion, kind: kind.kind });
      if (!obj || typeof obj !== 'object' || !obj.metadata || typeof obj.metadata !== 'object')
        throw new ApiError(500, 'InternalError', 'the object has no metadata');
      // A PartialObjectMetadata answer names its own kind: the cache keeps the kind's.
      obj.apiVersion = apiVersion;
      obj.kind = kind.kind;
      if (!transform) return obj;
      try {
        return transform(obj);
      } catch {
        return obj;
      }
    },
    selected: createListerWatcher({
      transport: options.metadataOnly
        ? withAccept(transport, METADATA_ACCEPT, METADATA_WATCH_ACCEPT)
        : transport,
      kind,
      namespace,
      fieldSelector: fieldSelectorFor(ref.name),
      transform,
      limits: options.limits,
    }),
  };
}
