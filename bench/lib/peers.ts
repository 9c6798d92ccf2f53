/**
 * peers: what scenario 15 runs beside our engine. The bare-HTTP floor (floorEntry.ts) and
 * client-node's informer (peerInformerEntry.ts) are bundled with the engine's esbuild settings;
 * each client runs in its own process, on Node 20 (this process's Node) or on the Node 24 of
 * .cache/node24 (installed by scripts/check-bundle.ts), under time(1) for CPU and peak RSS.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { startTestServer } from '../../test/server/index';
import type { BenchCluster } from './cluster';
import { ROOT } from './context';
import { lastJson, measure } from './proc';

/** Client is one of the three compared clients. */
export type Client = 'ours' | 'floor' | 'client-node';

/** NODE24 is where scripts/check-bundle.ts installs Node 24; absent on a fresh machine. */
export const NODE24 = path.join(ROOT, '.cache', 'node24', 'node_modules', 'node', 'bin', 'node');

/** PeerBundles are the bundled floor and client-node entries. */
export interface PeerBundles {
  floor: string;
  clientNode: string;
}

/** buildPeers bundles both entries into `outDir` (minified CJS, node20, as the engine). */
export async function buildPeers(outDir: string): Promise<PeerBundles> {
  const build = async (entry: string, out: string) => {
    const outfile = path.join(outDir, out);
    await esbuild.build({
      entryPoints: [path.join(ROOT, 'bench/lib', entry)],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['bufferutil', 'utf-8-validate'],
      minify: true,
      legalComments: 'none',
      logLevel: 'error',
    });
    return outfile;
  };
  const [floor, clientNode] = await Promise.all([
    build('floorEntry.ts', 'floor.js'),
    build('peerInformerEntry.ts', 'client-node-informer.js'),
  ]);
  return { floor, clientNode };
}

const TOKEN = 'bench-floor-token-0123456789abcdef';

/** PagedCluster is a BenchCluster whose server pages every LIST, with what the floor needs to reach it. */
export interface PagedCluster extends BenchCluster {
  caFile: string;
  token: string;
}

/**
 * startPagedCluster starts a server without a watch cache (kube-apiserver --watch-cache=false),
 * so that the engine's first LIST (resourceVersion 0, limit 500) comes back in pages of 500,
 * as do the floor's and kubectl's.
 */
export async function startPagedCluster(dir: string, name: string): Promise<PagedCluster> {
  const server = await startTestServer({ eventTtlMs: 7 * 24 * 3600_000, watchCache: false });
  server.addTokenUser('admin', TOKEN);
  server.grantAll('admin');
  fs.mkdirSync(dir, { recursive: true });
  const kubeconfig = path.join(dir, `kubeconfig-${name}`);
  fs.writeFileSync(kubeconfig, server.kubeconfig({ user: 'admin', token: TOKEN, contextName: name }), {
    mode: 0o600,
  });
  const caFile = path.join(dir, `ca-${name}.pem`);
  fs.writeFileSync(caFile, server.caPem);
  return {
    server,
    kubeconfig,
    context: name,
    caFile,
    token: TOKEN,
    pods: 0,
    events: 0,
    stop: () => server.stop(),
  };
}

/** ClientRun is one measured sync. */
export interface ClientRun {
  client: Client;
  node: string;
  /** Whole child, spawn to exit (time(1)): user + system CPU, ms. */
  cpuMs: number;
  /** Inside the child: CPU from bundle loaded to synced, ms (process.cpuUsage). */
  syncCpuMs: number;
  /** Inside the child: CPU at process start + bundle load, ms. */
  loadCpuMs: number;
  rssMiB: number;
  wallMs: number;
  /** Objects kept per kind (pods, events). */
  counts: number[];
}

interface SyncedLine {
  loadedCpuMs: number;
  syncedCpuMs: number;
  counts?: number[];
  pods?: number;
  events?: number;
}

/** ClientFiles are the three bundles and the cluster they sync from. */
export interface ClientFiles {
  engine: string;
  peers: PeerBundles;
  cluster: PagedCluster;
}

/** argsOf is the child's command line for `client` (extra node flags first, e.g. --cpu-prof). */
export function argsOf(
  client: Client,
  f: ClientFiles,
  opts: { limit?: number; engine?: string } = {},
): string[] {
  const c = f.cluster;
  if (client === 'ours') {
    const o = { mode: 'sync', wiring: 'engine', kubeconfig: c.kubeconfig, context: c.context };
    return [opts.engine ?? f.engine, JSON.stringify(o)];
  }
  if (client === 'floor') {
    const o = {
      server: c.server.url,
      caFile: c.caFile,
      token: c.token,
      paths: ['/api/v1/pods', '/api/v1/events'],
      limit: 500,
    };
    return [f.peers.floor, JSON.stringify(o)];
  }
  return [
    f.peers.clientNode,
    JSON.stringify({ kubeconfig: c.kubeconfig, context: c.context, limit: opts.limit ?? 0 }),
  ];
}

/** runClient runs one sync of `client` on the Node binary `node` and returns its figures. */
export async function runClient(
  client: Client,
  node: string,
  f: ClientFiles,
  opts: { limit?: number } = {},
): Promise<ClientRun> {
  const proc = await measure(node, argsOf(client, f, opts), { stdout: 'pipe', timeoutMs: 600_000 });
  const out = lastJson<SyncedLine>(proc.stdout);
  return {
    client,
    node,
    cpuMs: proc.cpuMs,
    syncCpuMs: out.syncedCpuMs - out.loadedCpuMs,
    loadCpuMs: out.loadedCpuMs,
    rssMiB: proc.maxRssKiB / 1024,
    wallMs: proc.wallMs,
    counts: out.counts ?? [out.pods ?? 0, out.events ?? 0],
  };
}
