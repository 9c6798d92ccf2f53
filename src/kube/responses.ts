/**
 * responses: reading API responses: decoding (gzip), bounded whole bodies (for reviews and
 * errors), Retry-After validation, and turning a non-2xx response into an ApiError built from its
 * Status body (or from the status line when the body is not a Status, e.g. an HTML page from a
 * proxy). Every read here has a byte cap counted on decoded bytes, so a gzip bomb is bounded too.
 */
import type * as http from 'node:http';
import { pipeline } from 'node:stream';
import * as zlib from 'node:zlib';
import { ApiError } from '../core/cache/errors';
import type { Status } from '../core/cache/types';
import { DEFAULT_READ_LIMITS, formatBytes, SizeLimitError } from './limits';

/**
 * GUNZIP_CHUNK_BYTES: a gunzipped body comes in chunks of at most this size (zlib's default is
 * 16 KiB). A list is ~20x its gzipped size once inflated (30 MB for 10k pods + 10k events), and
 * each chunk costs a turn of the reader's loop (scanner push, slicer, async iteration): 64 KiB
 * chunks measured 3-12% less client CPU for the initial sync than 16 KiB (bench/README.md,
 * scenario 1), for 48 KiB more per open body.
 */
export const GUNZIP_CHUNK_BYTES = 64 * 1024;

/**
 * decodedBody is the response body as decoded bytes: gunzipped (as a stream, never whole, in
 * chunks of at most GUNZIP_CHUNK_BYTES) when the server sent `Content-Encoding: gzip`, as is
 * otherwise. Breaking out of the iteration destroys the response. Throws on an encoding we did
 * not ask for.
 */
export function decodedBody(res: http.IncomingMessage): AsyncIterable<Buffer> {
  const encoding = String(res.headers['content-encoding'] ?? '')
    .trim()
    .toLowerCase();
  if (encoding === '' || encoding === 'identity') return res;
  if (encoding !== 'gzip' && encoding !== 'x-gzip') {
    res.destroy();
    throw new Error(`the response has an unsupported Content-Encoding "${encoding.slice(0, 40)}"`);
  }
  const gunzip = zlib.createGunzip({ chunkSize: GUNZIP_CHUNK_BYTES });
  // pipeline destroys the response when the gunzip stream is destroyed (early exit), and the
  // gunzip stream with the response's error (abort, reset), which its reader then sees.
  pipeline(res, gunzip, () => {});
  return gunzip;
}

/** CappedBody is a body read up to a cap: its bytes, and whether more was left unread. */
export interface CappedBody {
  bytes: Buffer;
  truncated: boolean;
}

/**
 * readCapped reads at most `maxBytes` decoded bytes of a body; if there is more, it destroys the
 * response (and with it the socket) and reports `truncated`. Rejects when the response is cut
 * short before `maxBytes`.
 */
export async function readCapped(res: http.IncomingMessage, maxBytes: number): Promise<CappedBody> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of decodedBody(res)) {
    const buf = chunk as Buffer;
    if (length + buf.length > maxBytes) {
      chunks.push(buf.subarray(0, maxBytes - length));
      res.destroy();
      return { bytes: Buffer.concat(chunks, maxBytes), truncated: true };
    }
    chunks.push(buf);
    length += buf.length;
  }
  if (!res.complete) throw new Error('response ended before it was complete');
  return { bytes: Buffer.concat(chunks, length), truncated: false };
}

/**
 * readBody collects a (small) response body as UTF-8; rejects when the response is cut short or
 * when it is larger than `maxBytes` (decoded).
 */
export async function readBody(
  res: http.IncomingMessage,
  maxBytes: number = DEFAULT_READ_LIMITS.maxSmallBodyBytes,
): Promise<string> {
  const body = await readCapped(res, maxBytes);
  if (body.truncated) throw new SizeLimitError(`the response body exceeds ${formatBytes(maxBytes)}`);
  return body.bytes.toString('utf8');
}

/** isSuccess reports a 2xx status. */
export function isSuccess(res: http.IncomingMessage): boolean {
  const code = res.statusCode ?? 0;
  return code >= 200 && code < 300;
}

/**
 * parseRetryAfter reads a Retry-After header: delay-seconds (a non-negative integer) or an HTTP
 * date (seconds from `now`, at least 0). Anything else (negative, fractional, NaN, garbage) is
 * undefined. No upper bound here: the reflector clamps it.
 */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  if (/^\d{1,15}$/.test(v)) return Number(v);
  // An HTTP date always names a weekday and a GMT time: "Wed, 21 Oct 2015 07:28:00 GMT".
  if (!/^[A-Za-z]{3},? .*\d{2}:\d{2}:\d{2} GMT$/.test(v)) return undefined;
  const at = Date.parse(v);
  if (!Number.isFinite(at)) return undefined;
  return Math.max(0, Math.ceil((at - now) / 1000));
}

/** validRetryAfterSeconds keeps a Status body's `details.retryAfterSeconds` only when it is a non-negative integer. */
export function validRetryAfterSeconds(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : undefined;
}

/**
 * sanitizeStatus returns a Status whose `details.retryAfterSeconds` is valid or absent, so that
 * ApiError.fromStatus never sees NaN, a negative number or a string there.
 */
export function sanitizeStatus(status: Partial<Status>): Partial<Status> {
  const details = status.details;
  if (details === undefined) return status;
  if (typeof details !== 'object' || details === null || Array.isArray(details)) {
    const { details: _dropped, ...rest } = status;
    return rest;
  }
  if (!('retryAfterSeconds' in details)) return status;
  const retry = validRetryAfterSeconds(details.retryAfterSeconds);
  const { retryAfterSeconds: _raw, ...otherDetails } = details;
  return {
    ...status,
    details: retry === undefined ? otherDetails : { ...otherDetails, retryAfterSeconds: retry },
  };
}

/**
 * responseError reads a failed response's body (at most `maxBytes` decoded bytes; the socket is
 * destroyed past that) and returns the ApiError it describes, with a validated Retry-After.
 */
export async function responseError(
  res: http.IncomingMessage,
  options: { maxBytes?: number; now?: number } = {},
): Promise<ApiError> {
  const code = res.statusCode ?? 500;
  const retryAfter = parseRetryAfter(headerValue(res.headers['retry-after']), options.now);
  let text = '';
  let truncated = false;
  try {
    const body = await readCapped(res, options.maxBytes ?? DEFAULT_READ_LIMITS.maxErrorBodyBytes);
    text = body.bytes.toString('utf8');
    truncated = body.truncated;
  } catch {
    // The status line alone still makes a useful error.
  }
  if (!truncated) {
    try {
      const body = JSON.parse(text) as Partial<Status>;
      if (body && typeof body === 'object' && body.kind === 'Status') {
        return ApiError.fromStatus(sanitizeStatus(body), code, retryAfter?.toString());
      }
    } catch {
      // Not JSON: fall through.
    }
  }
  const reason = reasonForCode(code);
  const snippet = text.slice(0, 4096).replace(/\s+/g, ' ').trim().slice(0, 200);
  const message = `${code} ${res.statusMessage || reason}${snippet ? `: ${snippet}` : ''}`;
  return new ApiError(code, reason, message, retryAfter);
}

function headerValue(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

/** reasonForCode maps an HTTP code to the StatusReason the API server would use. */
export function reasonForCode(code: number): string {
  switch (code) {
    case 400:
      return 'BadRequest';
    case 401:
      return 'Unauthorized';
    case 403:
      return 'Forbidden';
    case 404:
      return 'NotFound';
    case 405:
      return 'MethodNotAllowed';
    case 409:
      return 'Conflict';
    case 410:
      return 'Expired';
    case 429:
      return 'TooManyRequests';
    case 500:
      return 'InternalError';
    case 503:
      return 'ServiceUnavailable';
    case 504:
      return 'Timeout';
    default:
      return code >= 500 ? 'InternalError' : '';
  }
}
