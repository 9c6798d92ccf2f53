/**
 * Oversize objects (issue 11): kept with their metadata only, and marked so that the views show
 * it. An Event says so in its own reason and message (or note), which every view already shows
 * (rows, tooltips, describe); other kinds carry TRUNCATED_ANNOTATION, shown by describe.
 */
import * as assert from 'node:assert/strict';
import { createEventCompactor } from '../../../src/core/events/compact';
import { normalizeEvent } from '../../../src/core/events/model';
import { summarize } from '../../../src/core/resources/summary';
import { truncateObject, TRUNCATED_ANNOTATION, TRUNCATED_REASON } from '../../../src/kube/oversize';

const MiB = 1024 * 1024;

describe('truncateObject: what the views see of an oversize object', () => {
  it('a core/v1 Event listed without kind keeps its references and says it was cut, in its message', () => {
    const raw = {
      metadata: { name: 'e1', namespace: 'ns', uid: 'u1', resourceVersion: '9' },
      involvedObject: { kind: 'Pod', name: 'p', namespace: 'ns', uid: 'pu' },
      reason: 'Huge',
      message: 'x'.repeat(100),
      type: 'Warning',
      lastTimestamp: '2026-01-01T00:00:00Z',
      count: 3,
    };
    const out = truncateObject(raw, 5 * MiB, 3 * MiB, { apiVersion: 'v1', kind: 'Event' });
    assert.equal(out.kind, 'Event');
    assert.equal(out.metadata.annotations?.[TRUNCATED_ANNOTATION], String(5 * MiB));
    const e = normalizeEvent(createEventCompactor()(out));
    assert.equal(e.reason, TRUNCATED_REASON);
    assert.match(e.message, /This event was 5 MiB, over the 3 MiB limit: only its metadata was kept/);
    assert.equal(e.type, 'Warning');
    assert.equal(e.count, 3);
    assert.equal(e.involved.name, 'p', 'still shown under its object');
  });

  it('an events.k8s.io Event says it in its note', () => {
    const raw = {
      apiVersion: 'events.k8s.io/v1',
      kind: 'Event',
      metadata: { name: 'e2', namespace: 'ns' },
      regarding: { kind: 'Pod', name: 'p', namespace: 'ns' },
      note: 'y',
    };
    const out = truncateObject(raw, 4 * MiB, 3 * MiB) as unknown as Record<string, unknown>;
    assert.match(String(out.note), /over the 3 MiB limit/);
    assert.equal(out.message, undefined);
  });

  it('other kinds get only the annotation; an oversize reference is dropped, not kept', () => {
    const pod = truncateObject({ kind: 'Pod', metadata: { name: 'p' }, spec: { x: 1 } }, 4 * MiB, 3 * MiB);
    assert.equal((pod as { reason?: unknown }).reason, undefined);
    assert.equal(pod.metadata.annotations?.[TRUNCATED_ANNOTATION], String(4 * MiB));
    const ev = truncateObject(
      { kind: 'Event', metadata: { name: 'e' }, involvedObject: { name: 'z'.repeat(10_000) } },
      4 * MiB,
      3 * MiB,
    ) as unknown as Record<string, unknown>;
    assert.equal(ev.involvedObject, undefined);
    assert.ok(JSON.stringify(ev).length < 1024);
  });

  it('the tree marks a cut object: too large, metadata only, with its size (any kind)', () => {
    const pod = truncateObject({ kind: 'Pod', metadata: { name: 'p' }, spec: { x: 1 } }, 4 * MiB, 3 * MiB);
    for (const kind of ['Pod', 'Deployment', 'Certificate']) {
      const s = summarize(kind, pod, Date.now());
      assert.equal(s.health, 'warning', kind);
      assert.match(s.description, /^too large \(4\.0 MiB\): metadata only/, kind);
    }
  });
});
