/**
 * run: `npm run bench [-- --quick] [-- --only 1,4] [-- --skip 7,9] [-- --profile]`. Starts the test API server
 * with generated clusters, runs each scenario several times, and writes
 * bench/results/latest.json and bench/results/latest.md (medians, spreads, the baseline measured
 * in the same run, ratios, and `met` computed from each target).
 *
 * Scenario 6 spends most of its time waiting (10 minutes of quiet in a full run): it runs in
 * the background while the others run, on its own server, and only counts requests.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { closeSharedWebview } from './lib/browser';
import { startCluster, type BenchCluster } from './lib/cluster';
import { cpuNow, cpuSince } from './lib/cpuClock';
import { ROOT, type BenchContext, type Scenario } from './lib/context';
import { buildEngine } from './lib/engine';
import { kubectlVersion } from './lib/kubectl';
import { measureMachineSpeed } from './lib/machineSpeed';
import { ensureTime } from './lib/proc';
import {
  finish,
  LoadSampler,
  markdown,
  notMeasured,
  writeReport,
  type Figure,
  type Report,
  type ScenarioTiming,
} from './lib/results';
import { s1Sync } from './scenarios/s1Sync';
import { s2Children } from './scenarios/s2Children';
import { s3Latency } from './scenarios/s3Latency';
import { s4Memory } from './scenarios/s4Memory';
import { s5Filter } from './scenarios/s5Filter';
import { s6Steady } from './scenarios/s6Steady';
import { s7Package } from './scenarios/s7Package';
import { s8Scale } from './scenarios/s8Scale';
import { s9VsCode } from './scenarios/s9VsCode';
import { s10Wire } from './scenarios/s10Wire';
import { s11Isolation } from './scenarios/s11Isolation';
import { s12Explain } from './scenarios/s12Explain';
import { s13Manifests } from './scenarios/s13Manifests';
import { s14Discovery } from './scenarios/s14Discovery';
import { s15Floor } from './scenarios/s15Floor';
import { s16Peak } from './scenarios/s16Peak';
import { s17Sustained } from './scenarios/s17Sustained';

const SCENARIOS: Scenario[] = [
  s1Sync,
  s2Children,
  s3Latency,
  s4Memory,
  s5Filter,
  s6Steady,
  s7Package,
  s8Scale,
  s9VsCode,
  s10Wire,
  s11Isolation,
  s12Explain,
  s13Manifests,
  s14Discovery,
  s15Floor,
  s16Peak,
  s17Sustained,
];
/** ENGINE_SCENARIOS run ctx.engine / ctx.engineDev (the others bundle their own child or none). */
const ENGINE_SCENARIOS = new Set([1, 2, 3, 4, 6, 8, 15, 17]);
/** BACKGROUND scenarios mostly wait; they overlap the others. */
const BACKGROUND = new Set([6]);
/**
 * Execution order: 8 grows the memory cluster through 1k..100k events, then 4 reuses its 100k;
 * 9 (real VS Code) follows 7, which has just packaged the VSIX it installs.
 */
const ORDER = [1, 2, 3, 5, 7, 9, 8, 4, 10, 11, 12, 13, 14, 15, 16, 17];

/** idList reads `--name 1,4` or `--name=1,4` as scenario ids; null when the flag is absent. */
function idList(argv: string[], name: string): number[] | null {
  const i = argv.findIndex((a) => a === name || a.startsWith(`${name}=`));
  if (i < 0) return null;
  const v = argv[i]!.includes('=') ? argv[i]!.split('=')[1]! : (argv[i + 1] ?? '');
  return v
    .split(',')
    .map((x) => Number(x.trim()))
    .filter((x) => Number.isInteger(x));
}

function parseArgs(argv: string[]): {
  quick: boolean;
  profile: boolean;
  only: number[] | null;
  skip: number[];
} {
  return {
    quick: argv.includes('--quick'),
    profile: argv.includes('--profile'),
    only: idList(argv, '--only'),
    // --skip 7,9: every scenario but these (e.g. a quick run without VSIX packaging and code-server).
    skip: idList(argv, '--skip') ?? [],
  };
}

async function main(): Promise<void> {
  const started = Date.now();
  const runLoad = new LoadSampler();
  // Before any server or child: the machine's own speed, to tell a slower VM from slower code.
  const speed = measureMachineSpeed();
  const args = parseArgs(process.argv.slice(2));
  const tmp = path.join(ROOT, 'bench', 'results', 'tmp');
  fs.mkdirSync(tmp, { recursive: true });
  if (!ensureTime())
    console.warn('bench: /usr/bin/time is missing: peak RSS of children will not be measured');
  const log = (m: string) =>
    console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${m}`);
  // The engine bundle (~8 s to build) only for the scenarios that run it.
  const needsEngine = SCENARIOS.some(
    (s) => ENGINE_SCENARIOS.has(s.id) && (!args.only || args.only.includes(s.id)),
  );
  const none = { file: '', bytes: 0 };
  if (needsEngine) log(`building the engine bundle…`);
  // The unminified twin is only for profiles, which a quick run takes only with --profile.
  const needsDev = needsEngine && (!args.quick || args.profile);
  const [engine, dev] = needsEngine
    ? await Promise.all([buildEngine(tmp, true), needsDev ? buildEngine(tmp, false) : none])
    : [none, none];
  const engineDev = needsDev ? dev : engine;
  if (needsEngine) log(`engine bundle ${(engine.bytes / 1024).toFixed(0)} KiB`);

  const clusters = new Map<string, Promise<BenchCluster>>();
  const ctx: BenchContext = {
    quick: args.quick,
    profile: args.profile,
    tmp,
    engine: engine.file,
    engineDev: engineDev.file,
    log,
    cluster(name, init) {
      let p = clusters.get(name);
      if (!p) {
        p = (async () => {
          const t0 = Date.now();
          const c = await startCluster(tmp, name);
          await init(c);
          log(
            `cluster "${name}": ${c.pods} pods, ${c.events} events (${((Date.now() - t0) / 1000).toFixed(1)} s)`,
          );
          return c;
        })();
        clusters.set(name, p);
      }
      return p;
    },
    async dropCluster(name) {
      const p = clusters.get(name);
      clusters.delete(name);
      if (p) await (await p).stop();
    },
  };

  const selected = SCENARIOS.filter(
    (s) => (!args.only || args.only.includes(s.id)) && !args.skip.includes(s.id),
  );
  const results = new Map<number, Figure[]>();
  const timings: ScenarioTiming[] = [];
  const runOne = async (s: Scenario) => {
    log(`scenario ${s.id}: ${s.title}`);
    const t0 = Date.now();
    const cpu0 = cpuNow();
    // A figure without its own load sample gets the range seen over its scenario.
    const sampler = new LoadSampler();
    const withLoad = (figures: Figure[]) => {
      const load = sampler.stop();
      return figures.map((f) => (f.load ? f : { ...f, load }));
    };
    try {
      results.set(s.id, withLoad(await s.run(ctx)));
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      log(`scenario ${s.id} failed: ${msg}`);
      results.set(
        s.id,
        withLoad([
          notMeasured(
            String(s.id),
            s.title,
            '',
            { text: 'see the issue', of: 'value', op: '<=', limit: 0 },
            `failed: ${msg}`,
          ),
        ]),
      );
    }
    const cpu = cpuSince(cpu0);
    const timing = { id: s.id, wallS: (Date.now() - t0) / 1000, cpuS: cpu.selfS + cpu.childrenS };
    timings.push(timing);
    log(
      `scenario ${s.id} done: ${timing.wallS.toFixed(0)} s, CPU ${timing.cpuS.toFixed(1)} s (bench ${cpu.selfS.toFixed(1)} + children ${cpu.childrenS.toFixed(1)})`,
    );
  };
  const background = selected.filter((s) => BACKGROUND.has(s.id) && selected.length > 1).map(runOne);
  const foreground = selected
    .filter((s) => !(BACKGROUND.has(s.id) && selected.length > 1))
    .sort((a, b) => ORDER.indexOf(a.id) - ORDER.indexOf(b.id));
  for (const s of foreground) await runOne(s);
  await Promise.all(background);
  await closeSharedWebview().catch(() => undefined);
  for (const c of clusters.values()) await (await c).stop();

  const report: Report = {
    machine: {
      cores: os.cpus().length,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
      node: process.version,
      kubectl: kubectlVersion(),
      os: `${os.type()} ${os.release()}`,
      speed,
    },
    date: new Date().toISOString(),
    quick: args.quick,
    only: args.only,
    durationS: (Date.now() - started) / 1000,
    load: runLoad.stop(),
    timings,
    scenarios: finish(selected.flatMap((s) => results.get(s.id) ?? [])),
  };
  const out = writeReport(path.join(ROOT, 'bench', 'results'), report);
  console.log('\n' + markdown(report));
  log(`wrote ${path.relative(process.cwd(), out.json)} and ${path.relative(process.cwd(), out.md)}`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
