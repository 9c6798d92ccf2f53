/**
 * discoveryEntry: the child program of scenario 14, bundled like the extension (see
 * `buildDiscoveryEntry`) and run in its own process against the test API server. One JSON line
 * per milestone on stdout.
 *
 *   node discovery.js '{"mode":"discover","kubeconfig":"...","context":"..."}'
 *
 * Modes:
 * - discover: one context's transport and discovery client (as the session factory wires them);
 *   one `discover()`; reports its time, requests, mode and kinds, then exits.
 * - quiet: the extension's own Connections (eager kinds + discovery + the CRD signal) until
 *   SIGTERM; reports `synced` once the context synced and discovery is ready. Then, for each
 *   `{"do":"lazy",...}` line on stdin, runs `lazy` on that same synced session (one child and
 *   one sync serve scenario 14b and 14c).
 * - lazy: Connections synced, then `acquire(ConfigMaps, namespace)` (as the tree leases a kind
 *   node under a namespace) timed to a synced store holding `expect` objects in `namespace`; then
 *   `calls` reads of the namespace's names sorted, as the tree's getChildren reads a kind node
 *   (store.byIndex + names + sort).
 * - spread: Connections synced, then `acquire(ServiceAccounts, namespace)` to its sync (and its
 *   watch opened); reports what the kind caches in all (the parent counts the requests).
 * - memory (node --expose-gc): per step (`steps`, or the one step `kind`/`metadataOnly`/
 *   `expect`), a new session of Namespaces only (the previous one disposed): heap after GC before
 *   and after one lazy kind (secrets, or configmaps, full or metadata-only) synced with `expect`
 *   objects. One `memory` line per step.
 * - heapAll (node --expose-gc): the extension's Connections synced (eager kinds, discovery): heap
 *   after GC; then every other discovered kind acquired once and settled (synced, forbidden...):
 *   heap after GC again. Reports both (scenario 14e).
 */
import { performance } from 'node:perf_hooks';
import * as v8 from 'node:v8';
import { NAMESPACE_INDEX } from '../../src/core/cache/indexers';
import type { ClusterSession } from '../../src/core/cluster/clusterSession';
import { ContextManager } from '../../src/core/cluster/contextManager';
import { kindIndexers } from '../../src/core/cluster/kindIndexers';
import { CONFIG_MAPS, NAMESPACES, SECRETS, SERVICE_ACCOUNTS, type ResourceKind } from '../../src/core/kinds';
import { nullLogger } from '../../src/core/util/logger';
import { Connections } from '../../src/host/contexts/connections';
import type { KubeconfigService } from '../../src/host/contexts/kubeconfigService';
import { clusterTlsForContext } from '../../src/kube/clusterTls';
import { CredentialProviders } from '../../src/kube/credentials';
import { createDiscoveryClient } from '../../src/kube/discoveryClient';
import { loadKubeconfigs, type ContextInfo } from '../../src/kube/kubeconfig';
import { createKubeSessionFactory } from '../../src/kube/sessionFactory';
import { KubeTransport } from '../../src/kube/transport';

interface MemoryStep {
  kind: 'secrets' | 'configmaps';
  metadataOnly?: boolean;
  expect: number;
}

interface Options {
  mode: 'discover' | 'quiet' | 'lazy' | 'spread' | 'memory' | 'heapAll';
  kubeconfig: string;
  context: string;
  namespace?: string;
  expect?: number;
  calls?: number;
  kind?: 'secrets' | 'configmaps';
  metadataOnly?: boolean;
  steps?: MemoryStep[];
  /** memory: also write heap snapshots `<prefix>-before/after.heapsnapshot` (after the GCs). */
  heapSnapshotPrefix?: string;
}

const loadedMs = performance.now();
const opts = JSON.parse(process.argv[2] ?? '{}') as Options;
const emit = (m: Record<string, unknown>) => process.stdout.write(JSON.stringify(m) + '\n');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const TIMEOUT_MS = 300_000;

/** until polls `pred` every `everyMs` ms, bounded by TIMEOUT_MS. */
async function until(pred: () => boolean, what: string, everyMs = 1): Promise<void> {
  const end = Date.now() + TIMEOUT_MS;
  while (!pred()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}

async function discover(): Promise<void> {
  const loaded = loadKubeconfigs([opts.kubeconfig]);
  const context = loaded.contexts.find((c) => c.name === opts.context)!;
  const transport = new KubeTransport({
    cluster: clusterTlsForContext(loaded.config, context.name),
    credentials: new CredentialProviders().forUser(loaded.config, context.user, context.cluster),
  });
  const t0 = performance.now();
  const r = await createDiscoveryClient({ transport }).discover(new AbortController().signal);
  const ms = performance.now() - t0;
  const preferred = r.kinds.filter((k) => k.preferred);
  const groups = new Set(preferred.map((k) => k.group)).size;
  emit({
    type: 'discovered',
    loadedMs,
    ms,
    mode: r.mode,
    requests: r.requests,
    kinds: preferred.length,
    groups,
  });
  transport.dispose();
}

function connections(): Connections {
  const loaded = loadKubeconfigs([opts.kubeconfig]);
  const used: Pick<KubeconfigService, 'current' | 'ready' | 'onDidChange'> = {
    current: loaded,
    ready: () => Promise.resolve(loaded),
    onDidChange: () => ({ dispose() {} }),
  };
  return new Connections({
    kubeconfig: used as KubeconfigService,
    logger: nullLogger,
    namespaces: () => [],
    autoConnect: () => [opts.context],
  });
}

/** startSynced starts Connections and waits for the context's eager kinds and its discovery. */
async function startSynced(): Promise<ClusterSession> {
  const c = connections();
  c.start();
  let s: ClusterSession | undefined;
  await until(
    () => {
      s = c.session(opts.context);
      return s?.status.phase === 'synced' && s.discovery?.status.phase === 'ready';
    },
    'the context to sync',
    5,
  );
  return s!;
}

function namesSorted(s: ClusterSession, kind: ResourceKind, ns: string): string[] {
  return (s.storeOf(kind, ns)?.byIndex(NAMESPACE_INDEX, ns) ?? []).map((o) => o.metadata.name ?? '').sort();
}

/** spread opens ServiceAccounts under one namespace, as the tree does, and reports what is cached. */
async function spread(): Promise<void> {
  const s = await startSynced();
  const ns = opts.namespace!;
  const kind = s.discovery?.byResource('', 'serviceaccounts') ?? SERVICE_ACCOUNTS;
  const t0 = performance.now();
  const lease = s.acquire(kind, ns);
  await until(
    () =>
      s.kindStatusOf(kind, ns).phase === 'synced' &&
      (s.storeOf(kind, ns)?.byIndex(NAMESPACE_INDEX, ns).length ?? 0) >= opts.expect!,
    'ServiceAccounts to sync',
  );
  const firstMs = performance.now() - t0;
  await sleep(SETTLE_MS);
  emit({
    type: 'spread',
    firstMs,
    cached: s.storeOf(kind)?.size ?? 0,
    inNamespace: s.storeOf(kind, ns)?.byIndex(NAMESPACE_INDEX, ns).length ?? 0,
    scopes: s.lazyScopes(kind),
  });
  lease.dispose();
  process.exit(0);
}

async function lazy(): Promise<void> {
  const s = await startSynced();
  await lazyOn(s, opts);
  process.exit(0);
}

/** lazyOn times acquire(ConfigMaps) on the synced session `s`, then the reads from its cache. */
async function lazyOn(s: ClusterSession, o: Pick<Options, 'namespace' | 'expect' | 'calls'>): Promise<void> {
  const ns = o.namespace!;
  const expect = o.expect!;
  const t0 = performance.now();
  const lease = s.acquire(CONFIG_MAPS, ns);
  await until(
    () =>
      s.kindStatusOf(CONFIG_MAPS, ns).phase === 'synced' &&
      (s.storeOf(CONFIG_MAPS, ns)?.byIndex(NAMESPACE_INDEX, ns).length ?? 0) >= expect,
    'ConfigMaps to sync',
  );
  const firstMs = performance.now() - t0;
  const times: number[] = [];
  let children = 0;
  for (let i = 0; i < (o.calls ?? 100); i++) {
    const a = performance.now();
    children = namesSorted(s, CONFIG_MAPS, ns).length;
    times.push(performance.now() - a);
  }
  emit({ type: 'lazy', firstMs, times, children, discovered: s.discovery?.kinds.length ?? 0 });
  lease.dispose();
}

async function quiet(): Promise<void> {
  const s = await startSynced();
  emit({
    type: 'synced',
    at: Date.now(),
    discovered: s.discovery?.kinds.length ?? 0,
    eager: s.kinds.map((k) => k.plural),
  });
  // Commands on stdin, one JSON line each, run one after the other; until SIGTERM.
  let chain = Promise.resolve();
  let pending = '';
  process.stdin.on('data', (d: Buffer) => {
    pending += d.toString();
    let nl: number;
    while ((nl = pending.indexOf('\n')) >= 0) {
      const cmd = JSON.parse(pending.slice(0, nl)) as Partial<Options> & { do?: string };
      pending = pending.slice(nl + 1);
      if (cmd.do === 'lazy') chain = chain.then(() => lazyOn(s, cmd));
    }
  });
  await new Promise<never>(() => {});
}

function heapAfterGc(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('memory mode needs node --expose-gc');
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed;
}

async function memory(): Promise<void> {
  const steps = opts.steps ?? [
    { kind: opts.kind ?? 'secrets', metadataOnly: opts.metadataOnly, expect: opts.expect! },
  ];
  for (const [i, step] of steps.entries())
    await memoryStep(step, i === 0 ? opts.heapSnapshotPrefix : undefined);
  process.exit(0);
}

/** enumerableKeys: own and inherited enumerable keys (what JSON of a compact object writes). */
function enumerableKeys(o: object): string[] {
  const keys: string[] = [];
  for (const k in o) keys.push(k);
  return keys;
}

/** settle lets the watch that follows a list open (no figure depends on its exact length). */
const SETTLE_MS = 50;

async function memoryStep(step: MemoryStep, heapSnapshotPrefix: string | undefined): Promise<void> {
  const kind = step.kind === 'configmaps' ? CONFIG_MAPS : SECRETS;
  const loaded = loadKubeconfigs([opts.kubeconfig]);
  const manager = new ContextManager<ContextInfo, ClusterSession>({
    sessionFactory: createKubeSessionFactory({
      config: () => loaded.config,
      credentials: new CredentialProviders(),
      kinds: [NAMESPACES],
      discovery: false,
      metadataOnly: (k) => step.metadataOnly === true && k === kind,
      // The indexes the extension gives the kind (Connections: kindIndexers), which cost per object.
      informerOptions: (k) => ({
        indexers: kindIndexers(k, { eager: false, metadataOnly: step.metadataOnly === true && k === kind }),
      }),
    }),
  });
  manager.reconcile(loaded.contexts);
  manager.connect(opts.context);
  let s: ClusterSession | undefined;
  await until(() => (s = manager.session(opts.context))?.status.phase === 'synced', 'namespaces', 5);
  await sleep(SETTLE_MS);
  const before = heapAfterGc();
  if (heapSnapshotPrefix) v8.writeHeapSnapshot(`${heapSnapshotPrefix}-before.heapsnapshot`);
  const lease = s!.acquire(kind);
  const t0 = performance.now();
  await until(
    () => s!.kindStatusOf(kind).phase === 'synced' && (s!.storeOf(kind)?.size ?? 0) >= step.expect,
    `${kind.plural} to sync`,
    5,
  );
  const syncMs = performance.now() - t0;
  await sleep(SETTLE_MS);
  const after = heapAfterGc();
  if (heapSnapshotPrefix) v8.writeHeapSnapshot(`${heapSnapshotPrefix}-after.heapsnapshot`);
  const objects = s!.storeOf(kind)!.size;
  const sample = s!.storeOf(kind)!.list()[0] as Record<string, unknown>;
  emit({
    type: 'memory',
    kind: step.kind,
    metadataOnly: step.metadataOnly === true,
    before,
    after,
    objects,
    syncMs,
    // for...in: a compact object's apiVersion and kind are its kind's prototype's (MetadataCompactor).
    keys: enumerableKeys(sample ?? {}),
    sample: JSON.stringify(sample).slice(0, 1500),
  });
  lease.dispose();
  manager.dispose();
}

/** Kind phases that are final for heapAll: the kind got what it could. */
const SETTLED = new Set(['synced', 'forbidden', 'unauthorized', 'retrying', 'stopped']);

async function heapAll(): Promise<void> {
  const s = await startSynced();
  await sleep(SETTLE_MS);
  const eagerHeap = heapAfterGc();
  const eager = new Set(s.kinds.map((k) => `${k.group}/${k.plural}`));
  const lazyKinds = (s.discovery?.kinds ?? []).filter((k) => !eager.has(`${k.group}/${k.plural}`));
  const t0 = performance.now();
  const leases = lazyKinds.map((k) => s.acquire(k));
  await until(() => lazyKinds.every((k) => SETTLED.has(s.kindStatusOf(k).phase)), 'every kind to settle', 5);
  const openMs = performance.now() - t0;
  await sleep(SETTLE_MS);
  const allHeap = heapAfterGc();
  const phases: Record<string, number> = {};
  let objects = 0;
  for (const k of lazyKinds) {
    const st = s.kindStatusOf(k);
    phases[st.phase] = (phases[st.phase] ?? 0) + 1;
    objects += s.storeOf(k)?.size ?? 0;
  }
  const eagerObjects = s.kinds.reduce((n, k) => n + (s.storeOf(k)?.size ?? 0), 0);
  emit({
    type: 'heapAll',
    eagerHeap,
    allHeap,
    eagerKinds: s.kinds.length,
    eagerObjects,
    opened: lazyKinds.length,
    objects,
    phases,
    openMs,
  });
  for (const l of leases) l.dispose();
  process.exit(0);
}

const modes = { discover, quiet, lazy, spread, memory, heapAll };
modes[opts.mode]().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
