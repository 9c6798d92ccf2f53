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
      'PersistentVolumeClaim',
      'PersistentVolume',
      'StorageClass',
      'Ingress',
      'HorizontalPodAutoscaler',
      'ConfigMap',
      'Secret',
      'ServiceAccount',
      'PodDisruptionBudget',
      'Endpoints',
      'EndpointSlice',
      'NetworkPolicy',
      'ResourceQuota',
      'LimitRange',
      'Lease',
      'Thing',
    ]) {
      const junk = {
        metadata: { finalizers: 'x', ownerReferences: 3 },
        spec: 'nope',
        status: [1, 2],
        kind,
        data: 5,
        binaryData: [null],
        type: 7,
        subsets: 'x',
        endpoints: {},
        ports: 3,
        secrets: 'x',
        imagePullSecrets: [null, 1],
        provisioner: {},
        mountOptions: 'x',
        allowedTopologies: [null],
      } as unknown as KubeObject;
      assert.match(render(kind, junk), /^Name:/, kind);
      const junkSpecs = {
        ...junk,
        spec: { rules: [null, { http: 1 }], metrics: [null, { type: 'Pods' }], limits: [1] },
      };
      const related = {
        podsIn: () => [],
        secretsIn: () => [junk],
        resourceQuotasIn: () => [junk],
        limitRangesIn: () => [junkSpecs as KubeObject],
        nodeLease: () => junk,
        serviceFor: () => junk,
      };
      assert.match(render(kind, junkSpecs as KubeObject, { related }), /^Name:/, kind);
    }
  });
});

describe('describe: dispatch by group and kind', () => {
  const obj = (apiVersion?: string): KubeObject => ({
    ...(apiVersion ? { apiVersion } : {}),
    kind: 'Ingress',
    metadata: { name: 'i', namespace: 'n' },
    spec: { rules: [] },
  });
  const isIngress = (text: string) => /^Default backend:/m.test(text);

  it('picks the dedicated describer for the group kubectl has it for, else the generic form', () => {
    assert.ok(isIngress(render('Ingress', obj('networking.k8s.io/v1'))));
    assert.ok(isIngress(render('Ingress', obj('extensions/v1beta1'))));
    // A custom resource that happens to be called Ingress is described generically, as kubectl does.
    const custom = render('Ingress', obj('example.com/v1'));
    assert.ok(!isIngress(custom) && /^API Version: +example\.com\/v1$/m.test(custom), custom);
    // The context's group wins over the object's apiVersion.
    assert.ok(!isIngress(render('Ingress', obj('networking.k8s.io/v1'), { group: 'example.com' })));
  });

  it('assumes the built-in group when the object names none, or is metadata-only', () => {
    assert.ok(isIngress(render('Ingress', obj())));
    assert.ok(isIngress(render('Ingress', obj('meta.k8s.io/v1'))));
    assert.match(
      render('Lease', { metadata: { name: 'l' }, spec: { holderIdentity: 'x' } }),
      /^Spec:\n {2}Holder Identity: {2}x$/m,
    );
  });

  it("prints numbers as Go's %v prints an unstructured object's int64 and float64 values", () => {
    const text = render('Widget', {
      apiVersion: 'example.com/v1',
      kind: 'Widget',
      metadata: { name: 'w' },
      spec: { a: 1234567.5, b: 0.00001, c: 0.5, d: 123456.5, e: 3, f: -2.5e-7, g: [1.5e21, 7] },
    });
    assert.ok(
      text.includes(
        [
          'Spec:',
          '  A:  1.2345675e+06',
          '  B:  1e-05',
          '  C:  0.5',
          '  D:  123456.5',
          '  E:  3',
          '  F:  -2.5e-07',
          '  G:',
          '    1.5e+21',
          '    7',
        ].join('\n'),
      ),
      text,
    );
  });
});

describe('describe: generic form, byte for byte as kubectl 1.32 printed it', () => {
  it('labels fields (acronyms, hyphens, non-letters as-is), nests maps and lists, prints Go values', () => {
    // The expected text is what kubectl 1.32 printed for this object, served by the test server.
    const odd: KubeObject = {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: {
        name: 'odd',
        namespace: 'x',
        labels: { a: 'b' },
        annotations: { long: 'y'.repeat(200) },
        finalizers: ['f1', 'f2'],
        creationTimestamp: '2026-12-02T06:22:40Z',
        resourceVersion: '2',
        uid: '0379427a-d01d-4db3-a604-623ea23d3bc8',
        managedFields: [{ manager: 'kubectl' }],
      },
      spec: {
        holderIdentity: 'h',
        float: 1234567.5,
        small: 0.00001,
        neg: -2.5e-7,
        big: 1e21,
        int: 1000000000000000000,
        half: 0.5,
        nul: null,
        yes: true,
        empty: {},
        emptyList: [],
        'foo-bar': 1,
        HTTPServerID: 2,
        apiURL: 3,
        x_y: 4,
        v1beta1: 5,
        üßer: 6,
        nested: [[1, 'a', { k: 'v', z: [1, 2] }], { deep: { deeper: ['s', 1.5] } }, 'plain', 7],
        mapInList: [{ b: 1, a: { c: null } }],
        text: 'multi\nline\tTab',
      },
    };
    assert.equal(
      render('Lease', odd),
      [
        'Name:         odd',
        'Namespace:    x',
        'Labels:       a=b',
        'Annotations:  long:',
        `                ${'y'.repeat(138)}...`,
        'API Version:  coordination.k8s.io/v1',
        'Kind:         Lease',
        'Metadata:',
        '  Creation Timestamp:  2026-12-02T06:22:40Z',
        '  Finalizers:',
        '    f1',
        '    f2',
        '  Resource Version:  2',
        '  UID:               0379427a-d01d-4db3-a604-623ea23d3bc8',
        'Spec:',
        '  HTTP Server ID:  2',
        '  API URL:         3',
        '  Big:             1e+21',
        '  Empty:',
        '  Empty List:',
        '  Float:            1.2345675e+06',
        '  Foo - Bar:        1',
        '  Half:             0.5',
        '  Holder Identity:  h',
        '  Int:              1000000000000000000',
        '  Map In List:',
        '    A:',
        '      C:  <nil>',
        '    B:    1',
        '  Neg:    -2.5e-07',
        '  Nested:',
        '    [1 a map[k:v z:[1 2]]]',
        '    Deep:',
        '      Deeper:',
        '        s',
        '        1.5',
        '    plain',
        '    7',
        '  Nul:      <nil>',
        '  Small:    1e-05',
        '  Text:     multi',
        'line        Tab',
        '  v1beta1:  5',
        '  x_y:      4',
        '  Yes:      true',
        '  Üßer:     6',
        'Events:     <none>',
        '',
      ].join('\n'),
    );
  });
});
