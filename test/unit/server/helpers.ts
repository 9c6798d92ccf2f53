/**
 * helpers: a minimal HTTP client for the test server's tests, so they exercise the wire
 * protocol directly (no client library): one-shot requests and line-by-line watch readers.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import { gunzipSync } from 'node:zlib';
import type { TestServer } from '../../server';

export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The body as received (still gzip-encoded if the server compressed it). */
  raw: Buffer;
  /** The body decoded (gunzipped when Content-Encoding is gzip) as UTF-8. */
  text: string;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface CallOptions {
  method?: string;
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
  cert?: { certPem: string; keyPem: string };
}

function requestOptions(server: TestServer, path: string, o: CallOptions): https.RequestOptions {
  const url = new URL(path, server.url);
  const headers: Record<string, string> = { Accept: 'application/json', ...(o.headers ?? {}) };
  if (o.token) headers.Authorization = `Bearer ${o.token}`;
  if (o.body !== undefined) headers['Content-Type'] = headers['Content-Type'] ?? 'application/json';
  return {
    method: o.method ?? 'GET',
    hostname: url.hostname,
    port: url.port,
    path: url.pathname + url.search,
    headers,
    agent: false,
    ca: server.caPem || undefined,
    ...(o.cert ? { cert: o.cert.certPem, key: o.cert.keyPem } : {}),
  };
}

function transport(server: TestServer): typeof https {
  return (server.url.startsWith('https:') ? https : http) as typeof https;
}

/** call performs one request and reads the whole response. */
export function call(server: TestServer, path: string, o: CallOptions = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = transport(server).request(requestOptions(server, path, o), (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const raw = Buffer.concat(chunks);
        const text = (res.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8');
        let body: unknown;
        try {
          body = JSON.parse(text);
        } catch {
          body = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, raw, text, body });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    if (o.body !== undefined) req.write(JSON.stringify(o.body));
    req.end();
  });
}

export interface WatchEventLine {
  type: string;
  object: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** WatchReader collects a watch stream's events; `ended` settles with how the stream ended. */
export class WatchReader {
  readonly events: WatchEventLine[] = [];
  status = 0;
  headers: http.IncomingHttpHeaders = {};
  bytes = 0;
  readonly ended: Promise<'end' | 'error'>;
  private waiters: Array<() => void> = [];
  private req!: http.ClientRequest;
  private buffer = '';

  constructor(
    server: TestServer,
    path: string,
    o: CallOptions,
    ready: (r: WatchReader) => void,
    fail: (e: Error) => void,
  ) {
    this.ended = new Promise((settle) => {
      this.req = transport(server).request(requestOptions(server, path, o), (res) => {
        this.status = res.statusCode ?? 0;
        this.headers = res.headers;
        ready(this);
        res.on('data', (c: Buffer) => {
          this.bytes += c.length;
          this.buffer += c.toString('utf8');
          let nl: number;
          while ((nl = this.buffer.indexOf('\n')) >= 0) {
            const line = this.buffer.slice(0, nl);
            this.buffer = this.buffer.slice(nl + 1);
            if (line.trim()) this.events.push(JSON.parse(line) as WatchEventLine);
          }
          this.wake();
        });
        res.on('end', () => {
          settle('end');
          this.wake();
        });
        res.on('error', () => {
          settle('error');
          this.wake();
        });
        res.on('aborted', () => {
          settle('error');
          this.wake();
        });
      });
      this.req.on('error', (e) => {
        settle('error');
        fail(e);
        this.wake();
      });
      this.req.end();
    });
    this.ended.then(
      () => (this.done = true),
      () => (this.done = true),
    );
  }

  private done = false;

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  /** waitFor resolves once `n` events arrived; rejects after `timeoutMs` or if the stream ends first. */
  async waitFor(n: number, timeoutMs = 3000): Promise<WatchEventLine[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.events.length < n) {
      if (this.done) throw new Error(`watch ended after ${this.events.length} events, wanted ${n}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out with ${this.events.length} events, wanted ${n}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
    return this.events.slice(0, n);
  }

  close(): void {
    this.req.destroy();
  }
}

/** watch opens a watch and resolves once the response head arrived. */
export function watch(server: TestServer, path: string, o: CallOptions = {}): Promise<WatchReader> {
  return new Promise((resolve, reject) => {
    new WatchReader(server, path, o, resolve, reject);
  });
}

/** sleep waits `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** race rejects if `p` does not settle within `ms`. */
export function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let t: NodeJS.Timeout;
  return Promise.race([
    p.finally(() => clearTimeout(t)),
    new Promise<T>((_, reject) => {
      t = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms);
    }),
  ]);
}

export const ADMIN_TOKEN = 'admin-token';

/** adminServer registers an `admin` user with every permission. */
export function makeAdmin(server: TestServer): string {
  server.addTokenUser('admin', ADMIN_TOKEN);
  server.grantAll('admin');
  return ADMIN_TOKEN;
}
