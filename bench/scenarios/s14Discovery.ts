/**
 * Scenario 14 (issue 12): API discovery, lazy kinds and metadata-only Secrets, on a cluster of
 * 60 groups / 200 kinds (the test server's built-ins plus CRDs), 5,000 ConfigMaps in one
 * namespace and TLS Secrets. Every client runs in its own process (lib/discoveryEntry.ts,
 * bundled like the extension); kubectl runs against the same server in the same run.
 *
 * - 14a1 round trips of one context's discovery (aggregated: the parallel /api + /apis pair = 1),
 *   from the server's request log; 14a2 its time (a fresh transport + discover(), in the child)
 *   vs `kubectl api-resources` (spawn to exit) with a fresh `--cache-dir` each run.
 * - 14b requests for kinds never opened while the extension's Connections start (eager kinds,
 *   discovery, the CRD signal) and then stay quiet.
 * - 14c1 acquire(ConfigMaps, NS) (the tree's lease of a kind node under NS) to a synced store of
 *   5,000 vs `kubectl get configmaps -n NS -o json`; 14c2 the namespace's children from the cache
 *   afterwards (byIndex + names + sort); 14c3 the requests and objects listed when one namespace
 *   of ServiceAccounts spread over 100 namespaces is opened (target: that namespace's only).
 * - 14d1 heap after GC per Secret cached metadata-only; 14d2 ConfigMaps metadata-only vs full.
 */
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BenchCluster } from '../lib/cluster';
import { runs, ROOT, type BenchContext, type Scenario } from '../lib/context';
import {
  CM_NAMESPACE,
  CONFIG_MAP_COUNT,
  populateDiscoveryCluster,
  SECRET_NAMESPACE,
  SPREAD_NAMESPACES,
  SPREAD_PER_NAMESPACE,
  spreadNamespace,
} from '../lib/discoveryCluster';
import { vscodeStubPlugin } from '../lib/engine';
import { diffPerUnit, summarizeHeap } from '../lib/heap';
import { KUBECTL, kubectl } from '../lib/kubectl';
import { lastJson, measure, startLive, type LiveChild, type ProcResult } from '../lib/proc';
import type { Figure } from '../lib/results';
import { median, spread } from '../lib/stats';
import type { RequestRecord } from '../../test/server/types';
import { seedCluster } from '../../test/scenario/cluster';

const CLUSTER = 'discovery';
/** 14e's cluster: the demo's objects (test/scenario), on a server of its own. */
const DEMO_CLUSTER = 'demo14';
/** Legacy discovery's parallelism (DISCOVERY_CLIENT_DEFAULTS.concurrency), for its round trips. */
const LEGACY_CONCURRENCY = 6;

/** buildDiscoveryEntry bundles lib/discoveryEntry.ts as the extension is bundled. */
async function buildDiscoveryEntry(outDir: string): Promise<string> {
  const outfile = path.join(outDir, 'discovery.js');
  await esbuild.build({
    entryPoints: [path.join(ROOT, 'bench/lib/discoveryEntry.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['bufferutil', 'utf-8-validate'],
    plugins: [vscodeStubPlugin],
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  return outfile;
}

async function runChild<T>(
  entry: string,
  o: Record<string, unknown>,
  nodeArgs: string[] = [],
): Promise<{ proc: ProcResult; out: T }> {
  const proc = await measure(process.execPath, [...nodeArgs, entry, JSON.stringify(o)], {
    stdout: 'pipe',
    timeoutMs: 300_000,
  });
  return { proc, out: lastJson<T>(proc.stdout) };
}

/** isDiscoveryPath: the discovery documents (/api, /apis and their group-version documents). */
const isDiscoveryPath = (r: RequestRecord) =>
  r.resource === undefined && /^\/apis?(\/[^/]+){0,2}$/.test(r.path) && r.method === 'GET';

/** roundTrips: the aggregated pair is one; legacy adds a wave per LEGACY_CONCURRENCY documents. */
function roundTrips(reqs: readonly RequestRecord[]): number {
  const paths = reqs.filter(isDiscoveryPath).map((r) => r.path);
  const rest = paths.filter((p) => p !== '/api' && p !== '/apis').length;
  return (paths.length > 0 ? 1 : 0) + Math.ceil(rest / LEGACY_CONCURRENCY);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const perResource = (reqs: readonly RequestRecord[]) => {
  const m = new Map<string, number>();
  for (const r of reqs) {
    const key = `${r.verb} ${r.resource ?? r.path}`;
    m.set(key, (m.get(key) ?? 0) + 1);
  }
  return [...m].map(([k, n]) => `${k} ${n}`).join(', ') || 'none';
};

interface Discovered {
  ms: number;
  loadedMs: number;
  mode: string;
  requests: number;
  kinds: number;
  groups: number;
}

async function discoveryFigures(ctx: BenchContext, c: BenchCluster, entry: string): Promise<Figure[]> {
  const n = runs(ctx, 7, 1);
  const ours: { wall: number; inProcess: number; trips: number; requests: number; out: Discovered }[] = [];
  const kube: { wall: number; requests: number; trips: number }[] = [];
  const args = { mode: 'discover', kubeconfig: c.kubeconfig, context: c.context };
  if (!ctx.quick) await runChild(entry, args); // warms the page cache for the bundle; not counted
  for (let i = 0; i < n; i++) {
    let mark = c.server.requests.length;
    const { proc, out } = await runChild<Discovered>(entry, args);
    const mine = c.server.requests.slice(mark);
    ours.push({ wall: proc.wallMs, inProcess: out.ms, trips: roundTrips(mine), requests: mine.length, out });
    const cacheDir = fs.mkdtempSync(path.join(ctx.tmp, 'kubectl-fresh-'));
    mark = c.server.requests.length;
    const k = await measure(
      KUBECTL,
      ['--kubeconfig', c.kubeconfig, '--cache-dir', cacheDir, 'api-resources'],
      {
        stdout: 'ignore',
      },
    );
    const theirs = c.server.requests.slice(mark);
    kube.push({ wall: k.wallMs, requests: theirs.length, trips: roundTrips(theirs) });
    fs.rmSync(cacheDir, { recursive: true, force: true });
    ctx.log(
      `  discovery run ${i + 1}/${n}: ours ${proc.wallMs.toFixed(0)} ms (discover() ${out.ms.toFixed(1)} ms, ${mine.length} requests, ${out.groups} groups/${out.kinds} kinds, ${out.mode}); kubectl ${k.wallMs.toFixed(0)} ms (${theirs.length} requests)`,
    );
  }
  const first = ours[0]!.out;
  if (first.groups < 60 || first.kinds < 200)
    throw new Error(`discovery found ${first.groups} groups / ${first.kinds} kinds, expected 60 / 200`);
  const trips = ours.map((o) => o.trips);
  const wall = ours.map((o) => o.wall);
  const inProc = ours.map((o) => o.inProcess);
  const kWall = kube.map((k) => k.wall);
  const base = {
    what: 'kubectl api-resources, fresh --cache-dir',
    value: median(kWall),
    unit: 'ms',
    spread: spread(kWall),
    runs: kWall,
  };
  return [
    {
      id: '14a1',
      title: `discovery of ${first.groups} groups / ${first.kinds} kinds: round trips per context`,
      value: median(trips),
      unit: 'round trips',
      spread: spread(trips),
      target: { text: '<= 1 (the parallel /api + /apis pair)', of: 'value', op: '<=', limit: 1 },
      baseline: null,
      ratio: null,
      extra: { requests: median(ours.map((o) => o.requests)) },
      runs: ours.map((o) => ({ trips: o.trips, requests: o.requests, mode: o.out.mode })),
      notes: [
        `Counted in the server's request log during each child: discovery mode ${first.mode}, ${median(ours.map((o) => o.requests))} requests (the /api + /apis pair sent in parallel counts as one round trip; a legacy group-version document adds one per ${LEGACY_CONCURRENCY} in flight).`,
        `kubectl api-resources with a fresh cache dir made ${median(kube.map((k) => k.requests))} requests (${median(kube.map((k) => k.trips))} round trips counted the same way).`,
        `Cluster: the test server's built-in kinds plus 183 CRDs over 49 groups; the client keeps ${first.groups} groups / ${first.kinds} listable, watchable kinds (preferred versions).`,
      ],
    },
    {
      id: '14a2',
      title: 'discovery of 60 groups / 200 kinds: time vs kubectl api-resources',
      value: median(inProc),
      unit: 'ms',
      spread: spread(inProc),
      target: { text: '<= 1.0x kubectl api-resources', of: 'ratio', op: '<=', limit: 1 },
      baseline: base,
      ratio: null,
      extra: { processWallMs: median(wall), processRatio: median(wall) / base.value },
      runs: inProc,
      notes: [
        `Ours: in a fresh child process, a new transport (TLS handshake included) and one createDiscoveryClient().discover() (parse included), timed inside the process: what a context's connect pays in the running extension host. kubectl: \`kubectl --cache-dir <new empty dir> api-resources\` spawn to exit (stdout to /dev/null), which includes its process start. ${n} runs, interleaved.`,
        `Spawn to exit of our child too (node start + loading the 1.1 MB bundle, module load ${median(ours.map((o) => o.out.loadedMs)).toFixed(0)} ms, + discover()): median ${median(wall).toFixed(0)} ms = ${(median(wall) / base.value).toFixed(2)}x kubectl; the extension host pays node start and the bundle load once at activation, not per discovery.`,
      ],
    },
  ];
}

/**
 * quietFigure measures 14b and hands back its child, synced and quiet, for the first lazy run
 * (14c): one start-up serves both. The caller stops the child.
 */
async function quietFigure(
  ctx: BenchContext,
  c: BenchCluster,
  entry: string,
): Promise<{ figure: Figure; child: LiveChild }> {
  const quietMs = ctx.quick ? 1_000 : 60_000;
  const mark = c.server.requests.length;
  const child = startLive(process.execPath, [
    entry,
    JSON.stringify({ mode: 'quiet', kubeconfig: c.kubeconfig, context: c.context }),
  ]);
  let synced: Record<string, unknown>;
  try {
    synced = await child.waitFor((m) => m.type === 'synced', 120_000);
    const syncMark = c.server.requests.length;
    await sleep(quietMs);
    const all = c.server.requests.slice(mark);
    const quiet = c.server.requests.slice(syncMark);
    const eager = new Set(synced.eager as string[]);
    const allowed = new Set([
      ...eager,
      'customresourcedefinitions',
      'selfsubjectaccessreviews',
      'selfsubjectrulesreviews',
    ]);
    const unopened = (rs: readonly RequestRecord[]) =>
      rs.filter((r) => r.resource !== undefined && !allowed.has(r.resource));
    const value = unopened(all).length;
    ctx.log(
      `  quiet: ${all.length} requests in all, ${quiet.length} after sync, ${value} for kinds never opened`,
    );
    const figure: Figure = {
      id: '14b',
      title: 'requests for kinds never opened (start-up + quiet period)',
      value,
      unit: 'requests',
      target: { text: '0', of: 'value', op: '==', limit: 0 },
      baseline: null,
      ratio: null,
      extra: { startupRequests: all.length - quiet.length, quietRequests: quiet.length },
      runs: [value],
      notes: [
        `The extension's Connections (eager: ${[...eager].join(', ')}; discovery; the CRD signal) from process start to sync, then ${quietMs / 1000} s of quiet; ${synced.discovered} kinds discovered, none opened.`,
        `Start-up requests by verb and resource: ${perResource(all.filter((r) => !quiet.includes(r)))}; discovery documents: ${all.filter(isDiscoveryPath).length}.`,
        `Quiet period: ${perResource(quiet)} (watches still open at the end are counted when they started).`,
        `Requests for kinds never opened: ${perResource(unopened(all))}.`,
      ],
    };
    return { figure, child };
  } catch (err) {
    await child.stop();
    throw err;
  }
}

interface LazyOut {
  firstMs: number;
  times: number[];
  children: number;
}

/**
 * lazyFigures: 14c1/14c2. The first run asks `synced` (the quiet child of 14b: same state as a
 * fresh child once synced) and stops it; the other runs each start a fresh child.
 */
async function lazyFigures(
  ctx: BenchContext,
  c: BenchCluster,
  entry: string,
  configMaps: number,
  synced: LiveChild,
): Promise<Figure[]> {
  const n = runs(ctx, 5, 1);
  const calls = ctx.quick ? 100 : 300;
  const kArgs = ['get', 'configmaps', '-n', CM_NAMESPACE, '-o', 'json'];
  await kubectl(c, ctx.tmp, ['get', 'namespaces', '-o', 'name']); // warms kubectl's cache
  const first: number[] = [];
  const cached: number[] = [];
  const kWall: number[] = [];
  const args = { namespace: CM_NAMESPACE, expect: configMaps, calls };
  for (let i = 0; i < n; i++) {
    let out: LazyOut;
    if (i === 0) {
      try {
        synced.send({ do: 'lazy', ...args });
        out = (await synced.waitFor((m) => m.type === 'lazy', 300_000)) as unknown as LazyOut;
      } finally {
        await synced.stop();
      }
    } else
      out = (
        await runChild<LazyOut>(entry, {
          mode: 'lazy',
          kubeconfig: c.kubeconfig,
          context: c.context,
          ...args,
        })
      ).out;
    if (out.children !== configMaps) throw new Error(`children: ${out.children}, expected ${configMaps}`);
    first.push(out.firstMs);
    cached.push(median(out.times.slice(1)));
    kWall.push((await kubectl(c, ctx.tmp, kArgs)).wallMs);
    ctx.log(
      `  lazy run ${i + 1}/${n}: acquire -> ${configMaps.toLocaleString('en')} synced ${out.firstMs.toFixed(0)} ms, children from cache ${cached[i]!.toFixed(2)} ms; kubectl ${kWall[i]!.toFixed(0)} ms`,
    );
  }
  return [
    {
      id: '14c1',
      title: `open a lazy kind of ${configMaps.toLocaleString('en')} ConfigMaps: acquire to first children`,
      value: median(first),
      unit: 'ms',
      spread: spread(first),
      target: { text: '<= 1.0x kubectl get', of: 'ratio', op: '<=', limit: 1 },
      baseline: {
        what: `kubectl get configmaps -n ${CM_NAMESPACE} -o json`,
        value: median(kWall),
        unit: 'ms',
        spread: spread(kWall),
        runs: kWall,
      },
      ratio: null,
      runs: first,
      notes: [
        `In the engine process after its context synced (eager kinds + discovery): from session.acquire(ConfigMaps, '${CM_NAMESPACE}') (a LIST and WATCH of that namespace only, as the tree leases a kind node under a namespace) to the kind synced with ${configMaps.toLocaleString('en')} objects in the namespace (polled every 1 ms), i.e. the LIST (stripped as it streams) and the store. The first run is in the child of 14b (synced, then quiet), the others each in a fresh child. kubectl: spawn to exit with a warm discovery cache, stdout to /dev/null.`,
        'ConfigMaps of ~1.5 KB of JSON each (a properties file, labels, a managedFields entry).',
      ],
    },
    {
      id: '14c2',
      title: `children of the ${configMaps.toLocaleString('en')} ConfigMaps from the cache afterwards`,
      value: median(cached),
      unit: 'ms',
      spread: spread(cached),
      target: { text: '<= 5 ms', of: 'value', op: '<=', limit: 5 },
      baseline: null,
      ratio: null,
      runs: cached,
      notes: [
        `${calls} reads per run as ResourceTreeProvider reads a kind node: storeOf(kind).byIndex(namespace) + names + sort; median per run (the first excluded). The tree's interned nodes (scenario 2) are not part of this figure.`,
      ],
    },
  ];
}

interface SpreadOut {
  firstMs: number;
  cached: number;
  inNamespace: number;
  scopes: string[];
}

/**
 * spreadFigure: 14c3. A fresh child opens ServiceAccounts under one of the SPREAD_NAMESPACES
 * namespaces, as the tree does; the server's log says what was asked, the child what it cached.
 */
async function spreadFigure(ctx: BenchContext, c: BenchCluster, entry: string): Promise<Figure> {
  const ns = spreadNamespace(42);
  const mark = c.server.requests.length;
  const { out } = await runChild<SpreadOut>(entry, {
    mode: 'spread',
    kubeconfig: c.kubeconfig,
    context: c.context,
    namespace: ns,
    expect: SPREAD_PER_NAMESPACE,
  });
  const asked = c.server.requests.slice(mark).filter((r) => r.resource === 'serviceaccounts');
  const lists = asked.filter((r) => r.verb === 'list').length;
  const watches = asked.filter((r) => r.verb === 'watch').length;
  const total = SPREAD_NAMESPACES * SPREAD_PER_NAMESPACE;
  ctx.log(
    `  spread: ${asked.length} ServiceAccount requests (${[...new Set(asked.map((r) => `${r.verb} ${r.path}`))].join(', ')}), ${out.cached} objects cached of ${total}, synced in ${out.firstMs.toFixed(0)} ms`,
  );
  return {
    id: '14c3',
    title: `open one namespace of a kind spread over ${SPREAD_NAMESPACES} namespaces: objects listed`,
    value: out.cached,
    unit: 'objects',
    target: {
      text: `== ${SPREAD_PER_NAMESPACE} (that namespace's only)`,
      of: 'value',
      op: '==',
      limit: SPREAD_PER_NAMESPACE,
    },
    baseline: null,
    ratio: null,
    extra: { requests: asked.length, lists, watches, clusterObjects: total, firstMs: out.firstMs },
    runs: [out.cached],
    notes: [
      `${total.toLocaleString('en')} ServiceAccounts, ${SPREAD_PER_NAMESPACE} in each of ${SPREAD_NAMESPACES} namespaces; a fresh child (the extension's Connections, synced) runs session.acquire(ServiceAccounts, '${ns}') as the tree does for the kind node under that namespace, to sync and the watch opened. Objects listed = what the kind caches afterwards (scopes held: ${JSON.stringify(out.scopes)}).`,
      `ServiceAccount requests seen by the server: ${asked.length} (${lists} LIST, ${watches} WATCH): ${[...new Set(asked.map((r) => `${r.verb} ${r.path}`))].join(', ') || 'none'}. Before namespace leases a kind node listed the whole kind cluster-wide (${total.toLocaleString('en')} objects).`,
    ],
  };
}

interface MemOut {
  before: number;
  after: number;
  objects: number;
  syncMs: number;
  keys: string[];
  sample: string;
}

/** heapProbe diffs heap snapshots around the sync of the Secrets: what one cached Secret holds. */
async function heapProbe(
  ctx: BenchContext,
  c: BenchCluster,
  entry: string,
  secrets: number,
): Promise<string[]> {
  const dir = path.join(ctx.tmp, 'profiles');
  fs.mkdirSync(dir, { recursive: true });
  const prefix = path.join(dir, 's14-secrets');
  await runChild<MemOut>(
    entry,
    {
      mode: 'memory',
      kubeconfig: c.kubeconfig,
      context: c.context,
      kind: 'secrets',
      metadataOnly: true,
      expect: secrets,
      heapSnapshotPrefix: prefix,
    },
    ['--expose-gc'],
  );
  const before = summarizeHeap(`${prefix}-before.heapsnapshot`);
  const after = summarizeHeap(`${prefix}-after.heapsnapshot`);
  const total = (h: Map<string, number>) => [...h.values()].reduce((a, b) => a + b, 0);
  const top = diffPerUnit(before, after, secrets, 10);
  for (const f of ['before', 'after']) fs.rmSync(`${prefix}-${f}.heapsnapshot`, { force: true });
  return [
    `Heap snapshot diff around the Secrets' sync (${((total(after) - total(before)) / secrets).toFixed(0)} bytes per Secret in all): ` +
      top.map((t) => `${t.what} ${t.bytes.toFixed(0)} B`).join(', ') +
      '.',
  ];
}

interface MemStep {
  kind: 'secrets' | 'configmaps';
  metadataOnly: boolean;
  expect: number;
}

async function memoryFigures(
  ctx: BenchContext,
  c: BenchCluster,
  entry: string,
  secrets: number,
  configMaps: number,
): Promise<Figure[]> {
  const kbOf = (out: MemOut) => (out.after - out.before) / out.objects / 1024;
  /** run: one child, one fresh session per step (see discoveryEntry's memory mode). */
  const run = async (steps: MemStep[]) => {
    const proc = await measure(
      process.execPath,
      [
        '--expose-gc',
        entry,
        JSON.stringify({ mode: 'memory', kubeconfig: c.kubeconfig, context: c.context, steps }),
      ],
      { stdout: 'pipe', timeoutMs: 300_000 },
    );
    const outs = proc.stdout
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as MemOut & MemStep);
    if (outs.length !== steps.length)
      throw new Error(`memory child: ${outs.length} of ${steps.length} steps`);
    return outs.map((out) => {
      const kb = kbOf(out);
      ctx.log(
        `  memory ${out.kind}${out.metadataOnly ? ' (metadata only)' : ''}: ${kb.toFixed(3)} KB/object over ${out.objects} (keys ${out.keys.join(',')})`,
      );
      return { kb, out };
    });
  };
  const n = runs(ctx, 3, 1);
  const secretStep: MemStep = { kind: 'secrets', metadataOnly: true, expect: secrets };
  // The first child also measures the ConfigMaps (14d2) after its Secrets; each 14d1 run's Secrets
  // come first in a fresh child, as in the extension host where they are the first lazy kind.
  const [first, cmFull, cmMeta] = await run([
    secretStep,
    { kind: 'configmaps', metadataOnly: false, expect: configMaps },
    { kind: 'configmaps', metadataOnly: true, expect: configMaps },
  ]);
  const sec = [first!];
  for (let i = 1; i < n; i++) sec.push(...(await run([secretStep])));
  const wireKb = (ns: string, kind: string) => {
    const items = c.server.list('v1', kind, ns) as object[];
    return (
      items.slice(0, 500).reduce((a: number, o) => a + Buffer.byteLength(JSON.stringify(o)), 0) /
      Math.min(500, items.length) /
      1024
    );
  };
  const per = sec.map((s) => s.kb);
  const probe =
    (median(per) > 0.4 && !ctx.quick) || ctx.profile
      ? await heapProbe(ctx, c, entry, secrets)
      : ['Heap snapshot breakdown: in a full run (or with --profile) when the target is missed.'];
  return [
    {
      id: '14d1',
      title: `memory per Secret cached metadata-only (${secrets.toLocaleString('en')} Secrets)`,
      value: median(per),
      unit: 'KB',
      spread: spread(per),
      target: { text: '<= 0.4 KB per object', of: 'value', op: '<=', limit: 0.4 },
      baseline: {
        what: 'JSON per Secret on the wire (full object)',
        value: wireKb(SECRET_NAMESPACE, 'Secret'),
        unit: 'KB',
      },
      ratio: null,
      runs: sec.map((s) => s.out),
      notes: [
        'Child process (node --expose-gc), a session of Namespaces only: heapUsed after three gc() before acquire(Secrets) and after it synced; (after - before) / objects. Secrets are always listed with the PartialObjectMetadataList Accept header and cut to apiVersion, kind, metadata.',
        `Each Secret: kubernetes.io/tls, 2.4 KB of data, 2 labels, 2 annotations, one managedFields entry. Cached keys: ${sec[0]!.out.keys.join(', ')}; one cached object (${Buffer.byteLength(sec[0]!.out.sample)} bytes of JSON): ${sec[0]!.out.sample}`,
        ...probe,
      ],
    },
    {
      id: '14d2',
      title: 'memory per ConfigMap: metadata-only vs full (for comparison)',
      value: cmMeta!.kb,
      unit: 'KB',
      target: null,
      baseline: { what: 'ConfigMap cached full (stripForCache)', value: cmFull!.kb, unit: 'KB' },
      ratio: null,
      runs: [cmMeta!.out, cmFull!.out],
      notes: [
        `${configMaps.toLocaleString('en')} ConfigMaps (${wireKb(CM_NAMESPACE, 'ConfigMap').toFixed(2)} KB of JSON each on the wire): full ${cmFull!.kb.toFixed(3)} KB, metadata-only ${cmMeta!.kb.toFixed(3)} KB per object; same method as 14d1, one run each, in the child of the first 14d1 run (a fresh session per step, the previous one disposed).`,
      ],
    },
  ];
}

interface HeapAllOut {
  eagerHeap: number;
  allHeap: number;
  eagerKinds: number;
  eagerObjects: number;
  opened: number;
  objects: number;
  phases: Record<string, number>;
  openMs: number;
}

/**
 * heapAllFigure: 14e. The demo's cluster (test/scenario seedCluster, scale 1, no scenario
 * running) on its own server; in one child (node --expose-gc), the extension's Connections synced
 * (eager kinds + discovery), heap after GC; then every other discovered kind acquired once and
 * settled, heap after GC again.
 */
async function heapAllFigure(ctx: BenchContext, entry: string): Promise<Figure> {
  const c = await ctx.cluster(DEMO_CLUSTER, (c) => {
    seedCluster(c.server, { scale: 1, seed: 1 });
  });
  const n = runs(ctx, 3, 1);
  const outs: HeapAllOut[] = [];
  for (let i = 0; i < n; i++) {
    const { out } = await runChild<HeapAllOut>(
      entry,
      { mode: 'heapAll', kubeconfig: c.kubeconfig, context: c.context },
      ['--expose-gc'],
    );
    outs.push(out);
    ctx.log(
      `  heap, demo cluster: eager ${(out.eagerHeap / 2 ** 20).toFixed(1)} MiB (${out.eagerKinds} kinds, ${out.eagerObjects} objects), every kind opened ${(out.allHeap / 2 ** 20).toFixed(1)} MiB (+${out.opened} kinds, ${out.objects} objects; ${JSON.stringify(out.phases)})`,
    );
  }
  await ctx.dropCluster(DEMO_CLUSTER);
  const ratios = outs.map((o) => o.allHeap / o.eagerHeap);
  const mib = (b: number) => b / 2 ** 20;
  const o = outs[0]!;
  return {
    id: '14e',
    title: 'extension-host heap, demo cluster: every discovered kind opened vs eager kinds only',
    value: median(outs.map((x) => mib(x.allHeap))),
    unit: 'MiB',
    spread: spread(outs.map((x) => mib(x.allHeap))),
    target: { text: '<= 1.3x the eager kinds only', of: 'ratio', op: '<=', limit: 1.3 },
    baseline: {
      what: `eager kinds only (${o.eagerKinds} kinds, ${o.eagerObjects} objects)`,
      value: median(outs.map((x) => mib(x.eagerHeap))),
      unit: 'MiB',
      spread: spread(outs.map((x) => mib(x.eagerHeap))),
      runs: outs.map((x) => mib(x.eagerHeap)),
    },
    ratio: null,
    extra: { ratioMedian: median(ratios) },
    runs: outs.map((x) => mib(x.allHeap)),
    notes: [
      `One child per run (node --expose-gc, the extension's bundled Connections: eager kinds, discovery, the CRD signal): heapUsed after three gc() once synced, then after acquire() of every other discovered kind (${o.opened}, ${o.objects} objects; final phases ${JSON.stringify(o.phases)}) settled; the leases are held while measuring. Demo cluster: test/scenario's seedCluster (scale 1) without its scenario running. ${n} run(s); per-run ratios ${ratios.map((r) => r.toFixed(2)).join(', ')}.`,
      "The heap includes everything the engine process holds (loaded bundle, compiled code, sockets), as an extension host would for this extension; VS Code's own tree items and webviews are not part of it.",
    ],
  };
}

export const s14Discovery: Scenario = {
  id: 14,
  title: 'discovery, lazy kinds and metadata-only Secrets (60 groups / 200 kinds)',
  async run(ctx) {
    const secrets = ctx.quick ? 2000 : 10_000;
    const configMaps = ctx.quick ? 2000 : CONFIG_MAP_COUNT;
    // The bundle builds while the server fills.
    const [c, entry] = await Promise.all([
      ctx.cluster(CLUSTER, (c) => populateDiscoveryCluster(c, secrets, configMaps)),
      buildDiscoveryEntry(ctx.tmp),
    ]);
    const figures = [...(await discoveryFigures(ctx, c, entry))];
    const quiet = await quietFigure(ctx, c, entry);
    figures.push(quiet.figure, ...(await lazyFigures(ctx, c, entry, configMaps, quiet.child)));
    figures.push(await spreadFigure(ctx, c, entry));
    figures.push(...(await memoryFigures(ctx, c, entry, secrets, configMaps)));
    await ctx.dropCluster(CLUSTER);
    figures.push(await heapAllFigure(ctx, entry));
    return figures;
  },
};
