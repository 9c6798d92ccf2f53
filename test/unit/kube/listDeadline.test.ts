/**
 * The whole-response deadline (issue 11): a list body trickled a byte at a time never trips the
 * body idle timeout, so the request as a whole is bounded (TransportLimits.responseDeadlineMs,
 * default 120 s). Checked on a fake clock against a scripted server, then through the real
 * engine against the test API server's `trickle` fault, with the retry that follows.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PODS } from '../../../src/core/kinds';
import { createListerWatcher } from '../../../src/kube/httpListerWatcher';
import { DEFAULT_TRANSPORT_LIMITS } from '../../../src/kube/limits';
import { KubeTransport } from '../../../src/kube/transport';
import { startTestServer, type TestServer } from '../../server/index';
import { FakeClock } from '../fakes/fakeClock';
import { prepareHealthy, startEngine, TEST_TRANSPORT_LIMITS, waitFor } from '../hostile/harness';
import { startScriptedServer, StaticCredentials, type ScriptedServer } from './fixtures';

const realWait = (ms: number) => new Promise((r) => setTimeout(r, ms));

function outcome<T>(p: Promise<T>) {
  const o: { done: boolean; value?: T; error?: unknown } = { done: false };
  p.then(
    (v) => Object.assign(o, { done: true, value: v }),
    (e) => Object.assign(o, { done: true, error: e }),
  );
  return o;
}

describe('KubeTransport: the whole-response deadline', () => {
  let server: ScriptedServer;
  let clock: FakeClock;
  let transport: KubeTransport;
  beforeEach(async () => {
    server = await startScriptedServer();
    clock = new FakeClock();
    transport = new KubeTransport({
      cluster: { server: server.url, rejectUnauthorized: true },
      credentials: new StaticCredentials(['t']),
      clock,
    });
  });
  afterEach(async () => {
    transport.dispose();
    await server.close();
  });

  /** trickle answers 200 and the head of a List, then a space whenever `tick` is called. */
  function trickle() {
    const writers: (() => void)[] = [];
    server.handle((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"1"},"items":[');
      writers.push(() => res.write(' '));
    });
    return () => writers.forEach((w) => w());
  }

  it('fails a list whose body trickles forever after 120 s, though it is never silent for 30 s', async () => {
    assert.equal(DEFAULT_TRANSPORT_LIMITS.responseDeadlineMs, 120_000);
    const tick = trickle();
    const list = outcome(
      createListerWatcher({ transport, kind: PODS }).list({}, new AbortController().signal),
    );
    await waitFor(() => server.requests.length === 1, 'the request', 5000);
    // A byte every 10 s of the fake clock: the 30 s idle timeout never fires.
    for (let t = 0; t < 110_000; t += 10_000) {
      tick();
      await realWait(20); // The byte reaches the client's socket.
      await clock.advanceAsync(10_000);
      assert.equal(list.done, false, `still reading at ${t + 10_000} ms: ${String(list.error)}`);
    }
    tick();
    await realWait(20);
    await clock.advanceAsync(9_999);
    assert.equal(list.done, false, 'not before the deadline');
    await clock.advanceAsync(1);
    await waitFor(() => list.done, 'the rejection', 5000);
    assert.match(String(list.error), /did not finish its response within 120 s/);
    assert.equal((list.error as NodeJS.ErrnoException).code, 'ETIMEDOUT');
  });

  it('does not bound a watch stream, only its start', async () => {
    server.handle((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('');
    });
    const stop = new AbortController();
    const watch = createListerWatcher({ transport, kind: PODS }).watch(
      { resourceVersion: '1', allowWatchBookmarks: true, timeoutSeconds: 300 },
      stop.signal,
    );
    const iterator = watch[Symbol.asyncIterator]();
    const first = outcome(iterator.next());
    await waitFor(() => server.requests.length === 1, 'the request', 5000);
    await realWait(20);
    await clock.advanceAsync(DEFAULT_TRANSPORT_LIMITS.responseDeadlineMs * 3);
    await realWait(20);
    assert.equal(first.done, false, `a quiet watch ended: ${String(first.error)}`);
    stop.abort();
    await waitFor(() => first.done, 'the abort', 5000);
  });
});

describe('the trickle fault of the test API server, through the real engine', function () {
  this.timeout(20_000);
  let server: TestServer;
  let dir: string;
  before(async () => {
    server = await startTestServer({ bookmarkIntervalMs: 1000 });
    prepareHealthy(server);
  });
  after(async () => server.stop());
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-events-trickle-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('ends a trickled list at the deadline with a clear status, then retries and syncs', async () => {
    server.faults.failNext(1, { status: 'trickle', tickMs: 50, match: { verb: 'list', resource: 'events' } });
    const engine = startEngine({
      healthy: server,
      dir,
      transportLimits: { ...TEST_TRANSPORT_LIMITS, responseDeadlineMs: 1000 },
    });
    try {
      const phases: string[] = [];
      let reason = '';
      engine.manager.onDidChangeStatus(({ name, status }) => {
        if (name !== 'healthy') return;
        phases.push(status.phase);
        const r = (status as { reason?: string }).reason;
        if (status.phase === 'retrying' && r) reason = r;
      });
      await waitFor(() => engine.status('healthy')?.phase === 'synced', 'the retry to sync', 10_000);
      assert.ok(phases.includes('retrying'), `phases: ${phases.join(' -> ')}`);
      assert.match(reason, /did not finish its response within 1 s/);
      const lists = server.requests.filter((r) => r.verb === 'list' && r.resource === 'events');
      assert.ok(lists.length >= 2, `${lists.length} lists of events`);
    } finally {
      engine.dispose();
    }
  });
});
