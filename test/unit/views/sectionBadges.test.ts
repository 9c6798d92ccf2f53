import * as assert from 'node:assert/strict';
import { kindsOfSection, sectionWarningCount } from '../../../src/core/discovery/grouping';
import {
  CRONJOBS,
  DAEMONSETS,
  DEPLOYMENTS,
  EVENTS,
  JOBS,
  NAMESPACES,
  NODES,
  PODS,
  REPLICASETS,
  type ResourceKind,
  SERVICES,
  STATEFULSETS,
} from '../../../src/core/kinds';
import { WarningRollup } from '../../../src/core/rollup/warningRollup';
import { FakeClock } from '../fakes/fakeClock';
import { coreEvent } from '../notify/fixtures';

const EAGER = [
  NAMESPACES,
  NODES,
  PODS,
  SERVICES,
  DEPLOYMENTS,
  REPLICASETS,
  STATEFULSETS,
  DAEMONSETS,
  JOBS,
  CRONJOBS,
  EVENTS,
];

function k(kind: string, plural: string, group = '', namespaced = true): ResourceKind {
  return { kind, plural, group, version: 'v1', namespaced, shortNames: [] };
}

const PVC = k('PersistentVolumeClaim', 'persistentvolumeclaims');
const CERT = k('Certificate', 'certificates', 'cert-manager.io');
const DISCOVERED: ResourceKind[] = [
  ...EAGER,
  k('ConfigMap', 'configmaps'),
  PVC,
  k('PersistentVolume', 'persistentvolumes', '', false),
  k('Ingress', 'ingresses', 'networking.k8s.io'),
  CERT,
  k('Issuer', 'issuers', 'cert-manager.io'),
  // The same kind name in a second group of the same section is counted once.
  k('Certificate', 'certificates', 'cert-manager.io', true),
];

/** badge computes a section node's badge the way WarningBadges.countFor does. */
function badge(rollup: WarningRollup, namespace: string, sectionId: string): number {
  const kinds = kindsOfSection(DISCOVERED, sectionId, { namespaced: true, eager: EAGER });
  return sectionWarningCount(kinds, (kind) => rollup.countForKind(namespace, kind));
}

describe('tree section badges', () => {
  it('kindsOfSection picks the lazy kinds of one section and scope, as the tree groups them', () => {
    const names = (id: string, namespaced = true) =>
      kindsOfSection(DISCOVERED, id, { namespaced, eager: EAGER }).map((x) => x.kind);
    assert.deepEqual(names('storage'), ['PersistentVolumeClaim']);
    assert.deepEqual(names('storage', false), ['PersistentVolume']);
    // Eager kinds (Pods, Deployments...) have no section: they are not counted twice.
    assert.deepEqual(names('workloads'), []);
    assert.deepEqual(names('crd:cert-manager.io'), ['Certificate', 'Issuer', 'Certificate']);
  });

  it('a section counts the Warning events about objects of its kinds in its namespace', () => {
    const rollup = new WarningRollup({ clock: new FakeClock() });
    const warn = (
      kind: string,
      objectName: string,
      reason: string,
      namespace = 'shop',
      type: 'Warning' | 'Normal' = 'Warning',
    ) =>
      rollup.observeEvent(
        undefined,
        coreEvent({ kind, objectName, reason, namespace, type, name: `${objectName}.${reason}` }),
      );
    warn('PersistentVolumeClaim', 'data', 'ProvisioningFailed');
    warn('PersistentVolumeClaim', 'logs', 'FailedBinding');
    warn('PersistentVolumeClaim', 'other', 'FailedBinding', 'elsewhere');
    warn('PersistentVolumeClaim', 'fine', 'Provisioning', 'shop', 'Normal');
    warn('Certificate', 'web-tls', 'Failed');
    warn('Pod', 'web-1', 'BackOff');
    rollup.flush();
    assert.equal(badge(rollup, 'shop', 'storage'), 2);
    assert.equal(badge(rollup, 'elsewhere', 'storage'), 1);
    assert.equal(badge(rollup, 'shop', 'crd:cert-manager.io'), 1, 'a kind name is counted once');
    assert.equal(badge(rollup, 'shop', 'config'), 0);
    assert.equal(badge(rollup, 'shop', 'network'), 0);
    rollup.dispose();
  });
});
