import * as assert from 'node:assert/strict';
import type { KubeObject } from '../../../src/core/cache/types';
import { createEventCompactor, StringPool } from '../../../src/core/events/compact';

// Strings built at run time, as JSON.parse builds them: equal but distinct instances.
const fresh = (s: string) => JSON.parse(JSON.stringify(s)) as string;

function ev(i: number): KubeObject {
  return JSON.parse(
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: {
        name: `web-${i}.abc`,
        namespace: 'prod',
        managedFields: [{ manager: 'kubelet' }],
        annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}' },
      },
      involvedObject: { kind: 'Pod', namespace: 'prod', name: 'web-1', apiVersion: 'v1', uid: `u-${i}` },
      reason: 'BackOff',
      type: 'Warning',
      message: `Back-off ${i}`,
      source: { component: 'kubelet', host: 'node-1' },
    }),
  ) as KubeObject;
}

describe('events/compact', () => {
  it('StringPool returns one instance for equal strings and passes other values through', () => {
    const pool = new StringPool(10);
    const a = pool.intern(fresh('kubelet'));
    assert.equal(pool.intern(fresh('kubelet')), a);
    assert.equal(pool.intern(undefined), undefined);
    assert.equal(pool.intern(42), 42);
    for (let i = 0; i < 20; i++) pool.intern(`s${i}`);
    assert.ok(pool.size <= 10, 'bounded');
  });

  it('keeps every field and value, drops managedFields and last-applied, never mutates the input', () => {
    const input = ev(1);
    const before = JSON.stringify(input);
    const out = createEventCompactor()(input);
    assert.equal(JSON.stringify(input), before, 'input untouched');
    const expected = JSON.parse(before);
    delete expected.metadata.managedFields;
    delete expected.metadata.annotations;
    assert.deepEqual(out, expected);
  });

  it('shares the low-variety strings between events, not the per-event ones', () => {
    const pool = new StringPool();
    const compact = createEventCompactor(pool);
    compact(ev(1));
    const first = pool.hits;
    compact(ev(2));
    // namespace, reason, type, involvedObject kind/namespace/name/apiVersion, source component/host
    assert.equal(pool.hits - first, 9);
    assert.equal(
      pool.size,
      8,
      'one entry per distinct value ("prod" twice); the uid and message are not pooled',
    );
  });
});
