import * as assert from 'node:assert/strict';
import {
  MAX_KEY_PREFIXES,
  metaNamespaceKey,
  namespacePrefix,
  splitMetaNamespaceKey,
} from '../../../src/core/cache/store';

describe('metaNamespaceKey', () => {
  it('is namespace/name for namespaced objects and name for cluster-scoped ones', () => {
    assert.equal(metaNamespaceKey({ metadata: { namespace: 'shop', name: 'web' } }), 'shop/web');
    assert.equal(metaNamespaceKey({ metadata: { name: 'node-1' } }), 'node-1');
    assert.equal(metaNamespaceKey({ metadata: { namespace: '', name: 'x' } }), 'x');
    assert.equal(metaNamespaceKey({ metadata: { namespace: 'shop' } }), 'shop/');
    assert.deepEqual(splitMetaNamespaceKey(metaNamespaceKey({ metadata: { namespace: 'a', name: 'b' } })), {
      namespace: 'a',
      name: 'b',
    });
  });

  it(`remembers at most ${MAX_KEY_PREFIXES} namespace prefixes and stays right past them`, () => {
    for (let i = 0; i < MAX_KEY_PREFIXES * 2 + 5; i++) {
      assert.equal(namespacePrefix(`ns-${i}`), `ns-${i}/`);
      assert.equal(metaNamespaceKey({ metadata: { namespace: `ns-${i}`, name: 'n' } }), `ns-${i}/n`);
    }
    assert.equal(namespacePrefix('ns-0'), 'ns-0/');
  });
});
