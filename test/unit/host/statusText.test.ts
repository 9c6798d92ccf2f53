import * as assert from 'node:assert/strict';
import type { ContextStatus } from '../../../src/core/cluster/status';
import { describeStatus, StatusTransitions } from '../../../src/host/contexts/statusText';

const synced = (objectCount: number, partial = false): ContextStatus => ({
  phase: 'synced',
  objectCount,
  partial,
});

describe('context status text', () => {
  it('counts objects only when asked', () => {
    assert.equal(describeStatus(synced(12)), 'synced · 12 objects');
    assert.equal(describeStatus(synced(12), { count: false }), 'synced');
    assert.equal(describeStatus(synced(12, true), { count: false }), 'synced (some kinds forbidden)');
    assert.equal(
      describeStatus({ phase: 'retrying', reason: 'ECONNREFUSED' }, { count: false }),
      'retrying: ECONNREFUSED',
    );
  });

  it('reports a transition once, and never for an object count alone', () => {
    const t = new StatusTransitions();
    const seen: boolean[] = [];
    const feed: ContextStatus[] = [
      { phase: 'connecting' },
      synced(7),
      ...Array.from({ length: 1000 }, (_, i) => synced(8 + i)),
      { phase: 'retrying', reason: 'ECONNRESET' },
      { phase: 'retrying', reason: 'ECONNRESET' },
      { phase: 'retrying', reason: 'ETIMEDOUT' },
      synced(5),
      synced(5, true),
    ];
    for (const s of feed) seen.push(t.changed('ctx', s));
    assert.equal(seen.filter(Boolean).length, 6);
    assert.deepEqual(seen.slice(0, 3), [true, true, false]);
    // Contexts are tracked apart.
    assert.equal(t.changed('other', synced(1)), true);
    t.forget('ctx');
    assert.equal(t.changed('ctx', synced(5, true)), true);
  });
});
