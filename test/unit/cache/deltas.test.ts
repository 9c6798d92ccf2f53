import assert from 'node:assert/strict';
import { DeltaQueue, isDeletedFinalStateUnknown } from '../../../src/core/cache/deltas';
import { Indexer } from '../../../src/core/cache/indexer';
import { metaNamespaceKey } from '../../../src/core/cache/store';
import { type KubeObject } from '../../../src/core/cache/types';
import { obj } from '../fakes/fakeListerWatcher';

function setup() {
  const known = new Indexer<KubeObject>({ keyFunc: metaNamespaceKey });
  const q = new DeltaQueue<KubeObject>({ keyFunc: metaNamespaceKey, knownObjects: known });
  return { known, q };
}

function drain(q: DeltaQueue<KubeObject>): string[] {
  const out: string[] = [];
  for (let p = q.pop(); p; p = q.pop()) {
    out.push(
      `${p.key}: ${p.deltas
        .map((d) => `${d.type}${isDeletedFinalStateUnknown(d.object) ? '(tombstone)' : ''}`)
        .join(',')}${p.isInInitialList ? ' initial' : ''}`,
    );
  }
  return out;
}

describe('DeltaQueue', () => {
  it('pops keys in first-queued order with their deltas in order', () => {
    const { q } = setup();
    q.replace([]);
    q.add(obj('a', '1'));
    q.add(obj('b', '2'));
    q.update(obj('a', '3'));
    q.delete(obj('a', '3'));
    assert.deepEqual(drain(q), ['default/a: Added,Updated,Deleted', 'default/b: Added']);
  });

  it('collapses consecutive deletes, preferring the real object over a tombstone', () => {
    const { q, known } = setup();
    known.set(obj('a', '1'));
    q.replace([]);
    q.delete(obj('a', '2'));
    const p = q.pop()!;
    assert.equal(p.deltas.length, 1);
    assert.equal(isDeletedFinalStateUnknown(p.deltas[0].object), false);
  });

  it('replace queues Replaced for listed objects and tombstones for known or queued keys missing from the list', () => {
    const { q, known } = setup();
    known.set(obj('gone', '1'));
    known.set(obj('kept', '1'));
    q.add(obj('pending', '2'));
    q.replace([obj('kept', '1'), obj('new', '3')]);
    assert.deepEqual(drain(q), [
      'default/pending: Added,Deleted(tombstone) initial',
      'default/kept: Replaced initial',
      'default/new: Replaced initial',
      'default/gone: Deleted(tombstone) initial',
    ]);
  });

  it('hasSynced only once every key of the first replace has been popped', () => {
    const { q } = setup();
    assert.equal(q.hasSynced(), false);
    q.replace([obj('a', '1'), obj('b', '1')]);
    assert.equal(q.hasSynced(), false);
    assert.equal(q.pop()!.isInInitialList, true);
    q.add(obj('c', '1'));
    assert.equal(q.hasSynced(), false);
    assert.equal(q.pop()!.isInInitialList, true);
    assert.equal(q.hasSynced(), true);
    assert.equal(q.pop()!.isInInitialList, false);
  });

  it('an empty first replace syncs at once', () => {
    const { q } = setup();
    q.replace([]);
    assert.equal(q.hasSynced(), true);
  });
});
