/**
 * historyWrite: what writing the Events history to disk costs the extension host's event loop.
 * The publisher writes the history (up to kubeEvents.maxEvents rows, 50,000 by default) every few
 * seconds while events flow. Before 2026-12-02 it serialized and encoded the whole file in one
 * synchronous go; now it is cooperative (serializeHistoryChunks under a WorkSlicer, chunks
 * encoded with a turn of the loop between them) and spaced by PERSIST_COST_FACTOR.
 *
 *   npx tsx bench/historyWrite.ts [5000 50000] [--runs 3]
 *
 * Both ways run in this process on the same rows, alternately, writing the same temporary file:
 * "before" is serializeHistory + one TextEncoder.encode + one writeFile (what the publisher and
 * fileStore did), "after" is the publisher's own persistNow over a store that writes as
 * fileStore does on a `file:` folder (writeFileChunks). The figures per way: the
 * longest event-loop stall while it ran (the longest gap between runs of a 1 ms timer, or
 * perf_hooks.monitorEventLoopDelay's max if longer; and the gaps' p99), its
 * wall time, and its CPU time (process.cpuUsage). Bytes are the file's UTF-8 size.
 */
import { mkdtempSync, promises as fsp, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { ContextEvent, EventChange } from '../src/core/events/hub';
import { serializeHistory } from '../src/core/stream/persist';
import { EventStreamPublisher, type TextStore } from '../src/core/stream/publisher';
import { Emitter } from '../src/core/util/emitter';
import { writeFileChunks } from '../src/core/util/writeChunks';
import { contextEvent } from '../test/unit/stream/fixtures';

const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 3;
const sizes = args.filter((a, i) => /^\d+$/.test(a) && i !== runsAt + 1).map(Number);
if (sizes.length === 0) sizes.push(5000, 50000);

interface Sample {
  maxMs: number;
  p99Ms: number;
  wallMs: number;
  cpuMs: number;
  bytes: number;
}

async function measure(work: () => Promise<number>): Promise<Sample> {
  const h = monitorEventLoopDelay({ resolution: 1 });
  // Something else that wants the loop (a watch, a tree refresh): a timer every 1 ms, and the
  // gaps between its runs.
  const gaps: number[] = [];
  let last = performance.now();
  let ticking = true;
  const tick = () => {
    const now = performance.now();
    gaps.push(now - last);
    last = now;
    if (ticking) setTimeout(tick, 1);
  };
  setTimeout(tick, 1);
  h.enable();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const bytes = await work();
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  await new Promise((r) => setTimeout(r, 20)); // the ticker and the histogram see the last stall
  h.disable();
  ticking = false;
  gaps.sort((a, b) => a - b);
  return {
    maxMs: Math.max(h.max / 1e6, gaps[gaps.length - 1] ?? 0),
    p99Ms: gaps[Math.floor(gaps.length * 0.99)] ?? 0,
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    bytes,
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  for (const n of sizes) {
    const feed = {
      emitter: new Emitter<readonly EventChange[]>(),
      live: [] as ContextEvent[],
      list(): ContextEvent[] {
        return this.live;
      },
      get onDidChange() {
        return this.emitter.event;
      },
    };
    feed.live = Array.from({ length: n }, (_, i) =>
      contextEvent(`ev-${i}`, {
        lastSeen: 1_700_000_000_000 + i * 13,
        message: `Back-off restarting failed container app in pod web-7d9f-${i}_shop(1f2e-${i})`,
      }),
    );
    const dir = mkdtempSync(path.join(tmpdir(), 'kube-events-history-'));
    const file = path.join(dir, 'events-history.ndjson');
    // As src/host/webviews/fileStore.ts writes on a file: folder.
    const store: TextStore = {
      read: async () => undefined,
      write: (text) => writeFileChunks(dir, file, typeof text === 'string' ? [text] : text),
    };
    const publisher = new EventStreamPublisher({ feed, maxEvents: n, store, persistMs: 3_600_000 });
    await publisher.start();
    const rows = publisher.rows();
    const before: Sample[] = [];
    const after: Sample[] = [];
    for (let r = 0; r < runs; r++) {
      before.push(
        await measure(async () => {
          // What the publisher and fileStore did: the whole text, one encode, one write.
          const bytes = new TextEncoder().encode(serializeHistory(rows));
          await fsp.writeFile(file, bytes);
          return bytes.length;
        }),
      );
      after.push(
        await measure(async () => {
          feed.emitter.fire([{ type: 'upsert', event: feed.live[r]!, initial: false }]);
          await publisher.persistNow();
          return statSync(file).size;
        }),
      );
    }
    publisher.dispose();
    rmSync(dir, { recursive: true, force: true });
    const show = (name: string, s: Sample[]) =>
      `${name}: loop stall max ${median(s.map((x) => x.maxMs)).toFixed(0)} ms (p99 ${median(s.map((x) => x.p99Ms)).toFixed(0)}), wall ${median(s.map((x) => x.wallMs)).toFixed(0)} ms, CPU ${median(s.map((x) => x.cpuMs)).toFixed(0)} ms`;
    console.log(
      `${n.toLocaleString('en')} rows (${(before[0]!.bytes / 1e6).toFixed(1)} MB; medians of ${runs}):\n  ${show('before (one go)', before)}\n  ${show('after (cooperative)', after)}`,
    );
  }
}

void main();
