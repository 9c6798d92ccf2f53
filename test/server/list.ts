/**
 * list: LIST semantics. Pages with `limit`/`continue` over a consistent snapshot (the state at
 * the first page's resourceVersion, rebuilt from history), `resourceVersion` /
 * `resourceVersionMatch` as the real server interprets them, and field/label selectors.
 */
import type { ResourceKind } from '../../src/core/kinds';
import type { Store } from './store';
import type { StoredObject } from './storedObject';
import { parseFieldSelector } from './fieldSelector';
import { parseLabelSelector } from './labelSelector';
import {
  badRequest,
  CONTINUE_EXPIRED_MESSAGE,
  expired,
  invalidListOptions,
  tooLargeResourceVersion,
  tooOldMessage,
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

/** listPage answers a LIST request for kind `k`, throwing ApiError for bad or expired requests. */
export function listPage(
  store: Store,
  k: ResourceKind,
  namespace: string | undefined,
  query: URLSearchParams,
  pageLimitMax: number,
): ListResult {
  const storage = store.storageOf(k);
  const current = store.currentRv();
  const predicate = predicateOf(k, query);
  const rvParam = query.get('resourceVersion') ?? '';
  const match = query.get('resourceVersionMatch') ?? '';
  const limitParam = query.get('limit');
  let limit = 0;
  if (limitParam !== null && limitParam !== '') {
    if (!/^-?\d+$/.test(limitParam)) throw badRequest(`invalid limit: ${limitParam}`);
    limit = Math.max(0, Number(limitParam));
  }
  if (limit > 0) limit = Math.min(limit, pageLimitMax);
  if (match && !['NotOlderThan', 'Exact'].includes(match)) {
    throw invalidListOptions('resourceVersionMatch', match, 'supported values: "Exact", "NotOlderThan"');
  }
  if (match && !rvParam) {
    throw invalidListOptions(
      'resourceVersionMatch',
      match,
      'resourceVersionMatch is forbidden unless resourceVersion is provided',
    );
  }
  if (match === 'Exact' && rvParam === '0') {
    throw invalidListOptions(
      'resourceVersionMatch',
      match,
      'resourceVersionMatch "exact" is forbidden for resourceVersion "0"',
    );
  }

  let snapshotRv = current;
  let after: string | undefined;
  const token = query.get('continue');
  if (token) {
    if (rvParam && rvParam !== '0')
      throw badRequest('specifying resource version is not allowed when using continue');
    const c = decodeContinue(token);
    if (storage.isExpired(c.rv) || c.rv > current) throw expired(CONTINUE_EXPIRED_MESSAGE);
    snapshotRv = c.rv;
    after = c.after;
  } else if (rvParam && rvParam !== '0') {
    const n = parseRv(rvParam);
    if (n > current) throw tooLargeResourceVersion(n, current);
    if (match === 'Exact' || (!match && limit > 0)) {
      if (storage.isExpired(n)) throw expired(tooOldMessage(n, storage.compactedRv));
      snapshotRv = n;
    }
  }

  const overlay = storage.overlayAt(snapshotRv);
  const prefix = prefixOf(k, namespace);
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
