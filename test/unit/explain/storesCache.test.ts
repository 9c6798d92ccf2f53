import * as assert from 'node:assert/strict';
import { Indexer } from '../../../src/core/cache/indexer';
import {
  INVOLVED_UID_INDEX,
  involvedUidIndexFunc,
  NAMESPACE_INDEX,
  namespaceIndexFunc,
  OWNER_UID_INDEX,
  ownerUidIndexFunc,
} from '../../../src/core/cache/indexers';
import { metaNamespaceKey } from '../../../src/core/cache/store';
import type { KubeObject } from '../../../src/core/cache/types';
import { explain } from '../../../src/core/explain/explain';
import { PodsByNodeIndex } from '../../../src/core/explain/podsByNode';
import { MAX_EVENTS_PER_OBJECT, StoresExplainCache } from '../../../src/core/explain/storesCache';
import { container, ev, node, NOW, obj, pod, rawEvent, replicaSet } from './builders';

function store(objs: KubeObject[], events = false): Indexer<KubeObject> {
  const s = new Indexer<KubeObject>({
    keyFunc: metaNamespaceKey,
    indexers: events
      ? { [INVOLVED_UID_INDEX]: involvedUidIndexFunc }
      : { [NAMESPACE_INDEX]: namespaceIndexFunc, [OWNER_UID_INDEX]: ownerUidIndexFunc },
  });
  for (const o of objs) s.set(o);
  return s;
}

describe('explain/StoresExplainCache (over informer stores)', () => {
  it('reads live stores: a node freeing CPU changes the explanation', () => {
    const pods = store([pod('shop', 'web-1', { containers: [container({ requests: { cpu: '2' } })] })]);
    const idx = new PodsByNodeIndex();
    const hog = pod('other', 'hog', { node: 'n1', containers: [container({ requests: { cpu: '3' } })] });
    pods.set(hog);
    idx.set(hog);
    const cache = new StoresExplainCache({
      stores: new Map([
        ['Pod', pods],
        ['Node', store([node('n1')])],
      ]),
      podsByNode: idx,
    });
    const e = ev('FailedScheduling', '0/1 nodes are available: 1 Insufficient cpu.', {
      kind: 'Pod',
      namespace: 'shop',
      name: 'web-1',
    });
    assert.match(explain(e, cache, NOW).evidence[0]!.text, /largest free allocatable is 1 CPU on n1/);
    pods.delete('other/hog');
    idx.delete('other/hog');
    const after = explain(e, cache, NOW);
    assert.ok(after.evidence.some((x) => /n1 now has 2 CPU free/.test(x.text)));
    assert.equal(after.confidence, 'partial');
  });

  it('a kind without a store is not watched: nothing is called missing', () => {
    const cache = new StoresExplainCache({
      stores: new Map([['Pod', store([pod('a', 'p', { node: 'n1' })])]]),
      podsByNode: new PodsByNodeIndex(),
    });
    assert.equal(cache.watches('ConfigMap'), false);
    const x = explain(
      ev('FailedMount', 'MountVolume.SetUp failed for volume "c" : configmap "c" not found', {
        kind: 'Pod',
        namespace: 'a',
        name: 'p',
      }),
      cache,
      NOW,
    );
    assert.ok(!x.evidence.some((e) => e.absent));
    const withStore = new StoresExplainCache({
      stores: new Map([
        ['Pod', store([pod('a', 'p')])],
        ['ConfigMap', store([obj('ConfigMap', 'b', 'c')])],
      ]),
      podsByNode: new PodsByNodeIndex(),
    });
    const y = explain(
      ev('FailedMount', 'MountVolume.SetUp failed for volume "c" : configmap "c" not found', {
        kind: 'Pod',
        namespace: 'a',
        name: 'p',
      }),
      withStore,
      NOW,
    );
    assert.deepEqual(
      y.evidence.filter((e) => e.absent).map((e) => e.ref),
      [{ kind: 'ConfigMap', namespace: 'a', name: 'c' }],
    );
  });

  it('lists by namespace and owner through the indexes, events bounded per object', () => {
    const rs = replicaSet('shop', 'web-7', 'web', '7', {}, NOW);
    const p = pod('shop', 'web-7-a', { owner: { kind: 'ReplicaSet', name: 'web-7' } });
    const many = Array.from({ length: MAX_EVENTS_PER_OBJECT + 50 }, (_, i) =>
      rawEvent(`e${i}`, ev('BackOff', 'x', { kind: 'Pod', namespace: 'shop', name: 'web-7-a' })),
    );
    const cache = new StoresExplainCache({
      stores: new Map([
        ['ReplicaSet', store([rs, replicaSet('other', 'x', 'y', '1', {}, NOW)])],
        ['Pod', store([p])],
      ]),
      events: store(many, true),
      podsByNode: new PodsByNodeIndex(),
    });
    assert.deepEqual(
      cache.list('ReplicaSet', 'shop').map((o) => o.metadata.name),
      ['web-7'],
    );
    assert.equal(cache.list('ReplicaSet').length, 2);
    assert.deepEqual(
      cache.ownedBy('Pod', rs.metadata.uid!).map((o) => o.metadata.name),
      ['web-7-a'],
    );
    assert.equal(cache.eventsAbout(p.metadata.uid!).length, MAX_EVENTS_PER_OBJECT);
    assert.equal(cache.get('Pod', 'shop', 'web-7-a'), p);
  });
});
