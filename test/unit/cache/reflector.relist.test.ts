import assert from 'node:assert/strict';
import { ApiError } from '../../../src/core/cache/errors';
import { Informer } from '../../../src/core/cache/informer';
import { MAX_LIST_PAGES } from '../../../src/core/cache/lister';
import { metaNamespaceKey } from '../../../src/core/cache/store';
import { type KubeObject } from '../../../src/core/cache/types';
import { FakeClock, settle } from '../fakes/fakeClock';
import { connectionError, FakeListerWatcher, obj, page } from '../fakes/fakeListerWatcher';
import { ModelServer } from '../fakes/modelServer';
import { harness, storeSnapshot } from './harness';

/** An informer over a two-layer ModelServer (watch cache + etcd), synced and healthy. */
async function twoLayer(options: { watchCache?: boolean; pageSize?: number } = {}) {
  const clock = new FakeClock();
  const lw = new FakeListerWatcher<KubeObject>();
  const server = new ModelServer(lw, { watchCache: options.watchCache ?? true });
  for (let i = 0; i < 5; i++) server.create(`o${i}`);
  const informer = new Informer<KubeObject>({
    name: 'two-layer',
    listerWatcher: lw,
    clock,
    random: () => 0.5,
    pageSize: options.pageSize,
  });
  informer.start();
  await settle();
  await clock.advanceAsync(1000);
  return { clock, lw, server, informer };
}

function serverSnapshot(server: ModelServer): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const o of [...server.objects.values()].sort((a, b) =>
    metaNamespaceKey(a).localeCompare(metaNamespaceKey(b)),
  ))
    out[metaNamespaceKey(o)] = o.metadata.resourceVersion;
  return out;
}

/**
 * sleepAndWake: the watch connection dies (laptop sleep, apiserver restart) while the cluster
 * changes and the watch cache's window moves past our version; etcd still has that version.
 */
function sleepAndWake(server: ModelServer, round: number): void {
  server.failWatches(connectionError('ECONNRESET'));
  server.update('default/o0', { round });
  server.create(`new-${round}`);
  server.remove('default/o1');
  server.create('o1', 'default', { round });
  server.expireWatchWindow();
  server.update('default/o2', { round });
}

describe('Reflector: relists like client-go (watch cache vs etcd)', () => {
  it('the 410 loop: after the watch window expired, one relist from the watch cache ends it', async () => {
    const { clock, lw, server, informer } = await twoLayer();
    assert.deepEqual(lw.lists[0].options, { resourceVersion: '0', limit: 500 });
    sleepAndWake(server, 1);
    // Ten minutes: the old policy (rv=N&limit=500, an exact etcd read of the old state) loops
    // list -> watch -> 410 until etcd compacts.
    for (let t = 0; t < 600; t++) await clock.advanceAsync(1000);
    assert.equal(lw.lists.length, 2, 'one extra list');
    assert.deepEqual(lw.lists[1].options, { resourceVersion: '105' }, 'no limit: served by the watch cache');
    assert.equal(server.etcdReads, 0);
    assert.deepEqual(storeSnapshot(informer), serverSnapshot(server));
    assert.equal(informer.status.phase, 'synced');
    assert.equal(lw.lastWatch!.closed, false);
    informer.stop();
  });

  it('a 410 storm (five window expiries) makes exactly one extra list each', async () => {
    const { clock, lw, server, informer } = await twoLayer();
    for (let round = 1; round <= 5; round++) {
      sleepAndWake(server, round);
      for (let t = 0; t < 180; t++) await clock.advanceAsync(1000);
      assert.equal(lw.lists.length, 1 + round, `round ${round}`);
      assert.deepEqual(storeSnapshot(informer), serverSnapshot(server));
    }
    informer.stop();
  });

  it('a server that paged the first list (no watch cache) is relisted with limit (client-go paginatedResult)', async () => {
    const { clock, lw, server, informer } = await twoLayer({ watchCache: false, pageSize: 2 });
    assert.deepEqual(
      lw.lists.map((l) => l.options),
      [
        { resourceVersion: '0', limit: 2 },
        { limit: 2, continue: '1:2' },
        { limit: 2, continue: '1:4' },
      ],
    );
    lw.lastWatch!.push({ type: 'ERROR', object: { kind: 'Status', code: 410, reason: 'Expired' } });
    await clock.advanceAsync(2000);
    assert.deepEqual(lw.lists[3].options, { resourceVersion: '105', limit: 2 });
    assert.deepEqual(storeSnapshot(informer), serverSnapshot(server));
    informer.stop();
  });

  it('a relist that says Expired is retried at once at "" (quorum); the next relist uses the last version again', async () => {
    const { lw, informer, clock } = harness();
    lw.queueList(page([obj('a', '1')], '5'));
    informer.start();
    await settle();
    await clock.advanceAsync(1000);
    lw.queueList(new ApiError(410, 'Expired', 'too old'), page([obj('a', '1')], '9'));
    lw.watches[0].push({ type: 'ERROR', object: { kind: 'Status', code: 410, reason: 'Expired' } });
    await settle();
    assert.deepEqual(
      lw.lists.slice(1).map((l) => l.options),
      [{ resourceVersion: '5' }, { resourceVersion: '', limit: 500 }],
    );
    assert.equal(lw.watches[1].options.resourceVersion, '9');
    await clock.advanceAsync(1000);
    lw.queueList(page([obj('a', '1')], '12'));
    lw.watches[1].push({ type: 'ERROR', object: { kind: 'Status', code: 410, reason: 'Expired' } });
    await settle();
    assert.deepEqual(lw.lists[3].options, { resourceVersion: '9' });
    informer.stop();
  });

  it('a 504 "too large resource version" (status cause) is retried at once at ""', async () => {
    const { lw, informer, clock } = harness();
    lw.queueList(page([obj('a', '1')], '5'));
    informer.start();
    await settle();
    await clock.advanceAsync(1000);
    const tooLarge = ApiError.fromStatus(
      {
        kind: 'Status',
        code: 504,
        reason: 'Timeout',
        message: 'Timeout: Too large resource version: 5, current: 3',
        details: { causes: [{ type: 'ResourceVersionTooLarge', message: 'Too large resource version' }] },
      },
      504,
    );
    lw.queueList(tooLarge, page([obj('a', '1')], '7'));
    lw.watches[0].push({ type: 'ERROR', object: { kind: 'Status', code: 410, reason: 'Expired' } });
    await settle();
    assert.deepEqual(
      lw.lists.slice(1).map((l) => l.options),
      [{ resourceVersion: '5' }, { resourceVersion: '', limit: 500 }],
    );
    assert.equal(informer.status.phase, 'synced');
    informer.stop();
  });

  it('a continue page that expires is re-read whole at the same version; a second 410 goes to ""', async () => {
    const { lw, informer } = harness({ pageSize: 1 });
    lw.queueList(
      page([obj('a', '1')], '10', 'c1'),
      new ApiError(410, 'Expired', 'continue expired'),
      new ApiError(410, 'Expired', 'too old'),
      page([obj('a', '1'), obj('b', '2')], '12'),
    );
    informer.start();
    await settle();
    assert.deepEqual(
      lw.lists.map((l) => l.options),
      [
        { resourceVersion: '0', limit: 1 },
        { limit: 1, continue: 'c1' },
        { resourceVersion: '0' },
        { resourceVersion: '', limit: 1 },
      ],
    );
    assert.deepEqual(storeSnapshot(informer), { 'default/a': '1', 'default/b': '2' });
    informer.stop();
  });
});

describe('Reflector: pagination bounds', () => {
  it('a repeated continue token is an error: back off, then relist (bounded lists per minute)', async () => {
    const { lw, informer, clock } = harness({ pageSize: 1 });
    lw.listHandler = () => page([obj('a', '1')], '10', 'same-token');
    informer.start();
    await settle();
    assert.equal(lw.lists.length, 2, 'the second page repeats the token: stop');
    assert.equal(informer.status.phase, 'retrying');
    assert.match(
      informer.status.phase === 'retrying' ? informer.status.error : '',
      /repeated a continue token/,
    );
    await clock.advanceAsync(60_000);
    assert.ok(lw.lists.length <= 2 * 7, `${lw.lists.length} list requests in a minute`);
    informer.stop();
  });

  it(`a list is bounded to ${MAX_LIST_PAGES} pages`, async () => {
    const { lw, informer } = harness({ pageSize: 1 });
    let n = 0;
    lw.listHandler = () => page([], '10', `token-${n++}`);
    informer.start();
    await settle(MAX_LIST_PAGES * 3);
    assert.equal(lw.lists.length, MAX_LIST_PAGES);
    assert.equal(informer.status.phase, 'retrying');
    assert.match(informer.status.phase === 'retrying' ? informer.status.error : '', /more than 5000 pages/);
    informer.stop();
  });

  it('a page whose items is not an array fails the list instead of poisoning the cache', async () => {
    const { lw, informer } = harness();
    lw.queueList({ items: { a: 1 } as unknown as KubeObject[], resourceVersion: '3' });
    informer.start();
    await settle();
    assert.equal(informer.status.phase, 'retrying');
    assert.equal(informer.store.size, 0);
    informer.stop();
  });
});
