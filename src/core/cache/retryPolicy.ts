import { type Backoff } from '../util/backoff';
import {
  ApiError,
  isConnectionRefused,
  isForbidden,
  isTooManyRequests,
  isUnauthorized,
  retryAfterMs,
} from './errors';

/** RetryKind is how a failure is reported: forbidden and unauthorized are told apart. */
export type RetryKind = 'retrying' | 'forbidden' | 'unauthorized';

/**
 * retryFor is the reflector's wait after a failure, and how to report it: 403 waits the
 * backoff's maximum step (RBAC may change, but not often); anything else the next backoff
 * step; 429 and 5xx wait at least the server's Retry-After, made sane by retryAfterMs (never
 * below the backoff, never above RETRY_AFTER_MAX_MS). So no answer can make a hot loop.
 */
export function retryFor(err: unknown, backoff: Backoff): { kind: RetryKind; delay: number } {
  if (isForbidden(err)) return { kind: 'forbidden', delay: backoff.maxMs };
  let delay = backoff.next();
  if (err instanceof ApiError && (isTooManyRequests(err) || err.code >= 500)) {
    delay = Math.max(delay, retryAfterMs(err) ?? 0);
  }
  return { kind: isUnauthorized(err) ? 'unauthorized' : 'retrying', delay };
}

/**
 * isRetriableWatchError: a watch failure after which the reflector re-watches from its last
 * resourceVersion without relisting. client-go's isWatchErrorRetriable (connection refused,
 * 429), plus any 5xx, which says the server is struggling, not that our resourceVersion is
 * wrong: re-watching from it is correct (a too-old version still gets its 410) and spares the
 * server a relist. (client-go re-watches after a 500 too when MaxInternalErrorRetryDuration is
 * set.) `fromEvent`: the error came as a watch ERROR event rather than a failed request.
 */
export function isRetriableWatchError(err: unknown, fromEvent: boolean): boolean {
  if (isTooManyRequests(err)) return true;
  if (err instanceof ApiError) return err.code >= 500 && err.code <= 599;
  return !fromEvent && isConnectionRefused(err);
}
