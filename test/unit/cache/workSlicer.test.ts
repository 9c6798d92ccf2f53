/**
 * Cooperative stream work (issue 11, isolation): WorkSlicer's budget, and runWatch consuming a
 * flood a slice at a time. "Holding the loop" is measured without timing: an immediate scheduled
 * next to the work sees how much of it ran before the loop got a turn.
 */
import assert from 'node:assert/strict';
import { Informer, DRAIN_BATCH } from '../../../src/core/cache/informer';
import type { KubeObject, WatchEvent } from '../../../src/core/cache/types';
import { runWatch } from '../../../src/core/cache/watch';
import { DEFAULT_SLICE, WorkSlicer } from '../../../src/core/cache/workSlicer';
import { FakeClock, settle } from '../fakes/fakeClock';
import { FakeListerWatcher, obj, page } from '../fakes/fakeListerWatcher';

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('WorkSlicer', () => {
  it('asks for a yield once a slice has done maxItems units, and never before', async () => {
    const clock = new FakeClock();
    const slicer = new WorkSlicer({ clock, budget: { maxItems: 3, maxMs: 1000 } });
    assert.equal(slicer.spend(), undefined);
    assert.equal(slicer.spend(), undefined);
    const pause = slicer.spend();
    assert.ok(pause, 'the third unit ends the slice');
    await pause;
    assert.equal(slicer.spend(2), undefined, 'a new slice starts after the yield');
    assert.ok(slicer.spend(), 'units are counted in bulk too');
    assert.equal(slicer.yields, 2);
  });

  it('asks for a yield once a slice has lasted maxMs of the injected clock', async () => {
    const clock = new FakeClock();
    const slicer = new WorkSlicer({ clock, budget: { maxItems: 1000, maxMs: 4 } });
    assert.equal(slicer.spend(), undefined);
    clock.advance(3);
    assert.equal(slicer.spend(), undefined);
    clock.advance(1);
    const pause = slicer.spend();
    assert.ok(pause, '4 ms into the slice');
    await pause;
    clock.advance(10); // One costly unit right after a yield ends its slice at once.
    assert.ok(slicer.spend());
  });

  it('starts a fresh slice, without yielding, when the loop had a turn since the slice began', async () => {
    const clock = new FakeClock();
    const slicer = new WorkSlicer({ clock, budget: { maxItems: 2, maxMs: 4 } });
    // A quiet stream: one unit per loop turn, each long after the last.
    for (let i = 0; i < 10; i++) {
      assert.equal(slicer.spend(), undefined, `unit ${i}`);
      clock.advance(1000);
      await turn();
    }
    assert.equal(slicer.yields, 0);
  });

  it('uses the injected yield, and defaults to a few ms or a few hundred units', async () => {
    let yields = 0;
    const slicer = new WorkSlicer({
      clock: new FakeClock(),
      budget: { maxItems: 1 },
      yieldToLoop: () => (yields++, Promise.resolve()),
    });
    await slicer.spend();
    assert.ok(yields >= 1);
    assert.ok(DEFAULT_SLICE.maxMs <= 10 && DEFAULT_SLICE.maxItems <= 1000);
  });

  it('never waits on a timer: its default yield is one setImmediate turn, so a busy stream does not idle', async () => {
    // Issue 13 follow-up: the initial sync's idle time was suspected here. A yield must give the
    // loop a turn (I/O and other contexts run) without arming a timer (which idles >= 1 ms).
    const real = { setTimeout: globalThis.setTimeout, setInterval: globalThis.setInterval };
    let timers = 0;
    globalThis.setTimeout = ((...args: Parameters<typeof setTimeout>) => {
      timers++;
      return real.setTimeout(...args);
    }) as typeof setTimeout;
    globalThis.setInterval = ((...args: Parameters<typeof setInterval>) => {
      timers++;
      return real.setInterval(...args);
    }) as typeof setInterval;
    const slicer = new WorkSlicer({ clock: new FakeClock(), budget: { maxItems: 2, maxMs: 1000 } });
    try {
      for (let i = 0; i < 100; i++) {
        const pause = slicer.spend();
        if (pause) await pause;
      }
    } finally {
      globalThis.setTimeout = real.setTimeout;
      globalThis.setInterval = real.setInterval;
    }
    assert.equal(slicer.yields, 50, 'one yield per full slice');
    assert.equal(timers, 0, 'a yield armed a timer');
  });
});

/** floodWatch runs a watch whose 5,000 events are all buffered at once, as a flooding server's are. */
async function floodWatch(slice?: { maxItems: number; maxMs: number }) {
  const clock = new FakeClock();
  const lw = new FakeListerWatcher<KubeObject>();
  const n = 5000;
  lw.onWatch = (w) => {
    const events: WatchEvent<KubeObject>[] = [];
    for (let i = 0; i < n; i++) events.push({ type: 'MODIFIED', object: obj(`o${i % 10}`, String(i + 2)) });
    w.push(...events);
  };
  const stop = new AbortController();
  const seen: string[] = [];
  const perTurn: number[] = [];
  let last = 0;
  const done = runWatch<KubeObject>({
    listerWatcher: lw,
    options: { resourceVersion: '1', allowWatchBookmarks: true, timeoutSeconds: 300 },
    clock,
    silenceMs: 60_000,
    stopSignal: stop.signal,
    slice,
    onEvent: (e) => {
      seen.push(e.object.metadata.resourceVersion!);
      if (seen.length === n) stop.abort();
    },
    onHealthy: () => undefined,
  });
  while (seen.length < n) {
    await turn();
    perTurn.push(seen.length - last);
    last = seen.length;
  }
  const outcome = await done;
  return { seen, perTurn, outcome, n };
}

describe('runWatch: cooperative consumption of a flood', () => {
  it('consumes a flood a slice at a time: the loop gets a turn every maxItems events', async () => {
    const { seen, perTurn, outcome, n } = await floodWatch({ maxItems: 100, maxMs: 1000 });
    assert.equal(outcome.kind, 'stopped');
    assert.equal(seen.length, n);
    assert.deepEqual(
      seen,
      Array.from({ length: n }, (_, i) => String(i + 2)),
      'every event, in stream order',
    );
    const worst = Math.max(...perTurn);
    assert.ok(worst <= 100, `up to ${worst} events between two turns of the loop`);
    assert.ok(perTurn.length >= n / 100, `${perTurn.length} turns`);
  });

  it('applies DEFAULT_SLICE when no slice is given', async () => {
    const { perTurn } = await floodWatch();
    const worst = Math.max(...perTurn);
    assert.ok(worst <= DEFAULT_SLICE.maxItems, `up to ${worst} events between two turns of the loop`);
  });

  it('stops at once when stopped during a pause between slices', async () => {
    const clock = new FakeClock();
    const lw = new FakeListerWatcher<KubeObject>();
    lw.onWatch = (w) =>
      w.push(
        ...Array.from({ length: 50 }, (_, i) => ({ type: 'ADDED' as const, object: obj(`o${i}`, '2') })),
      );
    const stop = new AbortController();
    let handled = 0;
    const done = runWatch<KubeObject>({
      listerWatcher: lw,
      options: { resourceVersion: '1', allowWatchBookmarks: true, timeoutSeconds: 300 },
      clock,
      silenceMs: 60_000,
      stopSignal: stop.signal,
      slice: { maxItems: 10, maxMs: 1000 },
      onEvent: () => handled++,
      onHealthy: () => undefined,
    });
    await settle(1);
    stop.abort();
    const outcome = await done;
    assert.equal(outcome.kind, 'stopped');
    assert.ok(handled >= 10 && handled < 50, `${handled} events handled`);
    assert.ok(lw.watches[0]!.aborted, 'the stream is released');
  });
});

describe('Informer: a flood of updates to a few keys', () => {
  it('drains at most about DRAIN_BATCH deltas per turn, however few keys they touch', async () => {
    const clock = new FakeClock();
    const lw = new FakeListerWatcher<KubeObject>();
    // A watch slice larger than the flood: the queue, not the watch, must bound the drain.
    const informer = new Informer<KubeObject>({
      name: 't',
      listerWatcher: lw,
      clock,
      random: () => 0.5,
      watchSlice: { maxItems: 100_000, maxMs: 100_000 },
    });
    const keys = Array.from({ length: 30 }, (_, i) => `k${i}`);
    lw.queueList(
      page(
        keys.map((k) => obj(k, '1')),
        '1',
      ),
    );
    let updates = 0;
    informer.addEventHandler({ onUpdate: () => updates++ });
    informer.start();
    await settle();
    const n = DRAIN_BATCH * 6;
    lw.lastWatch!.push(
      ...Array.from({ length: n }, (_, i) => ({
        type: 'MODIFIED' as const,
        object: obj(keys[i % keys.length]!, String(i + 2)),
      })),
    );
    const perTurn: number[] = [];
    let last = 0;
    for (let i = 0; i < 50 && updates < n; i++) {
      await turn();
      perTurn.push(updates - last);
      last = updates;
    }
    assert.equal(updates, n);
    const worst = Math.max(...perTurn);
    // A key's pile of deltas is applied whole: at most DRAIN_BATCH plus one key's (100).
    assert.ok(worst <= DRAIN_BATCH + n / keys.length, `up to ${worst} updates in one turn`);
    informer.stop();
  });
});
