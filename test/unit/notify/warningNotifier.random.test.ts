import * as assert from 'node:assert/strict';
import { type KubeObject } from '../../../src/core/cache/types';
import { type Notification } from '../../../src/core/notify/notification';
import { WarningNotifier } from '../../../src/core/notify/warningNotifier';
import { FakeClock } from '../fakes/fakeClock';
import { mulberry32 } from '../fakes/random';
import { bump, coreEvent } from './fixtures';

const CONTEXTS = ['prod', 'dev', 'arn:aws:eks:eu-west-1:1:cluster/big'];
const NAMESPACES = ['web', 'api', 'kube-system', 'batch'];
const REASONS = ['BackOff', 'FailedScheduling', 'Unhealthy', 'FailedMount', 'Evicted'];

describe('notify/WarningNotifier randomized accounting', () => {
  for (const seed of [1, 42, 20261125]) {
    it(`accounts for every candidate exactly once (seed ${seed})`, () => {
      const rnd = mulberry32(seed);
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
      const clock = new FakeClock();
      const cooldownMs = 120_000;
      const notifier = new WarningNotifier({ clock, cooldownMs, summaryDelayMs: 10_000 });
      const out: Notification[] = [];
      const at: number[] = [];
      notifier.onDidDecide((n) => {
        out.push(n);
        at.push(clock.now());
      });
      const live = new Map<string, { ctx: string; obj: KubeObject }>();
      let serial = 0;

      // Initial lists: history, never notified.
      for (const ctx of CONTEXTS) {
        for (let i = 0; i < 100; i++) {
          const obj = coreEvent({
            name: `init-${serial++}`,
            namespace: pick(NAMESPACES),
            objectName: `pod-${Math.floor(rnd() * 40)}`,
            reason: pick(REASONS),
            count: 1 + Math.floor(rnd() * 10),
            lastSeen: clock.now() - Math.floor(rnd() * 3_600_000),
          });
          live.set(`${ctx}|${obj.metadata.name}`, { ctx, obj });
          notifier.observe(ctx, undefined, obj, true);
        }
      }
      assert.equal(out.length, 0);

      for (let step = 0; step < 4000; step++) {
        const r = rnd();
        const keys = [...live.keys()];
        if (r < 0.3) {
          const ctx = pick(CONTEXTS);
          const old = rnd() < 0.1;
          const obj = coreEvent({
            name: `ev-${serial++}`,
            namespace: pick(NAMESPACES),
            objectName: `pod-${Math.floor(rnd() * 40)}`,
            reason: pick(REASONS),
            type: rnd() < 0.2 ? 'Normal' : 'Warning',
            lastSeen: old ? clock.now() - 7_200_000 : clock.now(),
          });
          live.set(`${ctx}|${obj.metadata.name}`, { ctx, obj });
          notifier.observe(ctx, undefined, obj, false);
        } else if (r < 0.75 && keys.length > 0) {
          const key = pick(keys);
          const { ctx, obj } = live.get(key)!;
          const count = (obj.count as number) + (rnd() < 0.8 ? 1 + Math.floor(rnd() * 3) : 0);
          const next = bump(obj, count, clock.now());
          live.set(key, { ctx, obj: next });
          notifier.observe(ctx, obj, next, false);
        } else if (r < 0.85 && keys.length > 0) {
          const key = pick(keys);
          const { ctx, obj } = live.get(key)!;
          live.delete(key);
          notifier.observeDelete(ctx, obj);
        } else if (r < 0.87) {
          notifier.updateRules({
            mutedReasons: rnd() < 0.5 ? [pick(REASONS)] : [],
            mutedNamespaces: rnd() < 0.5 ? [pick(NAMESPACES), `${pick(CONTEXTS)}/${pick(NAMESPACES)}`] : [],
            mutedContexts: rnd() < 0.2 ? [pick(CONTEXTS)] : [],
            enabled: rnd() < 0.95,
          });
        } else {
          clock.advance(Math.floor(rnd() * 20_000));
        }
        const s = notifier.stats;
        assert.equal(s.notified + s.summarized + s.muted + s.cooledDown, s.candidates, `step ${step}`);
      }
      notifier.flushSummaries();
      const s = notifier.stats;
      assert.ok(s.candidates > 1000, `enough candidates: ${s.candidates}`);
      assert.ok(s.notified > 0 && s.summarized > 0 && s.muted > 0 && s.cooledDown > 0, JSON.stringify(s));
      assert.ok(s.history >= 300, 'the initial lists are history');
      const warnings = out.filter((n) => n.kind === 'warning');
      const summaries = out.filter((n) => n.kind === 'summary');
      assert.equal(warnings.length, s.notified);
      assert.equal(summaries.length, s.summaries);
      assert.equal(
        summaries.reduce((n, x) => n + x.count, 0),
        s.summarized,
        'every summarised warning appears in an emitted summary',
      );
      for (const x of summaries) {
        assert.equal(
          x.byReason.reduce((n, b) => n + b.count, 0),
          x.count,
        );
      }
      // No (context, namespace, object, reason) is notified twice within the cooldown, and the
      // token bucket holds: at most 5 + 6 notices in any minute.
      const lastNotice = new Map<string, number>();
      const times: number[] = [];
      out.forEach((n, i) => {
        if (n.kind !== 'warning') return;
        const key = `${n.context}|${n.namespace}|${n.event.involved.uid}|${n.event.reason}`;
        const prev = lastNotice.get(key);
        assert.ok(prev === undefined || at[i]! - prev >= cooldownMs, `cooldown broken for ${key}`);
        lastNotice.set(key, at[i]!);
        times.push(at[i]!);
      });
      for (let i = 0; i < times.length; i++) {
        const inMinute = times.filter((t) => t >= times[i]! && t < times[i]! + 60_000).length;
        assert.ok(inMinute <= 11, `budget broken: ${inMinute} notices in a minute`);
      }
      assert.equal(s.observed, s.candidates + s.ignored + s.history);
      assert.equal(clock.pendingTimers(), 0);
      notifier.dispose();
    });
  }
});
