/**
 * Scenario 3: server write -> informer -> EventHub -> Events view publisher -> webview row, at
 * 500 events/s for 60 s (3 s in a quick run). The host side is the bundled engine in its own
 * process (Connections + EventStreamPublisher + DeltaPacer, as registerEventsViews and
 * EventsWebview wire them); each delta it publishes is forwarded to the webview page in headless
 * Chromium as the protocol's `delta` message, and the page's acks go back to the engine's DeltaPacer
 * (page -> CDP binding -> engine stdin), as VS Code carries them. Outside VS Code the host ->
 * webview hop is a stdout pipe plus a CDP Runtime.evaluate instead of VS Code's postMessage.
 * Latency per event = the first painted frame after the webview received the delta holding it -
 * the server write. Three runs (one in a quick run), each on a fresh server, engine and page; the
 * figure is the median of the runs' p99s.
 *
 * Baseline on the same stream, in the same runs: `kubectl get events -A -w -o json` (what a user
 * would run in a terminal instead), its output cut into objects as the bytes arrive
 * (kubectlWatch); its latency is write -> object received here, compared with the engine's
 * write -> delta received here. CPU of both processes (trees) over the same window, from /proc.
 */
import { populate, startCluster } from '../lib/cluster';
import { webviewFor, type WebviewBrowser } from '../lib/browser';
import { runs, type BenchContext, type Scenario } from '../lib/context';
import { treeCpuMs } from '../lib/cpu';
import { watchEvents } from '../lib/kubectlWatch';
import { startLive } from '../lib/proc';
import { quantile } from '../lib/stats';
import { perSecond, writeEventStream } from '../lib/stream';
import { event } from '../../test/server/fixtures';
import { s3Figures, type RunResult } from './s3Figures';
import type { CDPSession, Page } from 'playwright-core';

interface TestWindow {
  __send(m: unknown): void;
  __painted: Record<string, number[]>;
  __received: Record<string, number>;
  __deltaAt: number[];
  __ackAt: number[];
}
// Named `w` on purpose: pageInit defines window.w, so functions serialized into the page resolve it there.
const w = () => window as unknown as TestWindow;

/**
 * PAINT_PROBE records, per row key of each delta, when the frame after it was painted (epoch ms),
 * when each delta arrived (`__deltaAt`) and when the page posted each ack (`__ackAt`); the acks
 * go on to the host through the CDP binding `__toHost` (one JSON string each).
 */
export const PAINT_PROBE = `
{
  const stub = window.acquireVsCodeApi;
  window.acquireVsCodeApi = () => {
    const api = stub();
    const post = api.postMessage;
    api.postMessage = (m) => {
      post(m);
      if (m && m.type === 'ack') {
        window.__ackAt.push(performance.timeOrigin + performance.now());
        if (window.__toHost) window.__toHost(JSON.stringify(m));
      }
    };
    return api;
  };
}
window.__painted = {};
window.__received = {};
window.__deltaAt = [];
window.__ackAt = [];
window.addEventListener('message', (e) => {
  const m = e.data;
  if (!m || m.type !== 'delta') return;
  const keys = m.upsert.map((r) => r.key);
  const got = performance.timeOrigin + performance.now();
  window.__deltaAt.push(got);
  for (const k of keys) if (!(k in window.__received)) window.__received[k] = got;
  requestAnimationFrame(() => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      const t = performance.timeOrigin + performance.now();
      for (const k of keys) (window.__painted[k] ||= []).push(t);
    };
    ch.port2.postMessage(0);
  });
});
`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const RATE = 500;
/** DRAIN_MS bounds the wait, after the last write, for the page and kubectl to show every event. */
const DRAIN_MS = 30_000;
const NS = 'live';
const involved = (i: number) => ({
  kind: 'Pod',
  metadata: { name: `web-5d8f9c7b6-${String(i % 50).padStart(6, '0')}`, namespace: NS },
});

/** oneRun writes RATE events/s for `seconds` into a fresh server and collects the latencies. */
async function oneRun(
  ctx: BenchContext,
  b: WebviewBrowser,
  run: number,
  seconds: number,
): Promise<RunResult> {
  const c = await startCluster(ctx.tmp, `live-${run}`);
  populate(c, [{ name: NS, pods: 50, events: 0 }]);
  /** Per row key: when the publisher first published it, when its delta left, when it got here. */
  const pub = new Map<string, number>();
  const left = new Map<string, number>();
  const here = new Map<string, number>();
  /** Per delta: when it left the engine, reached this process, and was handed to the page. */
  const deltas: { at: number; got: number; posted: number }[] = [];
  /** Per ack: when this process got it from the page, and when the engine got it. */
  const toHost: number[] = [];
  const acked: { at: number; sent: number; timedOut: number }[] = [];
  let page: Page | undefined;
  let cdp: CDPSession | undefined;
  let inFlight: Promise<unknown> = Promise.resolve();
  const child = startLive(
    process.execPath,
    [ctx.engine, JSON.stringify({ mode: 'stream', kubeconfig: c.kubeconfig, context: c.context })],
    (m) => {
      if (m.type === 'acked')
        acked.push({ at: m.at as number, sent: m.sent as number, timedOut: m.timedOut as number });
      if (m.type !== 'delta' || !cdp) return;
      const got = Date.now();
      const upsert = m.upsert as { key: string }[];
      const stamps = (m.pub as number[] | undefined) ?? [];
      const d = { at: m.at as number, got, posted: NaN };
      deltas.push(d);
      upsert.forEach((r, i) => {
        if (left.has(r.key)) return;
        left.set(r.key, d.at);
        here.set(r.key, got);
        if (stamps[i]) pub.set(r.key, stamps[i]);
      });
      // Straight into the page as JSON source text: CDP keeps the order, and V8 parses it natively
      // (Playwright's evaluate walks every value of the argument in JS: seconds for a large delta
      // on a loaded machine, which then held the next ack back).
      const msg = JSON.stringify({ type: 'delta', upsert, expire: m.expire, remove: m.remove });
      inFlight = cdp
        .send('Runtime.evaluate', { expression: `window.__send(${msg})` })
        .then(() => (d.posted = Date.now()));
    },
  );
  const kubectl = watchEvents(c, ctx.tmp);
  try {
    page = await b.open(PAINT_PROBE);
    const session = await page.context().newCDPSession(page);
    session.on('Runtime.bindingCalled', (e) => {
      if (e.name !== '__toHost') return;
      toHost.push(Date.now());
      child.send(JSON.parse(e.payload) as unknown);
    });
    await session.send('Runtime.addBinding', { name: '__toHost' });
    cdp = session;
    const synced = await child.waitFor((m) => m.type === 'synced', 60_000);
    await page.evaluate(
      (rows) => w().__send({ type: 'snapshot', rows, first: true, last: true, now: Date.now(), ui: null }),
      synced.rows as unknown[],
    );
    // One event before the stream: both clients are watching once each has shown it.
    c.server.create(event(NS, involved(0), { name: 'warm-up', lastTimestamp: Date.now() }));
    await kubectl.waitFor(`${NS}/warm-up`, 60_000);
    await page.waitForFunction(() => 'live/warm-up' in w().__painted, undefined, { timeout: 60_000 });
    await sleep(500);
    const firstDelta = deltas.length;
    const firstAck = acked.length;
    const firstToHost = toHost.length;
    const ackBase = await page.evaluate(() => ({ d: w().__deltaAt.length, a: w().__ackAt.length }));
    ctx.log(`  run ${run}: writing ${RATE} events/s for ${seconds} s…`);
    const cpu0 = { host: treeCpuMs(child.process.pid), kubectl: treeCpuMs(kubectl.process.pid) };
    const t0 = Date.now();
    const { written, writeSeconds } = await writeEventStream({
      server: c.server,
      namespace: NS,
      rate: RATE,
      seconds,
      involved,
    });
    // Drain: until the page has painted every event and kubectl printed it, at most DRAIN_MS.
    const total = RATE * seconds;
    const drainEnd = Date.now() + DRAIN_MS;
    while (Date.now() < drainEnd) {
      await sleep(250);
      const n = await page.evaluate(() => Object.keys(w().__painted).length);
      if (n >= total + 1 && kubectl.seen.size >= total + 1) break;
    }
    await inFlight;
    await sleep(500);
    const cpuWindowS = (Date.now() - t0) / 1000;
    const cpu = {
      host: treeCpuMs(child.process.pid) - cpu0.host,
      kubectl: treeCpuMs(kubectl.process.pid) - cpu0.kubectl,
    };
    const painted = await page.evaluate(() => w().__painted);
    const received = await page.evaluate(() => w().__received);
    const pageTimes = await page.evaluate(() => ({ d: w().__deltaAt, a: w().__ackAt }));
    const status = (await page.locator('.status').textContent()) ?? '';
    const r: RunResult = {
      lat: [],
      host: [],
      publisher: [],
      pacer: [],
      hostHere: [],
      kubectl: [],
      hop: [],
      paint: [],
      ack: { rtt: [], paint: [], toBench: [], toEngine: [], toPage: [], pipe: [] },
      acks: acked.length - firstAck,
      deltasSent: deltas.length - firstDelta,
      timeouts: 0,
      lost: 0,
      dup: 0,
      kubectlLost: 0,
      total,
      writeSeconds,
      cpuWindowS,
      cpu,
      status,
      // The warm-up event is one more row.
      statusOk: status.replace(/[^\d]/g, '') === String(total + 1),
      rate: perSecond(
        deltas.map((d) => d.at),
        t0,
        t0 + writeSeconds * 1000,
      ),
    };
    for (const [key, at] of written) {
      const k = kubectl.seen.get(key);
      if (k === undefined) r.kubectlLost++;
      else r.kubectl.push(k - at);
      const p = painted[key];
      if (!p || p.length === 0) {
        r.lost++;
        continue;
      }
      if (p.length > 1) r.dup++;
      r.lat.push(p[0]! - at);
      const out = left.get(key);
      const got = received[key];
      const pb = pub.get(key);
      if (pb !== undefined) r.publisher.push(pb - at);
      if (pb !== undefined && out !== undefined) r.pacer.push(out - pb);
      if (out !== undefined) r.host.push(out - at);
      const h = here.get(key);
      if (h !== undefined) r.hostHere.push(h - at);
      if (out !== undefined && got !== undefined) r.hop.push(got - out);
      if (got !== undefined) r.paint.push(p[0]! - got);
    }
    // Delta k (in order since the warm-up) is acknowledged by ack k: the page acks each delta once.
    for (let k = 0; k < r.deltasSent; k++) {
      const d = deltas[firstDelta + k]!;
      const inPage = pageTimes.d[ackBase.d + k];
      const ackPosted = pageTimes.a[ackBase.a + k];
      const bench = toHost[firstToHost + k];
      const engine = acked[firstAck + k];
      r.ack.pipe.push(d.got - d.at);
      if (inPage !== undefined) r.ack.toPage.push(inPage - d.got);
      if (inPage !== undefined && ackPosted !== undefined) r.ack.paint.push(ackPosted - inPage);
      if (ackPosted !== undefined && bench !== undefined) r.ack.toBench.push(bench - ackPosted);
      if (bench !== undefined && engine !== undefined) r.ack.toEngine.push(engine.at - bench);
      if (engine !== undefined) r.ack.rtt.push(engine.at - d.at);
    }
    // Deltas the engine's pacer sent on its ack timeout (the page's ack later than 1 s).
    const base = acked[firstAck - 1]?.timedOut ?? 0;
    r.timeouts = (acked[acked.length - 1]?.timedOut ?? base) - base;
    ctx.log(
      `  run ${run}: p50 ${quantile(r.lat, 0.5).toFixed(0)} ms, p99 ${quantile(r.lat, 0.99).toFixed(0)} ms, lost ${r.lost}, duplicated ${r.dup}; ` +
        `${r.deltasSent} deltas, ${r.acks} acks, ack round trip p50 ${quantile(r.ack.rtt, 0.5).toFixed(0)} ms; ` +
        `kubectl -w p50 ${quantile(r.kubectl, 0.5).toFixed(0)} / p99 ${quantile(r.kubectl, 0.99).toFixed(0)} ms`,
    );
    return r;
  } finally {
    await kubectl.stop();
    await child.stop();
    await page?.context().close();
    await c.stop();
  }
}

export const s3Latency: Scenario = {
  id: 3,
  title: 'write -> webview row latency at 500 events/s',
  async run(ctx) {
    const seconds = ctx.quick ? 3 : 60;
    const n = runs(ctx, 3, 1);
    const b = await webviewFor(ctx);
    const results: RunResult[] = [];
    try {
      for (let run = 1; run <= n; run++) results.push(await oneRun(ctx, b, run, seconds));
    } finally {
      await b.close();
    }
    return s3Figures(results, { rate: RATE, seconds });
  },
};
