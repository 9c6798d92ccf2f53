/**
 * Scenario 10: the wire and memory cost of issue 10's fixes, against the two-layer test server
 * (in this process, plain HTTP, through a byte-counting TCP proxy):
 * - 10a: requests per verb and bytes for the relist after a watch 410 caused by a watch-cache
 *   restart (client-go makes one list; so must we), by LIST and by watch-list.
 * - 10b: bytes of a 10k-pod (quick: 2k) first list (resourceVersion=0, served whole) with and without gzip,
 *   and of the whole initial sync by LIST (gzip) and by watch-list (never compressed).
 * - 10c: peak RSS of a child process syncing a 100k-pod (quick: 5k) unpaginated first list,
 *   by LIST and by watch-list.
 */
import { execFile } from 'node:child_process';
import * as http from 'node:http';
import * as net from 'node:net';
import * as path from 'node:path';
import { Informer } from '../../src/core/cache/informer';
import type { KubeObject } from '../../src/core/cache/types';
import { PODS } from '../../src/core/kinds';
import { createListerWatcher } from '../../src/kube/httpListerWatcher';
import { KubeTransport } from '../../src/kube/transport';
import { pod } from '../../test/server/fixtures';
import { startTestServer, type TestServer } from '../../test/server/index';
import { ROOT, runs, type BenchContext, type Scenario } from '../lib/context';
import type { Figure } from '../lib/results';
import { median, spread } from '../lib/stats';

/** ByteProxy forwards TCP to `port` and counts the bytes each way. */
interface ByteProxy {
  url: string;
  up: number;
  down: number;
  reset(): void;
  close(): Promise<void>;
}

async function byteProxy(port: number): Promise<ByteProxy> {
  const sockets = new Set<net.Socket>();
  const p = {
    url: '',
    up: 0,
    down: 0,
    reset() {
      p.up = p.down = 0;
    },
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
  const server = net.createServer((client) => {
    const upstream = net.connect(port, '127.0.0.1');
    sockets.add(client).add(upstream);
    client.on('data', (d) => (p.up += d.length));
    upstream.on('data', (d) => (p.down += d.length));
    client.pipe(upstream).pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  p.url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  return p;
}

async function serverWith(pods: number): Promise<TestServer> {
  const server = await startTestServer({ tls: false, authorize: false, bookmarkIntervalMs: 1000 });
  for (let i = 0; i < pods; i++) server.create(pod(`ns-${i % 20}`, `p-${i}`));
  return server;
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

async function waitFor(cond: () => boolean, what: string, ms = 120_000): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

function informerOn(url: string, useWatchList: boolean) {
  const transport = new KubeTransport({
    cluster: { server: url, rejectUnauthorized: true },
    credentials: { get: async () => ({ headers: {}, generation: 0 }), invalidate: () => {} },
  });
  const informer = new Informer<KubeObject>({
    name: 'pods',
    listerWatcher: createListerWatcher({ transport, kind: PODS }),
    useWatchList,
    backoff: { initialMs: 50, maxMs: 200 },
  });
  return {
    informer,
    dispose() {
      informer.stop();
      transport.dispose();
    },
  };
}

const verbs = (server: TestServer) => {
  const c: Record<string, number> = {};
  for (const r of server.requests.filter((x) => x.resource === 'pods')) {
    const v = r.verb === 'watch' && r.query.sendInitialEvents === 'true' ? 'watchlist' : r.verb;
    c[v] = (c[v] ?? 0) + 1;
  }
  return c;
};

async function relistAfter410(ctx: BenchContext): Promise<Figure> {
  const server = await serverWith(ctx.quick ? 2_000 : 5_000);
  const proxy = await byteProxy(server.port);
  const out: { mode: string; requests: Record<string, number>; downBytes: number; upBytes: number }[] = [];
  try {
    for (const useWatchList of [false, true]) {
      const run = informerOn(proxy.url, useWatchList);
      run.informer.start();
      await run.informer.whenSynced();
      await sleep(1200); // a healthy watch
      server.clearRequests();
      proxy.reset();
      server.faults.restartWatchCache();
      const marker = server.create(pod('ns-0', `marker-${useWatchList}`)) as KubeObject;
      await waitFor(() => run.informer.store.get(`ns-0/${marker.metadata.name}`) !== undefined, 'relist');
      await sleep(300);
      out.push({
        mode: useWatchList ? 'watch-list' : 'LIST',
        requests: verbs(server),
        downBytes: proxy.down,
        upBytes: proxy.up,
      });
      run.dispose();
    }
  } finally {
    await proxy.close();
    await server.stop();
  }
  const list = out[0]!;
  const wl = out[1]!;
  const relists = (list.requests.list ?? 0) + (list.requests.watchlist ?? 0);
  ctx.log(`  relist after 410: ${JSON.stringify(out)}`);
  return {
    id: '10a',
    title: 'relist after a watch 410 (watch-cache restart): list requests',
    value: relists,
    unit: 'requests',
    target: { text: 'client-go: 1 list', of: 'value', op: '<=', limit: 1 },
    baseline: null,
    ratio: null,
    extra: {
      listModeBytesDown: list.downBytes,
      watchListModeRelists: (wl.requests.list ?? 0) + (wl.requests.watchlist ?? 0),
      watchListModeBytesDown: wl.downBytes,
    },
    runs: out,
    notes: [
      `Pods: ${ctx.quick ? 2_000 : 5_000}. After restartWatchCache and one write, until the write is cached.`,
      `LIST mode: ${JSON.stringify(list.requests)}, ${list.downBytes} bytes down, ${list.upBytes} up.`,
      `Watch-list mode: ${JSON.stringify(wl.requests)}, ${wl.downBytes} bytes down, ${wl.upBytes} up.`,
    ],
  };
}

function rawGet(url: string, gzip: boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      `${url}/api/v1/pods?resourceVersion=0&limit=500`,
      { headers: gzip ? { 'Accept-Encoding': 'gzip' } : {}, agent: false },
      (res) => {
        res.resume();
        res.on('end', () => resolve());
      },
    );
    req.on('error', reject);
  });
}

async function gzipBytes(ctx: BenchContext): Promise<Figure> {
  const pods = ctx.quick ? 2_000 : 10_000;
  const k = `${pods / 1000}k`;
  const server = await serverWith(pods);
  const proxy = await byteProxy(server.port);
  const r = { gzip: [] as number[], plain: [] as number[], syncList: 0, syncWatchList: 0 };
  try {
    for (let i = 0; i < runs(ctx, 3, 1); i++) {
      for (const gz of [true, false]) {
        proxy.reset();
        await rawGet(proxy.url, gz);
        await sleep(50);
        (gz ? r.gzip : r.plain).push(proxy.down);
      }
    }
    for (const useWatchList of [false, true]) {
      proxy.reset();
      const run = informerOn(proxy.url, useWatchList);
      run.informer.start();
      await run.informer.whenSynced();
      if (useWatchList) r.syncWatchList = proxy.down;
      else r.syncList = proxy.down;
      run.dispose();
    }
  } finally {
    await proxy.close();
    await server.stop();
  }
  const g = median(r.gzip);
  const p = median(r.plain);
  ctx.log(
    `  ${k} pods first list: gzip ${g} B, plain ${p} B; sync LIST ${r.syncList} B, watch-list ${r.syncWatchList} B`,
  );
  return {
    id: '10b',
    title: `bytes of a ${k}-pod first list with gzip`,
    value: g,
    unit: 'bytes',
    spread: spread(r.gzip),
    target: { text: 'gzip saves at least 70%', of: 'ratio', op: '<=', limit: 0.3 },
    baseline: { what: 'the same list without Accept-Encoding: gzip', value: p, unit: 'bytes' },
    ratio: null,
    extra: { plainBytes: p, syncListBytes: r.syncList, syncWatchListBytes: r.syncWatchList },
    runs: [r],
    notes: [
      `GET /api/v1/pods?resourceVersion=0&limit=500 (the watch cache serves it whole): ${g} bytes gzipped, ${p} plain (${((1 - g / p) * 100).toFixed(0)}% saved).`,
      `Whole initial sync by the informer: LIST (gzip) ${r.syncList} bytes; watch-list ${r.syncWatchList} bytes (watch streams are never compressed, as on a real server).`,
    ],
  };
}

function child(
  url: string,
  useWatchList: boolean,
): Promise<{ objects: number; peakRssBytes: number; ms: number }> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [
        '--import',
        'tsx',
        path.join(ROOT, 'bench', 'lib', 'syncChild.ts'),
        JSON.stringify({ url, useWatchList }),
      ],
      { cwd: ROOT, maxBuffer: 1 << 20, timeout: 600_000 },
      (err, stdout) => {
        if (err) return reject(err);
        resolve(JSON.parse(stdout.trim().split('\n').pop()!));
      },
    );
  });
}

async function peakRss(ctx: BenchContext): Promise<Figure> {
  const n = ctx.quick ? 5_000 : 100_000;
  const server = await serverWith(n);
  const r = {
    list: [] as number[],
    watchList: [] as number[],
    listMs: [] as number[],
    watchListMs: [] as number[],
  };
  try {
    for (let i = 0; i < runs(ctx, 3, 1); i++) {
      for (const useWatchList of [false, true]) {
        const o = await child(server.url, useWatchList);
        if (o.objects !== n) throw new Error(`synced ${o.objects} objects, expected ${n}`);
        (useWatchList ? r.watchList : r.list).push(o.peakRssBytes / 2 ** 20);
        (useWatchList ? r.watchListMs : r.listMs).push(o.ms);
      }
    }
  } finally {
    await server.stop();
  }
  const l = median(r.list);
  const w = median(r.watchList);
  ctx.log(`  ${n} pods: peak RSS LIST ${l.toFixed(0)} MiB, watch-list ${w.toFixed(0)} MiB`);
  return {
    id: '10c',
    title: `peak RSS of the initial sync of ${n.toLocaleString('en')} pods (unpaginated first list)`,
    value: l,
    unit: 'MiB',
    spread: spread(r.list),
    target: null,
    baseline: { what: 'the same sync by watch-list', value: w, unit: 'MiB' },
    ratio: null,
    extra: { watchListMiB: w, listMs: median(r.listMs), watchListMs: median(r.watchListMs) },
    runs: [r],
    notes: [
      `Child process (node --import tsx bench/lib/syncChild.ts), one pods informer, maxRSS at sync; median of ${runs(ctx, 3, 1)}.`,
      `LIST: ${l.toFixed(0)} MiB in ${median(r.listMs).toFixed(0)} ms; watch-list: ${w.toFixed(0)} MiB in ${median(r.watchListMs).toFixed(0)} ms.`,
    ],
  };
}

export const s10Wire: Scenario = {
  id: 10,
  title: 'wire and memory: relist after 410, gzip, peak RSS of a big first list',
  async run(ctx) {
    return [await relistAfter410(ctx), await gzipBytes(ctx), await peakRss(ctx)];
  },
};
