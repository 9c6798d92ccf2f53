import assert from 'node:assert/strict';
import { ApiError } from '../../../src/core/cache/errors';
import {
  INITIAL_EVENTS_DEADLINE_MS,
  INITIAL_EVENTS_END_ANNOTATION,
  INITIAL_EVENTS_SILENCE_MS,
} from '../../../src/core/cache/reflector';
import { settle } from '../fakes/fakeClock';
import { obj, page } from '../fakes/fakeListerWatcher';
import { harness, storeSnapshot } from './harness';

const endBookmark = (rv: string) => ({
  type: 'BOOKMARK' as const,
  object: { metadata: { resourceVersion: rv, annotations: { [INITIAL_EVENTS_END_ANNOTATION]: 'true' } } },
});

describe('Informer: watch-list (useWatchList)', () => {
  it('streams the initial state with sendInitialEvents and syncs at the initial-events-end bookmark', async () => {
    const { lw, informer, log, clock } = harness({ useWatchList: true });
    informer.start();
    await settle();
    assert.equal(lw.lists.length, 0);
    assert.deepEqual(lw.watches[0].options, {
      resourceVersion: '',
      resourceVersionMatch: 'NotOlderThan',
      sendInitialEvents: true,
      allowWatchBookmarks: true,
      timeoutSeconds: 450,
    });
    lw.watches[0].push({ type: 'ADDED', object: obj('a', '3') }, { type: 'ADDED', object: obj('b', '4') });
    lw.watches[0].push({ type: 'BOOKMARK', object: { metadata: { resourceVersion: '5' } } });
    await settle();
    assert.equal(informer.hasSynced(), false);
    assert.deepEqual(log, []);
    assert.equal(informer.status.phase, 'connecting');
    lw.watches[0].push(endBookmark('6'), { type: 'MODIFIED', object: obj('a', '7') });
    await settle();
    assert.equal(informer.hasSynced(), true);
    // Per-key order (DeltaFIFO): a's pending deltas are applied together.
    assert.deepEqual(log, ['add default/a 3 initial', 'update default/a 3->7', 'add default/b 4 initial']);
    // The same stream goes on as a plain watch; a normal end re-watches from the last resourceVersion.
    await clock.advanceAsync(1000);
    lw.watches[0].end();
    await settle();
    assert.deepEqual(lw.watches[1].options, {
      resourceVersion: '7',
      allowWatchBookmarks: true,
      timeoutSeconds: 450,
    });
    informer.stop();
  });

  it('a relist by watch-list has replace semantics', async () => {
    const { lw, informer, log, clock } = harness({ useWatchList: true });
    informer.start();
    await settle();
    lw.watches[0].push(
      { type: 'ADDED', object: obj('a', '3') },
      { type: 'ADDED', object: obj('b', '4') },
      endBookmark('5'),
    );
    await settle();
    await clock.advanceAsync(1000);
    log.length = 0;
    lw.watches[0].push({ type: 'ERROR', object: { kind: 'Status', code: 410, reason: 'Expired' } });
    await settle();
    assert.equal(lw.watches[1].options.sendInitialEvents, true);
    lw.watches[1].push(
      { type: 'ADDED', object: obj('a', '3') },
      { type: 'ADDED', object: obj('c', '8') },
      endBookmark('9'),
    );
    await settle();
    assert.deepEqual(log, ['add default/c 8', 'delete default/b 4 tombstone']);
    assert.deepEqual(storeSnapshot(informer), { 'default/a': '3', 'default/c': '8' });
    informer.stop();
  });

  it('an error before the initial-events-end bookmark falls back to LIST for good', async () => {
    const { lw, informer, log, clock } = harness({ useWatchList: true });
    informer.start();
    await settle();
    lw.queueList(page([obj('a', '3')], '5'), page([obj('a', '3')], '9'));
    lw.watches[0]
      .push({ type: 'ADDED', object: obj('zombie', '2') })
      .fail(new ApiError(422, 'Invalid', 'sendInitialEvents is forbidden'));
    await settle();
    assert.equal(lw.lists.length, 1);
    assert.deepEqual(log, ['add default/a 3 initial'], 'objects streamed before the failure are dropped');
    assert.equal(lw.watches[1].options.sendInitialEvents, undefined);
    await clock.advanceAsync(1000);
    lw.watches[1].push({
      type: 'ERROR',
      object: { kind: 'Status', code: 410, reason: 'Gone', message: 'too old' },
    });
    await settle();
    assert.equal(lw.lists.length, 2, 'relists use LIST after the fallback');
    assert.equal(lw.watches[2].options.sendInitialEvents, undefined);
    informer.stop();
  });

  it('a stalled watch-list falls back to LIST once silent for watchInactivityTimeoutMs', async () => {
    const { lw, informer, clock } = harness({ useWatchList: true, watchInactivityTimeoutMs: 10_000 });
    informer.start();
    await settle();
    lw.queueList(page([], '5'));
    await clock.advanceAsync(10_000);
    assert.equal(lw.watches[0].aborted, true);
    assert.equal(lw.lists.length, 1);
    assert.equal(informer.hasSynced(), true);
    informer.stop();
  });
  it('no initial-events-end bookmark within the silence bound (a server ignoring sendInitialEvents): LIST', async () => {
    const { lw, informer, log, clock } = harness({ useWatchList: true });
    informer.start();
    await settle();
    lw.queueList(page([obj('a', '3')], '5'));
    lw.watches[0].push(
      { type: 'ADDED', object: obj('a', '3') },
      { type: 'ADDED', object: obj('ghost', '2') },
    );
    await settle();
    await clock.advanceAsync(INITIAL_EVENTS_SILENCE_MS - 1);
    assert.equal(lw.lists.length, 0, 'still waiting just before the bound');
    await clock.advanceAsync(1);
    assert.equal(lw.watches[0].aborted, true);
    assert.equal(lw.lists.length, 1);
    assert.deepEqual(log, ['add default/a 3 initial'], 'nothing streamed before the fallback is kept');
    assert.equal(lw.watches[1].options.sendInitialEvents, undefined);
    informer.stop();
  });

  it('a stream that never falls silent but never ends its initial events: LIST at the deadline', async () => {
    const { lw, informer, clock } = harness({ useWatchList: true });
    informer.start();
    await settle();
    lw.queueList(page([obj('a', '3')], '99'));
    for (let t = 0; t < INITIAL_EVENTS_DEADLINE_MS - 1000; t += 1000) {
      lw.watches[0].push({ type: 'ADDED', object: obj(`o${t}`, String(10 + t / 1000)) });
      await clock.advanceAsync(1000);
    }
    assert.equal(lw.lists.length, 0, 'still waiting before the deadline');
    await clock.advanceAsync(1000);
    assert.equal(lw.watches[0].aborted, true);
    assert.equal(lw.lists.length, 1);
    assert.equal(informer.hasSynced(), true);
    informer.stop();
  });
});
