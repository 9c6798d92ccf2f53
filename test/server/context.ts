/**
 * context: what the request handlers share: the state, identities, policy, fault queue, open
 * watches and the request log. Built by server.ts, one per TestServer.
 */
import type { Authenticator, Rbac } from './auth';
import type { FailQueue } from './failQueue';
import type { Store } from './store';
import type { RequestRecord } from './types';
import type { WatchSession } from './watch';

export interface ServerContext {
  readonly store: Store;
  readonly authn: Authenticator;
  readonly rbac: Rbac;
  readonly authorize: boolean;
  readonly failQueue: FailQueue;
  readonly watches: Set<WatchSession>;
  readonly requests: RequestRecord[];
  readonly now: () => number;
  readonly pageLimitMax: number;
  readonly bookmarkIntervalMs: number;
  /** host:port the server is reachable at. */
  address(): string;
}
