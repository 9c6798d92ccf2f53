import * as assert from 'node:assert/strict';
import { compareByLastSeen, normalizeEvent, parseTime } from '../../../src/core/events/model';
import { describeEventAge, eventAge, humanDuration } from '../../../src/core/events/age';
import type { KubeObject } from '../../../src/core/cache/types';

const T0 = Date.parse('2026-11-25T10:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

function coreEvent(over: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: {
      name: 'web-1.abc',
      namespace: 'prod',
      uid: 'e-uid',
      resourceVersion: '42',
      creationTimestamp: iso(T0 - 600_000),
    },
    involvedObject: { kind: 'Pod', namespace: 'prod', name: 'web-1', uid: 'p-uid', apiVersion: 'v1' },
    reason: 'BackOff',
    message: 'Back-off restarting failed container',
    type: 'Warning',
    count: 7,
    firstTimestamp: iso(T0 - 300_000),
    lastTimestamp: iso(T0 - 10_000),
    source: { component: 'kubelet', host: 'node-1' },
    ...over,
  };
}

describe('events/model normalizeEvent', () => {
  it('maps a core/v1 event with legacy count and timestamps', () => {
    const e = normalizeEvent(coreEvent());
    assert.equal(e.key, 'prod/web-1.abc');
    assert.equal(e.type, 'Warning');
    assert.equal(e.count, 7);
    assert.equal(e.lastSeen, T0 - 10_000);
    assert.equal(e.firstSeen, T0 - 300_000);
    assert.equal(e.source, 'kubelet');
    assert.equal(e.host, 'node-1');
    assert.deepEqual(
      { kind: e.involved.kind, name: e.involved.name, uid: e.involved.uid },
      { kind: 'Pod', name: 'web-1', uid: 'p-uid' },
    );
    assert.equal(e.api, 'v1');
  });

  it('prefers series.lastObservedTime and series.count over the legacy fields', () => {
    const e = normalizeEvent(
      coreEvent({ series: { count: 12, lastObservedTime: iso(T0 - 1_000) }, count: 3 }),
    );
    assert.equal(e.count, 12);
    assert.equal(e.lastSeen, T0 - 1_000);
  });

  it('maps an events.k8s.io/v1 event (regarding, note, reportingController, deprecated fields)', () => {
    const e = normalizeEvent({
      apiVersion: 'events.k8s.io/v1',
      kind: 'Event',
      metadata: { name: 'x.1', namespace: 'ns', creationTimestamp: iso(T0 - 5_000) },
      regarding: { kind: 'Deployment', namespace: 'ns', name: 'web', uid: 'd-uid' },
      note: 'Scaled up replica set web-5d to 3',
      reason: 'ScalingReplicaSet',
      type: 'Normal',
      eventTime: iso(T0 - 4_000),
      reportingController: 'deployment-controller',
      reportingInstance: 'kcm-1',
      deprecatedCount: 2,
    });
    assert.equal(e.api, 'events.k8s.io/v1');
    assert.equal(e.message, 'Scaled up replica set web-5d to 3');
    assert.equal(e.involved.uid, 'd-uid');
    assert.equal(e.source, 'deployment-controller');
    assert.equal(e.host, 'kcm-1');
    assert.equal(e.count, 2);
    assert.equal(e.lastSeen, T0 - 4_000);
  });

  it('falls back to eventTime, then creationTimestamp, and leaves missing times undefined', () => {
    const noLegacy = normalizeEvent(
      coreEvent({ firstTimestamp: null, lastTimestamp: null, eventTime: iso(T0 - 2_000), count: undefined }),
    );
    assert.equal(noLegacy.lastSeen, T0 - 2_000);
    assert.equal(noLegacy.count, 1);
    const onlyCreated = normalizeEvent(coreEvent({ firstTimestamp: '', lastTimestamp: '' }));
    assert.equal(onlyCreated.lastSeen, T0 - 600_000);
    const none = normalizeEvent({ metadata: { name: 'n' }, lastTimestamp: '0001-01-01T00:00:00Z' });
    assert.equal(none.lastSeen, undefined);
    assert.equal(none.firstSeen, undefined);
    assert.equal(eventAge(none, T0), '<unknown>');
  });

  it('never throws on garbage and keeps hostile text as plain strings', () => {
    const e = normalizeEvent({
      metadata: { name: 'evil' },
      message: '<img src=x onerror=alert(1)>',
      involvedObject: 'not-an-object',
      count: 'many',
    } as unknown as KubeObject);
    assert.equal(e.message, '<img src=x onerror=alert(1)>');
    assert.equal(e.involved.kind, '');
    assert.equal(e.count, 1);
  });

  it('parseTime rejects empty, invalid and zero times', () => {
    assert.equal(parseTime(''), undefined);
    assert.equal(parseTime(null), undefined);
    assert.equal(parseTime('yesterday'), undefined);
    assert.equal(parseTime('0001-01-01T00:00:00Z'), undefined);
    assert.equal(parseTime('2026-11-25T10:00:00Z'), T0);
  });

  it('orders oldest first by last seen, undated first', () => {
    const a = normalizeEvent(coreEvent({ metadata: { name: 'a', namespace: 'p' }, lastTimestamp: iso(T0) }));
    const b = normalizeEvent(
      coreEvent({ metadata: { name: 'b', namespace: 'p' }, lastTimestamp: iso(T0 - 1) }),
    );
    const c = normalizeEvent({ metadata: { name: 'c', namespace: 'p' } });
    assert.deepEqual(
      [a, b, c].sort(compareByLastSeen).map((e) => e.name),
      ['c', 'b', 'a'],
    );
  });
});

describe('events/age', () => {
  it('humanDuration matches apimachinery duration.HumanDuration', () => {
    const s = 1000;
    const cases: [number, string][] = [
      [-1500, '0s'],
      [-3 * s, '<invalid>'],
      [0, '0s'],
      [119 * s, '119s'],
      [120 * s, '2m'],
      [(5 * 60 + 30) * s, '5m30s'],
      [179 * 60 * s, '179m'],
      [(3 * 60 + 4) * 60 * s, '3h4m'],
      [10 * 3600 * s, '10h'],
      [(2 * 24 + 5) * 3600 * s, '2d5h'],
      [45 * 24 * 3600 * s, '45d'],
      [(2 * 365 + 30) * 24 * 3600 * s, '2y30d'],
      [9 * 365 * 24 * 3600 * s, '9y'],
    ];
    for (const [ms, want] of cases) assert.equal(humanDuration(ms), want, `humanDuration(${ms})`);
  });

  it('describeEventAge follows kubectl describe: first time for single events, last (xN over first) for repeats', () => {
    const single = normalizeEvent(coreEvent({ count: 1 }));
    assert.equal(describeEventAge(single.raw, T0), '5m');
    const repeated = normalizeEvent(coreEvent());
    assert.equal(describeEventAge(repeated.raw, T0), '10s (x7 over 5m)');
    const series = normalizeEvent(
      coreEvent({ eventTime: iso(T0 - 900_000), series: { count: 4, lastObservedTime: iso(T0 - 3_000) } }),
    );
    assert.equal(describeEventAge(series.raw, T0), '3s (x4 over 15m)');
    const none = normalizeEvent({ metadata: { name: 'n' } });
    assert.equal(describeEventAge(none.raw, T0), '<unknown>');
  });
});
