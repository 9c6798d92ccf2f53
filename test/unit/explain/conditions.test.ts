/**
 * Any Warning without a dedicated explainer, explained from the involved object's conditions
 * (cert-manager's Certificate, Argo CD's Application, a Deployment), and left generic when they
 * say nothing wrong; the kubelet's overloaded `Failed` still goes to the image explainer.
 */
import * as assert from 'node:assert/strict';
import type { KubeObject } from '../../../src/core/cache/types';
import { explain, explainerFor } from '../../../src/core/explain/explain';
import { explainGeneric } from '../../../src/core/explain/generic';
import { explainImage } from '../../../src/core/explain/image';
import { LIMITS, type ExplainEvent } from '../../../src/core/explain/types';
import { cacheOf, ev, iso, NOW, obj, pod } from './builders';

const MIN = 60_000;
const SVC = { kind: 'Service', namespace: 'prod', name: 'web-public' };
const HPA = { kind: 'HorizontalPodAutoscaler', namespace: 'prod', name: 'web' };
const CERT = { kind: 'Certificate', namespace: 'prod', name: 'shop-tls' };
const APP = { kind: 'Application', namespace: 'argocd', name: 'shop-staging' };
const sync = (err: string) => `Error syncing load balancer: failed to ensure load balancer: ${err}`;

const CERT_FAILURE =
  'The certificate request has failed to complete and will be retried: Failed to wait for order resource "shop-tls-1-2960214416" to become ready: order is in "errored" state: Failed to finalize Order: 429 urn:ietf:params:acme:error:rateLimited';
const SYNC_FAILURE =
  'Sync operation to 7f3a9c1 failed: one or more objects failed to apply, reason: Deployment.apps "checkout" is invalid';

function certificate(conditions: Record<string, unknown>[], extra: Record<string, unknown> = {}): KubeObject {
  return obj('Certificate', 'prod', 'shop-tls', {
    apiVersion: 'cert-manager.io/v1',
    spec: { secretName: 'shop-tls' },
    status: { conditions, ...extra },
  });
}

const cond = (
  type: string,
  status: string | undefined,
  reason?: string,
  message?: string,
  at = NOW - 9 * MIN,
) => ({
  type,
  ...(status !== undefined ? { status } : {}),
  ...(reason ? { reason } : {}),
  ...(message ? { message } : {}),
  lastTransitionTime: iso(at),
});

const certEvent = (message = CERT_FAILURE, o: { type?: string } = {}) =>
  ev('Failed', message, CERT, { source: 'cert-manager-certificates-issuing', ...o });

describe('explain: any Warning from the involved object conditions', () => {
  const failing = certificate([
    cond('Ready', 'False', 'DoesNotExist', 'Issuing certificate as Secret does not exist', NOW - 12 * MIN),
    cond('Issuing', 'False', 'Failed', CERT_FAILURE),
  ]);

  it('a failing Certificate: the condition that repeats the event is the cause (generic before)', () => {
    const x = explain(certEvent(), cacheOf({ Certificate: [failing] }), NOW);
    assert.equal(x.confidence, 'exact');
    assert.equal(x.cause, `Certificate shop-tls is NotReady: Issuing=False (Failed): ${CERT_FAILURE}`);
    assert.deepEqual(
      x.evidence.map((v) => v.text),
      [
        `Issuing=False for 9m (Failed): ${CERT_FAILURE}`,
        'Ready=False for 12m (DoesNotExist): Issuing certificate as Secret does not exist',
      ],
    );
    assert.ok(x.evidence.every((v) => v.ref?.kind === 'Certificate' && v.ref.name === 'shop-tls'));
    assert.deepEqual(
      x.nextSteps.map((s) => s.command),
      ['describe', 'showEvents'],
    );
  });

  it('a failed Argo CD sync: SyncError, operationState and health', () => {
    const app = obj('Application', 'argocd', 'shop-staging', {
      apiVersion: 'argoproj.io/v1alpha1',
      status: {
        sync: { status: 'OutOfSync', revision: '7f3a9c1' },
        health: { status: 'Degraded' },
        conditions: [{ type: 'SyncError', message: SYNC_FAILURE, lastTransitionTime: iso(NOW - 6 * MIN) }],
        operationState: {
          phase: 'Failed',
          message: 'one or more objects failed to apply',
          finishedAt: iso(NOW - 6 * MIN),
        },
      },
    });
    const x = explain(
      ev('OperationCompleted', SYNC_FAILURE, APP, { source: 'argocd-application-controller' }),
      cacheOf({ Application: [app] }),
      NOW,
    );
    assert.equal(x.confidence, 'exact');
    assert.equal(x.cause, `Application shop-staging is Degraded: SyncError: ${SYNC_FAILURE}`);
    const texts = x.evidence.map((v) => v.text);
    assert.ok(
      texts.includes('The last operation Failed 6m ago: one or more objects failed to apply'),
      texts.join('\n'),
    );
    assert.ok(texts.includes('Health: Degraded'));
    assert.ok(texts.includes('Sync: OutOfSync (revision 7f3a9c1)'));
  });

  it('a Degraded Application without conditions: its failed operation is the cause', () => {
    const app = obj('Application', 'argocd', 'shop-staging', {
      status: { health: { status: 'Degraded' }, operationState: { phase: 'Error', message: 'rpc error' } },
    });
    const x = explain(
      ev('OperationCompleted', 'Sync operation failed', APP),
      cacheOf({ Application: [app] }),
      NOW,
    );
    assert.equal(x.cause, 'Application shop-staging is Degraded: its last operation Error: rpc error');
    assert.equal(x.confidence, 'partial');
  });

  it('Stalled=True wins, and a False condition with the event reason counts (Deployment)', () => {
    const stalled = certificate([
      cond('Ready', 'False', 'Pending', 'waiting'),
      cond('Stalled', 'True', 'InvalidSpec', 'spec.dnsNames is empty'),
    ]);
    const x = explain(
      certEvent('something unrelated happened here'),
      cacheOf({ Certificate: [stalled] }),
      NOW,
    );
    assert.equal(
      x.cause,
      'Certificate shop-tls is Stalled: Stalled=True (InvalidSpec): spec.dnsNames is empty',
    );
    assert.equal(x.confidence, 'partial');
    const deploy = obj('Deployment', 'shop', 'web', {
      status: {
        conditions: [
          cond('Available', 'True', 'MinimumReplicasAvailable'),
          cond(
            'Progressing',
            'False',
            'ProgressDeadlineExceeded',
            'ReplicaSet "web-7d" has timed out progressing.',
          ),
        ],
      },
    });
    const y = explain(
      ev('ProgressDeadlineExceeded', 'Deployment "web" has timed out progressing.', {
        kind: 'Deployment',
        namespace: 'shop',
        name: 'web',
      }),
      cacheOf({ Deployment: [deploy] }),
      NOW,
    );
    assert.equal(y.confidence, 'exact');
    assert.match(
      y.cause,
      /^Deployment web reports: Progressing=False \(ProgressDeadlineExceeded\): ReplicaSet "web-7d"/,
    );
  });

  it('stays generic when the conditions say nothing wrong, or the object is not the one cached', () => {
    const fine = certificate([
      cond('Ready', 'True', 'Ready', 'Certificate is up to date and has not expired'),
      cond('Issuing', 'False', 'Issued', 'done'),
    ]);
    const cases: [string, ExplainEvent, ReturnType<typeof cacheOf>][] = [
      ['all conditions fine', certEvent(), cacheOf({ Certificate: [fine] })],
      ['no status', certEvent(), cacheOf({ Certificate: [obj('Certificate', 'prod', 'shop-tls')] })],
      ['not cached', certEvent(), cacheOf({ Certificate: [] })],
      ['kind not watched', certEvent(), cacheOf({})],
      ['a Normal event', certEvent(CERT_FAILURE, { type: 'Normal' }), cacheOf({ Certificate: [failing] })],
      [
        'another incarnation (uid differs)',
        certEvent(),
        cacheOf({ Certificate: [{ ...failing, metadata: { ...failing.metadata, uid: 'other' } }] }),
      ],
      [
        'malformed conditions',
        certEvent(),
        cacheOf({
          Certificate: [
            obj('Certificate', 'prod', 'shop-tls', {
              status: { conditions: ['x', 7, null, { type: 3 }], health: 5 },
            }),
          ],
        }),
      ],
    ];
    for (const [name, e, cache] of cases) {
      const x = explain(e, cache, NOW);
      assert.equal(x.confidence, 'generic', name);
      assert.equal(x.cause, explainGeneric(e).cause, name);
    }
  });

  it("the kubelet's overloaded Failed on a Pod still goes to the image explainer, never to conditions", () => {
    const p = pod('shop', 'web-1', { node: 'n1' });
    p['status'] = {
      conditions: [cond('Ready', 'False', 'ContainersNotReady', 'containers with unready status: [app]')],
    };
    const cache = cacheOf({ Pod: [p] });
    const image = ev(
      'Failed',
      'Failed to pull image "nginx:9": rpc error: code = NotFound desc = not found',
      {
        kind: 'Pod',
        namespace: 'shop',
        name: 'web-1',
      },
    );
    assert.equal(explainerFor(image), explainImage);
    assert.match(explain(image, cache, NOW).cause, /does not exist in the registry/);
    const other = ev('Failed', 'Error: failed to create containerd task: exec format error', {
      kind: 'Pod',
      namespace: 'shop',
      name: 'web-1',
    });
    const x = explain(other, cache, NOW);
    assert.equal(x.confidence, 'generic');
    assert.doesNotMatch(x.cause, /ContainersNotReady|NotReady/);
  });

  it('bounds: thousands of conditions and huge messages stay within LIMITS', () => {
    const many = Array.from({ length: 5000 }, (_, i) =>
      cond(`Thing${i}Failed`, 'True', 'Boom', 'x'.repeat(10_000)),
    );
    const x = explain(certEvent('y'.repeat(100_000)), cacheOf({ Certificate: [certificate(many)] }), NOW);
    assert.ok(x.evidence.length <= 6, String(x.evidence.length));
    assert.ok(x.cause.length <= LIMITS.lineChars);
    for (const v of x.evidence) assert.ok(v.text.length <= LIMITS.lineChars);
  });

  it('never throws on malformed objects for the new reasons', () => {
    const bad = {
      metadata: { name: 'web-public', namespace: 'prod', uid: 'uid-Service-prod-web-public' },
      spec: 'x',
      status: 9,
    } as never;
    const badNode = {
      metadata: { name: 'n', labels: 'x' },
      spec: { taints: 'no' },
      status: { conditions: 'no' },
    } as never;
    const cache = cacheOf({
      Service: [bad],
      Node: [badNode],
      HorizontalPodAutoscaler: [bad],
      Certificate: [bad],
    });
    for (const [reason, at] of [
      ['SyncLoadBalancerFailed', SVC],
      ['UpdateLoadBalancerFailed', SVC],
      ['FailedComputeMetricsReplicas', HPA],
      ['Failed', CERT],
      ['OperationCompleted', APP],
    ] as const)
      assert.doesNotThrow(() => explain(ev(reason, sync('subnet'), at), cache, NOW), reason);
  });
});
