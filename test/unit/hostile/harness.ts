/**
 * harness: the real engine (ContextManager + createKubeSessionFactory + EventHub) connected to
 * two contexts at once: `healthy` (the project's test API server) and `hostile` (an ad-hoc
 * node:http server, or an exec plugin, fed one misbehaviour). runHostileCase measures, while the
 * hostile context misbehaves: requests to the hostile server, peak RSS growth, the event loop's
 * worst delay, the hostile context's status, and the healthy context's write -> hub latency.
 * Shared by the hostile-server tests (test/unit/hostile) and bench scenario 11.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type { ClusterSession } from '../../../src/core/cluster/clusterSession';
import { ContextManager } from '../../../src/core/cluster/contextManager';
import type { ContextStatus } from '../../../src/core/cluster/status';
import { EventHub } from '../../../src/core/events/hub';
import { EVENTS } from '../../../src/core/kinds';
import { CredentialProviders } from '../../../src/kube/credentials';
import { loadKubeconfigs, type ContextInfo } from '../../../src/kube/kubeconfig';
import type { ReadLimits, TransportLimits } from '../../../src/kube/limits';
import { createKubeSessionFactory } from '../../../src/kube/sessionFactory';
import { event, namespace } from '../../server/fixtures';
import type { TestServer } from '../../server/index';
import { waitFor as waitForCond } from '../fakes/waitFor';

/** HOSTILE_TOKEN is the hostile context's bearer token; hostile servers echo it back, statuses must not. */
export const HOSTILE_TOKEN = 'hostile-secret-token-0123456789abcdef';
const HEALTHY_TOKEN = 'healthy-token-0123456789abcdef';

/** Short bounds, so each case shows its status within a second or two of real time. */
export const TEST_TRANSPORT_LIMITS: Partial<TransportLimits> = {
  connectTimeoutMs: 750,
  responseTimeoutMs: 750,
  bodyIdleTimeoutMs: 750,
  keepAliveDelayMs: 1000,
};
export const TEST_READ_LIMITS: Partial<ReadLimits> = {
  maxLineBytes: 4 * 1024 * 1024,
  maxObjectBytes: 256 * 1024,
  maxErrorBodyBytes: 64 * 1024,
};
/** The informers' retry backoff: each wait in [100, 800) ms, so at most ~600 attempts a minute. */
export const TEST_BACKOFF = { initialMs: 100, maxMs: 400 };
export const TEST_EXEC = { timeoutMs: 750, maxStdoutBytes: 1024 * 1024 };

/** HostileHandler answers the hostile context's requests; `n` counts them from 1. */
export type HostileHandler = (req: http.IncomingMessage, res: http.ServerResponse, n: number) => void;

export interface HostileServer {
  url: string;
  /** requests is the number of HTTP requests received so far. */
  readonly requests: number;
  close(): Promise<void>;
}

/** startHostileServer serves `handler` on 127.0.0.1 over plain HTTP. */
export async function startHostileServer(handler: HostileHandler): Promise<HostileServer> {
  let n = 0;
  const server = http.createServer((req, res) => {
    n++;
    res.on('error', () => undefined);
    req.on('error', () => undefined);
    handler(req, res, n);
  });
  server.on('clientError', (_e, socket) => socket.destroy());
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    get requests() {
      return n;
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** isWatch tells a hostile handler a watch request from a list. */
export const isWatch = (req: http.IncomingMessage) => /[?&]watch=(true|1)/.test(req.url ?? '');

/** HostileContext is the kubeconfig entry of the hostile context: its server and its user. */
export interface HostileContext {
  server: string;
  user?: Record<string, unknown>;
}

export interface Engine {
  manager: ContextManager<ContextInfo, ClusterSession>;
  hub: EventHub;
  status(name: string): ContextStatus | undefined;
  /** connectHostile connects the hostile context (startEngine connects only the healthy one). */
  connectHostile(): void;
  dispose(): void;
}

/** startEngine connects `healthy` (and `hostile`, when given) through the real session factory. */
export function startEngine(o: {
  healthy: TestServer;
  hostile?: HostileContext;
  dir: string;
  transportLimits?: Partial<TransportLimits>;
  readLimits?: Partial<ReadLimits>;
}): Engine {
  const files = [path.join(o.dir, 'healthy')];
  fs.writeFileSync(
    files[0]!,
    o.healthy.kubeconfig({ user: 'healthy', token: HEALTHY_TOKEN, contextName: 'healthy' }),
  );
  if (o.hostile) {
    files.push(path.join(o.dir, 'hostile'));
    const text = JSON.stringify({
      clusters: [{ name: 'h', cluster: { server: o.hostile.server } }],
      users: [{ name: 'h', user: o.hostile.user ?? { token: HOSTILE_TOKEN } }],
      contexts: [{ name: 'hostile', context: { cluster: 'h', user: 'h' } }],
    });
    fs.writeFileSync(files[1]!, text);
  }
  const loaded = loadKubeconfigs(files);
  const manager = new ContextManager<ContextInfo, ClusterSession>({
    sessionFactory: createKubeSessionFactory({
      config: () => loaded.config,
      credentials: new CredentialProviders({ execOptions: TEST_EXEC }),
      kinds: [EVENTS],
      // The cases feed the informer engine's list and watch one misbehaviour each, counting and
      // numbering requests; discovery's own bounds are tested in test/unit/discovery.
      discovery: false,
      informerOptions: () => ({ backoff: TEST_BACKOFF }),
      transportLimits: o.transportLimits ?? TEST_TRANSPORT_LIMITS,
      readLimits: o.readLimits ?? TEST_READ_LIMITS,
    }),
  });
  manager.reconcile(loaded.contexts);
  const hub = new EventHub({ batchMs: 1 });
  manager.connect('healthy');
  const session = manager.session('healthy')!;
  hub.attach('healthy', { addEventHandler: (h) => session.addEventHandler(EVENTS, h) });
  return {
    manager,
    hub,
    status: (name) => manager.status(name),
    // Like the extension (host/contexts/connections.ts), every connected context feeds the hub.
    connectHostile: () => {
      if (!o.hostile) return;
      manager.connect('hostile');
      const hostile = manager.session('hostile');
      if (hostile) hub.attach('hostile', { addEventHandler: (h) => hostile.addEventHandler(EVENTS, h) });
    },
    dispose: () => {
      hub.dispose();
      manager.dispose();
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** waitFor polls `cond` every 10 ms for up to `ms` (10 s here: a whole engine against a hostile server). */
export function waitFor(cond: () => boolean, what: string, ms = 10_000): Promise<void> {
  return waitForCond(cond, what, ms);
}

let probes = 0;

/** HealthyCluster prepares the test server: a user for the healthy context and a namespace for probes. */
export function prepareHealthy(server: TestServer): void {
  server.addTokenUser('healthy', HEALTHY_TOKEN);
  server.grantAll('healthy');
  server.create(namespace('probe'));
}

/** probeLatency writes an Event to the healthy server and resolves with ms until the hub reports it. */
export function probeLatency(server: TestServer, hub: EventHub, timeoutMs = 5000): Promise<number> {
  const name = `probe-${process.pid}-${++probes}`;
  const key = `probe/${name}`;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`the healthy context did not see ${key} within ${timeoutMs} ms`));
    }, timeoutMs);
    const sub = hub.onDidChange((changes) => {
      if (!changes.some((c) => c.type === 'upsert' && c.event.key === key)) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(performance.now() - t0);
    });
    const t0 = performance.now();
    server.create(event('probe', { kind: 'Pod', name: 'probe-pod', namespace: 'probe' }, { name }));
  });
}

export interface CaseResult {
  /** The healthy context's write -> hub latencies (ms), one per probe. */
  latencies: number[];
  /** The event loop's largest delay (ms) during the case. */
  maxLoopDelayMs: number;
  /** The largest RSS growth (MiB) over the RSS at the start of the case. */
  rssGrowthMiB: number;
  /** Requests the hostile server received during the case (elapsedMs includes connecting). */
  requests: number;
  elapsedMs: number;
  /** The hostile context's status at the end. */
  status: ContextStatus | undefined;
}

export interface CaseOptions {
  healthy: TestServer;
  /** The hostile server's behaviour (omit for an exec-plugin case or a baseline). */
  handler?: HostileHandler;
  /** The hostile context's user (default: a bearer token). */
  user?: Record<string, unknown>;
  /** How long the hostile context misbehaves while the healthy one is probed. */
  durationMs: number;
  /** Pause between latency probes. */
  probeGapMs?: number;
  /** Skip the hostile context entirely (the bench's baseline). */
  baseline?: boolean;
}

/**
 * runHostileCase starts a hostile server (unless baseline), connects both contexts, waits for
 * the healthy one to sync, then probes the healthy context's latency for `durationMs` while
 * sampling RSS and the event loop. The hostile context is connected after the healthy one synced. Everything is torn down before it returns.
 */
export async function runHostileCase(o: CaseOptions): Promise<CaseResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-events-hostile-'));
  const hostile = o.baseline ? undefined : await startHostileServer(o.handler ?? (() => undefined));
  let engine: Engine | undefined;
  try {
    engine = startEngine({
      healthy: o.healthy,
      hostile: hostile && { server: hostile.url, user: o.user },
      dir,
    });
    const e = engine;
    await waitFor(() => e.status('healthy')?.phase === 'synced', 'the healthy context to sync');
    await probeLatency(o.healthy, e.hub); // warm-up: the watch is up
    const rss0 = process.memoryUsage().rss;
    let rssMax = rss0;
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    // Connected once the healthy context is synced: the figures are its steady state's.
    e.connectHostile();
    const t0 = Date.now();
    const latencies: number[] = [];
    const gap = o.probeGapMs ?? 50;
    while (Date.now() - t0 < o.durationMs) {
      latencies.push(await probeLatency(o.healthy, e.hub));
      rssMax = Math.max(rssMax, process.memoryUsage().rss);
      await sleep(gap);
    }
    loop.disable();
    return {
      latencies,
      maxLoopDelayMs: loop.max / 1e6,
      rssGrowthMiB: (rssMax - rss0) / 2 ** 20,
      requests: hostile?.requests ?? 0,
      elapsedMs: Date.now() - t0,
      status: e.status('hostile'),
    };
  } finally {
    engine?.dispose();
    await hostile?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * streamBody writes `total` bytes made by `chunk(i)` (or forever when total is Infinity),
 * honouring backpressure, and stops when the client goes away. Nothing is buffered whole.
 */
export function streamBody(res: http.ServerResponse, total: number, chunk: (i: number) => string): void {
  let sent = 0;
  let i = 0;
  let closed = false;
  res.on('close', () => (closed = true));
  const pump = () => {
    while (!closed && sent < total) {
      const c = chunk(i++);
      sent += c.length;
      if (!res.write(c)) return void res.once('drain', pump);
    }
    if (!closed) res.end();
  };
  pump();
}

/** emptyList is a valid, empty EventList at resourceVersion "1". */
export const emptyList = (res: http.ServerResponse, extra: Record<string, unknown> = {}) => {
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end(
    JSON.stringify({
      kind: 'EventList',
      apiVersion: 'v1',
      metadata: { resourceVersion: '1', ...extra },
      items: [],
    }),
  );
};
