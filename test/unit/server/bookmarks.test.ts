import * as assert from 'node:assert/strict';
import { startTestServer, type TestServer, type TestServerOptions } from '../../server';
import { event, pod } from '../../server/fixtures';
import { makeAdmin, sleep, watch, within, type WatchEventLine } from './helpers';

const bookmarksOf = (events: WatchEventLine[]): WatchEventLine[] =>
  events.filter((e) => e.type === 'BOOKMARK');
const rvOf = (e: WatchEventLine): number => Number(e.object.metadata.resourceVersion);

describe('test server: bookmarks as the cacher sends them', () => {
  let server: TestServer;
  let token: string;

  async function start(opts: TestServerOptions): Promise<void> {
    server = await startTestServer({ progressNotifyIntervalMs: 0, ...opts });
    token = makeAdmin(server);
  }
  afterEach(() => server.stop());

  it('sends none on a quiet resource, and one per move of the cache version', async () => {
    await start({ bookmarkIntervalMs: 20 });
    const p = server.create(pod('web', 'a'));
    const w = await watch(
      server,
      `/api/v1/pods?watch=true&allowWatchBookmarks=true&resourceVersion=${server.currentResourceVersion()}`,
      { token },
    );
    await sleep(150);
    assert.equal(w.events.length, 0, 'quiet: no bookmark at all');
    server.create(event('web', p, { name: 'e1' })); // another resource moves etcd, not the pods cache
    await sleep(100);
    assert.equal(w.events.length, 0, 'the pods cache has not heard of it');
    server.faults.progressNotify(); // etcd progress notification: the pods cache is current
    await w.waitFor(1);
    await sleep(100);
    const marks = bookmarksOf(w.events);
    assert.equal(marks.length, 1);
    assert.equal(marks[0]!.object.metadata.resourceVersion, server.currentResourceVersion());
    w.close();
  });

  it('never sends one below, or at, the version the watch started from', async () => {
    await start({ bookmarkIntervalMs: 20 });
    server.create(pod('web', 'a'));
    const from = Number(server.currentResourceVersion()) + 3; // a version from the future
    const w = await watch(
      server,
      `/api/v1/namespaces/web/pods?watch=true&allowWatchBookmarks=true&resourceVersion=${from}`,
      {
        token,
      },
    );
    server.create(pod('other', 'b'));
    server.create(pod('other', 'c')); // cache at from-1
    server.create(pod('other', 'd')); // cache at from: still not past the watcher
    await sleep(120);
    assert.equal(w.events.length, 0);
    server.create(pod('other', 'e'));
    const [mark] = await w.waitFor(1);
    assert.equal(mark!.type, 'BOOKMARK');
    assert.equal(rvOf(mark!), from + 1);
    await sleep(60);
    assert.ok(bookmarksOf(w.events).every((e) => rvOf(e) > from));
    w.close();
  });

  it('sends one 2 s before the timeout when the version moved, then ends the stream', async function () {
    this.timeout(10_000);
    await start({ bookmarkIntervalMs: 600_000 });
    const t0 = Date.now();
    const w = await watch(
      server,
      '/api/v1/namespaces/web/pods?watch=true&allowWatchBookmarks=true&timeoutSeconds=3',
      {
        token,
      },
    );
    server.create(pod('other', 'moves-the-cache'));
    const [mark] = await w.waitFor(1, 5000);
    assert.equal(mark!.type, 'BOOKMARK');
    const at = Date.now() - t0;
    assert.ok(at >= 900 && at < 2900, `bookmark after ${at} ms`);
    assert.equal(await within(w.ended, 5000, 'the timeout'), 'end');
    assert.equal(w.events.length, 1);
  });

  it('ends a watch-list with one bookmark annotated initial-events-end at its start version', async () => {
    await start({ bookmarkIntervalMs: 20 });
    server.create(pod('web', 'a'));
    const rv = server.currentResourceVersion();
    const w = await watch(
      server,
      '/api/v1/pods?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true',
      { token },
    );
    const events = await w.waitFor(2);
    assert.deepEqual(
      events.map((e) => e.type),
      ['ADDED', 'BOOKMARK'],
    );
    assert.equal(events[1]!.object.metadata.resourceVersion, rv);
    assert.deepEqual(events[1]!.object.metadata.annotations, { 'k8s.io/initial-events-end': 'true' });
    await sleep(120);
    assert.equal(w.events.length, 2, 'no further bookmark while nothing moves');
    w.close();
  });
});
