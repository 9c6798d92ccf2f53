import * as assert from 'node:assert/strict';
import type { ContextEvent, EventChange } from '../../../src/core/events/hub';
import { Emitter } from '../../../src/core/util/emitter';
import { parseHistory, serializeHistory } from '../../../src/core/stream/persist';
import {
  EventStreamPublisher,
  type PublishedDelta,
  type TextStore,
} from '../../../src/core/stream/publisher';
import { FakeClock } from '../fakes/fakeClock';
import { contextEvent, row } from './fixtures';

class FakeFeed {
  readonly emitter = new Emitter<readonly EventChange[]>();
  readonly onDidChange = this.emitter.event;
  live: ContextEvent[] = [];
  list() {
    return this.live;
  }
}

class MemoryStore implements TextStore {
  writes = 0;
  constructor(public text: string | undefined = undefined) {}
  async read() {
    return this.text;
  }
  async write(text: string) {
    this.writes++;
    this.text = text;
  }
}

const up = (event: ContextEvent): EventChange => ({ type: 'upsert', event, initial: false });
const del = (event: ContextEvent): EventChange => ({ type: 'delete', event, finalStateUnknown: false });

describe('stream/publisher EventStreamPublisher', () => {
  let clock: FakeClock;
  let feed: FakeFeed;
  let deltas: PublishedDelta[];
  const make = (store?: TextStore, maxEvents = 100) => {
    const p = new EventStreamPublisher({ feed, maxEvents, clock, flushMs: 250, store, persistMs: 1000 });
    p.onDelta((d) => deltas.push(d));
    return p;
  };
  beforeEach(() => {
    clock = new FakeClock();
    feed = new FakeFeed();
    deltas = [];
  });

  it('coalesces changes per id and publishes at most one delta per 250 ms', async () => {
    const p = make();
    await p.start();
    const a = contextEvent('a');
    const b = contextEvent('b');
    for (let i = 1; i <= 20; i++) {
      feed.emitter.fire([up({ ...a, count: i })]);
      clock.advance(25);
    }
    feed.emitter.fire([up(b), del(b)]);
    clock.advance(1000);
    // 21 batches over 500 ms: a leading delta at once, then one per 250 ms; never one per change.
    assert.ok(deltas.length <= 4, `deltas: ${deltas.length}`);
    const all = deltas.flatMap((d) => d.upsert.filter((r) => r.id === a.id));
    assert.equal(all.at(-1)!.count, 20);
    // b was added and expired within one window: one upsert carrying expired=1.
    const bRows = deltas.flatMap((d) => d.upsert.filter((r) => r.id === b.id));
    assert.equal(bRows.length, 1);
    assert.equal(bRows[0]!.expired, 1);
    assert.deepEqual(
      deltas.flatMap((d) => d.expire),
      [],
    );
    // Rate: deltas at least 250 ms apart over a long run.
    deltas = [];
    for (let i = 0; i < 400; i++) {
      feed.emitter.fire([up({ ...a, count: 100 + i })]);
      clock.advance(10);
    }
    clock.advance(300);
    assert.ok(deltas.length <= 4000 / 250 + 1, `deltas in 4 s: ${deltas.length}`);
    p.dispose();
  });

  it('by default publishes each turn of the event loop: no change waits for a cadence', async () => {
    const p = new EventStreamPublisher({ feed, maxEvents: 10_000, clock });
    const firedAt = new Map<string, number>();
    const waits: number[] = [];
    p.onDelta((d) => {
      for (const r of d.upsert) waits.push(clock.now() - firedAt.get(r.id)!);
    });
    await p.start();
    // 2 ms apart for 3 s, as bench scenario 3 writes them. The pacing per page is DeltaPacer's.
    for (let i = 0; i < 1500; i++) {
      const e = contextEvent(`e${i}`);
      firedAt.set(e.id, clock.now());
      feed.emitter.fire([up(e)]);
      clock.advance(2);
    }
    clock.advance(1000);
    assert.equal(waits.length, 1500, 'every change published once');
    assert.equal(Math.max(...waits), 0, `longest wait ${Math.max(...waits)} ms`);
    // What one turn changes is one delta: a burst of 100 changes in one turn is one delta.
    let deltas = 0;
    p.onDelta(() => deltas++);
    for (let i = 0; i < 100; i++) feed.emitter.fire([up(contextEvent(`burst${i}`))]);
    clock.advance(0);
    assert.equal(deltas, 1);
    p.dispose();
  });

  it('reports an expiry of an already-published row as expire', async () => {
    const p = make();
    const a = contextEvent('a');
    feed.live = [a];
    await p.start();
    clock.advance(300);
    deltas = [];
    feed.emitter.fire([del(a)]);
    clock.advance(300);
    assert.deepEqual(
      deltas.map((d) => d.expire.map((e) => e.id)),
      [[a.id]],
    );
    assert.equal(p.rows().length, 1);
    p.dispose();
  });

  it('restores history from the store and writes it back, throttled', async () => {
    const store = new MemoryStore(serializeHistory([row({ id: 'old', message: 'from last session' })]));
    const p = make(store);
    await p.start();
    assert.equal(p.get('old')!.expired, 1);
    for (let i = 0; i < 10; i++) {
      feed.emitter.fire([up(contextEvent(`e${i}`))]);
      clock.advance(50);
    }
    assert.equal(store.writes, 0);
    await clock.advanceAsync(1000);
    assert.equal(store.writes, 1);
    const saved = parseHistory(store.text!);
    assert.equal(saved.length, 11);
    p.dispose();
  });

  it('a smaller maxEvents evicts at once and publishes removes', async () => {
    const p = make(undefined, 10);
    feed.live = ['a', 'b', 'c'].map((n, i) => contextEvent(n, { lastSeen: 1000 + i }));
    await p.start();
    clock.advance(300);
    deltas = [];
    p.setMaxEvents(1);
    clock.advance(300);
    assert.equal(deltas[0]!.remove.length, 2);
    assert.equal(p.rows().length, 1);
    p.dispose();
  });
});

describe('stream/persist', () => {
  it('round-trips rows, skips malformed lines and bounds the file', () => {
    const rows = [row({ id: 'a', message: 'x'.repeat(50_000) }), row({ id: 'b', expired: 1, expiredAt: 5 })];
    const text = serializeHistory(rows, { maxMessage: 100 });
    const back = parseHistory(`${text}not json\n{"id":"bad"}\n`);
    assert.deepEqual(
      back.map((r) => r.id),
      ['a', 'b'],
    );
    assert.equal(back[0]!.message.length, 101);
    const bounded = serializeHistory(rows, { maxBytes: 600 });
    assert.equal(parseHistory(bounded).length, 1);
    assert.deepEqual(parseHistory('{"format":"other"}\n'), []);
    assert.deepEqual(parseHistory(''), []);
  });
});
