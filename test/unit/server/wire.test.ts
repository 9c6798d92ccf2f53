/* eslint-disable @typescript-eslint/no-explicit-any -- tests inspect wire JSON ad hoc */
import * as assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { startTestServer, type TestServer } from '../../server';
import { event, pod } from '../../server/fixtures';
import { call, makeAdmin, watch } from './helpers';

describe('test server: wire details of the real apiserver', () => {
  let server: TestServer;
  let token: string;

  beforeEach(async () => {
    server = await startTestServer({ seed: 3 });
    token = makeAdmin(server);
  });
  afterEach(() => server.stop());

  /** seedBig writes pods whose list is well over 128 KiB. */
  function seedBig(n = 300): void {
    const annotations = { note: 'x'.repeat(1024) };
    for (let i = 0; i < n; i++) server.create(pod('web', `big-${i}`, { annotations }));
  }

  it('gzips a list over 128 KiB for a client that accepts gzip, and only then', async () => {
    seedBig();
    const zipped = await call(server, '/api/v1/pods', { token, headers: { 'Accept-Encoding': 'gzip' } });
    assert.equal(zipped.status, 200);
    assert.equal(zipped.headers['content-encoding'], 'gzip');
    assert.equal(zipped.headers.vary, 'Accept-Encoding');
    const plain = await call(server, '/api/v1/pods', { token });
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.ok(plain.raw.length > 128 * 1024);
    assert.ok(zipped.raw.length < plain.raw.length / 4, `${zipped.raw.length} vs ${plain.raw.length}`);
    assert.deepEqual(JSON.parse(gunzipSync(zipped.raw).toString('utf8')), plain.body);
    const refused = await call(server, '/api/v1/pods', { token, headers: { 'Accept-Encoding': 'gzip;q=0' } });
    assert.equal(refused.headers['content-encoding'], undefined);
    const small = await call(server, '/api/v1/namespaces/web/pods/big-1', {
      token,
      headers: { 'Accept-Encoding': 'gzip' },
    });
    assert.equal(small.headers['content-encoding'], undefined, 'under the threshold: not compressed');
  });

  it('never gzips a watch stream, however much it sends', async () => {
    seedBig();
    const w = await watch(server, '/api/v1/pods?watch=true', {
      token,
      headers: { 'Accept-Encoding': 'gzip' },
    });
    const events = await w.waitFor(300);
    assert.ok(w.bytes > 128 * 1024);
    assert.equal(events[0]!.type, 'ADDED');
    assert.equal(w.headers['content-encoding'], undefined);
    w.close();
  });

  it('lists items without apiVersion and kind (the list carries them); GET and watch carry them', async () => {
    const p = server.create(pod('web', 'a'));
    server.create(event('web', p, { name: 'e1' }));
    for (const path of ['/api/v1/pods', '/api/v1/pods?resourceVersion=0', '/api/v1/pods?limit=1']) {
      const r = await call(server, path, { token });
      assert.equal(r.body.kind, 'PodList');
      assert.equal(r.body.items[0].apiVersion, undefined, path);
      assert.equal(r.body.items[0].kind, undefined, path);
      assert.equal(r.body.items[0].metadata.name, 'a');
    }
    const v1 = await call(server, '/apis/events.k8s.io/v1/events', { token });
    assert.equal(v1.body.items[0].kind, undefined);
    assert.equal(v1.body.items[0].note !== undefined, true);
    const one = await call(server, '/api/v1/namespaces/web/pods/a', { token });
    assert.equal(one.body.kind, 'Pod');
    assert.equal(one.body.apiVersion, 'v1');
    const w = await watch(server, '/api/v1/pods?watch=true', { token });
    assert.equal((await w.waitFor(1))[0]!.object.kind, 'Pod');
    w.close();
  });

  it('validates list and watch options as apimachinery does (422)', async () => {
    const list = await call(
      server,
      '/api/v1/pods?sendInitialEvents=true&resourceVersionMatch=NotOlderThan&resourceVersion=0',
      {
        token,
      },
    );
    assert.equal(list.status, 422);
    assert.match(list.body.message, /sendInitialEvents: Forbidden: sendInitialEvents is forbidden for list/);
    const noMatch = await call(server, '/api/v1/pods?watch=true&sendInitialEvents=true', { token });
    assert.equal(noMatch.status, 422);
    assert.match(
      noMatch.body.message,
      /sendInitialEvents requires setting resourceVersionMatch to NotOlderThan/,
    );
    const matchOnly = await call(server, '/api/v1/pods?watch=true&resourceVersionMatch=NotOlderThan', {
      token,
    });
    assert.equal(matchOnly.status, 422);
    const withContinue = await call(
      server,
      '/api/v1/pods?resourceVersion=1&resourceVersionMatch=NotOlderThan&continue=abc',
      { token },
    );
    assert.equal(withContinue.status, 422);
  });

  it('serves a watch-list without allowWatchBookmarks (allowed since 1.30), just without the end bookmark', async () => {
    server.create(pod('web', 'a'));
    const w = await watch(
      server,
      '/api/v1/pods?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan',
      {
        token,
      },
    );
    assert.equal(w.status, 200);
    assert.equal((await w.waitFor(1))[0]!.type, 'ADDED');
    server.create(pod('web', 'b'));
    const events = await w.waitFor(2);
    assert.deepEqual(
      events.map((e) => e.type),
      ['ADDED', 'ADDED'],
    );
    w.close();
  });

  it('sendInitialEvents=false starts at the current version with no initial state', async () => {
    server.create(pod('web', 'a'));
    const w = await watch(
      server,
      '/api/v1/pods?watch=true&sendInitialEvents=false&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true',
      { token },
    );
    server.create(pod('web', 'b'));
    const events = await w.waitFor(1);
    assert.equal(events[0]!.object.metadata.name, 'b');
    w.close();
  });

  it('filters events by source, falling back to reportingController when source is empty', async () => {
    const p = server.create(pod('web', 'a'));
    server.create(event('web', p, { name: 'legacy', source: 'kubelet' }));
    const modern = event('web', p, { name: 'modern', reportingComponent: 'my-controller' }) as any;
    modern.source = {};
    server.create(modern);
    const r = await call(server, '/api/v1/events?fieldSelector=source%3Dmy-controller', { token });
    assert.equal(r.status, 200);
    assert.deepEqual(
      r.body.items.map((e: any) => e.metadata.name),
      ['modern'],
    );
    const k = await call(server, '/api/v1/events?fieldSelector=source%3Dkubelet', { token });
    assert.deepEqual(
      k.body.items.map((e: any) => e.metadata.name),
      ['legacy'],
    );
  });

  it('forbidWatch answers 403 to WATCH while LIST stays allowed, until lifted', async () => {
    const lift = server.faults.forbidWatch('pods');
    const w = await call(server, '/api/v1/pods?watch=true', { token });
    assert.equal(w.status, 403);
    assert.equal(w.body.reason, 'Forbidden');
    assert.match(w.body.message, /cannot watch resource "pods"/);
    assert.equal((await call(server, '/api/v1/pods', { token })).status, 200);
    const events = await watch(server, '/api/v1/events?watch=true', { token });
    assert.equal(events.status, 200, 'other resources still watch');
    events.close();
    lift();
    const again = await watch(server, '/api/v1/pods?watch=true', { token });
    assert.equal(again.status, 200);
    again.close();
  });
});
