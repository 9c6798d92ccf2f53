import * as assert from 'node:assert/strict';
import type { KubeObject } from '../../../src/core/cache/types';
import { NAMESPACES, NODES, PODS, SERVICES } from '../../../src/core/kinds';
import { summarize } from '../../../src/core/resources/summary';
import { namespace, node, service } from '../../server/fixtures';
import { ago, cond, DAY, NOW, type Rec } from './helpers';

function merge(obj: KubeObject, p: { spec?: Rec; status?: Rec; metadata?: Rec }): KubeObject {
  return {
    ...obj,
    metadata: { ...obj.metadata, ...(p.metadata ?? {}) },
    spec: { ...(obj['spec'] as Rec), ...(p.spec ?? {}) },
    status: { ...(obj['status'] as Rec), ...(p.status ?? {}) },
  };
}

const fieldsOf = (kind: typeof NODES, obj: KubeObject) =>
  Object.fromEntries(summarize(kind, obj, NOW).fields.map((f) => [f.label, f.value]));

describe('resources/node (kubectl printNode)', () => {
  const ready = () => node('node-1', { creationTimestamp: NOW - 40 * DAY, roles: ['control-plane'] });
  const cases: { name: string; obj: () => KubeObject; status: string; health: string }[] = [
    { name: 'ready', obj: ready, status: 'Ready', health: 'ok' },
    { name: 'not ready', obj: () => node('n', { ready: false }), status: 'NotReady', health: 'error' },
    {
      name: 'Ready=Unknown prints NotReady',
      obj: () => merge(ready(), { status: { conditions: [cond('Ready', 'Unknown', 'NodeStatusUnknown')] } }),
      status: 'NotReady',
      health: 'error',
    },
    {
      name: 'no Ready condition',
      obj: () => merge(ready(), { status: { conditions: [] } }),
      status: 'Unknown',
      health: 'unknown',
    },
    {
      name: 'cordoned',
      obj: () => merge(ready(), { spec: { unschedulable: true } }),
      status: 'Ready,SchedulingDisabled',
      health: 'warning',
    },
    {
      name: 'not ready and cordoned',
      obj: () => merge(node('n', { ready: false }), { spec: { unschedulable: true } }),
      status: 'NotReady,SchedulingDisabled',
      health: 'error',
    },
    {
      name: 'under memory pressure',
      obj: () =>
        merge(ready(), { status: { conditions: [cond('MemoryPressure', 'True'), cond('Ready', 'True')] } }),
      status: 'Ready',
      health: 'warning',
    },
  ];
  for (const c of cases) {
    it(`${c.name}: ${c.status}`, () => {
      const s = summarize(NODES, c.obj(), NOW);
      assert.equal(s.status, c.status);
      assert.equal(s.health, c.health);
    });
  }

  it('describes `Ready · v1.32.0 · 40d` and fills kubectl -o wide columns', () => {
    const s = summarize(NODES, ready(), NOW);
    assert.equal(s.description, 'Ready · v1.32.0 · 40d');
    const f = fieldsOf(NODES, ready());
    assert.equal(f['Roles'], 'control-plane');
    assert.equal(f['Version'], 'v1.32.0');
    assert.equal(f['Internal-IP'], '192.168.49.2');
    assert.equal(f['External-IP'], '<none>');
    assert.equal(f['OS-Image'], 'Ubuntu 24.04 LTS');
    assert.equal(f['Container-Runtime'], 'containerd://1.7.22');
  });

  it('ROLES: both label styles, sorted and unique; <none> without', () => {
    const n = node('n', {
      labels: {
        'kubernetes.io/role': 'worker',
        'node-role.kubernetes.io/infra': '',
        'node-role.kubernetes.io/worker': '',
      },
    });
    assert.equal(fieldsOf(NODES, n)['Roles'], 'infra,worker');
    assert.equal(fieldsOf(NODES, node('m'))['Roles'], '<none>');
  });

  it('shows taints in the tooltip', () => {
    const n = merge(ready(), {
      spec: {
        taints: [
          { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' },
          { key: 'gpu', value: 'a100', effect: 'NoExecute' },
        ],
      },
    });
    assert.equal(
      fieldsOf(NODES, n)['Taints'],
      'node.kubernetes.io/unschedulable:NoSchedule, gpu=a100:NoExecute',
    );
  });
});

describe('resources/service (kubectl printService)', () => {
  it('ClusterIP: `ClusterIP 10.96.0.10 · 80/TCP`', () => {
    const s = summarize(SERVICES, service('web', 'api', { creationTimestamp: NOW - DAY }), NOW);
    assert.deepEqual(
      [s.status, s.health, s.description],
      ['ClusterIP', 'ok', 'ClusterIP 10.96.0.10 · 80/TCP'],
    );
    const f = fieldsOf(SERVICES, service('web', 'api', { creationTimestamp: NOW - DAY }));
    assert.equal(f['External-IP'], '<none>');
    assert.equal(f['Selector'], 'app=api');
    assert.equal(f['Age'], '24h');
  });

  it('prefers spec.clusterIPs[0], as kubectl does', () => {
    const svc = merge(service('web', 'api'), {
      spec: { clusterIP: '10.0.0.1', clusterIPs: ['10.0.0.1', 'fd00::1'] },
    });
    assert.equal(summarize(SERVICES, svc, NOW).description, 'ClusterIP 10.0.0.1 · 80/TCP');
  });

  it('NodePort: `port:nodePort/protocol`', () => {
    const svc = merge(service('web', 'api'), {
      spec: {
        type: 'NodePort',
        ports: [
          { port: 80, nodePort: 30080, protocol: 'TCP' },
          { port: 53, protocol: 'UDP' },
        ],
      },
    });
    assert.equal(summarize(SERVICES, svc, NOW).description, 'NodePort 10.96.0.10 · 80:30080/TCP,53/UDP');
  });

  it('LoadBalancer: <pending> until an ingress appears, then its addresses', () => {
    const pending = merge(service('web', 'lb'), { spec: { type: 'LoadBalancer' } });
    const p = summarize(SERVICES, pending, NOW);
    assert.deepEqual(
      [p.status, p.health, p.description],
      ['Pending', 'progressing', 'LoadBalancer 10.96.0.10 · <pending> · 80/TCP'],
    );
    const ready = merge(pending, {
      status: { loadBalancer: { ingress: [{ ip: '203.0.113.7' }, { hostname: 'lb.example.com' }] } },
    });
    const r = summarize(SERVICES, ready, NOW);
    assert.deepEqual([r.status, r.health], ['LoadBalancer', 'ok']);
    assert.equal(r.fields.find((f) => f.label === 'External-IP')?.value, '203.0.113.7,lb.example.com');
  });

  it('ExternalName and headless', () => {
    const ext = merge(service('web', 'ext'), {
      spec: { type: 'ExternalName', externalName: 'db.example.com', clusterIP: undefined, ports: [] },
    });
    assert.equal(summarize(SERVICES, ext, NOW).description, 'ExternalName db.example.com · <none>');
    const headless = merge(service('web', 'h'), { spec: { clusterIP: 'None', clusterIPs: ['None'] } });
    assert.equal(summarize(SERVICES, headless, NOW).description, 'ClusterIP None · 80/TCP');
  });
});

describe('resources/namespace and other kinds', () => {
  it('namespace: `Active · 10d`, Terminating', () => {
    const ns = namespace('web', { creationTimestamp: NOW - 10 * DAY });
    const s = summarize(NAMESPACES, ns, NOW);
    assert.deepEqual([s.status, s.health, s.description], ['Active', 'ok', 'Active · 10d']);
    const gone = merge(ns, { status: { phase: 'Terminating' }, metadata: { deletionTimestamp: ago(1000) } });
    assert.deepEqual(
      [summarize('ns', gone, NOW).status, summarize('ns', gone, NOW).health],
      ['Terminating', 'progressing'],
    );
  });

  it('missing creation time never renders as a date', () => {
    const ns = namespace('web');
    assert.equal(summarize(NAMESPACES, ns, NOW).description, 'Active');
    assert.equal(summarize(NAMESPACES, ns, NOW).fields.find((f) => f.label === 'Age')?.value, '<unknown>');
    const zero = merge(ns, { metadata: { creationTimestamp: '0001-01-01T00:00:00Z' } });
    assert.equal(summarize(NAMESPACES, zero, NOW).description, 'Active');
    assert.equal(summarize(NODES, node('n'), NOW).description, 'Ready · v1.32.0');
  });

  it('unknown kinds: phase, Ready condition, or nothing (conditions.test.ts has every rule)', () => {
    const pvc: KubeObject = {
      metadata: { name: 'data', creationTimestamp: ago(DAY) },
      status: { phase: 'Bound' },
    };
    const s = summarize('PersistentVolumeClaim', pvc, NOW);
    assert.deepEqual([s.status, s.health, s.description], ['Bound', 'ok', 'Bound · 24h']);
    const cert: KubeObject = { metadata: { name: 'c' }, status: { conditions: [cond('Ready', 'False')] } };
    assert.deepEqual(
      [summarize('Certificate', cert, NOW).status, summarize('Certificate', cert, NOW).health],
      ['NotReady', 'error'],
    );
    const cm: KubeObject = { metadata: { name: 'cm' } };
    assert.deepEqual(summarize('ConfigMap', cm, NOW), {
      health: 'unknown',
      status: '',
      description: '',
      fields: [{ label: 'Age', value: '<unknown>' }],
    });
  });

  it('resolves kinds by ResourceKind, kind, plural and short name', () => {
    const ns = namespace('web', { creationTimestamp: NOW - DAY });
    for (const k of [NAMESPACES, 'Namespace', 'namespaces', 'ns', 'namespace']) {
      assert.equal(summarize(k, ns, NOW).status, 'Active', String(k));
    }
    // `constructor` is not a kind.
    assert.equal(summarize('constructor', ns, NOW).status, 'Active');
    assert.equal(summarize(PODS, { metadata: {} }, NOW).health, 'unknown');
  });
});
