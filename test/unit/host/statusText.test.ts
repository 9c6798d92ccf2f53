import * as assert from 'node:assert/strict';
import type { ContextStatus } from '../../../src/core/cluster/status';
import { describeStatus, phaseText, StatusTransitions } from '../../../src/host/contexts/statusText';
import { formatMessage } from '../../../src/core/util/l10n';

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

describe('context status text, localized', () => {
  /** A pseudo-locale: every message comes back bracketed, its {N} filled. */
  const pseudo = { t: (m: string, ...a: (string | number | boolean)[]) => `[${formatMessage(m, a)}]` };
  const all: ContextStatus[] = [
    { phase: 'disconnected' },
    { phase: 'connecting' },
    synced(3),
    synced(3, true),
    { phase: 'retrying', reason: 'ECONNRESET' },
    { phase: 'forbidden', reason: 'no list' },
    { phase: 'error', reason: 'boom' },
  ];

  it('puts every phrase through the Localizer it is given, arguments filled', () => {
    for (const s of all) {
      assert.match(describeStatus(s, { count: true }, pseudo), /^\[.*\]$/);
      assert.match(describeStatus(s, { count: false }, pseudo), /^\[.*\]$/);
      assert.match(phaseText(s.phase, pseudo), /^\[.*\]$/);
    }
    assert.equal(
      describeStatus(synced(3, true), { count: true }, pseudo),
      '[synced · 3 objects (some kinds forbidden)]',
    );
    assert.equal(describeStatus({ phase: 'error', reason: 'boom' }, undefined, pseudo), '[error: boom]');
  });

  it('keeps the English text by default (the log and the transition keys)', () => {
    assert.equal(describeStatus(synced(3, true)), 'synced · 3 objects (some kinds forbidden)');
    assert.equal(phaseText('connecting'), 'connecting');
  });
});
