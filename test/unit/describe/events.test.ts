import * as assert from 'node:assert/strict';
import type { KubeObject } from '../../../src/core/cache/types';
import { selectEventsFor } from '../../../src/core/describe/describe';
import { eventRows } from '../../../src/core/describe/events';
import { ago, coreEvent, NOW, render, section } from './helpers';

const pod: KubeObject = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', namespace: 'ns', uid: 'pod-uid' },
};

describe('describe events: selection (kubectl searchEvents)', () => {
  it('selects by name, namespace and uid; for Pods, any kind', () => {
    const events = [
      coreEvent('a', { kind: 'Pod', name: 'p', namespace: 'ns', uid: 'pod-uid' }),
      coreEvent('b', { kind: '', name: 'p', namespace: 'ns', uid: 'pod-uid' }),
      coreEvent('c', { kind: 'Pod', name: 'p', namespace: 'ns', uid: 'old-uid' }),
      coreEvent('d', { kind: 'Pod', name: 'p', namespace: 'other', uid: 'pod-uid' }),
      coreEvent('e', { kind: 'Pod', name: 'q', namespace: 'ns', uid: 'pod-uid' }),
    ];
    assert.deepEqual(
      selectEventsFor(pod, 'Pod', events).map((e) => e.metadata.name),
      ['a', 'b'],
    );
  });

  it('filters by kind for other objects', () => {
    const dep: KubeObject = { metadata: { name: 'p', namespace: 'ns', uid: 'u' } };
    const events = [
      coreEvent('a', { kind: 'Deployment', name: 'p', namespace: 'ns', uid: 'u' }),
      coreEvent('b', { kind: 'ReplicaSet', name: 'p', namespace: 'ns', uid: 'u' }),
    ];
    assert.deepEqual(
      selectEventsFor(dep, 'Deployment', events).map((e) => e.metadata.name),
      ['a'],
    );
  });

  it('Nodes also match events keyed by the node name; mirror pods by their source uid', () => {
    const node: KubeObject = { metadata: { name: 'n1', uid: 'node-uid' } };
    const events = [
      coreEvent('by-uid', { kind: 'Node', name: 'n1', uid: 'node-uid' }),
      coreEvent('by-name', { kind: 'Node', name: 'n1', uid: 'n1' }),
      coreEvent('namespaced', { kind: 'Node', name: 'n1', namespace: 'default', uid: 'n1' }),
    ];
    assert.deepEqual(
      selectEventsFor(node, 'Node', events).map((e) => e.metadata.name),
      ['by-uid', 'by-name'],
    );
    const mirror: KubeObject = {
      metadata: { ...pod.metadata, annotations: { 'kubernetes.io/config.mirror': 'static-hash' } },
    };
    const ev = coreEvent('m', { kind: 'Pod', name: 'p', namespace: 'ns', uid: 'static-hash' });
    assert.equal(selectEventsFor(mirror, 'Pod', [ev]).length, 1);
  });

  it('reads events.k8s.io/v1 `regarding` and returns an event seen through both APIs once', () => {
    const core = coreEvent('same', { kind: 'Pod', name: 'p', namespace: 'ns', uid: 'pod-uid' });
    const v1: KubeObject = {
      apiVersion: 'events.k8s.io/v1',
      kind: 'Event',
      metadata: { name: 'same', namespace: 'ns' },
      regarding: { kind: 'Pod', name: 'p', namespace: 'ns', uid: 'pod-uid' },
      note: 'n',
    };
    assert.deepEqual(selectEventsFor(pod, 'Pod', [core, v1]), [core]);
    assert.deepEqual(selectEventsFor(pod, 'Pod', [v1]), [v1]);
  });
});

describe('describe events: the Events section', () => {
  it('prints `<none>` aligned with the block above when there are no events', () => {
    const text = render('Namespace', { metadata: { name: 'ns' }, status: { phase: 'Active' } });
    assert.match(text, /^Status: {7}Active\nEvents: {7}<none>\n$/m);
  });

  it('sorts oldest first by series time, else lastTimestamp, else eventTime; stable on ties', () => {
    const ref = { kind: 'Pod', name: 'p', namespace: 'ns', uid: 'pod-uid' };
    const events = [
      coreEvent('late', ref, { reason: 'Late', lastTimestamp: ago(10_000), firstTimestamp: ago(10_000) }),
      coreEvent('series', ref, {
        reason: 'Series',
        eventTime: '2026-01-15T11:00:00.000000Z',
        series: { count: 4, lastObservedTime: ago(20_000).replace('Z', '.000000Z') },
      }),
      coreEvent('tie-a', ref, { reason: 'TieA', lastTimestamp: ago(60_000) }),
      coreEvent('new-recorder', ref, { reason: 'EventTime', eventTime: ago(30_000) }),
      coreEvent('tie-b', ref, { reason: 'TieB', lastTimestamp: ago(60_000) }),
      coreEvent('none', ref, { reason: 'NoTime' }),
    ];
    assert.deepEqual(
      eventRows(events, NOW).map((r) => r.reason),
      ['NoTime', 'TieA', 'TieB', 'EventTime', 'Series', 'Late'],
    );
  });

  it('renders Age, From and Message as kubectl does', () => {
    const ref = { kind: 'Pod', name: 'p', namespace: 'ns', uid: 'pod-uid' };
    const rows = eventRows(
      [
        coreEvent('a', ref, {
          type: 'Warning',
          reason: 'BackOff',
          message: '  Back-off restarting failed container\n',
          count: 5,
          firstTimestamp: ago(500_000),
          lastTimestamp: ago(10_000),
        }),
        coreEvent('b', ref, {
          source: {},
          reportingComponent: 'default-scheduler',
          eventTime: ago(600_000),
          firstTimestamp: null,
          series: { count: 2, lastObservedTime: ago(5_000) },
        }),
        coreEvent('c', ref, { firstTimestamp: ago(3_700_000), lastTimestamp: ago(3_700_000), count: 1 }),
        coreEvent('d', ref, {}),
      ],
      NOW,
    );
    assert.deepEqual(
      rows.map((r) => [r.age, r.from, r.message]),
      [
        ['<unknown>', 'kubelet', 'message'],
        ['61m', 'kubelet', 'message'],
        ['10s (x5 over 8m20s)', 'kubelet', 'Back-off restarting failed container'],
        ['5s (x2 over 10m)', 'default-scheduler', 'message'],
      ],
    );
  });

  it('prints the table on its own alignment after the object, with hostile text neutralised', () => {
    const ref = { kind: 'Namespace', name: 'ns', namespace: '', uid: 'ns-uid' };
    const text = render(
      'Namespace',
      { metadata: { name: 'ns', uid: 'ns-uid' }, status: { phase: 'Active' } },
      {
        events: [
          coreEvent('x', ref, {
            type: 'Warning',
            reason: 'Evil',
            message: 'ok\u001b[2K\rStatus: Terminating\u001b]0;title\u0007',
            source: { component: 'attacker' },
            firstTimestamp: ago(90_000),
          }),
        ],
      },
    );
    assert.equal(
      section(text, 'Events'),
      [
        'Events:',
        '  Type     Reason  Age   From      Message',
        '  ----     ------  ----  ----      -------',
        '  Warning  Evil    90s   attacker  ok\\rStatus: Terminating',
      ].join('\n'),
    );
  });
});
