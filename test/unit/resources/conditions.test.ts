import * as assert from 'node:assert/strict';
import type { KubeObject } from '../../../src/core/cache/types';
import { conditionStatus } from '../../../src/core/resources/conditions';
import { summarize } from '../../../src/core/resources/summary';

const obj = (status: unknown, meta: Partial<KubeObject['metadata']> = {}): KubeObject => ({
  metadata: { name: 'x', ...meta },
  status,
});
const c = (type: string, status: string, reason?: string, message?: string) => ({
  type,
  status,
  reason,
  message,
});
const read = (o: KubeObject) => {
  const s = conditionStatus(o);
  return [s.status, s.health];
};

describe('resources/conditions conditionStatus (any kind, kstatus-style)', () => {
  it('Ready decides: cert-manager Certificate, Flux Kustomization', () => {
    assert.deepEqual(read(obj({ conditions: [c('Ready', 'True')] })), ['Ready', 'ok']);
    const failing = conditionStatus(
      obj({ conditions: [c('Ready', 'False', 'DoesNotExist', 'Issuer "le" not found')] }),
    );
    assert.deepEqual(
      [failing.status, failing.health, failing.detail],
      ['NotReady', 'error', 'DoesNotExist: Issuer "le" not found'],
    );
    assert.deepEqual(read(obj({ conditions: [c('Ready', 'Unknown', 'Progressing')] })), [
      'Reconciling',
      'progressing',
    ]);
  });

  it('Stalled beats Ready, Reconciling is progress, an unobserved generation is progress', () => {
    assert.deepEqual(read(obj({ conditions: [c('Ready', 'True'), c('Stalled', 'True')] })), [
      'Stalled',
      'error',
    ]);
    assert.deepEqual(read(obj({ conditions: [c('Reconciling', 'True'), c('Ready', 'False')] })), [
      'Reconciling',
      'progressing',
    ]);
    assert.deepEqual(
      read(obj({ observedGeneration: 3, conditions: [c('Ready', 'True')] }, { generation: 4 })),
      ['Reconciling', 'progressing'],
    );
    assert.deepEqual(
      read(obj({ observedGeneration: 4, conditions: [c('Ready', 'True')] }, { generation: 4 })),
      ['Ready', 'ok'],
    );
  });

  it('a true failure condition is red; Available and Progressing are read without Ready', () => {
    assert.deepEqual(read(obj({ conditions: [c('Ready', 'True'), c('ReplicaFailure', 'True')] })), [
      'ReplicaFailure',
      'error',
    ]);
    assert.deepEqual(read(obj({ conditions: [c('ReplicaFailure', 'False'), c('Available', 'True')] })), [
      'Available',
      'ok',
    ]);
    assert.deepEqual(read(obj({ conditions: [c('Available', 'False')] })), ['Unavailable', 'error']);
    assert.deepEqual(read(obj({ conditions: [c('Progressing', 'True')] })), ['Progressing', 'progressing']);
  });

  it("Argo CD's health and plain phases", () => {
    assert.deepEqual(read(obj({ health: { status: 'Degraded' }, sync: { status: 'Synced' } })), [
      'Degraded',
      'error',
    ]);
    assert.deepEqual(read(obj({ health: { status: 'Healthy' } })), ['Healthy', 'ok']);
    assert.deepEqual(read(obj({ health: { status: 'Suspended' } })), ['Suspended', 'done']);
    assert.deepEqual(read(obj({ phase: 'Bound' })), ['Bound', 'ok']);
    assert.deepEqual(read(obj({ phase: 'Pending' })), ['Pending', 'progressing']);
    assert.deepEqual(read(obj({ phase: 'Lost' })), ['Lost', 'error']);
    assert.deepEqual(read(obj({ phase: 'Succeeded' })), ['Succeeded', 'done']);
    assert.deepEqual(read(obj(undefined)), ['', 'unknown']);
  });

  it('deleted objects are terminating whatever the status says', () => {
    assert.deepEqual(
      read(obj({ conditions: [c('Ready', 'False')] }, { deletionTimestamp: '2026-01-01T00:00:00Z' })),
      ['Terminating', 'progressing'],
    );
  });

  it('never throws on malformed statuses', () => {
    const junk: unknown[] = [
      null,
      1,
      'x',
      [],
      { conditions: 'no' },
      { conditions: [null, 1, 'x', []] },
      { health: 7 },
    ];
    for (const j of junk) assert.doesNotThrow(() => conditionStatus(obj(j)));
    assert.doesNotThrow(() =>
      conditionStatus({ metadata: { generation: 2 }, status: { observedGeneration: '1' } }),
    );
  });

  it('the tree summary of an unknown kind carries the failing reason', () => {
    const s = summarize(
      'Certificate',
      obj({ conditions: [c('Ready', 'False', 'Failed', 'ACME order failed')] }),
      0,
    );
    assert.equal(s.health, 'error');
    assert.deepEqual(
      s.fields.find((f) => f.label === 'Reason'),
      { label: 'Reason', value: 'Failed: ACME order failed' },
    );
  });
});
