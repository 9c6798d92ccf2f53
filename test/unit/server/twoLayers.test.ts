/* eslint-disable @typescript-eslint/no-explicit-any -- tests inspect wire JSON ad hoc */
import * as assert from 'node:assert/strict';
import { startTestServer, type TestServer, type TestServerOptions } from '../../server';
import { pod } from '../../server/fixtures';
import { shouldDelegateList, type ListParams } from '../../server/listRouting';
import { call, makeAdmin, watch, within } from './helpers';

describe('test server: watch cache and etcd, routed as the 1.32 cacher', () => {
  let server: TestServer | undefined;
  let token: string;
  let now = 1_000_000;

  async function start(opts: TestServerOptions = {}): Promise<void> {
    now = 1_000_000;
    server = await startTestServer({ now: () => now, ...opts });
    token = makeAdmin(server);
  }
  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });

  function seed(n: number, prefix = 'p'): void {
    for (let i = 0; i < n; i++) server!.create(pod('web', `${prefix}-${String(i).padStart(3, '0')}`));
  }

  /** watchOutcome opens a watch from `rv` and returns its first event's type (and Status code), or END. */
  async function watchOutcome(rv: string): Promise<{ type: string; code?: number }> {
    const w = await watch(server!, `/api/v1/pods?watch=true&resourceVersion=${rv}`, { token });
    await Promise.race([w.waitFor(1, 3000).catch(() => undefined), w.ended]);
    w.close();
    const first = w.events[0];
    if (!first) return { type: 'END' };
    return { type: first.type, ...(first.object?.code ? { code: first.object.code } : {}) };
  }

  it('routes LISTs like shouldDelegateList (k8s 1.32 cacher)', () => {
    const p = (o: Partial<ListParams>): ListParams => ({
      resourceVersion: '',
      resourceVersionMatch: '',
      limit: 0,
      continueToken: '',
      sendInitialEvents: null,
      ...o,
    });
    assert.deepEqual(shouldDelegateList(p({ resourceVersion: '0', limit: 500 })), {
      layer: 'cache',
      read: 'any',
    });
    assert.deepEqual(shouldDelegateList(p({ resourceVersion: '42' })), {
      layer: 'cache',
      read: 'notOlderThan',
    });
    assert.deepEqual(shouldDelegateList(p({ resourceVersion: '42', limit: 500 })), {
      layer: 'etcd',
      read: 'exact',
    });
    assert.deepEqual(
      shouldDelegateList(p({ resourceVersion: '42', limit: 500, resourceVersionMatch: 'NotOlderThan' })),
      { layer: 'cache', read: 'notOlderThan' },
    );
    assert.deepEqual(shouldDelegateList(p({ resourceVersion: '42', resourceVersionMatch: 'Exact' })), {
      layer: 'etcd',
      read: 'exact',
    });
    assert.deepEqual(shouldDelegateList(p({ continueToken: 'x', limit: 5 })), {
      layer: 'etcd',
      read: 'continue',
    });
    assert.deepEqual(shouldDelegateList(p({ limit: 500 })), { layer: 'etcd', read: 'quorum' });
  });

  it('a resourceVersion=0 list comes from the watch cache, unpaginated, whatever the limit', async () => {
    await start();
    seed(30);
    const r = await call(server!, '/api/v1/pods?resourceVersion=0&limit=10', { token });
    assert.equal(r.status, 200);
    assert.equal(r.body.items.length, 30);
    assert.equal(r.body.metadata.continue, undefined);
    assert.equal(r.body.metadata.remainingItemCount, undefined);
    assert.equal(r.body.metadata.resourceVersion, server!.currentResourceVersion());
    const quorum = await call(server!, '/api/v1/pods?limit=10', { token });
    assert.equal(quorum.body.items.length, 10, 'a quorum read still pages');
    assert.ok(quorum.body.metadata.continue);
  });

  it('a resourceVersion with a limit is an exact read from etcd: the OLD state; without a limit, the current one', async () => {
    await start();
    seed(3);
    const old = server!.currentResourceVersion();
    seed(2, 'later');
    server!.delete('v1', 'Pod', 'web', 'p-000');
    const exact = await call(server!, `/api/v1/pods?resourceVersion=${old}&limit=500`, { token });
    assert.equal(exact.status, 200);
    assert.equal(exact.body.metadata.resourceVersion, old);
    assert.deepEqual(
      exact.body.items.map((p: any) => p.metadata.name),
      ['p-000', 'p-001', 'p-002'],
    );
    const notOlder = await call(server!, `/api/v1/pods?resourceVersion=${old}`, { token });
    assert.equal(notOlder.body.metadata.resourceVersion, server!.currentResourceVersion());
    assert.equal(notOlder.body.items.length, 4);
    const notOlderLimited = await call(
      server!,
      `/api/v1/pods?resourceVersion=${old}&resourceVersionMatch=NotOlderThan&limit=1`,
      { token },
    );
    assert.equal(notOlderLimited.body.items.length, 4, 'the watch cache ignores limit');
  });

  it('makes the 410 loop visible: the watch window lost a version that etcd still serves exactly', async () => {
    await start({ watchCacheMinEvents: 2, watchCacheWindowMs: 75_000, compactionWindowMs: 300_000 });
    seed(3);
    const synced = server!.currentResourceVersion();
    seed(3, 'while-asleep'); // the laptop sleeps; the cluster keeps writing
    now += 76_000;
    seed(3, 'on-wake'); // the events after `synced` are now stale, and evicted
    assert.deepEqual(await watchOutcome(synced), { type: 'ERROR', code: 410 });
    // The relist a client makes with a limit: an exact read, same old version, so the watch fails again.
    const exact = await call(server!, `/api/v1/pods?resourceVersion=${synced}&limit=500`, { token });
    assert.equal(exact.status, 200);
    assert.equal(exact.body.metadata.resourceVersion, synced);
    assert.deepEqual(await watchOutcome(exact.body.metadata.resourceVersion), { type: 'ERROR', code: 410 });
    // The relist client-go makes (no limit) is served by the watch cache at its version: the watch works.
    const fresh = await call(server!, `/api/v1/pods?resourceVersion=${synced}`, { token });
    assert.equal(fresh.body.metadata.resourceVersion, server!.currentResourceVersion());
    assert.equal(fresh.body.items.length, 9);
    server!.create(pod('web', 'after'));
    assert.equal((await watchOutcome(fresh.body.metadata.resourceVersion)).type, 'ADDED');
    // Once etcd compacts (5 minutes later), the exact read is a 410 too.
    now += 300_000;
    server!.create(pod('web', 'much-later'));
    const gone = await call(server!, `/api/v1/pods?resourceVersion=${synced}&limit=500`, { token });
    assert.equal(gone.status, 410);
    assert.equal(gone.body.reason, 'Expired');
    assert.equal(gone.body.message, 'The resourceVersion for the provided list is too old.');
  });

  it('evicts watch-cache events only when full and older than the window, as the real cache', async () => {
    await start({ watchCacheMinEvents: 3, watchCacheWindowMs: 75_000 });
    seed(1);
    const first = server!.currentResourceVersion();
    seed(4, 'q'); // 5 events at t0, over the minimum but fresh: all kept
    assert.equal((await watchOutcome(first)).type, 'ADDED');
    now += 80_000; // quiet: nothing arrives, nothing is evicted
    assert.equal((await watchOutcome(first)).type, 'ADDED');
    server!.create(pod('web', 'wake')); // an event arrives: stale events go down to the minimum
    assert.deepEqual(await watchOutcome(first), { type: 'ERROR', code: 410 });
  });

  it('caps the watch cache at watchCacheMaxEvents (historyWindow) whatever their age', async () => {
    await start({ historyWindow: 4 });
    seed(1);
    const first = server!.currentResourceVersion();
    seed(4, 'q');
    assert.equal((await watchOutcome(first)).type, 'ADDED');
    seed(1, 'r');
    assert.deepEqual(await watchOutcome(first), { type: 'ERROR', code: 410 });
  });

  it('etcd compaction expires continue tokens and exact reads but not watches', async () => {
    await start();
    seed(6);
    const page = await call(server!, '/api/v1/pods?limit=2', { token });
    const rv = page.body.metadata.resourceVersion;
    server!.create(pod('web', 'next'));
    server!.faults.compactEtcd();
    const cont = await call(server!, `/api/v1/pods?limit=2&continue=${page.body.metadata.continue}`, {
      token,
    });
    assert.equal(cont.status, 410);
    assert.match(cont.body.message, /continue parameter is too old/);
    const exact = await call(server!, `/api/v1/pods?resourceVersion=${rv}&resourceVersionMatch=Exact`, {
      token,
    });
    assert.equal(exact.status, 410);
    assert.equal((await watchOutcome(rv)).type, 'ADDED', 'the watch cache still has the events');
  });

  it('a not-older-than read of a future version waits for it, else 504 ResourceVersionTooLarge with Retry-After', async () => {
    await start({ tooLargeWaitMs: 150 });
    seed(1);
    const future = Number(server!.currentResourceVersion()) + 1;
    const late = await call(server!, `/api/v1/pods?resourceVersion=${future + 5}`, { token });
    assert.equal(late.status, 504);
    assert.equal(late.headers['retry-after'], '1');
    assert.equal(late.body.details.causes[0].reason, 'ResourceVersionTooLarge');
    assert.match(late.body.message, /^Too large resource version: \d+, current: \d+$/);
    await server!.stop();
    await start({ tooLargeWaitMs: 10_000 });
    seed(1);
    const pending = call(
      server!,
      `/api/v1/pods?resourceVersion=${Number(server!.currentResourceVersion()) + 1}`,
      {
        token,
      },
    );
    setTimeout(() => server!.create(pod('web', 'arrives')), 30);
    const r = await within(pending, 5000, 'the list to see the new version');
    assert.equal(r.status, 200);
    assert.equal(r.body.items.length, 2);
  });

  it('restartWatchCache ends every watch; re-watches get 410 while etcd still serves the old version', async () => {
    await start();
    seed(2);
    const rv = server!.currentResourceVersion();
    const w = await watch(server!, `/api/v1/pods?watch=true&resourceVersion=${rv}`, { token });
    assert.equal(server!.faults.restartWatchCache(), 1);
    assert.equal(await within(w.ended, 2000, 'the watch to end'), 'end');
    assert.deepEqual(await watchOutcome(rv), { type: 'ERROR', code: 410 });
    const exact = await call(server!, `/api/v1/pods?resourceVersion=${rv}&limit=500`, { token });
    assert.equal(exact.status, 200);
    assert.equal(exact.body.metadata.resourceVersion, rv);
    const relist = await call(server!, `/api/v1/pods?resourceVersion=${rv}`, { token });
    server!.create(pod('web', 'new'));
    assert.equal((await watchOutcome(relist.body.metadata.resourceVersion)).type, 'ADDED');
  });

  it('restart({ reinitWatchCache }) is a real apiserver restart: same state, fresh watch cache', async () => {
    await start();
    seed(2);
    const rv = server!.currentResourceVersion();
    server!.create(pod('web', 'x'));
    await server!.faults.restart();
    assert.equal((await watchOutcome(rv)).type, 'ADDED', 'a transport restart keeps the cache');
    await server!.faults.restart({ reinitWatchCache: true });
    assert.deepEqual(await watchOutcome(rv), { type: 'ERROR', code: 410 });
  });

  it('expireWatchCache expires one resource: watches from before get 410, exact reads still work', async () => {
    await start();
    seed(2);
    const rv = server!.currentResourceVersion();
    server!.faults.expireWatchCache('events');
    server!.create(pod('web', 'y'));
    assert.equal((await watchOutcome(rv)).type, 'ADDED', 'pods were not expired');
    server!.faults.expireWatchCache('pods');
    assert.deepEqual(await watchOutcome(rv), { type: 'ERROR', code: 410 });
    const exact = await call(server!, `/api/v1/pods?resourceVersion=${rv}&limit=500`, { token });
    assert.equal(exact.status, 200);
  });
});
