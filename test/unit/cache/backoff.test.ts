import assert from 'node:assert/strict';
import { Backoff } from '../../../src/core/util/backoff';
import { FakeClock } from '../fakes/fakeClock';

describe('Backoff', () => {
  it('steps x2 from 800 ms to a 30 s cap (random 0: the wait is the step)', () => {
    const b = new Backoff({ clock: new FakeClock(), random: () => 0 });
    const delays = Array.from({ length: 8 }, () => b.next());
    assert.deepEqual(delays, [800, 1600, 3200, 6400, 12800, 25600, 30000, 30000]);
  });

  it("jitters upwards like client-go's wait.Jitter(d, 1.0): each wait is in [d, 2d)", () => {
    const values = [0, 0.25, 0.5, 0.999];
    const b = new Backoff({ clock: new FakeClock(), random: () => values.shift()! });
    assert.deepEqual([b.next(), b.next(), b.next(), b.next()], [800, 2000, 4800, 6400 * 1.999]);
  });

  it('never waits less than the step, nor 2x the cap or more, whatever random() returns', () => {
    const weird = [Number.NaN, -5, 7, Infinity, -Infinity, 0.5];
    const b = new Backoff({ clock: new FakeClock(), random: () => weird.shift() ?? 0.999 });
    let step = 800;
    for (let i = 0; i < 20; i++) {
      const d = b.next();
      assert.ok(d >= step && d <= 2 * step, `wait ${d} outside [${step}, ${2 * step}]`);
      assert.ok(d <= b.maxWaitMs);
      step = Math.min(step * 2, 30_000);
    }
    assert.equal(b.maxWaitMs, 60_000);
  });

  it('resets to the initial step after a healthy streak of resetAfterMs', () => {
    const clock = new FakeClock();
    const b = new Backoff({ clock, random: () => 0 });
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
    const b = new Backoff({ clock, random: () => 0 });
    b.next();
    clock.advance(600_000);
    assert.equal(b.next(), 1600);
  });
});
