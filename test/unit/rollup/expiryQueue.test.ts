import * as assert from 'node:assert/strict';
import { ExpiryQueue } from '../../../src/core/rollup/expiryQueue';
import { FakeClock } from '../fakes/fakeClock';
import { mulberry32 } from '../fakes/random';

describe('rollup/ExpiryQueue', () => {
  it('expires keys in time order, never early, with one timer', () => {
    const clock = new FakeClock(0);
    const expired: string[] = [];
    const q = new ExpiryQueue<string>({ clock, resolutionMs: 1, onExpired: (keys) => expired.push(...keys) });
    q.set('b', 2000);
    q.set('a', 1000);
    q.set('c', 3000);
    assert.equal(clock.pendingTimers(), 1);
    clock.advance(999);
    assert.deepEqual(expired, []);
    clock.advance(1);
    assert.deepEqual(expired, ['a']);
    q.delete('b');
    q.set('c', 5000); // Rescheduled later: the old time is forgotten.
    clock.advance(3000);
    assert.deepEqual(expired, ['a']);
    clock.advance(1000);
    assert.deepEqual(expired, ['a', 'c']);
    assert.equal(q.size, 0);
    assert.equal(clock.pendingTimers(), 0);
  });

  it('rounds timers up to the resolution and dispose clears them', () => {
    const clock = new FakeClock(0);
    let fired = 0;
    const q = new ExpiryQueue<number>({ clock, onExpired: (keys) => (fired += keys.length) });
    for (let i = 0; i < 100; i++) q.set(i, 10_001 + i);
    assert.equal(clock.nextDue(), 11_000);
    q.dispose();
    assert.equal(clock.pendingTimers(), 0);
    clock.advance(20_000);
    assert.equal(fired, 0);
  });

  it('matches a naive model over random sets, deletes and time steps', () => {
    const rnd = mulberry32(7);
    const clock = new FakeClock(0);
    const model = new Map<number, number>();
    const q = new ExpiryQueue<number>({
      clock,
      resolutionMs: 500,
      onExpired: (keys) => {
        for (const k of keys) {
          const at = model.get(k);
          assert.ok(at !== undefined && at <= clock.now(), `key ${k} expired early or twice`);
          model.delete(k);
        }
      },
    });
    for (let i = 0; i < 5000; i++) {
      const r = rnd();
      const key = Math.floor(rnd() * 300);
      if (r < 0.5) {
        const at = clock.now() + Math.floor(rnd() * 20_000);
        q.set(key, at);
        model.set(key, at);
      } else if (r < 0.6) {
        q.delete(key);
        model.delete(key);
      } else {
        clock.advance(Math.floor(rnd() * 2000));
        for (const [k, at] of model) assert.ok(at + 500 > clock.now(), `key ${k} overdue`);
      }
      assert.equal(q.size, model.size);
    }
    q.dispose();
  });
});
