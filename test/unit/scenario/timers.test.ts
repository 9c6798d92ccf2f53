/* eslint-disable @typescript-eslint/no-explicit-any -- tests inspect objects ad hoc */
import * as assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../server';
import { Scenario, seedCluster } from '../../scenario/cluster';
import { INTERVALS } from '../../scenario/scenario';
import { FakeClock } from '../fakes/fakeClock';

describe('scenario: the timed loop', function () {
  let server: TestServer;
  let clock: FakeClock;

  beforeEach(async function () {
    clock = new FakeClock(Date.parse('2025-06-01T12:00:00Z'));
    server = await startTestServer({ tls: false, now: () => clock.now() });
    seedCluster(server, { now: () => clock.now() });
  });
  afterEach(() => server.stop());

  it('runs every track on the injected clock, at `speed` times the pace', function () {
    const notices: string[] = [];
    const errors: unknown[] = [];
    const s = new Scenario({
      server,
      clock,
      speed: 10,
      onNotice: (l) => notices.push(l),
      onError: (e) => errors.push(e),
    });
    s.start();
    assert.equal(s.pendingTimers, 7);
    clock.advance(INTERVALS.crashLoop.first / 10 - 1);
    assert.equal(notices.length, 0, 'nothing before the first tick');
    clock.advance(1);
    assert.match(notices[0]!, /^CrashLoopBackOff prod\/api-/);
    clock.advance(30_000); // 300 s of scenario time
    assert.deepEqual(errors, []);
    const text = notices.join('\n');
    for (const re of [
      /CrashLoopBackOff/,
      /ImagePullBackOff/,
      /FailedScheduling/,
      /Rollout prod\/web complete/,
      /Scaled staging\/worker from 2 to 5/,
      /Job batch\/report-sync-\d+ Complete/,
      /Job batch\/report-sync-\d+ started/,
      /Warnings again: ProvisioningFailed x\d+, FailedGetResourceMetric x\d+, SyncLoadBalancerFailed x\d+/,
    ])
      assert.match(text, re);
    assert.equal(s.pendingTimers, 7, 'each track re-armed');
    s.stop();
    assert.equal(s.pendingTimers, 0);
    assert.equal(clock.pendingTimers(), 0, 'stop() cleared every timer');
    const n = notices.length;
    clock.advance(600_000);
    assert.equal(notices.length, n, 'nothing after stop()');
    assert.throws(() => s.start(), /start\(\) when stopped/);
  });

  it('a failing step is reported and its track keeps going', function () {
    const errors: string[] = [];
    const s = new Scenario({
      server,
      clock,
      onError: (e, track) => errors.push(`${track}: ${(e as Error).message}`),
    });
    server.delete(
      'v1',
      'Pod',
      'prod',
      (server.list('v1', 'Pod', 'prod') as any[]).find((p) => p.metadata.labels.app === 'api').metadata.name,
    );
    s.start();
    clock.advance(INTERVALS.crashLoop.first + 2 * INTERVALS.crashLoop.every);
    assert.equal(errors.filter((e) => e.startsWith('crashLoop: ')).length, 3);
    assert.equal(s.pendingTimers, 7);
    s.stop();
    assert.equal(clock.pendingTimers(), 0);
  });

  it('with the real clock, stop() leaves no timer behind', async function () {
    const timeouts = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    await new Promise((r) => setImmediate(r)); // mocha arms its own timeout timer once the test has started
    const before = timeouts();
    const s = new Scenario({ server, speed: 1000 });
    s.start();
    assert.ok(timeouts() > before, 'the loop holds timers while running');
    await new Promise((r) => setTimeout(r, 120));
    s.stop();
    assert.equal(timeouts(), before);
  });
});
