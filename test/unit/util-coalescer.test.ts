import * as assert from 'node:assert/strict';
import { ChangeCoalescer } from '../../src/core/util/coalescer';
import { FakeClock } from './fakes/fakeClock';

describe('util/coalescer ChangeCoalescer', () => {
  function setup(maxItems = 3) {
    const clock = new FakeClock();
    const fired: (string[] | undefined)[] = [];
    const c = new ChangeCoalescer<string>({
      delayMs: 250,
      maxItems,
      fire: (items) => fired.push(items),
      setTimer: (fn, ms) => clock.setTimeout(fn, ms) as unknown as ReturnType<typeof setTimeout>,
      clearTimer: (t) => clock.clearTimeout(t as never),
      now: () => clock.now(),
    });
    return { clock, fired, c };
  }

  it('after a quiet window delivers on the next turn, then at most once per window', () => {
    const { clock, fired, c } = setup();
    c.add('a');
    c.add('b');
    c.add('a');
    assert.deepEqual(fired, [], 'not synchronously: one turn is one delivery');
    clock.advance(0);
    assert.deepEqual(fired, [['a', 'b']]);
    c.add('c');
    clock.advance(249);
    assert.deepEqual(fired, [['a', 'b']], 'within the window of the last delivery: waits');
    c.add('d');
    clock.advance(1);
    assert.deepEqual(fired, [
      ['a', 'b'],
      ['c', 'd'],
    ]);
    // Quiet for a window: the next change goes out at once again.
    clock.advance(400);
    c.add('e');
    clock.advance(0);
    assert.deepEqual(fired, [['a', 'b'], ['c', 'd'], ['e']]);
    // A steady stream: deliveries stay 250 ms apart.
    const before = fired.length;
    for (let i = 0; i < 100; i++) {
      c.add(`s${i}`);
      clock.advance(10);
    }
    clock.advance(250);
    assert.ok(fired.length - before <= Math.ceil(1250 / 250) + 1, `${fired.length - before} deliveries`);
  });

  it('turns a storm past maxItems, or all(), into one "everything" delivery', () => {
    const { clock, fired, c } = setup(3);
    for (const x of ['a', 'b', 'c', 'd', 'e']) c.add(x);
    clock.advance(250);
    assert.deepEqual(fired, [undefined]);
    c.add('a');
    c.all();
    c.add('b');
    clock.advance(250);
    assert.deepEqual(fired, [undefined, undefined]);
  });

  it('dispose cancels the pending delivery', () => {
    const { clock, fired, c } = setup();
    c.add('a');
    c.dispose();
    clock.advance(1000);
    assert.deepEqual(fired, []);
    assert.equal(clock.pendingTimers(), 0);
  });
});
