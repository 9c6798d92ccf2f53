import assert from 'node:assert/strict';
import { Indexer } from '../../../src/core/cache/indexer';
import {
  INVOLVED_UID_INDEX,
  involvedUidIndexFunc,
  NAMESPACE_INDEX,
  namespaceIndexFunc,
  OWNER_UID_INDEX,
  ownerUidIndexFunc,
} from '../../../src/core/cache/indexers';
import { metaNamespaceKey, splitMetaNamespaceKey } from '../../../src/core/cache/store';
import { type KubeObject } from '../../../src/core/cache/types';

function o(name: string, namespace: string | undefined, owners: string[] = []): KubeObject {
  return {
    metadata: {
      name,
      namespace,
      ownerReferences: owners.map((uid) => ({ apiVersion: 'v1', kind: 'X', name: uid, uid })),
    },
  };
}

function newIndexer(): Indexer<KubeObject> {
  return new Indexer<KubeObject>({
    keyFunc: metaNamespaceKey,
    indexers: { [NAMESPACE_INDEX]: namespaceIndexFunc, [OWNER_UID_INDEX]: ownerUidIndexFunc },
  });
}

describe('metaNamespaceKey', () => {
  it('is ns/name for namespaced objects and name for cluster-scoped ones', () => {
    assert.equal(metaNamespaceKey(o('a', 'ns')), 'ns/a');
    assert.equal(metaNamespaceKey(o('node-1', undefined)), 'node-1');
    assert.deepEqual(splitMetaNamespaceKey('ns/a'), { namespace: 'ns', name: 'a' });
    assert.deepEqual(splitMetaNamespaceKey('node-1'), { namespace: '', name: 'node-1' });
  });
});

describe('Indexer', () => {
  it('stores, replaces and deletes by key', () => {
    const ix = newIndexer();
    const a1 = o('a', 'ns');
    assert.equal(ix.set(a1), undefined);
    const a2 = o('a', 'ns');
    assert.equal(ix.set(a2), a1);
    assert.equal(ix.get('ns/a'), a2);
    assert.equal(ix.size, 1);
    assert.deepEqual(ix.listKeys(), ['ns/a']);
    assert.equal(ix.delete('ns/a'), a2);
    assert.equal(ix.delete('ns/a'), undefined);
    assert.equal(ix.size, 0);
  });

  it('keeps indices in step with updates and deletes', () => {
    const ix = newIndexer();
    ix.set(o('a', 'ns', ['u1', 'u2']));
    ix.set(o('b', 'ns', ['u1']));
    ix.set(o('node', undefined));
    assert.deepEqual(ix.indexKeys(OWNER_UID_INDEX, 'u1').sort(), ['ns/a', 'ns/b']);
    assert.deepEqual(
      ix.indexValues(NAMESPACE_INDEX),
      ['ns'],
      'cluster-scoped objects have no namespace value',
    );
    ix.set(o('a', 'ns', ['u3']));
    assert.deepEqual(ix.indexKeys(OWNER_UID_INDEX, 'u1'), ['ns/b']);
    assert.deepEqual(ix.indexKeys(OWNER_UID_INDEX, 'u2'), []);
    assert.deepEqual(ix.indexValues(OWNER_UID_INDEX).sort(), ['u1', 'u3'], 'no value without objects');
    ix.delete('ns/b');
    assert.deepEqual(ix.indexValues(OWNER_UID_INDEX), ['u3']);
    assert.deepEqual(
      ix.byIndex(NAMESPACE_INDEX, 'ns').map((x) => x.metadata.name),
      ['a'],
    );
  });

  it('indexes existing objects when an indexer is added, and rejects unknown indices', () => {
    const ix = new Indexer<KubeObject>({ keyFunc: metaNamespaceKey });
    ix.set(o('a', 'ns'));
    ix.addIndexer(NAMESPACE_INDEX, namespaceIndexFunc);
    assert.deepEqual(ix.indexKeys(NAMESPACE_INDEX, 'ns'), ['ns/a']);
    assert.throws(() => ix.addIndexer(NAMESPACE_INDEX, namespaceIndexFunc));
    assert.throws(() => ix.byIndex('nope', 'x'));
  });

  it('does not change the store when an index function throws', () => {
    const ix = new Indexer<KubeObject>({
      keyFunc: metaNamespaceKey,
      indexers: {
        bad: (x) => {
          if (x.metadata.name === 'boom') throw new Error('boom');
          return [];
        },
      },
    });
    assert.throws(() => ix.set(o('boom', 'ns')));
    assert.equal(ix.size, 0);
  });
});

describe('index functions', () => {
  it('involvedUidIndexFunc reads core/v1 involvedObject and events.k8s.io/v1 regarding', () => {
    assert.deepEqual(involvedUidIndexFunc({ metadata: {}, involvedObject: { uid: 'p1' } }), ['p1']);
    assert.deepEqual(involvedUidIndexFunc({ metadata: {}, regarding: { uid: 'p2' } }), ['p2']);
    assert.deepEqual(involvedUidIndexFunc({ metadata: {}, involvedObject: {} }), []);
    assert.deepEqual(involvedUidIndexFunc({ metadata: {} }), []);
  });

  it('ownerUidIndexFunc returns each owner uid', () => {
    assert.deepEqual(ownerUidIndexFunc(o('a', 'ns', ['x', 'y'])), ['x', 'y']);
    assert.deepEqual(ownerUidIndexFunc(o('a', 'ns')), []);
  });

  it('an informer-style INVOLVED_UID_INDEX finds events by involved uid', () => {
    const ix = new Indexer<KubeObject>({
      keyFunc: metaNamespaceKey,
      indexers: { [INVOLVED_UID_INDEX]: involvedUidIndexFunc },
    });
    ix.set({ metadata: { name: 'e1', namespace: 'ns' }, involvedObject: { uid: 'pod' } });
    ix.set({ metadata: { name: 'e2', namespace: 'ns' }, regarding: { uid: 'pod' } });
    assert.deepEqual(ix.indexKeys(INVOLVED_UID_INDEX, 'pod').sort(), ['ns/e1', 'ns/e2']);
  });
});
