/**
 * types: the object and wire contracts the cache engine is written against. They mirror the
 * Kubernetes API's own shapes (ObjectMeta, List, WatchEvent, Status) and nothing more, so the
 * engine can be fed by any source: the real API over HTTP (src/kube) or a fake in tests.
 */

/** OwnerReference is the subset of metav1.OwnerReference the engine reads. */
export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

/** ObjectMeta is the subset of metav1.ObjectMeta the engine reads; other fields pass through. */
export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  managedFields?: unknown[];
  [key: string]: unknown;
}

/** KubeObject is any Kubernetes object: typed metadata, everything else opaque. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  [key: string]: unknown;
}

/** Status is metav1.Status, the body of API errors and of watch ERROR events. */
export interface Status {
  kind: 'Status';
  apiVersion?: string;
  status?: 'Success' | 'Failure';
  message?: string;
  reason?: string;
  code?: number;
  details?: { retryAfterSeconds?: number; [key: string]: unknown };
  metadata?: Record<string, unknown>;
}

/** ListOptions are the query parameters of a LIST request the engine issues. */
export interface ListOptions {
  /** `"0"` to be served from the watch cache, `""` for a quorum read. */
  resourceVersion?: string;
  resourceVersionMatch?: 'NotOlderThan' | 'Exact';
  limit?: number;
  continue?: string;
}

/** ListPage is one page of a LIST response. */
export interface ListPage<T extends KubeObject = KubeObject> {
  items: T[];
  /** The list's metadata.resourceVersion. */
  resourceVersion: string;
  /** metadata.continue; empty or absent on the last page. */
  continue?: string;
  /**
   * True when `items` already went through the `transform` given to `list` (applied to each item
   * as it was decoded). Absent or false: the caller applies it to the page itself.
   */
  transformed?: boolean;
}

/** WatchOptions are the query parameters of a WATCH request the engine issues. */
export interface WatchOptions {
  resourceVersion: string;
  allowWatchBookmarks: boolean;
  timeoutSeconds: number;
  sendInitialEvents?: boolean;
  resourceVersionMatch?: 'NotOlderThan';
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

/** WatchEvent is one line of a watch stream. `object` is a Status when `type` is ERROR. */
export type WatchEvent<T extends KubeObject = KubeObject> =
  { type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK'; object: T } | { type: 'ERROR'; object: Status };

/**
 * ListerWatcher is what a Reflector needs from a source of one kind (in one scope: all
 * namespaces, or one namespace).
 *
 * `list` resolves with one page or rejects with an ApiError (or any Error for transport
 * failures). `transform`, when given, may be applied to each item as it is decoded, so that a
 * page's raw items are never all held at once; a page says so with `transformed: true` (a source
 * that ignores it, e.g. a wrapper that does not pass it on, leaves it to the caller). `watch` yields the stream's events in order; the iteration ends normally when the
 * server closes the stream, and throws on transport errors. Both must stop promptly, releasing
 * their socket, when `signal` aborts (rejecting/throwing is fine then; the caller ignores it).
 */
export interface ListerWatcher<T extends KubeObject = KubeObject> {
  list(options: ListOptions, signal: AbortSignal, transform?: (obj: T) => T): Promise<ListPage<T>>;
  watch(options: WatchOptions, signal: AbortSignal): AsyncIterable<WatchEvent<T>>;
}
