import * as assert from 'node:assert/strict';
import { SNAPSHOT_MAX_BYTES, snapshotChunks } from '../../../src/host/webviews/snapshotChunks';
import { rowBytes } from '../../../src/protocol/rowBytes';
import { comparator, sortKeys } from '../../../src/core/stream/sort';
import type { EventRow } from '../../../src/protocol/events';

function row(i: number, lastSeen: number): EventRow {
  return {
    id: `r${i}`,
    context: 'c',
    key: `ns/r${i}`,
    type: 'Normal',
    reason: 'R',
    message: 'm',
    count: 1,
    lastSeen,
    firstSeen: lastSeen,
    source: '',
    host: '',
    kind: 'Pod',
    namespace: 'ns',
    name: `p${i}`,
    uid: `u${i}`,
    apiVersion: 'v1',
    fieldPath: '',
    ownerKind: '',
    ownerName: '',
    ownerUid: '',
    expired: 0,
    expiredAt: 0,
  };
}

const newestFirst = (rows: EventRow[]): string[] => {
  const cmp = comparator('lastSeen', true);
  return rows
    .map((r) => ({ row: r, keys: sortKeys(r) }))
    .sort(cmp)
    .map((s) => s.row.id);
};

describe('snapshotChunks', () => {
  it('puts the newest rows first: sorted, they are the top of the full list', () => {
    let a = 7;
    const rnd = () => (a = (a * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    // Many ties, some undated rows.
    const rows = Array.from({ length: 12_345 }, (_, i) =>
      row(i, rnd() < 0.05 ? 0 : 1_000_000 + Math.floor(rnd() * 3000)),
    );
    const chunks = snapshotChunks(rows, 100, 1000);
    const head = chunks[0]!;
    assert.ok(head.length >= 100 && head.length < 200, `head ${head.length}`);
    assert.ok(
      head.every((r) => r.lastSeen > 0),
      'undated rows are never in the head',
    );
    assert.deepEqual(newestFirst(head), newestFirst(rows).slice(0, head.length));
    assert.ok(chunks.slice(1).every((c) => c.length > 0 && c.length <= 1000));
    const all = chunks.flat();
    assert.equal(all.length, rows.length);
    assert.equal(new Set(all.map((r) => r.id)).size, rows.length, 'every row once');
  });

  it('one list for a small history, and one (empty) for none', () => {
    const rows = [row(1, 5), row(2, 0)];
    assert.deepEqual(snapshotChunks(rows, 10), [rows]);
    assert.deepEqual(snapshotChunks([]), [[]]);
  });

  it('with nothing dated there is no head: plain chunks', () => {
    const rows = Array.from({ length: 25 }, (_, i) => row(i, 0));
    const chunks = snapshotChunks(rows, 5, 10);
    assert.deepEqual(
      chunks.map((c) => c.length),
      [10, 10, 5],
    );
  });

  it('keeps every message under the byte budget: big rows split the first and later lists', () => {
    const big = 'x'.repeat(64 * 1024);
    const rows = Array.from({ length: 3000 }, (_, i) => ({ ...row(i, 1_000_000 + i), message: big }));
    const chunks = snapshotChunks(rows);
    for (const c of chunks) {
      const bytes = c.reduce((n, r) => n + rowBytes(r), 0);
      assert.ok(bytes <= SNAPSHOT_MAX_BYTES, `${bytes} bytes in one message`);
    }
    // Nothing lost or repeated, and the first message holds the newest rows.
    assert.equal(new Set(chunks.flat().map((r) => r.id)).size, rows.length);
    assert.equal(chunks.flat().length, rows.length);
    const firstIds = new Set(chunks[0]!.map((r) => r.id));
    assert.deepEqual(newestFirst(rows).slice(0, chunks[0]!.length), newestFirst(chunks[0]!));
    assert.ok(firstIds.has('r2999'));
  });

  it('sends a single row over the budget alone rather than split or drop it', () => {
    const rows = [row(0, 2), { ...row(1, 1), message: 'y'.repeat(100) }];
    const chunks = snapshotChunks(rows, 1000, 5000, 10);
    assert.deepEqual(
      chunks.map((c) => c.map((r) => r.id)),
      [['r0'], ['r1']],
    );
  });
});
