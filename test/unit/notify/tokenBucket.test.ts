import * as assert from 'node:assert/strict';
import { TokenBucket } from '../../../src/core/notify/tokenBucket';
import { FakeClock } from '../fakes/fakeClock';

describe('notify/TokenBucket', () => {
  it('starts full, empties, and refills continuously up to capacity', () => {
    const clock = new FakeClock();
    const bucket = new TokenBucket({ clock, capacity: 3, refillPerMinute: 6 });
    assert.deepEqual(
      [1, 2, 3, 4].map(() => bucket.tryTake()),
      [true, true, true, false],
    );
    clock.advance(9_999);
    assert.equal(bucket.tryTake(), false);
    clock.advance(1);
    assert.equal(bucket.tryTake(), true);
    clock.advance(3_600_000);
    assert.equal(bucket.available, 3);
    assert.equal(clock.pendingTimers(), 0, 'no timer: refill is computed');
  });

  it('reconfigures live, capping the tokens held', () => {
    const clock = new FakeClock();
    const bucket = new TokenBucket({ clock, capacity: 10, refillPerMinute: 60 });
    bucket.configure(2, 0);
    assert.equal(bucket.available, 2);
    assert.equal(bucket.tryTake() && bucket.tryTake(), true);
    clock.advance(60_000);
    assert.equal(bucket.tryTake(), false);
  });
});
