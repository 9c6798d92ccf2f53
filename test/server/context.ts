/**
 * context: what the request handlers share: the state, identities, policy, fault queue, open
 * watches and the request log. Built by server.ts, one per TestServer.
 */
import type { Authenticator, Rbac } from './auth';
import type { CrdController } from './crds';
import type { FailQueue } from './failQueue';
import type { Store } from './store';
import type { RequestRecord, ServerCounters } from './types';
import type { WatchSession } from './watch';

export interface ServerContext {
  readonly store: Store;
  /** Serves the custom resources of stored CRDs; deletes CRDs (and their instances). */
  readonly crds: CrdController;
  readonly authn: Authenticator;
  readonly rbac: Rbac;
  readonly authorize: boolean;
  readonly failQueue: FailQueue;
  readonly watches: Set<WatchSession>;
  readonly requests: RequestRecord[];
  readonly now: () => number;
  readonly pageLimitMax: number;
  /** LISTs from the watch cache; see TestServerOptions.watchCache. */
  readonly watchCache: boolean;
  readonly bookmarkIntervalMs: number;
  /** How long a read of a future resourceVersion waits before its 504 (real server: 3 s). */
  readonly tooLargeWaitMs: number;
  /** Unsent bytes after which a watcher is closed as too slow. */
  readonly watchBufferBytes: number;
  /** Resources whose WATCH is denied (403) whatever RBAC says, while LIST stays allowed. */
  readonly watchForbidden: Set<string>;
  readonly counters: ServerCounters;
  /** Watch-list support; see TestServerOptions.watchList. */
  readonly watchList: 'enabled' | 'disabled' | 'ignored';
  /** host:port the server is reachable at. */
  address(): string;
}
