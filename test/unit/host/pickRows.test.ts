import * as assert from 'node:assert/strict';
import type { KubeObject } from '../../../src/core/cache/types';
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
import { kindPickRows, MAX_PICK_OBJECTS, objectPickState } from '../../../src/host/commands/pickRows';

const NAMESPACED_EAGER = [PODS, SERVICES, DEPLOYMENTS, REPLICASETS, STATEFULSETS, DAEMONSETS, JOBS, CRONJOBS];
const EAGER = [...NAMESPACED_EAGER, NODES, NAMESPACES];

function k(kind: string, plural: string, group = '', namespaced = true): ResourceKind {
  return { kind, plural, group, version: 'v1', namespaced, shortNames: [] };
}

const DISCOVERED: ResourceKind[] = [
  ...EAGER,
  EVENTS,
  EVENTS_V1,
  k('Certificate', 'certificates', 'cert-manager.io'),
  k('ClusterIssuer', 'clusterissuers', 'cert-manager.io', false),
  k('PersistentVolume', 'persistentvolumes', '', false),
  k('StorageClass', 'storageclasses', 'storage.k8s.io', false),
  k('PersistentVolumeClaim', 'persistentvolumeclaims'),
  k('ConfigMap', 'configmaps'),
  k('Ingress', 'ingresses', 'networking.k8s.io'),
  k('FlowSchema', 'flowschemas', 'flowcontrol.apiserver.k8s.io', false),
];

const show = (rows: ReturnType<typeof kindPickRows>) =>
  rows.map((r) => (r.type === 'section' ? `# ${r.section.title}` : r.kind.kind));

const obj = (namespace: string | undefined, name: string): KubeObject => ({
  metadata: { name, ...(namespace ? { namespace } : {}) },
});

describe('object pick: kinds and objects', () => {
  it('offers the eager kinds first, then every discovered kind under the tree’s sections (both scopes together)', () => {
    assert.deepEqual(show(kindPickRows(DISCOVERED, EAGER)), [
      'Pod',
      'Service',
      'Deployment',
      'ReplicaSet',
      'StatefulSet',
      'DaemonSet',
      'Job',
      'CronJob',
      'Node',
      'Namespace',
      '# Network',
      'Ingress',
      '# Storage',
      'PersistentVolumeClaim',
      'PersistentVolume',
      'StorageClass',
      '# Config',
      'ConfigMap',
      '# Other',
      'FlowSchema',
      '# cert-manager.io',
      'Certificate',
      'ClusterIssuer',
    ]);
  });

  it('before discovery (or when it is forbidden) offers the eager kinds alone', () => {
    assert.deepEqual(
      show(kindPickRows(EAGER, EAGER)),
      EAGER.map((x) => x.kind),
    );
  });

  it('is busy with a loading row until the kind’s first list is in', () => {
    assert.deepEqual(objectPickState({ phase: 'idle' }, []), {
      busy: true,
      note: { type: 'loading' },
      objects: [],
    });
    assert.deepEqual(objectPickState({ phase: 'connecting' }, []), {
      busy: true,
      note: { type: 'loading' },
      objects: [],
    });
    const retry = objectPickState(
      { phase: 'retrying', error: 'ECONNREFUSED', objectCount: 0, synced: false },
      [],
    );
    assert.deepEqual(retry, { busy: true, note: { type: 'retrying', error: 'ECONNREFUSED' }, objects: [] });
  });

  it('shows a forbidden (or unauthorized) kind as such, with no objects', () => {
    const forbidden = objectPickState({ phase: 'forbidden', error: 'cannot list certificates' }, [
      obj('a', 'x'),
    ]);
    assert.deepEqual(forbidden, {
      busy: false,
      note: { type: 'forbidden', error: 'cannot list certificates' },
      objects: [],
    });
    assert.equal(objectPickState({ phase: 'unauthorized', error: 'expired' }, []).note?.type, 'unauthorized');
  });

  it('lists objects by namespace then name; an empty synced kind says so', () => {
    const state = objectPickState({ phase: 'synced', objectCount: 3 }, [
      obj('shop', 'web'),
      obj('db', 'main'),
      obj('shop', 'api'),
    ]);
    assert.equal(state.busy, false);
    assert.equal(state.note, undefined);
    assert.deepEqual(
      state.objects.map((o) => `${o.namespace}/${o.name}`),
      ['db/main', 'shop/api', 'shop/web'],
    );
    assert.deepEqual(objectPickState({ phase: 'synced', objectCount: 0 }, []).note, { type: 'empty' });
  });

  it('bounds the objects listed and says how many more there are', () => {
    const many = Array.from({ length: 7 }, (_, i) => obj(undefined, `o${i}`));
    const state = objectPickState({ phase: 'synced', objectCount: 7 }, many, 3);
    assert.equal(state.objects.length, 3);
    assert.deepEqual(state.note, { type: 'more', count: 4 });
    const big = Array.from({ length: MAX_PICK_OBJECTS + 1 }, (_, i) => obj('ns', `o${i}`));
    assert.equal(
      objectPickState({ phase: 'synced', objectCount: big.length }, big).objects.length,
      MAX_PICK_OBJECTS,
    );
  });
});
