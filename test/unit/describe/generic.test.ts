import * as assert from 'node:assert/strict';
import type { KubeObject } from '../../../src/core/cache/types';
import { coreEvent, render } from './helpers';

describe('describe Namespace', () => {
  it('prints status, conditions and (beyond kubectl) its events', () => {
    const ns: KubeObject = {
      metadata: { name: 'old', uid: 'ns-uid', labels: { 'kubernetes.io/metadata.name': 'old' } },
      status: {
        phase: 'Terminating',
        conditions: [
          {
            type: 'NamespaceContentRemaining',
            status: 'True',
            lastTransitionTime: '2026-01-15T11:00:00Z',
            reason: 'SomeResourcesRemain',
            message: 'Some resources are remaining: pods. has 1 resource instances',
          },
        ],
      },
    };
    const ev = coreEvent(
      'e',
      { kind: 'Namespace', name: 'old', namespace: '', uid: 'ns-uid' },
      {
        reason: 'NamespaceDeletionContentFailure',
        source: { component: 'namespace-controller' },
        firstTimestamp: '2026-01-15T11:59:00Z',
      },
    );
    assert.equal(
      render('Namespace', ns, { events: [ev] }),
      [
        'Name:         old',
        'Labels:       kubernetes.io/metadata.name=old',
        'Annotations:  <none>',
        'Status:       Terminating',
        'Conditions:',
        '  Type                       Status  LastTransitionTime               Reason               Message',
        '  ----                       ------  ------------------               ------               -------',
        '  NamespaceContentRemaining  True    Thu, 15 Jan 2026 11:00:00 +0000  SomeResourcesRemain  Some resources are remaining: pods. has 1 resource instances',
        'Events:',
        '  Type    Reason                           Age   From                  Message',
        '  ----    ------                           ----  ----                  -------',
        '  Normal  NamespaceDeletionContentFailure  60s   namespace-controller  message',
        '',
      ].join('\n'),
    );
  });
});

describe('describe: generic form for other kinds', () => {
  it('prints metadata, then every other field sorted with smart labels, then events', () => {
    const cm: KubeObject = {
      apiVersion: 'example.com/v1',
      kind: 'Setting',
      metadata: {
        name: 'settings',
        namespace: 'shop',
        uid: 'cm-uid',
        labels: { app: 'shop' },
        managedFields: [{ manager: 'kubectl' }],
        ownerReferences: [{ apiVersion: 'v1', kind: 'Secret', name: 's', uid: 'x', controller: false }],
      },
      data: { 'log.level': 'debug', retries: '3' },
      binaryData: {},
      immutable: false,
      items: ['a', 1, null],
    };
    assert.equal(
      render('Setting', cm),
      [
        'Name:         settings',
        'Namespace:    shop',
        'Labels:       app=shop',
        'Annotations:  <none>',
        'API Version:  example.com/v1',
        'Binary Data:',
        'Data:',
        '  log.level:  debug',
        '  Retries:    3',
        'Immutable:    false',
        'Items:',
        '  a',
        '  1',
        '  <nil>',
        'Kind:  Setting',
        'Metadata:',
        '  Owner References:',
        '    API Version:  v1',
        '    Controller:   false',
        '    Kind:         Secret',
        '    Name:         s',
        '    UID:          x',
        '  UID:            cm-uid',
        'Events:           <none>',
        '',
      ].join('\n'),
    );
  });

  it('never throws on a malformed object', () => {
    for (const kind of [
      'Pod',
      'Deployment',
      'ReplicaSet',
      'StatefulSet',
      'DaemonSet',
      'Job',
      'CronJob',
      'Service',
      'Node',
      'Namespace',
      'Thing',
    ]) {
      const junk = { metadata: {}, spec: 'nope', status: [1, 2], kind } as unknown as KubeObject;
      assert.match(render(kind, junk), /^Name:/, kind);
    }
  });
});
