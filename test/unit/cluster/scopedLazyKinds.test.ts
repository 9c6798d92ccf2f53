import * as assert from 'node:assert/strict';
import { isDeletedFinalStateUnknown } from '../../../src/core/cache/deltas';
import { ApiError } from '../../../src/core/cache/errors';
import type { KubeObject } from '../../../src/core/cache/types';
import { ClusterSession } from '../../../src/core/cluster/clusterSession';
import { CARRY_MAX_MS } from '../../../src/core/cluster/kindWatch';
import { kindId, NAMESPACES, type ResourceKind } from '../../../src/core/kinds';
import { FakeClock, settle } from '../fakes/fakeClock';
import { FakeListerWatcher, page } from '../fakes/fakeListerWatcher';

const CONFIG_MAPS: ResourceKind = {
  group: '',
  version: 'v1',
  kind: 'ConfigMap',
  plural: 'configmaps',
  namespaced: true,
  shortNames: ['cm'],
};
const IDLE_MS = 60_000;

function cm(name: string, namespace: string, rv = '1'): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace, resourceVersion: rv, uid: `${namespace}-${name}` },
  };
}

function ns(name: string): KubeObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, resourceVersion: '1' } };
}

function forbidden(where: string): ApiError {
  return new ApiError(403, 'Forbidden', `configmaps is forbidden: User "jane" cannot list ${where}`);
}

/**
 * Harness: a session (Namespaces eager) over FakeListerWatchers, one per (kind, namespace); the
 * ConfigMaps of `objects` are listed by the source of their namespace, and all of them by the
 * cluster-wide source.
 */
class Harness {
  readonly clock = new FakeClock();
  readonly lws = new Map<string, FakeListerWatcher>();
  objects: KubeObject[] = [cm('a', 'shop'), cm('b', 'shop'), cm('c', 'prod'), cm('d', 'dev'), cm('e', 'dev')];
  /** Namespaces whose LIST is forbidden ('' : cluster-wide). */
  readonly denied = new Set<string>();
  /** Namespaces whose LIST waits for release(ns). */
  readonly held = new Map<string, () => void>();
  readonly allowed = new Set<string>();
  readonly session: ClusterSession;
  readonly calls: string[] = [];

  constructor() {
    this.session = new ClusterSession({
      contextName: 'ctx',
      kinds: [NAMESPACES],
      listerWatcherFactory: (kind, namespace) => this.lw(kind, namespace),
      accessReviewer: { canList: async (k, n) => this.allowed.has(`${k.plural}/${n}`) },
      clock: this.clock,
      lazyIdleMs: IDLE_MS,
    });
  }

  lw(kind: ResourceKind, namespace?: string): FakeListerWatcher {
    const key = `${kindId(kind)}|${namespace ?? ''}`;
    let lw = this.lws.get(key);
    if (lw) return lw;
    lw = new FakeListerWatcher();
    this.lws.set(key, lw);
    if (kind === NAMESPACES) lw.listHandler = () => page([ns('shop'), ns('prod'), ns('dev')], '5');
    else {
      const scope = namespace ?? '';
      lw.listHandler = () => {
        if (this.denied.has(scope)) return forbidden(scope || 'cluster-wide');
        const items = this.objects.filter((o) => !namespace || o.metadata.namespace === namespace);
        const answer = page(items, '10');
        if (!this.held.has(scope)) return answer;
        return new Promise((resolve) => this.held.set(scope, () => resolve(answer)));
      };
    }
    return lw;
  }

  /** sources lists the ConfigMap sources made so far: namespaces, '*' for cluster-wide. */
  sources(): string[] {
    return [...this.lws.keys()]
      .filter((k) => k.startsWith(`${kindId(CONFIG_MAPS)}|`))
      .map((k) => k.split('|')[1] || '*')
      .sort();
  }

  /** live lists the sources whose latest watch is open (not aborted). */
  live(): string[] {
    return this.sources().filter((s) => {
      const w = this.lw(CONFIG_MAPS, s === '*' ? undefined : s).lastWatch;
      return w !== undefined && !w.aborted;
    });
  }

  async start(): Promise<ClusterSession> {
    this.session.start();
    await settle(30);
    return this.session;
  }

  /**
   * record follows the kind's handler calls into `calls`: not the replay of the cache at
   * subscription, but every later add (a namespace informer's first list included).
   */
  record(): void {
    let replay = true;
    this.session.addLazyEventHandler(CONFIG_MAPS, {
      onAdd: (o) => (replay ? undefined : this.calls.push(`add ${o.metadata.name}`)),
      onUpdate: (_o, n) => this.calls.push(`update ${n.metadata.name}`),
      onDelete: (o) =>
        this.calls.push(`delete ${(isDeletedFinalStateUnknown<KubeObject>(o) ? o.obj : o).metadata.name}`),
    });
    replay = false;
  }

  keys(namespace?: string): string[] {
    return (this.session.storeOf(CONFIG_MAPS, namespace)?.listKeys() ?? []).sort();
  }
}

describe('cluster: lazy kinds leased per namespace', () => {
  it('a kind leased in one namespace lists and watches that namespace only', async () => {
    const h = new Harness();
    const s = await h.start();
    const lease = s.acquire(CONFIG_MAPS, 'shop');
    await settle(30);
    assert.deepEqual(h.sources(), ['shop'], 'no cluster-wide LIST');
    assert.deepEqual(h.live(), ['shop']);
    assert.deepEqual(h.keys('shop'), ['shop/a', 'shop/b']);
    assert.equal(s.kindStatusOf(CONFIG_MAPS, 'shop').phase, 'synced');
    // Other scopes are not watched: their nodes must not look "synced and empty".
    assert.equal(s.kindStatusOf(CONFIG_MAPS, 'prod').phase, 'idle');
    assert.equal(s.kindStatusOf(CONFIG_MAPS).phase, 'idle');
    assert.equal(s.storeOf(CONFIG_MAPS, 'prod'), undefined);
    assert.deepEqual(s.lazyScopes(CONFIG_MAPS), ['shop']);
    lease.dispose();
    s.stop();
  });

  it('two namespaces leased run two scoped watches; a cluster-wide lease then a scoped one share one watch', async () => {
    const h = new Harness();
    const s = await h.start();
    s.acquire(CONFIG_MAPS, 'shop');
    s.acquire(CONFIG_MAPS, 'prod');
    await settle(30);
    assert.deepEqual(h.live(), ['prod', 'shop']);
    assert.deepEqual(h.keys(), ['prod/c', 'shop/a', 'shop/b']);
    s.stop();

    const h2 = new Harness();
    const s2 = await h2.start();
    s2.acquire(CONFIG_MAPS);
    await settle(30);
    s2.acquire(CONFIG_MAPS, 'shop');
    await settle(30);
    assert.deepEqual(h2.sources(), ['*'], 'the scoped lease rides on the cluster-wide watch');
    assert.equal(s2.kindStatusOf(CONFIG_MAPS, 'shop').phase, 'synced');
    assert.equal(s2.kindStatusOf(CONFIG_MAPS, 'dev').phase, 'synced', 'covered by the cluster-wide lease');
    assert.equal(h2.lw(CONFIG_MAPS).lists.length, 1);
    s2.stop();
  });

  it('a cluster-wide lease joining scoped ones syncs quietly, then replaces their watches, announcing only the difference', async () => {
    const h = new Harness();
    const s = await h.start();
    s.acquire(CONFIG_MAPS, 'shop');
    await settle(30);
    h.record();
    h.held.set('', () => {});
    s.acquire(CONFIG_MAPS);
    await settle(30);
    assert.equal(s.kindStatusOf(CONFIG_MAPS).phase, 'connecting');
    assert.equal(s.kindStatusOf(CONFIG_MAPS, 'shop').phase, 'synced', 'the namespace keeps serving');
    assert.deepEqual(h.calls, []);
    h.held.get('')!();
    await settle(30);
    assert.deepEqual(h.live(), ['*'], 'no duplicate watch once cluster-wide runs');
    assert.deepEqual(h.calls.sort(), ['add c', 'add d', 'add e']);
    assert.equal(s.kindStatusOf(CONFIG_MAPS).phase, 'synced');
    s.stop();
  });

  it('releasing the cluster-wide lease keeps the scoped objects without delete+add churn', async () => {
    const h = new Harness();
    const s = await h.start();
    const wide = s.acquire(CONFIG_MAPS);
    s.acquire(CONFIG_MAPS, 'shop');
    await settle(30);
    assert.deepEqual(h.sources(), ['*']);
    h.record();
    const statuses: string[] = [];
    s.onDidChangeLazyKind(() => statuses.push(s.kindStatusOf(CONFIG_MAPS, 'shop').phase));
    wide.dispose();
    h.clock.advance(IDLE_MS - 1);
    await settle(30);
    assert.deepEqual(h.sources(), ['*'], 'the cluster-wide scope idles first');
    // shop/b changed meanwhile: the namespace's list sees the new version.
    h.objects = h.objects.map((o) => (o.metadata.name === 'b' ? cm('b', 'shop', '2') : o));
    h.held.set('shop', () => {});
    h.clock.advance(1);
    await settle(30);
    assert.deepEqual(h.sources(), ['*', 'shop']);
    assert.deepEqual(h.calls, [], 'nothing announced while the namespace syncs');
    assert.deepEqual(
      h.keys(),
      ['dev/d', 'dev/e', 'prod/c', 'shop/a', 'shop/b'],
      'the old cache still serves',
    );
    assert.equal(s.kindStatusOf(CONFIG_MAPS, 'shop').phase, 'synced', 'no Loading in between');
    // The cluster-wide watch still runs and is heard until the switch.
    h.lw(CONFIG_MAPS).lastWatch!.push({ type: 'ADDED', object: cm('f', 'prod', '11') });
    await settle(30);
    assert.deepEqual(h.calls, ['add f']);
    h.held.get('shop')!();
    await settle(30);
    assert.deepEqual(h.live(), ['shop'], 'the cluster-wide watch stopped');
    assert.deepEqual(h.keys(), ['shop/a', 'shop/b']);
    assert.deepEqual(h.calls.sort(), ['add f', 'delete c', 'delete d', 'delete e', 'delete f', 'update b']);
    assert.ok(!statuses.includes('connecting') && !statuses.includes('idle'), statuses.join(' '));
    assert.equal(s.kindStatusOf(CONFIG_MAPS).phase, 'idle');
    s.stop();
  });

  it('a narrowing whose namespace never syncs switches after CARRY_MAX_MS', async () => {
    const h = new Harness();
    const s = await h.start();
    const wide = s.acquire(CONFIG_MAPS);
    s.acquire(CONFIG_MAPS, 'shop');
    await settle(30);
    h.record();
    h.held.set('shop', () => {});
    wide.dispose();
    h.clock.advance(IDLE_MS);
    await settle(30);
    h.clock.advance(CARRY_MAX_MS - 1);
    await settle(10);
    assert.equal(h.keys().length, 5);
    h.clock.advance(1);
    await settle(10);
    assert.deepEqual(h.keys(), []);
    assert.deepEqual(h.calls.sort(), ['delete a', 'delete b', 'delete c', 'delete d', 'delete e']);
    assert.equal(s.kindStatusOf(CONFIG_MAPS, 'shop').phase, 'connecting');
    s.stop();
  });

  it('a namespace that syncs is announced while another still lists', async () => {
    const h = new Harness();
    const s = await h.start();
    h.held.set('prod', () => {});
    const seen: string[] = [];
    s.onDidChangeLazyKind((c) => {
      if (c.type === 'status') seen.push(`shop ${s.kindStatusOf(CONFIG_MAPS, 'shop').phase}`);
    });
    s.acquire(CONFIG_MAPS, 'prod');
    s.acquire(CONFIG_MAPS, 'shop');
    await settle(30);
    assert.equal(s.kindStatusOf(CONFIG_MAPS, 'prod').phase, 'connecting');
    assert.equal(s.kindStatusOf(CONFIG_MAPS, 'shop').phase, 'synced');
    assert.equal(seen.at(-1), 'shop synced', 'the tree hears that shop is ready');
    s.stop();
  });

  it('widening again before a narrowing finished keeps the cluster-wide watch, with no churn', async () => {
    const h = new Harness();
    const s = await h.start();
    const wide = s.acquire(CONFIG_MAPS);
    s.acquire(CONFIG_MAPS, 'shop');
    await settle(30);
    h.record();
    h.held.set('shop', () => {});
    wide.dispose();
    h.clock.advance(IDLE_MS);
    await settle(30);
    assert.deepEqual(h.sources(), ['*', 'shop'], 'narrowing: shop is listing');
    s.acquire(CONFIG_MAPS);
    await settle(30);
    assert.deepEqual(h.live(), ['*'], 'the cluster-wide watch goes on; shop stops');
    assert.equal(h.lw(CONFIG_MAPS).lists.length, 1, 'no relist');
    assert.deepEqual(h.calls, []);
    assert.equal(h.keys().length, 5);
    h.lw(CONFIG_MAPS).lastWatch!.push({ type: 'ADDED', object: cm('f', 'dev', '11') });
    await settle(30);
    assert.deepEqual(h.calls, ['add f']);
    s.stop();
  });

  it('a namespace scope stops idleMs after its last lease; the kind stops with its last scope', async () => {
    const h = new Harness();
    const s = await h.start();
    const shop = s.acquire(CONFIG_MAPS, 'shop');
    const prod = s.acquire(CONFIG_MAPS, 'prod');
    const prod2 = s.acquire(CONFIG_MAPS, 'prod');
    await settle(30);
    h.record();
    const scopes: string[] = [];
    s.onDidChangeLazyKind((c) => c.type === 'scope' && scopes.push(c.namespace ?? '*'));
    prod.dispose();
    prod.dispose();
    h.clock.advance(IDLE_MS);
    await settle(10);
    assert.deepEqual(h.live(), ['prod', 'shop'], 'a second lease of prod still holds it');
    prod2.dispose();
    h.clock.advance(IDLE_MS - 1);
    await settle(10);
    assert.deepEqual(h.live(), ['prod', 'shop'], 'kept during the idle delay');
    h.clock.advance(1);
    await settle(10);
    assert.deepEqual(h.live(), ['shop']);
    assert.deepEqual(h.calls, ['delete c']);
    assert.deepEqual(scopes, ['prod']);
    assert.equal(s.kindStatusOf(CONFIG_MAPS, 'prod').phase, 'idle');
    assert.equal(s.kindStatusOf(CONFIG_MAPS, 'shop').phase, 'synced');
    // Re-acquired during its idle delay, a scope does not relist.
    shop.dispose();
    h.clock.advance(IDLE_MS - 1);
    const again = s.acquire(CONFIG_MAPS, 'shop');
    h.clock.advance(IDLE_MS);
    await settle(10);
    assert.equal(h.lw(CONFIG_MAPS, 'shop').lists.length, 1);
    again.dispose();
    h.clock.advance(IDLE_MS);
    await settle(10);
    assert.deepEqual(h.live(), []);
    assert.equal(s.storeOf(CONFIG_MAPS), undefined, 'the kind stopped');
    s.stop();
  });

  it('a namespace the user may list works directly while cluster-wide is forbidden; status is per namespace', async () => {
    const h = new Harness();
    h.denied.add('');
    h.denied.add('prod');
    const s = await h.start();
    s.acquire(CONFIG_MAPS, 'shop');
    s.acquire(CONFIG_MAPS, 'prod');
    await settle(30);
    assert.deepEqual(h.sources(), ['prod', 'shop'], 'cluster-wide never asked');
    assert.equal(s.kindStatusOf(CONFIG_MAPS, 'shop').phase, 'synced');
    assert.equal(s.kindStatusOf(CONFIG_MAPS, 'prod').phase, 'forbidden');
    assert.deepEqual(h.keys('shop'), ['shop/a', 'shop/b']);
    // A cluster-wide lease on top: forbidden, so allowed namespaces join; shop keeps serving.
    h.record();
    h.allowed.add('configmaps/dev');
    const wide = s.acquire(CONFIG_MAPS);
    await settle(50);
    assert.deepEqual(h.calls.sort(), ['add d', 'add e'], 'shop is not re-announced');
    assert.equal(s.kindStatusOf(CONFIG_MAPS, 'shop').phase, 'synced');
    assert.deepEqual(s.kindStatusOf(CONFIG_MAPS), {
      phase: 'synced',
      objectCount: 4,
      namespaces: ['default', 'dev', 'shop'], // the context's namespace is always tried
    });
    // Back to the scopes: dev leaves (its objects deleted), shop stays without churn.
    wide.dispose();
    h.clock.advance(IDLE_MS);
    await settle(30);
    assert.deepEqual(h.calls.sort(), ['add d', 'add e', 'delete d', 'delete e']);
    assert.deepEqual(h.live(), ['shop']);
    assert.equal(s.kindStatusOf(CONFIG_MAPS, 'prod').phase, 'forbidden');
    s.stop();
  });
});
