import * as assert from 'node:assert/strict';
import { eventObserverHandler } from '../../../src/core/notify/eventObserver';
import {
  type Notification,
  type SummaryNotification,
  type WarningNotification,
} from '../../../src/core/notify/notification';
import { WarningNotifier, type WarningNotifierOptions } from '../../../src/core/notify/warningNotifier';
import { FakeClock } from '../fakes/fakeClock';
import { bump, coreEvent } from './fixtures';

const CTX = 'prod';

function setup(options: Partial<WarningNotifierOptions> = {}) {
  const clock = new FakeClock();
  const notifier = new WarningNotifier({ clock, ...options });
  const out: Notification[] = [];
  notifier.onDidDecide((n) => out.push(n));
  notifier.markSynced(CTX);
  const warnings = () => out.filter((n): n is WarningNotification => n.kind === 'warning');
  const summaries = () => out.filter((n): n is SummaryNotification => n.kind === 'summary');
  return { clock, notifier, out, warnings, summaries };
}

function invariant(n: WarningNotifier): void {
  const s = n.stats;
  assert.equal(s.notified + s.summarized + s.muted + s.cooledDown, s.candidates, JSON.stringify(s));
}

describe('notify/WarningNotifier', () => {
  describe('what is a candidate', () => {
    it('does not flood with the warnings of the initial list', () => {
      const clock = new FakeClock();
      const notifier = new WarningNotifier({ clock });
      const out: Notification[] = [];
      notifier.onDidDecide((n) => out.push(n));
      const handler = eventObserverHandler(CTX, notifier);
      for (let i = 0; i < 50; i++) {
        handler.onAdd!(coreEvent({ objectName: `web-${i}`, lastSeen: clock.now() - i * 60_000 }), true);
      }
      assert.equal(out.length, 0);
      assert.equal(notifier.stats.history, 50);
      assert.equal(notifier.stats.candidates, 0);
      // The first change after the list is live.
      handler.onAdd!(coreEvent({ objectName: 'late', lastSeen: clock.now() }), false);
      assert.equal(out.length, 1);
      notifier.dispose();
    });

    it('ignores late arrivals last seen before the sync (explicit sync time)', () => {
      const { clock, notifier, out } = setup();
      clock.advance(120_000);
      notifier.observe(
        CTX,
        undefined,
        coreEvent({ objectName: 'old', lastSeen: clock.now() - 600_000 }),
        false,
      );
      assert.equal(out.length, 0);
      assert.equal(notifier.stats.history, 1);
      // Within the skew (a cluster clock a little behind ours) is still news.
      notifier.observe(
        CTX,
        undefined,
        coreEvent({ objectName: 'skewed', lastSeen: clock.now() - 150_000 }),
        false,
      );
      assert.equal(out.length, 1);
      notifier.dispose();
    });

    it('infers the sync time from the first change after the initial list', () => {
      const clock = new FakeClock();
      const notifier = new WarningNotifier({ clock });
      const out: Notification[] = [];
      notifier.onDidDecide((n) => out.push(n));
      notifier.observe(CTX, undefined, coreEvent({ objectName: 'a', lastSeen: clock.now() }), true);
      clock.advance(5_000);
      // Old history trickling in right after the list.
      notifier.observe(
        CTX,
        undefined,
        coreEvent({ objectName: 'b', lastSeen: clock.now() - 1_800_000 }),
        false,
      );
      assert.equal(out.length, 0);
      notifier.observe(CTX, undefined, coreEvent({ objectName: 'c', lastSeen: clock.now() }), false);
      assert.equal(out.length, 1);
      notifier.dispose();
    });

    it('infers a new sync time after a relist (a reconnected session)', () => {
      const clock = new FakeClock();
      const notifier = new WarningNotifier({ clock });
      const out: Notification[] = [];
      notifier.onDidDecide((n) => out.push(n));
      notifier.observe(CTX, undefined, coreEvent({ objectName: 'a', lastSeen: clock.now() }), true);
      notifier.observe(CTX, undefined, coreEvent({ objectName: 'b', lastSeen: clock.now() }), false);
      assert.equal(out.length, 1);
      // Offline for an hour; the new session lists again, then old events trickle in.
      clock.advance(3_600_000);
      notifier.observe(CTX, undefined, coreEvent({ objectName: 'c', lastSeen: clock.now() }), true);
      clock.advance(1_000);
      notifier.observe(
        CTX,
        undefined,
        coreEvent({ objectName: 'd', lastSeen: clock.now() - 1_800_000 }),
        false,
      );
      assert.equal(out.length, 1, 'last seen during the outage, before the new sync: history');
      notifier.dispose();
    });

    it('treats a warning without any timestamp after the sync as new', () => {
      const { notifier, out } = setup();
      notifier.observe(CTX, undefined, coreEvent({ objectName: 'x' }), false);
      assert.equal(out.length, 1);
      notifier.dispose();
    });

    it('ignores Normal events and deleted events', () => {
      const { clock, notifier, out } = setup();
      const handler = eventObserverHandler(CTX, notifier);
      const normal = coreEvent({ type: 'Normal', reason: 'Pulled', lastSeen: clock.now() });
      handler.onAdd!(normal, false);
      handler.onUpdate!(normal, bump(normal, 5, clock.now()));
      const warning = coreEvent({ lastSeen: clock.now() });
      handler.onDelete!(warning);
      handler.onDelete!({ key: 'web/x', obj: warning, finalStateUnknown: true });
      assert.equal(out.length, 0);
      assert.equal(notifier.stats.candidates, 0);
      assert.equal(notifier.stats.ignored, 4);
      notifier.dispose();
    });

    it('notifies a repeat whose count rose, not an update that raises nothing', () => {
      const { clock, notifier, warnings } = setup({ cooldownMs: 0 });
      const v1 = coreEvent({ count: 3, lastSeen: clock.now() - 10_000 });
      // Present at start: no notice.
      notifier.observe(CTX, undefined, v1, true);
      const v2 = bump(v1, 4, clock.now());
      notifier.observe(CTX, v1, v2, false);
      assert.equal(warnings().length, 1);
      assert.equal(warnings()[0]!.title, 'BackOff x4 on pod web-1');
      const v3 = structuredClone(v2);
      v3.metadata.resourceVersion = '99';
      v3.metadata.annotations = { touched: 'yes' };
      notifier.observe(CTX, v2, v3, false);
      assert.equal(warnings().length, 1, 'a metadata-only update is not a repeat');
      notifier.dispose();
    });

    it('notifies a rise of series.count, including a series that starts', () => {
      const { clock, notifier, warnings } = setup({ cooldownMs: 0 });
      const t = clock.now();
      const v1 = coreEvent({ count: 1, lastSeen: t });
      const v2 = structuredClone(v1);
      v2.series = { count: 2, lastObservedTime: new Date(t + 1000).toISOString() };
      notifier.observe(CTX, v1, v2, false);
      const v3 = structuredClone(v2);
      v3.series = { count: 3, lastObservedTime: new Date(t + 2000).toISOString() };
      notifier.observe(CTX, v2, v3, false);
      assert.deepEqual(
        warnings().map((w) => w.event.count),
        [2, 3],
      );
      notifier.dispose();
    });
  });

  describe('muting', () => {
    it('mutes by reason, exactly and case-sensitively', () => {
      const { clock, notifier, warnings } = setup({ mutedReasons: ['BackOff'] });
      notifier.observe(CTX, undefined, coreEvent({ reason: 'BackOff', lastSeen: clock.now() }), false);
      notifier.observe(CTX, undefined, coreEvent({ reason: 'backoff', lastSeen: clock.now() }), false);
      notifier.observe(CTX, undefined, coreEvent({ reason: 'BackOffX', lastSeen: clock.now() }), false);
      assert.deepEqual(
        warnings().map((w) => w.event.reason),
        ['backoff', 'BackOffX'],
      );
      assert.equal(notifier.stats.muted, 1);
      invariant(notifier);
      notifier.dispose();
    });

    it('mutes by namespace, everywhere or in one context', () => {
      const { clock, notifier, warnings } = setup({ mutedNamespaces: ['kube-system', 'prod/web'] });
      notifier.markSynced('dev');
      const now = clock.now();
      notifier.observe(CTX, undefined, coreEvent({ namespace: 'kube-system', lastSeen: now }), false);
      notifier.observe('dev', undefined, coreEvent({ namespace: 'kube-system', lastSeen: now }), false);
      notifier.observe(CTX, undefined, coreEvent({ namespace: 'web', lastSeen: now }), false);
      notifier.observe('dev', undefined, coreEvent({ namespace: 'web', lastSeen: now }), false);
      assert.deepEqual(
        warnings().map((w) => `${w.context}/${w.namespace}`),
        ['dev/web'],
      );
      assert.equal(notifier.stats.muted, 3);
      notifier.dispose();
    });

    it('files a cluster-scoped object under no namespace (a Node event lives in "default")', () => {
      const { clock, notifier, warnings } = setup({ mutedNamespaces: ['default'] });
      const ev = coreEvent({
        namespace: 'default',
        objectNamespace: '',
        kind: 'Node',
        objectName: 'n1',
        lastSeen: clock.now(),
      });
      notifier.observe(CTX, undefined, ev, false);
      assert.equal(warnings().length, 1);
      assert.equal(warnings()[0]!.namespace, '');
      assert.match(warnings()[0]!.message, /^prod: BackOff on node n1: /);
      notifier.dispose();
    });

    it('mutes by context, and everything when disabled', () => {
      const { clock, notifier, warnings } = setup({ mutedContexts: ['prod'] });
      notifier.markSynced('dev');
      notifier.observe(CTX, undefined, coreEvent({ lastSeen: clock.now() }), false);
      notifier.observe('dev', undefined, coreEvent({ lastSeen: clock.now() }), false);
      assert.deepEqual(
        warnings().map((w) => w.context),
        ['dev'],
      );
      notifier.updateRules({ enabled: false });
      notifier.observe('dev', undefined, coreEvent({ objectName: 'other', lastSeen: clock.now() }), false);
      assert.equal(warnings().length, 1);
      assert.equal(notifier.stats.muted, 2);
      invariant(notifier);
      notifier.dispose();
    });
  });

  describe('cooldown', () => {
    it('suppresses repeats within the cooldown and reports them folded in the next notice', () => {
      const { clock, notifier, warnings } = setup({ cooldownMs: 300_000 });
      let ev = coreEvent({ count: 1, lastSeen: clock.now() });
      notifier.observe(CTX, undefined, ev, false);
      for (let c = 2; c <= 9; c++) {
        clock.advance(20_000);
        const next = bump(ev, c, clock.now());
        notifier.observe(CTX, ev, next, false);
        ev = next;
      }
      // A jump of several occurrences in one update counts them all.
      clock.advance(20_000);
      let next = bump(ev, 12, clock.now());
      notifier.observe(CTX, ev, next, false);
      ev = next;
      assert.equal(warnings().length, 1);
      assert.equal(notifier.stats.cooledDown, 9);
      clock.advance(300_000);
      next = bump(ev, 13, clock.now());
      notifier.observe(CTX, ev, next, false);
      assert.equal(warnings().length, 2);
      const w = warnings()[1]!;
      assert.equal(w.repeatsFolded, 11);
      assert.equal(w.title, 'BackOff x13 on pod web-1 (11 more since last notice)');
      assert.match(w.message, /^prod\/web: BackOff x13 on pod web-1 \(11 more since last notice\): Back-off/);
      invariant(notifier);
      notifier.dispose();
    });

    it('keys the cooldown by object and reason', () => {
      const { clock, notifier, warnings } = setup();
      const now = clock.now();
      notifier.observe(
        CTX,
        undefined,
        coreEvent({ objectName: 'a', reason: 'BackOff', lastSeen: now }),
        false,
      );
      notifier.observe(
        CTX,
        undefined,
        coreEvent({ objectName: 'a', reason: 'Unhealthy', lastSeen: now }),
        false,
      );
      notifier.observe(
        CTX,
        undefined,
        coreEvent({ objectName: 'b', reason: 'BackOff', lastSeen: now }),
        false,
      );
      // Same object and reason, another Event object (e.g. recreated): cooled down.
      notifier.observe(CTX, undefined, coreEvent({ name: 'a.2', objectName: 'a', lastSeen: now }), false);
      assert.equal(warnings().length, 3);
      assert.equal(notifier.stats.cooledDown, 1);
      notifier.dispose();
    });

    it('applies a cooldown changed live', () => {
      const { clock, notifier, warnings } = setup({ cooldownMs: 600_000 });
      let ev = coreEvent({ lastSeen: clock.now() });
      notifier.observe(CTX, undefined, ev, false);
      clock.advance(90_000);
      let next = bump(ev, 2, clock.now());
      notifier.observe(CTX, ev, next, false);
      ev = next;
      assert.equal(warnings().length, 1);
      notifier.updateRules({ cooldownMs: 60_000 });
      next = bump(ev, 3, clock.now());
      notifier.observe(CTX, ev, next, false);
      assert.equal(warnings().length, 2);
      assert.equal(warnings()[1]!.repeatsFolded, 1);
      notifier.dispose();
    });
  });

  describe('global budget', () => {
    it('folds what is over budget into one summary per namespace after the delay', () => {
      const { clock, notifier, warnings, summaries } = setup({ summaryDelayMs: 10_000 });
      const now = clock.now();
      for (let i = 0; i < 17; i++) {
        const reason = i < 14 ? 'BackOff' : 'FailedScheduling';
        notifier.observe(CTX, undefined, coreEvent({ objectName: `web-${i}`, reason, lastSeen: now }), false);
      }
      assert.equal(warnings().length, 5, 'capacity 5');
      assert.equal(summaries().length, 0, 'the summary waits');
      clock.advance(9_999);
      assert.equal(summaries().length, 0);
      clock.advance(1);
      assert.equal(summaries().length, 1);
      const s = summaries()[0]!;
      assert.equal(s.count, 12);
      assert.equal(s.namespace, 'web');
      assert.deepEqual(s.byReason, [
        { reason: 'BackOff', count: 9 },
        { reason: 'FailedScheduling', count: 3 },
      ]);
      assert.equal(s.objects.length, 12);
      assert.ok(s.objects.includes('pod web-16'));
      assert.match(s.message, /^12 more warnings in prod\/web: BackOff x9, FailedScheduling x3 \(pod /);
      assert.match(s.message, /\+9 more\)$/);
      assert.equal(notifier.stats.summaries, 1);
      assert.equal(clock.pendingTimers(), 0);
      invariant(notifier);
      notifier.dispose();
    });

    it('keeps one summary per (context, namespace) and refills tokens over time', () => {
      const { clock, notifier, warnings, summaries } = setup({ budget: { capacity: 1, refillPerMinute: 6 } });
      notifier.markSynced('dev');
      const now = clock.now();
      notifier.observe(CTX, undefined, coreEvent({ objectName: 'a', lastSeen: now }), false);
      notifier.observe(CTX, undefined, coreEvent({ objectName: 'b', lastSeen: now }), false);
      notifier.observe(
        CTX,
        undefined,
        coreEvent({ objectName: 'c', namespace: 'api', lastSeen: now }),
        false,
      );
      notifier.observe('dev', undefined, coreEvent({ objectName: 'd', lastSeen: now }), false);
      assert.equal(warnings().length, 1);
      clock.advance(10_000);
      assert.deepEqual(
        summaries()
          .map((s) => `${s.context}/${s.namespace}:${s.count}`)
          .sort(),
        ['dev/web:1', 'prod/api:1', 'prod/web:1'],
      );
      assert.equal(
        summaries()
          .find((s) => s.count === 1)!
          .message.startsWith('1 more warning in '),
        true,
      );
      // 10 s at 6/min gave one token back.
      notifier.observe(CTX, undefined, coreEvent({ objectName: 'e', lastSeen: clock.now() }), false);
      assert.equal(warnings().length, 2);
      invariant(notifier);
      notifier.dispose();
    });

    it('bounds summaries per context: a storm over 20 namespaces gives 4 per window, every warning counted', () => {
      const { clock, notifier, summaries } = setup({ budget: { capacity: 0, refillPerMinute: 0 } });
      const now = clock.now();
      // Namespace ns-i gets i+1 warnings, arriving round-robin so ns-0..ns-2 open groups first.
      for (let round = 0; round < 20; round++)
        for (let i = round; i < 20; i++)
          notifier.observe(
            CTX,
            undefined,
            coreEvent({ objectName: `p${round}`, namespace: `ns-${i}`, reason: `R${i % 2}`, lastSeen: now }),
            false,
          );
      clock.advance(10_000);
      const got = summaries();
      assert.equal(got.length, 4, got.map((x) => x.message).join('\n'));
      assert.deepEqual(
        got.filter((x) => x.namespace !== '').map((x) => x.namespace),
        ['ns-0', 'ns-1', 'ns-2'],
      );
      const others = got.find((x) => x.namespace === '')!;
      assert.equal(others.namespaces!.length, 17);
      assert.equal(others.namespaces![0], 'ns-19', 'most warnings first');
      assert.equal(others.count, 210 - 6);
      assert.equal(
        others.byReason.reduce((n, r) => n + r.count, 0),
        others.count,
      );
      assert.match(
        others.message,
        /^204 more warnings in prod, 17 other namespaces \(ns-19, ns-18, ns-17, \+14\): /,
      );
      assert.equal(
        got.reduce((n, x) => n + x.count, 0),
        notifier.stats.summarized,
      );
      invariant(notifier);
      // Muting one namespace takes its pending warnings out of the shared group too.
      for (let i = 0; i < 6; i++)
        notifier.observe(
          CTX,
          undefined,
          coreEvent({ objectName: 'q', namespace: `ns-${i}`, lastSeen: clock.now() }),
          false,
        );
      notifier.updateRules({ mutedNamespaces: ['ns-4'] });
      clock.advance(10_000);
      const next = summaries().slice(4);
      assert.deepEqual(
        next.map((x) => `${x.namespace || (x.namespaces ?? []).join('+')}:${x.count}`),
        ['ns-0:1', 'ns-1:1', 'ns-2:1', 'ns-3+ns-5:2'],
      );
      invariant(notifier);
      notifier.dispose();
    });

    it('moves pending summarised warnings to muted when the rules mute them', () => {
      const { clock, notifier, summaries } = setup({ budget: { capacity: 0, refillPerMinute: 0 } });
      const now = clock.now();
      notifier.observe(
        CTX,
        undefined,
        coreEvent({ objectName: 'a', reason: 'BackOff', lastSeen: now }),
        false,
      );
      notifier.observe(
        CTX,
        undefined,
        coreEvent({ objectName: 'b', reason: 'Unhealthy', lastSeen: now }),
        false,
      );
      notifier.observe(
        CTX,
        undefined,
        coreEvent({ objectName: 'c', namespace: 'api', lastSeen: now }),
        false,
      );
      assert.equal(notifier.stats.summarized, 3);
      notifier.updateRules({ mutedReasons: ['Unhealthy'], mutedNamespaces: ['api'] });
      assert.equal(notifier.stats.summarized, 1);
      assert.equal(notifier.stats.muted, 2);
      invariant(notifier);
      clock.advance(10_000);
      assert.equal(summaries().length, 1);
      assert.deepEqual(summaries()[0]!.byReason, [{ reason: 'BackOff', count: 1 }]);
      notifier.updateRules({ mutedNamespaces: [] });
      assert.equal(notifier.stats.muted, 2, 'unmuting does not bring anything back');
      notifier.dispose();
    });
  });

  it('dispose clears every timer and stops deciding', () => {
    const { clock, notifier, out } = setup({ budget: { capacity: 0, refillPerMinute: 0 } });
    notifier.observe(CTX, undefined, coreEvent({ objectName: 'a', lastSeen: clock.now() }), false);
    notifier.observe(
      CTX,
      undefined,
      coreEvent({ objectName: 'b', namespace: 'api', lastSeen: clock.now() }),
      false,
    );
    assert.equal(clock.pendingTimers(), 2);
    notifier.dispose();
    assert.equal(clock.pendingTimers(), 0);
    notifier.observe(CTX, undefined, coreEvent({ objectName: 'c', lastSeen: clock.now() }), false);
    clock.advance(60_000);
    assert.equal(out.length, 0);
  });

  it('flushSummaries emits pending summaries at once', () => {
    const { clock, notifier, summaries } = setup({ budget: { capacity: 0, refillPerMinute: 0 } });
    notifier.observe(CTX, undefined, coreEvent({ lastSeen: clock.now() }), false);
    notifier.flushSummaries();
    assert.equal(summaries().length, 1);
    assert.equal(clock.pendingTimers(), 0);
    notifier.dispose();
  });

  it('notifies hostile cluster text as short, plain, single-line text', () => {
    const { clock, notifier, warnings } = setup();
    const hostile = coreEvent({
      reason: 'Back\u202eOff\n',
      objectName: 'web\u2066-1\u0007',
      message: `line1\nline2\r\n\u001b[31mred\u001b[0m [click](command:workbench.action.terminal.new) ${'A'.repeat(5000)}`,
      lastSeen: clock.now(),
    });
    notifier.observe(CTX, undefined, hostile, false);
    const w = warnings()[0]!;
    for (const text of [w.title, w.message]) {
      assert.ok(Array.from(text).length <= 300, `too long: ${text.length}`);
      // eslint-disable-next-line no-control-regex -- asserting there are none
      assert.doesNotMatch(text, /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
      assert.doesNotMatch(text, /\]\(/);
    }
    assert.ok(w.message.endsWith('…'));
    assert.equal(w.title, 'Back<U+202E>Off on pod web<U+2066>-1\u2407', 'made visible, not hidden');
    notifier.dispose();
  });
});
