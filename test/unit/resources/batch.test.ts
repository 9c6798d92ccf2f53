import * as assert from 'node:assert/strict';
import type { KubeObject } from '../../../src/core/cache/types';
import { CRONJOBS, JOBS } from '../../../src/core/kinds';
import { jobCompletions } from '../../../src/core/resources/batch';
import { summarize } from '../../../src/core/resources/summary';
import type { Health } from '../../../src/core/resources/types';
import { cronJob, job } from '../../server/fixtures';
import { ago, cond, HOUR, MIN, NOW, type Rec } from './helpers';

function withStatus(obj: KubeObject, status: Rec, spec: Rec = {}, metadata: Rec = {}): KubeObject {
  return {
    ...obj,
    metadata: { ...obj.metadata, ...metadata },
    spec: { ...(obj['spec'] as Rec), ...spec },
    status: { ...(obj['status'] as Rec), ...status },
  };
}

describe('resources/batch Job (kubectl printJob)', () => {
  const base = () => job('batch', 'migrate', { creationTimestamp: NOW - HOUR });
  const cases: {
    name: string;
    obj: () => KubeObject;
    status: string;
    health: Health;
    description: string;
  }[] = [
    {
      name: 'running',
      obj: () => withStatus(base(), { active: 1, startTime: ago(12_000) }),
      status: 'Running',
      health: 'progressing',
      description: '0/1 · 12s',
    },
    {
      name: 'running with failed pods',
      obj: () => withStatus(base(), { active: 1, failed: 2, startTime: ago(5 * MIN) }),
      status: 'Running',
      health: 'warning',
      description: '0/1 · 5m',
    },
    {
      name: 'complete: duration is start to completion',
      obj: () =>
        withStatus(base(), {
          succeeded: 1,
          active: 0,
          startTime: ago(10 * MIN),
          completionTime: ago(10 * MIN - 12_000),
          conditions: [cond('SuccessCriteriaMet', 'True'), cond('Complete', 'True')],
        }),
      status: 'Complete',
      health: 'done',
      description: '1/1 · 12s',
    },
    {
      name: 'failed',
      obj: () =>
        withStatus(base(), {
          failed: 7,
          active: 0,
          startTime: ago(HOUR),
          conditions: [cond('FailureTarget', 'True'), cond('Failed', 'True', 'BackoffLimitExceeded')],
        }),
      status: 'Failed',
      health: 'error',
      description: '0/1 · 60m',
    },
    {
      name: 'terminating (deletion wins over Suspended)',
      obj: () =>
        withStatus(base(), { conditions: [cond('Suspended', 'True')] }, {}, { deletionTimestamp: ago(1000) }),
      status: 'Terminating',
      health: 'progressing',
      description: '0/1',
    },
    {
      name: 'suspended, never started: no duration',
      obj: () =>
        withStatus(base(), { active: 0, conditions: [cond('Suspended', 'True')] }, { suspend: true }),
      status: 'Suspended',
      health: 'done',
      description: '0/1',
    },
    {
      name: 'failure target',
      obj: () => withStatus(base(), { startTime: ago(30_000), conditions: [cond('FailureTarget', 'True')] }),
      status: 'FailureTarget',
      health: 'error',
      description: '0/1 · 30s',
    },
    {
      name: 'success criteria met',
      obj: () =>
        withStatus(base(), { startTime: ago(30_000), conditions: [cond('SuccessCriteriaMet', 'True')] }),
      status: 'SuccessCriteriaMet',
      health: 'progressing',
      description: '0/1 · 30s',
    },
    {
      name: 'a False condition does not count',
      obj: () => withStatus(base(), { startTime: ago(30_000), conditions: [cond('Complete', 'False')] }),
      status: 'Running',
      health: 'progressing',
      description: '0/1 · 30s',
    },
  ];
  for (const c of cases) {
    it(`${c.name}: ${c.status}`, () => {
      const s = summarize(JOBS, c.obj(), NOW);
      assert.equal(s.status, c.status);
      assert.equal(s.health, c.health);
      assert.equal(s.description, c.description);
    });
  }

  it('COMPLETIONS: spec.completions, else /1, else /1 of parallelism', () => {
    assert.equal(jobCompletions(withStatus(base(), { succeeded: 2 }, { completions: 5 })), '2/5');
    assert.equal(
      jobCompletions(withStatus(base(), { succeeded: 1 }, { completions: undefined, parallelism: 1 })),
      '1/1',
    );
    assert.equal(
      jobCompletions(withStatus(base(), { succeeded: 0 }, { completions: undefined, parallelism: 3 })),
      '0/1 of 3',
    );
  });

  it('tooltip: status, completions, duration, age, counts, failure message', () => {
    const obj = withStatus(base(), {
      failed: 7,
      startTime: ago(HOUR),
      conditions: [
        {
          ...cond('Failed', 'True', 'BackoffLimitExceeded'),
          message: 'Job has reached the specified backoff limit',
        },
      ],
    });
    const f = Object.fromEntries(summarize(JOBS, obj, NOW).fields.map((x) => [x.label, x.value]));
    assert.equal(f['Status'], 'Failed');
    assert.equal(f['Completions'], '0/1');
    assert.equal(f['Duration'], '60m');
    assert.equal(f['Age'], '60m');
    assert.equal(f['Failed'], '7');
    assert.equal(f['Images'], 'busybox:1.36');
    assert.equal(f['Message'], 'Job has reached the specified backoff limit');
  });
});

describe('resources/batch CronJob', () => {
  const base = () => cronJob('batch', 'report', { creationTimestamp: NOW - 3 * HOUR });

  it('never scheduled', () => {
    const s = summarize(CRONJOBS, base(), NOW);
    assert.deepEqual([s.status, s.health, s.description], ['Scheduled', 'ok', '*/5 * * * * · never run']);
    const f = Object.fromEntries(s.fields.map((x) => [x.label, x.value]));
    assert.equal(f['Last Schedule'], '<none>');
    assert.equal(f['Suspend'], 'False');
    assert.equal(f['Timezone'], '<none>');
  });

  it('last run succeeded', () => {
    const obj = withStatus(base(), { lastScheduleTime: ago(2 * MIN), lastSuccessfulTime: ago(MIN) });
    const s = summarize(CRONJOBS, obj, NOW);
    assert.deepEqual([s.status, s.health, s.description], ['Scheduled', 'ok', '*/5 * * * * · last 2m']);
  });

  it('a job is active', () => {
    const obj = withStatus(base(), {
      active: [{ kind: 'Job', name: 'report-1', namespace: 'batch', uid: 'j1' }],
      lastScheduleTime: ago(30_000),
      lastSuccessfulTime: ago(5 * MIN),
    });
    const s = summarize(CRONJOBS, obj, NOW);
    assert.deepEqual(
      [s.status, s.health, s.description],
      ['Active', 'progressing', '*/5 * * * * · 1 active · last 30s'],
    );
  });

  it('last run did not succeed', () => {
    const obj = withStatus(base(), { lastScheduleTime: ago(2 * MIN), lastSuccessfulTime: ago(7 * MIN) });
    assert.deepEqual(
      [summarize(CRONJOBS, obj, NOW).status, summarize(CRONJOBS, obj, NOW).health],
      ['LastRunFailed', 'warning'],
    );
  });

  it('suspended wins', () => {
    const obj = withStatus(
      base(),
      { lastScheduleTime: ago(HOUR) },
      { suspend: true, timeZone: 'Europe/Paris' },
    );
    const s = summarize('cronjobs', obj, NOW);
    assert.deepEqual(
      [s.status, s.health, s.description],
      ['Suspended', 'done', '*/5 * * * * · suspended · last 60m'],
    );
    assert.equal(s.fields.find((f) => f.label === 'Timezone')?.value, 'Europe/Paris');
  });
});
