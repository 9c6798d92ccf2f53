import * as assert from 'node:assert/strict';
import type { KubeObject } from '../../../src/core/cache/types';
import { nodeRoles } from '../../../src/core/describe/node';
import { ago, render, section } from './helpers';

const node: KubeObject = {
  metadata: {
    name: 'n1',
    uid: 'n1-uid',
    creationTimestamp: ago(86_400_000),
    labels: {
      'node-role.kubernetes.io/worker': '',
      'node-role.kubernetes.io/infra': '',
      'kubernetes.io/role': 'edge',
    },
  },
  spec: {
    podCIDR: '10.244.1.0/24',
    podCIDRs: ['10.244.1.0/24', 'fd00:1::/64'],
    providerID: 'aws:///eu-west-1a/i-0abc',
    unschedulable: true,
    taints: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }],
  },
  status: {
    conditions: [
      {
        type: 'Ready',
        status: 'True',
        lastHeartbeatTime: ago(30_000),
        lastTransitionTime: ago(86_000_000),
        reason: 'KubeletReady',
        message: 'kubelet is posting ready status',
      },
    ],
    addresses: [{ type: 'InternalIP', address: '10.0.0.5' }],
    capacity: { cpu: '2', memory: '4Gi', pods: '110', 'example.com/fpga': '2' },
    allocatable: {
      cpu: '1900m',
      memory: '3Gi',
      pods: '110',
      'example.com/fpga': '2',
      'hugepages-1Gi': '2Gi',
    },
    nodeInfo: { kubeletVersion: 'v1.32.1', osImage: 'Flatcar', machineID: 'm', bootID: 'b', systemUUID: 's' },
  },
};

function pod(name: string, ns: string, phase: string, resources: unknown, created = 60_000): KubeObject {
  return {
    metadata: { name, namespace: ns, creationTimestamp: ago(created) },
    spec: { nodeName: 'n1', containers: [{ name: 'c', resources }] },
    status: { phase },
  };
}

describe('describe Node', () => {
  it('finds roles from both label forms, sorted', () => {
    assert.deepEqual(nodeRoles(node.metadata.labels), ['edge', 'infra', 'worker']);
  });

  it('prints identity, taints, conditions, capacity and system info', () => {
    const text = render('Node', node);
    assert.match(text, /^Roles:\s+edge,infra,worker$/m);
    assert.match(text, /^Taints:\s+node\.kubernetes\.io\/unschedulable:NoSchedule\nUnschedulable:\s+true\n/m);
    assert.equal(
      section(text, 'Conditions'),
      'Conditions:\n' +
        '  Type    Status  LastHeartbeatTime                 LastTransitionTime                Reason         Message\n' +
        '  ----    ------  -----------------                 ------------------                ------         -------\n' +
        '  Ready   True    Thu, 15 Jan 2026 11:59:30 +0000   Wed, 14 Jan 2026 12:06:40 +0000   KubeletReady   kubelet is posting ready status',
    );
    assert.match(
      text,
      /^Allocatable:\n {2}cpu:\s+1900m\n {2}example\.com\/fpga:\s+2\n {2}hugepages-1Gi:\s+2Gi\n {2}memory:\s+3Gi\n {2}pods:\s+110\n/m,
    );
    assert.match(text, /^ {2}Kubelet Version:\s+v1\.32\.1\n {2}Kube-Proxy Version:\s*\n/m);
    assert.match(
      text,
      /^PodCIDR:\s+10\.244\.1\.0\/24\nPodCIDRs:\s+10\.244\.1\.0\/24,fd00:1::\/64\nProviderID:\s+aws:/m,
    );
    assert.doesNotMatch(text, /Non-terminated Pods|Lease/, 'pods not cached, lease never');
  });

  it('lists non-terminated pods with requests, limits and allocation against allocatable', () => {
    const pods = [
      pod('web', 'b', 'Running', {
        requests: { cpu: '250m', memory: '512Mi' },
        limits: { cpu: '1', memory: '1Gi' },
      }),
      pod('job', 'a', 'Succeeded', { requests: { cpu: '1' } }),
      pod(
        'dns',
        'a',
        'Pending',
        { requests: { cpu: '100m', memory: '70Mi', 'example.com/fpga': '1' } },
        7_200_000,
      ),
    ];
    const text = render('Node', node, { related: { podsOnNode: () => pods } });
    assert.equal(
      section(text, 'Non-terminated Pods'),
      [
        'Non-terminated Pods:          (2 in total)',
        '  Namespace                   Name    CPU Requests  CPU Limits  Memory Requests  Memory Limits  Age',
        '  ---------                   ----    ------------  ----------  ---------------  -------------  ---',
        '  a                           dns     100m (5%)     0 (0%)      70Mi (2%)        0 (0%)         120m',
        '  b                           web     250m (13%)    1 (52%)     512Mi (16%)      1Gi (33%)      60s',
      ].join('\n'),
    );
    assert.equal(
      section(text, 'Allocated resources'),
      [
        'Allocated resources:',
        '  (Total limits may be over 100 percent, i.e., overcommitted.)',
        '  Resource           Requests     Limits',
        '  --------           --------     ------',
        '  cpu                350m (18%)   1 (52%)',
        '  memory             582Mi (18%)  1Gi (33%)',
        '  ephemeral-storage  0 (0%)       0 (0%)',
        '  hugepages-1Gi      0 (0%)       0 (0%)',
        '  example.com/fpga   1            0',
      ].join('\n'),
    );
  });
});

describe('describe Node: Lease', () => {
  const bare: KubeObject = { metadata: { name: 'n2' }, spec: {}, status: {} };

  it('prints the node Lease holder and times after Unschedulable', () => {
    const lease: KubeObject = {
      metadata: { name: 'n2', namespace: 'kube-node-lease' },
      spec: { holderIdentity: 'n2', renewTime: '2026-01-15T11:59:50.123456Z' },
    };
    const asked: string[] = [];
    const text = render('Node', bare, {
      related: {
        nodeLease: (name) => {
          asked.push(name);
          return lease;
        },
      },
    });
    assert.deepEqual(asked, ['n2']);
    assert.ok(
      text.includes(
        [
          'Unschedulable:      false',
          'Lease:',
          '  HolderIdentity:  n2',
          '  AcquireTime:     <unset>',
          '  RenewTime:       Thu, 15 Jan 2026 11:59:50 +0000',
          'Addresses:',
        ].join('\n'),
      ),
      text,
    );
  });

  it("prints kubectl's error when the node has no Lease, and no block when Leases are not cached", () => {
    const missing = render('Node', bare, { related: { nodeLease: () => null } });
    assert.match(missing, /^Lease: +Failed to get lease: leases\.coordination\.k8s\.io "n2" not found$/m);
    assert.doesNotMatch(render('Node', bare), /Lease/);
  });
});
