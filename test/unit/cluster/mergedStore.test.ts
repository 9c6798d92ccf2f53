import * as assert from 'node:assert/strict';
import { Indexer } from '../../../src/core/cache/indexer';
import { NAMESPACE_INDEX, namespaceIndexFunc } from '../../../src/core/cache/indexers';
import { metaNamespaceKey } from '../../../src/core/cache/store';
import type { KubeObject } from '../../../src/core/cache/types';
import { createLimiter } from '../../../src/core/cluster/limiter';
import { ALL_NAMESPACES, MergedStore } from '../../../src/core/cluster/mergedStore';

function indexer(...objs: KubeObject[]): Indexer<KubeObject> {
  const i = new Indexer<KubeObject>({
    keyFunc: metaNamespaceKey,
    indexers: { [NAMESPACE_INDEX]: namespaceIndexFunc },
  });
  for (const o of objs) i.set(o);
  return i;
}

const o = (ns: string, name: string): KubeObject => ({
  metadata: { namespace: ns, name, resourceVersion: '1' },
});

describe('MergedStore', () => {
  it('routes keys to their namespace part and concatenates lists', () => {
    const m = new MergedStore<KubeObject>();
    m.setPart('a', indexer(o('a', 'x'), o('a', 'y')));
    m.setPart('b', indexer(o('b', 'x')));
    assert.equal(m.size, 3);
    assert.equal(m.get('b/x')!.metadata.namespace, 'b');
    assert.equal(m.get('c/x'), undefined);
    assert.deepEqual(m.listKeys().sort(), ['a/x', 'a/y', 'b/x']);
    assert.deepEqual(m.byIndex(NAMESPACE_INDEX, 'a').length, 2);
    assert.deepEqual(m.indexValues(NAMESPACE_INDEX).sort(), ['a', 'b']);
    m.deletePart('a');
    assert.deepEqual(m.listKeys(), ['b/x']);
    m.deletePart('b');
    m.setPart(ALL_NAMESPACES, indexer(o('q', 'z')));
    assert.equal(m.get('q/z')!.metadata.name, 'z');
  });
});

describe('createLimiter', () => {
  it('runs at most N tasks at once, in order', async () => {
    const limit = createLimiter(2);
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    await Promise.all(
      [1, 2, 3, 4, 5].map((n) =>
        limit(async () => {
          running++;
          peak = Math.max(peak, running);
          await new Promise((r) => setTimeout(r, 5));
          order.push(n);
          running--;
          if (n === 3) throw new Error('x');
          return n;
        }).catch(() => -1),
      ),
    );
    assert.equal(peak, 2);
    assert.deepEqual(order, [1, 2, 3, 4, 5]);
  });
});
