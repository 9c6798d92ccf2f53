/**
 * boundedHttp: one small HTTP(S) request with a deadline and a response-body cap, for talking to
 * an OIDC issuer (discovery and token refresh). Not for the API server: that is transport.ts.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import { realClock, type Clock } from '../core/util/clock';

export interface BoundedRequest {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** Extra CA certificates (PEM) to trust, e.g. an issuer's private CA. */
  ca?: Buffer;
  /** Whole-request deadline: connect, send, wait and read (default 30 s). */
  timeoutMs?: number;
  /** Response bodies longer than this are an error (default 1 MiB). */
  maxBodyBytes?: number;
  signal?: AbortSignal;
  clock?: Clock;
}

export interface BoundedResponse {
  status: number;
  contentType: string;
  body: string;
}

export const HTTP_TIMEOUT_MS = 30_000;
export const HTTP_MAX_BODY_BYTES = 1024 * 1024;

/**
 * boundedRequest sends one request and reads the whole response body, rejecting when the
 * deadline passes, the body passes the cap, `signal` aborts or the connection fails. The socket
 * is destroyed in every failure case. Error messages name the host only, never the query.
 */
export function boundedRequest(req: BoundedRequest): Promise<BoundedResponse> {
  const clock = req.clock ?? realClock;
  const timeoutMs = req.timeoutMs ?? HTTP_TIMEOUT_MS;
  const maxBody = req.maxBodyBytes ?? HTTP_MAX_BODY_BYTES;
  const url = new URL(req.url);
  const where = `${url.protocol}//${url.host}${url.pathname}`;
  return new Promise<BoundedResponse>((resolve, reject) => {
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      reject(new Error(`${where}: unsupported protocol`));
      return;
    }
    let settled = false;
    const finish = (err: Error | undefined, res?: BoundedResponse) => {
      if (settled) return;
      settled = true;
      clock.clearTimeout(timer);
      req.signal?.removeEventListener('abort', onAbort);
      if (err) {
        request.destroy();
        reject(err);
      } else resolve(res!);
    };
    const options: https.RequestOptions = {
      method: req.method ?? 'GET',
      headers: { Accept: 'application/json', ...req.headers },
      ...(req.ca ? { ca: req.ca } : {}),
      agent: false,
    };
    const request =
      url.protocol === 'https:'
        ? https.request(url, options)
        : http.request(url, options as http.RequestOptions);
    const timer = clock.setTimeout(
      () => finish(new Error(`${where}: no complete answer within ${Math.round(timeoutMs / 1000)} s`)),
      timeoutMs,
    );
    const onAbort = () => finish(new Error(`${where}: cancelled`));
    req.signal?.addEventListener('abort', onAbort, { once: true });
    if (req.signal?.aborted) onAbort();
    request.on('error', (err: NodeJS.ErrnoException) =>
      finish(new Error(`${where}: ${err.code ?? err.message}`)),
    );
    request.on('response', (res) => {
      const chunks: Buffer[] = [];
      let bytes = 0;
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes > maxBody) {
          finish(new Error(`${where}: answer larger than ${Math.round(maxBody / 1024)} KiB`));
          return;
        }
        chunks.push(chunk);
      });
      res.on('error', (err: NodeJS.ErrnoException) =>
        finish(new Error(`${where}: ${err.code ?? err.message}`)),
      );
      res.on('end', () =>
        finish(undefined, {
          status: res.statusCode ?? 0,
          contentType: String(res.headers['content-type'] ?? ''),
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    request.end(req.body);
  });
}
