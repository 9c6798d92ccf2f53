import * as assert from 'node:assert/strict';
import type { StreamEntry } from '../../../src/core/stream/listModel';
import { groupEntries } from '../../../src/core/stream/group';
import { isHostMessage, isWebviewMessage, type EventRow } from '../../../src/protocol/events';
import { EXPLAIN_LIMITS, isExplainHostMessage, isExplainWebviewMessage } from '../../../src/protocol/explain';
import { selectionOf } from '../../../src/webview/explainPanel';

const item = {
  event: { context: 'prod', key: 'shop/a' },
  reason: 'BackOff',
  subject: 'Pod shop/web-1',
  cause: 'crashes',
  confidence: 'exact',
  evidence: ['exit code 1'],
  rollout: [],
  steps: [{ title: 'Describe', command: 'describe', kubectl: '' }],
};
const explanation = { type: 'explanation', seq: 3, items: [item], note: '', manifest: true };

function row(p: Partial<EventRow>): EventRow {
  return {
    id: 'x',
    context: 'prod',
    key: 'shop/x',
    type: 'Normal',
    reason: 'Pulled',
    message: 'm',
    count: 1,
    lastSeen: 2,
    firstSeen: 1,
    source: 'kubelet',
    host: '',
    kind: 'Pod',
    namespace: 'shop',
    name: 'web-1',
    uid: 'p1',
    apiVersion: 'v1',
    fieldPath: '',
    ownerKind: 'Deployment',
    ownerName: 'web',
    ownerUid: 'd1',
    expired: 0,
    expiredAt: 0,
    ...p,
  };
}
const entry = (r: EventRow) => ({ kind: 'event', row: r }) as unknown as StreamEntry;

describe('protocol: the explanation panel', function () {
  it('accepts a valid explanation and rollout marks, in the events protocol too', function () {
    assert.ok(isExplainHostMessage(explanation));
    assert.ok(isHostMessage(explanation));
    const marks = {
      type: 'rolloutMarks',
      marks: [{ context: 'p', workload: 'Deployment a/b', revision: '2', at: 5 }],
    };
    assert.ok(isHostMessage(marks));
  });

  it('rejects unknown commands, wrong types and oversized lists or strings', function () {
    const bad = (patch: Record<string, unknown>) => ({ ...explanation, items: [{ ...item, ...patch }] });
    assert.ok(!isHostMessage(bad({ steps: [{ title: 't', command: 'rm -rf', kubectl: '' }] })));
    assert.ok(!isHostMessage(bad({ confidence: 'certain' })));
    assert.ok(!isHostMessage(bad({ cause: 'x'.repeat(EXPLAIN_LIMITS.line + 1) })));
    assert.ok(!isHostMessage(bad({ evidence: Array(EXPLAIN_LIMITS.evidence + 1).fill('x') })));
    assert.ok(!isHostMessage(bad({ evidence: [{ html: '<b>' }] })));
    assert.ok(!isHostMessage({ ...explanation, items: Array(EXPLAIN_LIMITS.events + 1).fill(item) }));
    assert.ok(!isHostMessage({ ...explanation, seq: -1 }));
    assert.ok(!isHostMessage({ ...explanation, manifest: 'yes' }));
    assert.ok(
      !isHostMessage({
        type: 'rolloutMarks',
        marks: [{ context: 'p', workload: 'w', revision: '2', at: NaN }],
      }),
    );
    assert.ok(
      !isHostMessage({
        type: 'rolloutMarks',
        marks: Array(EXPLAIN_LIMITS.marks + 1).fill({ context: 'p', workload: 'w', revision: '2', at: 1 }),
      }),
    );
  });

  it('validates what the page sends: selections, step indexes, open manifest', function () {
    const object = { context: 'prod', kind: 'Pod', namespace: 'shop', name: 'web-1', uid: 'p1' };
    const select = { type: 'explainSelect', seq: 1, events: [{ context: 'prod', key: 'shop/a' }], object };
    assert.ok(isWebviewMessage(select));
    assert.ok(isWebviewMessage({ ...select, object: null, events: [] }));
    assert.ok(
      !isWebviewMessage({ ...select, events: Array(EXPLAIN_LIMITS.events + 1).fill(select.events[0]) }),
    );
    assert.ok(!isWebviewMessage({ ...select, events: [{ context: 'prod', key: '' }] }));
    assert.ok(!isWebviewMessage({ ...select, object: { ...object, name: '' } }));
    assert.ok(!isWebviewMessage({ ...select, seq: 1.5 }));
    assert.ok(isWebviewMessage({ type: 'explainStep', seq: 1, item: 0, step: 2 }));
    assert.ok(!isWebviewMessage({ type: 'explainStep', seq: 1, item: 0, step: -1 }));
    assert.ok(!isWebviewMessage({ type: 'explainStep', seq: 1, item: 0, step: 'describe' }));
    assert.ok(isExplainWebviewMessage({ type: 'openManifest', seq: 0 }));
    assert.ok(!isExplainWebviewMessage({ type: 'openManifest' }));
  });
});

describe('webview: what the explanation panel asks about', function () {
  it('a Warning row: its event and its object; a Normal row: its object only', function () {
    const w = row({ type: 'Warning', reason: 'BackOff', key: 'shop/a' });
    assert.deepEqual(selectionOf(entry(w)), {
      events: [{ context: 'prod', key: 'shop/a' }],
      object: { context: 'prod', kind: 'Pod', namespace: 'shop', name: 'web-1', uid: 'p1' },
    });
    assert.deepEqual(selectionOf(entry(row({}))).events, []);
    assert.deepEqual(selectionOf(undefined), { events: [], object: null });
  });

  it('an owner group: its newest Warning per reason, and its owner', function () {
    const members = [
      row({ id: '1', key: 'shop/1', type: 'Warning', reason: 'BackOff', name: 'web-1' }),
      row({ id: '2', key: 'shop/2', type: 'Warning', reason: 'BackOff', name: 'web-2', uid: 'p2' }),
    ].map(entry);
    const [group] = groupEntries(members, 'owner');
    const sel = selectionOf(group);
    assert.deepEqual(sel.events, [{ context: 'prod', key: 'shop/1' }]);
    assert.deepEqual(sel.object, {
      context: 'prod',
      kind: 'Deployment',
      namespace: 'shop',
      name: 'web',
      uid: 'd1',
    });
  });
});
