import * as assert from 'node:assert/strict';
import { eventObserverHandler } from '../../../src/core/notify/eventObserver';
import { LiveWarningCount } from '../../../src/core/notify/liveWarningCount';
import { FakeClock } from '../fakes/fakeClock';
import { bump, coreEvent } from './fixtures';

describe('notify/LiveWarningCount', () => {
  it('counts Warnings last seen within the hour, across contexts, and decays with time', () => {
    const clock = new FakeClock();
    const live = new LiveWarningCount({ clock });
    const seen: number[] = [];
    live.onDidChange((n) => seen.push(n));
    const prod = eventObserverHandler('prod', live);
    const dev = eventObserverHandler('dev', live);
    const now = clock.now();
    prod.onAdd!(coreEvent({ objectName: 'a', lastSeen: now - 50 * 60_000 }), true);
    prod.onAdd!(coreEvent({ objectName: 'b', lastSeen: now - 10 * 60_000 }), true);
    prod.onAdd!(coreEvent({ objectName: 'old', lastSeen: now - 2 * 3_600_000 }), true);
    prod.onAdd!(coreEvent({ objectName: 'n', type: 'Normal', lastSeen: now }), true);
    dev.onAdd!(coreEvent({ objectName: 'a', lastSeen: now }), false);
    assert.equal(live.total, 3);
    assert.equal(live.countFor('prod'), 2);
    assert.equal(live.countFor('dev'), 1);
    clock.advance(250);
    assert.deepEqual(seen, [3], 'coalesced into one change');
    clock.advance(10 * 60_000);
    assert.equal(live.total, 2, 'a left the window');
    clock.advance(40 * 60_000);
    assert.equal(live.total, 1);
    clock.advance(10 * 60_000);
    assert.equal(live.total, 0);
    assert.equal(seen.at(-1), 0);
    assert.equal(clock.pendingTimers(), 0);
    live.dispose();
  });

  it('follows updates (a repeat renews, a Warning turning Normal leaves) and deletes', () => {
    const clock = new FakeClock();
    const live = new LiveWarningCount({ clock });
    const h = eventObserverHandler('prod', live);
    const old = coreEvent({ lastSeen: clock.now() - 2 * 3_600_000 });
    h.onAdd!(old, true);
    assert.equal(live.total, 0);
    const renewed = bump(old, 2, clock.now());
    h.onUpdate!(old, renewed);
    assert.equal(live.total, 1);
    const normal = { ...renewed, type: 'Normal' };
    h.onUpdate!(renewed, normal);
    assert.equal(live.total, 0);
    h.onUpdate!(normal, renewed);
    assert.equal(live.total, 1);
    h.onDelete!({ key: 'web/x', obj: renewed, finalStateUnknown: true });
    assert.equal(live.total, 0);
    // Without timestamps: counted from when it was seen.
    h.onAdd!(coreEvent({ objectName: 'untimed' }), false);
    assert.equal(live.total, 1);
    clock.advance(3_600_000);
    assert.equal(live.total, 0);
    live.dispose();
  });

  it('forgets a context, and dispose leaves no timer', () => {
    const clock = new FakeClock();
    const live = new LiveWarningCount({ clock });
    live.observe('prod', undefined, coreEvent({ lastSeen: clock.now() }));
    live.observe('dev', undefined, coreEvent({ lastSeen: clock.now() }));
    live.forgetContext('prod');
    assert.equal(live.total, 1);
    assert.equal(live.countFor('prod'), 0);
    assert.ok(clock.pendingTimers() > 0);
    live.dispose();
    assert.equal(clock.pendingTimers(), 0);
  });
});
