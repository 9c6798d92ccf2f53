import * as assert from 'node:assert/strict';
import type { KubeObject } from '../../../src/core/cache/types';
import { accessModes } from '../../../src/core/describe/storage';
import { ago, coreEvent, render } from './helpers';

const lines = (...l: string[]) => [...l, ''].join('\n');

function pod(name: string, o: Record<string, unknown> = {}): KubeObject {
  return { metadata: { name, namespace: 'web', uid: `${name}-uid` }, spec: {}, ...o };
}

describe('describe PersistentVolumeClaim', () => {
  const pending: KubeObject = {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: {
      name: 'data',
      namespace: 'web',
      uid: 'pvc-uid',
      labels: { app: 'db' },
      finalizers: ['kubernetes.io/pvc-protection'],
      ownerReferences: [{ apiVersion: 'v1', kind: 'Pod', name: 'owner', uid: 'owner-uid' }],
    },
    spec: {
      accessModes: ['ReadWriteOnce'],
      resources: { requests: { storage: '10Gi' } },
      storageClassName: 'fast',
      volumeMode: 'Filesystem',
    },
    status: { phase: 'Pending' },
  };

  it('prints a pending claim: no capacity or access modes before it is bound, pods using it, events', () => {
    const mounts = (claimName: string) => ({
      volumes: [{ name: 'v', persistentVolumeClaim: { claimName } }],
    });
    const pods = [
      pod('zeta', { spec: mounts('data') }),
      pod('alpha', { spec: mounts('data') }),
      pod('other', { spec: mounts('else') }),
      pod('owner', { metadata: { name: 'owner', namespace: 'web', uid: 'owner-uid' } }),
    ];
    const ev = coreEvent(
      'e1',
      { kind: 'PersistentVolumeClaim', name: 'data', namespace: 'web', uid: 'pvc-uid' },
      {
        type: 'Warning',
        reason: 'ProvisioningFailed',
        message: 'storageclass.storage.k8s.io "fast" not found',
        source: { component: 'persistentvolume-controller' },
        firstTimestamp: ago(120_000),
        lastTimestamp: ago(60_000),
        count: 5,
      },
    );
    assert.equal(
      render('PersistentVolumeClaim', pending, { events: [ev], related: { podsIn: () => pods } }),
      lines(
        'Name:          data',
        'Namespace:     web',
        'StorageClass:  fast',
        'Status:        Pending',
        'Volume:        ',
        'Labels:        app=db',
        'Annotations:   <none>',
        'Finalizers:    [kubernetes.io/pvc-protection]',
        'Capacity:      ',
        'Access Modes:  ',
        'VolumeMode:    Filesystem',
        'Used By:       alpha',
        '               owner',
        '               zeta',
        'Events:',
        '  Type     Reason              Age               From                         Message',
        '  ----     ------              ----              ----                         -------',
        '  Warning  ProvisioningFailed  60s (x5 over 2m)  persistentvolume-controller  storageclass.storage.k8s.io "fast" not found',
      ),
    );
  });

  it('leaves "Used By" out when pods are not cached, and says <none> when none use it', () => {
    assert.doesNotMatch(render('PersistentVolumeClaim', pending), /Used By/);
    assert.match(
      render('PersistentVolumeClaim', pending, { related: { podsIn: () => [] } }),
      /^Used By: +<none>$/m,
    );
  });

  it('prints a bound claim: status capacity and modes, data source, conditions, Terminating', () => {
    const bound: KubeObject = {
      metadata: {
        name: 'logs',
        namespace: 'web',
        deletionTimestamp: ago(90_000),
        annotations: { 'volume.beta.kubernetes.io/storage-class': 'legacy' },
      },
      spec: {
        volumeName: 'pv-1',
        storageClassName: 'ignored-for-the-annotation',
        resources: { requests: { storage: '1Gi' } },
        dataSource: { apiGroup: 'snapshot.storage.k8s.io', kind: 'VolumeSnapshot', name: 'snap' },
      },
      status: {
        phase: 'Bound',
        accessModes: ['ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOnce'],
        capacity: { storage: '2048Mi' },
        conditions: [{ type: 'Resizing', status: 'True', lastTransitionTime: ago(3_600_000) }],
      },
    };
    assert.equal(
      render('PersistentVolumeClaim', bound),
      lines(
        'Name:          logs',
        'Namespace:     web',
        'StorageClass:  legacy',
        'Status:        Terminating (lasts 90s)',
        'Volume:        pv-1',
        'Labels:        <none>',
        'Annotations:   volume.beta.kubernetes.io/storage-class: legacy',
        'Finalizers:    []',
        'Capacity:      2Gi',
        'Access Modes:  RWO,RWX',
        'DataSource:',
        '  APIGroup:  snapshot.storage.k8s.io',
        '  Kind:      VolumeSnapshot',
        '  Name:      snap',
        'Conditions:',
        '  Type       Status  LastProbeTime                     LastTransitionTime                Reason  Message',
        '  ----       ------  -----------------                 ------------------                ------  -------',
        '  Resizing   True    Mon, 01 Jan 0001 00:00:00 +0000   Thu, 15 Jan 2026 11:00:00 +0000           ',
        'Events:      <none>',
      ),
    );
  });

  it('shortens access modes as kubectl: RWO, ROX, RWX, RWOP, each once, in that order', () => {
    assert.equal(accessModes(['ReadWriteOncePod', 'ReadOnlyMany', 'ReadWriteOnce', 'Bogus']), 'RWO,ROX,RWOP');
    assert.equal(accessModes(undefined), '');
  });
});

describe('describe PersistentVolume', () => {
  it('prints claim, policy, capacity, node affinity and a hostPath source', () => {
    const pv: KubeObject = {
      metadata: { name: 'pv-1', finalizers: ['kubernetes.io/pv-protection'] },
      spec: {
        capacity: { storage: '1Gi' },
        accessModes: ['ReadWriteOnce'],
        persistentVolumeReclaimPolicy: 'Retain',
        storageClassName: 'manual',
        volumeMode: 'Filesystem',
        claimRef: { namespace: 'web', name: 'logs' },
        hostPath: { path: '/data' },
        nodeAffinity: {
          required: {
            nodeSelectorTerms: [
              { matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a', 'b'] }] },
              {
                matchExpressions: [
                  { key: 'gpu', operator: 'Exists' },
                  { key: 'x', operator: 'In', values: ['1'] },
                ],
              },
            ],
          },
        },
      },
      status: { phase: 'Released', message: 'claim gone' },
    };
    assert.equal(
      render('PersistentVolume', pv),
      lines(
        'Name:              pv-1',
        'Labels:            <none>',
        'Annotations:       <none>',
        'Finalizers:        [kubernetes.io/pv-protection]',
        'StorageClass:      manual',
        'Status:            Released',
        'Claim:             web/logs',
        'Reclaim Policy:    Retain',
        'Access Modes:      RWO',
        'VolumeMode:        Filesystem',
        'Capacity:          1Gi',
        'Node Affinity:     ',
        '  Required Terms:  ',
        '    Term 0:        zone notin [a, b]',
        '    Term 1:        gpu exists',
        '                   x in [1]',
        'Message:           claim gone',
        'Source:',
        '    Type:          HostPath (bare host directory volume)',
        '    Path:          /data',
        '    HostPathType:  <none>',
        'Events:            <none>',
      ),
    );
  });

  it('prints a CSI source with its attributes, and <unknown> for a source kubectl does not know', () => {
    const csi: KubeObject = {
      metadata: { name: 'pv-csi' },
      spec: {
        csi: {
          driver: 'd',
          volumeHandle: 'h',
          readOnly: true,
          volumeAttributes: { b: '2', a: 'x'.repeat(150) },
        },
      },
    };
    const text = render('PersistentVolume', csi);
    assert.match(text, /^Capacity: +0$/m);
    assert.match(text, /^Node Affinity: +<none>$/m);
    assert.ok(
      text.includes(
        [
          'Source:',
          '    Type:              CSI (a Container Storage Interface (CSI) volume source)',
          '    Driver:            d',
          '    FSType:            ',
          '    VolumeHandle:      h',
          '    ReadOnly:          true',
          `    VolumeAttributes:      a=${'x'.repeat(138)}...`,
          '                           b=2',
        ].join('\n'),
      ),
      text,
    );
    const unknown = render('PersistentVolume', { metadata: { name: 'x' }, spec: { quantum: {} } });
    assert.match(unknown, /^Source:\n {2}<unknown>$/m);
  });
});

describe('describe StorageClass', () => {
  it('prints default marker, parameters, options and allowed topologies', () => {
    const sc: KubeObject = {
      apiVersion: 'storage.k8s.io/v1',
      metadata: { name: 'fast', annotations: { 'storageclass.beta.kubernetes.io/is-default-class': 'true' } },
      provisioner: 'ebs.csi.aws.com',
      parameters: { type: 'gp3', iops: '3000' },
      mountOptions: ['debug', 'noatime'],
      reclaimPolicy: 'Delete',
      allowedTopologies: [{ matchLabelExpressions: [{ key: 'zone', values: ['a', 'b'] }, { key: 'rack' }] }],
    };
    assert.equal(
      render('StorageClass', sc),
      lines(
        'Name:                  fast',
        'IsDefaultClass:        Yes',
        'Annotations:           storageclass.beta.kubernetes.io/is-default-class=true',
        'Provisioner:           ebs.csi.aws.com',
        'Parameters:            iops=3000,type=gp3',
        'AllowVolumeExpansion:  <unset>',
        'MountOptions:',
        '  debug',
        '  noatime',
        'ReclaimPolicy:      Delete',
        'AllowedTopologies:  ',
        '  Term 0:           zone in [a, b]',
        '                    rack in',
        'Events:             <none>',
      ),
    );
  });
});
