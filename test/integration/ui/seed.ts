/**
 * seed: the objects the UI tests find in their two clusters. kind-alpha runs a small shop with
 * one crash-looping pod, a certificate that cert-manager failed to issue (a custom resource,
 * Ready=False) and a PersistentVolumeClaim that cannot be provisioned; kind-beta has a pod that
 * cannot be scheduled. Each has Warning events.
 */
import { deployment, event, namespace, pod, replicaSet, rfc3339 } from '../../server/fixtures';
import { customResource, customResourceDefinition, persistentVolumeClaim } from '../../server/fixturesAdded';
import { type TestServer } from '../../server/index';

/** CERT_FAILURE is cert-manager's Warning on the seeded certificate shop/web-tls. */
export const CERT_FAILURE =
  'The certificate request has failed to complete and will be retried: Failed to wait for order resource "web-tls-1-2960214416" to become ready: order is in "errored" state: Failed to finalize Order: 429 urn:ietf:params:acme:error:rateLimited';
/** PVC_FAILURE is the persistentvolume-controller's Warning on the seeded PVC shop/web-data. */
export const PVC_FAILURE = 'storageclass.storage.k8s.io "fast-ssd" not found';

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
  seedAlphaBeyondWorkloads(s);
}

/**
 * seedAlphaBeyondWorkloads adds to kind-alpha's shop what the ten eager kinds do not cover: the
 * cert-manager Certificate CRD with one failing instance (web-tls, Ready=False, a Warning
 * Failed) and a PersistentVolumeClaim web-data whose StorageClass does not exist (a Warning
 * ProvisioningFailed).
 */
function seedAlphaBeyondWorkloads(s: TestServer): void {
  const now = Date.now();
  s.create(
    customResourceDefinition({
      group: 'cert-manager.io',
      kind: 'Certificate',
      plural: 'certificates',
      shortNames: ['cert', 'certs'],
      categories: ['cert-manager'],
      printerColumns: [
        { name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status' },
        { name: 'Secret', type: 'string', jsonPath: '.spec.secretName' },
        { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
      ],
    }),
  );
  const cert = s.create(
    customResource('cert-manager.io/v1', 'Certificate', 'shop', 'web-tls', {
      spec: {
        secretName: 'web-tls',
        dnsNames: ['shop.example.com'],
        issuerRef: { group: 'cert-manager.io', kind: 'ClusterIssuer', name: 'letsencrypt-prod' },
      },
      status: {
        conditions: [
          {
            type: 'Ready',
            status: 'False',
            reason: 'DoesNotExist',
            message: 'Issuing certificate as Secret does not exist',
            lastTransitionTime: rfc3339(now),
            observedGeneration: 1,
          },
        ],
        failedIssuanceAttempts: 1,
      },
    }),
  );
  s.create(
    event('shop', cert, {
      type: 'Warning',
      reason: 'Failed',
      message: CERT_FAILURE,
      source: 'cert-manager-certificates-issuing',
    }),
  );
  const pvc = s.create(persistentVolumeClaim('shop', 'web-data', { storageClassName: 'fast-ssd' }));
  s.create(
    event('shop', pvc, {
      type: 'Warning',
      reason: 'ProvisioningFailed',
      message: PVC_FAILURE,
      source: 'persistentvolume-controller',
      count: 12,
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
