/**
 * core l10n: the phrases src/core writes for people (notifications, group summaries, kubeconfig
 * problems) go through the Localizer they are given, with English the default. A pseudo-locale
 * brackets every message: a phrase built by concatenation instead shows up unbracketed.
 */
import * as assert from 'node:assert/strict';
import { normalizeEvent } from '../../../src/core/events/model';
import {
  type Notification,
  objectLabel,
  summaryMessage,
  warningMessage,
  warningTitle,
} from '../../../src/core/notify/notification';
import { WarningNotifier } from '../../../src/core/notify/warningNotifier';
import { type EventGroup, groupSummary } from '../../../src/core/stream/group';
import { formatMessage, type Localizer } from '../../../src/core/util/l10n';
import { kubeconfigProblem } from '../../../src/core/welcome/welcomeState';
import type { EventRow } from '../../../src/protocol/events';
import { FakeClock } from '../fakes/fakeClock';
import { coreEvent } from '../notify/fixtures';

/** pseudo brackets each message (after filling it) and records the messages asked for. */
function pseudo(): Localizer & { asked: string[] } {
  const asked: string[] = [];
  return { asked, t: (m, ...a) => (asked.push(m), `⟦${formatMessage(m, a)}⟧`) };
}

function group(p: Partial<EventGroup> & { kinds: string[]; owner?: boolean }): EventGroup {
  const members = p.kinds.map((kind, i) => ({
    row: { kind, name: `x-${i}`, ownerUid: p.owner ? 'o1' : '' } as unknown as EventRow,
  }));
  return {
    kind: 'group',
    key: 'k',
    mode: p.owner ? 'owner' : 'object',
    label: 'Deployment/web',
    reason: 'BackOff',
    members: members as unknown as EventGroup['members'],
    objects: p.kinds.length,
    count: p.kinds.length,
    warning: true,
    expired: false,
  };
}

describe('l10n: core phrases', () => {
  const event = normalizeEvent(coreEvent({ reason: 'BackOff', count: 12, objectName: 'web-1' }));

  it('notification titles and messages: English by default, unchanged', () => {
    assert.equal(warningTitle(event, 3), 'BackOff x12 on pod web-1 (3 more since last notice)');
    assert.equal(
      summaryMessage(
        'prod',
        'web',
        12,
        [{ reason: 'BackOff', count: 12 }],
        ['pod a', 'pod b', 'pod c', 'pod d'],
      ),
      '12 more warnings in prod/web: BackOff x12 (pod a, pod b, pod c, +1 more)',
    );
    assert.equal(
      summaryMessage('prod', '', 1, [{ reason: 'X', count: 1 }], [], ['a', 'b']),
      '1 more warning in prod, 2 other namespaces (a, b): X x1',
    );
  });

  it('notification titles and summaries put their own words through the Localizer', () => {
    const l = pseudo();
    assert.equal(warningTitle(event, 3, l), '⟦⟦BackOff x12 on pod web-1⟧ (3 more since last notice)⟧');
    assert.equal(objectLabel({ kind: '', name: '' }, l), '⟦object⟧ ⟦<unnamed>⟧');
    const summary = summaryMessage(
      'prod',
      '',
      40,
      [1, 2, 3, 4, 5].map((i) => ({ reason: `R${i}`, count: i })),
      ['a', 'b', 'c', 'd'],
      ['n1'],
      l,
    );
    assert.equal(
      summary,
      '⟦40 more warnings in ⟦prod, 1 other namespace⟧ (n1)⟧: R1 x1, R2 x2, R3 x3, R4 x4⟦, +1 other reasons⟧ (a, b, c⟦, +1 more⟧)',
    );
    assert.match(warningMessage('prod', 'web', event, warningTitle(event, 0, l)), /^prod\/web: ⟦/);
  });

  it('the WarningNotifier uses the Localizer of its options for what it emits', () => {
    const clock = new FakeClock();
    const l = pseudo();
    const notifier = new WarningNotifier({ clock, l10n: l, budget: { capacity: 1, refillPerMinute: 0 } });
    const out: Notification[] = [];
    notifier.onDidDecide((n) => out.push(n));
    notifier.markSynced('prod');
    for (const name of ['a', 'b'])
      notifier.observe('prod', undefined, coreEvent({ objectName: name, lastSeen: clock.now() }), false);
    clock.advance(60_000);
    assert.deepEqual(
      out.map((n) => n.kind),
      ['warning', 'summary'],
    );
    assert.match(out[0]!.kind === 'warning' ? out[0]!.title : '', /^⟦/);
    assert.match(out[1]!.message, /^⟦1 more warning in prod\/web⟧: BackOff x1 \(pod b\)$/);
    notifier.dispose();
  });

  it('group summaries: English by default, every shape through the Localizer', () => {
    assert.equal(
      groupSummary(group({ kinds: ['Pod', 'Pod'], owner: true })),
      'BackOff on 2 Pods of Deployment/web',
    );
    assert.equal(groupSummary(group({ kinds: ['Pod', 'Job'] })), 'BackOff on 2 objects');
    const l = pseudo();
    for (const g of [
      group({ kinds: ['Pod'] }),
      group({ kinds: ['Pod', 'Pod'] }),
      group({ kinds: ['Pod', 'Job'] }),
      group({ kinds: ['Pod', 'Pod'], owner: true }),
      group({ kinds: ['Pod', 'Job'], owner: true }),
    ])
      assert.match(groupSummary(g, l), /^⟦.*⟧$/);
    assert.equal(new Set(l.asked).size, 5);
  });

  it('a kubeconfig problem without a reason says so through the Localizer', () => {
    assert.equal(kubeconfigProblem({ path: '/k', message: '' }).reason, 'cannot read');
    assert.equal(kubeconfigProblem({ path: '/k', message: '' }, pseudo()).reason, '⟦cannot read⟧');
  });
});
