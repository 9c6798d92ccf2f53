import * as assert from 'node:assert/strict';
import { ApiError } from '../../../src/core/cache/errors';
import type { WatchEvent } from '../../../src/core/cache/types';
import { NAMESPACES, PODS, DEPLOYMENTS } from '../../../src/core/kinds';
import { canI } from '../../../src/kube/accessReview';
import { clusterTlsForContext } from '../../../src/kube/clusterTls';
import { createListerWatcher } from '../../../src/kube/httpListerWatcher';
import { KubeTransport } from '../../../src/kube/transport';
import { loadPki } from '../../server/pki';
import { pod, startScriptedServer, StaticCredentials, status, type ScriptedServer } from './fixtures';

const WATCH = { resourceVersion: '10', allowWatchBookmarks: true, timeoutSeconds: 300 };

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('httpListerWatcher', () => {
  let server: ScriptedServer;
  let transport: KubeTransport;
  let creds: StaticCredentials;
  beforeEach(async () => {
    server = await startScriptedServer();
    creds = new StaticCredentials(['t1', 't2', 't3']);
    transport = new KubeTransport({
      cluster: { server: server.url, rejectUnauthorized: true },
      credentials: creds,
    });
  });
  afterEach(async () => {
    transport.dispose();
    await server.close();
  });

  it('lists with the query parameters given, omitting empty ones, and fills kind/apiVersion', async () => {
    server.handle((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({
          kind: 'DeploymentList',
          metadata: { resourceVersion: '42', continue: 'next' },
          items: [pod('a', '1')],
        }),
      );
    });
    const lw = createListerWatcher({
      transport,
      kind: DEPLOYMENTS,
      namespace: 'web',
      labelSelector: 'app=x',
    });
    const page = await lw.list(
      { resourceVersion: '0', limit: 500, continue: '' },
      new AbortController().signal,
    );
    assert.equal(page.resourceVersion, '42');
    assert.equal(page.continue, 'next');
    assert.equal(page.items[0]!.kind, 'Deployment');
    assert.equal(page.items[0]!.apiVersion, 'apps/v1');
    const req = server.requests[0]!;
    assert.equal(
      req.url,
      '/apis/apps/v1/namespaces/web/deployments?labelSelector=app%3Dx&resourceVersion=0&limit=500',
    );
    assert.equal(req.headers.accept, 'application/json');
    assert.equal(req.headers.authorization, 'Bearer t1');
  });

  it('dropsManagedFields: list items skip managedFields before JSON.parse; otherwise they keep it', async () => {
    const withFields = (name: string) => {
      const p = pod(name, '1') as { metadata: Record<string, unknown> };
      p.metadata.managedFields = [{ manager: 'kubelet', fieldsV1: { 'f:status': {} } }];
      return p;
    };
    server.handle((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({ kind: 'PodList', metadata: { resourceVersion: '5' }, items: [withFields('a')] }),
      );
    });
    for (const drops of [true, false]) {
      const lw = createListerWatcher({ transport, kind: PODS, dropsManagedFields: drops });
      const page = await lw.list({}, new AbortController().signal);
      const { managedFields, ...rest } = page.items[0]!.metadata;
      assert.equal(managedFields === undefined, drops, `dropsManagedFields: ${drops}`);
      assert.deepEqual(rest, (({ managedFields: _m, ...r }) => r)(withFields('a').metadata));
    }
  });

  it('turns a Status response into an ApiError, with Retry-After', async () => {
    server.handle((_req, res) => status(res, 429, 'TooManyRequests', 'slow down', { 'Retry-After': '7' }));
    const lw = createListerWatcher({ transport, kind: PODS });
    await assert.rejects(lw.list({}, new AbortController().signal), (err: ApiError) => {
      assert.ok(err instanceof ApiError);
      assert.equal(err.code, 429);
      assert.equal(err.reason, 'TooManyRequests');
      assert.equal(err.message, 'slow down');
      assert.equal(err.retryAfterSeconds, 7);
      return true;
    });
  });

  it('makes a sensible ApiError from a non-Status error body', async () => {
    server.handle((_req, res) => {
      res.writeHead(502, { 'Content-Type': 'text/html' });
      res.end('<html>Bad gateway</html>');
    });
    const lw = createListerWatcher({ transport, kind: NAMESPACES });
    await assert.rejects(lw.list({}, new AbortController().signal), (err: ApiError) => {
      assert.equal(err.code, 502);
      assert.match(err.message, /^502 Bad Gateway/);
      return true;
    });
  });

  it('parses a watch stream split anywhere across chunks, in order', async () => {
    const events = [
      { type: 'ADDED', object: pod('a', '11') },
      { type: 'MODIFIED', object: { ...pod('b', '12'), note: 'héllo ✓ 多字节' } },
      { type: 'BOOKMARK', object: { metadata: { resourceVersion: '13' } } },
      { type: 'DELETED', object: pod('a', '14') },
    ];
    const bytes = Buffer.from(events.map((e) => JSON.stringify(e) + '\n').join(''));
    server.handle(async (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      // 7-byte chunks split objects and multi-byte characters.
      for (let i = 0; i < bytes.length; i += 7) {
        res.write(bytes.subarray(i, i + 7));
        if (i % 70 === 0) await new Promise((r) => setTimeout(r, 1));
      }
      res.end();
    });
    const lw = createListerWatcher({ transport, kind: PODS, namespace: 'default', fieldSelector: 'a=b' });
    const got = await collect(
      lw.watch(
        { ...WATCH, sendInitialEvents: true, resourceVersionMatch: 'NotOlderThan' },
        new AbortController().signal,
      ),
    );
    assert.deepEqual(got, events);
    assert.equal(
      server.requests[0]!.url,
      '/api/v1/namespaces/default/pods?fieldSelector=a%3Db&watch=true&allowWatchBookmarks=true&timeoutSeconds=300&resourceVersion=10&sendInitialEvents=true&resourceVersionMatch=NotOlderThan',
    );
  });

  it('parses a large stream incrementally', async () => {
    const n = 20_000;
    server.handle((_req, res) => {
      res.writeHead(200);
      let i = 0;
      const pump = () => {
        let ok = true;
        while (i < n && ok) {
          const e = { type: 'ADDED', object: { ...pod(`p${i}`, String(i)), spec: { pad: 'x'.repeat(200) } } };
          ok = res.write(JSON.stringify(e) + '\n');
          i++;
        }
        if (i < n) res.once('drain', pump);
        else res.end();
      };
      pump();
    });
    let count = 0;
    let last = '';
    for await (const e of createListerWatcher({ transport, kind: PODS }).watch(
      WATCH,
      new AbortController().signal,
    )) {
      count++;
      if (e.type !== 'ERROR') last = e.object.metadata.resourceVersion!;
    }
    assert.equal(count, n);
    assert.equal(last, String(n - 1));
    // Speed is not asserted here (shared machines): the splitter's linear work is counted in
    // lineSplitter.test.ts, and bench/ measures time.
  });

  it('yields several events from one chunk, and ERROR events as such', async () => {
    server.handle((_req, res) => {
      res.writeHead(200);
      res.end(
        JSON.stringify({ type: 'ADDED', object: pod('a', '1') }) +
          '\n' +
          JSON.stringify({ type: 'ADDED', object: pod('b', '2') }) +
          '\n' +
          JSON.stringify({
            type: 'ERROR',
            object: { kind: 'Status', code: 410, reason: 'Expired', message: 'too old' },
          }) +
          '\n',
      );
    });
    const got: WatchEvent[] = await collect(
      createListerWatcher({ transport, kind: PODS }).watch(WATCH, new AbortController().signal),
    );
    assert.deepEqual(
      got.map((e) => e.type),
      ['ADDED', 'ADDED', 'ERROR'],
    );
  });

  it('throws when the stream ends inside an event', async () => {
    server.handle((_req, res) => {
      res.writeHead(200);
      res.end(JSON.stringify({ type: 'ADDED', object: pod('a', '1') }) + '\n{"type":"ADDED","obj');
    });
    const seen: string[] = [];
    await assert.rejects(async () => {
      for await (const e of createListerWatcher({ transport, kind: PODS }).watch(
        WATCH,
        new AbortController().signal,
      )) {
        seen.push(e.type);
      }
    }, /ended inside an event/);
    assert.deepEqual(seen, ['ADDED']);
  });

  it('throws when the connection is cut mid-stream', async () => {
    server.handle((req, res) => {
      res.writeHead(200);
      res.write(JSON.stringify({ type: 'ADDED', object: pod('a', '1') }) + '\n');
      setTimeout(() => req.socket.destroy(), 20);
    });
    await assert.rejects(
      collect(createListerWatcher({ transport, kind: PODS }).watch(WATCH, new AbortController().signal)),
    );
  });

  it('throws ApiError on a non-2xx watch', async () => {
    server.handle((_req, res) => status(res, 410, 'Expired', 'too old resource version'));
    await assert.rejects(
      collect(createListerWatcher({ transport, kind: PODS }).watch(WATCH, new AbortController().signal)),
      (e: ApiError) => e.code === 410,
    );
  });

  it('abort destroys the watch socket promptly', async () => {
    let closed = false;
    server.handle((req, res) => {
      res.writeHead(200);
      res.write(JSON.stringify({ type: 'ADDED', object: pod('a', '1') }) + '\n');
      req.socket.on('close', () => (closed = true));
    });
    const ac = new AbortController();
    const started = Date.now();
    await assert.rejects(async () => {
      for await (const _e of createListerWatcher({ transport, kind: PODS }).watch(WATCH, ac.signal)) {
        setTimeout(() => ac.abort(), 10);
      }
    });
    assert.ok(Date.now() - started < 1000);
    await new Promise((r) => setTimeout(r, 20));
    assert.ok(closed, 'server saw the socket close');
  });

  it('breaking out of a watch releases its socket', async () => {
    let closed = false;
    server.handle((req, res) => {
      res.writeHead(200);
      res.write(JSON.stringify({ type: 'ADDED', object: pod('a', '1') }) + '\n');
      req.socket.on('close', () => (closed = true));
    });
    for await (const _e of createListerWatcher({ transport, kind: PODS }).watch(
      WATCH,
      new AbortController().signal,
    ))
      break;
    await new Promise((r) => setTimeout(r, 30));
    assert.ok(closed);
  });

  it('abort before the response rejects a list', async () => {
    server.handle(() => undefined); // never answers
    const ac = new AbortController();
    const p = createListerWatcher({ transport, kind: PODS }).list({}, ac.signal);
    setTimeout(() => ac.abort(), 20);
    await assert.rejects(p, /abort/i);
  });

  it('on 401 invalidates the credential and retries once', async () => {
    server.handle((req, res) => {
      if (req.headers.authorization === 'Bearer t2') {
        res.writeHead(200);
        res.end(JSON.stringify({ metadata: { resourceVersion: '5' }, items: [] }));
      } else status(res, 401, 'Unauthorized', 'Unauthorized');
    });
    const page = await createListerWatcher({ transport, kind: PODS }).list({}, new AbortController().signal);
    assert.equal(page.resourceVersion, '5');
    assert.equal(creds.invalidations, 1);
    assert.deepEqual(
      server.requests.map((r) => r.headers.authorization),
      ['Bearer t1', 'Bearer t2'],
    );
  });

  it('gives up after one retry with a 401 ApiError', async () => {
    server.handle((_req, res) => status(res, 401, 'Unauthorized', 'Unauthorized'));
    await assert.rejects(
      createListerWatcher({ transport, kind: PODS }).list({}, new AbortController().signal),
      (e: ApiError) => e.code === 401,
    );
    assert.equal(server.requests.length, 2);
    assert.equal(creds.invalidations, 1);
  });

  it('reuses one connection for sequential requests', async () => {
    server.handle((_req, res) => {
      res.writeHead(200);
      res.end(JSON.stringify({ metadata: { resourceVersion: '5' }, items: [] }));
    });
    const lw = createListerWatcher({ transport, kind: PODS });
    for (let i = 0; i < 5; i++) await lw.list({}, new AbortController().signal);
    assert.equal(server.connections(), 1);
  });

  it('canI posts a SelfSubjectAccessReview', async () => {
    server.handle((_req, res, body) => {
      const review = JSON.parse(body);
      res.writeHead(201);
      res.end(
        JSON.stringify({ ...review, status: { allowed: review.spec.resourceAttributes.namespace === 'ok' } }),
      );
    });
    assert.equal(await canI(transport, { verb: 'list', resource: 'pods', group: '', namespace: 'ok' }), true);
    assert.equal(
      await canI(transport, { verb: 'list', resource: 'pods', group: '', namespace: 'no' }),
      false,
    );
    const req = server.requests[0]!;
    assert.equal(req.method, 'POST');
    assert.equal(req.url, '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews');
    assert.deepEqual(JSON.parse(req.body).spec.resourceAttributes, {
      verb: 'list',
      resource: 'pods',
      group: '',
      namespace: 'ok',
    });
  });
});

describe('KubeTransport over TLS', () => {
  it('verifies the server against the kubeconfig CA and reuses one TLS connection', async () => {
    const pki = await loadPki();
    const server = await startScriptedServer({ key: pki.serverKeyPem, cert: pki.serverCertPem });
    server.handle((_req, res) => {
      res.writeHead(200);
      res.end(JSON.stringify({ metadata: { resourceVersion: '5' }, items: [] }));
    });
    const merged = {
      clusters: [
        {
          name: 'c',
          cluster: {
            server: server.url + '/',
            'certificate-authority-data': Buffer.from(pki.caCertPem).toString('base64'),
          },
        },
      ],
      users: [],
      contexts: [{ name: 'x', context: { cluster: 'c' } }],
    };
    const transport = new KubeTransport({
      cluster: clusterTlsForContext(merged, 'x'),
      credentials: new StaticCredentials(['t']),
    });
    const untrusted = new KubeTransport({
      cluster: { server: server.url, rejectUnauthorized: true },
      credentials: new StaticCredentials(['t']),
    });
    try {
      const lw = createListerWatcher({ transport, kind: PODS });
      await Promise.all([lw.list({}, new AbortController().signal)]);
      for (let i = 0; i < 4; i++) await lw.list({}, new AbortController().signal);
      assert.equal(server.connections(), 1);
      await assert.rejects(
        createListerWatcher({ transport: untrusted, kind: PODS }).list({}, new AbortController().signal),
        /certificate/,
      );
    } finally {
      transport.dispose();
      untrusted.dispose();
      await server.close();
    }
  });
});

describe('KubeTransport abort after completion', () => {
  it('aborting a finished request does not destroy the pooled socket now serving another one', async () => {
    const pki = await loadPki();
    const server = await startScriptedServer({ key: pki.serverKeyPem, cert: pki.serverCertPem });
    server.handle((_req, res) => {
      res.writeHead(200);
      res.end(JSON.stringify({ metadata: { resourceVersion: '5' }, items: [] }));
    });
    const transport = new KubeTransport({
      cluster: { server: server.url, ca: Buffer.from(pki.caCertPem), rejectUnauthorized: true },
      credentials: new StaticCredentials(['t']),
    });
    const uncaught: unknown[] = [];
    const onUncaught = (err: unknown) => uncaught.push(err);
    const mochaHandlers = process.listeners('uncaughtException');
    process.removeAllListeners('uncaughtException');
    process.on('uncaughtException', onUncaught);
    try {
      const lw = createListerWatcher({ transport, kind: PODS });
      for (let i = 0; i < 20; i++) {
        const first = new AbortController();
        await lw.list({}, first.signal);
        const second = lw.list({}, new AbortController().signal);
        first.abort(); // the first request is complete; its socket now carries the second
        await second;
      }
      await new Promise((r) => setTimeout(r, 50));
      assert.deepEqual(uncaught, []);
      assert.equal(server.connections(), 1, 'the pooled connection survived every abort');
    } finally {
      process.off('uncaughtException', onUncaught);
      for (const h of mochaHandlers) process.on('uncaughtException', h);
      transport.dispose();
      await server.close();
    }
  });
});
