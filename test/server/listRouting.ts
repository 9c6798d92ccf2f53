/**
 * listRouting: which layer serves a LIST, as kube-apiserver 1.32's cacher decides it
 * (`shouldDelegateList` in k8s.io/apiserver pkg/storage/cacher), after the request passed
 * apimachinery's `ValidateListOptions`:
 *
 * | resourceVersionMatch | resourceVersion | limit | continue | served by                          |
 * |----------------------|-----------------|-------|----------|------------------------------------|
 * | Exact                | N               | any   | -        | etcd, exact read at N              |
 * | NotOlderThan         | 0 or N          | any   | -        | watch cache (ignores limit)        |
 * | (none)               | any             | any   | token    | etcd, at the token's version       |
 * | (none)               | N (not "0")     | > 0   | -        | etcd, exact read at N ("legacy")   |
 * | (none)               | ""              | any   | -        | quorum read (see below)            |
 * | (none)               | 0 or N          | none  | -        | watch cache: 0 = any, N = not older|
 * | (none)               | 0               | > 0   | -        | watch cache (ignores limit)        |
 *
 * A quorum read (`resourceVersion=""`) is the current state at etcd's current revision. 1.31+
 * (ConsistentListFromCache) may answer it from the watch cache after a progress request; the
 * answer is the same, and this server serves it from etcd so that `limit` pages as it did before.
 */
import { invalidListOptions } from './status';

/** ListRoute says which layer answers and how. */
export type ListRoute =
  { layer: 'etcd'; read: 'exact' | 'continue' | 'quorum' } | { layer: 'cache'; read: 'any' | 'notOlderThan' };

/** ListParams are the list options that routing and validation read. */
export interface ListParams {
  resourceVersion: string;
  resourceVersionMatch: string;
  limit: number;
  continueToken: string;
  sendInitialEvents: string | null;
}

/** validateListOptions rejects what apimachinery's ValidateListOptions rejects for a LIST (422). */
export function validateListOptions(p: ListParams): void {
  const match = p.resourceVersionMatch;
  if (match) {
    if (!p.resourceVersion) {
      throw invalidListOptions(
        'resourceVersionMatch',
        match,
        'resourceVersionMatch is forbidden unless resourceVersion is provided',
      );
    }
    if (p.continueToken) {
      throw invalidListOptions(
        'resourceVersionMatch',
        match,
        'resourceVersionMatch is forbidden when continue is provided',
      );
    }
    if (match !== 'Exact' && match !== 'NotOlderThan') {
      throw invalidListOptions(
        'resourceVersionMatch',
        match,
        'supported values: "Exact", "NotOlderThan", ""',
      );
    }
    if (match === 'Exact' && p.resourceVersion === '0') {
      throw invalidListOptions(
        'resourceVersionMatch',
        match,
        'resourceVersionMatch "exact" is forbidden for resourceVersion "0"',
      );
    }
  }
  if (p.sendInitialEvents !== null) {
    throw invalidListOptions(
      'sendInitialEvents',
      p.sendInitialEvents,
      'sendInitialEvents is forbidden for list',
    );
  }
}

/** shouldDelegateList routes a validated LIST to etcd or to the watch cache. */
export function shouldDelegateList(p: ListParams): ListRoute {
  const rv = p.resourceVersion;
  switch (p.resourceVersionMatch) {
    case 'Exact':
      return { layer: 'etcd', read: 'exact' };
    case 'NotOlderThan':
      return { layer: 'cache', read: rv === '0' ? 'any' : 'notOlderThan' };
    default:
      if (p.continueToken) return { layer: 'etcd', read: 'continue' };
      if (p.limit > 0 && rv !== '' && rv !== '0') return { layer: 'etcd', read: 'exact' };
      if (rv === '') return { layer: 'etcd', read: 'quorum' };
      return { layer: 'cache', read: rv === '0' ? 'any' : 'notOlderThan' };
  }
}
