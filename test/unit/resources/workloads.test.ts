import * as assert from 'node:assert/strict';
import type { KubeObject } from '../../../src/core/cache/types';
import { DAEMONSETS, DEPLOYMENTS, REPLICASETS, STATEFULSETS } from '../../../src/core/kinds';
import { summarize } from '../../../src/core/resources/summary';
import type { Health } from '../../../src/core/resources/types';
import { NEW_GRACE_MS } from '../../../src/core/resources/workloads';
import { daemonSet, deployment, replicaSet, statefulSet } from '../../server/fixtures';
import { ago, cond, DAY, HOUR, MIN, NOW, type Rec } from './helpers';

const OLD = NOW - 3 * HOUR;

/** patch deep-merges `status`/`spec`/`metadata` fields into a fixture (replacing arrays). */
function patch(obj: KubeObject, p: { spec?: Rec; status?: Rec; metadata?: Rec }): KubeObject {
  return {
    ...obj,
    metadata: { ...obj.metadata, ...(p.metadata ?? {}) },
    spec: { ...(obj['spec'] as Rec), ...(p.spec ?? {}) },
    status: { ...(obj['status'] as Rec), ...(p.status ?? {}) },
  };
}

function fields(obj: KubeObject, kind = DEPLOYMENTS): Record<string, string> {
  return Object.fromEntries(summarize(kind, obj, NOW).fields.map((f) => [f.label, f.value]));
}

describe('resources/workloads Deployment', () => {
  const base = () => deployment('web', 'api', { replicas: 3, creationTimestamp: OLD });
  const cases: { name: string; obj: () => KubeObject; status: string; health: Health; ready: string }[] = [
    { name: 'all ready', obj: base, status: 'Available', health: 'ok', ready: '3/3' },
    {
      name: 'some not ready after the rollout finished (Available=False)',
      obj: () => deployment('web', 'api', { replicas: 3, readyReplicas: 1, creationTimestamp: OLD }),
      status: 'Unavailable',
      health: 'error',
      ready: '1/3',
    },
    {
      name: 'some not ready, still Available',
      obj: () =>
        patch(base(), {
          status: {
            readyReplicas: 2,
            availableReplicas: 2,
            conditions: [
              cond('Available', 'True', 'MinimumReplicasAvailable'),
              cond('Progressing', 'True', 'NewReplicaSetAvailable'),
            ],
          },
        }),
      status: 'Degraded',
      health: 'warning',
      ready: '2/3',
    },
    {
      name: 'none ready',
      obj: () => deployment('web', 'api', { replicas: 2, readyReplicas: 0, creationTimestamp: OLD }),
      status: 'Unavailable',
      health: 'error',
      ready: '0/2',
    },
    {
      name: 'generation not observed yet',
      obj: () => patch(base(), { metadata: { generation: 2 }, status: { observedGeneration: 1 } }),
      status: 'Progressing',
      health: 'progressing',
      ready: '3/3',
    },
    {
      name: 'rolling: fewer updated than desired',
      obj: () => patch(base(), { status: { updatedReplicas: 1, replicas: 4 } }),
      status: 'Progressing',
      health: 'progressing',
      ready: '3/3',
    },
    {
      name: 'new ReplicaSet still coming up (Progressing=True ReplicaSetUpdated, Available=False)',
      obj: () =>
        patch(base(), {
          status: {
            readyReplicas: 0,
            availableReplicas: 0,
            conditions: [
              cond('Available', 'False', 'MinimumReplicasUnavailable'),
              cond('Progressing', 'True', 'ReplicaSetUpdated'),
            ],
          },
        }),
      status: 'Progressing',
      health: 'progressing',
      ready: '0/3',
    },
    {
      name: 'progress deadline exceeded wins over rolling',
      obj: () =>
        patch(base(), {
          status: {
            updatedReplicas: 1,
            conditions: [cond('Available', 'True'), cond('Progressing', 'False', 'ProgressDeadlineExceeded')],
          },
        }),
      status: 'ProgressDeadlineExceeded',
      health: 'error',
      ready: '3/3',
    },
    {
      name: 'replica failure',
      obj: () =>
        patch(base(), {
          status: { conditions: [cond('Available', 'True'), cond('ReplicaFailure', 'True', 'FailedCreate')] },
        }),
      status: 'ReplicaFailure',
      health: 'error',
      ready: '3/3',
    },
    {
      name: 'paused mid-rollout',
      obj: () => patch(base(), { spec: { paused: true }, status: { updatedReplicas: 1 } }),
      status: 'Paused',
      health: 'warning',
      ready: '3/3',
    },
    {
      name: 'scaled to zero',
      obj: () => deployment('web', 'api', { replicas: 0, creationTimestamp: OLD }),
      status: 'ScaledDown',
      health: 'done',
      ready: '0/0',
    },
    {
      name: 'being deleted',
      obj: () => patch(base(), { metadata: { deletionTimestamp: ago(5_000) } }),
      status: 'Terminating',
      health: 'progressing',
      ready: '3/3',
    },
  ];
  for (const c of cases) {
    it(`${c.name}: ${c.status}`, () => {
      const s = summarize(DEPLOYMENTS, c.obj(), NOW);
      assert.equal(s.status, c.status);
      assert.equal(s.health, c.health);
      assert.equal(`${s.ready!.ready}/${s.ready!.desired}`, c.ready);
    });
  }

  it('describes `2/3 ready · 3h` and shows kubectl columns in the tooltip', () => {
    const obj = patch(base(), { status: { readyReplicas: 2, availableReplicas: 2 } });
    const s = summarize('Deployment', obj, NOW);
    assert.equal(s.description, '2/3 ready · 3h');
    const f = fields(obj);
    assert.equal(f['Ready'], '2/3');
    assert.equal(f['Up-to-date'], '3');
    assert.equal(f['Available'], '2');
    assert.equal(f['Images'], 'nginx:1.27');
    assert.equal(f['Selector'], 'app=api');
    assert.equal(f['Age'], '3h');
  });

  it('defaults spec.replicas to 1 and missing status counts to 0', () => {
    const obj: KubeObject = { metadata: { name: 'd' }, spec: {}, status: {} };
    const s = summarize(DEPLOYMENTS, obj, NOW);
    assert.deepEqual(s.ready, { ready: 0, desired: 1 });
    assert.equal(s.status, 'Progressing'); // nothing updated yet
    assert.equal(s.description, '0/1 ready');
  });
});

describe('resources/workloads ReplicaSet, StatefulSet, DaemonSet', () => {
  it('ReplicaSet: ready, degraded, unavailable, scaled down (old revisions are grey)', () => {
    const rs = (o: Parameters<typeof replicaSet>[2]) =>
      replicaSet('web', 'api-5d8f', { creationTimestamp: OLD, ...o });
    assert.equal(summarize(REPLICASETS, rs({ replicas: 2 }), NOW).health, 'ok');
    assert.equal(summarize(REPLICASETS, rs({ replicas: 2 }), NOW).status, 'Ready');
    assert.equal(summarize(REPLICASETS, rs({ replicas: 3, readyReplicas: 1 }), NOW).health, 'warning');
    assert.equal(summarize(REPLICASETS, rs({ replicas: 3, readyReplicas: 0 }), NOW).status, 'Unavailable');
    const old = summarize(REPLICASETS, rs({ replicas: 0 }), NOW);
    assert.deepEqual([old.status, old.health, old.description], ['ScaledDown', 'done', '0/0 ready · 3h']);
  });

  it('ReplicaSet: scaling up, ReplicaFailure, and the grace period of a new one', () => {
    const up = patch(replicaSet('web', 'a-1', { replicas: 3, readyReplicas: 1, creationTimestamp: OLD }), {
      status: { replicas: 1 },
    });
    assert.equal(summarize(REPLICASETS, up, NOW).health, 'progressing');
    const quota = patch(replicaSet('web', 'a-1', { replicas: 3, readyReplicas: 1, creationTimestamp: OLD }), {
      status: { replicas: 1, conditions: [cond('ReplicaFailure', 'True', 'FailedCreate')] },
    });
    assert.deepEqual(
      [summarize(REPLICASETS, quota, NOW).status, summarize(REPLICASETS, quota, NOW).health],
      ['ReplicaFailure', 'error'],
    );
    const young = replicaSet('web', 'a-2', { replicas: 2, readyReplicas: 0, creationTimestamp: NOW - MIN });
    assert.equal(summarize(REPLICASETS, young, NOW).health, 'progressing');
    const later = replicaSet('web', 'a-2', {
      replicas: 2,
      readyReplicas: 0,
      creationTimestamp: NOW - NEW_GRACE_MS - 1,
    });
    assert.equal(summarize(REPLICASETS, later, NOW).health, 'error');
  });

  it('StatefulSet: readyReplicas/replicas and revision rollouts', () => {
    const sts = statefulSet('db', 'pg', { replicas: 3, readyReplicas: 2, creationTimestamp: NOW - 10 * DAY });
    const s = summarize(STATEFULSETS, sts, NOW);
    assert.deepEqual([s.status, s.health, s.description], ['Degraded', 'warning', '2/3 ready · 10d']);
    assert.equal(
      summarize(STATEFULSETS, statefulSet('db', 'pg', { replicas: 3, creationTimestamp: OLD }), NOW).health,
      'ok',
    );
    const rolling = patch(statefulSet('db', 'pg', { replicas: 3, creationTimestamp: OLD }), {
      status: { currentRevision: 'pg-1', updateRevision: 'pg-2', updatedReplicas: 1 },
    });
    assert.equal(summarize(STATEFULSETS, rolling, NOW).status, 'Progressing');
    assert.equal(fields(rolling, STATEFULSETS)['Service'], 'pg');
  });

  it('DaemonSet: numberReady/desiredNumberScheduled, updates, zero nodes', () => {
    const ds = daemonSet('kube-system', 'fluent', { replicas: 4, readyReplicas: 4, creationTimestamp: OLD });
    const s = summarize(DAEMONSETS, ds, NOW);
    assert.deepEqual([s.status, s.health, s.description], ['Ready', 'ok', '4/4 ready · 3h']);
    assert.deepEqual(s.ready, { ready: 4, desired: 4 });
    const updating = patch(ds, { status: { updatedNumberScheduled: 2 } });
    assert.equal(summarize(DAEMONSETS, updating, NOW).health, 'progressing');
    const broken = daemonSet('kube-system', 'fluent', {
      replicas: 4,
      readyReplicas: 3,
      creationTimestamp: OLD,
    });
    assert.equal(summarize(DAEMONSETS, broken, NOW).health, 'warning');
    const none = daemonSet('kube-system', 'gpu', { replicas: 0, creationTimestamp: OLD });
    assert.equal(summarize(DAEMONSETS, none, NOW).status, 'ScaledDown');
    assert.equal(fields(ds, DAEMONSETS)['Node Selector'], '<none>');
  });

  it('missing creation time: no age in the description, <unknown> in the tooltip, no grace period', () => {
    const rs = replicaSet('web', 'a', { replicas: 2, readyReplicas: 0 });
    const s = summarize(REPLICASETS, rs, NOW);
    assert.equal(s.description, '0/2 ready');
    assert.equal(s.fields.find((f) => f.label === 'Age')?.value, '<unknown>');
    assert.equal(s.health, 'error');
  });
});
