/**
 * types: the public contracts of the Kubernetes-protocol test API server. Tests, benchmarks
 * and the demo program against these; the implementation lives in server.ts and its helpers.
 */

/** TestServerOptions configure startTestServer; every field is optional. */
export interface TestServerOptions {
  /** HTTPS with a generated CA (default true). `false` serves plain HTTP. */
  tls?: boolean;
  /** Port to listen on at 127.0.0.1 (default 0: ephemeral). */
  port?: number;
  /** Server-side cap on a request's `limit` (default 500). */
  pageLimitMax?: number;
  /**
   * LISTs from the watch cache (default true). `false` is kube-apiserver with
   * `--watch-cache=false`: every LIST is read from etcd, so `resourceVersion=0` with a `limit`
   * pages at the current revision (watches are still served by the watch cache here).
   */
  watchCache?: boolean;
  /**
   * Deprecated alias of watchCacheMaxEvents: how many past events per resource the watch cache
   * keeps at most; a watch from an older resourceVersion gets 410 Expired.
   */
  historyWindow?: number;
  /** Watch cache: events younger than this are kept (default 75000 ms, the cacher's eventFreshDuration). */
  watchCacheWindowMs?: number;
  /** Watch cache: nothing is evicted below this many events per resource (default 100). */
  watchCacheMinEvents?: number;
  /** Watch cache: at most this many events per resource (default 102400; `historyWindow` if set). */
  watchCacheMaxEvents?: number;
  /** etcd: versions older than this are compacted; exact reads and continue tokens then get 410 (default 300000 ms). */
  compactionWindowMs?: number;
  /**
   * etcd progress notifications: how often every watch cache learns etcd's current revision
   * without an event of its own (default 600000 ms, etcd's default; 0: never). Bookmarks on a
   * quiet resource come no more often than this.
   */
  progressNotifyIntervalMs?: number;
  /** How often the bookmark timer runs for watches with allowWatchBookmarks=true (default 60000 ms); a bookmark is sent only if the cache's version moved. */
  bookmarkIntervalMs?: number;
  /** How long a read of a future resourceVersion waits before its 504 (default 3000 ms, as the real server). */
  tooLargeWaitMs?: number;
  /** A watcher with more than this many unsent bytes is closed as too slow (default 4 MiB). */
  watchBufferBytes?: number;
  /** Events are deleted this long after their last write (default 3600000 ms). */
  eventTtlMs?: number;
  /** Clock for timestamps, table ages and event TTL (default Date.now). */
  now?: () => number;
  /** Seed for uids and generated names (default: random). */
  seed?: number;
  /**
   * Watch-list support (default `enabled`, as 1.34+). `disabled` is a 1.27-1.33 server with the
   * WatchList gate off: a watch with sendInitialEvents gets 422. `ignored` is a server that
   * predates the parameters (or a proxy that drops them): sendInitialEvents and
   * resourceVersionMatch are ignored, so the request is a plain watch (synthetic ADDEDs for "",
   * never an initial-events-end bookmark).
   */
  watchList?: 'enabled' | 'disabled' | 'ignored';
  /** Require authentication and RBAC (default true). `false`: everyone may do everything. */
  authorize?: boolean;
}

/** RbacRule is one additive permission; `namespaces` omitted means cluster-wide. */
export interface RbacRule {
  verbs: string[] | '*';
  resources: string[] | '*';
  namespaces?: string[];
}

/** WatchFilter selects open watches for a fault: by resource plural and/or user name. */
export interface WatchFilter {
  resource?: string;
  user?: string;
}

/**
 * FailFault is an injected failure for the next matching API requests. `'trickle'` answers 200
 * and the head of an empty List, then one space (valid JSON whitespace) every `tickMs` (default
 * 100) forever: never silent long enough for a body idle timeout, never done.
 */
export interface FailFault {
  status: 429 | 500 | 503 | 401 | 403 | 'trickle';
  retryAfterSeconds?: number;
  tickMs?: number;
  match?: { verb?: 'list' | 'watch'; resource?: string };
}

/** Faults injects failures into live and upcoming requests. */
export interface Faults {
  /** dropWatches destroys matching watch sockets abruptly; returns how many. */
  dropWatches(filter?: WatchFilter): number;
  /** closeWatches ends matching watch responses cleanly (like the server's timeout). */
  closeWatches(filter?: WatchFilter): number;
  /** stallWatches makes matching watches send nothing, ever (no bytes, no close). */
  stallWatches(filter?: WatchFilter): number;
  /** failNext makes the next `n` matching API requests fail with `fault.status`. */
  failNext(n: number, fault: FailFault): void;
  /**
   * compact forgets all history in both layers: any watch, exact read or continue token from a
   * resourceVersion older than the current one gets 410. Like a compaction on a busy cluster, it
   * also advances the global resourceVersion by one (as an unrelated write would).
   */
  compact(): void;
  /** compactEtcd compacts etcd only: exact reads and continue tokens from older versions get 410; watches still resume. */
  compactEtcd(): void;
  /**
   * expireWatchCache lets the watch cache's window pass (for one resource plural, or all) after
   * an unrelated write: a watch from an older version gets 410 while etcd still serves exact
   * reads at it.
   */
  expireWatchCache(resource?: string): void;
  /**
   * restartWatchCache is an apiserver restart or failover: every open watch ends, and every
   * watch cache starts over, empty, after an unrelated write (as lease renewals make on a real
   * cluster), so every re-watch gets 410 while etcd still holds its version. Returns how many
   * watches ended.
   */
  restartWatchCache(): number;
  /** progressNotify makes every watch cache current at etcd's revision (an etcd progress notification). */
  progressNotify(): void;
  /** forbidWatch answers 403 to every WATCH of `resource` (LIST stays allowed) until the returned function is called. */
  forbidWatch(resource: string): () => void;
  /** overflowWatches closes matching watches as the server closes a slow watcher whose buffer filled. */
  overflowWatches(filter?: WatchFilter): number;
  /** sendWatchError410 sends an ERROR 410 Expired event on matching watches, then closes them. */
  sendWatchError410(filter?: WatchFilter): number;
  /**
   * restart closes the listener and every socket, then listens on the same port, same state.
   * With `reinitWatchCache`, it is a real apiserver restart: the watch caches start over too.
   */
  restart(opts?: { reinitWatchCache?: boolean }): Promise<void>;
}

/** ServerCounters count server-side decisions a test cannot see on the wire. */
export interface ServerCounters {
  /** Watches closed because their buffer filled. */
  slowWatchersClosed: number;
}

/** RequestRecord is one entry of the request log. */
export interface RequestRecord {
  method: string;
  path: string;
  query: Record<string, string>;
  /** Kubernetes verb: list, watch, get, create, update, patch, delete; or the HTTP method lower-cased for non-resource paths. */
  verb: string;
  resource?: string;
  namespace?: string;
  name?: string;
  /** Authenticated user name, `system:anonymous` when none. */
  user: string;
  /** HTTP status; 0 until the response head is written. */
  status: number;
  /** `now()` at arrival. */
  time: number;
}

/** KubeconfigOptions choose the identity written into a kubeconfig. */
export interface KubeconfigOptions {
  user: string;
  /** Bearer token; if neither token nor clientCert is given, the user's registered token is used (one is created if needed). */
  token?: string;
  clientCert?: { certPem: string; keyPem: string };
  /** Context name (default `kube-events-test`); also names the cluster entry. */
  contextName?: string;
  namespace?: string;
}

/** TestServer is a running in-process API server plus its control surface. */
export interface TestServer {
  readonly url: string;
  /** CA certificate (PEM) to trust; empty when tls is false. */
  readonly caPem: string;
  readonly port: number;
  addTokenUser(name: string, token: string, groups?: string[]): void;
  /** issueClientCert returns a client certificate signed by the CA: CN=name, O=groups. */
  issueClientCert(name: string, groups?: string[]): { certPem: string; keyPem: string };
  allow(user: string, rule: RbacRule): void;
  grantAll(user: string): void;
  create<T>(obj: T): T;
  update<T>(obj: T): T;
  apply<T>(obj: T): T;
  delete(apiVersion: string, kind: string, namespace: string | undefined, name: string): void;
  get(apiVersion: string, kind: string, namespace: string | undefined, name: string): object | undefined;
  list(apiVersion: string, kind: string, namespace?: string): object[];
  currentResourceVersion(): string;
  /** expireEvents deletes events whose TTL has passed by `now()`; returns how many. Also runs on a timer. */
  expireEvents(): number;
  readonly faults: Faults;
  readonly counters: Readonly<ServerCounters>;
  readonly requests: ReadonlyArray<RequestRecord>;
  clearRequests(): void;
  kubeconfig(opts: KubeconfigOptions): string;
  stop(): Promise<void>;
}
