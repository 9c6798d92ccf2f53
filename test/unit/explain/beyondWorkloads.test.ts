/**
 * Explanations beyond the workload kinds: the service controller's load balancer Warnings and
 * the HPA's FailedComputeMetricsReplicas (conditions-based ones: conditions.test.ts). Messages
 * are the components' own formats (k8s.io/cloud-provider controllers/service, the HPA
 * controller).
 */
import * as assert from 'node:assert/strict';
import type { KubeObject } from '../../../src/core/cache/types';
import { explain } from '../../../src/core/explain/explain';
import { cacheOf, ev, node, NOW, obj } from './builders';

const SVC = { kind: 'Service', namespace: 'prod', name: 'web-public' };
const HPA = { kind: 'HorizontalPodAutoscaler', namespace: 'prod', name: 'web' };

const sync = (err: string) => `Error syncing load balancer: failed to ensure load balancer: ${err}`;

function lbService(o: { ingress?: string; type?: string } = {}): KubeObject {
  return obj('Service', 'prod', 'web-public', {
    spec: {
      type: o.type ?? 'LoadBalancer',
      ports: [{ name: 'https', port: 443, protocol: 'TCP', nodePort: 31443 }],
      externalTrafficPolicy: 'Cluster',
    },
    status: { loadBalancer: o.ingress ? { ingress: [{ ip: o.ingress }] } : {} },
  });
}

function cloudNode(name: string, o: { ready?: boolean; excluded?: boolean; deleting?: boolean } = {}) {
  const n = node(name, {
    labels: o.excluded ? { 'node.kubernetes.io/exclude-from-external-load-balancers': '' } : {},
    conditions: [{ type: 'Ready', status: o.ready === false ? 'False' : 'True' }],
    taints: o.deleting ? [{ key: 'ToBeDeletedByClusterAutoscaler', effect: 'NoSchedule' }] : undefined,
  });
  (n['spec'] as Record<string, unknown>)['providerID'] = `aws:///eu-west-1a/i-${name}`;
  return n;
}

const lb = (message: string, reason = 'SyncLoadBalancerFailed') =>
  ev(reason, message, SVC, { source: 'service-controller' });

describe('explain: service controller load balancer Warnings', () => {
  const nodes = [cloudNode('n1'), cloudNode('n2', { ready: false }), cloudNode('n3', { excluded: true })];

  it('no suitable subnet: the cloud error, the pending Service, and the nodes that can back it', () => {
    const cache = cacheOf({ Service: [lbService()], Node: nodes });
    const x = explain(lb(sync('could not find any suitable subnets for creating the ELB')), cache, NOW);
    assert.equal(
      x.cause,
      'Failed creating or updating the cloud load balancer of Service web-public: the cloud found no subnet to place the load balancer in',
    );
    assert.equal(x.confidence, 'exact');
    const texts = x.evidence.map((v) => v.text);
    assert.ok(
      texts.includes('Service web-public is type LoadBalancer, ports https 443/TCP (nodePort 31443)'),
    );
    assert.ok(texts.includes('status.loadBalancer is empty: no external address yet (pending)'));
    assert.ok(
      texts.includes(
        '3 nodes: 2 Ready, 1 labelled node.kubernetes.io/exclude-from-external-load-balancers; 2 qualify as load balancer backends',
      ),
      texts.join('\n'),
    );
    assert.ok(
      texts.includes('The cloud provider answered: could not find any suitable subnets for creating the ELB'),
    );
    assert.ok(x.nextSteps.some((s) => s.kubectl === 'kubectl get service web-public -n prod -o yaml'));
    assert.ok(x.nextSteps.some((s) => s.command === 'describe' && s.target?.name === 'web-public'));
  });

  const CLASSIFIED: [string, string][] = [
    [
      'TooManyLoadBalancers: Exceeded quota of account 123456789012\n\tstatus code: 400',
      "the cloud account's load balancer (or address) quota is exhausted",
    ],
    [
      "googleapi: Error 403: Required 'compute.forwardingRules.create' permission for 'projects/p', forbidden",
      "the cloud controller's credentials may not manage load balancers",
    ],
    [
      'AccessDenied: User: arn:aws:sts::1:assumed-role/ccm is not authorized to perform: elasticloadbalancing:CreateLoadBalancer',
      "the cloud controller's credentials may not manage load balancers",
    ],
    [
      'mixed protocol is not supported for LoadBalancer',
      "the cloud's load balancer does not support the Service's port protocols",
    ],
    [
      'requested ip "34.1.2.3" is neither static nor assigned to the LB',
      'the cloud provider returned an error (quoted below)',
    ],
    [
      'PublicIPAddress "pip-1" for service prod/web-public not found in resource group rg',
      'the requested load balancer address cannot be used',
    ],
  ];
  for (const [err, why] of CLASSIFIED)
    it(`classifies "${err.slice(0, 40)}…" by its words only`, () => {
      const cache = cacheOf({ Service: [lbService()], Node: nodes });
      const x = explain(lb(sync(err)), cache, NOW);
      assert.ok(x.cause.endsWith(why), x.cause);
      assert.equal(x.confidence, why.includes('quoted') ? 'partial' : 'exact');
    });

  it('says when the nodes the cloud lacked are there now', () => {
    const cache = cacheOf({ Service: [lbService()], Node: nodes });
    const x = explain(lb(sync('no available nodes for service')), cache, NOW);
    assert.equal(x.confidence, 'partial');
    assert.ok(x.evidence.some((v) => v.text === '2 nodes qualify now: the condition may have passed'));
    const none = cacheOf({ Service: [lbService()], Node: [cloudNode('n1', { deleting: true })] });
    const y = explain(lb(sync('no available nodes for service')), none, NOW);
    assert.equal(y.confidence, 'exact');
    assert.ok(y.evidence.some((v) => /1 tainted ToBeDeletedByClusterAutoscaler; 0 qualify/.test(v.text)));
  });

  it('the other stages, UpdateLoadBalancerFailed and UnAvailableLoadBalancer', () => {
    const cache = cacheOf({ Service: [lbService()], Node: nodes });
    const del = explain(
      lb('Error syncing load balancer: failed to delete load balancer: AccessDenied: not authorized'),
      cache,
      NOW,
    );
    assert.match(del.cause, /^Failed deleting the cloud load balancer .*credentials/);
    const fin = explain(
      lb(
        'Error syncing load balancer: failed to add load balancer cleanup finalizer: Operation cannot be fulfilled',
      ),
      cache,
      NOW,
    );
    assert.match(fin.cause, /^Failed adding the cleanup finalizer to the cloud load balancer/);
    const nil = explain(
      lb('Error syncing load balancer: service status returned by EnsureLoadBalancer is nil'),
      cache,
      NOW,
    );
    assert.match(nil.cause, /returned no status/);
    const upd = explain(
      lb(
        'Error updating load balancer with new hosts [n1 n2]: Throttling: Rate exceeded',
        'UpdateLoadBalancerFailed',
      ),
      cache,
      NOW,
    );
    assert.match(upd.cause, /^Failed updating the nodes of the cloud load balancer/);
    assert.ok(upd.evidence.some((v) => v.text === 'The controller sent 2 nodes to the cloud: n1, n2'));
    const un = explain(
      lb('There are no available nodes for LoadBalancer', 'UnAvailableLoadBalancer'),
      cache,
      NOW,
    );
    assert.equal(un.cause, 'No node can back the load balancer of Service web-public');
  });

  it('claims only what it knows: unparsed message, uncached Service, a Service that changed since', () => {
    const odd = explain(lb('something else entirely'), cacheOf({ Service: [lbService()], Node: nodes }), NOW);
    assert.equal(odd.confidence, 'partial');
    assert.match(odd.cause, /could not sync the load balancer of Service web-public/);
    const uncached = explain(lb(sync('subnet')), cacheOf({}), NOW);
    assert.equal(uncached.confidence, 'partial');
    assert.ok(!uncached.evidence.some((v) => v.ref?.kind === 'Service'));
    const provisioned = explain(
      lb(sync('subnet')),
      cacheOf({ Service: [lbService({ ingress: '34.1.2.3' })] }),
      NOW,
    );
    assert.equal(provisioned.confidence, 'partial');
    assert.ok(provisioned.evidence.some((v) => /has 34\.1\.2\.3 now/.test(v.text)));
    const clusterIp = explain(
      lb(sync('subnet')),
      cacheOf({ Service: [lbService({ type: 'ClusterIP' })] }),
      NOW,
    );
    assert.ok(clusterIp.evidence.some((v) => /no longer type LoadBalancer/.test(v.text)));
  });
});

function hpa(conditions: Record<string, unknown>[] = []): KubeObject {
  return obj('HorizontalPodAutoscaler', 'prod', 'web', {
    spec: { scaleTargetRef: { kind: 'Deployment', name: 'web' }, minReplicas: 3, maxReplicas: 10 },
    status: { currentReplicas: 3, conditions },
  });
}

const METRICS_DOWN =
  'failed to get cpu utilization: unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)';

describe('explain: FailedComputeMetricsReplicas (HPA)', () => {
  it('reads the first error after "invalid metrics (N invalid out of M)" (generic before)', () => {
    const cache = cacheOf({ HorizontalPodAutoscaler: [hpa()] });
    const e = ev(
      'FailedComputeMetricsReplicas',
      `invalid metrics (1 invalid out of 2), first error is: failed to get cpu resource metric value: ${METRICS_DOWN}`,
      HPA,
    );
    const x = explain(e, cache, NOW);
    assert.equal(x.cause, 'The HPA cannot read cpu metrics: metrics-server is not serving metrics.k8s.io');
    assert.equal(x.confidence, 'exact');
    assert.ok(
      x.evidence.some(
        (v) => v.text === "1 of the HPA's 2 metrics could not be read; the first error follows",
      ),
    );
    assert.ok(
      x.evidence.some((v) => v.text === 'It scales Deployment web between 3 and 10 replicas (now 3)'),
    );
    assert.ok(x.nextSteps.some((s) => s.command === 'describe' && s.target?.kind === 'Deployment'));
  });

  it('reads the older "failed to compute desired number of replicas" prefix and a missing request', () => {
    const cache = cacheOf({ HorizontalPodAutoscaler: [hpa()] });
    const x = explain(
      ev(
        'FailedComputeMetricsReplicas',
        'failed to compute desired number of replicas based on listed metrics for Deployment/prod/web: invalid metrics (1 invalid out of 1), first error is: failed to get cpu utilization: missing request for cpu in container app of Pod web-1',
        HPA,
      ),
      cache,
      NOW,
    );
    assert.equal(x.cause, 'The HPA targets cpu utilization but container app has no cpu request');
  });

  it('an unknown error: the HPA conditions speak (partial), else generic', () => {
    const msg =
      'invalid metrics (1 invalid out of 1), first error is: failed to get object metric value: boom';
    const active = {
      type: 'ScalingActive',
      status: 'False',
      reason: 'FailedGetObjectMetric',
      message: 'the HPA was unable to compute the replica count: boom',
    };
    const x = explain(
      ev('FailedComputeMetricsReplicas', msg, HPA),
      cacheOf({ HorizontalPodAutoscaler: [hpa([active])] }),
      NOW,
    );
    assert.equal(x.confidence, 'partial');
    assert.equal(
      x.cause,
      'The HPA cannot compute its replicas: ScalingActive is False (FailedGetObjectMetric)',
    );
    assert.ok(
      x.evidence.some((v) =>
        /^ScalingActive=False \(FailedGetObjectMetric\): the HPA was unable/.test(v.text),
      ),
    );
    const bare = explain(ev('FailedComputeMetricsReplicas', msg, HPA), cacheOf({}), NOW);
    assert.equal(bare.confidence, 'generic');
  });
});
