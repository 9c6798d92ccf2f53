import * as assert from 'node:assert/strict';
import { type KubeObject } from '../../../src/core/cache/types';
import { WarningRollup } from '../../../src/core/rollup/warningRollup';
import { FakeClock } from '../fakes/fakeClock';
import { mulberry32 } from '../fakes/random';
import { bump, coreEvent } from '../notify/fixtures';
import { object, owner } from './fixtures';

describe('rollup/WarningRollup at scale', () => {
  it('takes 10,000 pods and 20,000 events, then 20,000 repeats, incrementally', function () {
    this.timeout(30_000);
    const rnd = mulberry32(11);
    const clock = new FakeClock();
    const rollup = new WarningRollup({ clock });
    let changes = 0;
    rollup.onDidChange(() => changes++);
    const pods: { uid: string; name: string; ns: string; deploy: string }[] = [];
    const started = performance.now();
    for (let d = 0; d < 200; d++) {
      const ns = `ns-${d % 20}`;
      rollup.observeObject(object('Deployment', `d${d}`, `d${d}`, [], ns));
      for (let r = 0; r < 2; r++) {
        const rs = `d${d}-rs${r}`;
        rollup.observeObject(object('ReplicaSet', rs, rs, [owner('Deployment', `d${d}`, `d${d}`)], ns));
        for (let p = 0; p < 25; p++) {
          const uid = `${rs}-p${p}`;
          rollup.observeObject(object('Pod', uid, uid, [owner('ReplicaSet', rs, rs)], ns));
          pods.push({ uid, name: uid, ns, deploy: `d${d}` });
        }
      }
    }
    assert.equal(pods.length, 10_000);
    const events: KubeObject[] = [];
    const perDeploy = new Map<string, number>();
    for (let i = 0; i < 20_000; i++) {
      const p = pods[Math.floor(rnd() * pods.length)]!;
      const e = coreEvent({
        name: `e${i}`,
        namespace: p.ns,
        objectName: p.name,
        objectUid: p.uid,
        lastSeen: clock.now() - Math.floor(rnd() * 1_800_000),
      });
      events.push(e);
      rollup.observeEvent(undefined, e);
      perDeploy.set(p.deploy, (perDeploy.get(p.deploy) ?? 0) + 1);
    }
    const loaded = performance.now();
    for (let i = 0; i < 20_000; i++) {
      const e = events[i]!;
      const next = bump(e, 2, clock.now());
      rollup.observeEvent(e, next);
      events[i] = next;
    }
    const updated = performance.now();
    assert.equal(rollup.countForContext(), 20_000);
    for (const [d, n] of perDeploy) assert.equal(rollup.countFor(d), n);
    let sumNs = 0;
    for (let n = 0; n < 20; n++) sumNs += rollup.countForNamespace(`ns-${n}`);
    assert.equal(sumNs, 20_000);
    clock.advance(100);
    assert.equal(changes, 1, 'all of it coalesced into one change');
    // Everything expires an hour after the repeats.
    clock.advance(3_600_000);
    assert.equal(rollup.countForContext(), 0);
    const loadMs = loaded - started;
    const updateMs = updated - loaded;
    assert.ok(loadMs < 5_000, `load took ${loadMs.toFixed(0)} ms`);
    assert.ok(updateMs < 3_000, `20,000 updates took ${updateMs.toFixed(0)} ms`);
    rollup.dispose();
    assert.equal(clock.pendingTimers(), 0);
  });
});
