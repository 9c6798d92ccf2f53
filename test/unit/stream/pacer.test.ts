import * as assert from 'node:assert/strict';
import { DeltaPacer } from '../../../src/core/stream/pacer';
import type { PublishedDelta } from '../../../src/core/stream/publisher';
import { FakeClock } from '../fakes/fakeClock';
import { row } from './fixtures';

const delta = (p: Partial<PublishedDelta>): PublishedDelta => ({ upsert: [], expire: [], remove: [], ...p });

describe('stream/pacer DeltaPacer', () => {
  let clock: FakeClock;
  let sent: { at: number; d: PublishedDelta }[];
  let pacer: DeltaPacer;
  beforeEach(() => {
    clock = new FakeClock();
    sent = [];
    pacer = new DeltaPacer({ clock, ackTimeoutMs: 1000, send: (d) => sent.push({ at: clock.now(), d }) });
  });

  it('sends a delta on a quiet stream at once, without waiting for a cadence', () => {
    pacer.push(delta({ upsert: [row({ id: 'a' })] }));
    assert.equal(sent.length, 1);
    assert.equal(sent[0]!.at, clock.now());
    pacer.ack();
    clock.advance(5000);
    pacer.push(delta({ upsert: [row({ id: 'b' })] }));
    assert.equal(sent.length, 2);
    assert.equal(sent[1]!.at, clock.now(), 'the second quiet event goes out at once too');
  });

  it('merges what arrives while a delta is in flight, and sends it on the ack', () => {
    pacer.push(delta({ upsert: [row({ id: 'a', count: 1 })] }));
    for (let i = 2; i <= 50; i++)
      pacer.push(delta({ upsert: [row({ id: 'a', count: i }), row({ id: `n${i}` })] }));
    assert.equal(sent.length, 1, 'nothing more while the first is unacknowledged');
    pacer.ack();
    assert.equal(sent.length, 2);
    const second = sent[1]!.d;
    assert.equal(second.upsert.filter((r) => r.id === 'a').length, 1, 'one row per id');
    assert.equal(second.upsert.find((r) => r.id === 'a')!.count, 50, 'the newest version wins');
    assert.equal(second.upsert.length, 50);
  });

  it('keeps the publisher rules: expire marks a waiting upsert, remove wins', () => {
    pacer.push(delta({ upsert: [row({ id: 'x' })] }));
    pacer.push(delta({ upsert: [row({ id: 'a' }), row({ id: 'b' })] }));
    pacer.push(
      delta({
        expire: [
          { id: 'a', at: 7 },
          { id: 'c', at: 8 },
        ],
        remove: ['b'],
      }),
    );
    pacer.push(delta({ expire: [{ id: 'b', at: 9 }] }));
    pacer.ack();
    const d = sent[1]!.d;
    assert.deepEqual(
      d.upsert.map((r) => [r.id, r.expired, r.expiredAt]),
      [['a', 1, 7]],
    );
    assert.deepEqual(d.expire, [{ id: 'c', at: 8 }]);
    assert.deepEqual(d.remove, ['b']);
  });

  it('under a steady load sends one delta per ack, and nothing is lost', () => {
    // 500 events/s; the page acknowledges 16 ms after each delta (one frame).
    const seen = new Set<string>();
    let nextAck = Infinity;
    const p = new DeltaPacer({
      clock,
      send: (d) => {
        sent.push({ at: clock.now(), d });
        for (const r of d.upsert) seen.add(r.id);
        nextAck = clock.now() + 16;
      },
    });
    for (let ms = 0; ms < 2000; ms += 2) {
      p.push(delta({ upsert: [row({ id: `e${ms}` })] }));
      clock.advance(2);
      if (clock.now() >= nextAck) {
        nextAck = Infinity;
        p.ack();
      }
    }
    clock.advance(16);
    p.ack();
    assert.equal(seen.size, 1000, 'every event reached the page');
    assert.ok(sent.length <= 2000 / 16 + 2, `one delta per frame at most, got ${sent.length}`);
    const waits = sent.slice(1).map((s, i) => s.at - sent[i]!.at);
    assert.ok(
      Math.max(...waits) <= 18,
      `no delta waits longer than a frame and a tick: ${Math.max(...waits)}`,
    );
  });

  it('a missing ack delays the next delta by at most ackTimeoutMs', () => {
    pacer.push(delta({ upsert: [row({ id: 'a' })] }));
    pacer.push(delta({ upsert: [row({ id: 'b' })] }));
    clock.advance(999);
    assert.equal(sent.length, 1);
    clock.advance(1);
    assert.equal(sent.length, 2);
    assert.equal(sent[1]!.d.upsert[0]!.id, 'b');
    assert.equal(pacer.timedOut, 1, 'the second went out on the timeout');
    clock.advance(1000);
    assert.equal(pacer.timedOut, 1, 'a timeout with nothing waiting sends nothing and counts nothing');
    // A late ack for the first delta acknowledges the one now in flight: harmless.
    pacer.ack();
    pacer.push(delta({ upsert: [row({ id: 'c' })] }));
    assert.equal(sent.length, 3);
  });

  it('reset and dispose drop what waits and send nothing more', () => {
    pacer.push(delta({ upsert: [row({ id: 'a' })] }));
    pacer.push(delta({ upsert: [row({ id: 'b' })] }));
    pacer.reset();
    clock.advance(5000);
    assert.equal(sent.length, 1);
    pacer.push(delta({ upsert: [row({ id: 'c' })] }));
    assert.equal(sent.length, 2, 'after a reset nothing is in flight');
    pacer.dispose();
    pacer.ack();
    pacer.push(delta({ upsert: [row({ id: 'd' })] }));
    clock.advance(5000);
    assert.equal(sent.length, 2);
    assert.equal(clock.pendingTimers(), 0);
  });

  it('carries at most maxBytes per delta; the rest follows in order, one ack at a time', () => {
    const capped = new DeltaPacer({
      clock,
      maxBytes: 10_000,
      send: (d) => sent.push({ at: clock.now(), d }),
    });
    const big = 'x'.repeat(2000); // ~6.4 KB each by rowBytes: one per delta
    capped.push(delta({ upsert: [row({ id: 'a', message: big }), row({ id: 'b', message: big })] }));
    capped.push(delta({ upsert: [row({ id: 'c', message: big })] }));
    assert.deepEqual(
      sent.map((s) => s.d.upsert.map((r) => r.id)),
      [['a']],
    );
    capped.ack();
    capped.ack();
    assert.deepEqual(
      sent.map((s) => s.d.upsert.map((r) => r.id)),
      [['a'], ['b'], ['c']],
    );
    capped.ack();
    assert.equal(sent.length, 3, 'nothing left, nothing repeated');
  });
});
