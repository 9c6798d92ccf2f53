/**
 * s8Curves: scenario 8's scale curves of issue 13 (target 4). The engine's `scale` mode (the
 * extension's Connections, Clusters tree and Events view publisher in one process) syncs one
 * context of growing size (pods and events half and half: up to 100,000 pods + 100,000 events in
 * a full run), then 10 contexts of 10,000 objects each at once (2 of 1,000 in a quick run). Per
 * point: sync time since process start, peak RSS (time(1)), the tree's getChildren of a
 * namespace's Pods node, and the Events view's filter over every row (core EventListModel +
 * FilteredView, what the webview runs per keystroke); each against the object count with a
 * linear fit. Targets at the largest size: children <= 5 ms, filter <= 50 ms.
 */
import { populate } from '../lib/cluster';
import type { BenchContext } from '../lib/context';
import { runEngine } from '../lib/engine';
import { grownCluster, HALF_AND_HALF } from '../lib/growth';
import type { Figure } from '../lib/results';
import type { ScaleOut } from '../lib/scaleMode';
import { linearFit, median, type LinearFit } from '../lib/stats';

/** Point is one measured size. */
interface Point {
  objects: number;
  contexts: number;
  syncMs: number;
  peakRssMiB: number;
  childrenMs: number;
  children: number;
  filterMs: number;
  warningsFilterMs: number;
  rows: number;
  /** Rows the free-text filter matched. */
  hits: number;
}

const CLUSTER = 'scale-curve';
/** The namespace expanded in the tree: the first one grown (up to 1,000 pods). */
const NAMESPACE = 'g01-000';

async function measurePoint(
  ctx: BenchContext,
  kubeconfigs: string[],
  contexts: string[],
  namespace: string,
  objects: number,
): Promise<Point> {
  const { proc, out } = await runEngine<ScaleOut>(ctx.engine, {
    mode: 'scale',
    kubeconfig: kubeconfigs[0]!,
    context: contexts[0]!,
    kubeconfigs,
    contexts,
    namespace,
    // Every event is a row: the curve is not bent by the 50,000 default cap.
    maxEvents: objects,
    filterText: 'back-off',
  });
  if (out.pods + out.events !== objects)
    throw new Error(`synced ${out.pods + out.events} objects, expected ${objects}`);
  const p: Point = {
    objects,
    contexts: contexts.length,
    syncMs: out.syncedMs,
    peakRssMiB: proc.maxRssKiB / 1024,
    childrenMs: median(out.childrenMs.slice(1)),
    children: out.children,
    filterMs: median(out.filterTextMs),
    warningsFilterMs: median(out.filterWarningsMs),
    rows: out.rows,
    hits: out.filterTextHits,
  };
  ctx.log(
    `  ${contexts.length} context(s), ${objects} objects: sync ${p.syncMs.toFixed(0)} ms, peak RSS ${p.peakRssMiB.toFixed(0)} MiB, ` +
      `children ${p.childrenMs.toFixed(2)} ms (${p.children}), filter ${p.filterMs.toFixed(1)} / ${p.warningsFilterMs.toFixed(1)} ms (${p.hits} of ${p.rows} rows)`,
  );
  return p;
}

const fitText = (f: LinearFit, unit: string, digits = 2) =>
  `${f.slope.toFixed(digits)} ${unit} per 1k objects + ${f.intercept.toFixed(digits)}, R² = ${f.r2.toFixed(3)}`;

/** scaleCurves measures the curve and the multi-context point, and returns figures 8c–8f. */
export async function scaleCurves(ctx: BenchContext): Promise<Figure[]> {
  const sizes = ctx.quick ? [500, 1_000, 2_000] : [1_000, 10_000, 50_000, 100_000, 200_000];
  const points: Point[] = [];
  for (const n of sizes) {
    const c = await grownCluster(ctx, CLUSTER, n, HALF_AND_HALF);
    points.push(await measurePoint(ctx, [c.kubeconfig], [c.context], NAMESPACE, n));
  }
  await ctx.dropCluster(CLUSTER);

  // Several contexts at once, each its own server.
  // Quick: k x each is the curve's last size, so that 8f still has its one-context baseline.
  const k = ctx.quick ? 2 : 10;
  const each = ctx.quick ? 1_000 : 10_000;
  const many = [];
  for (let i = 0; i < k; i++) {
    many.push(
      await ctx.cluster(`scale-ctx-${i}`, (c) =>
        populate(c, [{ name: 'm-000', pods: each / 2, events: each / 2 }]),
      ),
    );
  }
  const multi = await measurePoint(
    ctx,
    many.map((c) => c.kubeconfig),
    many.map((c) => c.context),
    'm-000',
    k * each,
  );
  for (let i = 0; i < k; i++) await ctx.dropCluster(`scale-ctx-${i}`);

  const xs = points.map((p) => p.objects / 1000);
  const fit = (f: (p: Point) => number) =>
    linearFit(
      xs,
      points.map((p) => f(p)),
    );
  const sync = fit((p) => p.syncMs);
  const rss = fit((p) => p.peakRssMiB);
  const children = fit((p) => p.childrenMs);
  const filter = fit((p) => p.filterMs);
  const last = points[points.length - 1]!;
  const same = points.find((p) => p.objects === multi.objects);
  const pts = (f: (p: Point) => number, d = 0) =>
    points.map((p) => `${p.objects.toLocaleString('en')}: ${f(p).toFixed(d)}`).join(', ');
  const curveNote = `Sizes ${points.map((p) => p.objects.toLocaleString('en')).join(', ')} objects in one context (pods and events half and half, 1,000 pods per namespace), one engine run each${ctx.quick ? ' (quick run: small sizes)' : ''}.`;
  return [
    {
      id: '8c',
      title: `scale: tree children of a namespace's Pods with ${last.objects.toLocaleString('en')} objects cached`,
      value: last.childrenMs,
      unit: 'ms',
      target: { text: '<= 5 ms at 200k objects', of: 'value', op: '<=', limit: 5 },
      baseline: null,
      ratio: null,
      extra: { slopeMsPer1k: children.slope, r2: children.r2, children: last.children },
      runs: points,
      notes: [
        curveNote,
        `getChildren of namespace ${NAMESPACE}'s Pods node (${last.children} pods), median of 29 warm calls: ${pts((p) => p.childrenMs, 2)} ms; fit ${fitText(children, 'ms', 4)}.`,
        `Sync (process start -> every kind synced): ${pts((p) => p.syncMs)} ms; fit ${fitText(sync, 'ms', 1)}.`,
        `Peak RSS (time(1)): ${pts((p) => p.peakRssMiB)} MiB; fit ${fitText(rss, 'MiB', 2)}.`,
      ],
    },
    {
      id: '8d',
      title: `scale: Events view filter over ${last.rows.toLocaleString('en')} rows (free text)`,
      value: Math.max(last.filterMs, last.warningsFilterMs),
      unit: 'ms',
      target: { text: '<= 50 ms at 200k objects', of: 'value', op: '<=', limit: 50 },
      baseline: null,
      ratio: null,
      extra: {
        slopeMsPer1k: filter.slope,
        r2: filter.r2,
        text: last.filterMs,
        warnings: last.warningsFilterMs,
      },
      runs: points.map((p) => ({
        objects: p.objects,
        rows: p.rows,
        text: p.filterMs,
        warnings: p.warningsFilterMs,
      })),
      notes: [
        curveNote,
        `The filter the Events webview runs per keystroke (core EventListModel + FilteredView, a fresh view each call: no narrowing from a previous result), over every event row (maxEvents = size; the extension's default keeps 50,000), median of 30 calls; value = the slower of free text "back-off" and Warnings only. Free text: ${pts((p) => p.filterMs, 1)} ms (matching ${pts((p) => p.hits)} rows); fit ${fitText(filter, 'ms', 3)}. Warnings only: ${pts((p) => p.warningsFilterMs, 1)} ms.`,
        "Measured in the engine process (Node), not in the browser: scenario 5 measures the webview's keystroke -> painted frame in Chromium.",
      ],
    },
    {
      id: '8e',
      title: 'scale curve of peak RSS (one context, sync + tree + Events view rows): slope',
      value: rss.slope,
      unit: 'MiB per 1k objects',
      target: { text: 'near-linear (R² >= 0.98)', of: 'r2', op: '>=', limit: 0.98 },
      baseline: null,
      ratio: null,
      extra: { r2: rss.r2, interceptMiB: rss.intercept, syncSlopeMsPer1k: sync.slope, syncR2: sync.r2 },
      runs: points.map((p) => ({ objects: p.objects, peakRssMiB: p.peakRssMiB, syncMs: p.syncMs })),
      notes: [
        curveNote,
        `Peak RSS ${pts((p) => p.peakRssMiB)} MiB: ${fitText(rss, 'MiB', 2)}. Sync ${pts((p) => p.syncMs)} ms: ${fitText(sync, 'ms', 1)}.`,
      ],
    },
    {
      id: '8f',
      title: `scale: ${k} contexts of ${each.toLocaleString('en')} objects at once: sync time`,
      value: multi.syncMs,
      unit: 'ms',
      target: null,
      baseline: same
        ? {
            what: `one context of ${same.objects.toLocaleString('en')} objects (8c's curve)`,
            value: same.syncMs,
            unit: 'ms',
          }
        : null,
      ratio: null,
      extra: {
        peakRssMiB: multi.peakRssMiB,
        childrenMs: multi.childrenMs,
        filterMs: multi.filterMs,
        warningsFilterMs: multi.warningsFilterMs,
      },
      runs: [multi],
      notes: [
        `${k} contexts, each its own in-process test server with ${(each / 2).toLocaleString('en')} pods + ${(each / 2).toLocaleString('en')} events in one namespace, connected at once by one engine (the extension's Connections, Clusters tree and Events view publisher): synced in ${multi.syncMs.toFixed(0)} ms, peak RSS ${multi.peakRssMiB.toFixed(0)} MiB, tree children of one context's namespace (${multi.children} pods) ${multi.childrenMs.toFixed(2)} ms, Events filter over ${multi.rows.toLocaleString('en')} rows ${multi.filterMs.toFixed(1)} ms (text) / ${multi.warningsFilterMs.toFixed(1)} ms (Warnings).` +
          (same
            ? ` One context of the same ${same.objects.toLocaleString('en')} objects: ${same.syncMs.toFixed(0)} ms, ${same.peakRssMiB.toFixed(0)} MiB.`
            : ''),
      ],
    },
  ];
}
