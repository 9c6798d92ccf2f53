import assert from 'node:assert/strict';
import { ApiError } from '../../../src/core/cache/errors';
import { type Status } from '../../../src/core/cache/types';
import { settle } from '../fakes/fakeClock';
import { connectionError, obj, page } from '../fakes/fakeListerWatcher';
import { harness, storeSnapshot } from './harness';

const status = (code: number, reason: string, message = reason): Status => ({
  kind: 'Status',
  code,
  reason,
  message,
});

/** A started informer, synced on one object, with its first watch open. */
async function watching(options: Parameters<typeof harness>[0] = {}) {
  const h = harness(options);
  h.lw.queueList(page([obj('a', '1')], '5'));
  h.informer.start();
  await settle();
  h.log.length = 0;
  return h;
}

describe('Informer: WATCH', () => {
  it('applies ADDED/MODIFIED/DELETED in order and advances the resourceVersion; BOOKMARK only advances it', async () => {
    const { lw, informer, log } = await watching();
    lw.watches[0].push(
      { type: 'ADDED', object: obj('b', '6') },
      { type: 'MODIFIED', object: obj('a', '7') },
      { type: 'BOOKMARK', object: { kind: 'ConfigMap', metadata: { resourceVersion: '8' } } },
    );
    await settle();
    assert.equal(informer.lastSyncResourceVersion(), '8');
    lw.watches[0].push({ type: 'DELETED', object: obj('b', '9') });
    await settle();
    assert.deepEqual(log, ['add default/b 6', 'update default/a 1->7', 'delete default/b 9']);
    assert.deepEqual(storeSnapshot(informer), { 'default/a': '7' });
    assert.equal(informer.lastSyncResourceVersion(), '9');
    informer.stop();
  });

  it('delivers no update for an unchanged resourceVersion and no delete for an unknown key', async () => {
    const { lw, informer, log } = await watching();
    lw.watches[0].push(
      { type: 'MODIFIED', object: obj('a', '1') },
      { type: 'DELETED', object: obj('zz', '6') },
    );
    await settle();
    assert.deepEqual(log, []);
    informer.stop();
  });

  it('a watch that ends normally is re-opened from the last resourceVersion, without relist or backoff', async () => {
    const { lw, informer, clock } = await watching();
    await clock.advanceAsync(1000);
    lw.watches[0].push({ type: 'ADDED', object: obj('b', '6') }).end();
    await settle();
    assert.equal(lw.watches.length, 2);
    assert.equal(lw.lists.length, 1);
    assert.equal(lw.watches[1].options.resourceVersion, '6');
    assert.equal(informer.status.phase, 'synced');
    informer.stop();
  });

  it('a watch with events that ends within 1 s is re-opened after one backoff step, with no status change', async () => {
    const { lw, informer, clock, statuses } = await watching();
    const before = statuses.length;
    lw.watches[0].push({ type: 'ADDED', object: obj('b', '6') }).end();
    await settle();
    assert.equal(lw.watches.length, 1, 'no hot loop: a server closing every watch at once waits');
    await clock.advanceAsync(1199);
    assert.equal(lw.watches.length, 1);
    await clock.advanceAsync(1);
    assert.equal(lw.watches.length, 2);
    assert.equal(lw.lists.length, 1);
    assert.equal(lw.watches[1].options.resourceVersion, '6');
    assert.ok(statuses.slice(before).every((s) => s.phase === 'synced'));
    informer.stop();
  });

  it('a watch that closes within 1 s with no events counts as an error: back off, then relist (client-go)', async () => {
    const { lw, informer, clock } = await watching();
    lw.queueList(page([obj('a', '1')], '7'));
    lw.watches[0].end();
    await settle();
    assert.equal(lw.watches.length, 1);
    assert.equal(informer.status.phase, 'retrying');
    await clock.advanceAsync(1200);
    assert.equal(lw.lists.length, 2);
    assert.deepEqual(lw.lists[1].options, { resourceVersion: '5' });
    assert.equal(lw.watches.length, 2);
    assert.equal(lw.watches[1].options.resourceVersion, '7');
    informer.stop();
  });

  for (const [what, fail] of [
    ['a transport error', (w: { fail(e: unknown): unknown }) => w.fail(connectionError('ECONNRESET'))],
    ['a 500', (w: { fail(e: unknown): unknown }) => w.fail(new ApiError(500, 'InternalError', 'boom'))],
    [
      'an ERROR event (non-410)',
      (w: { push(...e: unknown[]): unknown }) =>
        w.push({ type: 'ERROR', object: status(500, 'InternalError') }),
    ],
  ] as const) {
    it(`${what} on WATCH backs off, then re-watches from the last resourceVersion without relisting`, async () => {
      const { lw, informer, clock } = await watching();
      lw.watches[0].push({ type: 'MODIFIED', object: obj('a', '6') });
      await settle();
      (fail as (w: unknown) => void)(lw.watches[0]);
      await settle();
      assert.equal(lw.watches.length, 1);
      assert.deepEqual(informer.status, {
        phase: 'retrying',
        error: informer.status.phase === 'retrying' ? informer.status.error : '',
        attempt: 1,
        retryAt: clock.now() + 1200,
        objectCount: 1,
        synced: true,
      });
      await clock.advanceAsync(1199);
      assert.equal(lw.watches.length, 1);
      await clock.advanceAsync(1);
      assert.equal(lw.watches.length, 2);
      assert.equal(lw.watches[1].options.resourceVersion, '6');
      assert.equal(lw.lists.length, 1);
      // A watch open for 1 s proves recovery.
      await clock.advanceAsync(1000);
      assert.deepEqual(informer.status, { phase: 'synced', objectCount: 1, resourceVersion: '6' });
      informer.stop();
    });
  }

  it('429 on WATCH waits max(Retry-After, backoff) and re-watches', async () => {
    const { lw, informer, clock } = await watching();
    lw.watches[0].fail(new ApiError(429, 'TooManyRequests', 'slow down', 5));
    await settle();
    await clock.advanceAsync(4_999);
    assert.equal(lw.watches.length, 1);
    await clock.advanceAsync(1);
    assert.equal(lw.watches.length, 2);
    assert.equal(lw.lists.length, 1);
    informer.stop();
  });

  it('410 on WATCH relists (at once as an ERROR event, after a backoff as a refused request)', async () => {
    const { lw, informer, clock } = await watching();
    await clock.advanceAsync(1000);
    lw.queueList(page([obj('a', '1')], '20'), page([obj('a', '1')], '30'));
    lw.watches[0].fail(new ApiError(410, 'Gone', 'too old resource version'));
    await settle();
    assert.equal(lw.lists.length, 1, 'an HTTP 410 refuses the watch: back off first');
    await clock.advanceAsync(1200);
    assert.equal(lw.lists.length, 2);
    await clock.advanceAsync(1000);
    lw.watches[1].push({ type: 'ERROR', object: status(410, 'Expired') });
    await settle();
    assert.equal(lw.lists.length, 3);
    assert.equal(lw.watches.length, 3);
    assert.equal(lw.watches[2].options.resourceVersion, '30');
    informer.stop();
  });

  it('a 410 right after the watch opens backs off before relisting (no hot loop)', async () => {
    const { lw, informer, clock } = await watching();
    lw.queueList(page([obj('a', '1')], '20'));
    lw.watches[0].push({ type: 'ERROR', object: status(410, 'Expired') });
    await settle();
    assert.equal(lw.lists.length, 1);
    await clock.advanceAsync(1200);
    assert.equal(lw.lists.length, 2);
    informer.stop();
  });

  it('backoff grows over consecutive failures and resets after 2 minutes of healthy watching', async () => {
    const { lw, informer, clock } = await watching();
    const delays: number[] = [];
    for (let i = 0; i < 4; i++) {
      lw.lastWatch!.fail(connectionError());
      await settle();
      delays.push(clock.nextDue()! - clock.now());
      await clock.advanceAsync(delays[i]);
    }
    assert.deepEqual(delays, [1200, 2400, 4800, 9600]);
    // A healthy watch delivering events for 2 minutes, then a failure: back to the first delay.
    for (let t = 0; t < 4; t++) {
      await clock.advanceAsync(40_000);
      lw.lastWatch!.push({ type: 'BOOKMARK', object: { metadata: { resourceVersion: `${100 + t}` } } });
      await settle();
    }
    lw.lastWatch!.fail(connectionError());
    await settle();
    assert.equal(clock.nextDue()! - clock.now(), 1200);
    informer.stop();
  });

  it('bookmarks keep a quiet watch alive past the inactivity deadline', async () => {
    const { lw, informer, clock } = await watching({ watchInactivityTimeoutMs: 150_000 });
    for (let i = 0; i < 5; i++) {
      await clock.advanceAsync(60_000);
      lw.watches[0].push({ type: 'BOOKMARK', object: { metadata: { resourceVersion: `${10 + i}` } } });
      await settle();
    }
    assert.equal(lw.watches[0].aborted, false);
    assert.equal(lw.watches.length, 1);
    informer.stop();
  });

  it('a watch ignoring its abort signal cannot hang the informer', async () => {
    const h = harness();
    const watch = h.lw.watch.bind(h.lw);
    h.lw.watch = (options, signal) => {
      watch(options, signal); // recorded, but its stream is replaced by one deaf to the signal
      return { [Symbol.asyncIterator]: () => ({ next: () => new Promise(() => {}) }) };
    };
    h.lw.queueList(page([], '5'));
    h.informer.start();
    await settle();
    // random 0.5: timeoutSeconds 450; the safety net is 450 s + 60 s of silence, then re-watch.
    await h.clock.advanceAsync(509_999);
    assert.equal(h.lw.watches.length, 1);
    await h.clock.advanceAsync(1);
    assert.equal(h.lw.watches.length, 2, 'the deaf stream was abandoned past its timeout');
    h.informer.stop();
    assert.equal(h.clock.pendingTimers(), 0);
  });
});
