import * as assert from 'node:assert/strict';
import { isBuiltInGroup, sectionOf, sortKinds } from '../../../src/core/discovery/sections';
import type { ResourceKind } from '../../../src/core/kinds';

const k = (kind: string, group = '', namespaced = true): ResourceKind => ({
  kind,
  plural: `${kind.toLowerCase()}s`,
  group,
  version: 'v1',
  namespaced,
  shortNames: [],
});

describe('discovery/sections', () => {
  it('tells built-in groups from custom resource groups', () => {
    for (const g of [
      '',
      'apps',
      'batch',
      'networking.k8s.io',
      'storage.k8s.io',
      'gateway.networking.k8s.io',
    ]) {
      assert.equal(isBuiltInGroup(g), true, g);
    }
    for (const g of ['cert-manager.io', 'argoproj.io', 'karpenter.sh', 'kustomize.toolkit.fluxcd.io']) {
      assert.equal(isBuiltInGroup(g), false, g);
    }
  });

  it('orders a namespace as users expect: workloads first, custom resources last by group', () => {
    const kinds = [
      k('Certificate', 'cert-manager.io'),
      k('ConfigMap'),
      k('PersistentVolumeClaim'),
      k('Application', 'argoproj.io'),
      k('Deployment', 'apps'),
      k('Service'),
      k('Pod'),
      k('HorizontalPodAutoscaler', 'autoscaling'),
      k('ControllerRevision', 'apps'),
      k('Issuer', 'cert-manager.io'),
      k('Ingress', 'networking.k8s.io'),
    ];
    const sorted = sortKinds(kinds);
    assert.deepEqual(
      sorted.map((x) => `${sectionOf(x).title}:${x.kind}`),
      [
        'Workloads:Pod',
        'Workloads:Deployment',
        'Network:Service',
        'Network:Ingress',
        'Storage:PersistentVolumeClaim',
        'Config:ConfigMap',
        'Config:HorizontalPodAutoscaler',
        'Other:ControllerRevision',
        'argoproj.io:Application',
        'cert-manager.io:Certificate',
        'cert-manager.io:Issuer',
      ],
    );
    assert.deepEqual(kinds.length, sorted.length);
  });
});
