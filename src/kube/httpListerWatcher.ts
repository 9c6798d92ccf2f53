/**
 * httpListerWatcher: the ListerWatcher of one kind in one scope (all namespaces, or one), over
 * the Kubernetes REST API. Lists are read whole; watches are parsed incrementally, one JSON
 * object per line, never buffering more than one incomplete line.
 */
import { StringDecoder } from 'node:string_decoder';
import { ApiError } from '../core/cache/errors';
import type {
  KubeObject,
  ListOptions,
  ListPage,
  ListerWatcher,
  WatchEvent,
  WatchOptions,
} from '../core/cache/types';
import { apiVersionOf, resourcePath, type ResourceKind } from '../core/kinds';
import { isSuccess, readBody, responseError } from './responses';
import type { Query, Requester } from './transport';

export interface HttpListerWatcherOptions {
  transport: Requester;
  kind: ResourceKind;
  /** Restricts a namespaced kind to one namespace; ignored for cluster-scoped kinds. */
  namespace?: string;
  fieldSelector?: string;
  labelSelector?: string;
}

const WATCH_EVENT_TYPES = new Set(['ADDED', 'MODIFIED', 'DELETED', 'BOOKMARK', 'ERROR']);

/**
 * createListerWatcher returns the ListerWatcher of `kind` (in `namespace`). List items get the
 * kind's `apiVersion` and `kind` filled in when the server left them out (lists usually do), so
 * listed and watched objects look alike. Non-2xx responses throw ApiError; transport failures
 * throw the Node error (with its `code`, e.g. ECONNREFUSED).
 */
export function createListerWatcher<T extends KubeObject = KubeObject>(
  options: HttpListerWatcherOptions,
): ListerWatcher<T> {
  const path = resourcePath(options.kind, options.namespace);
  const apiVersion = apiVersionOf(options.kind);
  const selectors: Query = { fieldSelector: options.fieldSelector, labelSelector: options.labelSelector };
  const { transport } = options;

  return {
    async list(opts: ListOptions, signal: AbortSignal): Promise<ListPage<T>> {
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
      if (!isSuccess(res)) throw await responseError(res);
      const text = await readBody(res);
      let body: { items?: T[] | null; metadata?: { resourceVersion?: string; continue?: string } };
      try {
        body = JSON.parse(text);
      } catch {
        throw new ApiError(500, 'InternalError', `list ${path}: the response is not valid JSON`);
      }
      const items = body.items ?? [];
      for (const item of items) {
        if (item.apiVersion === undefined) item.apiVersion = apiVersion;
        if (item.kind === undefined) item.kind = options.kind.kind;
      }
      return {
        items,
        resourceVersion: body.metadata?.resourceVersion ?? '',
        continue: body.metadata?.continue || undefined,
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
      return watchStream<T>(transport, path, query, signal);
    },
  };
}

async function* watchStream<T extends KubeObject>(
  transport: Requester,
  path: string,
  query: Query,
  signal: AbortSignal,
): AsyncGenerator<WatchEvent<T>> {
  const res = await transport.request(path, query, { signal });
  try {
    if (!isSuccess(res)) throw await responseError(res);
    const decoder = new StringDecoder('utf8');
    let pending = '';
    for await (const chunk of res) {
      pending += decoder.write(chunk as Buffer);
      let start = 0;
      let nl: number;
      while ((nl = pending.indexOf('\n', start)) !== -1) {
        const line = pending.slice(start, nl);
        start = nl + 1;
        if (line.trim() !== '') yield parseEvent<T>(line);
      }
      pending = start === 0 ? pending : pending.slice(start);
    }
    pending += decoder.end();
    if (!res.complete) throw new Error(`watch ${path}: the stream was cut off`);
    if (pending.trim() !== '') {
      // A server ends a stream between objects; anything else is a truncated object.
      throw new Error(`watch ${path}: the stream ended inside an event`);
    }
  } finally {
    // Early exit (break, abort, error): release the socket now instead of draining it.
    if (!res.complete) res.destroy();
  }
}

function parseEvent<T extends KubeObject>(line: string): WatchEvent<T> {
  let event: { type?: unknown; object?: unknown };
  try {
    event = JSON.parse(line);
  } catch {
    throw new Error('malformed watch event: not valid JSON');
  }
  if (
    typeof event !== 'object' ||
    event === null ||
    typeof event.type !== 'string' ||
    !WATCH_EVENT_TYPES.has(event.type) ||
    typeof event.object !== 'object' ||
    event.object === null
  ) {
    throw new Error('malformed watch event: expected {type, object}');
  }
  return event as WatchEvent<T>;
}
