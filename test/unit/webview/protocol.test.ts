import * as assert from 'node:assert/strict';
import {
  defaultUiState,
  isEventRow,
  isHostMessage,
  isWebviewMessage,
  LIMITS,
} from '../../../src/protocol/events';
import { row } from '../stream/fixtures';

const ref = { context: 'prod', kind: 'Pod', namespace: 'web', name: 'p', uid: 'u' };
const object = {
  context: 'c',
  uids: ['u1'],
  descendantUids: ['u2', 'u3'],
  includeDescendants: true,
  label: 'Deployment/web',
};

describe('protocol/events guards', () => {
  it('accepts every well-formed webview message', () => {
    for (const m of [
      { type: 'ready' },
      { type: 'revealObject', ...ref },
      { type: 'describe', ...ref, namespace: '' },
      { type: 'export', format: 'csv', ids: ['a', 'b'] },
      { type: 'export', format: 'json', ids: [] },
      { type: 'filterChanged', ui: defaultUiState() },
      { type: 'filterChanged', ui: { ...defaultUiState(), object } },
      {
        type: 'filterChanged',
        ui: { ...defaultUiState(), object: { ...object, includeDescendants: false } },
      },
    ]) {
      assert.ok(isWebviewMessage(m), JSON.stringify(m));
    }
  });

  it('rejects malformed webview messages', () => {
    const bad: unknown[] = [
      null,
      undefined,
      'ready',
      42,
      [],
      {},
      { type: 'nope' },
      { type: 'revealObject' },
      { type: 'revealObject', ...ref, uid: 5 },
      { type: 'revealObject', ...ref, name: '' },
      { type: 'revealObject', ...ref, kind: undefined },
      { type: 'describe', ...ref, context: 'x'.repeat(LIMITS.maxString + 1) },
      { type: 'export', format: 'xlsx', ids: [] },
      { type: 'export', format: 'csv', ids: 'a' },
      { type: 'export', format: 'csv', ids: [1] },
      { type: 'export', format: 'csv' },
      { type: 'filterChanged' },
      { type: 'filterChanged', ui: { ...defaultUiState(), sort: 'evil' } },
      { type: 'filterChanged', ui: { ...defaultUiState(), group: 'x' } },
      { type: 'filterChanged', ui: { ...defaultUiState(), warningsOnly: 'yes' } },
      { type: 'filterChanged', ui: { ...defaultUiState(), namespaces: [1] } },
      { type: 'filterChanged', ui: { ...defaultUiState(), text: 'x'.repeat(LIMITS.maxText + 1) } },
      { type: 'filterChanged', ui: { ...defaultUiState(), descending: undefined } },
      { type: 'filterChanged', ui: { ...defaultUiState(), object: undefined } },
      { type: 'filterChanged', ui: { ...defaultUiState(), object: { ...object, includeDescendants: 1 } } },
      { type: 'filterChanged', ui: { ...defaultUiState(), object: { ...object, descendantUids: [7] } } },
    ];
    for (const m of bad) assert.equal(isWebviewMessage(m), false, JSON.stringify(m));
  });

  it('validates every field of a row', () => {
    assert.ok(isEventRow(row({ id: 'a' })));
    for (const [k, v] of [
      ['id', 1],
      ['message', null],
      ['count', '3'],
      ['lastSeen', NaN],
      ['lastSeen', Infinity],
      ['expired', 2],
      ['expired', true],
      ['ownerUid', undefined],
    ] as const) {
      assert.equal(isEventRow({ ...row({ id: 'a' }), [k]: v }), false, `${k}=${String(v)}`);
    }
    const { reason: _r, ...missing } = row({ id: 'a' });
    assert.equal(isEventRow(missing), false);
  });

  it('accepts host messages and rejects malformed ones', () => {
    const good: unknown[] = [
      { type: 'snapshot', rows: [row({ id: 'a' })], first: true, last: true, now: 1, ui: null },
      { type: 'snapshot', rows: [], first: true, last: false, now: 1, ui: defaultUiState() },
      { type: 'delta', upsert: [row({ id: 'a' })], expire: [{ id: 'a', at: 3 }], remove: ['b'] },
      { type: 'delta', upsert: [], expire: [], remove: [], sentAt: 1764680000000 },
      { type: 'setFilter', filter: { clearOthers: true, object } },
      { type: 'setFilter', filter: { clearOthers: true, object: { ...object, descendantUids: [] } } },
      { type: 'setFilter', filter: { clearOthers: true, warningsOnly: true } },
      { type: 'setFilter', filter: { clearOthers: false, warningsOnly: false, object: null } },
      { type: 'setFilter', filter: { clearOthers: true, object: undefined, warningsOnly: undefined } },
      {
        type: 'setFilter',
        filter: { clearOthers: true, warningsOnly: true, contexts: ['prod'], namespaces: ['web'] },
      },
      { type: 'requestExport', format: 'json' },
    ];
    for (const m of good) assert.ok(isHostMessage(m), JSON.stringify(m));
    const bad: unknown[] = [
      { type: 'snapshot', rows: [{ id: 'a' }], first: true, last: true, now: 1, ui: null },
      { type: 'snapshot', rows: [], first: 'yes', last: true, now: 1, ui: null },
      { type: 'snapshot', rows: [], first: true, last: true, now: 1 },
      { type: 'delta', upsert: [], expire: [{ id: 'a' }], remove: [] },
      { type: 'delta', upsert: [], expire: [], remove: [3] },
      { type: 'delta', upsert: [], expire: [] },
      { type: 'delta', upsert: [], expire: [], remove: [], sentAt: 'now' },
      { type: 'setFilter', filter: { context: 'c', uids: 'u1', label: '' } },
      { type: 'setFilter', filter: null },
      { type: 'setFilter', filter: object },
      { type: 'setFilter', filter: { object } },
      { type: 'setFilter', filter: { clearOthers: 'yes', warningsOnly: true } },
      { type: 'setFilter', filter: { clearOthers: true, warningsOnly: 'true' } },
      { type: 'setFilter', filter: { clearOthers: true, contexts: 'prod' } },
      { type: 'setFilter', filter: { clearOthers: true, namespaces: [1] } },
      {
        type: 'setFilter',
        filter: { clearOthers: true, namespaces: Array.from({ length: 1001 }, () => 'ns') },
      },
      { type: 'setFilter', filter: { clearOthers: true, contexts: ['x'.repeat(4097)] } },
      { type: 'setFilter', filter: { clearOthers: true, object: { ...object, includeDescendants: 'no' } } },
      { type: 'setFilter', filter: { clearOthers: true, object: { ...object, descendantUids: undefined } } },
      { type: 'setFilter', filter: { clearOthers: true, object: { context: 'c', uids: ['u'], label: 'x' } } },
      { type: 'setFilter' },
      { type: 'requestExport', format: 'pdf' },
      { type: 'ready' },
      { type: '__proto__' },
    ];
    for (const m of bad) assert.equal(isHostMessage(m), false, JSON.stringify(m));
  });
});

describe('protocol parseHostMessage: one bad row never takes its message with it', () => {
  const good = (id: string) => ({
    id,
    context: 'c',
    key: `ns/${id}`,
    type: 'Normal',
    reason: 'R',
    message: 'm',
    count: 1,
    lastSeen: 1,
    firstSeen: 1,
    source: '',
    host: '',
    kind: 'Pod',
    namespace: 'ns',
    name: id,
    uid: '',
    apiVersion: 'v1',
    fieldPath: '',
    ownerKind: '',
    ownerName: '',
    ownerUid: '',
    expired: 0,
    expiredAt: 0,
  });
  it('drops only the invalid rows of a snapshot or a delta', async () => {
    const { parseHostMessage, isHostMessage: guard } = await import('../../../src/protocol/events');
    const rows = [
      good('a'),
      { ...good('b'), ownerName: 42 },
      { ...good('c'), name: 'x'.repeat(70_000) },
      good('d'),
    ];
    const snap = { type: 'snapshot', rows, first: true, last: true, now: 1, ui: null };
    assert.equal(guard(snap), false, 'the strict guard rejects the whole message');
    const parsed = parseHostMessage(snap)!;
    assert.equal(parsed.dropped, 2);
    assert.deepEqual(
      (parsed.message as { rows: { id: string }[] }).rows.map((r) => r.id),
      ['a', 'd'],
    );
    const delta = parseHostMessage({ type: 'delta', upsert: rows, expire: [], remove: [] })!;
    assert.equal(delta.dropped, 2);
    assert.equal(
      parseHostMessage({ type: 'snapshot', rows: 'x', first: true, last: true, now: 1, ui: null }),
      undefined,
    );
    assert.equal(parseHostMessage({ type: 'nope' }), undefined);
    assert.deepEqual(parseHostMessage({ type: 'requestExport', format: 'csv' }), {
      message: { type: 'requestExport', format: 'csv' },
      dropped: 0,
    });
  });
});
