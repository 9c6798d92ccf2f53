/**
 * seed: the objects the UI tests find in their two clusters. kind-alpha runs a small shop with
 * one crash-looping pod; kind-beta has a pod that cannot be scheduled. Each has Warning events.
 */
import { deployment, event, namespace, pod, replicaSet } from '../../server/fixtures';
import { type TestServer } from '../../server/index';

/** seedAlpha fills kind-alpha: namespace shop, Deployment web, its ReplicaSet and two Pods. */
export function seedAlpha(s: TestServer): void {
  s.create(namespace('shop'));
  const dep = s.create(deployment('shop', 'web', { replicas: 2, readyReplicas: 1 }));
  const rs = s.create(replicaSet('shop', 'web-5d9c7b6f8', { deployment: dep, owner: dep }));
  const ok = s.create(pod('shop', 'web-5d9c7b6f8-abcde', { owner: rs }));
  const crashing = s.create(
    pod('shop', 'web-5d9c7b6f8-fghij', {
      owner: rs,
      containers: [{ waitingReason: 'CrashLoopBackOff', restartCount: 7, lastTerminatedReason: 'Error' }],
    }),
  );
  s.create(event('shop', ok));
  s.create(
    event('shop', crashing, {
      type: 'Warning',
      reason: 'BackOff',
      message: 'Back-off restarting failed container app in pod web-5d9c7b6f8-fghij_shop',
      count: 7,
    }),
  );
}

/** seedBeta fills kind-beta: namespace batch with an unschedulable Pod. */
export function seedBeta(s: TestServer): void {
  s.create(namespace('batch'));
  const pending = s.create(pod('batch', 'report-0', { phase: 'Pending', containers: [{ ready: false }] }));
  s.create(
    event('batch', pending, {
      type: 'Warning',
      reason: 'FailedScheduling',
      message: '0/3 nodes are available: 3 Insufficient memory.',
      source: 'default-scheduler',
    }),
  );
}
