/**
 * responses: reading API responses: whole bodies (for lists and reviews), and turning a non-2xx
 * response into an ApiError built from its Status body (or from the status line when the body is
 * not a Status, e.g. an HTML page from a proxy).
 */
import type * as http from 'node:http';
import { ApiError } from '../core/cache/errors';
import type { Status } from '../core/cache/types';

/** readBody collects a response body as UTF-8; rejects when the response is cut short. */
export async function readBody(res: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of res) chunks.push(chunk as Buffer);
  if (!res.complete) throw new Error('response ended before it was complete');
  return Buffer.concat(chunks).toString('utf8');
}

/** isSuccess reports a 2xx status. */
export function isSuccess(res: http.IncomingMessage): boolean {
  const code = res.statusCode ?? 0;
  return code >= 200 && code < 300;
}

/** responseError reads a failed response's body and returns the ApiError it describes. */
export async function responseError(res: http.IncomingMessage): Promise<ApiError> {
  const code = res.statusCode ?? 500;
  const retryAfter = headerValue(res.headers['retry-after']);
  let text = '';
  try {
    text = await readBody(res);
  } catch {
    // The status line alone still makes a useful error.
  }
  try {
    const body = JSON.parse(text) as Partial<Status>;
    if (body && body.kind === 'Status') return ApiError.fromStatus(body, code, retryAfter);
  } catch {
    // Not JSON: fall through.
  }
  const reason = reasonForCode(code);
  const snippet = text.replace(/\s+/g, ' ').trim().slice(0, 200);
  const message = `${code} ${res.statusMessage || reason}${snippet ? `: ${snippet}` : ''}`;
  return new ApiError(
    code,
    reason,
    message,
    retryAfter ? Number.parseInt(retryAfter, 10) || undefined : undefined,
  );
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
