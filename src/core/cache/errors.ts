import type { Status } from './types';
import { redactSecrets } from '../text/redact';

/**
 * ApiError is a failed API request: the HTTP status code, the Status body's reason and
 * message, and the server's Retry-After advice when it gave one. Transport failures (refused,
 * reset, TLS) are plain Errors with a Node `code`, not ApiErrors.
 */
export class ApiError extends Error {
  readonly code: number;
  readonly reason: string;
  /** The server's advice, unchecked (may be negative, NaN, huge): read it via retryAfterMs(). */
  readonly retryAfterSeconds: number | undefined;
  /** The `type` of each of the Status's details.causes (e.g. ResourceVersionTooLarge). */
  readonly causes: readonly string[];

  constructor(
    code: number,
    reason: string,
    message: string,
    retryAfterSeconds?: number,
    causes: readonly string[] = [],
  ) {
    super(message || `${code} ${reason}`);
    this.name = 'ApiError';
    this.code = code;
    this.reason = reason;
    this.retryAfterSeconds = retryAfterSeconds;
    this.causes = causes;
  }

  /** fromStatus builds an ApiError from a Status body (a failed response or a watch ERROR). */
  static fromStatus(status: Partial<Status>, httpCode?: number, retryAfterHeader?: string | null): ApiError {
    const code = typeof status.code === 'number' ? status.code : (httpCode ?? 500);
    const headerSeconds = retryAfterHeader ? Number.parseInt(retryAfterHeader, 10) : Number.NaN;
    const bodySeconds = status.details?.retryAfterSeconds;
    const retry = Number.isFinite(headerSeconds)
      ? headerSeconds
      : typeof bodySeconds === 'number'
        ? bodySeconds
        : undefined;
    const rawCauses = status.details?.causes;
    const causes = Array.isArray(rawCauses)
      ? rawCauses
          .slice(0, MAX_CAUSES)
          .map((c: unknown) => (c as { type?: unknown; message?: unknown } | null) ?? {})
          .flatMap((c) => [
            ...(typeof c.type === 'string' ? [c.type] : []),
            ...(c.message === TOO_LARGE_RV_MESSAGE ? [RESOURCE_VERSION_TOO_LARGE] : []),
          ])
      : [];
    const text = (v: unknown): string => (typeof v === 'string' ? v : '');
    return new ApiError(code, text(status.reason), text(status.message), retry, causes);
  }
}

/** MAX_CAUSES: a Status's causes read at most (the rest is ignored). */
const MAX_CAUSES = 16;
/** RESOURCE_VERSION_TOO_LARGE is metav1.CauseTypeResourceVersionTooLarge. */
export const RESOURCE_VERSION_TOO_LARGE = 'ResourceVersionTooLarge';
/** What API servers 1.17.0-1.18.5 (and older, in the message) said instead of the cause. */
const TOO_LARGE_RV_MESSAGE = 'Too large resource version';

/**
 * isTooLargeResourceVersion reports client-go's isTooLargeResourceVersionError: the server's
 * watch cache has not yet reached the resourceVersion asked for (a 504 Timeout with a
 * ResourceVersionTooLarge cause, or the older servers' message). The reflector then relists at "".
 */
export function isTooLargeResourceVersion(err: unknown): boolean {
  if (!(err instanceof ApiError)) return false;
  if (err.causes.includes(RESOURCE_VERSION_TOO_LARGE)) return true;
  return (err.code === 504 || err.reason === 'Timeout') && err.message.includes(TOO_LARGE_RV_MESSAGE);
}

/** RETRY_AFTER_MAX_MS: the longest Retry-After honoured (5 minutes); longer advice is capped. */
export const RETRY_AFTER_MAX_MS = 5 * 60_000;

/**
 * retryAfterMs is the server's Retry-After advice of `err` in ms, made safe: undefined when
 * there is none or it is not a finite number >= 0 (NaN, negative, a string...), capped at
 * RETRY_AFTER_MAX_MS when huge. Callers wait max(this, their backoff), so 0 never means "now".
 */
export function retryAfterMs(err: unknown): number | undefined {
  if (!(err instanceof ApiError)) return undefined;
  const s = err.retryAfterSeconds;
  if (typeof s !== 'number' || !Number.isFinite(s) || s < 0) return undefined;
  return Math.min(s * 1000, RETRY_AFTER_MAX_MS);
}

/** isGone reports a 410 / Expired / Gone error: the resourceVersion is too old; relist. */
export function isGone(err: unknown): boolean {
  return err instanceof ApiError && (err.code === 410 || err.reason === 'Expired' || err.reason === 'Gone');
}

/** isTimeout reports a 504 / Timeout: the server gave up waiting (e.g. for its watch cache). */
export function isTimeout(err: unknown): boolean {
  return err instanceof ApiError && (err.code === 504 || err.reason === 'Timeout');
}

/**
 * isConnectionRefused reports a transport failure where nothing accepted the connection
 * (client-go's utilnet.IsConnectionRefused): the server is likely restarting, so the reflector
 * re-watches from where it was instead of relisting.
 */
export function isConnectionRefused(err: unknown): boolean {
  return (
    !(err instanceof ApiError) &&
    err instanceof Error &&
    (err as NodeJS.ErrnoException).code === 'ECONNREFUSED'
  );
}

/** isForbidden reports a 403: retrying with the same credentials will not help. */
export function isForbidden(err: unknown): boolean {
  return err instanceof ApiError && err.code === 403;
}

/** isUnauthorized reports a 401: the credential must be refreshed. */
export function isUnauthorized(err: unknown): boolean {
  return err instanceof ApiError && err.code === 401;
}

/** isTooManyRequests reports a 429 (or a 5xx with Retry-After): wait at least retryAfterSeconds. */
export function isTooManyRequests(err: unknown): boolean {
  return err instanceof ApiError && err.code === 429;
}

/** errorMessage gives a one-line, credential-free description of any thrown value. */
export function errorMessage(err: unknown): string {
  // Redacted here, at the source of every status and retry log: a server or proxy may echo a
  // token or a password in its error body (issue 11).
  return redactSecrets(rawErrorMessage(err));
}

function rawErrorMessage(err: unknown): string {
  if (err instanceof ApiError) {
    return `${err.code}${err.reason ? ` ${err.reason}` : ''}: ${err.message}`;
  }
  if (err instanceof Error) {
    const code = (err as NodeJS.ErrnoException).code;
    return code && !err.message.includes(code) ? `${code}: ${err.message}` : err.message;
  }
  return String(err);
}
