import * as assert from 'node:assert/strict';
import type { KubeObject } from '../../../src/core/cache/types';
import { podQOS } from '../../../src/core/describe/pod';
import { ago, coreEvent, render, section } from './helpers';

function crashingPod(): KubeObject {
  const start = ago(600_000);
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: 'web-7d4b9c-x2x9q',
      namespace: 'shop',
      uid: 'pod-uid',
      creationTimestamp: start,
      labels: { app: 'web', 'pod-template-hash': '7d4b9c' },
      ownerReferences: [
        { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-7d4b9c', uid: 'rs-uid', controller: true },
      ],
    },
    spec: {
      nodeName: 'node-a',
      serviceAccountName: 'default',
      priority: 0,
      containers: [
        {
          name: 'app',
          image: 'shop/web:2.1',
          ports: [
            { containerPort: 8080, protocol: 'TCP' },
            { containerPort: 9090, protocol: 'TCP' },
          ],
          resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' } },
          livenessProbe: {
            httpGet: { path: '/live', port: 'http', scheme: 'HTTPS' },
            initialDelaySeconds: 10,
            timeoutSeconds: 2,
            periodSeconds: 15,
            successThreshold: 1,
            failureThreshold: 3,
          },
          readinessProbe: {
            exec: { command: ['cat', '/tmp/ready'] },
            timeoutSeconds: 1,
            periodSeconds: 5,
            successThreshold: 1,
            failureThreshold: 3,
          },
          startupProbe: { grpc: { port: 9090, service: 'health' }, periodSeconds: 10, failureThreshold: 30 },
          env: [
            { name: 'LOG', value: 'line1\nline2' },
            { name: 'NS', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } } },
            { name: 'IP', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'status.podIP' } } },
            { name: 'CPU', valueFrom: { resourceFieldRef: { resource: 'limits.cpu', divisor: '1m' } } },
            { name: 'MEM', valueFrom: { resourceFieldRef: { resource: 'requests.memory', divisor: '1Mi' } } },
            { name: 'FLAG', valueFrom: { configMapKeyRef: { name: 'flags', key: 'f', optional: true } } },
          ],
        },
      ],
      tolerations: [
        {
          key: 'node.kubernetes.io/not-ready',
          operator: 'Exists',
          effect: 'NoExecute',
          tolerationSeconds: 300,
        },
      ],
    },
    status: {
      phase: 'Running',
      hostIP: '10.0.0.5',
      podIP: '10.244.1.7',
      podIPs: [{ ip: '10.244.1.7' }, { ip: 'fd00::7' }],
      startTime: start,
      conditions: [
        { type: 'Ready', status: 'False' },
        { type: 'PodScheduled', status: 'True' },
      ],
      containerStatuses: [
        {
          name: 'app',
          image: 'shop/web:2.1',
          imageID: 'shop/web@sha256:abc',
          containerID: 'containerd://c1',
          ready: false,
          restartCount: 7,
          state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 5m0s' } },
          lastState: {
            terminated: {
              exitCode: 137,
              signal: 9,
              reason: 'OOMKilled',
              message: 'killed',
              startedAt: ago(120_000),
              finishedAt: ago(60_000),
            },
          },
        },
      ],
      qosClass: 'Burstable',
    },
  };
}

const EXPECTED = `Name:             web-7d4b9c-x2x9q
Namespace:        shop
Priority:         0
Service Account:  default
Node:             node-a/10.0.0.5
Start Time:       Thu, 15 Jan 2026 11:50:00 +0000
Labels:           app=web
                  pod-template-hash=7d4b9c
Annotations:      <none>
Status:           Running
IP:               10.244.1.7
IPs:
  IP:           10.244.1.7
  IP:           fd00::7
Controlled By:  ReplicaSet/web-7d4b9c
Containers:
  app:
    Container ID:   containerd://c1
    Image:          shop/web:2.1
    Image ID:       shop/web@sha256:abc
    Ports:          8080/TCP, 9090/TCP
    Host Ports:     0/TCP, 0/TCP
    State:          Waiting
      Reason:       CrashLoopBackOff
    Last State:     Terminated
      Reason:       OOMKilled
      Message:      killed
      Exit Code:    137
      Signal:       9
      Started:      Thu, 15 Jan 2026 11:58:00 +0000
      Finished:     Thu, 15 Jan 2026 11:59:00 +0000
    Ready:          False
    Restart Count:  7
    Limits:
      cpu:     1
      memory:  512Mi
    Requests:
      cpu:      250m
      memory:   256Mi
    Liveness:   http-get https://:http/live delay=10s timeout=2s period=15s #success=1 #failure=3
    Readiness:  exec [cat /tmp/ready] delay=0s timeout=1s period=5s #success=1 #failure=3
    Startup:    grpc <pod>:9090 health delay=0s timeout=0s period=10s #success=0 #failure=30
    Environment:
      LOG:   line1
             line2
      NS:    shop (v1:metadata.namespace)
      IP:     (v1:status.podIP)
      CPU:   1000 (limits.cpu)
      MEM:   256 (requests.memory)
      FLAG:  <set to the key 'f' of config map 'flags'>  Optional: true
    Mounts:  <none>
Conditions:
  Type           Status
  Ready          False 
  PodScheduled   True 
Volumes:         <none>
QoS Class:       Burstable
Node-Selectors:  <none>
Tolerations:     node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
Events:
  Type     Reason   Age              From     Message
  ----     ------   ----             ----     -------
  Warning  BackOff  5s (x7 over 9m)  kubelet  Back-off restarting failed container app
`;

describe('describe Pod', () => {
  it('renders a crash-looping pod as kubectl does', () => {
    const pod = crashingPod();
    const ev = coreEvent(
      'e1',
      { kind: 'Pod', name: pod.metadata.name!, namespace: 'shop', uid: 'pod-uid' },
      {
        type: 'Warning',
        reason: 'BackOff',
        message: 'Back-off restarting failed container app',
        count: 7,
        firstTimestamp: ago(540_000),
        lastTimestamp: ago(5_000),
      },
    );
    assert.equal(render('Pod', pod, { events: [ev] }), EXPECTED);
  });

  it('shows a deleting pod as Terminating, with its grace period', () => {
    const pod = crashingPod();
    Object.assign(pod.metadata, { deletionTimestamp: ago(45_000), deletionGracePeriodSeconds: 30 });
    const text = render('Pod', pod);
    assert.match(text, /^Status:\s+Terminating \(lasts 45s\)\nTermination Grace Period:\s+30s\n/m);
  });

  it('prints Node <none>, IPs <none> and no Start Time for an unscheduled pod', () => {
    const text = render('Pod', {
      metadata: { name: 'p', namespace: 'd' },
      spec: { containers: [{ name: 'c', image: 'i' }] },
      status: { phase: 'Pending', reason: 'Unschedulable', message: '0/3 nodes are available' },
    });
    assert.match(text, /^Node:\s+<none>$/m);
    assert.match(text, /^IPs:\s+<none>$/m);
    assert.match(text, /^Reason:\s+Unschedulable\nMessage:\s+0\/3 nodes are available\n/m);
    assert.doesNotMatch(text, /Start Time/);
    assert.equal(section(text, '    Container ID'), '', 'no status, so no Container ID');
    assert.doesNotMatch(text, /Restart Count/);
    assert.match(text, /^QoS Class:\s+BestEffort$/m);
  });

  it('computes QoS when status.qosClass is not set', () => {
    const pod = (resources: unknown[]) => ({
      spec: { containers: resources.map((r, i) => ({ name: `c${i}`, resources: r })) },
    });
    const full = { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1000m', memory: '1024Mi' } };
    assert.equal(podQOS(pod([full, full])), 'Guaranteed');
    assert.equal(podQOS(pod([full, {}])), 'Burstable');
    // Requests are not defaulted from limits here (the API server does that), so: Burstable.
    assert.equal(podQOS(pod([{ limits: { cpu: '1', memory: '1Gi' } }])), 'Burstable');
    assert.equal(podQOS(pod([{ requests: { cpu: '1' } }])), 'Burstable');
    assert.equal(podQOS(pod([{}, { requests: { 'nvidia.com/gpu': '1' } }])), 'BestEffort');
  });
});
