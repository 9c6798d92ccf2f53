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
 *   SIGTERM; reports `synced` once the context synced and discovery is ready.
 * - lazy: Connections synced, then `acquire(ConfigMaps)` timed to a synced store holding
 *   `expect` objects in `namespace`; then `calls` reads of the namespace's names sorted, as the
 *   tree's getChildren reads a kind node (store.byIndex + names + sort).
 * - memory (node --expose-gc): a session of Namespaces only, heap after GC before and after one
 *   lazy `kind` (secrets, or configmaps, full or `metadataOnly`) synced with `expect` objects.
 */
import { performance } from 'node:perf_hooks';
import * as v8 from 'node:v8';
import { NAMESPACE_INDEX } from '../../src/core/cache/indexers';
import type { ClusterSession } from '../../src/core/cluster/clusterSession';
import { ContextManager } from '../../src/core/cluster/contextManager';
import { CONFIG_MAPS, NAMESPACES, SECRETS, type ResourceKind } from '../../src/core/kinds';
import { nullLogger } from '../../src/core/util/logger';
import { Connections } from '../../src/host/contexts/connections';
import type { KubeconfigService } from '../../src/host/contexts/kubeconfigService';
import { clusterTlsForContext } from '../../src/kube/clusterTls';
import { CredentialProviders } from '../../src/kube/credentials';
import { createDiscoveryClient } from '../../src/kube/discoveryClient';
import { loadKubeconfigs, type ContextInfo } from '../../src/kube/kubeconfig';
import { createKubeSessionFactory } from '../../src/kube/sessionFactory';
import { KubeTransport } from '../../src/kube/transport';

interface Options {
  mode: 'discover' | 'quiet' | 'lazy' | 'memory';
  kubeconfig: string;
  context: string;
  namespace?: string;
  expect?: number;
  calls?: number;
  kind?: 'secrets' | 'configmaps';
  metadataOnly?: boolean;
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
  return (s.storeOf(kind)?.byIndex(NAMESPACE_INDEX, ns) ?? []).map((o) => o.metadata.name ?? '').sort();
}

async function lazy(): Promise<void> {
  const s = await startSynced();
  const ns = opts.namespace!;
  const expect = opts.expect!;
  const t0 = performance.now();
  const lease = s.acquire(CONFIG_MAPS);
  await until(
    () =>
      s.kindStatusOf(CONFIG_MAPS).phase === 'synced' &&
      (s.storeOf(CONFIG_MAPS)?.byIndex(NAMESPACE_INDEX, ns).length ?? 0) >= expect,
    'ConfigMaps to sync',
  );
  const firstMs = performance.now() - t0;
  const times: number[] = [];
  let children = 0;
  for (let i = 0; i < (opts.calls ?? 100); i++) {
    const a = performance.now();
    children = namesSorted(s, CONFIG_MAPS, ns).length;
    times.push(performance.now() - a);
  }
  emit({ type: 'lazy', firstMs, times, children, discovered: s.discovery?.kinds.length ?? 0 });
  lease.dispose();
  process.exit(0);
}

async function quiet(): Promise<void> {
  const s = await startSynced();
  emit({
    type: 'synced',
    at: Date.now(),
    discovered: s.discovery?.kinds.length ?? 0,
    eager: s.kinds.map((k) => k.plural),
  });
  await new Promise<never>(() => {}); // until SIGTERM
}

function heapAfterGc(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('memory mode needs node --expose-gc');
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed;
}

async function memory(): Promise<void> {
  const kind = opts.kind === 'configmaps' ? CONFIG_MAPS : SECRETS;
  const loaded = loadKubeconfigs([opts.kubeconfig]);
  const manager = new ContextManager<ContextInfo, ClusterSession>({
    sessionFactory: createKubeSessionFactory({
      config: () => loaded.config,
      credentials: new CredentialProviders(),
      kinds: [NAMESPACES],
      discovery: false,
      metadataOnly: (k) => opts.metadataOnly === true && k === kind,
    }),
  });
  manager.reconcile(loaded.contexts);
  manager.connect(opts.context);
  let s: ClusterSession | undefined;
  await until(() => (s = manager.session(opts.context))?.status.phase === 'synced', 'namespaces', 5);
  await sleep(200);
  const before = heapAfterGc();
  if (opts.heapSnapshotPrefix) v8.writeHeapSnapshot(`${opts.heapSnapshotPrefix}-before.heapsnapshot`);
  const lease = s!.acquire(kind);
  const t0 = performance.now();
  await until(
    () => s!.kindStatusOf(kind).phase === 'synced' && (s!.storeOf(kind)?.size ?? 0) >= opts.expect!,
    `${kind.plural} to sync`,
    5,
  );
  const syncMs = performance.now() - t0;
  await sleep(200);
  const after = heapAfterGc();
  if (opts.heapSnapshotPrefix) v8.writeHeapSnapshot(`${opts.heapSnapshotPrefix}-after.heapsnapshot`);
  const objects = s!.storeOf(kind)!.size;
  const sample = s!.storeOf(kind)!.list()[0] as Record<string, unknown>;
  emit({
    type: 'memory',
    before,
    after,
    objects,
    syncMs,
    keys: Object.keys(sample ?? {}),
    sample: JSON.stringify(sample).slice(0, 1500),
  });
  lease.dispose();
  manager.dispose();
  process.exit(0);
}

const modes = { discover, quiet, lazy, memory };
modes[opts.mode]().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
