/**
 * engineEntry: the program the benchmark bundles (esbuild, minified, CJS, node20, with
 * bench/lib/vscodeStub standing in for `vscode`) and runs in its own process against the test
 * API server, as kubectl is run. It connects one context the way the extension does and reports
 * one JSON line per milestone on stdout.
 *
 *   node engine.js '{"mode":"sync","wiring":"extension","kubeconfig":"...","context":"..."}'
 *
 * Modes:
 * - sync: exit as soon as the context is synced; report the time since process start.
 * - children: after sync, call the Clusters tree's getChildren for the Pods of `namespace`
 *   `calls` times (and getTreeItem for each child, as VS Code does) and report the timings.
 * - memory: needs --expose-gc. Heap after GC before connecting and after sync (`layer` chooses
 *   what is kept: the bare engine, the extension's Connections, or Connections plus the Events
 *   view's history publisher).
 * - steady: stay connected until SIGTERM, reporting status changes.
 * - stream: stay connected, writing each Events view delta (protocol message) to stdout.
 * - scale: connect several contexts at once; sync time, tree children and Events filter timings.
 *
 * Wiring: `extension` is the extension's own Connections (every WATCHED_KIND, the extension's
 * indexers, the EventHub); `engine` is a bare ContextManager of pods and events, as in
 * test/bundle/engineEntry.ts.
 */
import * as fs from 'node:fs';
import { Session } from 'node:inspector';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as v8 from 'node:v8';
import { INVOLVED_UID_INDEX, involvedUidIndexFunc, NAMESPACE_INDEX } from '../../src/core/cache/indexers';
import type { ClusterSession } from '../../src/core/cluster/clusterSession';
import { ContextManager } from '../../src/core/cluster/contextManager';
import type { ContextStatus } from '../../src/core/cluster/status';
import { EVENTS, PODS, type ResourceKind } from '../../src/core/kinds';
import { DeltaPacer } from '../../src/core/stream/pacer';
import { EventStreamPublisher } from '../../src/core/stream/publisher';
import { nullLogger } from '../../src/core/util/logger';
import { writeFileChunks } from '../../src/core/util/writeChunks';
import { Connections, WATCHED_KINDS } from '../../src/host/contexts/connections';
import type { KubeconfigService } from '../../src/host/contexts/kubeconfigService';
import { ResourceTreeProvider } from '../../src/host/views/resourceTree';
import type { TreeNode } from '../../src/host/views/nodes';
import { CredentialProviders } from '../../src/kube/credentials';
import { loadKubeconfigs, type ContextInfo } from '../../src/kube/kubeconfig';
import { createKubeSessionFactory } from '../../src/kube/sessionFactory';
import { runScale } from './scaleMode';

const loadedMs = performance.now();
/** cpuMs is this process's user + system CPU so far (ms). */
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const loadedCpuMs = cpuMs();

interface Options {
  mode: 'sync' | 'children' | 'memory' | 'steady' | 'stream' | 'scale';
  /** scale: every context to connect at once, from these kubeconfigs (see scaleMode.ts). */
  contexts?: string[];
  kubeconfigs?: string[];
  filterText?: string;
  wiring?: 'extension' | 'engine';
  kubeconfig: string;
  context: string;
  /** children: the namespace whose Pods node is expanded, and how many calls. */
  namespace?: string;
  calls?: number;
  /** memory: what is kept alive. */
  layer?: 'engine' | 'extension' | 'stream';
  /** children: write a CPU profile of the getChildren calls only (inspector) to this file. */
  profileFile?: string;
  /** memory, layer stream: the history bound (the extension's default is 50000). */
  maxEvents?: number;
  /** memory: write heap snapshots before connecting and after sync (`<prefix>-before/after.heapsnapshot`). */
  heapSnapshotPrefix?: string;
  /** memory: the wait after sync before the heap is read (1500 ms; a quick run's scenarios 4 and 8 ask for 500). */
  settleMs?: number;
  timeoutMs?: number;
  /**
   * stream: acknowledge each delta this many ms after it was sent, as a page painting at that
   * frame interval would (scenario 17 runs without a page); without it acks come on stdin.
   */
  selfAckMs?: number;
  /** stream: report each line the extension's logger would write as `{type:'log', at, level}`. */
  countLogs?: boolean;
  /**
   * stream: write each delta's row keys only (`{type:'delta', at, keys, bytes}`), after
   * serializing the whole delta as the extension does to post it: the reader (the bench
   * process, which also runs the test server) then parses little.
   */
  keysOnly?: boolean;
  /**
   * stream: save the Events history as the extension does (every persistMs, cooperatively, to a
   * file in a temporary folder removed at exit); default on. Off measures the stream without it.
   */
  saveHistory?: boolean;
}

const opts = JSON.parse(process.argv[2] ?? '{}') as Options;
const emit = (m: Record<string, unknown>) => process.stdout.write(JSON.stringify(m) + '\n');
const gc = (globalThis as { gc?: () => void }).gc;

function heapAfterGc(): number {
  if (!gc) throw new Error('memory mode needs node --expose-gc');
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed;
}

/** countingLogger reports each line (its level, never its text) on stdout: scenario 17 counts them. */
const countingLogger = {
  debug: () => emit({ type: 'log', at: Date.now(), level: 'debug' }),
  info: () => emit({ type: 'log', at: Date.now(), level: 'info' }),
  warn: () => emit({ type: 'log', at: Date.now(), level: 'warn' }),
  error: () => emit({ type: 'log', at: Date.now(), level: 'error' }),
};

/** Wiring is what a mode needs from either wiring. */
interface Wiring {
  session(): ClusterSession | undefined;
  onStatus(listener: (status: ContextStatus) => void): void;
  start(): void;
  kinds: string[];
  dispose(): void;
}

function extensionWiring(): Wiring & { connections: Connections } {
  const loaded = loadKubeconfigs([opts.kubeconfig]);
  // The members Connections uses; a cast without this list hid a new one (ready) and broke the bench.
  const used: Pick<KubeconfigService, 'current' | 'ready' | 'onDidChange'> = {
    current: loaded,
    ready: () => Promise.resolve(loaded),
    onDidChange: () => ({ dispose() {} }),
  };
  const kubeconfig = used as KubeconfigService;
  const connections = new Connections({
    kubeconfig,
    logger: opts.countLogs ? countingLogger : nullLogger,
    namespaces: () => [],
    autoConnect: () => [opts.context],
  });
  return {
    connections,
    session: () => connections.session(opts.context),
    onStatus: (l) =>
      connections.manager.onDidChangeStatus(({ name, status }) => name === opts.context && l(status)),
    start: () => connections.start(),
    kinds: WATCHED_KINDS.map((k) => (k.group ? `${k.plural}.${k.group}` : k.plural)),
    dispose: () => connections.dispose(),
  };
}

function engineWiring(kinds: readonly ResourceKind[]): Wiring {
  const loaded = loadKubeconfigs([opts.kubeconfig]);
  const manager = new ContextManager<ContextInfo, ClusterSession>({
    sessionFactory: createKubeSessionFactory({
      config: () => loaded.config,
      credentials: new CredentialProviders(),
      kinds,
      informerOptions: (kind) =>
        kind === EVENTS ? { indexers: { [INVOLVED_UID_INDEX]: involvedUidIndexFunc } } : {},
    }),
  });
  manager.reconcile(loaded.contexts);
  return {
    session: () => manager.session(opts.context),
    onStatus: (l) => manager.onDidChangeStatus(({ name, status }) => name === opts.context && l(status)),
    start: () => manager.connect(opts.context),
    kinds: kinds.map((k) => (k.group ? `${k.plural}.${k.group}` : k.plural)),
    dispose: () => manager.dispose(),
  };
}

function whenSynced(w: Wiring): Promise<ContextStatus> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('not synced in time')), opts.timeoutMs ?? 600_000);
    w.onStatus((status) => {
      if (opts.mode === 'steady') emit({ type: 'status', at: Date.now(), status });
      if (status.phase === 'synced') {
        clearTimeout(timer);
        resolve(status);
      } else if (status.phase === 'error' || status.phase === 'forbidden') {
        clearTimeout(timer);
        reject(new Error(`context ${status.phase}: ${status.reason}`));
      }
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function counts(w: Wiring): Record<string, number> {
  const s = w.session();
  const size = (k: ResourceKind) => {
    try {
      return s?.store(k).size ?? 0;
    } catch {
      return 0; // not a watched kind in this wiring
    }
  };
  return { pods: size(PODS), events: size(EVENTS) };
}

async function sync(): Promise<void> {
  const w = opts.wiring === 'engine' ? engineWiring([PODS, EVENTS]) : extensionWiring();
  const synced = whenSynced(w);
  w.start();
  const status = await synced;
  const syncedMs = performance.now();
  const syncedCpuMs = cpuMs();
  emit({
    type: 'synced',
    loadedMs,
    syncedMs,
    loadedCpuMs,
    syncedCpuMs,
    status,
    kinds: w.kinds,
    ...counts(w),
  });
  process.exit(0);
}

async function children(): Promise<void> {
  const w = extensionWiring();
  const tree = new ResourceTreeProvider({
    connections: w.connections,
    namespaces: () => [],
    initiallyExpanded: () => true,
  });
  const synced = whenSynced(w);
  w.start();
  await synced;
  const ns = opts.namespace!;
  const node = tree.nodes.kind(opts.context, ns, PODS);
  const n = opts.calls ?? 200;
  const profiler = opts.profileFile ? await startProfile() : undefined;
  const times: number[] = [];
  const itemTimes: number[] = [];
  let size = 0;
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const kids = tree.getChildren(node) as TreeNode[]; // a kind node: answered synchronously
    const t1 = performance.now();
    times.push(t1 - t0);
    size = kids.length;
    if (i < 20) {
      // VS Code then asks for a TreeItem per child; measured separately (not part of the target).
      const t2 = performance.now();
      for (const k of kids) tree.getTreeItem(k);
      itemTimes.push(performance.now() - t2);
    }
  }
  if (profiler) fs.writeFileSync(opts.profileFile!, JSON.stringify(await profiler()));
  // The same steps as getChildren, timed apart: cache read, names + sort, interned nodes.
  const store = w.session()!.store(PODS);
  const steps = { byIndex: [] as number[], sort: [] as number[], nodes: [] as number[] };
  for (let i = 0; i < 50; i++) {
    const t0 = performance.now();
    const objs = store.byIndex(NAMESPACE_INDEX, ns);
    const t1 = performance.now();
    const names = objs.map((o) => o.metadata.name ?? '').sort();
    const t2 = performance.now();
    tree.nodes.objects(node, names);
    const t3 = performance.now();
    steps.byIndex.push(t1 - t0);
    steps.sort.push(t2 - t1);
    steps.nodes.push(t3 - t2);
  }
  emit({ type: 'children', children: size, times, itemTimes, steps, ...counts(w) });
  process.exit(0);
}

/** startProfile starts the V8 sampling profiler in this process; the returned function stops it. */
async function startProfile(): Promise<() => Promise<unknown>> {
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) =>
      session.post(method, params ?? {}, (err, res) => (err ? reject(err) : resolve(res))),
    );
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 50 });
  await post('Profiler.start');
  return async () => {
    const { profile } = (await post('Profiler.stop')) as { profile: unknown };
    session.disconnect();
    return profile;
  };
}

async function memory(): Promise<void> {
  const layer = opts.layer ?? 'extension';
  const w = layer === 'engine' ? engineWiring([EVENTS]) : extensionWiring();
  let publisher: EventStreamPublisher | undefined;
  if (layer === 'stream') {
    const hub = (w as ReturnType<typeof extensionWiring>).connections.hub;
    publisher = new EventStreamPublisher({ feed: hub, maxEvents: opts.maxEvents ?? 50_000 });
    await publisher.start();
  }
  const before = heapAfterGc();
  if (opts.heapSnapshotPrefix) v8.writeHeapSnapshot(`${opts.heapSnapshotPrefix}-before.heapsnapshot`);
  const rssBefore = process.memoryUsage().rss;
  const synced = whenSynced(w);
  const t0 = performance.now();
  w.start();
  await synced;
  const syncMs = performance.now() - t0;
  // Let the EventHub batch and the publisher's flush run (both well under a second).
  await sleep(opts.settleMs ?? 1500);
  const after = heapAfterGc();
  const mu = process.memoryUsage();
  if (opts.heapSnapshotPrefix) v8.writeHeapSnapshot(`${opts.heapSnapshotPrefix}-after.heapsnapshot`);
  const conn = (w as Partial<ReturnType<typeof extensionWiring>>).connections;
  emit({
    type: 'memory',
    layer,
    before,
    after,
    rssBefore,
    rssAfter: mu.rss,
    external: mu.external,
    arrayBuffers: mu.arrayBuffers,
    syncMs,
    hubSize: conn?.hub.size ?? 0,
    historyRows: publisher?.rows().length ?? 0,
    maxRssKiB: process.resourceUsage().maxRSS,
    ...counts(w),
  });
  process.exit(0);
}

async function steady(): Promise<void> {
  const w = extensionWiring();
  const synced = whenSynced(w);
  w.start();
  const status = await synced;
  emit({ type: 'synced', at: Date.now(), status, kinds: w.kinds, ...counts(w) });
  const stop = () => {
    w.dispose();
    emit({ type: 'stopped', at: Date.now() });
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

/**
 * stream: the Events view's host side as registerEventsViews and EventsWebview build it
 * (EventStreamPublisher on the EventHub, default maxEvents, started before the context connects,
 * and a DeltaPacer for the page); every delta the pacer sends goes to stdout as the protocol's
 * `delta` message, stamped with the time it left (`at`) and, per upserted row, when the publisher
 * first published it (`pub`: the time before the pacer). The page's acks come back on stdin, one
 * JSON line each (`{"type":"ack"}`), as EventsWebview receives them from VS Code; each is
 * reported back as `acked` (its arrival time) before the pacer is told.
 */
async function stream(): Promise<void> {
  const w = extensionWiring();
  const historyDir =
    opts.saveHistory === false
      ? undefined
      : fs.mkdtempSync(path.join(os.tmpdir(), 'kube-events-bench-history-'));
  if (historyDir) process.on('exit', () => fs.rmSync(historyDir, { recursive: true, force: true }));
  const historyFile = historyDir && path.join(historyDir, 'events-history.ndjson');
  const publisher = new EventStreamPublisher({
    feed: w.connections.hub,
    maxEvents: opts.maxEvents ?? 50_000,
    // As src/host/webviews/fileStore.ts on a file: folder.
    ...(historyDir && historyFile
      ? {
          store: {
            read: async () => undefined,
            write: (text: string | readonly string[]) =>
              writeFileChunks(historyDir, historyFile, typeof text === 'string' ? [text] : text),
          },
        }
      : {}),
  });
  await publisher.start();
  // When the publisher first published each row id now waiting in the pacer (the `pub` stamps).
  const publishedAt = new Map<string, number>();
  const pacer = new DeltaPacer({
    send: (d) => {
      const pub = d.upsert.map((r) => publishedAt.get(r.id) ?? 0);
      for (const r of d.upsert) publishedAt.delete(r.id);
      for (const id of d.remove) publishedAt.delete(id);
      if (opts.keysOnly) {
        const bytes = JSON.stringify({
          type: 'delta',
          upsert: d.upsert,
          expire: d.expire,
          remove: d.remove,
        }).length;
        emit({ type: 'delta', at: Date.now(), keys: d.upsert.map((r) => r.key), bytes });
      } else
        emit({ type: 'delta', at: Date.now(), pub, upsert: d.upsert, expire: d.expire, remove: d.remove });
      if (opts.selfAckMs !== undefined) setTimeout(() => pacer.ack(), opts.selfAckMs);
    },
  });
  publisher.onDelta((d) => {
    const now = Date.now();
    for (const r of d.upsert) if (!publishedAt.has(r.id)) publishedAt.set(r.id, now);
    pacer.push(d);
  });
  let input = '';
  process.stdin.on('data', (chunk: Buffer) => {
    input += chunk.toString();
    let nl: number;
    while ((nl = input.indexOf('\n')) >= 0) {
      const line = input.slice(0, nl);
      input = input.slice(nl + 1);
      if (!line.includes('"ack"')) continue;
      emit({ type: 'acked', at: Date.now(), sent: pacer.sent, timedOut: pacer.timedOut });
      pacer.ack();
    }
  });
  const synced = whenSynced(w);
  w.start();
  await synced;
  emit({
    type: 'synced',
    at: Date.now(),
    rows: publisher.rows(),
    hubBatchMs: w.connections.hub.batchMs,
    flushMs: publisher.flushMs,
    ...counts(w),
  });
  process.on('SIGTERM', () => {
    w.dispose();
    process.exit(0);
  });
}

/** scale: see scaleMode.ts (scenario 8). */
async function scale(): Promise<void> {
  emit(
    (await runScale({
      kubeconfigs: opts.kubeconfigs ?? [opts.kubeconfig],
      contexts: opts.contexts ?? [opts.context],
      namespace: opts.namespace!,
      maxEvents: opts.maxEvents ?? 50_000,
      filterText: opts.filterText ?? 'backoff',
      timeoutMs: opts.timeoutMs,
    })) as unknown as Record<string, unknown>,
  );
  process.exit(0);
}

const modes = { sync, children, memory, steady, stream, scale };
modes[opts.mode]().catch((err: unknown) => {
  emit({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  process.exit(1);
});
