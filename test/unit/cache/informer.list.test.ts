import assert from 'node:assert/strict';
import { ApiError } from '../../../src/core/cache/errors';
import { settle } from '../fakes/fakeClock';
import { connectionError, obj, page } from '../fakes/fakeListerWatcher';
import { harness, storeSnapshot } from './harness';

describe('Informer: LIST', () => {
  it('lists at resourceVersion "0" with limit, follows continue with only continue+limit, then watches', async () => {
    const { lw, informer, log } = harness({ pageSize: 2 });
    lw.queueList(page([obj('a', '5'), obj('b', '6')], '10', 'c1'), page([obj('c', '7')], '10'));
    informer.start();
    await settle();
    assert.deepEqual(
      lw.lists.map((l) => l.options),
      [
        { resourceVersion: '0', limit: 2 },
        { limit: 2, continue: 'c1' },
      ],
    );
    assert.equal(lw.watches.length, 1);
    assert.deepEqual(lw.watches[0].options, {
      resourceVersion: '10',
      allowWatchBookmarks: true,
      timeoutSeconds: 450,
    });
    assert.deepEqual(log, ['add default/a 5 initial', 'add default/b 6 initial', 'add default/c 7 initial']);
    assert.equal(informer.hasSynced(), true);
    assert.equal(await informer.whenSynced(), true);
    assert.equal(informer.lastSyncResourceVersion(), '10');
    informer.stop();
  });

  it('defaults the page size to 500 and picks the watch timeout in [300, 600)', async () => {
    for (const [random, timeout] of [
      [0, 300],
      [0.9999, 599],
    ] as const) {
      const { lw, informer } = harness({ random: () => random });
      lw.queueList(page([], '1'));
      informer.start();
      await settle();
      assert.equal(lw.lists[0].options.limit, 500);
      assert.equal(lw.watches[0].options.timeoutSeconds, timeout);
      informer.stop();
    }
  });

  it('re-reads the whole list at its resourceVersion when a continue page is expired (410, client-go pager), without duplicates', async () => {
    const { lw, informer, log } = harness({ pageSize: 1 });
    lw.queueList(
      page([obj('a', '1')], '10', 'c1'),
      new ApiError(410, 'Expired', 'continue token expired'),
      page([obj('a', '1'), obj('b', '11')], '12'),
    );
    informer.start();
    await settle();
    assert.deepEqual(
      lw.lists.map((l) => l.options),
      [{ resourceVersion: '0', limit: 1 }, { limit: 1, continue: 'c1' }, { resourceVersion: '0' }],
    );
    assert.deepEqual(log, ['add default/a 1 initial', 'add default/b 11 initial']);
    assert.equal(lw.watches[0].options.resourceVersion, '12');
    informer.stop();
  });

  it('backs off and retries a failed list (status retrying, not synced)', async () => {
    const { lw, informer, clock } = harness();
    lw.queueList(
      connectionError('ECONNREFUSED'),
      new ApiError(500, 'InternalError', 'etcd'),
      page([obj('a', '1')], '3'),
    );
    informer.start();
    await settle();
    assert.equal(lw.lists.length, 1);
    assert.deepEqual(informer.status, {
      phase: 'retrying',
      error: 'connect ECONNREFUSED',
      attempt: 1,
      retryAt: clock.now() + 1200,
      objectCount: 0,
      synced: false,
    });
    await clock.advanceAsync(1199);
    assert.equal(lw.lists.length, 1);
    await clock.advanceAsync(1);
    assert.equal(lw.lists.length, 2);
    assert.equal(informer.status.phase === 'retrying' && informer.status.attempt, 2);
    await clock.advanceAsync(2400); // second delay: 1600 * (1 + 0.5)
    assert.equal(lw.lists.length, 3);
    assert.deepEqual(
      lw.lists.map((l) => l.options.resourceVersion),
      ['0', '0', '0'],
    );
    assert.deepEqual(informer.status, { phase: 'synced', objectCount: 1, resourceVersion: '3' });
    informer.stop();
  });

  it('403 on LIST: status forbidden, retries at the maximum backoff', async () => {
    const { lw, informer, clock } = harness();
    lw.queueList(
      new ApiError(403, 'Forbidden', 'pods is forbidden'),
      new ApiError(403, 'Forbidden', 'pods is forbidden'),
    );
    informer.start();
    await settle();
    assert.deepEqual(informer.status, {
      phase: 'forbidden',
      error: '403 Forbidden: pods is forbidden',
      retryAt: clock.now() + 30_000,
    });
    await clock.advanceAsync(29_999);
    assert.equal(lw.lists.length, 1);
    await clock.advanceAsync(1);
    assert.equal(lw.lists.length, 2);
    assert.equal(clock.nextDue(), clock.now() + 30_000);
    informer.stop();
  });

  it('401: status unauthorized with exponential backoff', async () => {
    const { lw, informer, clock } = harness();
    lw.queueList(new ApiError(401, 'Unauthorized', 'token expired'), page([], '1'));
    informer.start();
    await settle();
    assert.deepEqual(informer.status, {
      phase: 'unauthorized',
      error: '401 Unauthorized: token expired',
      retryAt: clock.now() + 1200,
    });
    await clock.advanceAsync(1200);
    assert.deepEqual(informer.status, { phase: 'synced', objectCount: 0, resourceVersion: '1' });
    informer.stop();
  });

  it('429 on LIST waits for Retry-After when longer than the backoff', async () => {
    const { lw, informer, clock } = harness();
    lw.queueList(new ApiError(429, 'TooManyRequests', 'slow down', 7), page([], '1'));
    informer.start();
    await settle();
    await clock.advanceAsync(6_999);
    assert.equal(lw.lists.length, 1);
    await clock.advanceAsync(1);
    assert.equal(lw.lists.length, 2);
    informer.stop();
  });

  it('relist replace: missing objects become tombstones, unchanged ones are silent, no duplicate adds', async () => {
    const { lw, informer, log, clock } = harness();
    lw.queueList(page([obj('a', '1'), obj('b', '1'), obj('c', '1')], '5'));
    informer.start();
    await settle();
    await clock.advanceAsync(1000); // A watch open for 1 s is healthy: its 410 relists at once.
    log.length = 0;
    lw.queueList(page([obj('a', '1'), obj('b', '7'), obj('d', '8')], '9'));
    lw.watches[0].push({
      type: 'ERROR',
      object: { kind: 'Status', code: 410, reason: 'Expired', message: 'too old' },
    });
    await settle();
    assert.deepEqual(
      lw.lists[1].options,
      { resourceVersion: '5' },
      'relist at the last resourceVersion, without a limit (the watch cache serves it)',
    );
    assert.deepEqual(log, ['update default/b 1->7', 'add default/d 8', 'delete default/c 1 tombstone']);
    assert.deepEqual(storeSnapshot(informer), { 'default/a': '1', 'default/b': '7', 'default/d': '8' });
    assert.equal(lw.watches.length, 2);
    assert.equal(lw.watches[1].options.resourceVersion, '9');
    informer.stop();
  });

  it('a relist whose resourceVersion is expired falls back to resourceVersion ""', async () => {
    const { lw, informer, clock } = harness();
    lw.queueList(page([obj('a', '1')], '5'));
    informer.start();
    await settle();
    await clock.advanceAsync(1000); // A watch open for 1 s: its 410 relists at once.
    lw.queueList(new ApiError(410, 'Expired', 'too old'), page([obj('a', '1')], '20'));
    lw.watches[0].push({ type: 'ADDED', object: obj('b', '6') }).fail(new ApiError(410, 'Gone', 'gone'));
    await settle();
    assert.deepEqual(
      lw.lists.map((l) => l.options.resourceVersion),
      ['0', '6', ''],
    );
    assert.deepEqual(storeSnapshot(informer), { 'default/a': '1' });
    informer.stop();
  });
});
