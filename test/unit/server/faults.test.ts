import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import { startTestServer, type TestServer } from '../../server';
import { pod } from '../../server/fixtures';
import { call, makeAdmin, sleep, watch, within } from './helpers';

describe('test server: faults', () => {
  let server: TestServer;
  let token: string;

  beforeEach(async () => {
    server = await startTestServer({ bookmarkIntervalMs: 30 });
    token = makeAdmin(server);
  });
  afterEach(() => server.stop());

  it('dropWatches destroys matching watch connections abruptly', async () => {
    const pods = await watch(server, '/api/v1/pods?watch=true', { token });
    const events = await watch(server, '/api/v1/events?watch=true', { token });
    assert.equal(server.faults.dropWatches({ resource: 'pods' }), 1);
    assert.equal(await within(pods.ended, 2000, 'drop'), 'error');
    server.create(pod('web', 'a'));
    assert.equal(server.faults.dropWatches({ user: 'nobody' }), 0);
    assert.equal(server.faults.dropWatches(), 1);
    assert.equal(await within(events.ended, 2000, 'drop'), 'error');
  });

  it('closeWatches ends them cleanly', async () => {
    const w = await watch(server, '/api/v1/pods?watch=true', { token });
    assert.equal(server.faults.closeWatches(), 1);
    assert.equal(await within(w.ended, 2000, 'close'), 'end');
  });

  it('stallWatches sends no more bytes and never closes', async () => {
    const w = await watch(server, '/api/v1/pods?watch=true&allowWatchBookmarks=true', { token });
    server.create(pod('web', 'before'));
    await w.waitFor(1);
    assert.ok(w.bytes > 0, 'events flow before the stall');
    assert.equal(server.faults.stallWatches(), 1);
    const before = w.bytes;
    server.create(pod('web', 'a'));
    await sleep(150);
    assert.equal(w.bytes, before);
    let ended = false;
    void w.ended.then(() => (ended = true));
    await sleep(10);
    assert.equal(ended, false);
    w.close();
  });

  it('failNext fails the next matching requests with a Status, 429 with Retry-After', async () => {
    server.faults.failNext(2, {
      status: 429,
      retryAfterSeconds: 7,
      match: { verb: 'list', resource: 'pods' },
    });
    const ev = await call(server, '/api/v1/events', { token });
    assert.equal(ev.status, 200);
    const r = await call(server, '/api/v1/pods', { token });
    assert.equal(r.status, 429);
    assert.equal(r.headers['retry-after'], '7');
    assert.equal(r.body.reason, 'TooManyRequests');
    assert.equal(r.body.details.retryAfterSeconds, 7);
    assert.equal((await call(server, '/api/v1/pods', { token })).status, 429);
    assert.equal((await call(server, '/api/v1/pods', { token })).status, 200);
    server.faults.failNext(1, { status: 503, match: { verb: 'watch' } });
    const w = await call(server, '/api/v1/pods?watch=true', { token });
    assert.equal(w.status, 503);
    assert.equal(w.body.reason, 'ServiceUnavailable');
    server.faults.failNext(1, { status: 500 });
    assert.equal((await call(server, '/api/v1/pods', { token })).body.reason, 'InternalError');
    server.faults.failNext(1, { status: 403 });
    assert.match(
      (await call(server, '/api/v1/namespaces/web/pods', { token })).body.message,
      /in the namespace "web"/,
    );
    const statuses = server.requests.map((q) => q.status);
    assert.deepEqual(statuses, [200, 429, 429, 200, 503, 500, 403]);
  });

  it('sendWatchError410 sends ERROR 410 Expired then closes', async () => {
    const w = await watch(server, '/api/v1/pods?watch=true', { token });
    assert.equal(server.faults.sendWatchError410(), 1);
    assert.equal(await within(w.ended, 2000, 'close'), 'end');
    assert.equal(w.events[w.events.length - 1]!.type, 'ERROR');
    assert.equal(w.events[w.events.length - 1]!.object.code, 410);
    assert.equal(w.events[w.events.length - 1]!.object.reason, 'Expired');
  });

  it('restart drops connections and listens again on the same port with the same state', async () => {
    server.create(pod('web', 'a'));
    const rv = server.currentResourceVersion();
    const w = await watch(server, '/api/v1/pods?watch=true', { token });
    const url = server.url;
    await server.faults.restart();
    assert.equal(await within(w.ended, 2000, 'drop'), 'error');
    assert.equal(server.url, url);
    const r = await call(server, '/api/v1/pods', { token });
    assert.equal(r.status, 200);
    assert.equal(r.body.items.length, 1);
    assert.equal(r.body.metadata.resourceVersion, rv);
    const resumed = await watch(server, `/api/v1/pods?watch=true&resourceVersion=${rv}`, { token });
    server.create(pod('web', 'b'));
    assert.equal((await resumed.waitFor(1))[0]!.object.metadata.name, 'b');
    resumed.close();
  });

  it('closes a watcher whose buffer fills (a slow reader): a normal end, counted, not a drop', async function () {
    this.timeout(30_000);
    await server.stop();
    server = await startTestServer({ tls: false, watchBufferBytes: 64 * 1024 });
    token = makeAdmin(server);
    const url = new URL(server.url);
    let received = 0;
    const res = await new Promise<http.IncomingMessage>((resolve, reject) => {
      const req = http.request(
        {
          hostname: url.hostname,
          port: url.port,
          path: '/api/v1/pods?watch=true',
          headers: { Authorization: `Bearer ${token}` },
        },
        resolve,
      );
      req.on('error', reject);
      req.end();
    });
    res.pause(); // a client that stops reading
    const ended = new Promise<string>((resolve) => {
      res.on('end', () => resolve('end'));
      res.on('error', () => resolve('error'));
      res.on('aborted', () => resolve('error'));
    });
    const annotations = { note: 'x'.repeat(16 * 1024) };
    for (let i = 0; i < 2000 && server.counters.slowWatchersClosed === 0; i++) {
      server.create(pod('web', `p-${i}`, { annotations }));
      if (i % 100 === 99) await sleep(5); // let the socket fill
    }
    assert.equal(server.counters.slowWatchersClosed, 1);
    server.create(pod('web', 'after-close'));
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => {
      received += c.length;
      chunks.push(c);
    });
    res.resume();
    assert.equal(await within(ended, 10_000, 'the slow watch to end'), 'end');
    assert.ok(received > 64 * 1024, `received ${received} bytes`);
    assert.ok(!Buffer.concat(chunks).includes('after-close'), 'nothing is sent after the close');
  });

  it('overflowWatches closes matching watches as slow ones, with a normal end', async () => {
    const w = await watch(server, '/api/v1/pods?watch=true', { token });
    const other = await watch(server, '/api/v1/events?watch=true', { token });
    assert.equal(server.faults.overflowWatches({ resource: 'pods' }), 1);
    assert.equal(await within(w.ended, 2000, 'close'), 'end');
    assert.equal(server.counters.slowWatchersClosed, 1);
    assert.equal(server.faults.overflowWatches({ resource: 'pods' }), 0);
    other.close();
  });

  it('stop leaves no watch or socket open', async () => {
    const w = await watch(server, '/api/v1/pods?watch=true', { token });
    server.faults.stallWatches();
    await server.stop();
    assert.equal(await within(w.ended, 2000, 'stop'), 'error');
    server = await startTestServer(); // for afterEach
  });
});
