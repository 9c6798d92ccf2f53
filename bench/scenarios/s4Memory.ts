/**
 * Scenario 4: memory with 100,000 cached events: V8 heap after GC, in the bundled engine's own
 * process (node --expose-gc), before connecting and after sync. The figure is the extension's
 * whole event path: the event informer's cache, the EventHub, and the Events view's history
 * (EventStreamPublisher, kubeEvents.history.maxEvents at its default of 50,000). Layers are
 * measured apart to show what each keeps. A quick run caches 2,000 events (the memory cluster as
 * scenario 8's quick curve leaves it) and 2,000 pods / events for 4c / 4d.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { grownCluster, EVENTS_ONLY, type Mix } from '../lib/growth';
import { runPeak } from './s16Peak';
import { diffPerUnit, summarizeHeap } from '../lib/heap';
import { runs, type BenchContext, type Scenario } from '../lib/context';
import type { Figure } from '../lib/results';
import { runEngine } from '../lib/engine';
import { kubectl } from '../lib/kubectl';
import type { BenchCluster } from '../lib/cluster';
import { median, spread } from '../lib/stats';

export const MEMORY_CLUSTER = 'memory';

/** MemoryOut is engineEntry's memory report. */
export interface MemoryOut {
  layer: string;
  before: number;
  after: number;
  rssAfter: number;
  syncMs: number;
  hubSize: number;
  historyRows: number;
  maxRssKiB: number;
  events: number;
}

/** measureMemory runs one memory child and returns its report. */
export async function measureMemory(
  ctx: BenchContext,
  c: BenchCluster,
  layer: 'engine' | 'extension' | 'stream',
  maxEvents?: number,
): Promise<MemoryOut> {
  const { out } = await runEngine<MemoryOut>(
    ctx.engine,
    {
      mode: 'memory',
      layer,
      kubeconfig: c.kubeconfig,
      context: c.context,
      ...(maxEvents ? { maxEvents } : {}),
      ...(ctx.quick ? { settleMs: 500 } : {}),
    },
    ['--expose-gc'],
  );
  if (out.events !== c.events)
    throw new Error(`memory run cached ${out.events} events, expected ${c.events}`);
  return out;
}

const kbPerEvent = (m: MemoryOut) => (m.after - m.before) / m.events / 1024;
const mib = (b: number) => b / 2 ** 20;

/** wireBytesPerEvent is the mean JSON size of one event as the server holds it (a 1,000-event sample). */
export function wireBytesPerEvent(c: BenchCluster): number {
  const sample = c.server.list('v1', 'Event', 'g01-000') as object[];
  const src = sample.length > 0 ? sample : (c.server.list('v1', 'Event') as object[]).slice(0, 1000);
  return src.reduce((n: number, o) => n + Buffer.byteLength(JSON.stringify(o)), 0) / src.length;
}

/** heapProbe diffs heap snapshots of the whole event path around the sync of 10,000 events. */
async function heapProbe(ctx: BenchContext): Promise<string[]> {
  const n = 10_000;
  const c = await grownCluster(ctx, 'memory-probe', n, EVENTS_ONLY);
  const dir = path.join(ctx.tmp, 'profiles');
  fs.mkdirSync(dir, { recursive: true });
  const prefix = path.join(dir, 's4-10k-events');
  await runEngine<MemoryOut>(
    ctx.engineDev,
    {
      mode: 'memory',
      layer: 'stream',
      kubeconfig: c.kubeconfig,
      context: c.context,
      maxEvents: n,
      heapSnapshotPrefix: prefix,
    },
    ['--expose-gc'],
  );
  const before = summarizeHeap(`${prefix}-before.heapsnapshot`);
  const after = summarizeHeap(`${prefix}-after.heapsnapshot`);
  const top = diffPerUnit(before, after, n, 10);
  const totalPer =
    [...after.values()].reduce((a, b) => a + b, 0) / n - [...before.values()].reduce((a, b) => a + b, 0) / n;
  await ctx.dropCluster('memory-probe');
  for (const f of ['before', 'after']) fs.rmSync(`${prefix}-${f}.heapsnapshot`, { force: true });
  return [
    `Heap snapshot diff, whole path holding 10,000 events (unminified bundle; ${totalPer.toFixed(0)} bytes per event in all): ` +
      top.map((t) => `${t.what} ${t.bytes.toFixed(0)} B`).join(', ') +
      '.',
  ];
}

const PODS_ONLY: Mix = (n) => ({ pods: n, events: 0 });

/**
 * perObjectFigure: heap after GC per cached pod (or event), 10k to 100k of them, in the informer
 * cache alone, as the extension configures it (bench/lib/peakEntry.ts: its indexers, the event
 * compactor, the shared interner).
 */
async function perObjectFigure(ctx: BenchContext, what: 'pods' | 'events'): Promise<Figure> {
  const sizes = ctx.quick ? [2_000] : [10_000, 50_000, 100_000];
  const points: { objects: number; kb: number; heapMiB: number }[] = [];
  const name = `memory-${what}`;
  const one = what === 'pods' ? 'pod' : 'event';
  for (const size of sizes) {
    const c = await grownCluster(ctx, name, size, what === 'pods' ? PODS_ONLY : EVENTS_ONLY);
    const o = await runPeak(ctx, c, false);
    const n = what === 'pods' ? o.pods : o.events;
    const kb = (o.after - o.before) / n / 1024;
    points.push({ objects: n, kb, heapMiB: o.after / 2 ** 20 });
    ctx.log(`  ${n} ${what}: ${kb.toFixed(2)} KB each, heap ${(o.after / 2 ** 20).toFixed(0)} MiB`);
  }
  await ctx.dropCluster(name);
  const last = points[points.length - 1]!;
  const limit = what === 'pods' ? 1.6 : 0.9;
  return {
    id: what === 'pods' ? '4c' : '4d',
    title: `${last.objects.toLocaleString('en')} cached ${what}, informer cache alone: heap per ${one} after GC`,
    value: last.kb,
    unit: 'KB',
    target: { text: `<= ${limit} KB per ${one}`, of: 'value', op: '<=', limit },
    baseline: null,
    ratio: null,
    runs: points,
    notes: [
      `${what} as the bench cluster makes them (managedFields on the wire); the informer as the extension configures it, in its own bundled process; per ${one} = (heap after sync - heap before connecting) / ${what}, heap after three global.gc().`,
      `Points (${what}: KB each, heap MiB): ${points.map((p) => `${p.objects}: ${p.kb.toFixed(2)}, ${p.heapMiB.toFixed(0)}`).join('; ')}.`,
    ],
  };
}

export const s4Memory: Scenario = {
  id: 4,
  title: 'memory with 100,000 cached events',
  async run(ctx) {
    const N = ctx.quick ? 2_000 : 100_000;
    const c = await grownCluster(ctx, MEMORY_CLUSTER, N, EVENTS_ONLY);
    const n = runs(ctx, 3, 1);
    const full: MemoryOut[] = [];
    for (let i = 0; i < n; i++) {
      full.push(await measureMemory(ctx, c, 'stream'));
      ctx.log(
        `  run ${i + 1}/${n}: ${kbPerEvent(full[i]!).toFixed(2)} KB/event, heap ${mib(full[i]!.after).toFixed(0)} MiB`,
      );
    }
    const per = full.map(kbPerEvent);
    const total = full.map((m) => mib(m.after));
    const wire = wireBytesPerEvent(c) / 1024;
    const notes = [
      `${N.toLocaleString('en')} core/v1 events (realistic: managedFields, involvedObject, source, ~${(wire * 1024).toFixed(0)} bytes of JSON each on the wire); heap = process.memoryUsage().heapUsed after three global.gc(); per event = (heap after sync - heap before connecting) / events.`,
      `Whole path kept as the extension keeps it: informer cache (managedFields stripped) + EventHub + Events view history (${median(full.map((m) => m.historyRows))} rows at the default maxEvents 50,000). Heap before connecting: ${mib(median(full.map((m) => m.before))).toFixed(1)} MiB; process RSS after: ${mib(median(full.map((m) => m.rssAfter))).toFixed(0)} MiB; sync took ${(median(full.map((m) => m.syncMs)) / 1000).toFixed(1)} s.`,
    ];
    if (!ctx.quick) {
      const engine = await measureMemory(ctx, c, 'engine');
      const ext = await measureMemory(ctx, c, 'extension');
      const all = await measureMemory(ctx, c, 'stream', N);
      notes.push(
        `Layers (KB per event): informer cache alone ${kbPerEvent(engine).toFixed(2)}; + EventHub ${kbPerEvent(ext).toFixed(2)}; + history capped at 50,000 ${median(per).toFixed(2)}; + history holding all ${N.toLocaleString('en')} (maxEvents 100,000) ${kbPerEvent(all).toFixed(2)} (heap ${mib(all.after).toFixed(0)} MiB).`,
      );
      const k = await kubectl(c, ctx.tmp, ['get', 'events', '-A', '-o', 'json']);
      notes.push(
        `For scale: kubectl get events -A -o json on the same 100k events peaks at ${(k.maxRssKiB / 1024).toFixed(0)} MiB RSS and takes ${(k.wallMs / 1000).toFixed(1)} s; the engine process peaks at ${(median(full.map((m) => m.maxRssKiB)) / 1024).toFixed(0)} MiB RSS.`,
      );
    } else notes.push('Quick run: one run, no per-layer breakdown, no kubectl comparison.');
    // A quick run's size is not the issue's (fixed costs weigh more per event): it profiles only when asked.
    if (((median(per) > 1.5 || median(total) > 150) && !ctx.quick) || ctx.profile)
      notes.push(...(await heapProbe(ctx)));
    const baseline = { what: 'JSON per event on the wire', value: wire, unit: 'KB' };
    const perPod = await perObjectFigure(ctx, 'pods');
    const perEvent = await perObjectFigure(ctx, 'events');
    return [
      perPod,
      perEvent,
      {
        id: '4a',
        title: `${N.toLocaleString('en')} cached events: heap per event after GC`,
        value: median(per),
        unit: 'KB',
        spread: spread(per),
        target: { text: '<= 1.5 KB per event', of: 'value', op: '<=', limit: 1.5 },
        baseline,
        ratio: null,
        runs: full,
        notes,
      },
      {
        id: '4b',
        title: `${N.toLocaleString('en')} cached events: total heap after GC`,
        value: median(total),
        unit: 'MiB',
        spread: spread(total),
        target: { text: '<= 150 MB', of: 'value', op: '<=', limit: 150 },
        baseline: null,
        ratio: null,
        runs: total,
        notes: ['Whole process heap (code, engine, caches) after GC, same runs as 4a.'],
      },
    ];
  },
};
