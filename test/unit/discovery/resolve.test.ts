import * as assert from 'node:assert/strict';
import { parseAggregated, watchableKinds } from '../../../src/core/discovery/catalog';
import { groupOf, resolveKind } from '../../../src/core/discovery/resolve';
import { ALL_KINDS, DEPLOYMENTS, PODS } from '../../../src/core/kinds';
import { AGG_APIS, AGG_CORE } from './fixtures';

describe('discovery/resolve', () => {
  const served = watchableKinds([...parseAggregated(AGG_CORE)!, ...parseAggregated(AGG_APIS)!]);

  it('resolves an event about any served kind by kind and apiVersion, to the preferred version', () => {
    const pvc = resolveKind(served, ALL_KINDS, 'PersistentVolumeClaim', 'v1');
    assert.deepEqual([pvc?.plural, pvc?.group, pvc?.namespaced], ['persistentvolumeclaims', '', true]);
    // HPA events name autoscaling/v1 or v2; the preferred v2 is watched.
    assert.equal(resolveKind(served, ALL_KINDS, 'HorizontalPodAutoscaler', 'autoscaling/v1')?.version, 'v2');
    assert.equal(resolveKind(served, ALL_KINDS, 'Certificate', 'cert-manager.io/v1')?.plural, 'certificates');
  });

  it('keeps the group apart: a custom Deployment kind in another group is not apps/Deployment', () => {
    assert.equal(resolveKind(served, ALL_KINDS, 'Certificate', 'example.com/v1'), undefined);
    assert.equal(resolveKind(served, ALL_KINDS, 'Deployment', 'apps/v1'), DEPLOYMENTS);
    assert.equal(resolveKind(served, ALL_KINDS, 'Deployment', 'example.com/v1'), undefined);
  });

  it('falls back to the built-in kinds (discovery forbidden) and to the kind name without an apiVersion', () => {
    assert.equal(resolveKind([], ALL_KINDS, 'Pod', 'v1'), PODS);
    assert.equal(resolveKind([], ALL_KINDS, 'PersistentVolumeClaim', 'v1'), undefined);
    assert.equal(resolveKind(served, ALL_KINDS, 'Pod', undefined), PODS);
    assert.equal(resolveKind(served, ALL_KINDS, 'Certificate', '')?.group, 'cert-manager.io');
  });

  it('never resolves to Events', () => {
    assert.equal(resolveKind(ALL_KINDS, ALL_KINDS, 'Event', 'v1'), undefined);
    assert.equal(resolveKind(ALL_KINDS, ALL_KINDS, 'Event', 'events.k8s.io/v1'), undefined);
  });

  it('reads the group of an apiVersion', () => {
    assert.deepEqual(['v1', 'apps/v1', 'a.b.io/v1beta1'].map(groupOf), ['', 'apps', 'a.b.io']);
  });
});
