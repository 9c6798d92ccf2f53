import * as assert from 'node:assert/strict';
import { parseAggregated, watchableKinds } from '../../../src/core/discovery/catalog';
import { groupLazyKinds, MAX_TREE_KINDS } from '../../../src/core/discovery/grouping';
import { sectionOf } from '../../../src/core/discovery/sections';
import {
  CRONJOBS,
  DAEMONSETS,
  DEPLOYMENTS,
  EVENTS,
  EVENTS_V1,
  JOBS,
  NAMESPACES,
  NODES,
  PODS,
  REPLICASETS,
  type ResourceKind,
  SERVICES,
  STATEFULSETS,
} from '../../../src/core/kinds';
import { NodeCache } from '../../../src/host/views/nodes';
import { leaseKindNode, TreeLeases } from '../../../src/host/views/treeLeases';
import { AGG_APIS, AGG_CORE } from '../discovery/fixtures';

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

const DISCOVERED: ResourceKind[] = [
  ...EAGER,
  EVENTS_V1,
  k('Deployment', 'deployments', 'apps'), // an eager kind in another version is not repeated
  k('ConfigMap', 'configmaps'),
  k('Secret', 'secrets'),
  k('PersistentVolumeClaim', 'persistentvolumeclaims'),
  k('Ingress', 'ingresses', 'networking.k8s.io'),
  k('HorizontalPodAutoscaler', 'horizontalpodautoscalers', 'autoscaling'),
  k('Certificate', 'certificates', 'cert-manager.io'),
  k('Issuer', 'issuers', 'cert-manager.io'),
  k('Application', 'applications', 'argoproj.io'),
  k('ServiceAccount', 'serviceaccounts'),
  k('PersistentVolume', 'persistentvolumes', '', false),
  k('StorageClass', 'storageclasses', 'storage.k8s.io', false),
  k('ClusterIssuer', 'clusterissuers', 'cert-manager.io', false),
  k('FlowSchema', 'flowschemas', 'flowcontrol.apiserver.k8s.io', false),
];

const show = (groups: ReturnType<typeof groupLazyKinds>) =>
  groups.map((g) => `${g.section.title}: ${g.kinds.map((x) => x.kind).join(' ')}`);

describe('tree sections', () => {
  it('groups a namespace’s discovered kinds after the eager ones: built-in sections, then CRDs by group', () => {
    assert.deepEqual(show(groupLazyKinds(DISCOVERED, { namespaced: true, eager: EAGER })), [
      'Network: Ingress',
      'Storage: PersistentVolumeClaim',
      'Config: ConfigMap Secret HorizontalPodAutoscaler',
      'Access control: ServiceAccount',
      'argoproj.io: Application',
      'cert-manager.io: Certificate Issuer',
    ]);
  });

  it('groups cluster-scoped kinds for the context, leaving out Nodes and Namespaces', () => {
    assert.deepEqual(show(groupLazyKinds(DISCOVERED, { namespaced: false, eager: EAGER })), [
      'Storage: PersistentVolume StorageClass',
      'Other: FlowSchema',
      'cert-manager.io: ClusterIssuer',
    ]);
  });

  it('groups kinds read from a recorded aggregated discovery document', () => {
    const kinds = watchableKinds([...parseAggregated(AGG_CORE)!, ...parseAggregated(AGG_APIS)!]);
    assert.deepEqual(show(groupLazyKinds(kinds, { namespaced: true, eager: EAGER })), [
      'Storage: PersistentVolumeClaim',
      'Config: Secret HorizontalPodAutoscaler',
      'cert-manager.io: Certificate',
    ]);
  });

  it('bounds the kinds it shows', () => {
    const many = Array.from({ length: MAX_TREE_KINDS + 50 }, (_, i) => k(`K${i}`, `k${i}s`, 'x.example.com'));
    const groups = groupLazyKinds(many, { namespaced: true, eager: EAGER });
    assert.equal(
      groups.reduce((n, g) => n + g.kinds.length, 0),
      MAX_TREE_KINDS,
    );
  });

  it('hangs lazy kind nodes from their section; eager kind nodes keep their parent and ids', () => {
    const eagerIds = new Set(EAGER);
    const cache = new NodeCache({ isEager: (x) => eagerIds.has(x), sectionOf });
    const pods = cache.kind('ctx', 'shop', PODS);
    assert.equal(pods.parent, cache.namespace('ctx', 'shop'));
    assert.equal(pods.id, ['k', 'ctx', 'shop', 'pods', ''].join('\u0000'));
    const certs = k('Certificate', 'certificates', 'cert-manager.io');
    const node = cache.kind('ctx', 'shop', certs);
    assert.equal(node.parent?.type, 'section');
    assert.equal(node.parent, cache.section('ctx', 'shop', sectionOf(certs)));
    assert.equal(node.parent?.parent, cache.namespace('ctx', 'shop'));
    const pv = cache.kind('ctx', undefined, k('PersistentVolume', 'persistentvolumes', '', false));
    assert.equal(pv.parent?.parent, cache.context('ctx'));
    // An object of a lazy kind reveals through kind > section > namespace > context.
    const obj = cache.object('ctx', certs, 'shop', 'web-tls');
    assert.deepEqual(
      [obj.parent?.type, obj.parent?.parent?.type, obj.parent?.parent?.parent?.type],
      ['kind', 'section', 'namespace'],
    );
    assert.deepEqual(cache.kindNodes('ctx', certs), [node]);
    cache.kind('ctx', 'other', certs);
    assert.equal(cache.kindNodes('ctx', certs).length, 2);
    cache.forgetContext('ctx');
    assert.deepEqual(cache.kindNodes('ctx', certs), []);
  });

  it('TreeLeases: one lease per open kind node, released with the node, an ancestor or the context', () => {
    const cache = new NodeCache({ isEager: () => false, sectionOf });
    const log: string[] = [];
    const leases = new TreeLeases((n) => {
      log.push(`+${n.namespace}/${n.kind.plural}`);
      return { dispose: () => log.push(`-${n.namespace}/${n.kind.plural}`) };
    });
    const cm = k('ConfigMap', 'configmaps');
    const a = cache.kind('ctx', 'a', cm);
    const b = cache.kind('ctx', 'b', cm);
    const pvc = cache.kind('ctx', 'b', k('PersistentVolumeClaim', 'persistentvolumeclaims'));
    leases.hold(a);
    leases.hold(a);
    leases.hold(b);
    leases.hold(pvc);
    assert.deepEqual(log, ['+a/configmaps', '+b/configmaps', '+b/persistentvolumeclaims']);
    // Collapsing the section of b's config maps releases that node only.
    leases.releaseUnder(b.parent!);
    assert.deepEqual(log.slice(3), ['-b/configmaps']);
    // Collapsing namespace b releases everything under it.
    leases.releaseUnder(cache.namespace('ctx', 'b'));
    assert.deepEqual(log.slice(4), ['-b/persistentvolumeclaims']);
    assert.deepEqual(leases.held(), [a]);
    assert.deepEqual(leases.releaseContext('ctx'), [a]);
    assert.deepEqual(leases.held(), []);
  });

  it('leaseKindNode: a kind node under a namespace leases that namespace only; under the context, cluster-wide', () => {
    const cache = new NodeCache({ isEager: () => false, sectionOf });
    const asked: string[] = [];
    const session = {
      acquire: (kind: ResourceKind, namespace?: string) => {
        asked.push(`${kind.plural} in ${namespace ?? '*'}`);
        return { dispose() {} };
      },
    };
    const cm = k('ConfigMap', 'configmaps');
    const sc = k('StorageClass', 'storageclasses', 'storage.k8s.io', false);
    leaseKindNode(session, cache.kind('ctx', 'shop', cm)).dispose();
    leaseKindNode(session, cache.kind('ctx', undefined, sc)).dispose();
    leaseKindNode(undefined, cache.kind('ctx', 'shop', cm)).dispose();
    assert.deepEqual(asked, ['configmaps in shop', 'storageclasses in *']);
  });
});
