import * as assert from 'node:assert/strict';
import type { KubeObject } from '../../../src/core/cache/types';
import { render } from './helpers';

const lines = (...l: string[]) => [...l, ''].join('\n');

const quota: KubeObject = {
  metadata: { name: 'compute', namespace: 'web' },
  spec: { scopes: ['NotBestEffort', 'Terminating', 'CrossNamespacePodAffinity'] },
  status: {
    hard: { 'requests.memory': '1Gi', pods: '10', 'limits.cpu': '2' },
    used: { 'requests.memory': '1536Mi', 'limits.cpu': '500m' },
  },
};
const limits: KubeObject = {
  metadata: { name: 'defaults', namespace: 'web' },
  spec: {
    limits: [
      { type: 'Container', default: { memory: '512Mi', cpu: '1' }, defaultRequest: { cpu: '100m' } },
      { type: 'PersistentVolumeClaim', min: { storage: '1Gi' }, maxLimitRequestRatio: { storage: '2' } },
    ],
  },
};

describe('describe ResourceQuota', () => {
  it('prints scopes with their help, and Used re-formatted in the format of Hard', () => {
    assert.equal(
      render('ResourceQuota', quota),
      lines(
        'Name:       compute',
        'Namespace:  web',
        'Scopes:     CrossNamespacePodAffinity, NotBestEffort, Terminating',
        ' * Matches all pods that have at least one resource requirement set. These pods have a burstable or guaranteed quality of service.',
        ' * Matches all pods that have an active deadline. These pods have a limited lifespan on a node before being actively terminated by the system.',
        'Resource         Used    Hard',
        '--------         ----    ----',
        'limits.cpu       500m    2',
        'pods             0       10',
        'requests.memory  1536Mi  1Gi',
        'Events:  <none>',
      ),
    );
  });
});

describe('describe LimitRange', () => {
  it('prints one row per item and resource (sorted), "-" where unset', () => {
    assert.equal(
      render('LimitRange', limits),
      lines(
        'Name:                  defaults',
        'Namespace:             web',
        'Type                   Resource  Min  Max  Default Request  Default Limit  Max Limit/Request Ratio',
        '----                   --------  ---  ---  ---------------  -------------  -----------------------',
        'Container              cpu       -    -    100m             1              -',
        'Container              memory    -    -    -                512Mi          -',
        'PersistentVolumeClaim  storage   1Gi  -    -                -              2',
        'Events:  <none>',
      ),
    );
  });
});

describe('describe Namespace: quotas and limit ranges', () => {
  const ns: KubeObject = { metadata: { name: 'web' }, status: { phase: 'Active' } };

  it('prints the Resource Quotas and Resource Limits blocks from the cached objects', () => {
    const other: KubeObject = {
      metadata: { name: 'a-objects', namespace: 'web' },
      status: { hard: { pods: '5' } },
    };
    assert.equal(
      render('Namespace', ns, {
        related: { resourceQuotasIn: () => [quota, other], limitRangesIn: () => [limits] },
      }),
      lines(
        'Name:         web',
        'Labels:       <none>',
        'Annotations:  <none>',
        'Status:       Active',
        '',
        'Resource Quotas',
        '  Name:     a-objects',
        '  Resource  Used  Hard',
        '  --------  ---   ---',
        '  pods      0     5',
        '  Name:     compute',
        '  Scopes:   CrossNamespacePodAffinity, NotBestEffort, Terminating',
        '  * Matches all pods that have at least one resource requirement set. These pods have a burstable or guaranteed quality of service.',
        '  * Matches all pods that have an active deadline. These pods have a limited lifespan on a node before being actively terminated by the system.',
        '  Resource         Used    Hard',
        '  --------         ---     ---',
        '  limits.cpu       500m    2',
        '  pods             0       10',
        '  requests.memory  1536Mi  1Gi',
        '',
        'Resource Limits',
        ' Type                   Resource  Min  Max  Default Request  Default Limit  Max Limit/Request Ratio',
        ' ----                   --------  ---  ---  ---------------  -------------  -----------------------',
        ' Container              cpu       -    -    100m             1              -',
        ' Container              memory    -    -    -                512Mi          -',
        ' PersistentVolumeClaim  storage   1Gi  -    -                -              2',
        'Events:  <none>',
      ),
    );
  });

  it('says so when there are none, and leaves both blocks out when they are not cached', () => {
    const text = render('Namespace', ns, {
      related: { resourceQuotasIn: () => [], limitRangesIn: () => [] },
    });
    assert.match(
      text,
      /^Status: +Active\n\nNo resource quota\.\n\nNo LimitRange resource\.\nEvents: {2}<none>\n$/m,
    );
    assert.doesNotMatch(render('Namespace', ns), /resource quota|LimitRange/i);
  });
});

describe('describe PodDisruptionBudget', () => {
  it('prints the budget, selector and status counts', () => {
    const pdb: KubeObject = {
      apiVersion: 'policy/v1',
      metadata: { name: 'web', namespace: 'web' },
      spec: { maxUnavailable: 1, selector: { matchLabels: { app: 'web' } } },
      status: { disruptionsAllowed: 1, currentHealthy: 3, desiredHealthy: 2, expectedPods: 3 },
    };
    assert.equal(
      render('PodDisruptionBudget', pdb),
      lines(
        'Name:             web',
        'Namespace:        web',
        'Max unavailable:  1',
        'Selector:         app=web',
        'Status:',
        '    Allowed disruptions:  1',
        '    Current:              3',
        '    Desired:              2',
        '    Total:                3',
        'Events:                   <none>',
      ),
    );
    const bare = render('PodDisruptionBudget', { metadata: { name: 'x' }, spec: {} }, { group: 'policy' });
    assert.match(bare, /^Namespace: +\nSelector: +<unset>$/m);
  });
});
