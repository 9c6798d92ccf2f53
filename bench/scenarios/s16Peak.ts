/**
 * Scenario 16: peak RSS of the initial sync against the heap kept after GC (issue 13, target 2):
 * 20,000 and 200,000 objects (half pods, half events), with the first LIST paginated (pages of
 * 500, as a server without a watch cache answers) and unpaginated (the watch cache ignores
 * `limit` and sends one huge page). Each run is bench/lib/peakEntry.ts bundled like the engine,
 * in its own process with --expose-gc: peak RSS = process.resourceUsage().maxRSS at "synced";
 * kept = heapUsed after three global.gc() after sync. A quick run syncs 1,000 and 2,000 objects
 * instead (16a, 16b), once each.
 */
import * as path from 'node:path';
import type { BenchCluster } from '../lib/cluster';
import { runs, ROOT, type BenchContext, type Scenario } from '../lib/context';
import { buildShipped } from '../lib/engine';
import { grownCluster, HALF_AND_HALF } from '../lib/growth';
import { lastJson, measure } from '../lib/proc';
import type { Figure } from '../lib/results';
import { median, spread } from '../lib/stats';

/** PeakOut is peakEntry's report. */
export interface PeakOut {
  before: number;
  after: number;
  rssBefore: number;
  rssAfter: number;
  peakRssKiB: number;
  syncMs: number;
  pods: number;
  events: number;
  pages: number;
}

const built = new Map<string, Promise<string>>();

/** buildPeakEntry bundles peakEntry.ts (minified CJS, node20, as the extension ships) once per run. */
export function buildPeakEntry(ctx: BenchContext): Promise<string> {
  let p = built.get(ctx.tmp);
  if (!p) {
    const file = path.join(ctx.tmp, 'peak.js');
    p = buildShipped(path.join(ROOT, 'bench/lib/peakEntry.ts'), file).then(() => file);
    built.set(ctx.tmp, p);
  }
  return p;
}

/** runPeak runs one peakEntry child against `c` and checks it cached every object. */
export async function runPeak(ctx: BenchContext, c: BenchCluster, paginated: boolean): Promise<PeakOut> {
  const file = await buildPeakEntry(ctx);
  const proc = await measure(
    process.execPath,
    ['--expose-gc', file, JSON.stringify({ kubeconfig: c.kubeconfig, context: c.context, paginated })],
    { stdout: 'pipe', timeoutMs: 900_000 },
  );
  const out = lastJson<PeakOut>(proc.stdout);
  if (out.pods !== c.pods || out.events !== c.events)
    throw new Error(
      `peak run cached ${out.pods} pods / ${out.events} events, expected ${c.pods} / ${c.events}`,
    );
  return out;
}

const MiB = 2 ** 20;
/** ratio: peak RSS over the heap kept after GC (the figure). */
const ratio = (o: PeakOut) => (o.peakRssKiB * 1024) / o.after;
/** growth: what the sync added to RSS at its peak over what it added to the heap kept. */
const growth = (o: PeakOut) => (o.peakRssKiB * 1024 - o.rssBefore) / (o.after - o.before);

export const s16Peak: Scenario = {
  id: 16,
  title: 'initial sync: peak RSS against the heap kept after GC',
  async run(ctx) {
    const figures: Figure[] = [];
    const n = runs(ctx, 3, 1);
    const sizes = ctx.quick ? [1_000, 2_000] : [20_000, 200_000];
    for (const [k, size] of sizes.entries()) {
      const c = await grownCluster(ctx, `peak-${size}`, size, HALF_AND_HALF);
      for (const paginated of [true, false]) {
        const outs: PeakOut[] = [];
        for (let i = 0; i < n; i++) {
          const o = await runPeak(ctx, c, paginated);
          outs.push(o);
          ctx.log(
            `  ${size} objects, ${paginated ? 'paginated' : 'unpaginated'} run ${i + 1}/${n}: peak RSS ${(o.peakRssKiB / 1024).toFixed(0)} MiB, kept ${(o.after / MiB).toFixed(0)} MiB (${ratio(o).toFixed(2)}x), ${o.pages} pages, sync ${(o.syncMs / 1000).toFixed(1)} s`,
          );
        }
        const r = outs.map(ratio);
        const mode = paginated ? 'paginated' : 'unpaginated';
        figures.push({
          id: `16${k === 0 ? 'a' : 'b'}${paginated ? 'p' : 'u'}`,
          title: `${size.toLocaleString('en')} objects, ${mode} first LIST: peak RSS / heap kept after GC`,
          value: median(r),
          unit: 'x',
          spread: spread(r),
          target: { text: '<= 1.3x the heap kept after GC', of: 'value', op: '<=', limit: 1.3 },
          baseline: null,
          ratio: null,
          runs: outs,
          notes: [
            `${c.pods} pods + ${c.events} events (managedFields as on a real cluster); pods and events informers as the extension configures them (its indexers, the event compactor), bundled minified, own Node ${process.version} process; first LIST ${paginated ? 'at resourceVersion "" (etcd pages of 500)' : 'at resourceVersion "0" with limit 500 (the watch cache answers whole)'}; ${median(outs.map((o) => o.pages))} LIST requests.`,
            `Medians: peak RSS ${(median(outs.map((o) => o.peakRssKiB)) / 1024).toFixed(0)} MiB (RSS before connecting ${(median(outs.map((o) => o.rssBefore)) / MiB).toFixed(0)} MiB), heap kept after GC ${(median(outs.map((o) => o.after)) / MiB).toFixed(0)} MiB (before connecting ${(median(outs.map((o) => o.before)) / MiB).toFixed(1)} MiB), RSS after GC ${(median(outs.map((o) => o.rssAfter)) / MiB).toFixed(0)} MiB; sync ${(median(outs.map((o) => o.syncMs)) / 1000).toFixed(1)} s.`,
            `Growth ratio (peak RSS - RSS before connecting) / (heap kept - heap before connecting): ${median(outs.map(growth)).toFixed(2)}x; per object kept ${(median(outs.map((o) => o.after - o.before)) / size / 1024).toFixed(2)} KB.`,
          ],
        });
      }
      if (k === sizes.length - 1) await ctx.dropCluster(`peak-${size}`);
    }
    return figures;
  },
};
