import * as assert from 'node:assert/strict';
import type { ContextEvent, EventChange } from '../../../src/core/events/hub';
import type { EventRow } from '../../../src/protocol/events';
import { Emitter } from '../../../src/core/util/emitter';
import { parseHistory, serializeHistory, serializeHistoryChunks } from '../../../src/core/stream/persist';
import {
  EventStreamPublisher,
  MAX_PERSIST_MS,
  PERSIST_COST_FACTOR,
  type PublishedDelta,
  type TextStore,
} from '../../../src/core/stream/publisher';
import { FakeClock } from '../fakes/fakeClock';
import { mulberry32 } from '../fakes/random';
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
  /** Every write's chunks, in order (a string is one chunk). */
  chunks: string[][] = [];
  async write(text: string | readonly string[]) {
    this.writes++;
    this.chunks.push(typeof text === 'string' ? [text] : [...text]);
    this.text = typeof text === 'string' ? text : text.join('');
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

  it('writes a large history cooperatively: the event loop turns between slices of rows', async () => {
    const store = new MemoryStore();
    const p = new EventStreamPublisher({
      feed,
      maxEvents: 5000,
      clock,
      flushMs: 250,
      store,
      persistMs: 1000,
      persistSlice: { maxItems: 100 },
    });
    feed.live = Array.from({ length: 2000 }, (_, i) => contextEvent(`e${i}`, { lastSeen: 1000 + i }));
    await p.start();
    feed.emitter.fire([up(contextEvent('one-more'))]);
    // Count the turns other work gets while the history is written.
    let turns = 0;
    let ticking = true;
    const tick = () => {
      if (!ticking) return;
      turns++;
      setImmediate(tick);
    };
    setImmediate(tick);
    await p.persistNow();
    ticking = false;
    assert.equal(parseHistory(store.text!).length, 2001, 'every row written');
    // 2,001 rows in slices of 100 rows: at least 20 turns (it wrote in one go before: 0 or 1).
    assert.ok(turns >= 19, `the loop turned ${turns} times during the write`);
    assert.ok(store.chunks[0]!.length >= 1);
    p.dispose();
  });

  it('waits longer after a costly write: PERSIST_COST_FACTOR times its duration, at most MAX_PERSIST_MS', async () => {
    let writeMs = 300;
    const writes: number[] = [];
    const store: TextStore = {
      read: async () => undefined,
      write: async () => {
        writes.push(clock.now());
        clock.advance(writeMs); // the write "takes" writeMs of the clock
      },
    };
    const p = make(store);
    await p.start();
    feed.emitter.fire([up(contextEvent('a'))]);
    await clock.advanceAsync(1000);
    assert.equal(writes.length, 1);
    assert.equal(p.nextPersistWaitMs, 300 * PERSIST_COST_FACTOR);
    const after = clock.now();
    feed.emitter.fire([up(contextEvent('b'))]);
    await clock.advanceAsync(300 * PERSIST_COST_FACTOR - 1);
    assert.equal(writes.length, 1, 'not before 20 x 300 ms');
    await clock.advanceAsync(1);
    assert.equal(writes.length, 2);
    assert.equal(writes[1]! - after, 300 * PERSIST_COST_FACTOR);
    writeMs = 10_000;
    feed.emitter.fire([up(contextEvent('c'))]);
    await clock.advanceAsync(MAX_PERSIST_MS);
    assert.equal(p.nextPersistWaitMs, MAX_PERSIST_MS, 'bounded: written at least once a minute');
    writeMs = 0;
    feed.emitter.fire([up(contextEvent('d'))]);
    await clock.advanceAsync(MAX_PERSIST_MS);
    assert.equal(p.nextPersistWaitMs, 1000, 'a cheap write brings the wait back to persistMs');
    p.dispose();
  });

  it('writes one history at a time; changes made during a write are written after it', async () => {
    let release: () => void = () => undefined;
    const texts: string[] = [];
    let active = 0;
    let maxActive = 0;
    const store: TextStore = {
      read: async () => undefined,
      write: (text) => {
        active++;
        maxActive = Math.max(maxActive, active);
        texts.push(typeof text === 'string' ? text : text.join(''));
        return new Promise<void>((r) => {
          release = () => {
            active--;
            r();
          };
        });
      },
    };
    const p = make(store);
    await p.start();
    feed.emitter.fire([up(contextEvent('a'))]);
    const first = p.persistNow();
    await new Promise((r) => setImmediate(r));
    feed.emitter.fire([up(contextEvent('b'))]);
    const second = p.persistNow();
    await new Promise((r) => setImmediate(r));
    assert.equal(texts.length, 1, 'the second waits for the first');
    release();
    await first;
    await new Promise((r) => setImmediate(r));
    assert.equal(texts.length, 2);
    release();
    await second;
    assert.equal(maxActive, 1);
    assert.deepEqual(
      parseHistory(texts[1]!)
        .map((r) => r.id)
        .sort(),
      [contextEvent('a').id, contextEvent('b').id].sort(),
    );
    p.dispose();
  });

  it('hands the last save, started by dispose, to onFinalWrite; it holds every row', async () => {
    const store = new MemoryStore();
    let final: Promise<void> | undefined;
    const p = new EventStreamPublisher({
      feed,
      maxEvents: 5000,
      clock,
      store,
      persistMs: 60_000,
      persistSlice: { maxItems: 50 },
      onFinalWrite: (w) => (final = w),
    });
    await p.start();
    feed.emitter.fire(Array.from({ length: 500 }, (_, i) => up(contextEvent(`late${i}`))));
    p.dispose();
    assert.ok(final, 'dispose handed over its save');
    assert.equal(store.writes, 0, 'the save is cooperative: not done when dispose returns');
    await final;
    assert.equal(parseHistory(store.text!).length, 500);
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
  /** The file's rule, written plainly: live first, then newest first; a row that does not fit is left out. */
  const reference = (rows: EventRow[], maxBytes: number): string[] => {
    const ordered = [...rows].sort((a, b) => a.expired - b.expired || b.lastSeen - a.lastSeen);
    let bytes = JSON.stringify({ format: 'kube-events-history', version: 1 }).length + 1;
    const kept: string[] = [];
    for (const r of ordered) {
      const line = JSON.stringify(
        r.message.length > 16 * 1024 ? { ...r, message: `${r.message.slice(0, 16 * 1024)}…` } : r,
      );
      if (bytes + line.length + 1 > maxBytes) continue;
      bytes += line.length + 1;
      kept.push(r.id);
    }
    return kept.sort();
  };

  it('chunked and whole writes are the same file, within the bound, keeping live and newest rows first', async () => {
    const rand = mulberry32(7);
    for (let round = 0; round < 20; round++) {
      const n = 1 + Math.floor(rand() * 400);
      const rows = Array.from({ length: n }, (_, i) =>
        row({
          id: `r${round}-${i}`,
          lastSeen: 1_700_000_000_000 + Math.floor(rand() * 1e6),
          expired: rand() < 0.4 ? 1 : 0,
          message: 'm'.repeat(Math.floor(rand() < 0.05 ? 20_000 : rand() * 600)),
        }),
      );
      const maxBytes = rand() < 0.5 ? 32 * 1024 * 1024 : 2000 + Math.floor(rand() * 200_000);
      const whole = serializeHistory(rows, { maxBytes });
      let pauses = 0;
      const chunks = await serializeHistoryChunks(rows, { maxBytes }, () => {
        pauses++;
        return undefined;
      });
      assert.equal(chunks.join(''), whole, `round ${round}: the same text`);
      assert.ok(pauses >= n, 'a pause after every row at least');
      assert.ok(whole.length <= maxBytes, `round ${round}: ${whole.length} > ${maxBytes}`);
      assert.deepEqual(
        parseHistory(whole)
          .map((r) => r.id)
          .sort(),
        reference(rows, maxBytes),
        `round ${round}: the rows kept`,
      );
    }
  });

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
