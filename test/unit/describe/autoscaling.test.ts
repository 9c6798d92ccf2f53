import * as assert from 'node:assert/strict';
import type { KubeObject } from '../../../src/core/cache/types';
import { ago, render } from './helpers';

const lines = (...l: string[]) => [...l, ''].join('\n');

describe('describe HorizontalPodAutoscaler', () => {
  it('prints every metric type with current / target, behavior and conditions (v2)', () => {
    const hpa: KubeObject = {
      apiVersion: 'autoscaling/v2',
      metadata: { name: 'web', namespace: 'shop', creationTimestamp: ago(3_600_000) },
      spec: {
        scaleTargetRef: { kind: 'Deployment', name: 'web' },
        maxReplicas: 5,
        metrics: [
          {
            type: 'Resource',
            resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } },
          },
          {
            type: 'ContainerResource',
            containerResource: { name: 'memory', container: 'app', target: { averageValue: '1Gi' } },
          },
          {
            type: 'Object',
            object: {
              metric: { name: 'rps' },
              describedObject: { kind: 'Service', name: 'web' },
              target: { type: 'AverageValue', averageValue: '100' },
            },
          },
          {
            type: 'External',
            external: { metric: { name: 'queue' }, target: { type: 'AverageValue', averageValue: '30' } },
          },
          { type: 'Pods', pods: { metric: { name: 'pps' }, target: { averageValue: '2k' } } },
          { type: 'Bogus' },
        ],
        behavior: {
          scaleUp: { selectPolicy: 'Min', policies: [{ type: 'Pods', value: 4, periodSeconds: 60 }] },
          scaleDown: { stabilizationWindowSeconds: 60 },
        },
      },
      status: {
        currentReplicas: 3,
        desiredReplicas: 4,
        currentMetrics: [
          {
            type: 'Resource',
            resource: { name: 'cpu', current: { averageUtilization: 75, averageValue: '150m' } },
          },
          { type: 'ContainerResource', containerResource: { current: { averageValue: '512Mi' } } },
          { type: 'Object', object: { current: { averageValue: '120' } } },
          { type: 'External', external: { current: {} } },
          { type: 'Pods', pods: { current: { averageValue: '1500' } } },
        ],
        conditions: [
          { type: 'ScalingLimited', status: 'True', reason: 'TooManyReplicas', message: 'capped' },
        ],
      },
    };
    assert.equal(
      render('HorizontalPodAutoscaler', hpa),
      lines(
        'Name:                                                  web',
        'Namespace:                                             shop',
        'Labels:                                                <none>',
        'Annotations:                                           <none>',
        'CreationTimestamp:                                     Thu, 15 Jan 2026 11:00:00 +0000',
        'Reference:                                             Deployment/web',
        'Metrics:                                               ( current / target )',
        '  resource cpu on pods  (as a percentage of request):  75% (150m) / 50%',
        '  resource memory of container "app" on pods:          512Mi / 1Gi',
        '  "rps" on Service/web (target average value):         120 / 100',
        '  "queue" (target average value):                      <unknown> / 30',
        '  "pps" on pods:                                       1500 / 2k',
        '  <unknown metric type "Bogus">',
        'Min replicas:  <unset>',
        'Max replicas:  5',
        'Behavior:',
        '  Scale Up:',
        '    Select Policy: Min',
        '    Policies:',
        '      - Type: Pods  Value: 4  Period: 60 seconds',
        '  Scale Down:',
        '    Stabilization Window: 60 seconds',
        'Deployment pods:  3 current / 4 desired',
        'Conditions:',
        '  Type            Status  Reason           Message',
        '  ----            ------  ------           -------',
        '  ScalingLimited  True    TooManyReplicas  capped',
        'Events:           <none>',
      ),
    );
  });

  it('prints <unknown> for metrics with no current value and <nil> for unset quantities', () => {
    const hpa: KubeObject = {
      apiVersion: 'autoscaling/v2',
      metadata: { name: 'web', namespace: 'shop' },
      spec: {
        scaleTargetRef: { kind: 'StatefulSet', name: 'db' },
        minReplicas: 1,
        metrics: [
          { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization' } } },
          { type: 'External', external: { metric: { name: 'q' }, target: {} } },
        ],
      },
      status: { currentMetrics: [{ type: 'Resource', resource: { current: { averageUtilization: 10 } } }] },
    };
    const text = render('HorizontalPodAutoscaler', hpa);
    assert.match(
      text,
      /^ {2}resource cpu on pods {2}\(as a percentage of request\): {2}10% \(<nil>\) \/ <auto>$/m,
    );
    assert.match(text, /^ {2}"q" \(target value\): +<unknown> \/ <nil>$/m);
    assert.match(text, /^StatefulSet pods: +0 current \/ 0 desired$/m);
  });

  it('lifts an autoscaling/v1 object to the v2 form kubectl reads', () => {
    const v1: KubeObject = {
      apiVersion: 'autoscaling/v1',
      metadata: { name: 'web', namespace: 'shop' },
      spec: {
        scaleTargetRef: { kind: 'Deployment', name: 'web' },
        minReplicas: 1,
        maxReplicas: 3,
        targetCPUUtilizationPercentage: 70,
      },
      status: { currentCPUUtilizationPercentage: 35, currentReplicas: 1, desiredReplicas: 1 },
    };
    assert.match(
      render('HorizontalPodAutoscaler', v1),
      /^Metrics: +\( current \/ target \)\n {2}resource cpu on pods {2}\(as a percentage of request\): {2}35% \(<nil>\) \/ 70%$/m,
    );
  });
});
