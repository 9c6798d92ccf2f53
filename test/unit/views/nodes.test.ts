import * as assert from 'node:assert/strict';
import { NODES, PODS } from '../../../src/core/kinds';
import { NodeCache } from '../../../src/host/views/nodes';

describe('views/nodes NodeCache', () => {
  it('interns object nodes: a listing and a single lookup give the same node', () => {
    const cache = new NodeCache();
    const pods = cache.kind('ctx', 'shop', PODS);
    const [a, b] = cache.objects(pods, ['a', 'b']);
    assert.equal(a!.parent, pods);
    assert.deepEqual([a!.name, a!.namespace, a!.context, a!.kind], ['a', 'shop', 'ctx', PODS]);
    assert.equal(cache.object('ctx', PODS, 'shop', 'b'), b);
    assert.equal(cache.peekObject('ctx', PODS, 'shop', 'a'), a);
    assert.equal(cache.get(a!.id), a);
    assert.deepEqual(cache.objects(pods, ['a', 'b']), [a, b], 'same nodes on the next listing');
    // Same name elsewhere: another node.
    assert.notEqual(cache.object('ctx', PODS, 'other', 'a'), a);
    assert.notEqual(cache.object('ctx2', PODS, 'shop', 'a').id, a!.id);
    // A node made by object() first is the one the listing returns.
    const c = cache.object('ctx', PODS, 'shop', 'c');
    assert.equal(cache.objects(pods, ['a', 'b', 'c'])[2], c);
  });

  it('forgets the nodes of objects no longer listed, and of a forgotten context', () => {
    const cache = new NodeCache();
    const pods = cache.kind('ctx', 'shop', PODS);
    const [a, b] = cache.objects(pods, ['a', 'b', 'c']);
    const [a2, b2] = cache.objects(pods, ['a', 'b']);
    assert.equal(a2, a);
    assert.equal(b2, b);
    assert.equal(cache.peekObject('ctx', PODS, 'shop', 'c'), undefined);
    assert.equal(cache.get(['o', 'ctx', 'shop', 'pods', '', 'c'].join('\u0000')), undefined);
    cache.forgetContext('ctx');
    assert.equal(cache.peekObject('ctx', PODS, 'shop', 'a'), undefined);
    assert.equal(cache.get(a!.id), undefined);
    assert.notEqual(cache.object('ctx', PODS, 'shop', 'a'), a, 'a new node after the context was forgotten');
  });

  it('puts cluster-scoped objects under the context, whatever namespace is passed', () => {
    const cache = new NodeCache();
    const n = cache.object('ctx', NODES, undefined, 'node-1');
    assert.equal(n.parent, cache.kind('ctx', undefined, NODES));
    assert.equal(n.parent!.parent, cache.context('ctx'));
    assert.equal(cache.object('ctx', NODES, 'ignored', 'node-1'), n);
  });
});
