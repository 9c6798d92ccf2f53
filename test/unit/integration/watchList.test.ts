import * as assert from 'node:assert/strict';
import { isDeletedFinalStateUnknown } from '../../../src/core/cache/deltas';
import { Informer } from '../../../src/core/cache/informer';
import type { KubeObject } from '../../../src/core/cache/types';
import { PODS } from '../../../src/core/kinds';
import { createListerWatcher } from '../../../src/kube/httpListerWatcher';
import { KubeTransport } from '../../../src/kube/transport';
import { pod } from '../../server/fixtures';
import { StaticCredentials } from '../kube/fixtures';
import { startTestServer, type TestServer, type TestServerOptions } from '../../server/index';
import { waitFor as waitForCond } from '../fakes/waitFor';

// Watch-list by default is safe only if every kind of server ends in a synced, exact cache:
// one that streams (1.34+), one that rejects sendInitialEvents (gate off: 422) and one that
// ignores it (older than the parameters, or a proxy dropping them: a plain watch with synthetic
// ADDEDs and never an initial-events-end bookmark). Real HTTP, real informer, real time; the
// bounds of the wait for the bookmark are shortened so the fallback is quick.

/** waitFor: the shared poll, with this file's longer bound (real servers, many writes). */
const waitFor = (cond: () => boolean, what: string, ms = 20_000): Promise<void> =>
  waitForCond(cond, what, ms);

interface Run {
  server: TestServer;
  informer: Informer<KubeObject>;
  transport: KubeTransport;
  adds: Map<string, number>;
  state: Map<string, string>;
}

const keyOf = (o: KubeObject) => `${o.metadata.namespace}/${o.metadata.name}`;

async function start(watchList: TestServerOptions['watchList'], pods: number): Promise<Run> {
  // A slow-watcher buffer far below the initial state (~600 KB): the initial events must still
  // all arrive (the cacher never closes a watcher as slow while sending them).
  const server = await startTestServer({
    tls: false,
    authorize: false,
    watchList,
    bookmarkIntervalMs: 100,
    watchBufferBytes: 64 * 1024,
  });
  for (let i = 0; i < pods; i++) server.create(pod('web', `p-${i}`));
  const transport = new KubeTransport({
    cluster: { server: server.url, rejectUnauthorized: true },
    credentials: new StaticCredentials(['t']),
  });
  const informer = new Informer<KubeObject>({
    name: `pods (${watchList})`,
    listerWatcher: createListerWatcher({ transport, kind: PODS }),
    useWatchList: true,
    initialEventsSilenceMs: 300,
    initialEventsDeadlineMs: 1500,
  });
  const adds = new Map<string, number>();
  const state = new Map<string, string>();
  informer.addEventHandler({
    onAdd: (o) => {
      adds.set(keyOf(o), (adds.get(keyOf(o)) ?? 0) + 1);
      state.set(keyOf(o), o.metadata.resourceVersion ?? '');
    },
    onUpdate: (_old, o) => state.set(keyOf(o), o.metadata.resourceVersion ?? ''),
    onDelete: (o) => state.delete(isDeletedFinalStateUnknown(o) ? o.key : keyOf(o)),
  });
  return { server, informer, transport, adds, state };
}

function serverState(server: TestServer): Map<string, string> {
  const m = new Map<string, string>();
  for (const o of server.list('v1', 'Pod') as KubeObject[]) m.set(keyOf(o), o.metadata.resourceVersion ?? '');
  return m;
}

async function converged(run: Run): Promise<void> {
  await waitFor(() => {
    const want = serverState(run.server);
    const cached = run.informer.store.list();
    return (
      cached.length === want.size &&
      cached.every((o) => want.get(keyOf(o)) === o.metadata.resourceVersion) &&
      run.state.size === want.size &&
      [...want].every(([k, v]) => run.state.get(k) === v)
    );
  }, 'the cache and the handlers to equal the server');
}

async function stop(run: Run): Promise<void> {
  run.informer.stop();
  run.transport.dispose();
  await run.server.stop();
}

const podRequests = (server: TestServer, verb: string) =>
  server.requests.filter((r) => r.resource === 'pods' && r.verb === verb);

describe('watch-list against servers with and without support (real HTTP)', function () {
  this.timeout(60_000);

  it('enabled: the initial state is streamed; no LIST is made', async () => {
    const run = await start('enabled', 300);
    run.informer.start();
    assert.equal(await run.informer.whenSynced(), true);
    run.server.create(pod('web', 'late'));
    await converged(run);
    assert.equal(podRequests(run.server, 'list').length, 0);
    assert.equal(run.server.counters.slowWatchersClosed, 0);
    const watches = podRequests(run.server, 'watch');
    assert.equal(watches[0]!.query.sendInitialEvents, 'true');
    assert.equal(watches[0]!.status, 200);
    assert.ok(
      [...run.adds.values()].every((n) => n === 1),
      'each object added once',
    );
    await stop(run);
  });

  it('disabled (gate off, 422): falls back to one LIST and a plain watch, nothing lost', async () => {
    const run = await start('disabled', 300);
    run.informer.start();
    assert.equal(await run.informer.whenSynced(), true);
    run.server.create(pod('web', 'late'));
    await converged(run);
    const watches = podRequests(run.server, 'watch');
    assert.equal(watches[0]!.query.sendInitialEvents, 'true');
    assert.equal(watches[0]!.status, 422);
    assert.equal(podRequests(run.server, 'list').length, 1);
    assert.ok(watches.slice(1).every((w) => w.query.sendInitialEvents === undefined));
    assert.ok(
      [...run.adds.values()].every((n) => n === 1),
      'each object added once',
    );
    assert.equal(run.informer.status.phase, 'synced');
    await stop(run);
  });

  it('ignored (quiet kind): no end bookmark, so the bounded wait falls back to LIST; nothing lost or doubled', async () => {
    const run = await start('ignored', 300);
    run.informer.start();
    assert.equal(await run.informer.whenSynced(), true);
    run.server.create(pod('web', 'late'));
    await converged(run);
    const watches = podRequests(run.server, 'watch');
    assert.equal(watches[0]!.status, 200, 'the server served a plain watch');
    assert.equal(podRequests(run.server, 'list').length, 1);
    assert.equal(run.adds.size, 301);
    assert.ok(
      [...run.adds.values()].every((n) => n === 1),
      'synthetic ADDEDs never reached the handlers',
    );
    await stop(run);
  });

  it('ignored (busy kind, never silent): the deadline falls back to LIST; writes during the wait are kept', async () => {
    const run = await start('ignored', 100);
    let n = 0;
    const writer = setInterval(() => run.server.create(pod('web', `busy-${n++}`)), 50);
    try {
      run.informer.start();
      assert.equal(await run.informer.whenSynced(), true);
      assert.ok(n >= 20, `writes kept the stream busy past the silence bound (${n})`);
    } finally {
      clearInterval(writer);
    }
    await converged(run);
    assert.equal(podRequests(run.server, 'list').length, 1);
    assert.equal(run.adds.size, 100 + n);
    assert.ok(
      [...run.adds.values()].every((v) => v === 1),
      'each object added once',
    );
    await stop(run);
  });
});
