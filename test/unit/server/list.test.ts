/* eslint-disable @typescript-eslint/no-explicit-any -- tests inspect wire JSON ad hoc */
import * as assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../server';
import { deployment, eventV1, namespace, pod } from '../../server/fixtures';
import { call, makeAdmin } from './helpers';

describe('test server: LIST', () => {
  let server: TestServer;
  let token: string;

  beforeEach(async () => {
    server = await startTestServer({ seed: 1 });
    token = makeAdmin(server);
  });
  afterEach(() => server.stop());

  function seed(n: number, ns = 'default'): void {
    for (let i = 0; i < n; i++) server.create(pod(ns, `p-${String(i).padStart(3, '0')}`));
  }

  it('returns items sorted by namespace/name with the current resourceVersion', async () => {
    server.create(pod('b', 'x'));
    server.create(pod('a', 'y'));
    server.create(pod('a', 'x'));
    const r = await call(server, '/api/v1/pods', { token });
    assert.equal(r.status, 200);
    assert.equal(r.body.kind, 'PodList');
    assert.equal(r.body.apiVersion, 'v1');
    assert.deepEqual(
      r.body.items.map((p: any) => `${p.metadata.namespace}/${p.metadata.name}`),
      ['a/x', 'a/y', 'b/x'],
    );
    assert.equal(r.body.metadata.resourceVersion, server.currentResourceVersion());
    assert.equal(r.body.metadata.continue, undefined);
  });

  it('scopes to a namespace and serves single objects and cluster-scoped kinds', async () => {
    seed(3, 'web');
    seed(2, 'db');
    server.create(namespace('web'));
    const web = await call(server, '/api/v1/namespaces/web/pods', { token });
    assert.equal(web.body.items.length, 3);
    const one = await call(server, '/api/v1/namespaces/db/pods/p-001', { token });
    assert.equal(one.status, 200);
    assert.equal(one.body.metadata.name, 'p-001');
    assert.match(one.body.metadata.uid, /^[0-9a-f-]{36}$/);
    assert.match(one.body.metadata.creationTimestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const missing = await call(server, '/api/v1/namespaces/db/pods/nope', { token });
    assert.equal(missing.status, 404);
    assert.equal(missing.body.message, 'pods "nope" not found');
    assert.equal(missing.body.reason, 'NotFound');
    const ns = await call(server, '/api/v1/namespaces/web', { token });
    assert.equal(ns.body.kind, 'Namespace');
    const nsList = await call(server, '/api/v1/namespaces', { token });
    assert.equal(nsList.body.kind, 'NamespaceList');
    assert.equal(nsList.body.items.length, 1);
  });

  it('pages with limit/continue and remainingItemCount', async () => {
    seed(25);
    const first = await call(server, '/api/v1/namespaces/default/pods?limit=10', { token });
    assert.equal(first.body.items.length, 10);
    assert.equal(first.body.metadata.remainingItemCount, 15);
    assert.ok(first.body.metadata.continue);
    const token1 = first.body.metadata.continue;
    const second = await call(server, `/api/v1/namespaces/default/pods?limit=10&continue=${token1}`, {
      token,
    });
    assert.equal(second.body.items[0].metadata.name, 'p-010');
    assert.equal(second.body.metadata.remainingItemCount, 5);
    const third = await call(
      server,
      `/api/v1/namespaces/default/pods?limit=10&continue=${second.body.metadata.continue}`,
      { token },
    );
    assert.equal(third.body.items.length, 5);
    assert.equal(third.body.metadata.continue, undefined);
    assert.equal(third.body.metadata.remainingItemCount, undefined);
  });

  it('caps limit at pageLimitMax', async () => {
    await server.stop();
    server = await startTestServer({ pageLimitMax: 4 });
    token = makeAdmin(server);
    seed(10);
    const r = await call(server, '/api/v1/pods?limit=500', { token });
    assert.equal(r.body.items.length, 4);
    assert.ok(r.body.metadata.continue);
  });

  it('later pages show the snapshot of the first page despite concurrent writes', async () => {
    seed(20);
    const first = await call(server, '/api/v1/pods?limit=5', { token });
    const snapshotRv = first.body.metadata.resourceVersion;
    // Writes after the snapshot: delete a later item, modify one, add new ones (sorted before and after).
    server.delete('v1', 'Pod', 'default', 'p-012');
    const modified = server.get('v1', 'Pod', 'default', 'p-015') as any;
    modified.metadata.labels = { changed: 'yes' };
    server.update(modified);
    server.create(pod('default', 'p-0105'));
    server.create(pod('default', 'zzz'));
    server.create(pod('aaa', 'first'));
    const names: string[] = first.body.items.map((p: any) => p.metadata.name);
    let cont: string | undefined = first.body.metadata.continue;
    while (cont) {
      const page = await call(server, `/api/v1/pods?limit=5&continue=${encodeURIComponent(cont)}`, { token });
      assert.equal(page.status, 200, page.text);
      assert.equal(page.body.metadata.resourceVersion, snapshotRv);
      for (const p of page.body.items) {
        names.push(p.metadata.name);
        if (p.metadata.name === 'p-015') assert.equal(p.metadata.labels, undefined);
      }
      cont = page.body.metadata.continue;
      if (cont) assert.equal(page.body.metadata.remainingItemCount, 20 - names.length);
    }
    assert.deepEqual(
      names,
      Array.from({ length: 20 }, (_, i) => `p-${String(i).padStart(3, '0')}`),
    );
    const fresh = await call(server, '/api/v1/pods', { token });
    assert.equal(fresh.body.items.length, 22);
  });

  it('expires a continue token after compaction with the real 410 body', async () => {
    seed(6);
    const first = await call(server, '/api/v1/pods?limit=2', { token });
    server.faults.compact();
    const r = await call(server, `/api/v1/pods?limit=2&continue=${first.body.metadata.continue}`, { token });
    assert.equal(r.status, 410);
    assert.deepEqual(r.body, {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message:
        'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.',
      reason: 'Expired',
      code: 410,
    });
  });

  it('expires a continue token once etcd compacted its version (compactionWindowMs)', async () => {
    await server.stop();
    let now = 1_000_000;
    server = await startTestServer({ compactionWindowMs: 300_000, now: () => now });
    token = makeAdmin(server);
    seed(6);
    const first = await call(server, '/api/v1/pods?limit=2', { token });
    server.create(pod('default', 'q-0')); // supersedes the first page's version
    now += 299_000;
    const stillOk = await call(server, `/api/v1/pods?limit=2&continue=${first.body.metadata.continue}`, {
      token,
    });
    assert.equal(stillOk.status, 200);
    now += 2_000; // etcd compacts to the version of 300 s ago, which is newer than the token's
    const r = await call(server, `/api/v1/pods?limit=2&continue=${first.body.metadata.continue}`, { token });
    assert.equal(r.status, 410);
    assert.equal(r.body.reason, 'Expired');
  });

  it('serves resourceVersionMatch=Exact from history and rejects bad combinations', async () => {
    await server.stop();
    server = await startTestServer({ tooLargeWaitMs: 100 });
    token = makeAdmin(server);
    seed(3);
    const rv = server.currentResourceVersion();
    server.create(pod('default', 'later'));
    const exact = await call(server, `/api/v1/pods?resourceVersion=${rv}&resourceVersionMatch=Exact`, {
      token,
    });
    assert.equal(exact.body.items.length, 3);
    assert.equal(exact.body.metadata.resourceVersion, rv);
    const notOlder = await call(
      server,
      `/api/v1/pods?resourceVersion=${rv}&resourceVersionMatch=NotOlderThan`,
      { token },
    );
    assert.equal(notOlder.body.items.length, 4);
    const future = await call(server, '/api/v1/pods?resourceVersion=999999', { token });
    assert.equal(future.status, 504);
    assert.equal(future.headers['retry-after'], '1');
    assert.equal(future.body.details.causes[0].reason, 'ResourceVersionTooLarge');
    const invalid = await call(server, '/api/v1/pods?resourceVersionMatch=Exact', { token });
    assert.equal(invalid.status, 422);
    const withCont = await call(server, '/api/v1/pods?resourceVersion=5&continue=abc', { token });
    assert.equal(withCont.status, 400);
    const badToken = await call(server, '/api/v1/pods?continue=notatoken', { token });
    assert.equal(badToken.status, 400);
  });

  it('answers 404 for unknown resources and 405 for unsupported verbs', async () => {
    assert.equal((await call(server, '/api/v1/widgets', { token })).status, 404);
    assert.equal(
      (await call(server, '/api/v1/pods', { token, method: 'POST', body: pod('x', 'y') })).status,
      405,
    );
    assert.equal(
      (await call(server, '/api/v1/namespaces/x/pods', { token, method: 'PUT', body: pod('x', 'y') })).status,
      405,
    );
  });

  it('creates, updates, patches and deletes over HTTP', async () => {
    const created = await call(server, '/api/v1/namespaces/web/pods', {
      token,
      method: 'POST',
      body: pod('web', 'a'),
    });
    assert.equal(created.status, 201);
    const dup = await call(server, '/api/v1/namespaces/web/pods', {
      token,
      method: 'POST',
      body: pod('web', 'a'),
    });
    assert.equal(dup.status, 409);
    assert.equal(dup.body.reason, 'AlreadyExists');
    const stale = { ...created.body, metadata: { ...created.body.metadata, resourceVersion: '1' } };
    server.update(created.body); // bump the rv behind the client's back
    const conflict = await call(server, '/api/v1/namespaces/web/pods/a', {
      token,
      method: 'PUT',
      body: stale,
    });
    assert.equal(conflict.status, 409);
    assert.equal(conflict.body.reason, 'Conflict');
    const patched = await call(server, '/api/v1/namespaces/web/pods/a', {
      token,
      method: 'PATCH',
      body: { metadata: { labels: { x: 'y' } } },
      headers: { 'Content-Type': 'application/merge-patch+json' },
    });
    assert.equal(patched.status, 200);
    assert.equal(patched.body.metadata.labels.x, 'y');
    const del = await call(server, '/api/v1/namespaces/web/pods/a', { token, method: 'DELETE' });
    assert.equal(del.status, 200);
    assert.equal(server.get('v1', 'Pod', 'web', 'a'), undefined);
  });

  it('stamps metadata: generation 1 on create for workloads, bumped on spec change only', async () => {
    const d = server.create(deployment('web', 'd'));
    assert.equal(d.metadata.generation, 1);
    d.metadata.labels = { x: 'y' };
    assert.equal(server.update(d).metadata.generation, 1);
    (d.spec as any).replicas = 5;
    const bumped = server.update(d);
    assert.equal(bumped.metadata.generation, 2);
    assert.equal(bumped.metadata.uid, d.metadata.uid);
    assert.ok(Number(bumped.metadata.resourceVersion) > Number(d.metadata.resourceVersion));
  });

  it('creates events.k8s.io/v1 events over HTTP, readable as core/v1', async () => {
    const p = server.create(pod('web', 'a'));
    const r = await call(server, '/apis/events.k8s.io/v1/namespaces/web/events', {
      token,
      method: 'POST',
      body: eventV1('web', p, { name: 'e1', note: 'hello' }),
    });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.body.note, 'hello');
    const core = await call(server, '/api/v1/namespaces/web/events/e1', { token });
    assert.equal(core.body.message, 'hello');
    assert.equal(core.body.involvedObject.uid, p.metadata.uid);
  });

  it('lists 20,000 objects in pages of 500, consistent while written to', async function () {
    this.timeout(30000);
    for (let i = 0; i < 20000; i++) server.create(pod(`ns-${i % 50}`, `p-${i}`));
    let cont = '';
    let total = 0;
    let pages = 0;
    do {
      const r = await call(server, `/api/v1/pods?limit=500${cont ? `&continue=${cont}` : ''}`, { token });
      total += r.body.items.length;
      pages++;
      cont = r.body.metadata.continue ?? '';
      server.create(pod('ns-0', `during-${pages}`));
    } while (cont);
    // Every object of the snapshot once, none of those written while paging (speed: bench/).
    assert.equal(total, 20000);
    assert.equal(pages, 40);
  });
});
