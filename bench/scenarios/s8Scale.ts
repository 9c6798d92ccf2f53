/**
 * Scenario 8: the scale curve of scenarios 1 and 4 at 1k, 10k, 50k and 100k objects. Sync wall
 * time (pods and events half and half, the extension's wiring, whole process) and heap after GC
 * (events only, the whole event path with the history holding every event) are fitted linearly
 * against the object count: the slope is the cost of 1,000 more objects (ms) or of one more
 * object (KB), and R² says how straight the line is. 8c–8f (s8Curves): issue 13's curves up to
 * 100,000 pods + 100,000 events and 10 contexts at once.
 */
import { runs, type BenchContext, type Scenario } from '../lib/context';
import { runEngine } from '../lib/engine';
import { EVENTS_ONLY, grownCluster, HALF_AND_HALF } from '../lib/growth';
import { kubectl } from '../lib/kubectl';
import type { Figure } from '../lib/results';
import { linearFit, median } from '../lib/stats';
import { MEMORY_CLUSTER, type MemoryOut } from './s4Memory';
import { profileSync } from './s1Sync';
import { scaleCurves } from './s8Curves';

/** NEAR_LINEAR is the R² of a linear fit we call near-linear. */
const NEAR_LINEAR = 0.98;

function sizes(ctx: BenchContext): number[] {
  // Quick: the memory cluster ends at 2,000 events, the size scenario 4's quick run reuses.
  return ctx.quick ? [500, 1_000, 2_000] : [1_000, 10_000, 50_000, 100_000];
}

async function syncCurve(ctx: BenchContext): Promise<Figure> {
  const points: { objects: number; wallMs: number[]; kubectlMs: number[] }[] = [];
  const profiles: string[] = [];
  const all = sizes(ctx);
  for (const n of all) {
    const c = await grownCluster(ctx, 'scale-sync', n, HALF_AND_HALF);
    const point = { objects: n, wallMs: [] as number[], kubectlMs: [] as number[] };
    if (!ctx.quick) await kubectl(c, ctx.tmp, ['get', 'namespaces', '-o', 'name']);
    for (let i = 0; i < runs(ctx, 3, 1); i++) {
      const r = await runEngine<{ pods: number; events: number }>(ctx.engine, {
        mode: 'sync',
        wiring: 'extension',
        kubeconfig: c.kubeconfig,
        context: c.context,
      });
      if (r.out.pods + r.out.events !== n)
        throw new Error(`synced ${r.out.pods + r.out.events} objects, expected ${n}`);
      point.wallMs.push(r.proc.wallMs);
    }
    // The two largest sizes are profiled (full runs, or --profile): does the cost per object grow?
    if ((!ctx.quick || ctx.profile) && all.indexOf(n) >= all.length - 2) {
      const lines = await profileSync(ctx, c.kubeconfig, c.context, `s8-sync-${n}`);
      profiles.push(`${n.toLocaleString('en')} objects: ${lines[0]!.replace(/^profile /, '')}`);
    }
    if (!ctx.quick)
      point.kubectlMs.push((await kubectl(c, ctx.tmp, ['get', 'pods,events', '-A', '-o', 'json'])).wallMs);
    ctx.log(
      `  sync ${n} objects: ${median(point.wallMs).toFixed(0)} ms${point.kubectlMs.length ? `, kubectl ${point.kubectlMs[0]!.toFixed(0)} ms` : ''}`,
    );
    points.push(point);
  }
  await ctx.dropCluster('scale-sync');
  const xs = points.map((p) => p.objects / 1000);
  const fit = linearFit(
    xs,
    points.map((p) => median(p.wallMs)),
  );
  const kFit = ctx.quick
    ? undefined
    : linearFit(
        xs,
        points.map((p) => median(p.kubectlMs)),
      );
  return {
    id: '8a',
    title: 'scale curve of the initial sync: slope',
    value: fit.slope,
    unit: 'ms per 1k objects',
    target: { text: `near-linear (R² >= ${NEAR_LINEAR})`, of: 'r2', op: '>=', limit: NEAR_LINEAR },
    baseline: kFit
      ? {
          what: 'kubectl get pods,events -A -o json, same sizes',
          value: kFit.slope,
          unit: 'ms per 1k objects',
        }
      : null,
    ratio: null,
    extra: { r2: fit.r2, interceptMs: fit.intercept, ...(kFit ? { kubectlR2: kFit.r2 } : {}) },
    runs: points,
    notes: [
      `Sizes ${points.map((p) => p.objects.toLocaleString('en')).join(', ')} (half pods, half events); per size the median of ${runs(ctx, 3, 1)} engine runs${ctx.quick ? '' : ' and one kubectl run'}.`,
      `Fit: ${fit.slope.toFixed(1)} ms per 1k objects + ${fit.intercept.toFixed(0)} ms fixed (process start, bundle load, 11 kinds' first LIST/WATCH), R² = ${fit.r2.toFixed(4)}.` +
        (kFit
          ? ` kubectl: ${kFit.slope.toFixed(1)} ms per 1k objects + ${kFit.intercept.toFixed(0)} ms, R² = ${kFit.r2.toFixed(4)}.`
          : ''),
      'Points (objects: engine ms' +
        (ctx.quick ? '' : ' / kubectl ms') +
        '): ' +
        points
          .map(
            (p) =>
              `${p.objects}: ${median(p.wallMs).toFixed(0)}${p.kubectlMs.length ? ` / ${median(p.kubectlMs).toFixed(0)}` : ''}`,
          )
          .join(', ') +
        '.',
      ...(ctx.quick ? ['Quick run: small sizes only, no kubectl curve.'] : []),
      ...profiles.map((p) => `Profile at ${p}`),
    ],
  };
}

async function memoryCurve(ctx: BenchContext): Promise<Figure> {
  const points: { objects: number; heapMiB: number; kbPerEvent: number }[] = [];
  for (const n of sizes(ctx)) {
    const c = await grownCluster(ctx, MEMORY_CLUSTER, n, EVENTS_ONLY);
    const { out } = await runEngine<MemoryOut>(
      ctx.engine,
      {
        mode: 'memory',
        layer: 'stream',
        maxEvents: n,
        kubeconfig: c.kubeconfig,
        context: c.context,
        ...(ctx.quick ? { settleMs: 500 } : {}),
      },
      ['--expose-gc'],
    );
    if (out.events !== n) throw new Error(`cached ${out.events} events, expected ${n}`);
    points.push({
      objects: n,
      heapMiB: out.after / 2 ** 20,
      kbPerEvent: (out.after - out.before) / n / 1024,
    });
    ctx.log(`  memory ${n} events: heap ${(out.after / 2 ** 20).toFixed(1)} MiB`);
  }
  const fit = linearFit(
    points.map((p) => p.objects),
    points.map((p) => p.heapMiB * 1024),
  );
  return {
    id: '8b',
    title: 'scale curve of cached-event memory: slope',
    value: fit.slope,
    unit: 'KB per event',
    target: { text: `near-linear (R² >= ${NEAR_LINEAR})`, of: 'r2', op: '>=', limit: NEAR_LINEAR },
    baseline: null,
    ratio: null,
    extra: { r2: fit.r2, interceptMiB: fit.intercept / 1024 },
    runs: points,
    notes: [
      `Heap after GC with ${points.map((p) => p.objects.toLocaleString('en')).join(', ')} events; the Events view history holds every event here (maxEvents = size) so that the line is not bent by the 50,000 default cap.`,
      `Fit: ${fit.slope.toFixed(2)} KB per event + ${(fit.intercept / 1024).toFixed(1)} MiB fixed, R² = ${fit.r2.toFixed(4)}. Points (events: heap MiB): ` +
        points.map((p) => `${p.objects}: ${p.heapMiB.toFixed(1)}`).join(', ') +
        '.',
    ],
  };
}

export const s8Scale: Scenario = {
  id: 8,
  title: 'scale curve of sync time and memory',
  async run(ctx) {
    const a = await syncCurve(ctx);
    // 8c–8f (issue 13): sync, peak RSS, tree and filter curves, and 10 contexts at once.
    const curves = await scaleCurves(ctx);
    return [a, await memoryCurve(ctx), ...curves];
  },
};
