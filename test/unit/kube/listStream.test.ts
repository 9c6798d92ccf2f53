import * as assert from 'node:assert/strict';
import type * as http from 'node:http';
import * as zlib from 'node:zlib';
import { stripForCache } from '../../../src/core/cache/transform';
import type { KubeObject } from '../../../src/core/cache/types';
import { PODS } from '../../../src/core/kinds';
import { createListerWatcher } from '../../../src/kube/httpListerWatcher';
import { TRUNCATED_ANNOTATION } from '../../../src/kube/oversize';
import { KubeTransport } from '../../../src/kube/transport';
import { pod, startScriptedServer, StaticCredentials, type ScriptedServer } from './fixtures';

const MiB = 1024 * 1024;
const WATCH = { resourceVersion: '10', allowWatchBookmarks: true, timeoutSeconds: 300 };

/** bigPod is a pod-sized object (~1.5 KB) with managedFields and a last-applied annotation. */
function bigPod(i: number) {
  return {
    metadata: {
      name: `pod-${i}`,
      namespace: `ns-${i % 50}`,
      uid: `uid-${i}`,
      resourceVersion: String(i + 1),
      labels: { app: `app-${i % 100}` },
      annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"x":"' + 'y'.repeat(300) + '"}' },
      managedFields: [{ manager: 'kubelet', fieldsV1: { 'f:status': { 'f:conditions': 'z'.repeat(400) } } }],
    },
    spec: { containers: [{ name: 'c', image: 'registry.example/app:1.0', args: ['--flag="q\\"uoted"'] }] },
    status: { phase: 'Running', message: 'héllo ✓ 多字节' },
  };
}

/** writeAll writes `parts()` with backpressure, then ends. */
function writeAll(res: NodeJS.WritableStream, parts: Iterator<string>) {
  const go = () => {
    for (let p = parts.next(); !p.done; p = parts.next()) {
      if (!res.write(p.value)) return void res.once('drain', go);
    }
    res.end();
  };
  go();
}

function* listBody(
  n: number,
  make: (i: number) => string = (i) => JSON.stringify(bigPod(i)),
): Iterator<string> {
  yield '{"kind":"PodList","apiVersion":"v1","items":[';
  for (let i = 0; i < n; i++) yield (i ? ',' : '') + make(i);
  // metadata after the items: the scanner must not depend on member order.
  yield '],"metadata":{"resourceVersion":"777","continue":"next-page"}}';
}

/** smallPod is a ~420-byte pod made by string templating, cheap enough for 50k in a unit test. */
function smallPod(i: number): string {
  return (
    `{"metadata":{"name":"pod-${i}","namespace":"ns-${i % 50}","uid":"uid-${i}","resourceVersion":"${i + 1}",` +
    `"managedFields":[{"manager":"kubelet","fieldsV1":{"f:status":{"f:phase":{}}}}]},` +
    `"spec":{"containers":[{"name":"c","image":"registry.example/app:1.0","args":["--a=\\"q\\"","x\\\\y"]}]},` +
    `"status":{"phase":"Running","message":"héllo ✓ 多字节 ${'.'.repeat(150)}"}}`
  );
}

describe('streamed lists and watches', () => {
  let server: ScriptedServer;
  let transport: KubeTransport;
  beforeEach(async () => {
    server = await startScriptedServer();
    transport = new KubeTransport({
      cluster: { server: server.url, rejectUnauthorized: true },
      credentials: new StaticCredentials(['t']),
    });
  });
  afterEach(async () => {
    transport.dispose();
    await server.close();
  });

  it('parses a 50k-object list body as a stream: no JSON.parse of anything near the whole body', async function () {
    this.timeout(120_000); // the shared CI machine; the figure that matters is the largest parse
    const n = 50_000;
    let bodyBytes = 0;
    server.handle((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      const parts = listBody(n, smallPod);
      writeAll(res, {
        next: () => {
          const p = parts.next();
          if (!p.done) bodyBytes += Buffer.byteLength(p.value as string);
          return p;
        },
      });
    });
    let largestParse = 0;
    const parse = JSON.parse;
    JSON.parse = (text: string, reviver?: never) => {
      largestParse = Math.max(largestParse, text.length);
      return parse(text, reviver);
    };
    let page;
    try {
      page = await createListerWatcher({ transport, kind: PODS, transform: stripForCache }).list(
        {},
        new AbortController().signal,
      );
    } finally {
      JSON.parse = parse;
    }
    assert.equal(page.items.length, n);
    assert.equal(page.resourceVersion, '777');
    assert.equal(page.continue, 'next-page');
    assert.equal(page.items[n - 1]!.metadata.name, `pod-${n - 1}`);
    assert.equal(page.items[0]!.kind, 'Pod');
    assert.equal(page.items[0]!.metadata.managedFields, undefined, 'stripped at arrival by the transform');
    assert.ok(bodyBytes > 20 * MiB, `body ${bodyBytes}`);
    assert.ok(largestParse < 1024, `largest JSON.parse input: ${largestParse} chars`);
    assert.equal(
      (page.items[7]!.spec as { containers: { args: string[] }[] }).containers[0]!.args[1],
      'x\\y',
    );
  });

  it('asks for gzip and decodes a gzipped list', async () => {
    server.handle((req, res) => {
      assert.match(String(req.headers['accept-encoding']), /gzip/);
      res.writeHead(200, { 'Content-Encoding': 'gzip' });
      const gz = zlib.createGzip();
      gz.pipe(res);
      writeAll(gz, listBody(2000));
    });
    const page = await createListerWatcher({ transport, kind: PODS }).list({}, new AbortController().signal);
    assert.equal(page.items.length, 2000);
    assert.equal(
      page.items[1999]!.status && (page.items[1999]!.status as { message: string }).message,
      'héllo ✓ 多字节',
    );
    assert.equal(page.resourceVersion, '777');
  });

  it('decodes a gzipped watch, event by event as the server flushes', async () => {
    let gz!: zlib.Gzip;
    server.handle((_req, res) => {
      res.writeHead(200, { 'Content-Encoding': 'gzip' });
      gz = zlib.createGzip();
      gz.pipe(res);
      gz.write(JSON.stringify({ type: 'ADDED', object: pod('a', '11') }) + '\n');
      gz.flush();
    });
    const watch = createListerWatcher({ transport, kind: PODS }).watch(WATCH, new AbortController().signal);
    const iter = watch[Symbol.asyncIterator]();
    assert.equal((await iter.next()).value.object.metadata.name, 'a');
    gz.end(JSON.stringify({ type: 'DELETED', object: pod('a', '12') }) + '\n');
    const second = await iter.next();
    assert.equal(second.value.type, 'DELETED');
    assert.equal((await iter.next()).done, true);
  });

  it('rejects a truncated gzip list', async () => {
    const whole = zlib.gzipSync(JSON.stringify({ metadata: {}, items: [pod('a', '1')] }));
    server.handle((_req, res) => {
      res.writeHead(200, { 'Content-Encoding': 'gzip' });
      res.end(whole.subarray(0, whole.length - 10));
    });
    await assert.rejects(
      createListerWatcher({ transport, kind: PODS }).list({}, new AbortController().signal),
    );
  });

  it('rejects a list that is not a List, as a 500 ApiError', async () => {
    server.handle((_req, res) => {
      res.writeHead(200);
      res.end('<html>proxy login</html>');
    });
    await assert.rejects(
      createListerWatcher({ transport, kind: PODS }).list({}, new AbortController().signal),
      /not valid JSON/,
    );
  });

  it('aborts a watch whose line passes the cap, also when the line is a gzip bomb', async () => {
    for (const gzip of [false, true]) {
      let written = 0;
      const closed = new Promise<void>((resolve) =>
        server.handle((_req, res) => {
          res.writeHead(200, gzip ? { 'Content-Encoding': 'gzip' } : {});
          const out: NodeJS.WritableStream = gzip ? zlib.createGzip() : res;
          if (gzip) (out as zlib.Gzip).pipe(res);
          const chunk = Buffer.alloc(64 * 1024, 0x61);
          let stopped = false;
          res.once('close', () => ((stopped = true), resolve()));
          const go = () => {
            while (!stopped && written < 50 * MiB) {
              written += chunk.length;
              if (!out.write(chunk)) return void out.once('drain', go);
            }
            out.end();
          };
          go();
        }),
      );
      const lw = createListerWatcher({ transport, kind: PODS, limits: { maxLineBytes: MiB } });
      await assert.rejects(async () => {
        for await (const _e of lw.watch(WATCH, new AbortController().signal));
      }, /line of more than 1 MiB .* exceeds the limit/);
      await closed;
      assert.ok(written < 40 * MiB, `${gzip ? 'gzip' : 'plain'}: the server wrote ${written} bytes`);
    }
  });

  it('keeps an oversize object with its metadata only, marked, in lists and watches', async () => {
    const huge = { ...bigPod(1), spec: { blob: 'x'.repeat(4 * MiB) } };
    server.handle((req, res) => {
      res.writeHead(200);
      if (req.url!.includes('watch=true')) {
        res.end(JSON.stringify({ type: 'MODIFIED', object: huge }) + '\n');
      } else {
        res.end(JSON.stringify({ metadata: { resourceVersion: '3' }, items: [pod('small', '1'), huge] }));
      }
    });
    const lw = createListerWatcher({ transport, kind: PODS });
    const check = (o: KubeObject) => {
      assert.equal(o.metadata.name, 'pod-1');
      assert.equal(o.metadata.uid, 'uid-1');
      assert.equal(o.metadata.resourceVersion, '2');
      assert.deepEqual(o.metadata.labels, { app: 'app-1' });
      assert.ok(Number(o.metadata.annotations![TRUNCATED_ANNOTATION]) > 4 * MiB);
      assert.equal(o.spec, undefined);
      assert.ok(JSON.stringify(o).length < 1024);
    };
    const page = await lw.list({}, new AbortController().signal);
    assert.equal(page.items.length, 2);
    assert.equal(page.items[0]!.metadata.annotations, undefined, 'small objects untouched');
    check(page.items[1]!);
    assert.equal(page.items[1]!.kind, 'Pod');
    const events = [];
    for await (const e of lw.watch(WATCH, new AbortController().signal)) events.push(e);
    assert.equal(events.length, 1);
    check(events[0]!.object as KubeObject);
  });

  it('rejects a list item over the line cap', async () => {
    server.handle((_req, res) => {
      res.writeHead(200);
      res.end(JSON.stringify({ items: [{ metadata: {}, blob: 'x'.repeat(2 * MiB) }] }));
    });
    await assert.rejects(
      createListerWatcher({ transport, kind: PODS, limits: { maxLineBytes: MiB } }).list(
        {},
        new AbortController().signal,
      ),
      /a list item of more than 1 MiB exceeds the limit/,
    );
  });

  it('skips list items that are not objects with metadata', async () => {
    server.handle((_req, res: http.ServerResponse) => {
      res.writeHead(200);
      res.end(JSON.stringify({ items: [1, null, 'x', { metadata: 3 }, pod('ok', '1'), []] }));
    });
    const page = await createListerWatcher({ transport, kind: PODS }).list({}, new AbortController().signal);
    assert.deepEqual(
      page.items.map((o) => o.metadata.name),
      ['ok'],
    );
  });

  it('applies the transform to watched objects, and a throwing transform keeps the object', async () => {
    server.handle((_req, res) => {
      res.writeHead(200);
      res.end(
        [bigPod(1), bigPod(2)].map((o) => JSON.stringify({ type: 'ADDED', object: o })).join('\n') + '\n',
      );
    });
    const lw = createListerWatcher({
      transport,
      kind: PODS,
      transform: (o) => {
        if (o.metadata.name === 'pod-2') throw new Error('boom');
        return stripForCache(o);
      },
    });
    const got: KubeObject[] = [];
    for await (const e of lw.watch(WATCH, new AbortController().signal)) got.push(e.object as KubeObject);
    assert.equal(got[0]!.metadata.managedFields, undefined);
    assert.ok(got[1]!.metadata.managedFields);
  });

  it('validates retryAfterSeconds in a watch ERROR Status', async () => {
    server.handle((_req, res) => {
      res.writeHead(200);
      res.end(
        [-1, 5]
          .map((v) =>
            JSON.stringify({
              type: 'ERROR',
              object: {
                kind: 'Status',
                code: 429,
                reason: 'TooManyRequests',
                details: { retryAfterSeconds: v },
              },
            }),
          )
          .join('\n') + '\n',
      );
    });
    const got: unknown[] = [];
    for await (const e of createListerWatcher({ transport, kind: PODS }).watch(
      WATCH,
      new AbortController().signal,
    )) {
      got.push(e.type === 'ERROR' ? e.object.details?.retryAfterSeconds : 'not an error');
    }
    assert.deepEqual(got, [undefined, 5]);
  });
});
