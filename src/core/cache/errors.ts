import type { Status } from './types';

/**
 * ApiError is a failed API request: the HTTP status code, the Status body's reason and
 * message, and the server's Retry-After advice when it gave one. Transport failures (refused,
 * reset, TLS) are plain Errors with a Node `code`, not ApiErrors.
 */
export class ApiError extends Error {
  readonly code: number;
  readonly reason: string;
  readonly retryAfterSeconds: number | undefined;

  constructor(code: number, reason: string, message: string, retryAfterSeconds?: number) {
    super(message || `${code} ${reason}`);
    this.name = 'ApiError';
    this.code = code;
    this.reason = reason;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** fromStatus builds an ApiError from a Status body (a failed response or a watch ERROR). */
  static fromStatus(status: Partial<Status>, httpCode?: number, retryAfterHeader?: string | null): ApiError {
    const code = status.code ?? httpCode ?? 500;
    const headerSeconds = retryAfterHeader ? Number.parseInt(retryAfterHeader, 10) : Number.NaN;
    const retry = Number.isFinite(headerSeconds) ? headerSeconds : status.details?.retryAfterSeconds;
    return new ApiError(code, status.reason ?? '', status.message ?? '', retry);
  }
}

/** isGone reports a 410 / Expired / Gone error: the resourceVersion is too old; relist. */
export function isGone(err: unknown): boolean {
  return err instanceof ApiError && (err.code === 410 || err.reason === 'Expired' || err.reason === 'Gone');
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
  if (err instanceof ApiError) {
    return `${err.code}${err.reason ? ` ${err.reason}` : ''}: ${err.message}`;
  }
  if (err instanceof Error) {
    const code = (err as NodeJS.ErrnoException).code;
    return code && !err.message.includes(code) ? `${code}: ${err.message}` : err.message;
  }
  return String(err);
}
