import * as assert from 'node:assert/strict';
import { computeTimeline, MINUTE } from '../../../src/core/stream/timeline';
import { row } from './fixtures';

describe('stream/timeline', () => {
  it('buckets Warnings and Normals per minute per context over the last hour', () => {
    const now = 1_700_000_000_000 - (1_700_000_000_000 % MINUTE) + 30_000;
    const t = computeTimeline(
      [
        row({ id: 'a', type: 'Warning', lastSeen: now }),
        row({ id: 'b', type: 'Warning', lastSeen: now - 5_000 }),
        row({ id: 'c', lastSeen: now - MINUTE }),
        row({ id: 'd', context: 'dev', lastSeen: now - 59 * MINUTE }),
        row({ id: 'old', lastSeen: now - 61 * MINUTE }),
        row({ id: 'undated', lastSeen: 0 }),
        row({ id: 'future', lastSeen: now + 2 * MINUTE }),
      ].map((r) => ({ row: r })),
      now,
    );
    assert.equal(t.minutes, 60);
    assert.equal(t.start, now - 30_000 - 59 * MINUTE);
    assert.deepEqual(
      t.series.map((s) => s.context),
      ['dev', 'prod'],
    );
    const prod = t.series[1]!;
    assert.equal(prod.warning[59], 2);
    assert.equal(prod.normal[58], 1);
    assert.equal(prod.warning.reduce((a, b) => a + b) + prod.normal.reduce((a, b) => a + b), 3);
    assert.equal(t.series[0]!.normal[0], 1);
    assert.equal(t.max, 2);
  });
});
