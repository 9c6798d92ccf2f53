import assert from 'node:assert/strict';
import { isDeletedFinalStateUnknown } from '../../../src/core/cache/deltas';
import { ApiError } from '../../../src/core/cache/errors';
import { Informer } from '../../../src/core/cache/informer';
import { metaNamespaceKey } from '../../../src/core/cache/store';
import { type KubeObject } from '../../../src/core/cache/types';
import { FakeClock, settle } from '../fakes/fakeClock';
import { connectionError, FakeListerWatcher } from '../fakes/fakeListerWatcher';
import { ModelServer } from '../fakes/modelServer';
import { mulberry32 } from '../fakes/random';

interface RunStats {
  lists: number;
  watches: number;
  faults: Record<string, number>;
}

/**
 * runModel drives a ModelServer with `ops` seeded random creates/updates/deletes and about
 * `ops / 20` faults, with an informer watching it, then heals and checks the informer's store
 * and a handler-built map against the model.
 */
async function runModel(seed: number, ops: number, useWatchList: boolean): Promise<RunStats> {
  const rand = mulberry32(seed);
  const pick = <X>(xs: readonly X[]): X => xs[Math.floor(rand() * xs.length)];
  const clock = new FakeClock();
  const lw = new FakeListerWatcher<KubeObject>();
  const server = new ModelServer(lw);
  for (let i = 0; i < 30; i++) server.create(`seed-${i}`, pick(['a', 'b', 'c']));

  const informer = new Informer<KubeObject>({
    name: `model-${seed}`,
    listerWatcher: lw,
    clock,
    random: mulberry32(seed ^ 0x9e3779b9),
    pageSize: 7,
    useWatchList,
    watchInactivityTimeoutMs: 150_000,
  });
  const seen = new Map<string, KubeObject>();
  const violations: string[] = [];
  informer.addEventHandler({
    onAdd: (o) => {
      const key = metaNamespaceKey(o);
      if (seen.has(key)) violations.push(`duplicate add ${key}`);
      seen.set(key, o);
    },
    onUpdate: (oldObj, newObj) => {
      const key = metaNamespaceKey(newObj);
      const oldRv = oldObj.metadata.resourceVersion!;
      const newRv = newObj.metadata.resourceVersion!;
      if (oldRv === newRv) violations.push(`update with unchanged resourceVersion ${key} ${newRv}`);
      if (Number(newRv) < Number(oldRv))
        violations.push(`update going back in time ${key} ${oldRv}->${newRv}`);
      if (seen.get(key)?.metadata.resourceVersion !== oldRv)
        violations.push(`update from unknown state ${key}`);
      seen.set(key, newObj);
    },
    onDelete: (o) => {
      const key = isDeletedFinalStateUnknown<KubeObject>(o) ? o.key : metaNamespaceKey(o);
      if (!seen.has(key)) violations.push(`delete of unknown ${key}`);
      seen.delete(key);
    },
  });
  informer.start();

  const faults: Record<string, number> = {};
  const faultKinds = [
    'end',
    'transport',
    'error500',
    'gone',
    'stall',
    'listError',
    'compact',
    'expireContinue',
    'bookmark',
  ] as const;
  let counter = 0;
  for (let i = 0; i < ops; i++) {
    const keys = [...server.objects.keys()];
    const r = rand();
    if (r < 0.05) {
      const fault = pick(faultKinds);
      faults[fault] = (faults[fault] ?? 0) + 1;
      if (fault === 'end') server.endWatches();
      else if (fault === 'transport') server.failWatches(connectionError('ECONNRESET'));
      else if (fault === 'error500') server.errorWatches(500, 'InternalError');
      else if (fault === 'gone') server.errorWatches(410, 'Expired');
      else if (fault === 'stall') server.stallWatches();
      else if (fault === 'listError') lw.queueList(new ApiError(503, 'ServiceUnavailable', 'try later'));
      else if (fault === 'compact') server.compact();
      else if (fault === 'expireContinue') server.expireNextContinue = true;
      else server.bookmark();
    } else if (r < 0.4 || keys.length < 5) {
      server.create(`obj-${counter++}`, pick(['a', 'b', 'c', 'd']));
    } else if (r < 0.8) {
      server.update(pick(keys), { n: i });
    } else {
      server.remove(pick(keys));
    }
    // Time passes irregularly: mostly a little, sometimes past the inactivity deadline.
    const t = rand();
    if (t < 0.6) await settle(1);
    else if (t < 0.98) await clock.advanceAsync(Math.floor(rand() * 3_000));
    else await clock.advanceAsync(160_000);
  }

  // Heal: no more faults; let every backoff and stalled watch run out, then let a bookmark flow.
  for (let i = 0; i < 6; i++) await clock.advanceAsync(60_000);
  server.bookmark();
  await settle(20);

  assert.deepEqual(violations, []);
  assert.equal(informer.hasSynced(), true);
  const expected = new Map([...server.objects].map(([k, v]) => [k, v]));
  assert.deepEqual(new Map(informer.store.list().map((o) => [metaNamespaceKey(o), o])), expected);
  assert.deepEqual(seen, expected);
  assert.equal(informer.status.phase, 'synced');
  assert.equal(informer.lastSyncResourceVersion(), server.resourceVersion);
  informer.stop();
  assert.equal(clock.pendingTimers(), 0);
  return { lists: lw.lists.length, watches: lw.watches.length, faults };
}

describe('Informer: seeded randomized model', () => {
  for (const seed of [1, 42, 20240601]) {
    it(`converges to the model under ~2,000 operations and ~100 faults (seed ${seed})`, async () => {
      const stats = await runModel(seed, 2_000, false);
      const faultCount = Object.values(stats.faults).reduce((a, b) => a + b, 0);
      assert.ok(faultCount >= 60, `faults: ${JSON.stringify(stats.faults)}`);
      assert.ok(stats.lists > 5 && stats.watches > 30, JSON.stringify(stats));
    });
  }

  it('converges with useWatchList too (seed 7)', async () => {
    await runModel(7, 2_000, true);
  });
});
