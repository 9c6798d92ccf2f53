/**
 * transport: sends requests to one context's API server with its credentials over one
 * keep-alive agent. A 401 invalidates the credential that got it and retries once with a fresh
 * one. Headers are never logged; errors carry no credentials.
 *
 * Every wait is bounded (TransportLimits): connecting (TCP + TLS), the response headers, a
 * silence inside a list or error body, and the whole of any request but a watch's stream (a body
 * trickled a byte at a time) each end the request with a TimeoutError saying what the server did
 * not do. A watch body has no idle bound (a quiet watch is legitimate): every socket
 * gets TCP keep-alive instead, so a dead peer is found by the kernel. Responses may be gzipped
 * (`Accept-Encoding: gzip` is sent unless the cluster sets disable-compression); readers decode
 * them with responses.decodedBody.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import type { Socket } from 'node:net';
import { TLSSocket } from 'node:tls';
import type { KubeConfig } from '@kubernetes/client-node';
import { realClock, type Clock, type TimerHandle } from '../core/util/clock';
import type { Disposable } from '../core/util/disposable';
import { nullLogger, type Logger } from '../core/util/logger';
import { createAgent, tlsFingerprint, type ClientTls, type ClusterTls } from './clusterTls';
import type { CredentialSource, Credentials } from './credentials';
import { DEFAULT_TRANSPORT_LIMITS, formatSeconds, TimeoutError, type TransportLimits } from './limits';

/** Query is a request's query parameters; undefined and '' values are omitted. */
export type Query = Record<string, string | number | boolean | undefined>;

export interface RequestInit {
  signal?: AbortSignal;
  method?: string;
  /** A JSON body; sent with Content-Type application/json. */
  body?: unknown;
  /**
   * watch marks a 2xx body as a watch stream: it has no idle bound (a quiet watch is
   * legitimate). Every other body (lists, reviews, errors, also a watch's error body) is bounded
   * by TransportLimits.bodyIdleTimeoutMs.
   */
  watch?: boolean;
  /** accept overrides the Accept header (default `application/json`), e.g. for aggregated discovery. */
  accept?: string;
}

/** Requester is what API adapters need from a transport. */
export interface Requester {
  /**
   * request resolves with the response, whatever its status (the caller reads or drains it),
   * and rejects on transport errors and timeouts (TimeoutError, code ETIMEDOUT). Aborting `signal` destroys the request and its socket, also
   * after the response started.
   */
  request(path: string, query: Query, init?: RequestInit): Promise<http.IncomingMessage>;
}

export interface KubeTransportOptions {
  cluster: ClusterTls;
  credentials: CredentialSource;
  /** The context's KubeConfig, needed only for a proxy-url agent. */
  kubeConfig?: KubeConfig;
  agentFactory?: (cluster: ClusterTls, client: ClientTls) => http.Agent;
  userAgent?: string;
  logger?: Logger;
  /** Time and size bounds; each defaults to DEFAULT_TRANSPORT_LIMITS. */
  limits?: Partial<TransportLimits>;
  /** The clock of the timeouts. */
  clock?: Clock;
}

/** readySockets are the sockets known to be connected (and through TLS), reused or not. */
const readySockets = new WeakSet<Socket>();

/**
 * KubeTransport is one context's connection to its API server. The agent is built on first use
 * and rebuilt only when the client certificate changes (e.g. an exec plugin rotating it).
 * dispose() destroys every socket.
 */
export class KubeTransport implements Requester, Disposable {
  private readonly cluster: ClusterTls;
  private readonly credentials: CredentialSource;
  private readonly agentFactory: (cluster: ClusterTls, client: ClientTls) => http.Agent;
  private readonly userAgent: string;
  private readonly logger: Logger;
  private readonly base: URL;
  private readonly limits: TransportLimits;
  private readonly clock: Clock;
  private agent: { fingerprint: string; agent: http.Agent } | undefined;
  private readonly retired: http.Agent[] = [];
  private disposed = false;

  constructor(options: KubeTransportOptions) {
    this.cluster = options.cluster;
    this.credentials = options.credentials;
    this.agentFactory = options.agentFactory ?? ((c, t) => createAgent(c, t, options.kubeConfig));
    this.userAgent = options.userAgent ?? 'kube-events';
    this.logger = options.logger ?? nullLogger;
    this.base = new URL(this.cluster.server);
    this.limits = { ...DEFAULT_TRANSPORT_LIMITS, ...options.limits };
    this.clock = options.clock ?? realClock;
  }

  async request(path: string, query: Query, init: RequestInit = {}): Promise<http.IncomingMessage> {
    if (this.disposed) throw new Error('transport disposed');
    const creds = await this.credentials.get();
    const res = await this.send(path, query, init, creds);
    if (res.statusCode !== 401 || init.signal?.aborted) return res;
    // Not drained: a 401 body may be anything in size; the socket is not worth keeping.
    res.destroy();
    this.logger.debug(`${init.method ?? 'GET'} ${path}: 401, refreshing credentials and retrying once`);
    this.credentials.invalidate(creds);
    const fresh = await this.credentials.get();
    return this.send(path, query, init, fresh);
  }

  dispose(): void {
    this.disposed = true;
    this.agent?.agent.destroy();
    this.agent = undefined;
    for (const a of this.retired.splice(0)) a.destroy();
  }

  private agentFor(creds: Credentials): http.Agent {
    const fingerprint = tlsFingerprint(creds);
    if (!this.agent || this.agent.fingerprint !== fingerprint) {
      // In-flight watches on the old agent finish on their own; it is destroyed on dispose.
      if (this.agent) this.retired.push(this.agent.agent);
      this.agent = {
        fingerprint,
        agent: this.agentFactory(this.cluster, { cert: creds.cert, key: creds.key }),
      };
    }
    return this.agent.agent;
  }

  private requestTimers(req: http.ClientRequest, init: RequestInit): RequestTimers {
    const { connectTimeoutMs, responseTimeoutMs, bodyIdleTimeoutMs, keepAliveDelayMs, responseDeadlineMs } =
      this.limits;
    const clock = this.clock;
    let timer: TimerHandle | undefined;
    let done = false;
    const arm = (ms: number, fire: () => void) => {
      if (timer) clock.clearTimeout(timer);
      timer = done ? undefined : clock.setTimeout(fire, ms);
    };
    // The whole request's deadline, beside the per-phase timer: cleared with it, or (a watch's
    // stream) once the stream starts.
    let deadline: TimerHandle | undefined = clock.setTimeout(() => {
      deadline = undefined;
      const err = new TimeoutError(
        `the API server did not finish its response within ${formatSeconds(responseDeadlineMs)}`,
      );
      if (response) response.destroy(err);
      else req.destroy(err);
      clear();
    }, responseDeadlineMs);
    const clear = () => {
      done = true;
      if (timer) clock.clearTimeout(timer);
      if (deadline) clock.clearTimeout(deadline);
      timer = deadline = undefined;
    };
    const connected = () => {
      if (response || done) return;
      arm(responseTimeoutMs, () =>
        req.destroy(
          new TimeoutError(`no response from the API server within ${formatSeconds(responseTimeoutMs)}`),
        ),
      );
    };
    let response: http.IncomingMessage | undefined;
    arm(connectTimeoutMs, () =>
      req.destroy(
        new TimeoutError(`could not connect to the API server within ${formatSeconds(connectTimeoutMs)}`),
      ),
    );
    req.once('socket', (sock: Socket) => {
      if (readySockets.has(sock)) return connected();
      sock.setKeepAlive(true, keepAliveDelayMs);
      const ready = () => {
        readySockets.add(sock);
        connected();
      };
      if (sock instanceof TLSSocket) {
        if ((sock as unknown as { _secureEstablished?: boolean })._secureEstablished) ready();
        else sock.once('secureConnect', ready);
      } else if (sock.connecting) sock.once('connect', ready);
      else ready();
    });
    return {
      clear,
      responded: (res) => {
        response = res;
        const code = res.statusCode ?? 0;
        if (init.watch && code >= 200 && code < 300) return clear();
        // A body silence is seen on the socket's byte count, so the stream is never touched.
        const sock = res.socket;
        let seen = sock?.bytesRead ?? 0;
        const check = () => {
          if (res.complete || res.destroyed || !sock) return clear();
          if (sock.bytesRead !== seen) {
            seen = sock.bytesRead;
            arm(bodyIdleTimeoutMs, check);
            return;
          }
          res.destroy(
            new TimeoutError(
              `the API server sent nothing for ${formatSeconds(bodyIdleTimeoutMs)} in the middle of a response`,
            ),
          );
          clear();
        };
        arm(bodyIdleTimeoutMs, check);
        res.once('end', clear);
        res.once('close', clear);
      },
    };
  }

  private send(
    path: string,
    query: Query,
    init: RequestInit,
    creds: Credentials,
  ): Promise<http.IncomingMessage> {
    const signal = init.signal;
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) {
      if (v !== undefined && v !== '') qs.set(k, String(v));
    }
    const prefix = this.base.pathname.replace(/\/+$/, '');
    const fullPath = `${prefix}${path}${qs.size > 0 ? `?${qs.toString()}` : ''}`;
    const body = init.body === undefined ? undefined : JSON.stringify(init.body);
    const headers: Record<string, string> = {
      ...creds.headers,
      Accept: init.accept ?? 'application/json',
      'User-Agent': this.userAgent,
    };
    if (!this.cluster.disableCompression) headers['Accept-Encoding'] = 'gzip';
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      headers['Content-Length'] = String(Buffer.byteLength(body));
    }
    const isHttps = this.base.protocol === 'https:';
    return new Promise((resolve, reject) => {
      if (signal?.aborted) {
        reject(abortError(signal));
        return;
      }
      const req = (isHttps ? https : http).request({
        protocol: this.base.protocol,
        hostname: this.base.hostname.replace(/^\[(.*)\]$/, '$1'),
        port: this.base.port || (isHttps ? 443 : 80),
        path: fullPath,
        method: init.method ?? 'GET',
        headers,
        agent: this.agentFor(creds),
      });
      let response: http.IncomingMessage | undefined;
      const timers = this.requestTimers(req, init);
      const onAbort = () => {
        // A complete response has nothing left to cancel, and its socket may already be back in
        // the keep-alive pool serving another request: destroying it would hit that one.
        if (response?.complete) return;
        req.destroy(abortError(signal!));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      req.on('response', (res) => {
        response = res;
        timers.responded(res);
        // Readers see a response's errors through their async iteration. This listener only keeps
        // an abort that lands between the response and the first read from being an uncaught
        // exception that would take the extension host down.
        res.on('error', () => {});
        res.once('close', () => signal?.removeEventListener('abort', onAbort));
        resolve(res);
      });
      req.on('error', (err) => {
        timers.clear();
        signal?.removeEventListener('abort', onAbort);
        reject(err);
      });
      req.end(body);
    });
  }
}

/**
 * RequestTimers bound one request's waits: connect, response headers, and body silences. Each
 * timeout destroys the request (or response) with a TimeoutError.
 */
interface RequestTimers {
  responded(res: http.IncomingMessage): void;
  clear(): void;
}

function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error) return reason;
  const err = new Error('request aborted');
  err.name = 'AbortError';
  return err;
}
