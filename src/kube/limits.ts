/**
 * limits: the budget of every read and wait on the HTTP layer (issue 11). Each bound is an
 * option with a default; every one is enforced in src/kube and has a test in test/unit/kube.
 */

/** TransportLimits are the time and size bounds of requests to one API server. */
export interface TransportLimits {
  /** connectTimeoutMs bounds TCP connect plus the TLS handshake of a new connection. */
  readonly connectTimeoutMs: number;
  /** responseTimeoutMs bounds the wait for the response headers once connected (lists and watch starts). */
  readonly responseTimeoutMs: number;
  /**
   * bodyIdleTimeoutMs bounds a silence inside any body but a watch's (lists, reviews, errors). Watch bodies have none (a
   * quiet watch is legitimate); dead peers there are found by TCP keep-alive.
   */
  readonly bodyIdleTimeoutMs: number;
  /** keepAliveDelayMs is the idle time before the first TCP keep-alive probe on every socket. */
  readonly keepAliveDelayMs: number;
  /**
   * responseDeadlineMs bounds a whole request but a watch's stream, from sending it to the last
   * byte of its body (lists, reviews, errors, also a watch's error body): a server that
   * trickles a byte now and then never trips bodyIdleTimeoutMs, but trips this.
   */
  readonly responseDeadlineMs: number;
}

/** ReadLimits are the size bounds of bodies, counted in decoded (gunzipped) bytes. */
export interface ReadLimits {
  /** maxLineBytes: a watch line (or one list item) longer than this aborts the stream. */
  readonly maxLineBytes: number;
  /**
   * maxObjectBytes: an object larger than this (but under maxLineBytes) is kept with its
   * metadata only and marked with the TRUNCATED_ANNOTATION (see oversize.ts).
   */
  readonly maxObjectBytes: number;
  /** maxErrorBodyBytes: a non-2xx body is read up to this, then the socket is destroyed. */
  readonly maxErrorBodyBytes: number;
  /** maxSmallBodyBytes: a small JSON answer (an access review) larger than this is an error. */
  readonly maxSmallBodyBytes: number;
  /**
   * maxListItems: a LIST response (one page, or the one huge page of a server that ignores
   * `limit`) with more items than this aborts the request. The default is what the reflector
   * accepts from a paginated list (MAX_LIST_PAGES pages of 500), so paging changes nothing.
   */
  readonly maxListItems: number;
}

export const DEFAULT_TRANSPORT_LIMITS: TransportLimits = {
  connectTimeoutMs: 30_000,
  responseTimeoutMs: 30_000,
  bodyIdleTimeoutMs: 30_000,
  keepAliveDelayMs: 30_000,
  // The apiserver ends a non-watch request itself after its --request-timeout (default 60 s);
  // twice that leaves a slow link room for the body of a large list.
  responseDeadlineMs: 120_000,
};

export const DEFAULT_READ_LIMITS: ReadLimits = {
  maxLineBytes: 16 * 1024 * 1024,
  maxObjectBytes: 3 * 1024 * 1024,
  maxErrorBodyBytes: 64 * 1024,
  maxSmallBodyBytes: 1024 * 1024,
  maxListItems: 2_500_000,
};

/** SizeLimitError is a body or line over its cap; the stream it came from is aborted. */
export class SizeLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SizeLimitError';
  }
}

/** TimeoutError is a connect, response or body-idle timeout; the request is aborted. */
export class TimeoutError extends Error {
  readonly code = 'ETIMEDOUT';
  constructor(message: string) {
    super(message);
    this.name = 'TimeoutError';
  }
}

/** formatBytes renders a byte count for error messages (e.g. "16 MiB"). */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${+(n / (1024 * 1024)).toFixed(1)} MiB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} KiB`;
  return `${n} bytes`;
}

/** formatSeconds renders a timeout for error messages (e.g. "30 s", "0.05 s"). */
export function formatSeconds(ms: number): string {
  return `${+(ms / 1000).toFixed(3)} s`;
}
