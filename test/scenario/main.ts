/**
 * main: the server half of the demo.
 *
 *   npx tsx test/scenario/main.ts [--port N] [--out DIR] [--speed X] [--scale S] [--seed N]
 *     [--manifests FOLDER]   (also writes the workloads' manifests there: see manifests.ts)
 *
 * Starts the test API server (TLS) on 127.0.0.1, seeds it with a realistic cluster, writes
 * DIR/kubeconfig.yaml (contexts `demo-admin` and `demo-restricted`), starts the Scenario,
 * and prints the server URL, the kubeconfig path and a one-line summary of each notable
 * step. DIR/demo.json is written last, once everything is ready, for a launcher to wait on.
 * SIGINT/SIGTERM stop the scenario and the server and exit 0.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startTestServer } from '../server';
import { seedCluster, Scenario, writeDemoKubeconfig } from './cluster';
import { writeDemoManifests } from './manifests';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function numberArg(name: string, fallback: number): number {
  const v = arg(name);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} wants a non-negative number, got ${v}`);
  return n;
}

const out = (line: string) => process.stdout.write(`${line}\n`);
const stamp = () => new Date().toISOString().slice(11, 19);

async function main(): Promise<void> {
  const dir = resolve(arg('--out') ?? join(tmpdir(), 'kube-events-demo'));
  const speed = numberArg('--speed', 1) || 1;
  mkdirSync(dir, { recursive: true });
  const server = await startTestServer({ port: numberArg('--port', 0), tls: true });
  const seeded = seedCluster(server, { scale: numberArg('--scale', 1), seed: numberArg('--seed', 1) });
  const kc = writeDemoKubeconfig(server, join(dir, 'kubeconfig.yaml'));
  const manifestsFolder = arg('--manifests');
  if (manifestsFolder)
    out(
      `manifests: ${writeDemoManifests(server, resolve(manifestsFolder)).length} files in ${manifestsFolder}/deploy`,
    );
  const scenario = new Scenario({
    server,
    speed,
    seed: numberArg('--seed', 1) + 1,
    onNotice: (line) => out(`[${stamp()}] ${line}`),
    onError: (err, track) =>
      out(`[${stamp()}] ${track} step failed: ${err instanceof Error ? err.message : String(err)}`),
  });
  const c = seeded.counts;
  out(`API server: ${server.url}`);
  out(
    `kubeconfig: ${kc.file} (contexts: ${kc.contexts.join(', ')}; ${kc.restrictedContext} sees only namespace ${kc.restrictedNamespace})`,
  );
  out(
    `seeded: ${c.namespaces} namespaces, ${c.nodes} nodes, ${c.deployments} deployments, ${c.pods} pods, ${c.events} events`,
  );
  out(`try: kubectl --kubeconfig ${kc.file} --context ${kc.adminContext} get pods -A`);
  scenario.start();
  writeFileSync(
    join(dir, 'demo.json'),
    JSON.stringify(
      { url: server.url, kubeconfig: kc.file, contexts: kc.contexts, pid: process.pid, speed },
      null,
      2,
    ) + '\n',
  );
  out(`scenario running at speed ${speed}; Ctrl-C to stop`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    out(`${signal}: stopping`);
    scenario.stop();
    server.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
