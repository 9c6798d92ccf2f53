/**
 * httpListerWatcher: the ListerWatcher of one kind in one scope (all namespaces, or one), over
 * the Kubernetes REST API. Both lists and watches are parsed as streams of decoded (gunzipped)
 * bytes: a list body is scanned item by item (jsonListStream.ts), never held whole; a watch is
 * split into lines (lineSplitter.ts), one JSON event per line. Sizes are bounded by ReadLimits:
 * an item or line over maxLineBytes aborts the request; an object over maxObjectBytes is kept
 * with its metadata only (oversize.ts).
 */
import { ApiError } from '../core/cache/errors';
import type {
  KubeObject,
  ListOptions,
  ListPage,
  ListerWatcher,
  WatchEvent,
  WatchOptions,
} from '../core/cache/types';
import type { Interner } from '../core/cache/intern';
import { type SliceBudget, WorkSlicer } from '../core/cache/workSlicer';
import { apiVersionOf, resourcePath, type ResourceKind } from '../core/kinds';
import { realClock, type Clock } from '../core/util/clock';
import { itemText, JsonListScanner, ListStructureError } from './jsonListStream';
import { DEFAULT_READ_LIMITS, type ReadLimits, SizeLimitError } from './limits';
import { LineSplitter } from './lineSplitter';
import { truncateObject } from './oversize';
import { decodedBody, isSuccess, responseError } from './responses';
import type { Query, Requester } from './transport';
import { decodeWatchEvent } from './watchDecoder';

export interface HttpListerWatcherOptions<T extends KubeObject = KubeObject> {
  transport: Requester;
  kind: ResourceKind;
  /** Restricts a namespaced kind to one namespace; ignored for cluster-scoped kinds. */
  namespace?: string;
  fieldSelector?: string;
  labelSelector?: string;
  /**
   * transform, when given, is applied to every listed and watched object as it arrives (after
   * apiVersion/kind are filled in), so a list's raw items are never all held at once (e.g.
   * stripForCache). It must not throw; if it does, the object is kept as parsed.
   */
  transform?: (obj: T) => T;
  /**
   * dropsManagedFields: `transform` drops `metadata.managedFields` (stripForCache and the
   * metadata-only transform do). List items then reach JSON.parse without that member (the list
   * scanner finds it as it scans: see ManagedFieldsCut), which spares parsing 35-45% of a typical
   * object's bytes only to throw them away. Watched objects are parsed whole.
   */
  dropsManagedFields?: boolean;
  /**
   * interner, when given, shares the repeated strings and small objects of every listed and
   * watched object in place, as it is decoded, after `transform` (which must therefore return
   * objects built from its input or new ones, never objects held elsewhere): see Interner. One
   * interner may serve every kind and context (its pools are bounded).
   */
  interner?: Pick<Interner, 'intern'>;
  /** Size bounds; defaults to DEFAULT_READ_LIMITS. */
  limits?: Partial<ReadLimits>;
  /**
   * slice bounds the list items decoded before the event loop gets a turn (default
   * DEFAULT_SLICE, timed by `clock`, default realClock); the body is not read meanwhile.
   */
  slice?: Partial<SliceBudget>;
  clock?: Clock;
}

/**
 * createListerWatcher returns the ListerWatcher of `kind` (in `namespace`). List items get the
 * kind's `apiVersion` and `kind` filled in when the server left them out (lists usually do), so
 * listed and watched objects look alike. Non-2xx responses throw ApiError (a body that is not a
 * List is a 500 ApiError); transport failures throw the Node error (with its `code`, e.g.
 * ECONNREFUSED), size limits a SizeLimitError.
 */
export function createListerWatcher<T extends KubeObject = KubeObject>(
  options: HttpListerWatcherOptions<T>,
): ListerWatcher<T> {
  const path = resourcePath(options.kind, options.namespace);
  const apiVersion = apiVersionOf(options.kind);
  const selectors: Query = { fieldSelector: options.fieldSelector, labelSelector: options.labelSelector };
  const limits: ReadLimits = { ...DEFAULT_READ_LIMITS, ...options.limits };
  const { transport } = options;
  const transform = options.transform;
  const kindOf = { apiVersion, kind: options.kind.kind };

  /** arrive completes one object: oversize cut, kind/apiVersion filled (list items), transform. */
  const arrive = (raw: unknown, bytes: number, listed = false): T => {
    let obj = (
      bytes > limits.maxObjectBytes ? truncateObject(raw, bytes, limits.maxObjectBytes, kindOf) : raw
    ) as T;
    if (listed && obj.apiVersion === undefined) obj.apiVersion = apiVersion;
    if (listed && obj.kind === undefined) obj.kind = options.kind.kind;
    if (transform) {
      try {
        obj = transform(obj);
      } catch {
        // Kept as parsed; the informer's own transform reports the failure.
      }
    }
    // Just decoded (and built from that by `transform`): nobody else holds it, so interning
    // works in place, after the transform dropped what is not kept (managedFields, Secret data).
    if (options.interner) obj = options.interner.intern(obj);
    return obj;
  };

  return {
    async list(opts: ListOptions, signal: AbortSignal, each?: (obj: T) => T): Promise<ListPage<T>> {
      const res = await transport.request(
        path,
        {
          ...selectors,
          resourceVersion: opts.resourceVersion,
          resourceVersionMatch: opts.resourceVersion ? opts.resourceVersionMatch : undefined,
          limit: opts.limit,
          continue: opts.continue,
        },
        { signal },
      );
      if (!isSuccess(res)) throw await responseError(res, { maxBytes: limits.maxErrorBodyBytes });
      const items: T[] = [];
      const slicer = new WorkSlicer({ clock: options.clock ?? realClock, budget: options.slice });
      let decoded = 0;
      const invalid = () =>
        new ApiError(500, 'InternalError', `list ${path}: the response is not valid JSON`);
      const tooMany = () =>
        new SizeLimitError(
          `list ${path}: a page of more than ${limits.maxListItems} items exceeds the limit`,
        );
      const scanner = new JsonListScanner({
        maxItemBytes: limits.maxLineBytes,
        skipManagedFields: options.dropsManagedFields === true,
        onItem: (bytes, managedFields) => {
          let raw: unknown;
          decoded++;
          try {
            raw = JSON.parse(itemText(bytes, managedFields));
          } catch {
            throw invalid();
          }
          // One item that is not an object cannot poison the page: it is skipped.
          if (!isObjectWithMetadata(raw)) return;
          if (items.length >= limits.maxListItems) throw tooMany();
          const obj = arrive(raw, bytes.length, true);
          // The caller's transform too, item by item: no raw item outlives its own decoding.
          items.push(each ? each(obj) : obj);
        },
      });
      let metadataBytes: Buffer | undefined;
      try {
        for await (const chunk of decodedBody(res)) {
          scanner.push(chunk);
          // Cooperative: a fast server's items are decoded a slice at a time (see WorkSlicer).
          const pause = decoded > 0 ? slicer.spend(decoded) : undefined;
          decoded = 0;
          if (pause) await pause;
        }
        if (!res.complete) throw new Error(`list ${path}: the response was cut off`);
        metadataBytes = scanner.end();
      } catch (err) {
        res.destroy();
        if (err instanceof ListStructureError) throw invalid();
        throw err;
      }
      const metadata = parseListMetadata(metadataBytes);
      if (metadata === undefined) throw invalid();
      return {
        items,
        resourceVersion: metadata.resourceVersion,
        continue: metadata.continue,
        transformed: each !== undefined,
      };
    },

    watch(opts: WatchOptions, signal: AbortSignal): AsyncIterable<WatchEvent<T>> {
      const query: Query = {
        ...selectors,
        watch: 'true',
        allowWatchBookmarks: opts.allowWatchBookmarks ? 'true' : undefined,
        timeoutSeconds: opts.timeoutSeconds,
        resourceVersion: opts.resourceVersion,
        sendInitialEvents: opts.sendInitialEvents ? 'true' : undefined,
        resourceVersionMatch: opts.resourceVersionMatch,
      };
      return watchStream<T>(transport, path, query, signal, limits, arrive);
    },
  };
}

async function* watchStream<T extends KubeObject>(
  transport: Requester,
  path: string,
  query: Query,
  signal: AbortSignal,
  limits: ReadLimits,
  arrive: (raw: unknown, bytes: number) => T,
): AsyncGenerator<WatchEvent<T>> {
  const res = await transport.request(path, query, { signal, watch: true });
  try {
    if (!isSuccess(res)) throw await responseError(res, { maxBytes: limits.maxErrorBodyBytes });
    const splitter = new LineSplitter(limits.maxLineBytes);
    for await (const chunk of decodedBody(res)) {
      let lines: Buffer[];
      try {
        lines = splitter.push(chunk);
      } catch (err) {
        throw new Error(`watch ${path}: ${(err as Error).message}`, { cause: err });
      }
      for (const line of lines) {
        const event = decodeWatchEvent<T>(line, limits, arrive);
        if (event) yield event;
      }
    }
    if (!res.complete) throw new Error(`watch ${path}: the stream was cut off`);
    if (splitter.end().toString('utf8').trim() !== '') {
      // A server ends a stream between objects; anything else is a truncated object.
      throw new Error(`watch ${path}: the stream ended inside an event`);
    }
  } finally {
    // Early exit (break, abort, error): release the socket now instead of draining it.
    if (!res.complete) res.destroy();
  }
}

function isObjectWithMetadata(v: unknown): v is KubeObject {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const meta = (v as { metadata?: unknown }).metadata;
  return typeof meta === 'object' && meta !== null && !Array.isArray(meta);
}

/** parseListMetadata reads a List's resourceVersion and continue token; undefined if malformed. */
function parseListMetadata(
  bytes: Buffer | undefined,
): { resourceVersion: string; continue: string | undefined } | undefined {
  if (bytes === undefined) return { resourceVersion: '', continue: undefined };
  let meta: unknown;
  try {
    meta = JSON.parse(bytes.toString('utf8'));
  } catch {
    return undefined;
  }
  if (meta === null) return { resourceVersion: '', continue: undefined };
  if (typeof meta !== 'object' || Array.isArray(meta)) return undefined;
  const { resourceVersion, continue: cont } = meta as { resourceVersion?: unknown; continue?: unknown };
  return {
    resourceVersion: typeof resourceVersion === 'string' ? resourceVersion : '',
    continue: typeof cont === 'string' && cont !== '' ? cont : undefined,
  };
}
