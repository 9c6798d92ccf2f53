/**
 * failQueue: the `failNext` fault. Holds pending failures and turns the first one matching a
 * request into an ApiError with a proper Status body (and Retry-After for 429 and 503), or into
 * a Trickle that serves a body that never ends.
 */
import type { ServerResponse } from 'node:http';
import type { ResourceRequest } from './requestInfo';
import { ApiError, forbidden, statusOf } from './status';
import type { FailFault } from './types';

interface Pending {
  remaining: number;
  fault: FailFault;
}

/** FailQueue: each failNext(n, fault) entry fails its next n matching requests, oldest entry first. */
export class FailQueue {
  private pending: Pending[] = [];

  add(n: number, fault: FailFault): void {
    if (n > 0) this.pending.push({ remaining: n, fault });
  }

  clear(): void {
    this.pending = [];
  }

  /** take returns the error (or trickle) for `req` if a pending fault matches it, consuming one use. */
  take(req: ResourceRequest, user: string): ApiError | Trickle | undefined {
    const p = this.pending.find(
      (e) =>
        (!e.fault.match?.verb || e.fault.match.verb === req.verb) &&
        (!e.fault.match?.resource || e.fault.match.resource === req.resource),
    );
    if (!p) return undefined;
    if (--p.remaining <= 0) this.pending.splice(this.pending.indexOf(p), 1);
    const { fault } = p;
    if (fault.status === 'trickle') return new Trickle(fault.tickMs ?? 100);
    return errorFor({ ...fault, status: fault.status }, req, user);
  }
}

/** Trickle serves the `'trickle'` fault (see FailFault); it stops when the client goes away. */
export class Trickle {
  constructor(private readonly tickMs: number) {}

  serve(res: ServerResponse): void {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private' });
    res.write('{"kind":"List","apiVersion":"v1","metadata":{"resourceVersion":"1"},"items":[');
    const timer = setInterval(() => res.write(' '), this.tickMs);
    res.on('close', () => clearInterval(timer));
  }
}

function errorFor(fault: FailFault & { status: number }, req: ResourceRequest, user: string): ApiError {
  const headers: Record<string, string> = {};
  switch (fault.status) {
    case 429: {
      const after = fault.retryAfterSeconds ?? 1;
      headers['Retry-After'] = String(after);
      return new ApiError(
        statusOf(429, 'TooManyRequests', 'Too many requests, please try again later.', {
          retryAfterSeconds: after,
        }),
        headers,
      );
    }
    case 503: {
      const details =
        fault.retryAfterSeconds !== undefined ? { retryAfterSeconds: fault.retryAfterSeconds } : undefined;
      if (fault.retryAfterSeconds !== undefined) headers['Retry-After'] = String(fault.retryAfterSeconds);
      return new ApiError(
        statusOf(503, 'ServiceUnavailable', 'the server is currently unable to handle the request', details),
        headers,
      );
    }
    case 500:
      return new ApiError(
        statusOf(500, 'InternalError', 'Internal error occurred: injected fault', {
          causes: [{ message: 'injected fault' }],
        }),
      );
    case 401:
      return new ApiError(statusOf(401, 'Unauthorized', 'Unauthorized'));
    case 403:
      return forbidden(user, req.verb, req.resource, req.group, req.namespace, req.name);
  }
}
