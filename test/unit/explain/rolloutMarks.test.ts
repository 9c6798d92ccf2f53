import * as assert from 'node:assert/strict';
import { rolloutMarks } from '../../../src/core/explain/rolloutMarks';
import { NOW, obj, replicaSet } from './builders';

const HOUR = 3_600_000;

describe('explain: rollout marks', function () {
  it("marks each Deployment revision at its ReplicaSet's creation, newest first, within the window", function () {
    const marks = rolloutMarks(
      'prod',
      [
        replicaSet('shop', 'web-a', 'web', '6', {}, NOW - 2 * HOUR),
        replicaSet('shop', 'web-b', 'web', '7', {}, NOW - 10 * 60_000),
        replicaSet('shop', 'api-c', 'api', '3', {}, NOW - 60_000),
      ],
      NOW - HOUR,
      NOW,
    );
    assert.deepEqual(marks, [
      { context: 'prod', workload: 'Deployment shop/api', revision: '3', at: NOW - 60_000 },
      { context: 'prod', workload: 'Deployment shop/web', revision: '7', at: NOW - 10 * 60_000 },
    ]);
  });

  it('skips ReplicaSets without a Deployment, a revision or a creation time, and bounds the marks', function () {
    const orphan = obj(
      'ReplicaSet',
      'shop',
      'lone',
      {},
      { creationTimestamp: new Date(NOW - 1000).toISOString() },
    );
    const noRevision = replicaSet('shop', 'web-x', 'web', '', {}, NOW - 1000);
    const noTime = replicaSet('shop', 'web-y', 'web', '2', {}, NOW);
    noTime.metadata.creationTimestamp = 'yesterday';
    const hostile = replicaSet('shop\u202E', 'web-z', 'we\u0007b', '9', {}, NOW - 1000);
    const marks = rolloutMarks('prod', [orphan, noRevision, noTime, hostile], NOW - HOUR, NOW);
    assert.equal(marks.length, 1);
    assert.ok(!['\u202E', '\u0007'].some((c) => marks[0]!.workload.includes(c)), marks[0]!.workload);
    const many = Array.from({ length: 50 }, (_, i) =>
      replicaSet('shop', `w-${i}`, 'w', String(i), {}, NOW - i * 1000),
    );
    assert.equal(rolloutMarks('prod', many, NOW - HOUR, NOW + 1, 10).length, 10);
    assert.equal(rolloutMarks('prod', many, NOW - HOUR, NOW + 1, 10)[0]!.revision, '0');
  });
});
