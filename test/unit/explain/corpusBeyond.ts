/**
 * The corpus beyond the workload kinds: the service controller's load balancer Warnings
 * (k8s.io/cloud-provider controllers/service, with cloud errors as AWS, GCE and Azure word
 * them), the HPA's FailedComputeMetricsReplicas, and Warnings of custom resources explained
 * from their conditions (cert-manager, Argo CD, Crossplane).
 */
import type { KubeObject } from '../../../src/core/cache/types';
import { cacheOf, ev, iso, node, NOW, obj } from './builders';
import type { CorpusCase } from './corpusCase';

const SVC = { kind: 'Service', namespace: 'shop', name: 'web' };
const HPA = { kind: 'HorizontalPodAutoscaler', namespace: 'shop', name: 'web' };

function service(): KubeObject {
  return obj('Service', 'shop', 'web', {
    spec: { type: 'LoadBalancer', ports: [{ port: 80, protocol: 'TCP', nodePort: 30080 }] },
    status: { loadBalancer: {} },
  });
}

function cloudNodes(n: number): KubeObject[] {
  return Array.from({ length: n }, (_, i) => {
    const x = node(`n${i}`);
    (x['spec'] as Record<string, unknown>)['providerID'] = `gce://p/europe-west1-b/n${i}`;
    return x;
  });
}

const lbCache = () => cacheOf({ Service: [service()], Node: cloudNodes(2) });
const lbEvent = (message: string, reason = 'SyncLoadBalancerFailed') =>
  ev(reason, message, SVC, { source: 'service-controller' });

function customResource(
  kind: string,
  ns: string,
  name: string,
  status: Record<string, unknown>,
): Record<string, KubeObject[]> {
  return { [kind]: [obj(kind, ns, name, { status })] };
}

export const BEYOND: CorpusCase[] = [
  {
    name: 'AWS: no subnet for the ELB',
    event: lbEvent(
      'Error syncing load balancer: failed to ensure load balancer: could not find any suitable subnets for creating the ELB',
    ),
    cache: lbCache,
    cause: /Failed creating or updating the cloud load balancer of Service web: the cloud found no subnet/,
    evidence: [/status\.loadBalancer is empty/, /2 nodes: 2 Ready; 2 qualify as load balancer backends/],
    confidence: 'exact',
  },
  {
    name: 'AWS: load balancer quota',
    event: lbEvent(
      'Error syncing load balancer: failed to ensure load balancer: TooManyLoadBalancers: Exceeded quota of account 123456789012',
    ),
    cache: lbCache,
    cause: /quota is exhausted/,
  },
  {
    name: 'GCE: permission denied',
    event: lbEvent(
      "Error syncing load balancer: failed to ensure load balancer: googleapi: Error 403: Required 'compute.firewalls.create' permission for 'projects/shop', forbidden",
    ),
    cache: lbCache,
    cause: /credentials may not manage load balancers/,
  },
  {
    name: 'Azure: public IP not found',
    event: lbEvent(
      'Error syncing load balancer: failed to ensure load balancer: ensure(shop/web): lb(kubernetes) - failed to ensure host in pool: PublicIPAddress "shop-ip" not found in resource group "rg"',
    ),
    cache: lbCache,
    cause: /the requested load balancer address cannot be used/,
  },
  {
    name: 'update hosts failed',
    event: lbEvent(
      'Error updating load balancer with new hosts [n0 n1]: Throttling: Rate exceeded',
      'UpdateLoadBalancerFailed',
    ),
    cache: lbCache,
    cause: /Failed updating the nodes of the cloud load balancer of Service web/,
    evidence: [/sent 2 nodes to the cloud: n0, n1/],
    confidence: 'partial',
  },
  {
    name: 'HPA: invalid metrics, no metrics returned',
    event: ev(
      'FailedComputeMetricsReplicas',
      'invalid metrics (1 invalid out of 1), first error is: failed to get cpu resource metric value: failed to get cpu utilization: unable to get metrics for resource cpu: no metrics returned from resource metrics API',
      HPA,
      { source: 'horizontal-pod-autoscaler' },
    ),
    cache: () => cacheOf({}),
    cause: /cannot read cpu metrics: metrics-server is not serving/,
    evidence: [/1 of the HPA's 1 metrics could not be read/],
  },
  {
    name: 'HPA: pods unready',
    event: ev(
      'FailedComputeMetricsReplicas',
      'invalid metrics (1 invalid out of 1), first error is: failed to get cpu resource metric value: failed to get cpu utilization: did not receive metrics for targeted pods (pods might be unready)',
      HPA,
      { source: 'horizontal-pod-autoscaler' },
    ),
    cache: () => cacheOf({}),
    cause: /has no metrics for its pods yet/,
    confidence: 'partial',
  },
  {
    name: 'cert-manager: issuer not found',
    event: ev(
      'IssuerNotFound',
      'Referenced "ClusterIssuer" not found: clusterissuer.cert-manager.io "letsencrypt" not found',
      { kind: 'CertificateRequest', namespace: 'shop', name: 'web-tls-1' },
      { source: 'cert-manager-certificaterequests-issuer-acme' },
    ),
    cache: () =>
      cacheOf(
        customResource('CertificateRequest', 'shop', 'web-tls-1', {
          conditions: [
            {
              type: 'Ready',
              status: 'False',
              reason: 'Pending',
              message:
                'Referenced "ClusterIssuer" not found: clusterissuer.cert-manager.io "letsencrypt" not found',
              lastTransitionTime: iso(NOW - 120_000),
            },
          ],
        }),
      ),
    cause:
      /^CertificateRequest web-tls-1 is NotReady: Ready=False \(Pending\): Referenced "ClusterIssuer" not found/,
    confidence: 'exact',
  },
  {
    name: 'Argo CD: sync failed',
    event: ev(
      'OperationCompleted',
      'Sync operation to 4c1e0b2 failed: ComparisonError: failed to load target state: rpc error: code = Unknown desc = Manifest generation error',
      { kind: 'Application', namespace: 'argocd', name: 'shop' },
      { source: 'argocd-application-controller' },
    ),
    cache: () =>
      cacheOf(
        customResource('Application', 'argocd', 'shop', {
          health: { status: 'Missing' },
          sync: { status: 'Unknown' },
          conditions: [
            {
              type: 'ComparisonError',
              message:
                'Failed to load target state: failed to generate manifest for source 1 of 1: rpc error: code = Unknown desc = Manifest generation error',
            },
          ],
        }),
      ),
    cause: /^Application shop is Missing: ComparisonError: Failed to load target state/,
    evidence: [/Health: Missing/, /Sync: Unknown/],
    confidence: 'partial',
  },
  {
    name: 'Crossplane: claim not synced',
    event: ev(
      'CannotCreateExternalResource',
      'cannot create RDS instance: InvalidParameterValue: Invalid DB engine version',
      { kind: 'RDSInstance', name: 'shop-db' },
      { source: 'managed/rdsinstance.database.aws.crossplane.io' },
    ),
    cache: () =>
      cacheOf(
        customResource('RDSInstance', '', 'shop-db', {
          conditions: [
            { type: 'Ready', status: 'False', reason: 'Creating' },
            {
              type: 'Synced',
              status: 'False',
              reason: 'ReconcileError',
              message: 'cannot create RDS instance: InvalidParameterValue: Invalid DB engine version',
            },
          ],
        }),
      ),
    cause: /^RDSInstance shop-db is NotReady: Synced=False \(ReconcileError\): cannot create RDS instance/,
    confidence: 'exact',
  },
  {
    name: 'custom resource that is fine: generic',
    event: ev(
      'Failed',
      'Failed to sync secret: transient error',
      { kind: 'ExternalSecret', namespace: 'shop', name: 'db' },
      { source: 'external-secrets' },
    ),
    cache: () =>
      cacheOf(
        customResource('ExternalSecret', 'shop', 'db', {
          conditions: [{ type: 'Ready', status: 'True', reason: 'SecretSynced', message: 'ok' }],
        }),
      ),
    cause: /^Failed was reported by external-secrets for ExternalSecret db$/,
    confidence: 'generic',
  },
];
