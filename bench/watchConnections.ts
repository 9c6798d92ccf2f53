/**
 * watchConnections: what N concurrent watches cost on the wire today (HTTP/1.1 over the
 * keep-alive agent: one TCP + TLS connection per watch) against HTTP/2 (one connection, one
 * stream per watch), for issue 10 item 5. Counts the TLS connections the server accepted and
 * the RSS and heap growth of holding N open watches, client and server together (one process).
 *
 *   npx tsx bench/watchConnections.ts [200]
 */
import { setMaxListeners } from 'node:events';
import * as http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import { PODS } from '../src/core/kinds';
import { createListerWatcher } from '../src/kube/httpListerWatcher';
import { KubeTransport } from '../src/kube/transport';
import { loadPki } from '../test/server/pki';

const n = Number(process.argv[2] ?? 200);
const line =
  JSON.stringify({ type: 'ADDED', object: { metadata: { name: 'a', resourceVersion: '1' } } }) + '\n';

async function main(): Promise<void> {
  const pki = await loadPki();
  let tlsConnections = 0;
  // One server speaking both protocols, answering every watch with one event and then silence.
  const server = http2.createSecureServer({
    key: pki.serverKeyPem,
    cert: pki.serverCertPem,
    allowHTTP1: true,
  });
  server.on('secureConnection', () => tlsConnections++);
  server.on('request', (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write(line);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const ca = Buffer.from(pki.caCertPem);
  const mem = () => {
    global.gc?.();
    const m = process.memoryUsage();
    return { rss: m.rss, heap: m.heapUsed + m.external };
  };
  const rows: string[] = [];
  const report = (what: string, before: ReturnType<typeof mem>, ms: number) => {
    const after = mem();
    rows.push(
      `| ${what} | ${n} | ${tlsConnections} | ${((after.rss - before.rss) / n / 1024).toFixed(1)} | ${((after.heap - before.heap) / n / 1024).toFixed(1)} | ${ms.toFixed(0)} |`,
    );
  };

  // HTTP/1.1, as the transport does today.
  let before = mem();
  let started = performance.now();
  const transport = new KubeTransport({
    cluster: { server: url, ca, rejectUnauthorized: true },
    credentials: { get: async () => ({ headers: {}, generation: 0 }), invalidate: () => undefined },
  });
  const ac = new AbortController();
  setMaxListeners(0, ac.signal);
  const lw = createListerWatcher({ transport, kind: PODS });
  const watchOptions = { resourceVersion: '1', allowWatchBookmarks: true, timeoutSeconds: 300 };
  const iters = Array.from({ length: n }, () => {
    const watch = lw.watch(watchOptions, ac.signal);
    return watch[Symbol.asyncIterator]();
  });
  await Promise.all(iters.map((it) => it.next()));
  report('HTTP/1.1 keep-alive agent (today)', before, performance.now() - started);
  ac.abort();
  transport.dispose();
  await new Promise((r) => setTimeout(r, 200));

  // HTTP/2: one session, one stream per watch.
  tlsConnections = 0;
  before = mem();
  started = performance.now();
  const session = http2.connect(url, { ca });
  await Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise<void>((resolve, reject) => {
          const stream = session.request({ ':path': '/api/v1/pods?watch=true' });
          stream.once('data', () => resolve());
          stream.once('error', reject);
        }),
    ),
  );
  report('HTTP/2, one session', before, performance.now() - started);
  session.destroy();
  server.close();

  console.log(
    '| transport | watches | TLS connections | RSS KiB/watch | heap+external KiB/watch | time to N first events ms |',
  );
  console.log('|---|---|---|---|---|---|');
  for (const r of rows) console.log(r);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
