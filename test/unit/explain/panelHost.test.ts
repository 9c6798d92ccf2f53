import * as assert from 'node:assert/strict';
import type { ContextEvent } from '../../../src/core/events/hub';
import { eventId } from '../../../src/core/events/hub';
import { explanationView } from '../../../src/core/explain/panelView';
import type { Explanation, NextStep } from '../../../src/core/explain/types';
import { ExplainPanelHost } from '../../../src/host/explain/explainPanelHost';
import { EXPLAIN_LIMITS, isExplainHostMessage, type ExplanationMessage } from '../../../src/protocol/explain';
import { FakeClock } from '../fakes/fakeClock';
import { ev } from './builders';

const EVENT: ContextEvent = {
  ...ev('BackOff', 'Back-off restarting failed container app in pod web-1_shop(u)', {
    kind: 'Pod',
    namespace: 'shop',
    name: 'web-1',
  }),
  key: 'shop/web-1.1',
  namespace: 'shop',
  context: 'prod',
  id: eventId('prod', 'shop/web-1.1'),
} as unknown as ContextEvent;

const DESCRIBE: NextStep = {
  title: 'Describe Pod web-1',
  command: 'describe',
  target: { kind: 'Pod', namespace: 'shop', name: 'web-1' },
  kubectl: 'kubectl describe pod/web-1 -n shop',
};
const LOGS: NextStep = {
  title: 'Logs',
  command: 'kubectl',
  kubectl: 'kubectl logs web-1 -n shop --previous',
};

function explanation(cause: string): Explanation {
  return {
    reason: 'BackOff',
    cause,
    confidence: 'exact',
    evidence: [{ text: 'exit code 1', ref: { kind: 'Pod', namespace: 'shop', name: 'web-1' } }],
    nextSteps: [DESCRIBE, LOGS],
  };
}

function harness(o: { cause?: () => string; manifest?: boolean; connected?: boolean } = {}) {
  const clock = new FakeClock();
  const posted: ExplanationMessage[] = [];
  const ran: [string, NextStep][] = [];
  const opened: unknown[] = [];
  const listeners: ((c: string | undefined) => void)[] = [];
  let explains = 0;
  const host = new ExplainPanelHost({
    event: (id) => (id === EVENT.id ? EVENT : undefined),
    explain: () => {
      explains++;
      return o.connected === false ? undefined : explanation(o.cause?.() ?? 'crashes');
    },
    view: explanationView,
    hasManifest: () => o.manifest ?? false,
    openManifest: (obj) => opened.push(obj),
    runStep: (context, step) => ran.push([context, step]),
    onDidChange: (l) => {
      listeners.push(l);
      return { dispose: () => listeners.splice(listeners.indexOf(l), 1) };
    },
    post: (m) => posted.push(m),
    clock,
    refreshMs: 1000,
  });
  const change = (c: string | undefined) => listeners.forEach((l) => l(c));
  return { host, clock, posted, ran, opened, change, listeners, explains: () => explains };
}

const OBJECT = { context: 'prod', kind: 'Pod', namespace: 'shop', name: 'web-1', uid: 'u' };
const select = (seq: number, events = [{ context: 'prod', key: 'shop/web-1.1' }]) =>
  ({ type: 'explainSelect', seq, events, object: OBJECT }) as const;

describe('explain panel host', function () {
  it('answers a selection with a valid explanation message of the same seq', function () {
    const h = harness({ manifest: true });
    h.host.select(select(4));
    assert.equal(h.posted.length, 1);
    const m = h.posted[0]!;
    assert.ok(isExplainHostMessage(m), 'the page would accept it');
    assert.equal(m.seq, 4);
    assert.equal(m.manifest, true);
    assert.equal(m.items[0]!.cause, 'crashes');
    assert.deepEqual(
      m.items[0]!.steps.map((s) => s.command),
      ['describe', 'kubectl'],
    );
  });

  it('says why when the event expired or its context is not connected', function () {
    const gone = harness();
    gone.host.select(select(1, [{ context: 'prod', key: 'shop/other' }]));
    assert.deepEqual(gone.posted[0]!.items, []);
    assert.match(gone.posted[0]!.note, /no longer in the cache/);
    const off = harness({ connected: false });
    off.host.select(select(1));
    assert.match(off.posted[0]!.note, /Context prod is not connected/);
  });

  it('runs the step the host computed, by index, only for the current seq', function () {
    const h = harness({ manifest: true });
    h.host.select(select(1));
    h.host.step({ type: 'explainStep', seq: 1, item: 0, step: 1 });
    assert.deepEqual(h.ran, [['prod', LOGS]]);
    h.host.select(select(2));
    h.host.step({ type: 'explainStep', seq: 1, item: 0, step: 0 });
    h.host.step({ type: 'explainStep', seq: 2, item: 0, step: 9 });
    h.host.step({ type: 'explainStep', seq: 2, item: 3, step: 0 });
    assert.equal(h.ran.length, 1, 'stale seq and out-of-range indexes run nothing');
    h.host.openManifest({ type: 'openManifest', seq: 1 });
    assert.deepEqual(h.opened, []);
    h.host.openManifest({ type: 'openManifest', seq: 2 });
    assert.deepEqual(h.opened, [OBJECT]);
  });

  it('opens no manifest the workspace does not define', function () {
    const h = harness({ manifest: false });
    h.host.select(select(1));
    h.host.openManifest({ type: 'openManifest', seq: 1 });
    assert.deepEqual(h.opened, []);
  });

  it('follows the cause: a change in the context recomputes once per refreshMs, and posts only new text', function () {
    let cause = 'no node has 2 CPU free';
    const h = harness({ cause: () => cause });
    h.host.select(select(7));
    assert.equal(h.posted.length, 1);
    for (let i = 0; i < 50; i++) h.change('prod');
    assert.equal(h.explains(), 1, 'nothing recomputed before the delay');
    h.clock.advance(1000);
    assert.equal(h.explains(), 2, 'fifty changes, one recompute');
    assert.equal(h.posted.length, 1, 'same text: nothing posted');
    cause = 'node-2 has 2 CPU free now';
    h.change('prod');
    h.clock.advance(1000);
    assert.equal(h.posted.length, 2);
    assert.equal(h.posted[1]!.seq, 7);
    assert.equal(h.posted[1]!.items[0]!.cause, 'node-2 has 2 CPU free now');
    h.change('staging');
    assert.equal(h.clock.pendingTimers(), 0, 'another context does not concern the selection');
    h.change(undefined);
    assert.equal(h.clock.pendingTimers(), 1, 'an unnamed change (manifests) does');
    h.host.dispose();
    assert.equal(h.clock.pendingTimers(), 0);
    assert.equal(h.listeners.length, 0);
  });

  it('never throws when the explainer does', function () {
    const h = harness();
    const host = new ExplainPanelHost({
      event: () => EVENT,
      explain: () => {
        throw new Error('boom');
      },
      view: explanationView,
      hasManifest: () => {
        throw new Error('boom');
      },
      openManifest: () => undefined,
      runStep: () => undefined,
      onDidChange: () => ({ dispose: () => undefined }),
      post: (m) => h.posted.push(m),
      clock: h.clock,
    });
    host.select(select(1));
    assert.equal(h.posted[0]!.items.length, 0);
    assert.equal(h.posted[0]!.manifest, false);
  });
});

describe('explain panel view', function () {
  it('sanitizes cluster text and bounds every list to what the page accepts', function () {
    const hostile = `crash \u202Egnp.exe\u0007 ${'x'.repeat(5000)}`;
    const x: Explanation = {
      reason: 'BackOff\u200B',
      cause: hostile,
      confidence: 'partial',
      evidence: Array.from({ length: 100 }, (_, i) => ({ text: `fact ${i} token=abc123secretvalue` })),
      nextSteps: Array.from({ length: 40 }, () => LOGS),
      rollout: {
        workload: { kind: 'Deployment', namespace: 'shop', name: 'web' },
        revision: '7',
        sinceRollout: 40_000,
        startedAfterRollout: true,
        warningsPerRevision: [{ revision: '7', warnings: 3 }],
        changes: Array.from({ length: 100 }, () => ({
          area: 'image' as const,
          container: 'app',
          text: 'a -> b',
        })),
        previousRevision: '6',
      },
    };
    const v = explanationView(x, EVENT, 'prod', EVENT.key);
    assert.ok(isExplainHostMessage({ type: 'explanation', seq: 1, items: [v], note: '', manifest: false }));
    assert.ok(
      !['\u202E', '\u200B', '\u0007'].some((c) => (v.cause + v.reason).includes(c)),
      'no bidi, zero-width or control characters',
    );
    assert.ok(v.cause.length <= 401);
    assert.equal(v.evidence.length, EXPLAIN_LIMITS.evidence);
    assert.equal(v.steps.length, EXPLAIN_LIMITS.steps);
    assert.ok(v.rollout.length <= EXPLAIN_LIMITS.rollout);
    assert.equal(v.rollout[0], 'first seen 40s after web rolled out revision 7');
    assert.equal(v.subject, 'Pod shop/web-1');
  });

  it('keeps each step title and kubectl line, and names the object of each fact', function () {
    const v = explanationView(explanation('c'), EVENT, 'prod', EVENT.key);
    assert.deepEqual(v.steps, [
      { title: 'Describe Pod web-1', command: 'describe', kubectl: 'kubectl describe pod/web-1 -n shop' },
      { title: 'Logs', command: 'kubectl', kubectl: 'kubectl logs web-1 -n shop --previous' },
    ]);
    assert.deepEqual(v.evidence, ['exit code 1 (Pod shop/web-1)']);
  });

  it('keeps the lazy informers its explanations lease while they are shown, and releases them after', function () {
    const clock = new FakeClock();
    const listeners: ((c: string | undefined) => void)[] = [];
    let live = 0;
    let acquired = 0;
    const owner = {};
    const host = new ExplainPanelHost({
      event: (id) => (id === EVENT.id ? EVENT : undefined),
      explain: (_e, holder) => {
        holder.hold('prod/controllerrevisions', owner, () => {
          live++;
          acquired++;
          return { dispose: () => live-- };
        });
        return explanation('crashes');
      },
      view: explanationView,
      hasManifest: () => false,
      openManifest: () => undefined,
      runStep: () => undefined,
      onDidChange: (l) => {
        listeners.push(l);
        return { dispose: () => listeners.splice(listeners.indexOf(l), 1) };
      },
      post: () => undefined,
      clock,
      refreshMs: 1000,
    });
    host.select(select(1));
    assert.equal(live, 1, 'leased while shown');
    listeners.forEach((l) => l('prod'));
    clock.advance(1000);
    assert.deepEqual([live, acquired], [1, 1], 'a recomputation keeps the same lease');
    host.select(select(2, []));
    assert.equal(live, 0, 'a selection without that Warning releases it');
    host.select(select(3));
    assert.equal(live, 1);
    host.reset();
    assert.equal(live, 0, 'reset releases');
    host.select(select(4));
    host.dispose();
    assert.equal(live, 0, 'dispose releases');
  });
});
