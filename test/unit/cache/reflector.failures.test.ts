import assert from 'node:assert/strict';
import { ApiError, RETRY_AFTER_MAX_MS, retryAfterMs } from '../../../src/core/cache/errors';
import { Reflector, type ReflectorProblem } from '../../../src/core/cache/reflector';
import { type KubeObject } from '../../../src/core/cache/types';
import { FakeClock, settle } from '../fakes/fakeClock';
import { connectionError, FakeListerWatcher, type FakeWatch, obj, page } from '../fakes/fakeListerWatcher';
import { harness } from './harness';

const watchForbidden = () =>
  new ApiError(403, 'Forbidden', 'pods is forbidden: User "jane" cannot watch resource "pods"');

/** A Reflector with a recording store and observer (no informer around it). */
function reflector(lw: FakeListerWatcher<KubeObject>, clock: FakeClock) {
  const problems: ReflectorProblem[] = [];
  let recoveries = 0;
  const writes: string[] = [];
  const r = new Reflector<KubeObject>({
    name: 'r',
    listerWatcher: lw,
    store: {
      add: (o) => writes.push(`add ${o.metadata.name}`),
      update: (o) => writes.push(`update ${o.metadata.name}`),
      delete: (o) => writes.push(`delete ${o.metadata.name}`),
      replace: (items, rv) => writes.push(`replace ${items.length}@${rv}`),
    },
    clock,
    random: () => 0.5,
    pageSize: 500,
    useWatchList: false,
    observer: { onProblem: (p) => problems.push(p), onRecovered: () => recoveries++ },
  });
  return { r, problems, writes, recoveries: () => recoveries };
}

describe('Reflector: a failed watch start', () => {
  it('403 on WATCH while LIST is allowed: status forbidden (watch), back off, then relist', async () => {
    const { lw, informer, clock } = harness();
    lw.listHandler = () => page([obj('a', '1')], '5');
    lw.onWatch = (w) => w.fail(watchForbidden());
    informer.start();
    await settle();
    assert.deepEqual(informer.status, {
      phase: 'forbidden',
      error:
        'watch forbidden (list allowed): 403 Forbidden: pods is forbidden: User "jane" cannot watch resource "pods"',
      retryAt: clock.now() + 30_000,
      during: 'watch',
    });
    assert.equal(lw.lists.length, 1);
    await clock.advanceAsync(30_000);
    assert.equal(lw.lists.length, 2, 'the round ends: relist (the cache stays fresh by relisting)');
    assert.equal(lw.watches.length, 2);
    assert.equal(informer.status.phase, 'forbidden', 'a relist alone is no recovery');
    // RBAC granted: the next watch works and proves recovery.
    lw.onWatch = undefined;
    await clock.advanceAsync(30_000);
    await clock.advanceAsync(1000);
    assert.equal(lw.lists.length, 3);
    assert.deepEqual(informer.status, { phase: 'synced', objectCount: 1, resourceVersion: '5' });
    informer.stop();
  });

  for (const [what, err] of [
    ['401 (after the transport refreshed once)', new ApiError(401, 'Unauthorized', 'expired')],
    ['404', new ApiError(404, 'NotFound', 'the server could not find the requested resource')],
    ['410 as an HTTP status', new ApiError(410, 'Gone', 'too old')],
  ] as const) {
    it(`${what} refusing the WATCH ends the round: back off, then relist`, async () => {
      const { lw, informer, clock } = harness();
      lw.listHandler = () => page([obj('a', '1')], '5');
      lw.queueWatchError(err);
      informer.start();
      await settle();
      assert.equal(lw.lists.length, 1);
      await clock.advanceAsync(1200);
      assert.equal(lw.lists.length, 2);
      assert.equal(lw.watches.length, 2);
      informer.stop();
    });
  }

  for (const [what, err] of [
    ['connection refused', connectionError('ECONNREFUSED')],
    ['429', new ApiError(429, 'TooManyRequests', 'slow down')],
    ['503', new ApiError(503, 'ServiceUnavailable', 'restarting')],
  ] as const) {
    it(`${what} on WATCH re-watches from the last version after a backoff, without relisting`, async () => {
      const { lw, informer, clock } = harness();
      lw.listHandler = () => page([obj('a', '1')], '5');
      lw.queueWatchError(err);
      informer.start();
      await settle();
      await clock.advanceAsync(1200);
      assert.equal(lw.lists.length, 1);
      assert.equal(lw.watches.length, 2);
      assert.equal(lw.watches[1].options.resourceVersion, '5');
      informer.stop();
    });
  }
});

describe('Reflector: no server answer makes a hot loop', () => {
  const expired = {
    type: 'ERROR' as const,
    object: { kind: 'Status' as const, code: 410, reason: 'Expired' },
  };
  for (const [what, answer] of [
    [
      'one event, then 410',
      (w: FakeWatch<KubeObject>) => w.push({ type: 'ADDED', object: obj('x', '6') }, expired),
    ],
    [
      'one bookmark, then a normal close',
      (w: FakeWatch<KubeObject>) =>
        w.push({ type: 'BOOKMARK', object: { metadata: { resourceVersion: '6' } } }).end(),
    ],
    ['a close with nothing', (w: FakeWatch<KubeObject>) => w.end()],
  ] as const) {
    it(`every watch answered at once with ${what}: a bounded request rate`, async () => {
      const clock = new FakeClock();
      const lw = new FakeListerWatcher<KubeObject>();
      lw.listHandler = () => page([], '5');
      lw.onWatch = answer;
      const { r } = reflector(lw, clock);
      r.run();
      await clock.advanceAsync(60_000);
      const first = lw.lists.length + lw.watches.length;
      assert.ok(first <= 14, `${first} requests in the first minute`);
      const before = lw.lists.length + lw.watches.length;
      await clock.advanceAsync(10 * 60_000);
      const perMinute = (lw.lists.length + lw.watches.length - before) / 10;
      assert.ok(perMinute <= 4, `${perMinute} requests per minute at the cap`);
      r.stop();
    });
  }

  it('a watch event whose resourceVersion is not a string does not become the next version', async () => {
    const clock = new FakeClock();
    const lw = new FakeListerWatcher<KubeObject>();
    lw.listHandler = () => page([], '5');
    const { r } = reflector(lw, clock);
    r.run();
    await settle();
    await clock.advanceAsync(1000);
    lw.watches[0].push({
      type: 'BOOKMARK',
      object: { metadata: { resourceVersion: 7 as unknown as string } },
    });
    await settle();
    assert.equal(r.lastSyncResourceVersion(), '5');
    r.stop();
  });
});

describe('Reflector: Retry-After bounds', () => {
  it('retryAfterMs ignores NaN, negative and non-numbers, and caps huge values', () => {
    const e = (s: unknown) => new ApiError(429, 'TooManyRequests', '', s as number);
    assert.equal(retryAfterMs(e(Number.NaN)), undefined);
    assert.equal(retryAfterMs(e(-1)), undefined);
    assert.equal(retryAfterMs(e('7')), undefined);
    assert.equal(retryAfterMs(e(Infinity)), undefined);
    assert.equal(retryAfterMs(e(0)), 0);
    assert.equal(retryAfterMs(e(7)), 7000);
    assert.equal(retryAfterMs(e(1e12)), RETRY_AFTER_MAX_MS);
    assert.equal(RETRY_AFTER_MAX_MS, 300_000);
    assert.equal(
      retryAfterMs(ApiError.fromStatus({ details: { retryAfterSeconds: 'x' as never } }, 429)),
      undefined,
    );
    assert.equal(retryAfterMs(ApiError.fromStatus({}, 429, 'Wed, 21 Oct 2015 07:28:00 GMT')), undefined);
  });

  for (const advice of [0, -1, Number.NaN]) {
    it(`a server answering every request 429 with Retry-After ${advice} gets a bounded request rate`, async () => {
      const clock = new FakeClock();
      const lw = new FakeListerWatcher<KubeObject>();
      const tooMany = () => new ApiError(429, 'TooManyRequests', 'slow down', advice);
      lw.listHandler = () => tooMany();
      const { r } = reflector(lw, clock);
      r.run();
      const perMinute: number[] = [];
      for (let minute = 0; minute < 10; minute++) {
        const before = lw.lists.length;
        await clock.advanceAsync(60_000);
        perMinute.push(lw.lists.length - before);
      }
      // Waits of 1.2, 2.4, 4.8, 9.6, 19.2 s, then 45 s each: never a hot loop.
      assert.ok(perMinute[0] <= 6, `first minute: ${perMinute[0]} requests`);
      assert.ok(
        perMinute.slice(1).every((n) => n <= 2),
        `then: ${perMinute.join(',')}`,
      );
      // The same for watches: a LIST that works, every WATCH refused with 429.
      lw.listHandler = () => page([], '1');
      lw.onWatch = (w) => w.fail(tooMany());
      const watchesBefore = lw.watches.length;
      await clock.advanceAsync(60_000 * 5);
      assert.ok(
        lw.watches.length - watchesBefore <= 12,
        `${lw.watches.length - watchesBefore} watches in 5 minutes`,
      );
      r.stop();
    });
  }

  it('a huge Retry-After (1e12 s) is capped at 5 minutes: the retry still comes', async () => {
    const clock = new FakeClock();
    const lw = new FakeListerWatcher<KubeObject>();
    lw.queueList(new ApiError(429, 'TooManyRequests', 'slow down', 1e12), page([], '1'));
    const { r, problems } = reflector(lw, clock);
    r.run();
    await settle();
    assert.equal(problems[0].retryAt - clock.now(), 300_000);
    await clock.advanceAsync(299_999);
    assert.equal(lw.lists.length, 1);
    await clock.advanceAsync(1);
    assert.equal(lw.lists.length, 2);
    r.stop();
  });
});

describe('Reflector: a quiet watch is not a failure', () => {
  it('20 minutes with no event and no bookmark: no status change, no problem, backoff untouched', async () => {
    const clock = new FakeClock();
    const lw = new FakeListerWatcher<KubeObject>();
    lw.listHandler = () => page([obj('a', '1')], '5');
    const { r, problems, writes, recoveries } = reflector(lw, clock);
    r.run();
    await settle();
    for (let t = 0; t < 20 * 60; t++) await clock.advanceAsync(1000);
    assert.equal(problems.length, 0, 'no problem reported');
    assert.equal(recoveries(), 0);
    assert.deepEqual(writes, ['replace 1@5']);
    assert.equal(lw.lists.length, 1);
    // The safety net re-watched silently, past each watch's own timeout (450 s) + 60 s.
    assert.equal(lw.watches.length, 3);
    assert.ok(lw.watches.every((w) => w.options.resourceVersion === '5'));
    // The backoff did not ratchet: the first failure now waits the first step.
    lw.lastWatch!.fail(connectionError('ECONNRESET'));
    await settle();
    assert.equal(problems.length, 1);
    assert.equal(problems[0].retryAt - clock.now(), 1200);
    r.stop();
    assert.equal(clock.pendingTimers(), 0);
  });

  it('through an informer: the status stays synced for 20 quiet minutes', async () => {
    const { lw, informer, clock, statuses } = harness();
    lw.listHandler = () => page([obj('a', '1')], '5');
    informer.start();
    await settle();
    const before = statuses.length;
    for (let t = 0; t < 20 * 60; t++) await clock.advanceAsync(1000);
    assert.deepEqual(statuses.slice(before), []);
    assert.equal(informer.status.phase, 'synced');
    informer.stop();
  });
});
