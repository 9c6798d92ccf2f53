import assert from 'node:assert/strict';
import { Informer } from '../../../src/core/cache/informer';
import { DRAIN_BATCH } from '../../../src/core/cache/informer';
import { type KubeObject } from '../../../src/core/cache/types';
import { FakeClock, settle } from '../fakes/fakeClock';
import { connectionError, FakeListerWatcher, obj, page } from '../fakes/fakeListerWatcher';
import { harness } from './harness';

describe('Informer: stop', () => {
  it('stop during the list aborts it; no watch opens afterwards; whenSynced is false', async () => {
    const { lw, informer, clock, log } = harness();
    informer.start();
    await settle();
    assert.equal(lw.lists.length, 1);
    const synced = informer.whenSynced();
    informer.stop();
    assert.equal(lw.lists[0].signal.aborted, true);
    assert.equal(await synced, false);
    await clock.advanceAsync(600_000);
    assert.equal(lw.watches.length, 0);
    assert.equal(lw.lists.length, 1);
    assert.deepEqual(informer.status, { phase: 'stopped' });
    assert.equal(clock.pendingTimers(), 0);
    assert.deepEqual(log, []);
  });

  it('stop while a list page is resolving: nothing is cached or delivered, no watch', async () => {
    const { lw, informer, log } = harness();
    lw.queueList(() => Promise.resolve(page([obj('a', '1')], '2')));
    informer.start();
    informer.stop();
    await settle();
    assert.deepEqual(log, []);
    assert.equal(lw.watches.length, 0);
  });

  it('stop during backoff clears the timer: nothing runs later', async () => {
    const { lw, informer, clock } = harness();
    lw.queueList(connectionError());
    informer.start();
    await settle();
    assert.equal(clock.pendingTimers(), 1);
    informer.stop();
    assert.equal(clock.pendingTimers(), 0);
    await clock.advanceAsync(600_000);
    assert.equal(lw.lists.length, 1);
    assert.equal(lw.watches.length, 0);
  });

  it('stop during a watch aborts it; later events reach no handler; no timers remain', async () => {
    const { lw, informer, clock, log, statuses } = harness();
    lw.queueList(page([obj('a', '1')], '5'));
    informer.start();
    await settle();
    log.length = 0;
    assert.ok(clock.pendingTimers() > 0, 'the watch has its deadlines armed');
    informer.stop();
    assert.equal(lw.watches[0].aborted, true);
    assert.equal(clock.pendingTimers(), 0);
    lw.watches[0].push({ type: 'ADDED', object: obj('b', '6') });
    await clock.advanceAsync(600_000);
    assert.deepEqual(log, []);
    assert.equal(lw.watches.length, 1);
    assert.deepEqual(statuses[statuses.length - 1], { phase: 'stopped' });
  });

  it('stop with deltas still queued delivers none of them', async () => {
    const queued: string[] = [];
    const { lw, informer, log } = harness({ transform: (o) => (queued.push(o.metadata.name!), o) });
    lw.queueList(page([obj('a', '1')], '5'));
    informer.start();
    await settle();
    log.length = 0;
    lw.watches[0].push({ type: 'ADDED', object: obj('b', '6') });
    // Let the reflector queue the event (microtasks), but stop before the drain (a setImmediate) runs.
    for (let i = 0; i < 50 && !queued.includes('b'); i++) await Promise.resolve();
    assert.ok(queued.includes('b'));
    informer.stop();
    await settle();
    assert.deepEqual(log, []);
  });

  it('start after stop does nothing; start is idempotent; dispose = stop', async () => {
    const { lw, informer } = harness();
    informer.start();
    informer.start();
    await settle();
    assert.equal(lw.lists.length, 1);
    informer.dispose();
    informer.start();
    await settle();
    assert.equal(lw.lists.length, 1);
    assert.equal(informer.status.phase, 'stopped');
  });
});

describe('Informer: handlers', () => {
  it('a handler added after sync first gets onAdd(obj, true) for each cached object, then live changes', async () => {
    const { lw, informer } = harness();
    lw.queueList(page([obj('a', '1'), obj('b', '2')], '5'));
    informer.start();
    await settle();
    const seen: string[] = [];
    informer.addEventHandler({
      onAdd: (o, initial) => seen.push(`add ${o.metadata.name} ${initial}`),
      onUpdate: (_, n) => seen.push(`update ${n.metadata.name}`),
    });
    assert.deepEqual(seen, ['add a true', 'add b true']);
    lw.watches[0].push({ type: 'ADDED', object: obj('c', '6') }, { type: 'MODIFIED', object: obj('a', '7') });
    await settle();
    assert.deepEqual(seen, ['add a true', 'add b true', 'add c false', 'update a']);
    informer.stop();
  });

  it('a throwing handler does not stop other handlers or the informer', async () => {
    const errors: string[] = [];
    const { lw, informer, log } = harness({
      logger: { debug() {}, info() {}, warn() {}, error: (m) => errors.push(m) },
    });
    informer.addEventHandler({
      onAdd: () => {
        throw new Error('handler bug');
      },
    });
    const after: string[] = [];
    informer.addEventHandler({ onAdd: (o) => after.push(o.metadata.name!) });
    lw.queueList(page([obj('a', '1')], '5'));
    informer.start();
    await settle();
    lw.watches[0].push({ type: 'ADDED', object: obj('b', '6') });
    await settle();
    assert.deepEqual(log, ['add default/a 1 initial', 'add default/b 6']);
    assert.deepEqual(after, ['a', 'b']);
    assert.equal(errors.length, 2);
    assert.equal(informer.hasSynced(), true);
    informer.stop();
  });

  it('a disposed handler gets nothing more', async () => {
    const { lw, informer } = harness();
    const seen: string[] = [];
    const d = informer.addEventHandler({ onAdd: (o) => seen.push(o.metadata.name!) });
    lw.queueList(page([obj('a', '1')], '5'));
    informer.start();
    await settle();
    d.dispose();
    lw.watches[0].push({ type: 'ADDED', object: obj('b', '6') });
    await settle();
    assert.deepEqual(seen, ['a']);
    informer.stop();
  });

  it('drains a storm in batches, yielding to the event loop between them', async () => {
    const { lw, informer } = harness();
    const n = DRAIN_BATCH * 4;
    lw.queueList(
      page(
        Array.from({ length: n }, (_, i) => obj(`o${i}`, '1')),
        '5',
      ),
    );
    let adds = 0;
    informer.addEventHandler({ onAdd: () => adds++ });
    informer.start();
    const progress: number[] = [];
    for (let i = 0; i < 20 && adds < n; i++) {
      await new Promise((r) => setImmediate(r));
      progress.push(adds);
    }
    assert.equal(adds, n);
    assert.ok(
      progress.some((p) => p > 0 && p < n),
      `some turn saw a partial drain: ${progress.join(',')}`,
    );
    assert.ok(progress.every((p) => p % DRAIN_BATCH === 0));
    assert.equal(informer.hasSynced(), true);
    informer.stop();
  });
});

describe('Informer: transform and status', () => {
  it('strips managedFields by default, before caching and before handlers see the object', async () => {
    const { lw, informer } = harness();
    const seen: KubeObject[] = [];
    informer.addEventHandler({ onAdd: (o) => seen.push(o) });
    lw.queueList(
      page([{ metadata: { name: 'a', namespace: 'ns', resourceVersion: '1', managedFields: [{}] } }], '5'),
    );
    informer.start();
    await settle();
    assert.equal(informer.store.get('ns/a')!.metadata.managedFields, undefined);
    assert.equal(seen[0].metadata.managedFields, undefined);
    informer.stop();
  });

  it('applies a custom transform to listed and watched objects', async () => {
    const { lw, informer, log } = harness({
      transform: (o) => ({ ...o, metadata: { ...o.metadata, labels: { t: 'x' } } }),
    });
    lw.queueList(page([obj('a', '1')], '5'));
    informer.start();
    await settle();
    lw.watches[0].push({ type: 'ADDED', object: obj('b', '6') });
    await settle();
    assert.deepEqual(
      informer.store.list().map((o) => o.metadata.labels),
      [{ t: 'x' }, { t: 'x' }],
    );
    assert.equal(log.length, 2);
    informer.stop();
  });

  it('emits connecting -> synced -> retrying -> synced, with a current objectCount', async () => {
    const clock = new FakeClock();
    const lw = new FakeListerWatcher<KubeObject>();
    const informer = new Informer({ name: 'x', listerWatcher: lw, clock, random: () => 0.5 });
    const statuses: unknown[] = [];
    informer.onDidChangeStatus((s) => statuses.push(s));
    assert.deepEqual(informer.status, { phase: 'idle' });
    lw.queueList(page([obj('a', '1')], '5'));
    informer.start();
    await settle();
    lw.watches[0].push({ type: 'ADDED', object: obj('b', '6') });
    await settle();
    lw.watches[0].fail(connectionError());
    await settle();
    await clock.advanceAsync(1200 + 1000);
    informer.stop();
    assert.deepEqual(statuses, [
      { phase: 'connecting' },
      { phase: 'synced', objectCount: 1, resourceVersion: '5' },
      { phase: 'synced', objectCount: 2, resourceVersion: '6' },
      {
        phase: 'retrying',
        error: 'connect ECONNRESET',
        attempt: 1,
        retryAt: 1_700_000_001_200,
        objectCount: 2,
        synced: true,
      },
      { phase: 'synced', objectCount: 2, resourceVersion: '6' },
      { phase: 'stopped' },
    ]);
  });
});
