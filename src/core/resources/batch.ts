/**
 * batch: Jobs and CronJobs. A Job's STATUS, COMPLETIONS and DURATION follow kubectl's printJob
 * (1.32); a CronJob has no STATUS in kubectl, so ours is documented on summarizeCronJob.
 */
import type { KubeObject } from '../cache/types';
import { humanDuration } from '../events/age';
import { parseTime } from '../events/model';
import {
  ageOf,
  conditionIs,
  formatLabelSelector,
  int,
  joinDescription,
  num,
  rec,
  recs,
  since,
  spec,
  status,
  str,
  templateImages,
} from './read';
import type { Field, Health, ResourceSummary } from './types';

/**
 * jobStatus is printJob's STATUS: Complete, Failed, Terminating, Suspended, FailureTarget,
 * SuccessCriteriaMet, else Running; conditions count only when their status is True.
 */
export function jobStatus(job: KubeObject): string {
  const conds = status(job)['conditions'];
  if (conditionIs(conds, 'Complete')) return 'Complete';
  if (conditionIs(conds, 'Failed')) return 'Failed';
  if (job.metadata.deletionTimestamp) return 'Terminating';
  if (conditionIs(conds, 'Suspended')) return 'Suspended';
  if (conditionIs(conds, 'FailureTarget')) return 'FailureTarget';
  if (conditionIs(conds, 'SuccessCriteriaMet')) return 'SuccessCriteriaMet';
  return 'Running';
}

/** jobCompletions is printJob's COMPLETIONS: `succeeded/completions`, `succeeded/1`, or `succeeded/1 of parallelism`. */
export function jobCompletions(job: KubeObject): string {
  const succeeded = int(status(job)['succeeded']);
  const completions = num(spec(job)['completions']);
  if (completions !== undefined) return `${succeeded}/${completions}`;
  const parallelism = int(spec(job)['parallelism']);
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

/** jobDuration is printJob's DURATION: start to completion, start to now while running, empty before start. */
export function jobDuration(job: KubeObject, now: number): string {
  const st = status(job);
  const start = parseTime(st['startTime']);
  if (start === undefined) return '';
  const end = parseTime(st['completionTime']);
  return humanDuration((end ?? now) - start);
}

/**
 * Job health: Complete done, Failed and FailureTarget error, Suspended done, Terminating and
 * SuccessCriteriaMet progressing; Running is progressing, or a warning once some pods failed.
 */
function jobHealth(s: string, job: KubeObject): Health {
  switch (s) {
    case 'Complete':
    case 'Suspended':
      return 'done';
    case 'Failed':
    case 'FailureTarget':
      return 'error';
    case 'Running':
      return int(status(job)['failed']) > 0 ? 'warning' : 'progressing';
    default:
      return 'progressing';
  }
}

/** summarizeJob renders a Job: description `1/1 · 12s` (completions, duration). */
export function summarizeJob(job: KubeObject, now: number): ResourceSummary {
  const sp = spec(job);
  const st = status(job);
  const s = jobStatus(job);
  const completions = jobCompletions(job);
  const duration = jobDuration(job, now);
  const fields: Field[] = [
    { label: 'Status', value: s },
    { label: 'Completions', value: completions },
    { label: 'Duration', value: duration || '<none>' },
    { label: 'Age', value: ageOf(job, now) },
    { label: 'Active', value: String(int(st['active'])) },
    { label: 'Succeeded', value: String(int(st['succeeded'])) },
    { label: 'Failed', value: String(int(st['failed'])) },
    { label: 'Images', value: templateImages(sp['template']) },
    { label: 'Selector', value: formatLabelSelector(sp['selector']) },
  ];
  const failed = recs(st['conditions']).find((c) => c['type'] === 'Failed' && c['status'] === 'True');
  const message = str(failed?.['message']) ?? str(failed?.['reason']);
  if (message) fields.push({ label: 'Message', value: message });
  return {
    health: jobHealth(s, job),
    status: s,
    description: joinDescription(completions, duration || undefined),
    fields,
    ready: { ready: int(st['succeeded']), desired: num(sp['completions']) ?? 1 },
  };
}

/**
 * summarizeCronJob renders a CronJob: description `*∕5 * * * * · last 2m` (or `never run`),
 * with `suspended` / `N active` when so. Status and health:
 * - Suspended (spec.suspend): done;
 * - Active (status.active is non-empty): progressing;
 * - LastRunFailed: the latest scheduled run is over and did not succeed (status.lastScheduleTime
 *   is after status.lastSuccessfulTime, or there is no successful time): warning;
 * - Scheduled: ok.
 */
export function summarizeCronJob(cj: KubeObject, now: number): ResourceSummary {
  const sp = spec(cj);
  const st = status(cj);
  const schedule = str(sp['schedule']) ?? '<none>';
  const suspended = sp['suspend'] === true;
  const active = recs(st['active']).length;
  const lastSchedule = parseTime(st['lastScheduleTime']);
  const lastSuccess = parseTime(st['lastSuccessfulTime']);
  let s: string;
  let health: Health;
  if (suspended) [s, health] = ['Suspended', 'done'];
  else if (active > 0) [s, health] = ['Active', 'progressing'];
  else if (lastSchedule !== undefined && (lastSuccess === undefined || lastSuccess < lastSchedule))
    [s, health] = ['LastRunFailed', 'warning'];
  else [s, health] = ['Scheduled', 'ok'];
  const last = since(st['lastScheduleTime'], now);
  const jobSpec = rec(rec(sp['jobTemplate'])['spec']);
  const fields: Field[] = [
    { label: 'Status', value: s },
    { label: 'Schedule', value: schedule },
    { label: 'Timezone', value: str(sp['timeZone']) ?? '<none>' },
    { label: 'Suspend', value: suspended ? 'True' : 'False' },
    { label: 'Active', value: String(active) },
    { label: 'Last Schedule', value: last ?? '<none>' },
    { label: 'Last Success', value: since(st['lastSuccessfulTime'], now) ?? '<none>' },
    { label: 'Age', value: ageOf(cj, now) },
    { label: 'Images', value: templateImages(jobSpec['template']) },
  ];
  return {
    health,
    status: s,
    description: joinDescription(
      schedule,
      suspended ? 'suspended' : undefined,
      active > 0 ? `${active} active` : undefined,
      last ? `last ${last}` : 'never run',
    ),
    fields,
  };
}
