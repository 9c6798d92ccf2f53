/* eslint-disable @typescript-eslint/no-explicit-any -- tests inspect wire JSON ad hoc */
import * as assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../server';
import { pod } from '../../server/fixtures';
import { call, makeAdmin, sleep, watch, within } from './helpers';

describe('test server: WATCH', () => {
  let server: TestServer;
  let token: string;

  afterEach(() => server.stop());

  async function start(opts: Parameters<typeof startTestServer>[0] = {}): Promise<void> {
    server = await startTestServer(opts);
    token = makeAdmin(server);
  }

  it('streams exactly the changes after resourceVersion, in order, then live ones', async () => {
    await start();
    server.create(pod('web', 'a'));
    const rv = server.currentResourceVersion();
    server.create(pod('web', 'b'));
    const a = server.get('v1', 'Pod', 'web', 'a') as any;
    a.metadata.labels = { v: '2' };
    server.update(a);
    server.delete('v1', 'Pod', 'web', 'b');
    server.create(pod('other', 'c'));
    const w = await watch(server, `/api/v1/namespaces/web/pods?watch=true&resourceVersion=${rv}`, { token });
    assert.equal(w.status, 200);
    server.create(pod('web', 'd'));
    const events = await w.waitFor(4);
    assert.deepEqual(
      events.map((e) => `${e.type} ${e.object.metadata.name}`),
      ['ADDED b', 'MODIFIED a', 'DELETED b', 'ADDED d'],
    );
    const rvs = events.map((e) => Number(e.object.metadata.resourceVersion));
    assert.deepEqual(
      [...rvs].sort((x, y) => x - y),
      rvs,
    );
    assert.ok(rvs[0]! > Number(rv));
    // DELETED carries the last state with the deletion's own resourceVersion.
    assert.equal(events[2]!.object.metadata.resourceVersion, String(Number(rv) + 3));
    await sleep(50);
    assert.equal(w.events.length, 4);
    w.close();
  });

  it('sends synthetic ADDED for current objects when resourceVersion is absent or 0', async () => {
    await start();
    server.create(pod('web', 'a'));
    server.create(pod('web', 'b'));
    for (const q of ['watch=true', 'watch=1&resourceVersion=0']) {
      const w = await watch(server, `/api/v1/pods?${q}`, { token });
      const events = await w.waitFor(2);
      assert.deepEqual(
        events.map((e) => e.type),
        ['ADDED', 'ADDED'],
      );
      w.close();
    }
  });

  it('answers a watch from a compacted resourceVersion with HTTP 200 and an ERROR 410 event, then closes', async () => {
    await start();
    server.create(pod('web', 'a'));
    const rv = server.currentResourceVersion();
    server.faults.compact();
    const w = await watch(server, `/api/v1/pods?watch=true&resourceVersion=${rv}`, { token });
    assert.equal(w.status, 200);
    assert.equal(await within(w.ended, 2000, 'close'), 'end');
    assert.equal(w.events.length, 1);
    assert.equal(w.events[0]!.type, 'ERROR');
    assert.deepEqual(w.events[0]!.object, {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: `too old resource version: ${rv} (${server.currentResourceVersion()})`,
      reason: 'Expired',
      code: 410,
    });
  });

  it('expires watches older than the history window, per resource', async () => {
    await start({ historyWindow: 5 });
    server.create(pod('web', 'first'));
    const rv = server.currentResourceVersion();
    for (let i = 0; i < 5; i++) server.create(pod('web', `p${i}`));
    const ok = await watch(server, `/api/v1/pods?watch=true&resourceVersion=${rv}`, { token });
    assert.equal((await ok.waitFor(5)).length, 5);
    ok.close();
    server.create(pod('web', 'p5'));
    const old = await watch(server, `/api/v1/pods?watch=true&resourceVersion=${rv}`, { token });
    await within(old.ended, 2000, 'close');
    assert.equal(old.events[0]!.type, 'ERROR');
    assert.equal(old.events[0]!.object.code, 410);
  });

  it('sends a BOOKMARK with the cache version when it moved past the watcher, and none otherwise', async () => {
    await start({ bookmarkIntervalMs: 50 });
    const w = await watch(server, '/api/v1/namespaces/web/pods?watch=true&allowWatchBookmarks=true', {
      token,
    });
    const plain = await watch(server, '/api/v1/namespaces/web/pods?watch=true', { token });
    server.create(pod('other', 'a')); // moves the pods cache past both watchers, who do not see it
    await w.waitFor(1);
    await sleep(130);
    const bookmarks = w.events.filter((e) => e.type === 'BOOKMARK');
    assert.equal(bookmarks.length, 1, 'one bookmark for one move of the version');
    const b = bookmarks[0]!;
    assert.equal(b.object.kind, 'Pod');
    assert.equal(b.object.apiVersion, 'v1');
    assert.equal(b.object.metadata.resourceVersion, server.currentResourceVersion());
    assert.equal(plain.events.filter((e) => e.type === 'BOOKMARK').length, 0);
    w.close();
    plain.close();
  });

  it('ends the stream cleanly after timeoutSeconds', async () => {
    await start();
    const t0 = Date.now();
    const w = await watch(server, '/api/v1/pods?watch=true&timeoutSeconds=1', { token });
    assert.equal(await within(w.ended, 3000, 'timeout'), 'end');
    assert.ok(Date.now() - t0 >= 900);
  });

  it('serves WatchList: initial ADDEDs, then a BOOKMARK marking the end of initial events', async () => {
    await start();
    server.create(pod('web', 'a'));
    server.create(pod('web', 'b'));
    const w = await watch(
      server,
      '/api/v1/pods?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true',
      { token },
    );
    const events = await w.waitFor(3);
    assert.deepEqual(
      events.map((e) => e.type),
      ['ADDED', 'ADDED', 'BOOKMARK'],
    );
    assert.deepEqual(events[2]!.object.metadata.annotations, { 'k8s.io/initial-events-end': 'true' });
    assert.equal(events[2]!.object.metadata.resourceVersion, server.currentResourceVersion());
    w.close();
    const bad = await call(server, '/api/v1/pods?watch=true&sendInitialEvents=true', { token });
    assert.equal(bad.status, 422);
  });

  it('fans out 500 writes to several watches in order', async () => {
    await start();
    const watches = await Promise.all(
      [1, 2, 3, 4].map(() => watch(server, '/api/v1/pods?watch=true', { token })),
    );
    for (let i = 0; i < 500; i++) server.create(pod('web', `p${i}`));
    for (const w of watches) {
      const events = await w.waitFor(500, 5000);
      assert.equal(events[499]!.object.metadata.name, 'p499');
      w.close();
    }
  });
});
