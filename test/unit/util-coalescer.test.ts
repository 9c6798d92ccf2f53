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
    });
    return { clock, fired, c };
  }

  it('delivers distinct items once per window', () => {
    const { clock, fired, c } = setup();
    c.add('a');
    c.add('b');
    c.add('a');
    clock.advance(249);
    assert.deepEqual(fired, []);
    clock.advance(1);
    assert.deepEqual(fired, [['a', 'b']]);
    c.add('c');
    clock.advance(250);
    assert.deepEqual(fired, [['a', 'b'], ['c']]);
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
