/**
 * pairSync: scenario 1's sync (10k pods + 10k events, the extension wiring) for two or more
 * source trees, interleaved run by run, each tree with its own engine bundle and its own
 * in-process test server, so that a machine or load change hits every side alike. Per run: wall
 * (spawn to exit), the client's user+sys CPU, minor page faults and peak RSS (time(1)), and the
 * server's CPU (this process's CPU during the run; the server is the only thing working here).
 *
 *   git archive <commit> | tar -x -C /tmp/old && ln -s "$PWD/node_modules" /tmp/old/node_modules
 *   npx tsx bench/pairSync.ts 6 old=/tmp/old new=. [--kubectl]
 *
 * `--kubectl` adds one `kubectl get pods,events -A -o json` per round against the last side's
 * server (warm discovery cache). Prints every run, then medians per side.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type * as ClusterModule from './lib/cluster';
import type { BenchCluster } from './lib/cluster';
import type * as EngineModule from './lib/engine';
import { kubectl } from './lib/kubectl';
import { median } from './lib/stats';

interface Run {
  wallMs: number;
  cpuMs: number;
  sysMs: number;
  faults: number;
  rssMiB: number;
  serverCpuMs: number;
}

interface Side {
  label: string;
  engine: string;
  cluster: BenchCluster;
  runs: Run[];
}

/** timed runs the engine under time(1) and reads %U %S %R %M. */
function timed(file: string, o: object): Promise<Omit<Run, 'serverCpuMs'>> {
  return new Promise((resolve, reject) => {
    const tf = path.join(os.tmpdir(), `pair-sync-time-${process.pid}-${Math.random().toString(36).slice(2)}`);
    const t0 = performance.now();
    const child = spawn(
      '/usr/bin/time',
      ['-f', '%U %S %R %M', '-o', tf, process.execPath, file, JSON.stringify(o)],
      {
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    const timer = setTimeout(() => child.kill('SIGKILL'), 600_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      const wallMs = performance.now() - t0;
      if (code !== 0) return reject(new Error(`engine exited with ${code}`));
      const [u, s, f, m] = fs.readFileSync(tf, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
      fs.rmSync(tf, { force: true });
      resolve({ wallMs, cpuMs: (u! + s!) * 1000, sysMs: s! * 1000, faults: f!, rssMiB: m! / 1024 });
    });
  });
}

async function prepare(label: string, root: string): Promise<Side> {
  const abs = path.resolve(root);
  const cl = (await import(path.join(abs, 'bench/lib/cluster.ts'))) as typeof ClusterModule;
  const en = (await import(path.join(abs, 'bench/lib/engine.ts'))) as typeof EngineModule;
  const tmp = path.join(os.tmpdir(), 'pair-sync', label);
  fs.mkdirSync(tmp, { recursive: true });
  const { file } = await en.buildEngine(tmp, true);
  const cluster = await cl.startCluster(tmp, 'sync');
  await cl.populate(cluster, cl.syncClusterPlan());
  return { label, engine: file, cluster, runs: [] };
}

async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 5);
  const specs = process.argv.slice(3).filter((a) => a.includes('='));
  if (!(n > 0) || specs.length === 0)
    throw new Error('usage: pairSync.ts N label=tree [label=tree …] [--kubectl]');
  const sides: Side[] = [];
  for (const spec of specs) {
    const [label, root] = spec.split('=') as [string, string];
    sides.push(await prepare(label, root));
  }
  const last = sides[sides.length - 1]!;
  const withKubectl = process.argv.includes('--kubectl');
  const kTmp = path.join(os.tmpdir(), 'pair-sync', 'kubectl');
  const kubectlRuns: number[] = [];
  const options = (s: Side) => ({
    mode: 'sync',
    wiring: 'extension',
    kubeconfig: s.cluster.kubeconfig,
    context: s.cluster.context,
  });
  if (withKubectl) await kubectl(last.cluster, kTmp, ['get', 'namespaces', '-o', 'name']);
  for (const s of sides) await timed(s.engine, options(s)); // warm-up, not counted
  for (let round = 0; round < n; round++) {
    if (withKubectl) {
      const k = await kubectl(last.cluster, kTmp, ['get', 'pods,events', '-A', '-o', 'json']);
      kubectlRuns.push(k.wallMs);
      console.log(`${round} kubectl: wall ${k.wallMs.toFixed(0)} ms, CPU ${k.cpuMs.toFixed(0)} ms`);
    }
    for (const s of sides) {
      const cpu0 = process.cpuUsage();
      const r = await timed(s.engine, options(s));
      const cpu = process.cpuUsage(cpu0);
      const run = { ...r, serverCpuMs: (cpu.user + cpu.system) / 1000 };
      s.runs.push(run);
      console.log(
        `${round} ${s.label}: wall ${run.wallMs.toFixed(0)} ms, client CPU ${run.cpuMs.toFixed(0)} ms (sys ${run.sysMs.toFixed(0)}), ${run.faults} faults, ${run.rssMiB.toFixed(0)} MiB, server CPU ${run.serverCpuMs.toFixed(0)} ms, load ${os.loadavg()[0]!.toFixed(2)}`,
      );
    }
  }
  const m = (s: Side, k: keyof Run) => median(s.runs.map((r) => r[k]));
  for (const s of sides) {
    console.log(
      `median ${s.label}: wall ${m(s, 'wallMs').toFixed(0)} ms, client CPU ${m(s, 'cpuMs').toFixed(0)} ms, faults ${m(s, 'faults').toFixed(0)}, peak RSS ${m(s, 'rssMiB').toFixed(0)} MiB, server CPU ${m(s, 'serverCpuMs').toFixed(0)} ms`,
    );
  }
  if (withKubectl)
    console.log(`median kubectl (server of ${last.label}): wall ${median(kubectlRuns).toFixed(0)} ms`);
  for (const s of sides) await s.cluster.stop();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
