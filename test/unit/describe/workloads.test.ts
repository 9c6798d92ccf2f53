import * as assert from 'node:assert/strict';
import type { KubeObject } from '../../../src/core/cache/types';
import { ago, render, section } from './helpers';

const template = (image: string, hash?: string) => ({
  metadata: { labels: { app: 'web', ...(hash ? { 'pod-template-hash': hash } : {}) } },
  spec: {
    containers: [{ name: 'app', image, ports: [{ containerPort: 80, protocol: 'TCP' }], resources: {} }],
  },
});

const deployment: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: {
    name: 'web',
    namespace: 'shop',
    uid: 'dep-uid',
    creationTimestamp: ago(86_400_000),
    labels: { app: 'web' },
    annotations: { 'deployment.kubernetes.io/revision': '3' },
  },
  spec: {
    replicas: 3,
    selector: { matchLabels: { app: 'web' } },
    template: template('web:3'),
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: '50%' } },
    minReadySeconds: 5,
  },
  status: {
    replicas: 4,
    updatedReplicas: 2,
    availableReplicas: 3,
    unavailableReplicas: 1,
    conditions: [
      { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable' },
      { type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated' },
    ],
  },
};

function rs(name: string, image: string, created: number, replicas: number, owner = 'dep-uid'): KubeObject {
  const hash = name.split('-').pop()!;
  return {
    metadata: {
      name,
      namespace: 'shop',
      uid: `${name}-uid`,
      creationTimestamp: ago(created),
      labels: { app: 'web', 'pod-template-hash': hash },
      ownerReferences: [
        { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: owner, controller: true },
      ],
    },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'web', 'pod-template-hash': hash } },
      template: template(image, hash),
    },
    status: { replicas },
  };
}

function pod(
  name: string,
  phase: string,
  ownerUid: string,
  labels: Record<string, string>,
  controller = true,
): KubeObject {
  return {
    metadata: {
      name,
      namespace: 'shop',
      labels,
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'x', uid: ownerUid, controller }],
    },
    status: { phase },
  };
}

describe('describe Deployment', () => {
  it('prints replicas, strategy, template, conditions and the replica sets it owns', () => {
    const sets = [
      rs('web-111', 'web:1', 80_000_000, 0),
      rs('web-333', 'web:3', 1_000_000, 2),
      rs('web-222', 'web:2', 50_000_000, 2),
      rs('web-999', 'web:3', 2_000_000, 1, 'someone-else'),
    ];
    const text = render('Deployment', deployment, { related: { replicaSetsOf: () => sets } });
    assert.match(text, /^CreationTimestamp:\s+Wed, 14 Jan 2026 12:00:00 \+0000$/m);
    assert.match(text, /^Selector:\s+app=web$/m);
    assert.match(text, /^Replicas:\s+3 desired \| 2 updated \| 4 total \| 3 available \| 1 unavailable$/m);
    assert.match(text, /^MinReadySeconds:\s+5$/m);
    assert.match(text, /^RollingUpdateStrategy:\s+0 max unavailable, 50% max surge$/m);
    assert.equal(
      section(text, 'Conditions'),
      'Conditions:\n  Type           Status  Reason\n  ----           ------  ------\n' +
        '  Available      True    MinimumReplicasAvailable\n  Progressing    True    ReplicaSetUpdated',
    );
    // New: same template ignoring the hash label; old: the others, oldest first; not-controlled ignored.
    assert.match(
      text,
      /^OldReplicaSets:\s+web-111 \(0\/0 replicas created\), web-222 \(2\/2 replicas created\)$/m,
    );
    assert.match(text, /^NewReplicaSet:\s+web-333 \(2\/2 replicas created\)$/m);
    assert.match(
      text,
      /^Pod Template:\n {2}Labels: {2}app=web\n {2}Containers:\n {3}app:\n {4}Image:\s+web:3\n/m,
    );
    assert.match(text, /^Events:\s+<none>\n$/m);
  });

  it('prints <none> for a missing new replica set, and no replica set lines when none are cached', () => {
    const text = render('Deployment', deployment, {
      related: { replicaSetsOf: () => [rs('web-111', 'web:1', 1, 1)] },
    });
    assert.match(text, /^NewReplicaSet:\s+<none>$/m);
    assert.doesNotMatch(render('Deployment', deployment), /OldReplicaSets|NewReplicaSet/);
    assert.doesNotMatch(
      render('Deployment', deployment, { related: { replicaSetsOf: () => [] } }),
      /OldReplicaSets/,
    );
  });
});

describe('describe ReplicaSet', () => {
  const set = rs('web-333', 'web:3', 1_000_000, 3);
  const labels = { app: 'web', 'pod-template-hash': '333' };

  it('counts its pods by phase: controlled by it and matching its selector', () => {
    const pods = [
      pod('a', 'Running', 'web-333-uid', labels),
      pod('b', 'Running', 'web-333-uid', labels),
      pod('c', 'Pending', 'web-333-uid', labels),
      pod('d', 'Failed', 'web-333-uid', labels),
      pod('e', 'Succeeded', 'web-333-uid', labels),
      pod('f', 'Running', 'web-333-uid', labels, false),
      pod('g', 'Running', 'web-333-uid', { app: 'web' }),
      pod('h', 'Unknown', 'web-333-uid', labels),
    ];
    const text = render('ReplicaSet', set, { related: { podsOf: () => pods } });
    assert.match(text, /^Selector:\s+app=web,pod-template-hash=333$/m);
    assert.match(text, /^Controlled By:\s+Deployment\/web$/m);
    assert.match(text, /^Replicas:\s+3 current \/ 3 desired$/m);
    assert.match(text, /^Pods Status:\s+2 Running \/ 1 Waiting \/ 1 Succeeded \/ 1 Failed$/m);
  });

  it('says <unknown> when pods are not cached', () => {
    assert.match(render('ReplicaSet', set), /^Pods Status:\s+<unknown>$/m);
  });
});

describe('describe StatefulSet and DaemonSet', () => {
  it('StatefulSet: replicas, partition, volume claims', () => {
    const text = render(
      'StatefulSet',
      {
        metadata: { name: 'db', namespace: 'shop', uid: 's', creationTimestamp: ago(0) },
        spec: {
          replicas: 3,
          selector: { matchLabels: { app: 'db' } },
          updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 1, maxUnavailable: 2 } },
          template: template('pg:16'),
          volumeClaimTemplates: [
            {
              metadata: { name: 'data', labels: { a: 'b' } },
              spec: {
                storageClassName: 'fast',
                accessModes: ['ReadWriteOnce'],
                resources: { requests: { storage: '10Gi' } },
              },
            },
          ],
        },
        status: { replicas: 2 },
      },
      { related: { podsOf: () => [] } },
    );
    assert.match(text, /^Replicas:\s+3 desired \| 2 total$/m);
    assert.match(text, /^Update Strategy:\s+RollingUpdate\n {2}Partition:\s+1\n {2}MaxUnavailable:\s+2\n/m);
    assert.match(text, /^Pods Status:\s+0 Running \/ 0 Waiting \/ 0 Succeeded \/ 0 Failed$/m);
    assert.equal(
      section(text, 'Volume Claims'),
      'Volume Claims:\n  Name:          data\n  StorageClass:  fast\n  Labels:        a=b\n' +
        '  Annotations:   <none>\n  Capacity:      10Gi\n  Access Modes:  [ReadWriteOnce]',
    );
  });

  it('DaemonSet: node counts and node selector, and (as kubectl 1.32) no Namespace line', () => {
    const text = render('DaemonSet', {
      metadata: { name: 'logs', namespace: 'kube-system', uid: 'd' },
      spec: {
        selector: { matchLabels: { app: 'logs' } },
        template: { ...template('fb:3'), spec: { ...template('fb:3').spec, nodeSelector: { os: 'linux' } } },
      },
      status: {
        desiredNumberScheduled: 5,
        currentNumberScheduled: 4,
        updatedNumberScheduled: 3,
        numberAvailable: 2,
        numberMisscheduled: 1,
      },
    });
    assert.match(text, /^Name:\s+logs\nSelector:\s+app=logs\nNode-Selector:\s+os=linux\n/);
    assert.match(
      text,
      /^Desired Number of Nodes Scheduled: 5\nCurrent Number of Nodes Scheduled: 4\nNumber of Nodes Scheduled with Up-to-date Pods: 3\nNumber of Nodes Scheduled with Available Pods: 2\nNumber of Nodes Misscheduled: 1\n/m,
    );
    assert.doesNotMatch(text, /Namespace:/);
  });
});
