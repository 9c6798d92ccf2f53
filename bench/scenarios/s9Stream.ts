/**
 * s9Stream: scenario 9's stream phase. With the Events view open in code-server, the bench
 * writes `rate` core/v1 events per second for `seconds` into the context's server (events named
 * `<prefix>-000000`…) and reads, in the Events page, when each arrived and was painted (the probe
 * of s9VsCode). Figures: the p99 (`id`) against `target`, and the p50 (`id` + `-p50`) against
 * `p50Target` when given. Scenario 9 runs it at 500 events/s, and in its long mode
 * (BENCH_LONG=1) once more at 1,000 events/s for 5 minutes.
 */
import type { Frame, Page } from 'playwright-core';
import { waitUntil } from '../../test/integration/runner/wait';
import type { TestServer } from '../../test/server/index';
import type { BenchContext } from '../lib/context';
import type { Figure, Target } from '../lib/results';
import { quantile } from '../lib/stats';
import { perSecond, writeEventStream, type Involved } from '../lib/stream';

/** ProbeData is what s9VsCode's PAINT_PROBE collects in the Events page. */
export interface ProbeData {
  received: Record<string, number>;
  /** The host's Date.now() when it posted the delta that first carried the key (the delta's sentAt). */
  sent: Record<string, number>;
  upserts: Record<string, number>;
  painted: Record<string, number>;
  deltas: [number, number, number, number][];
  other: Record<string, number>;
  hidden: number;
}

const NS = 'live';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** StreamPhase says what to write and how to label the figures. */
export interface StreamPhase {
  id: string;
  rate: number;
  seconds: number;
  prefix: string;
  target: Target;
  p50Target?: Target;
  server: Pick<TestServer, 'create'>;
  pods: Involved[];
  frame: Frame;
  page: Page;
  /** The event count the webview's status should read afterwards. */
  expectedStatus: number;
  /** How long to wait, after the last write, for every event to arrive. */
  drainMs: number;
  context: string;
  seedEvents: number;
  /** The VSIX and how it was built, for the notes. */
  vsix: string;
  skew: number;
}

/** measureStream runs one phase and returns its figures. */
export async function measureStream(ctx: BenchContext, o: StreamPhase): Promise<Figure[]> {
  const { rate, seconds, prefix, server, pods, frame, page, skew } = o;
  const countReceived = () =>
    frame.evaluate(
      () => Object.keys((window as unknown as { __bench9: ProbeData }).__bench9.received).length,
    );
  const received0 = await countReceived();
  ctx.log(`  writing ${rate} events/s for ${seconds} s…`);
  const total = rate * seconds;
  const t0 = Date.now();
  const { written, writeSeconds } = await writeEventStream({
    server,
    namespace: NS,
    rate,
    seconds,
    prefix,
    involved: (i) => pods[i % pods.length]!,
  });
  // Wait until every key arrived (or drainMs passed), then for the last paints.
  await waitUntil('the webview received every event', countReceived, (n) => n >= received0 + total, {
    timeoutMs: o.drainMs,
    intervalMs: 250,
  }).catch(() => undefined);
  await sleep(1000);
  const data = await frame.evaluate(() => (window as unknown as { __bench9: ProbeData }).__bench9);
  const status = ((await frame.locator('.toolbar .status').textContent()) ?? '').trim();
  const webviewCount = await page.locator('iframe.webview').count();

  const lat: number[] = [];
  const hop: number[] = [];
  const paint: number[] = [];
  const hostStage: number[] = [];
  const transport: number[] = [];
  let lost = 0;
  let dup = 0;
  for (const [key, at] of written) {
    const got = data.received[key];
    const p = data.painted[key];
    if (got === undefined || p === undefined) {
      lost++;
      continue;
    }
    if ((data.upserts[key] ?? 0) > 1) dup++;
    lat.push(p - at);
    hop.push(got - at);
    paint.push(p - got);
    const sentAt = data.sent[key];
    if (sentAt !== undefined) {
      hostStage.push(sentAt - at);
      transport.push(got - sentAt);
    }
  }
  const unexpected = Object.keys(data.received).filter(
    (k) => k.startsWith(`${NS}/${prefix}-`) && !written.has(k),
  ).length;
  const deltaTimes = data.deltas.map((d) => d[0]);
  const inRun = deltaTimes.filter((t) => t >= t0);
  const span = inRun.length > 1 ? (Math.max(...inRun) - t0) / 1000 : NaN;
  const deltasMax = perSecond(inRun, t0, Infinity).max;
  const deltasMean = inRun.length / span;
  const upsertsPerDelta = data.deltas.filter((d) => d[0] >= t0).map((d) => d[1]);
  const expected = o.expectedStatus;
  const statusOk = status.replace(/[^\d]/g, '') === String(expected);
  const p99 = quantile(lat, 0.99);
  const q = (xs: number[]) => `${quantile(xs, 0.5).toFixed(0)} / ${quantile(xs, 0.99).toFixed(0)} ms`;
  ctx.log(
    `  p50 ${quantile(lat, 0.5).toFixed(0)} ms, p99 ${p99.toFixed(0)} ms, lost ${lost}, duplicated ${dup}, ` +
      `${inRun.length} deltas (max ${deltasMax}/s), status "${status}"`,
  );
  const other = Object.entries(data.other)
    .map(([k, n]) => `${n} ${k}`)
    .join(', ');

  const figA: Figure = {
    id: o.id,
    title: `real VS Code (code-server 4.100.3): server write -> webview row, ${rate} events/s for ${seconds} s: p99 latency`,
    value: lost > 0 || dup > 0 || lat.length === 0 ? null : p99,
    unit: 'ms',
    spread: lat.length
      ? { min: Math.min(...lat), max: Math.max(...lat), q1: quantile(lat, 0.25), q3: quantile(lat, 0.75) }
      : undefined,
    target: o.target,
    baseline: null,
    ratio: null,
    extra: {
      lost,
      duplicated: dup,
      p50: quantile(lat, 0.5),
      p90: quantile(lat, 0.9),
      max: lat.length ? Math.max(...lat) : NaN,
      receivedP50: quantile(hop, 0.5),
      receivedP99: quantile(hop, 0.99),
      hostP50: quantile(hostStage, 0.5),
      hostP99: quantile(hostStage, 0.99),
      transportP50: quantile(transport, 0.5),
      transportP99: quantile(transport, 0.99),
      paintP50: quantile(paint, 0.5),
      paintP99: quantile(paint, 0.99),
      deltasPerSecondMax: deltasMax,
      deltasPerSecondMean: deltasMean,
    },
    runs: [
      {
        events: total,
        writeSeconds,
        lost,
        dup,
        unexpected,
        deltas: inRun.length,
        status,
        clockSkewMs: skew,
        hiddenCount: data.hidden,
      },
    ],
    notes: [
      `code-server 4.100.3 (VS Code 1.100.3) with ${o.vsix}, its workbench in headless Chromium (Playwright); one context (${o.context}, in-process test API server over TLS, namespace ${NS} with ${pods.length} pods and ${o.seedEvents} seeded events). ${total.toLocaleString('en')} core/v1 events written at ${rate}/s (${writeSeconds.toFixed(1)} s), 20% Warnings, default settings (notifications on); one run of ${lat.length.toLocaleString('en')} samples. Spread = min–max of the per-event latencies.`,
      `Latency = first painted frame after the webview page received the delta holding the event (requestAnimationFrame + MessageChannel in the page) - the bench's Date.now() at the write: p50 ${quantile(lat, 0.5).toFixed(0)} ms, p90 ${quantile(lat, 0.9).toFixed(0)} ms, p99 ${p99.toFixed(0)} ms, max ${Math.max(...lat).toFixed(0)} ms.`,
      `Stages (p50 / p99): write -> delta received by the page (informer, EventHub, publisher, extension host -> renderer -> webview postMessage) ${q(hop)}; received -> painted frame ${q(paint)}. The first stage split by the delta's sentAt (the extension host's Date.now() when it posted; ${hostStage.length.toLocaleString('en')} samples): write -> posted by the extension (informer, EventHub, publisher, DeltaPacer) ${hostStage.length ? q(hostStage) : 'n/a'}; posted -> received by the page (VS Code: extension host -> server -> renderer -> webview frames) ${transport.length ? q(transport) : 'n/a'}.`,
      `Deltas received by the page while writing: ${inRun.length} in ${span.toFixed(1)} s = ${deltasMean.toFixed(1)}/s on average, at most ${deltasMax} in any 1 s window; upserts per delta p50 ${quantile(upsertsPerDelta, 0.5).toFixed(0)}, max ${upsertsPerDelta.length ? Math.max(...upsertsPerDelta) : 0}.`,
      `Lost ${lost}, duplicated ${dup} (a key upserted by two deltas; each event is written once), keys not written by the bench ${unexpected}; the webview's status reads "${status}"${statusOk ? '' : ` (expected ${expected.toLocaleString('en')} events)`}.${other ? ` Other messages the page got during the run: ${other}.` : ''}`,
      `The probe listens to window \`message\` in the Events page (the inner \`#active-frame\` iframe of the webview), like the app, after the initial snapshot; the page stayed loaded and visible throughout (hidden ${data.hidden} times, ${webviewCount} webview iframe(s)); side bar 900 px wide, Clusters view open above it.`,
      `Clock: Date.now() in the bench and performance.timeOrigin + performance.now() in Chromium read the same machine clock (in the page they differed by ${skew.toFixed(1)} ms at the start).`,
    ],
  };

  if (!o.p50Target) return [figA];
  const p50 = quantile(lat, 0.5);
  return [
    figA,
    {
      id: `${o.id}-p50`,
      title: `real VS Code (code-server 4.100.3): server write -> webview row, ${rate} events/s for ${seconds} s: p50 latency`,
      value: lost > 0 || dup > 0 || lat.length === 0 ? null : p50,
      unit: 'ms',
      target: o.p50Target,
      baseline: null,
      ratio: null,
      extra: { lost, duplicated: dup, p99 },
      runs: [],
      notes: [
        `The same samples as ${o.id} (${lat.length.toLocaleString('en')} events): p50 ${p50.toFixed(0)} ms.`,
      ],
    },
  ];
}
