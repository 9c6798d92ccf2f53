/**
 * beyondWorkloads: the demo cluster's troubles outside the workload kinds, each with the
 * Warning events the real component writes, word for word:
 * - a PersistentVolumeClaim whose StorageClass does not exist (persistentvolume-controller,
 *   ProvisioningFailed),
 * - a HorizontalPodAutoscaler with no metrics API to read (horizontal-pod-autoscaler,
 *   FailedGetResourceMetric and FailedComputeMetricsReplicas; ScalingActive=False),
 * - a Service of type LoadBalancer the cloud cannot provision (service-controller,
 *   SyncLoadBalancerFailed),
 * - two CRDs, cert-manager's Certificate and Argo CD's Application, with one failing instance
 *   each: a Certificate Ready=False after a rate-limited ACME order, and an Application whose
 *   sync failed (Degraded, OutOfSync).
 * The default StorageClass and a healthy Certificate keep the picture realistic.
 */
import type { KubeObject } from '../../src/core/cache/types';
import { namespace, rfc3339 } from '../server/fixtures';
import {
  customResource,
  customResourceDefinition,
  horizontalPodAutoscaler,
  loadBalancerService,
  persistentVolumeClaim,
  storageClass,
} from '../server/fixturesAdded';
import type { Sim } from './controllers';

const MIN = 60_000;
const DAY = 86_400_000;

/** METRICS_UNAVAILABLE is the HPA controller's error when metrics-server is not installed. */
export const METRICS_UNAVAILABLE =
  'failed to get cpu utilization: unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)';

/** CERT_FAILURE is cert-manager's message for a certificate request that failed (ACME rate limit). */
export const CERT_FAILURE =
  'The certificate request has failed to complete and will be retried: Failed to wait for order resource "shop-tls-1-2960214416" to become ready: order is in "errored" state: Failed to finalize Order: 429 urn:ietf:params:acme:error:rateLimited: Error finalizing order :: too many certificates (5) already issued for this exact set of domains in the last 168h0m0s';

/** SYNC_FAILURE is Argo CD's message for a sync whose apply failed. */
export const SYNC_FAILURE =
  'Sync operation to 7f3a9c1 failed: one or more objects failed to apply, reason: Deployment.apps "checkout" is invalid: spec.template.spec.containers[0].image: Required value';

/** SeededBeyond names what seedBeyondWorkloads created. */
export interface SeededBeyond {
  pvc: string;
  hpa: string;
  loadBalancer: string;
  certificate: string;
  application: string;
}

function condition(
  type: string,
  status: string,
  reason: string,
  message: string,
  at: number,
): Record<string, unknown> {
  return { type, status, reason, message, lastTransitionTime: rfc3339(at) };
}

/** seedBeyondWorkloads writes those objects and their events into `prod` and `argocd`. */
export function seedBeyondWorkloads(sim: Sim, at: number): SeededBeyond {
  const s = sim.server;
  const rec = sim.recorder;
  s.create(storageClass('standard', { default: true, creationTimestamp: at - 30 * DAY }));

  const pvc = s.create(
    persistentVolumeClaim('prod', 'search-data', {
      storageClassName: 'fast-ssd',
      creationTimestamp: at - 25 * MIN,
    }),
  ) as KubeObject;
  rec.record(pvc, {
    type: 'Warning',
    reason: 'ProvisioningFailed',
    message: 'storageclass.storage.k8s.io "fast-ssd" not found',
    component: 'persistentvolume-controller',
    count: 98,
    firstAt: at - 25 * MIN,
    at: at - 15_000,
  });

  const hpa = s.create(
    horizontalPodAutoscaler('prod', 'web', {
      target: 'web',
      min: 3,
      max: 10,
      cpu: 70,
      currentReplicas: 3,
      creationTimestamp: at - 50 * MIN,
      conditions: [
        condition(
          'AbleToScale',
          'True',
          'SucceededGetScale',
          "the HPA controller was able to get the target's current scale",
          at - 50 * MIN,
        ),
        condition(
          'ScalingActive',
          'False',
          'FailedGetResourceMetric',
          `the HPA was unable to compute the replica count: ${METRICS_UNAVAILABLE}`,
          at - 50 * MIN,
        ),
      ],
    }),
  ) as KubeObject;
  for (const [reason, message] of [
    ['FailedGetResourceMetric', METRICS_UNAVAILABLE],
    [
      'FailedComputeMetricsReplicas',
      `invalid metrics (1 invalid out of 1), first error is: failed to get cpu resource metric value: ${METRICS_UNAVAILABLE}`,
    ],
  ] as const) {
    rec.record(hpa, {
      type: 'Warning',
      reason,
      message,
      component: 'horizontal-pod-autoscaler',
      count: 190,
      firstAt: at - 49 * MIN,
      at: at - 10_000,
    });
  }

  const lb = s.create(
    loadBalancerService('prod', 'web-public', { selector: { app: 'web' }, creationTimestamp: at - 30 * MIN }),
  ) as KubeObject;
  rec.record(lb, {
    reason: 'EnsuringLoadBalancer',
    message: 'Ensuring load balancer',
    component: 'service-controller',
    count: 9,
    firstAt: at - 30 * MIN,
    at: at - 5 * MIN,
  });
  rec.record(lb, {
    type: 'Warning',
    reason: 'SyncLoadBalancerFailed',
    message:
      'Error syncing load balancer: failed to ensure load balancer: could not find any suitable subnets for creating the ELB',
    component: 'service-controller',
    count: 9,
    firstAt: at - 30 * MIN + 2000,
    at: at - 5 * MIN + 2000,
  });

  const certificate = seedCertificates(sim, at);
  const application = seedApplications(sim, at);
  return {
    pvc: 'search-data',
    hpa: 'web',
    loadBalancer: 'web-public',
    certificate: certificate.metadata.name!,
    application: application.metadata.name!,
  };
}

/**
 * beyondWorkloadsTick: one more round of those controllers' retries at `at`: the PVC's
 * ProvisioningFailed, the HPA's FailedGetResourceMetric and the LoadBalancer's
 * SyncLoadBalancerFailed each count one more (the same Event objects, updated). Returns the
 * three events as stored.
 */
export function beyondWorkloadsTick(sim: Sim, at: number): KubeObject[] {
  const get = (apiVersion: string, kind: string, name: string) =>
    sim.mustGet(apiVersion, kind, 'prod', name) as unknown as KubeObject;
  const rec = sim.recorder;
  return [
    rec.record(get('v1', 'PersistentVolumeClaim', 'search-data'), {
      type: 'Warning',
      reason: 'ProvisioningFailed',
      message: 'storageclass.storage.k8s.io "fast-ssd" not found',
      component: 'persistentvolume-controller',
      at,
    }),
    rec.record(get('autoscaling/v2', 'HorizontalPodAutoscaler', 'web'), {
      type: 'Warning',
      reason: 'FailedGetResourceMetric',
      message: METRICS_UNAVAILABLE,
      component: 'horizontal-pod-autoscaler',
      at,
    }),
    rec.record(get('v1', 'Service', 'web-public'), {
      type: 'Warning',
      reason: 'SyncLoadBalancerFailed',
      message:
        'Error syncing load balancer: failed to ensure load balancer: could not find any suitable subnets for creating the ELB',
      component: 'service-controller',
      at,
    }),
  ];
}

function seedCertificates(sim: Sim, at: number): KubeObject {
  const s = sim.server;
  s.create(
    customResourceDefinition({
      group: 'cert-manager.io',
      kind: 'Certificate',
      plural: 'certificates',
      shortNames: ['cert', 'certs'],
      categories: ['cert-manager'],
      creationTimestamp: at - 30 * DAY,
      printerColumns: [
        { name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status' },
        { name: 'Secret', type: 'string', jsonPath: '.spec.secretName' },
        { name: 'Issuer', type: 'string', jsonPath: '.spec.issuerRef.name', priority: 1 },
        {
          name: 'Status',
          type: 'string',
          jsonPath: '.status.conditions[?(@.type=="Ready")].message',
          priority: 1,
        },
        { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
      ],
    }),
  );
  const spec = (name: string, host: string) => ({
    secretName: name,
    dnsNames: [host],
    issuerRef: { group: 'cert-manager.io', kind: 'ClusterIssuer', name: 'letsencrypt-prod' },
    privateKey: { algorithm: 'RSA', size: 2048, rotationPolicy: 'Always' },
  });
  s.create(
    customResource('cert-manager.io/v1', 'Certificate', 'prod', 'api-tls', {
      creationTimestamp: at - 20 * DAY,
      spec: spec('api-tls', 'api.shop.example.com'),
      status: {
        conditions: [
          {
            ...condition(
              'Ready',
              'True',
              'Ready',
              'Certificate is up to date and has not expired',
              at - 20 * DAY,
            ),
            observedGeneration: 1,
          },
        ],
        notAfter: rfc3339(at + 70 * DAY),
        notBefore: rfc3339(at - 20 * DAY),
        renewalTime: rfc3339(at + 40 * DAY),
        revision: 1,
      },
    }),
  );
  const failing = s.create(
    customResource('cert-manager.io/v1', 'Certificate', 'prod', 'shop-tls', {
      creationTimestamp: at - 12 * MIN,
      spec: spec('shop-tls', 'shop.example.com'),
      status: {
        conditions: [
          {
            ...condition(
              'Ready',
              'False',
              'DoesNotExist',
              'Issuing certificate as Secret does not exist',
              at - 12 * MIN,
            ),
            observedGeneration: 1,
          },
          { ...condition('Issuing', 'False', 'Failed', CERT_FAILURE, at - 9 * MIN), observedGeneration: 1 },
        ],
        failedIssuanceAttempts: 1,
        lastFailureTime: rfc3339(at - 9 * MIN),
      },
    }),
  ) as KubeObject;
  const events: Array<[string, string, string, string, number]> = [
    [
      'Normal',
      'Issuing',
      'cert-manager-certificates-trigger',
      'Issuing certificate as Secret does not exist',
      12,
    ],
    [
      'Normal',
      'Generated',
      'cert-manager-certificates-key-manager',
      'Stored new private key in temporary Secret resource "shop-tls-x7k2p"',
      12,
    ],
    [
      'Normal',
      'Requested',
      'cert-manager-certificates-request-manager',
      'Created new CertificateRequest resource "shop-tls-1"',
      12,
    ],
    ['Warning', 'Failed', 'cert-manager-certificates-issuing', CERT_FAILURE, 9],
  ];
  for (const [type, reason, component, message, ago] of events) {
    sim.recorder.record(failing, {
      type: type as 'Normal' | 'Warning',
      reason,
      message,
      component,
      at: at - ago * MIN,
    });
  }
  return failing;
}

function seedApplications(sim: Sim, at: number): KubeObject {
  const s = sim.server;
  s.create(namespace('argocd', { creationTimestamp: at - 30 * DAY }));
  s.create(
    customResourceDefinition({
      group: 'argoproj.io',
      kind: 'Application',
      plural: 'applications',
      version: 'v1alpha1',
      shortNames: ['app', 'apps'],
      status: false,
      creationTimestamp: at - 30 * DAY,
      printerColumns: [
        { name: 'Sync Status', type: 'string', jsonPath: '.status.sync.status' },
        { name: 'Health Status', type: 'string', jsonPath: '.status.health.status' },
        { name: 'Revision', type: 'string', jsonPath: '.status.sync.revision', priority: 10 },
        { name: 'Project', type: 'string', jsonPath: '.spec.project', priority: 10 },
      ],
    }),
  );
  const app = (name: string, path: string) => ({
    project: 'default',
    source: { repoURL: 'https://github.com/example/shop-deploy.git', path, targetRevision: 'main' },
    destination: { server: 'https://kubernetes.default.svc', namespace: name.replace('shop-', '') },
    syncPolicy: { automated: { prune: true, selfHeal: true } },
  });
  s.create(
    customResource('argoproj.io/v1alpha1', 'Application', 'argocd', 'shop-prod', {
      creationTimestamp: at - 10 * DAY,
      spec: app('shop-prod', 'envs/prod'),
      status: {
        sync: { status: 'Synced', revision: '4c1e0b2' },
        health: { status: 'Healthy' },
        conditions: [],
      },
    }),
  );
  const failing = s.create(
    customResource('argoproj.io/v1alpha1', 'Application', 'argocd', 'shop-staging', {
      creationTimestamp: at - 10 * DAY,
      spec: app('shop-staging', 'envs/staging'),
      status: {
        sync: { status: 'OutOfSync', revision: '7f3a9c1' },
        health: { status: 'Degraded' },
        conditions: [{ type: 'SyncError', message: SYNC_FAILURE, lastTransitionTime: rfc3339(at - 6 * MIN) }],
        operationState: {
          phase: 'Failed',
          message: 'one or more objects failed to apply',
          startedAt: rfc3339(at - 6 * MIN - 4000),
          finishedAt: rfc3339(at - 6 * MIN),
        },
      },
    }),
  ) as KubeObject;
  sim.recorder.record(failing, {
    reason: 'OperationStarted',
    message: "Initiated automated sync to '7f3a9c1'",
    component: 'argocd-application-controller',
    at: at - 6 * MIN - 4000,
  });
  sim.recorder.record(failing, {
    type: 'Warning',
    reason: 'OperationCompleted',
    message: SYNC_FAILURE,
    component: 'argocd-application-controller',
    at: at - 6 * MIN,
  });
  sim.recorder.record(failing, {
    reason: 'ResourceUpdated',
    message: 'Updated health status: Progressing -> Degraded',
    component: 'argocd-application-controller',
    at: at - 5 * MIN,
  });
  return failing;
}
