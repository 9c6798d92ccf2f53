import assert from 'node:assert/strict';
import { Backoff } from '../../../src/core/util/backoff';
import { FakeClock } from '../fakes/fakeClock';

describe('Backoff', () => {
  it('grows x2 from 800 ms to a 30 s cap', () => {
    const b = new Backoff({ clock: new FakeClock(), random: () => 1 });
    const delays = Array.from({ length: 8 }, () => b.next());
    assert.deepEqual(delays, [800, 1600, 3200, 6400, 12800, 25600, 30000, 30000]);
  });

  it('applies full jitter: delay = random() * ceiling', () => {
    const values = [0, 0.25, 0.5];
    const b = new Backoff({ clock: new FakeClock(), random: () => values.shift()! });
    assert.deepEqual([b.next(), b.next(), b.next()], [0, 400, 1600]);
  });

  it('resets to the initial ceiling after a healthy streak of resetAfterMs', () => {
    const clock = new FakeClock();
    const b = new Backoff({ clock, random: () => 1 });
    b.next();
    b.next();
    b.reportHealthy();
    clock.advance(119_999);
    b.reportHealthy();
    assert.equal(b.next(), 3200, 'a streak shorter than 2 min does not reset');
    b.reportHealthy();
    clock.advance(120_000);
    b.reportHealthy();
    assert.equal(b.next(), 800);
  });

  it('does not count time without health reports as health', () => {
    const clock = new FakeClock();
    const b = new Backoff({ clock, random: () => 1 });
    b.next();
    clock.advance(600_000);
    assert.equal(b.next(), 1600);
  });
});
