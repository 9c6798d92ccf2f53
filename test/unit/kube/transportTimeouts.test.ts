import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
import { PODS } from '../../../src/core/kinds';
import { createAgent } from '../../../src/kube/clusterTls';
import { createListerWatcher } from '../../../src/kube/httpListerWatcher';
import { readBody } from '../../../src/kube/responses';
import { KubeTransport, type Requester } from '../../../src/kube/transport';
import { FakeClock } from '../fakes/fakeClock';
import { pod, startScriptedServer, StaticCredentials, type ScriptedServer } from './fixtures';

const WATCH = { resourceVersion: '10', allowWatchBookmarks: true, timeoutSeconds: 300 };

/** until polls `cond` on the event loop (no clock involved) for at most 5 s. */
async function until(cond: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 5000 && !cond(); i++) await new Promise((r) => setTimeout(r, 1));
  assert.ok(cond(), `timed out waiting for ${what}`);
}

/** outcome records how a promise settled, so a test can check it has not yet. */
function outcome<T>(p: Promise<T>) {
  const o: { done: boolean; value?: T; error?: unknown } = { done: false };
  p.then(
    (v) => Object.assign(o, { done: true, value: v }),
    (e) => Object.assign(o, { done: true, error: e }),
  );
  return o;
}

describe('KubeTransport timeouts', () => {
  let server: ScriptedServer;
  let clock: FakeClock;
  let transport: KubeTransport;
  let responded: number;
  let requester: Requester;
  beforeEach(async () => {
    server = await startScriptedServer();
    clock = new FakeClock();
    transport = new KubeTransport({
      cluster: { server: server.url, rejectUnauthorized: true },
      credentials: new StaticCredentials(['t']),
      clock,
    });
    responded = 0;
    requester = {
      request: async (...args) => {
        const res = await transport.request(...args);
        responded++;
        return res;
      },
    };
  });
  afterEach(async () => {
    transport.dispose();
    await server.close();
  });

  it('a server that accepts and never answers a list: "no response … within 30 s"', async () => {
    server.handle(() => undefined);
    const list = outcome(
      createListerWatcher({ transport, kind: PODS }).list({}, new AbortController().signal),
    );
    await until(() => server.requests.length === 1, 'the request');
    await clock.advanceAsync(29_999);
    assert.equal(list.done, false, 'not before the timeout');
    await clock.advanceAsync(1);
    await until(() => list.done, 'the rejection');
    assert.match(String(list.error), /no response from the API server within 30 s/);
    assert.equal((list.error as NodeJS.ErrnoException).code, 'ETIMEDOUT');
  });

  it('a watch start that never gets its headers times out the same way', async () => {
    server.handle(() => undefined);
    const it = createListerWatcher({ transport, kind: PODS }).watch(WATCH, new AbortController().signal);
    const first = outcome(it[Symbol.asyncIterator]().next());
    await until(() => server.requests.length === 1, 'the request');
    await clock.advanceAsync(30_000);
    await until(() => first.done, 'the rejection');
    assert.match(String(first.error), /no response from the API server within 30 s/);
  });

  it('a TLS server that accepts TCP and never handshakes: "could not connect … within 30 s"', async () => {
    const silent = net.createServer(() => undefined);
    const sockets: net.Socket[] = [];
    silent.on('connection', (s) => sockets.push(s));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const tls = new KubeTransport({
      cluster: {
        server: `https://127.0.0.1:${(silent.address() as AddressInfo).port}`,
        rejectUnauthorized: true,
      },
      credentials: new StaticCredentials(['t']),
      clock,
      limits: { connectTimeoutMs: 5_000 },
    });
    try {
      const list = outcome(
        createListerWatcher({ transport: tls, kind: PODS }).list({}, new AbortController().signal),
      );
      await until(() => sockets.length === 1, 'the connection');
      await clock.advanceAsync(4_999);
      assert.equal(list.done, false);
      await clock.advanceAsync(1);
      await until(() => list.done, 'the rejection');
      assert.match(String(list.error), /could not connect to the API server within 5 s/);
    } finally {
      tls.dispose();
      for (const s of sockets) s.destroy();
      await new Promise((r) => silent.close(r));
    }
  });

  it('a list body that stalls midway: "sent nothing for 30 s", while a slow but moving body passes', async () => {
    let res!: http.ServerResponse;
    server.handle((_req, r) => {
      res = r;
      r.writeHead(200, { 'Content-Type': 'application/json' });
      r.write('{"metadata":{"resourceVersion":"5"},"items":[');
    });
    const arrived: string[] = [];
    const lw = createListerWatcher({
      transport: requester,
      kind: PODS,
      transform: (o) => (arrived.push(o.metadata.name!), o),
    });
    // Moving: one item per 20 s of fake time, 5 times, then the end.
    const moving = outcome(lw.list({}, new AbortController().signal));
    await until(() => responded === 1, 'the headers');
    for (let i = 0; i < 5; i++) {
      res.write(`${i ? ',' : ''}${JSON.stringify(pod(`p${i}`, '1'))}`);
      await until(() => arrived.length === i + 1, `item ${i}`);
      await clock.advanceAsync(20_000);
    }
    res.end(']}');
    await until(() => moving.done, 'the list');
    assert.equal(moving.error, undefined);
    assert.equal(moving.value!.items.length, 5);

    // Stalled: one item, then silence.
    const stalled = outcome(lw.list({}, new AbortController().signal));
    await until(() => responded === 2, 'the headers');
    res.write(JSON.stringify(pod('q', '1')));
    await until(() => arrived.length === 6, 'the item');
    await clock.advanceAsync(30_000);
    await clock.advanceAsync(30_000);
    await until(() => stalled.done, 'the rejection');
    assert.match(String(stalled.error), /sent nothing for 30 s in the middle of a response/);
  });

  it('a quiet watch body has no timeout: 20 minutes of silence, then the next event arrives', async () => {
    let res!: http.ServerResponse;
    server.handle((_req, r) => {
      res = r;
      r.writeHead(200);
      r.write(JSON.stringify({ type: 'ADDED', object: pod('a', '11') }) + '\n');
    });
    const it = createListerWatcher({ transport, kind: PODS }).watch(WATCH, new AbortController().signal);
    const iter = it[Symbol.asyncIterator]();
    assert.equal((await iter.next()).value.object.metadata.name, 'a');
    assert.equal(clock.pendingTimers(), 0, 'no timer guards a running watch');
    const next = outcome(iter.next());
    await clock.advanceAsync(20 * 60_000);
    assert.equal(next.done, false);
    res.write(JSON.stringify({ type: 'ADDED', object: pod('b', '12') }) + '\n');
    await until(() => next.done, 'the second event');
    assert.equal(
      (next.value as IteratorResult<{ object: { metadata: { name: string } } }>).value.object.metadata.name,
      'b',
    );
    await iter.return?.(undefined);
  });

  it('an error body that stalls times out too', async () => {
    server.handle((_req, r) => {
      r.writeHead(500);
      r.write('partial');
    });
    const it = createListerWatcher({ transport: requester, kind: PODS }).watch(
      WATCH,
      new AbortController().signal,
    );
    const first = outcome(it[Symbol.asyncIterator]().next());
    await until(() => responded === 1, 'the headers');
    await clock.advanceAsync(30_000);
    await clock.advanceAsync(30_000);
    await until(() => first.done, 'the error');
    assert.match(String((first.error as Error).message), /^500 /);
  });

  it('any body not marked as a watch (an access review) is bounded too', async () => {
    server.handle((_req, r) => {
      r.writeHead(201);
      r.write('{"status":');
    });
    const review = outcome(
      requester
        .request('/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', {}, { method: 'POST', body: {} })
        .then(readBody),
    );
    await until(() => responded === 1, 'the headers');
    await clock.advanceAsync(30_000);
    await clock.advanceAsync(30_000);
    await until(() => review.done, 'the rejection');
    assert.match(String(review.error), /sent nothing for 30 s/);
  });

  it('leaves no timer behind after completed requests', async () => {
    server.handle((_req, r) => {
      r.writeHead(200);
      r.end(JSON.stringify({ metadata: { resourceVersion: '1' }, items: [] }));
    });
    const lw = createListerWatcher({ transport, kind: PODS });
    for (let i = 0; i < 3; i++) await lw.list({}, new AbortController().signal);
    await until(() => clock.pendingTimers() === 0, 'the timers to clear');
  });
});

describe('TCP keep-alive', () => {
  it('every new socket gets keep-alive probes after 30 s', async () => {
    const server = await startScriptedServer();
    server.handle((_req, r) => {
      r.writeHead(200);
      r.end(JSON.stringify({ metadata: { resourceVersion: '1' }, items: [] }));
    });
    const calls: [boolean | undefined, number | undefined][] = [];
    const transport = new KubeTransport({
      cluster: { server: server.url, rejectUnauthorized: true },
      credentials: new StaticCredentials(['t']),
      agentFactory: () => {
        const agent = new http.Agent({ keepAlive: true });
        const a = agent as unknown as { createConnection: (...args: unknown[]) => net.Socket };
        const create = a.createConnection.bind(agent);
        a.createConnection = (...args) => {
          const s = create(...args);
          const set = s.setKeepAlive.bind(s);
          s.setKeepAlive = (enable, delay) => (calls.push([enable, delay]), set(enable, delay));
          return s;
        };
        return agent;
      },
    });
    try {
      await createListerWatcher({ transport, kind: PODS }).list({}, new AbortController().signal);
      assert.deepEqual(calls[0], [true, 30_000]);
    } finally {
      transport.dispose();
      await server.close();
    }
    const agent = createAgent({ server: 'https://x', rejectUnauthorized: true }, {}) as unknown as {
      options: { keepAlive: boolean; keepAliveInitialDelay: number };
    };
    assert.equal(agent.options.keepAlive, true);
    assert.equal(agent.options.keepAliveInitialDelay, 30_000);
  });
});
