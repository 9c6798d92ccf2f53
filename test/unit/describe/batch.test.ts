import * as assert from 'node:assert/strict';
import { ago, render } from './helpers';

const podTemplate = {
  metadata: { labels: { 'job-name': 'j' } },
  spec: { containers: [{ name: 'c', image: 'busybox' }] },
};

describe('describe Job', () => {
  it('prints spec knobs, timing and pod counts', () => {
    const text = render('Job', {
      metadata: {
        name: 'j',
        namespace: 'batch',
        ownerReferences: [
          { apiVersion: 'batch/v1', kind: 'CronJob', name: 'nightly', uid: 'c', controller: true },
        ],
      },
      spec: {
        selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'u1' } },
        parallelism: 2,
        completions: 4,
        completionMode: 'Indexed',
        suspend: false,
        backoffLimit: 6,
        ttlSecondsAfterFinished: 100,
        activeDeadlineSeconds: 600,
        template: podTemplate,
      },
      status: {
        startTime: ago(3_725_000),
        completionTime: ago(5_000),
        active: 1,
        ready: 1,
        succeeded: 3,
        failed: 2,
        completedIndexes: '0-2,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24',
      },
    });
    for (const [key, value] of [
      ['Selector', 'batch.kubernetes.io/controller-uid=u1'],
      ['Controlled By', 'CronJob/nightly'],
      ['Parallelism', '2'],
      ['Completions', '4'],
      ['Completion Mode', 'Indexed'],
      ['Suspend', 'false'],
      ['Backoff Limit', '6'],
      ['TTL Seconds After Finished', '100'],
      ['Start Time', 'Thu, 15 Jan 2026 10:57:55 +0000'],
      ['Completed At', 'Thu, 15 Jan 2026 11:59:55 +0000'],
      ['Duration', '62m'],
      ['Active Deadline Seconds', '600s'],
      ['Pods Statuses', '1 Active (1 Ready) / 3 Succeeded / 2 Failed'],
      ['Completed Indexes', '0-2,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,...'],
    ]) {
      const line = `${`${key}:`.padEnd(29)}${value}\n`;
      assert.ok(text.includes(line), `missing ${JSON.stringify(line)} in\n${text}`);
    }
  });

  it('prints <unset> completions and counts without Ready when the fields are absent', () => {
    const text = render('Job', {
      metadata: { name: 'j', namespace: 'b' },
      spec: { template: podTemplate },
      status: {},
    });
    assert.match(text, /^Selector:\s*$/m);
    assert.match(text, /^Completions:\s+<unset>$/m);
    assert.match(text, /^Pods Statuses:\s+0 Active \/ 0 Succeeded \/ 0 Failed$/m);
    assert.doesNotMatch(text, /Start Time|Duration|Parallelism/);
  });
});

describe('describe CronJob', () => {
  it('prints schedule, limits, the job template and active jobs', () => {
    const text = render('CronJob', {
      metadata: { name: 'nightly', namespace: 'batch' },
      spec: {
        schedule: '0 3 * * *',
        concurrencyPolicy: 'Forbid',
        suspend: true,
        successfulJobsHistoryLimit: 3,
        startingDeadlineSeconds: 120,
        jobTemplate: { spec: { parallelism: 1, activeDeadlineSeconds: 60, template: podTemplate } },
      },
      status: {
        lastScheduleTime: ago(60_000),
        active: [{ name: 'nightly-1' }, { name: 'nightly-2' }],
      },
    });
    assert.match(text, /^Schedule:\s+0 3 \* \* \*$/m);
    assert.match(text, /^Concurrency Policy:\s+Forbid$/m);
    assert.match(text, /^Suspend:\s+True$/m);
    assert.match(text, /^Successful Job History Limit:\s+3$/m);
    assert.match(text, /^Failed Job History Limit:\s+<unset>$/m);
    assert.match(text, /^Starting Deadline Seconds:\s+120s$/m);
    assert.match(
      text,
      /^Selector:\s+<unset>\nParallelism:\s+1\nCompletions:\s+<unset>\nActive Deadline Seconds:\s+60s\nPod Template:\n/m,
    );
    assert.match(text, /^Last Schedule Time:\s+Thu, 15 Jan 2026 11:59:00 \+0000$/m);
    assert.match(text, /^Active Jobs:\s+nightly-1, nightly-2$/m);
  });

  it('prints <unset> for an unset suspend and last schedule, <none> for no active jobs', () => {
    const text = render('CronJob', { metadata: { name: 'c', namespace: 'b' }, spec: { schedule: '@daily' } });
    assert.match(text, /^Suspend:\s+<unset>$/m);
    assert.match(text, /^Last Schedule Time:\s+<unset>$/m);
    assert.match(text, /^Active Jobs:\s+<none>$/m);
  });
});
