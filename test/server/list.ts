/**
 * list: LIST semantics over the two layers. The watch cache answers `resourceVersion=0` and
 * "not older than" reads with its whole current state (no pages); etcd answers exact reads and
 * pages with `limit`/`continue` over a consistent snapshot (the state at the first page's
 * resourceVersion, rebuilt from history) until it is compacted. Field and label selectors apply
 * to both.
 */
import type { ResourceKind } from '../../src/core/kinds';
import type { Store } from './store';
import type { Overlay } from './storage';
import type { StoredObject } from './storedObject';
import type { WatchCache } from './watchCache';
import { parseFieldSelector } from './fieldSelector';
import { parseLabelSelector } from './labelSelector';
import { shouldDelegateList, validateListOptions, type ListParams, type ListRoute } from './listRouting';
import {
  badRequest,
  CONTINUE_EXPIRED_MESSAGE,
  expired,
  LIST_EXPIRED_MESSAGE,
  tooLargeResourceVersion,
} from './status';
import type { Predicate } from './watch';

/** ListResult is one page: items in key order, the snapshot rv, and paging metadata. */
export interface ListResult {
  items: StoredObject[];
  resourceVersion: number;
  continue?: string;
  remainingItemCount?: number;
}

interface ContinueToken {
  rv: number;
  after: string;
}

/** encodeContinue makes the opaque token: base64url JSON `{"v":"meta.k8s.io/v1","rv":N,"start":"key\u0000"}`. */
export function encodeContinue(rv: number, lastKey: string): string {
  return Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv, start: lastKey + '\0' })).toString(
    'base64url',
  );
}

function decodeContinue(token: string): ContinueToken {
  let parsed: { v?: unknown; rv?: unknown; start?: unknown };
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw badRequest('continue key is not valid: illegal base64 data');
  }
  if (parsed.v !== 'meta.k8s.io/v1')
    throw badRequest('continue key is not valid: server does not recognize this encoded key');
  if (typeof parsed.rv !== 'number' || parsed.rv <= 0)
    throw badRequest(
      'continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)',
    );
  if (typeof parsed.start !== 'string' || !parsed.start.endsWith('\0'))
    throw badRequest('continue key is not valid: encoded start key is not valid');
  return { rv: parsed.rv, after: parsed.start.slice(0, -1) };
}

/** parseRv parses a non-empty resourceVersion parameter; throws 400 when it is not a number. */
export function parseRv(rv: string): number {
  if (!/^\d+$/.test(rv)) throw badRequest(`invalid resource version: ${rv}`);
  return Number(rv);
}

/** predicateOf builds the selector predicate of a LIST or WATCH (throws 400 on bad selectors). */
export function predicateOf(k: ResourceKind, query: URLSearchParams): Predicate | undefined {
  const field = parseFieldSelector(query.get('fieldSelector') ?? undefined, k);
  const label = parseLabelSelector(query.get('labelSelector') ?? undefined);
  if (!field && !label) return undefined;
  return (o) => (!field || field(o.obj)) && (!label || label(o.obj.metadata.labels));
}

/** prefixOf is the key prefix selecting one namespace ('' for all). */
export function prefixOf(k: ResourceKind, namespace: string | undefined): string {
  return k.namespaced && namespace !== undefined ? `${namespace}/` : '';
}

/** ListConfig: what listPage needs besides the request. */
export interface ListConfig {
  pageLimitMax: number;
  /** false: no watch cache (`--watch-cache=false`), every LIST is an etcd read. */
  watchCache: boolean;
  /** How long a "not older than" read waits for a version from the future before its 504 (real: 3 s). */
  tooLargeWaitMs: number;
}

function parseLimit(limitParam: string | null, pageLimitMax: number): number {
  let limit = 0;
  if (limitParam !== null && limitParam !== '') {
    if (!/^-?\d+$/.test(limitParam)) throw badRequest(`invalid limit: ${limitParam}`);
    limit = Math.max(0, Number(limitParam));
  }
  return limit > 0 ? Math.min(limit, pageLimitMax) : 0;
}

/**
 * listPage answers a LIST request for kind `k` from the layer the cacher would use
 * (listRouting.ts), throwing ApiError for bad, expired or too-new requests. The watch cache
 * answers with its whole current state, unpaginated, at its own resourceVersion; etcd answers
 * exact reads and pages.
 */
export async function listPage(
  store: Store,
  k: ResourceKind,
  namespace: string | undefined,
  query: URLSearchParams,
  cfg: ListConfig,
): Promise<ListResult> {
  const params: ListParams = {
    resourceVersion: query.get('resourceVersion') ?? '',
    resourceVersionMatch: query.get('resourceVersionMatch') ?? '',
    limit: parseLimit(query.get('limit'), cfg.pageLimitMax),
    continueToken: query.get('continue') ?? '',
    sendInitialEvents: query.get('sendInitialEvents'),
  };
  validateListOptions(params);
  const predicate = predicateOf(k, query);
  const route = cfg.watchCache ? shouldDelegateList(params) : etcdRouteOf(params);
  const prefix = prefixOf(k, namespace);
  if (route.layer === 'cache') {
    const cache = store.cacheOf(k);
    if (route.read === 'notOlderThan') await waitFresh(store, cache, parseRv(params.resourceVersion), cfg);
    return scanPage(store, k, new Map(), prefix, undefined, predicate, 0, cache.rv);
  }
  return etcdPage(store, k, params, route.read, prefix, predicate);
}

/**
 * etcdRouteOf routes a LIST on a server without a watch cache: reads that the cache would answer
 * ("0", or not older than N) are read from etcd at its current revision, as the etcd3 storage
 * does, and page with `limit`.
 */
function etcdRouteOf(p: ListParams): ListRoute {
  const route = shouldDelegateList(p);
  return route.layer === 'etcd' ? route : { layer: 'etcd', read: 'quorum' };
}

/**
 * waitFresh makes the watch cache current at `rv` or later, as the cacher's waitUntilFreshAndBlock:
 * a version etcd already has is reached at once (the cacher asks etcd for a progress
 * notification); a version from the future is waited for up to `tooLargeWaitMs`, then 504.
 */
export async function waitFresh(store: Store, cache: WatchCache, rv: number, cfg: ListConfig): Promise<void> {
  const deadline = Date.now() + cfg.tooLargeWaitMs;
  while (store.currentRv() < rv && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, Math.min(50, Math.max(1, deadline - Date.now()))));
  }
  if (store.currentRv() < rv) throw tooLargeResourceVersion(rv, cache.rv);
  if (cache.rv < rv) store.progressNotify();
}

function etcdPage(
  store: Store,
  k: ResourceKind,
  p: ListParams,
  read: 'exact' | 'continue' | 'quorum',
  prefix: string,
  predicate: Predicate | undefined,
): ListResult {
  const etcd = store.etcd;
  const current = etcd.currentRv();
  let snapshotRv = current;
  let after: string | undefined;
  if (read === 'continue') {
    if (p.resourceVersion && p.resourceVersion !== '0')
      throw badRequest('specifying resource version is not allowed when using continue');
    const c = decodeContinue(p.continueToken);
    if (c.rv > current || etcd.isCompacted(c.rv)) throw expired(CONTINUE_EXPIRED_MESSAGE);
    snapshotRv = c.rv;
    after = c.after;
  } else if (read === 'exact') {
    const n = parseRv(p.resourceVersion);
    if (n > current) throw tooLargeResourceVersion(n, current);
    if (etcd.isCompacted(n)) throw expired(LIST_EXPIRED_MESSAGE);
    snapshotRv = n;
  }
  const storage = store.storageOf(k);
  return scanPage(store, k, storage.overlayAt(snapshotRv), prefix, after, predicate, p.limit, snapshotRv);
}

function scanPage(
  store: Store,
  k: ResourceKind,
  overlay: Overlay,
  prefix: string,
  after: string | undefined,
  predicate: Predicate | undefined,
  limit: number,
  snapshotRv: number,
): ListResult {
  const storage = store.storageOf(k);
  const it = storage.scan(overlay, prefix, after);
  const items: StoredObject[] = [];
  let lastKey: string | undefined;
  for (let r = it.next(); !r.done; r = it.next()) {
    lastKey = r.value.key;
    if (predicate && !predicate(r.value)) continue;
    items.push(r.value);
    if (limit > 0 && items.length >= limit) break;
  }
  const result: ListResult = { items, resourceVersion: snapshotRv };
  if (limit > 0 && items.length >= limit && lastKey !== undefined) {
    const remaining = predicate ? (it.next().done ? 0 : 1) : storage.countAfter(overlay, prefix, lastKey);
    if (remaining > 0) {
      result.continue = encodeContinue(snapshotRv, lastKey);
      if (!predicate) result.remainingItemCount = remaining;
    }
  }
  return result;
}
