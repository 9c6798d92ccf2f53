import assert from 'node:assert/strict';
import { Indexer } from '../../../src/core/cache/indexer';
import {
  NAMESPACE_INDEX,
  namespaceIndexFunc,
  OWNER_UID_INDEX,
  ownerUidIndexFunc,
} from '../../../src/core/cache/indexers';
import { NamespacedItems } from '../../../src/core/cache/namespacedItems';
import { metaNamespaceKey } from '../../../src/core/cache/store';
import type { KubeObject } from '../../../src/core/cache/types';
import { mulberry32 } from '../fakes/random';

function o(name: string, namespace: string | undefined, rv = '1', owner?: string): KubeObject {
  const ownerReferences = owner ? [{ apiVersion: 'v1', kind: 'X', name: owner, uid: owner }] : [];
  return { metadata: { name, namespace, resourceVersion: rv, ownerReferences } };
}

function indexer(byNamespace: boolean): Indexer<KubeObject> {
  return new Indexer<KubeObject>({
    keyFunc: metaNamespaceKey,
    indexers: { [NAMESPACE_INDEX]: namespaceIndexFunc, [OWNER_UID_INDEX]: ownerUidIndexFunc },
    byNamespace: byNamespace ? NAMESPACE_INDEX : undefined,
  });
}

const sorted = (a: string[]) => [...a].sort();
const rvs = (a: KubeObject[]) => sorted(a.map((x) => `${metaNamespaceKey(x)}@${x.metadata.resourceVersion}`));

/** same asserts that the bucketed indexer answers every read as the flat one does. */
function same(flat: Indexer<KubeObject>, ns: Indexer<KubeObject>, keys: string[], values: string[]): void {
  assert.equal(ns.size, flat.size);
  assert.deepEqual(sorted(ns.listKeys()), sorted(flat.listKeys()));
  assert.deepEqual(rvs(ns.list()), rvs(flat.list()));
  for (const k of keys) {
    assert.equal(ns.get(k), flat.get(k), `get(${k})`);
    assert.equal(ns.has(k), flat.has(k), `has(${k})`);
  }
  assert.deepEqual(sorted(ns.indexValues(NAMESPACE_INDEX)), sorted(flat.indexValues(NAMESPACE_INDEX)));
  assert.deepEqual(sorted(ns.indexValues(OWNER_UID_INDEX)), sorted(flat.indexValues(OWNER_UID_INDEX)));
  for (const v of values) {
    assert.deepEqual(
      rvs(ns.byIndex(NAMESPACE_INDEX, v)),
      rvs(flat.byIndex(NAMESPACE_INDEX, v)),
      `byIndex ns ${v}`,
    );
    assert.deepEqual(sorted(ns.indexKeys(NAMESPACE_INDEX, v)), sorted(flat.indexKeys(NAMESPACE_INDEX, v)));
    assert.deepEqual(sorted(ns.indexKeys(OWNER_UID_INDEX, v)), sorted(flat.indexKeys(OWNER_UID_INDEX, v)));
    // Both against a scan: the index holds exactly the objects whose function gives `v`.
    const scan = flat.list().filter((x) => ownerUidIndexFunc(x).includes(v));
    assert.deepEqual(
      sorted(flat.indexKeys(OWNER_UID_INDEX, v)),
      sorted(scan.map(metaNamespaceKey)),
      `owner ${v}`,
    );
    assert.deepEqual(rvs(flat.byIndex(OWNER_UID_INDEX, v)), rvs(scan));
  }
  const owners = new Set(flat.list().flatMap((x) => ownerUidIndexFunc(x)));
  assert.deepEqual(sorted(flat.indexValues(OWNER_UID_INDEX)), sorted([...owners]));
}

describe('NamespacedItems (an Indexer kept per namespace)', () => {
  it('answers get, list, keys and the namespace index as a flat Map does', () => {
    const ix = indexer(true);
    const a = o('a', 'shop');
    const b = o('b', 'shop');
    const c = o('a', 'web');
    const node = o('node-1', undefined);
    for (const x of [a, b, c, node]) ix.set(x);
    assert.equal(ix.size, 4);
    assert.equal(ix.get('shop/a'), a);
    assert.equal(ix.get('web/a'), c);
    assert.equal(ix.get('node-1'), node);
    assert.equal(ix.get('shop/node-1'), undefined);
    assert.equal(ix.get('a'), undefined);
    assert.deepEqual(sorted(ix.listKeys()), ['node-1', 'shop/a', 'shop/b', 'web/a']);
    assert.deepEqual(sorted(ix.byIndex(NAMESPACE_INDEX, 'shop').map((x) => x.metadata.name!)), ['a', 'b']);
    assert.deepEqual(sorted(ix.indexKeys(NAMESPACE_INDEX, 'shop')), ['shop/a', 'shop/b']);
    assert.deepEqual(ix.byIndex(NAMESPACE_INDEX, ''), [], 'cluster-scoped objects have no namespace value');
    assert.deepEqual(sorted(ix.indexValues(NAMESPACE_INDEX)), ['shop', 'web']);
    assert.equal(ix.delete('shop/a'), a);
    assert.equal(ix.delete('shop/a'), undefined);
    assert.equal(ix.delete('web/a'), c);
    assert.deepEqual(ix.indexValues(NAMESPACE_INDEX), ['shop'], 'an emptied namespace is no value any more');
    ix.clear();
    assert.equal(ix.size, 0);
    assert.deepEqual(ix.list(), []);
  });

  it('rejects a second namespace indexer, as for any index name', () => {
    const ix = indexer(true);
    assert.throws(() => ix.addIndexer(NAMESPACE_INDEX, namespaceIndexFunc), /already exists/);
    assert.throws(() => ix.byIndex('nope', 'x'), /does not exist/);
  });

  it('keeps keys that do not split back (a "/" in a namespace or a cluster-scoped name) one object each', () => {
    const items = new NamespacedItems<KubeObject>();
    const slashName = o('a/b', undefined); // key "a/b", as the namespaced a/b below
    const namespaced = o('b', 'a');
    const slashNs = o('n', 'x/y'); // key "x/y/n", which splits as namespace x, name y/n
    const lookalike = o('y/n', 'x'); // the same key
    items.set(metaNamespaceKey(slashName), slashName);
    assert.equal(items.get('a/b'), slashName);
    items.set(metaNamespaceKey(namespaced), namespaced);
    assert.equal(items.size, 1, 'one key, one object');
    assert.equal(items.get('a/b'), namespaced);
    items.set(metaNamespaceKey(slashName), slashName);
    assert.equal(items.size, 1);
    assert.equal(items.get('a/b'), slashName);
    items.set(metaNamespaceKey(slashNs), slashNs);
    assert.equal(items.get('x/y/n'), slashNs);
    assert.deepEqual(items.inNamespace('x/y'), [slashNs]);
    assert.deepEqual(sorted(items.namespaces()), ['x/y']);
    items.set(metaNamespaceKey(lookalike), lookalike);
    assert.equal(items.size, 2);
    assert.equal(items.get('x/y/n'), lookalike);
    assert.deepEqual(items.inNamespace('x/y'), []);
    assert.deepEqual(sorted([...items.keys()]), ['a/b', 'x/y/n']);
    assert.equal(items.delete('x/y/n'), true);
    assert.equal(items.delete('a/b'), true);
    assert.equal(items.size, 0);
    assert.deepEqual(items.namespaces(), []);
  });

  it('matches a flat Indexer over random adds, updates and deletes (hostile names included)', () => {
    const next = mulberry32(12);
    const names = ['a', 'b', 'c', 'a/b', 'y/n', 'n', ''];
    const namespaces = [undefined, '', 'shop', 'web', 'a', 'x', 'x/y'];
    const owners = [undefined, 'u1', 'u2'];
    const pick = <T>(a: readonly T[]) => a[Math.floor(next() * a.length)]!;
    const flat = indexer(false);
    const ns = indexer(true);
    const keys = new Set<string>(['', 'nope', 'shop/nope']);
    for (let step = 0; step < 3000; step++) {
      if (next() < 0.7) {
        const x = o(pick(names), pick(namespaces), String(step), pick(owners));
        keys.add(metaNamespaceKey(x));
        assert.equal(ns.set(x), flat.set(x), `set at step ${step}`);
      } else {
        const k = pick([...keys]);
        assert.equal(ns.delete(k), flat.delete(k), `delete ${k} at step ${step}`);
      }
      if (step % 50 === 0) same(flat, ns, [...keys], ['', 'shop', 'web', 'a', 'x', 'x/y', 'u1', 'u2']);
    }
    same(flat, ns, [...keys], ['', 'shop', 'web', 'a', 'x', 'x/y', 'u1', 'u2']);
  });
});
