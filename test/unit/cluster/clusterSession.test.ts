import * as assert from 'node:assert/strict';
import { isDeletedFinalStateUnknown } from '../../../src/core/cache/deltas';
import { ApiError } from '../../../src/core/cache/errors';
import type { KubeObject } from '../../../src/core/cache/types';
import { ClusterSession } from '../../../src/core/cluster/clusterSession';
import { CARRY_MAX_MS } from '../../../src/core/cluster/kindWatch';
import type { ContextStatus } from '../../../src/core/cluster/status';
import { EVENTS, kindId, NAMESPACES, NODES, PODS, type ResourceKind } from '../../../src/core/kinds';
import { FakeClock, settle } from '../fakes/fakeClock';
import { connectionError, FakeListerWatcher, page } from '../fakes/fakeListerWatcher';

function forbidden(what: string): ApiError {
  return new ApiError(403, 'Forbidden', `${what} is forbidden: User "jane" cannot list resource "${what}"`);
}

function ns(name: string, rv = '1'): KubeObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, resourceVersion: rv } };
}

function pod(name: string, namespace: string, rv = '1'): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, resourceVersion: rv, uid: `${namespace}-${name}` },
  };
}

/** Harness builds a session over FakeListerWatchers, one per (kind, namespace). */
class Harness {
  readonly clock = new FakeClock();
  readonly lws = new Map<string, FakeListerWatcher>();
  readonly reviews: string[] = [];
  allowed = new Set<string>();
  disposedOwned = 0;
  statuses: ContextStatus[] = [];
  handlers: Record<string, (lw: FakeListerWatcher) => void> = {};

  lw(kind: ResourceKind, namespace?: string): FakeListerWatcher {
    const key = `${kindId(kind)}|${namespace ?? ''}`;
    let lw = this.lws.get(key);
    if (!lw) {
      lw = new FakeListerWatcher();
      this.lws.set(key, lw);
      this.handlers[key]?.(lw);
    }
    return lw;
  }

  /** script sets how the (kind, namespace) source answers lists, before or after creation. */
  script(kind: ResourceKind, namespace: string | undefined, answer: (lw: FakeListerWatcher) => void): void {
    this.handlers[`${kindId(kind)}|${namespace ?? ''}`] = answer;
  }

  session(
    kinds: ResourceKind[],
    extra: { namespaces?: string[]; defaultNamespace?: string } = {},
  ): ClusterSession {
    const s = new ClusterSession({
      contextName: 'ctx',
      kinds,
      ...extra,
      listerWatcherFactory: (kind, namespace) => this.lw(kind, namespace),
      accessReviewer: {
        canList: async (kind, namespace) => {
          this.reviews.push(`${kind.plural}/${namespace}`);
          return this.allowed.has(`${kind.plural}/${namespace}`);
        },
      },
      clock: this.clock,
      owned: { dispose: () => this.disposedOwned++ },
    });
    s.onDidChangeStatus((st) => this.statuses.push(st));
    return s;
  }
}

describe('ClusterSession', () => {
  it('syncs every kind cluster-wide and reports the object count', async () => {
    const h = new Harness();
    h.script(NAMESPACES, undefined, (lw) => (lw.listHandler = () => page([ns('a'), ns('b')], '10')));
    h.script(PODS, undefined, (lw) => (lw.listHandler = () => page([pod('p1', 'a'), pod('p2', 'b')], '20')));
    const s = h.session([NAMESPACES, PODS]);
    const seen: string[] = [];
    s.addEventHandler(PODS, {
      onAdd: (o) => seen.push(o.metadata.name!),
      onDelete: (o) => seen.push(`-${(o as KubeObject).metadata?.name}`),
    });
    s.start();
    assert.equal(s.status.phase, 'connecting');
    await settle();
    assert.deepEqual(s.status, { phase: 'synced', objectCount: 4, partial: false });
    assert.deepEqual(s.store(PODS).listKeys().sort(), ['a/p1', 'b/p2']);
    assert.equal(s.watchedNamespaces(PODS), undefined);
    assert.deepEqual(seen.sort(), ['p1', 'p2']);
    h.lw(PODS).lastWatch!.push({ type: 'DELETED', object: pod('p1', 'a', '21') });
    await settle();
    assert.ok(seen.includes('-p1'));
    assert.equal(s.store(PODS).size, 1);
    // A late handler gets the cache replayed.
    const late: string[] = [];
    s.addEventHandler(PODS, { onAdd: (o, initial) => late.push(`${o.metadata.name}:${initial}`) });
    assert.deepEqual(late, ['p2:true']);
    s.stop();
    assert.equal(h.disposedOwned, 1);
    assert.deepEqual(s.status, { phase: 'disconnected' });
    assert.ok(h.lw(PODS).lastWatch!.aborted);
  });

  it('falls back to the namespaces the user may list after a cluster-wide 403', async () => {
    const h = new Harness();
    h.script(
      NAMESPACES,
      undefined,
      (lw) => (lw.listHandler = () => page([ns('team'), ns('a'), ns('b'), ns('c')], '10')),
    );
    h.script(PODS, undefined, (lw) => (lw.listHandler = () => forbidden('pods')));
    h.script(PODS, 'team', (lw) => (lw.listHandler = () => forbidden('pods')));
    h.script(PODS, 'a', (lw) => (lw.listHandler = () => page([pod('p1', 'a')], '30')));
    h.script(PODS, 'b', (lw) => (lw.listHandler = () => page([pod('p2', 'b')], '31')));
    h.allowed = new Set(['pods/a', 'pods/b']);
    const s = h.session([NAMESPACES, PODS], { defaultNamespace: 'team' });
    const added: string[] = [];
    s.addEventHandler(PODS, { onAdd: (o) => added.push(o.metadata.name!) });
    s.start();
    await settle(30);
    assert.deepEqual(s.watchedNamespaces(PODS), ['a', 'b']);
    assert.deepEqual(s.kindStatus(PODS), { phase: 'synced', objectCount: 2, namespaces: ['a', 'b'] });
    assert.deepEqual(s.status, { phase: 'synced', objectCount: 6, partial: false });
    assert.deepEqual(s.store(PODS).listKeys().sort(), ['a/p1', 'b/p2']);
    assert.equal(s.store(PODS).get('b/p2')!.metadata.name, 'p2');
    assert.deepEqual(added.sort(), ['p1', 'p2']);
    assert.deepEqual(h.reviews.sort(), ['pods/a', 'pods/b', 'pods/c']);
    assert.ok(
      h.lw(PODS).lists.length >= 1 && h.lw(PODS).lastList!.signal.aborted,
      'cluster-wide informer stopped',
    );
    // A new namespace the user may list joins; a deleted one leaves, deleting its objects.
    h.allowed.add('pods/d');
    h.script(PODS, 'd', (lw) => (lw.listHandler = () => page([pod('p3', 'd')], '40')));
    h.lw(NAMESPACES).lastWatch!.push({ type: 'ADDED', object: ns('d', '11') });
    await settle(30);
    assert.deepEqual(s.watchedNamespaces(PODS), ['a', 'b', 'd']);
    const deleted: string[] = [];
    s.addEventHandler(PODS, { onDelete: (o) => deleted.push((o as KubeObject).metadata.name!) });
    h.lw(NAMESPACES).lastWatch!.push({ type: 'DELETED', object: ns('a', '12') });
    await settle(30);
    assert.deepEqual(s.watchedNamespaces(PODS), ['b', 'd']);
    assert.deepEqual(deleted, ['p1']);
    s.stop();
  });

  it('goes back to one cluster-wide watch once RBAC allows it, telling handlers only the difference', async () => {
    const h = new Harness();
    h.script(NAMESPACES, undefined, (lw) => (lw.listHandler = () => page([ns('a'), ns('b'), ns('c')], '10')));
    h.script(PODS, undefined, (lw) => (lw.listHandler = () => forbidden('pods')));
    h.script(PODS, 'default', (lw) => (lw.listHandler = () => forbidden('pods')));
    h.script(PODS, 'a', (lw) => (lw.listHandler = () => page([pod('p1', 'a', '30')], '30')));
    h.script(PODS, 'b', (lw) => (lw.listHandler = () => page([pod('p2', 'b', '31')], '31')));
    h.allowed = new Set(['pods/a', 'pods/b']);
    const s = h.session([NAMESPACES, PODS]);
    const calls: string[] = [];
    s.addEventHandler(PODS, {
      onAdd: (o, initial) => calls.push(`add ${o.metadata.name!}${initial ? ' (initial)' : ''}`),
      onUpdate: (o, n) =>
        calls.push(
          `update ${n.metadata.name!} ${o.metadata.resourceVersion!}->${n.metadata.resourceVersion!}`,
        ),
      onDelete: (o) => calls.push(`delete ${(o as KubeObject).metadata.name!}`),
    });
    s.start();
    await settle(30);
    assert.deepEqual(s.watchedNamespaces(PODS), ['a', 'b']);
    assert.deepEqual(calls.sort(), ['add p1 (initial)', 'add p2 (initial)']);
    calls.length = 0;

    // Nothing changed by the first recheck: no LIST, still per namespace.
    const listsBefore = h.lw(PODS).lists.length;
    await h.clock.advanceAsync(5 * 60_000);
    await settle(30);
    assert.ok(h.reviews.includes('pods/'), `reviews: ${h.reviews.join(', ')}`);
    assert.equal(h.lw(PODS).lists.length, listsBefore, 'a denied review costs no LIST');
    assert.deepEqual(s.watchedNamespaces(PODS), ['a', 'b']);

    // RBAC now allows pods cluster-wide: p1 unchanged, p2 changed, p3 new in c; a's p1 stays put.
    h.allowed.add('pods/');
    h.lw(PODS).listHandler = () =>
      page([pod('p1', 'a', '30'), pod('p2', 'b', '35'), pod('p3', 'c', '36')], '40');
    await h.clock.advanceAsync(5 * 60_000);
    await settle(30);
    assert.equal(s.watchedNamespaces(PODS), undefined, 'cluster-wide again');
    assert.deepEqual(s.kindStatus(PODS), { phase: 'synced', objectCount: 3 });
    assert.deepEqual(s.store(PODS).listKeys().sort(), ['a/p1', 'b/p2', 'c/p3']);
    assert.deepEqual(calls.sort(), ['add p3', 'update p2 31->35']);
    assert.ok(
      h.lw(PODS, 'a').lastWatch!.aborted && h.lw(PODS, 'b').lastWatch!.aborted,
      'namespace watches stopped',
    );
    // Live from the cluster-wide watch, and no more rechecks.
    h.lw(PODS).lastWatch!.push({ type: 'DELETED', object: pod('p1', 'a', '41') });
    await settle(30);
    assert.deepEqual(calls.slice(-1), ['delete p1']);
    const reviews = h.reviews.length;
    await h.clock.advanceAsync(15 * 60_000);
    await settle(30);
    assert.equal(h.reviews.length, reviews, 'no access reviews once cluster-wide');
    s.stop();
  });

  it('going back cluster-wide, an object re-created meanwhile (new UID) is a delete + add, not an update', async () => {
    const h = new Harness();
    h.script(NAMESPACES, undefined, (lw) => (lw.listHandler = () => page([ns('a')], '10')));
    h.script(PODS, undefined, (lw) => (lw.listHandler = () => forbidden('pods')));
    h.script(PODS, 'default', (lw) => (lw.listHandler = () => forbidden('pods')));
    h.script(PODS, 'a', (lw) => (lw.listHandler = () => page([pod('p1', 'a', '30')], '30')));
    h.allowed = new Set(['pods/a']);
    const s = h.session([NAMESPACES, PODS]);
    const calls: string[] = [];
    s.addEventHandler(PODS, {
      onAdd: (o) => calls.push(`add ${o.metadata.uid!}`),
      onUpdate: (o, n) => calls.push(`update ${o.metadata.uid!}->${n.metadata.uid!}`),
      onDelete: (o) =>
        calls.push(`delete ${(isDeletedFinalStateUnknown<KubeObject>(o) ? o.obj : o).metadata.uid!}`),
    });
    s.start();
    await settle(30);
    calls.length = 0;
    h.allowed.add('pods/');
    const recreated = {
      ...pod('p1', 'a', '38'),
      metadata: { ...pod('p1', 'a', '38').metadata, uid: 'a-p1-new' },
    };
    h.lw(PODS).listHandler = () => page([recreated], '40');
    await h.clock.advanceAsync(5 * 60_000);
    await settle(30);
    assert.equal(s.watchedNamespaces(PODS), undefined, 'cluster-wide again');
    assert.deepEqual(calls, ['delete a-p1', 'add a-p1-new']);
    s.stop();
  });

  it('re-reviews denied namespaces while fallen back, and stays put when cluster-wide LIST is still forbidden', async () => {
    const h = new Harness();
    h.script(NAMESPACES, undefined, (lw) => (lw.listHandler = () => page([ns('a'), ns('b')], '10')));
    h.script(PODS, undefined, (lw) => (lw.listHandler = () => forbidden('pods')));
    h.script(PODS, 'default', (lw) => (lw.listHandler = () => forbidden('pods')));
    h.script(PODS, 'a', (lw) => (lw.listHandler = () => page([pod('p1', 'a')], '30')));
    h.script(PODS, 'b', (lw) => (lw.listHandler = () => page([pod('p2', 'b')], '31')));
    h.allowed = new Set(['pods/a']);
    const s = h.session([NAMESPACES, PODS]);
    const deleted: string[] = [];
    s.addEventHandler(PODS, { onDelete: (o) => deleted.push((o as KubeObject).metadata.name!) });
    s.start();
    await settle(30);
    assert.deepEqual(s.watchedNamespaces(PODS), ['a']);

    // b is allowed now; the review says cluster-wide is too, but the LIST still answers 403.
    h.allowed.add('pods/b');
    h.allowed.add('pods/');
    await h.clock.advanceAsync(5 * 60_000);
    await settle(30);
    assert.deepEqual(s.watchedNamespaces(PODS), ['a'], 'a forbidden cluster-wide LIST changes nothing');
    assert.deepEqual(s.store(PODS).listKeys(), ['a/p1']);
    h.allowed.delete('pods/');
    await h.clock.advanceAsync(5 * 60_000);
    await settle(30);
    assert.deepEqual(s.watchedNamespaces(PODS), ['a', 'b']);
    assert.deepEqual(s.store(PODS).listKeys().sort(), ['a/p1', 'b/p2']);
    assert.deepEqual(deleted, []);
    s.stop();
  });

  it('uses the allow-list without access reviews', async () => {
    const h = new Harness();
    h.script(PODS, undefined, (lw) => (lw.listHandler = () => forbidden('pods')));
    h.script(PODS, 'x', (lw) => (lw.listHandler = () => page([pod('p1', 'x')], '5')));
    h.script(PODS, 'y', (lw) => (lw.listHandler = () => page([], '6')));
    const s = h.session([PODS], { namespaces: ['x', 'y'], defaultNamespace: 'team' });
    s.start();
    await settle(30);
    assert.deepEqual(s.watchedNamespaces(PODS), ['x', 'y']);
    assert.deepEqual(h.reviews, []);
    assert.deepEqual(s.status, { phase: 'synced', objectCount: 1, partial: false });
    s.stop();
  });

  it('is forbidden with the server message when nothing is allowed', async () => {
    const h = new Harness();
    h.script(NAMESPACES, undefined, (lw) => (lw.listHandler = () => forbidden('namespaces')));
    h.script(PODS, undefined, (lw) => (lw.listHandler = () => forbidden('pods')));
    h.script(PODS, 'default', (lw) => (lw.listHandler = () => forbidden('pods')));
    const s = h.session([NAMESPACES, PODS]);
    s.start();
    await settle(30);
    assert.equal(s.kindStatus(PODS).phase, 'forbidden');
    assert.match((s.kindStatus(PODS) as { error: string }).error, /pods is forbidden: User "jane"/);
    assert.equal(s.status.phase, 'forbidden');
    assert.match((s.status as { reason: string }).reason, /is forbidden/);
    s.stop();
  });

  it('keeps other kinds working when one is forbidden or failing', async () => {
    const h = new Harness();
    h.script(NODES, undefined, (lw) => (lw.listHandler = () => forbidden('nodes')));
    h.script(PODS, undefined, (lw) => (lw.listHandler = () => page([pod('p', 'a')], '3')));
    h.script(EVENTS, undefined, (lw) => (lw.listHandler = () => connectionError('ECONNREFUSED')));
    const s = h.session([NODES, PODS, EVENTS]);
    s.start();
    await settle(30);
    assert.equal(s.kindStatus(NODES).phase, 'forbidden');
    assert.equal(s.kindStatus(PODS).phase, 'synced');
    assert.equal(s.kindStatus(EVENTS).phase, 'retrying');
    assert.equal(s.status.phase, 'retrying');
    assert.match((s.status as { reason: string }).reason, /ECONNREFUSED/);
    h.lw(EVENTS).listHandler = () => page([], '9');
    await h.clock.advanceAsync(60_000);
    await settle(30);
    assert.deepEqual(s.status, { phase: 'synced', objectCount: 1, partial: true });
    s.stop();
  });

  it('reports a rejected credential as an error', async () => {
    const h = new Harness();
    h.script(
      PODS,
      undefined,
      (lw) => (lw.listHandler = () => new ApiError(401, 'Unauthorized', 'Unauthorized')),
    );
    const s = h.session([PODS]);
    s.start();
    await settle(30);
    assert.equal(s.status.phase, 'error');
    assert.match((s.status as { reason: string }).reason, /credentials rejected/);
    s.stop();
  });

  it('falls back to namespaces when the cluster-wide WATCH is forbidden while LIST is allowed', async () => {
    const h = new Harness();
    const watchForbidden = () =>
      new ApiError(403, 'Forbidden', 'pods is forbidden: User "jane" cannot watch resource "pods"');
    h.script(NAMESPACES, undefined, (lw) => (lw.listHandler = () => page([ns('team'), ns('a')], '10')));
    h.script(PODS, undefined, (lw) => {
      lw.listHandler = () => page([pod('p0', 'secret'), pod('p1', 'a')], '20');
      lw.onWatch = (w) => w.fail(watchForbidden());
    });
    h.script(PODS, 'team', (lw) => (lw.listHandler = () => forbidden('pods')));
    h.script(PODS, 'a', (lw) => (lw.listHandler = () => page([pod('p1', 'a')], '30')));
    h.allowed = new Set(['pods/a']);
    const s = h.session([NAMESPACES, PODS], { defaultNamespace: 'team' });
    s.start();
    await settle(30);
    assert.deepEqual(s.watchedNamespaces(PODS), ['a']);
    assert.deepEqual(s.kindStatus(PODS), { phase: 'synced', objectCount: 1, namespaces: ['a'] });
    assert.deepEqual(s.store(PODS).listKeys(), ['a/p1']);
    assert.ok(h.lw(PODS).lastWatch!.aborted, 'the cluster-wide informer is stopped');
    s.stop();
  });

  it('after a forbidden cluster-wide WATCH, handlers hear only the difference, and the old cache is served until the namespaces sync', async () => {
    const h = new Harness();
    h.script(NAMESPACES, undefined, (lw) => (lw.listHandler = () => page([ns('team'), ns('a')], '10')));
    let failWatch: (() => void) | undefined;
    h.script(PODS, undefined, (lw) => {
      lw.listHandler = () => page([pod('p0', 'secret'), pod('p1', 'a'), pod('p2', 'a')], '20');
      lw.onWatch = (w) =>
        (failWatch = () =>
          w.fail(
            new ApiError(403, 'Forbidden', 'pods is forbidden: User "jane" cannot watch resource "pods"'),
          ));
    });
    h.script(PODS, 'team', (lw) => (lw.listHandler = () => forbidden('pods')));
    let releaseA: (() => void) | undefined;
    h.script(PODS, 'a', (lw) => {
      lw.listHandler = () =>
        new Promise(
          (resolve) =>
            (releaseA = () => resolve(page([pod('p1', 'a'), pod('p2', 'a', '2'), pod('p3', 'a')], '30'))),
        );
    });
    h.allowed = new Set(['pods/a']);
    const s = h.session([NAMESPACES, PODS], { defaultNamespace: 'team' });
    const calls: string[] = [];
    s.addEventHandler(PODS, {
      onAdd: (o, initial) => !initial && calls.push(`add ${o.metadata.name!}`),
      onUpdate: (_o, n) => calls.push(`update ${n.metadata.name!}`),
      onDelete: (o) => calls.push(`delete ${(o as KubeObject).metadata.name!}`),
    });
    s.start();
    await settle(30);
    assert.deepEqual(s.store(PODS).listKeys().sort(), ['a/p1', 'a/p2', 'secret/p0']);
    failWatch!();
    await settle(30);
    assert.ok(releaseA, 'the namespace informer is listing');
    assert.deepEqual(calls, [], 'nothing is announced while the namespaces sync');
    assert.deepEqual(
      s.store(PODS).listKeys().sort(),
      ['a/p1', 'a/p2', 'secret/p0'],
      'the old cache is still served',
    );
    releaseA!();
    await settle(30);
    assert.deepEqual(s.store(PODS).listKeys().sort(), ['a/p1', 'a/p2', 'a/p3']);
    assert.deepEqual(calls.sort(), ['add p3', 'delete p0', 'update p2']);
    s.stop();
  });

  it('a fallback whose namespaces never sync switches after CARRY_MAX_MS', async () => {
    const h = new Harness();
    let failWatch: (() => void) | undefined;
    h.script(NAMESPACES, undefined, (lw) => (lw.listHandler = () => page([ns('a')], '10')));
    h.script(PODS, undefined, (lw) => {
      lw.listHandler = () => page([pod('p1', 'a')], '20');
      lw.onWatch = (w) =>
        (failWatch = () =>
          w.fail(
            new ApiError(403, 'Forbidden', 'pods is forbidden: User "jane" cannot watch resource "pods"'),
          ));
    });
    h.script(PODS, 'a', (lw) => (lw.listHandler = () => 'hang'));
    h.allowed = new Set(['pods/a']);
    const s = h.session([NAMESPACES, PODS], { defaultNamespace: 'a' });
    const deleted: string[] = [];
    s.addEventHandler(PODS, { onDelete: (o) => deleted.push((o as KubeObject).metadata.name!) });
    s.start();
    await settle(30);
    failWatch!();
    await settle(30);
    assert.deepEqual(s.store(PODS).listKeys(), ['a/p1'], 'served from the stopped cluster-wide cache');
    assert.deepEqual(deleted, []);
    await h.clock.advanceAsync(CARRY_MAX_MS);
    await settle(30);
    assert.deepEqual(s.store(PODS).listKeys(), [], 'switched to the (still empty) namespace cache');
    assert.deepEqual(deleted, ['p1']);
    s.stop();
  });

  it('says a cluster-scoped kind is watch-forbidden (list allowed) and keeps it fresh by relisting', async () => {
    const h = new Harness();
    h.script(NODES, undefined, (lw) => {
      lw.listHandler = () => page([ns('n1')], '10');
      lw.onWatch = (w) =>
        w.fail(
          new ApiError(403, 'Forbidden', 'nodes is forbidden: User "jane" cannot watch resource "nodes"'),
        );
    });
    const s = h.session([NODES]);
    s.start();
    await settle(30);
    const st = s.kindStatus(NODES);
    assert.equal(st.phase, 'forbidden');
    assert.equal(st.phase === 'forbidden' && st.during, 'watch');
    assert.match(st.phase === 'forbidden' ? st.error : '', /^watch forbidden \(list allowed\): 403/);
    assert.equal(s.store(NODES).size, 1);
    await h.clock.advanceAsync(30_000);
    assert.equal(h.lw(NODES).lists.length, 2);
    s.stop();
  });

  it('throws for a kind it does not watch', () => {
    const s = new Harness().session([PODS]);
    assert.throws(() => s.store(NODES), /not watched/);
  });
});
