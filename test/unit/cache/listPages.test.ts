import assert from 'node:assert/strict';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { ApiError } from '../../../src/core/cache/errors';
import { listAll } from '../../../src/core/cache/lister';
import type { KubeObject, ListerWatcher, ListOptions, ListPage } from '../../../src/core/cache/types';
import { settle } from '../fakes/fakeClock';
import { obj, page } from '../fakes/fakeListerWatcher';
import { harness, storeSnapshot } from './harness';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

/** slim is a transform that drops everything but the metadata (a stand-in for the real ones). */
const slim = (o: KubeObject): KubeObject => ({ metadata: { ...o.metadata }, slim: true });

/** rawPod is a listed object with a large field the transform drops. */
function rawPod(name: string, rv: string): KubeObject {
  return { metadata: { name, namespace: 'default', resourceVersion: rv }, spec: { big: 'x'.repeat(1000) } };
}

describe('LIST page by page: each page is transformed as it arrives', () => {
  it('the informer transforms page 1 before it asks for page 2, and replaces the store only after the last page', async () => {
    const trace: string[] = [];
    const transform = (o: KubeObject) => {
      trace.push(`transform ${o.metadata.name}`);
      return slim(o);
    };
    const { lw, informer } = harness({ pageSize: 2, transform });
    let cachedAtPage2 = -1;
    lw.queueList(
      (o) => (trace.push(`list ${o.continue ?? 'first'}`), page([obj('a', '5'), obj('b', '6')], '10', 'c1')),
      (o) => {
        trace.push(`list ${o.continue ?? 'first'}`);
        cachedAtPage2 = informer.store.size;
        return page([obj('c', '7')], '11');
      },
    );
    informer.start();
    await settle();
    assert.deepEqual(trace, ['list first', 'transform a', 'transform b', 'list c1', 'transform c']);
    assert.equal(cachedAtPage2, 0, 'nothing reaches the store before the whole list');
    assert.deepEqual(storeSnapshot(informer), { 'default/a': '5', 'default/b': '6', 'default/c': '7' });
    assert.equal(informer.store.get('default/a')?.slim, true);
    assert.equal(informer.lastSyncResourceVersion(), '11', "the list's resourceVersion is the last page's");
    informer.stop();
  });

  it('calls the transform once per object: listed, watched (not again in the store)', async () => {
    let calls = 0;
    const { lw, informer } = harness({ pageSize: 2, transform: (o) => (calls++, slim(o)) });
    lw.queueList(page([obj('a', '5'), obj('b', '6')], '10', 'c1'), page([obj('c', '7')], '10'));
    informer.start();
    await settle();
    assert.equal(calls, 3);
    lw.watches[0]!.push({ type: 'ADDED', object: obj('d', '12') });
    lw.watches[0]!.push({ type: 'BOOKMARK', object: obj('', '13') });
    await settle();
    assert.equal(calls, 4, 'a bookmark is not transformed');
    assert.equal(informer.store.get('default/d')?.slim, true);
    informer.stop();
  });

  it("a page's raw items are unreachable (collected) before the next page is requested", async () => {
    const raw: WeakRef<object>[] = [];
    let aliveAtPage2 = -1;
    let call = 0;
    // A source that ignores the transform (as a wrapper may): listAll applies it per page.
    const lw: ListerWatcher<KubeObject> = {
      async list(_o: ListOptions): Promise<ListPage<KubeObject>> {
        call++;
        if (call === 1) {
          const items = [rawPod('a', '1'), rawPod('b', '2')];
          for (const i of items) raw.push(new WeakRef(i));
          return { items, resourceVersion: '9', continue: 'c1' };
        }
        await new Promise((r) => setImmediate(r)); // a new task: WeakRefs may be cleared
        gc();
        aliveAtPage2 = raw.filter((r) => r.deref() !== undefined).length;
        return { items: [rawPod('c', '3')], resourceVersion: '9' };
      },
      watch: () => ({ [Symbol.asyncIterator]: () => ({ next: () => new Promise(() => {}) }) }),
    };
    const result = await listAll({
      listerWatcher: lw,
      resourceVersion: '0',
      limit: 2,
      signal: new AbortController().signal,
      transform: slim,
    });
    assert.equal(raw.length, 2);
    assert.equal(aliveAtPage2, 0, 'raw items of page 1 still referenced while page 2 was read');
    assert.deepEqual(
      result.items.map((i) => [i.metadata.name, i.slim, i.spec]),
      [
        ['a', true, undefined],
        ['b', true, undefined],
        ['c', true, undefined],
      ],
    );
    assert.equal(result.resourceVersion, '9');
  });

  it('does not transform again a page the source already transformed', async () => {
    let calls = 0;
    const transform = (o: KubeObject) => (calls++, slim(o));
    const lw: ListerWatcher<KubeObject> = {
      list: async (_o, _s, each) => ({
        items: [rawPod('a', '1'), rawPod('b', '2')].map((i) => each!(i)),
        resourceVersion: '4',
        transformed: true,
      }),
      watch: () => ({ [Symbol.asyncIterator]: () => ({ next: () => new Promise(() => {}) }) }),
    };
    const result = await listAll({
      listerWatcher: lw,
      resourceVersion: '0',
      limit: 500,
      signal: new AbortController().signal,
      transform,
    });
    assert.equal(calls, 2);
    assert.equal(result.items.length, 2);
  });

  it('410 on a continue page: earlier pages are dropped, the whole list is read again and transformed', async () => {
    const seen: string[] = [];
    const { lw, informer, log } = harness({
      pageSize: 2,
      transform: (o) => (seen.push(o.metadata.name!), slim(o)),
    });
    lw.queueList(
      page([obj('a', '5'), obj('b', '6')], '10', 'c1'),
      new ApiError(410, 'Expired', 'The provided continue parameter is too old'),
      (o) => {
        assert.deepEqual(
          o,
          { resourceVersion: '0' },
          'the whole list, no limit, at the same resourceVersion',
        );
        return page([obj('a', '5'), obj('c', '8')], '12');
      },
    );
    informer.start();
    await settle();
    assert.deepEqual(seen, ['a', 'b', 'a', 'c']);
    assert.deepEqual(storeSnapshot(informer), { 'default/a': '5', 'default/c': '8' });
    assert.deepEqual(
      log,
      ['add default/a 5 initial', 'add default/c 8 initial'],
      'b of the dropped page never cached',
    );
    assert.equal(informer.lastSyncResourceVersion(), '12');
    informer.stop();
  });

  it('a watch-list holds its initial objects transformed', async () => {
    const { lw, informer } = harness({ useWatchList: true, transform: slim });
    informer.start();
    await settle();
    const w = lw.watches[0]!;
    w.push({ type: 'ADDED', object: rawPod('a', '3') });
    w.push({
      type: 'BOOKMARK',
      object: { metadata: { resourceVersion: '4', annotations: { 'k8s.io/initial-events-end': 'true' } } },
    });
    await settle();
    const a = informer.store.get('default/a');
    assert.equal(a?.slim, true);
    assert.equal(a?.spec, undefined);
    informer.stop();
  });
});
