import * as assert from 'node:assert/strict';
import type { ContextEvent, EventChange } from '../../../src/core/events/hub';
import { EventHistory } from '../../../src/core/stream/history';
import { contextEvent, row, T0 } from './fixtures';

const up = (event: ContextEvent): EventChange => ({ type: 'upsert', event, initial: false });
const del = (event: ContextEvent): EventChange => ({ type: 'delete', event, finalStateUnknown: false });

describe('stream/history EventHistory', () => {
  let now = T0;
  const history = (maxEvents: number) =>
    new EventHistory({
      maxEvents,
      now: () => now,
      ownerOf: (ctx, uid) =>
        uid === 'uid-a' ? { kind: 'Deployment', name: `web@${ctx}`, uid: 'dep' } : undefined,
    });

  it('keeps deleted events as expired rows, with the owner resolved', () => {
    const h = history(10);
    const a = contextEvent('a');
    assert.deepEqual(h.applyChanges([up(a)]), [{ op: 'upsert', id: a.id }]);
    assert.equal(h.get(a.id)!.ownerName, 'web@prod');
    now = T0 + 5;
    assert.deepEqual(h.applyChanges([del(a)]), [{ op: 'expire', id: a.id }]);
    const r = h.get(a.id)!;
    assert.equal(r.expired, 1);
    assert.equal(r.expiredAt, T0 + 5);
    assert.equal(h.size, 1);
    // A second delete changes nothing.
    assert.deepEqual(h.applyChanges([del(a)]), []);
  });

  it('a repeat updates the row in place; an expired event that comes back is live again', () => {
    const h = history(10);
    const a = contextEvent('a');
    h.applyChanges([up(a), up({ ...a, count: 7 })]);
    assert.equal(h.size, 1);
    assert.equal(h.get(a.id)!.count, 7);
    h.applyChanges([del(a)]);
    h.applyChanges([up({ ...a, count: 8 })]);
    assert.equal(h.get(a.id)!.expired, 0);
    assert.equal(h.expiredCount, 0);
  });

  it('evicts the earliest-expired rows first, then the oldest live ones', () => {
    const h = history(3);
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((n, i) => contextEvent(n, { lastSeen: T0 + i }));
    h.applyChanges([up(a!), up(b!), up(c!)]);
    h.applyChanges([del(b!)]);
    h.applyChanges([del(a!)]);
    const out = h.applyChanges([up(d!)]);
    assert.deepEqual(out.at(-1), { op: 'remove', id: b!.id }, 'b expired first, so it goes first');
    assert.deepEqual(
      h
        .list()
        .map((r) => r.id)
        .sort(),
      [a!.id, c!.id, d!.id].sort(),
    );
    const shrink = h.setMaxEvents(1);
    assert.deepEqual(shrink, [
      { op: 'remove', id: a!.id },
      { op: 'remove', id: c!.id },
    ]);
    assert.deepEqual(
      h.list().map((r) => r.id),
      [d!.id],
    );
  });

  it('restores persisted rows as expired, never over live ones, oldest expiry first in line', () => {
    const h = history(3);
    const live = contextEvent('live');
    h.applyChanges([up(live)]);
    now = T0 + 100;
    const out = h.restore([
      row({ id: live.id, message: 'stale copy' }),
      row({ id: 'old', expired: 1, expiredAt: T0 - 10 }),
      row({ id: 'was-live' }),
      row({ id: 'older', expired: 1, expiredAt: T0 - 20 }),
    ]);
    assert.equal(h.get(live.id)!.message, live.message);
    assert.equal(h.get('older'), undefined, 'the earliest expiry is evicted first');
    assert.equal(h.get('was-live')!.expired, 1);
    assert.equal(h.get('was-live')!.expiredAt, T0 + 100);
    assert.equal(h.get('old')!.expired, 1);
    assert.ok(out.some((c) => c.op === 'remove'));
    assert.equal(h.size, 3);
  });
});
