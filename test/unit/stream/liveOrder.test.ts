import * as assert from 'node:assert/strict';
import type { ContextEvent, EventChange } from '../../../src/core/events/hub';
import { EventHistory } from '../../../src/core/stream/history';
import { LiveOrder } from '../../../src/core/stream/liveOrder';
import { contextEvent, row, T0 } from './fixtures';
import { mulberry32 } from '../fakes/random';

const up = (event: ContextEvent): EventChange => ({ type: 'upsert', event, initial: false });
const del = (event: ContextEvent): EventChange => ({ type: 'delete', event, finalStateUnknown: false });

/**
 * The history's rule, written plainly: at most `max` rows; the earliest-expired go first, then
 * the live rows last seen longest ago (unique lastSeen values here, so the order is total).
 */
class ModelHistory {
  readonly live = new Map<string, number>();
  readonly expired: string[] = [];
  constructor(public max: number) {}
  upsert(id: string, seen: number): void {
    const i = this.expired.indexOf(id);
    if (i >= 0) this.expired.splice(i, 1);
    this.live.set(id, seen);
  }
  expire(id: string): void {
    if (!this.live.has(id)) return;
    this.live.delete(id);
    this.expired.push(id);
  }
  evict(): void {
    while (this.live.size + this.expired.length > this.max && this.expired.length > 0) this.expired.shift();
    const excess = this.live.size - this.max;
    if (excess > 0)
      for (const [id] of [...this.live].sort((a, b) => a[1] - b[1]).slice(0, excess)) this.live.delete(id);
  }
  ids(): string[] {
    return [...this.live.keys(), ...this.expired].sort();
  }
}

describe('stream/liveOrder LiveOrder', () => {
  it('pops the oldest current row, dropping stale entries, ties in upsert order', () => {
    const o = new LiveOrder();
    const a = row({ id: 'a', lastSeen: 30 });
    const b = row({ id: 'b', lastSeen: 10 });
    const b2 = row({ id: 'b', lastSeen: 50 });
    const c = row({ id: 'c', lastSeen: 30 });
    const d = row({ id: 'd', lastSeen: 0 });
    for (const r of [a, b, c, b2, d]) o.add(r);
    const current = new Set([a, b2, c, d]);
    const order: string[] = [];
    for (let r = o.popOldest((x) => current.has(x)); r; r = o.popOldest((x) => current.has(x)))
      order.push(r.id);
    assert.deepEqual(order, ['d', 'a', 'c', 'b'], 'no lastSeen first; b by its newer version; a before c');
    assert.equal(o.size, 0);
  });

  it('compacts when stale entries outnumber live rows, bounded at 2 x live + 1,024', () => {
    const o = new LiveOrder();
    const r = row({ id: 'x', lastSeen: 1 });
    for (let i = 0; i < 5000; i++) o.add({ ...r, lastSeen: i });
    o.compact(() => [r], 1);
    assert.equal(o.size, 1);
    o.add(r);
    o.compact(() => [r], 1);
    assert.equal(o.size, 2, 'under the bound nothing is rebuilt');
  });
});

describe('stream/history EventHistory live-eviction heap bound', () => {
  it('stays bounded when live rows are no longer evicted (expired ones go first)', () => {
    const h = new EventHistory({ maxEvents: 10, now: () => T0 });
    // 12 live rows: the heap is built to evict the 2 oldest.
    h.applyChanges(Array.from({ length: 12 }, (_, i) => up(contextEvent(`a${i}`, { lastSeen: T0 + i }))));
    assert.ok(h.liveOrderSize > 0, 'the heap exists once live rows were evicted');
    // From now on each batch adds a row and expires one: only expired rows are evicted, while
    // every upsert still adds a heap entry.
    for (let i = 0; i < 20_000; i++) {
      const e = contextEvent(`b${i}`, { lastSeen: T0 + 100 + i });
      h.applyChanges([up(e), del(e)]);
    }
    assert.ok(h.size <= 10);
    assert.ok(h.liveOrderSize <= 2 * 10 + 1024, `heap entries ${h.liveOrderSize}`);
  });
});

describe('stream/history EventHistory eviction against a plain model (randomized)', () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    it(`seed ${seed}: the same rows survive as in the model, batch after batch`, () => {
      const rand = mulberry32(seed);
      const max = 20 + Math.floor(rand() * 40);
      const h = new EventHistory({ maxEvents: max, now: () => T0 });
      const m = new ModelHistory(max);
      let seen = T0;
      const events = new Map<string, ContextEvent>();
      for (let batch = 0; batch < 300; batch++) {
        const changes: EventChange[] = [];
        for (let k = 0, n = 1 + Math.floor(rand() * 8); k < n; k++) {
          const name = `e${Math.floor(rand() * 150)}`;
          if (rand() < 0.25 && events.has(name)) {
            changes.push(del(events.get(name)!));
            m.expire(events.get(name)!.id);
          } else {
            // Unique lastSeen, sometimes older than rows already held (out of order).
            seen += 1 + Math.floor(rand() * 3);
            const at = rand() < 0.2 ? seen - 500 - Math.floor(rand() * 400) * 3 : seen;
            const e = contextEvent(name, { lastSeen: at * 7 + (batch % 7) });
            events.set(name, e);
            changes.push(up(e));
            m.upsert(e.id, e.lastSeen ?? -Infinity);
          }
        }
        h.applyChanges(changes);
        m.evict();
        if (rand() < 0.05) {
          const next = 10 + Math.floor(rand() * 50);
          h.setMaxEvents(next);
          m.max = next;
          m.evict();
        }
        assert.deepEqual(
          h
            .list()
            .map((r) => r.id)
            .sort(),
          m.ids(),
          `batch ${batch}`,
        );
      }
    });
  }
});
