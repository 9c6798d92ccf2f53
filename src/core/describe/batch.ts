/**
 * batch: `kubectl describe` for batch/v1 Job and CronJob. Both print counts from the object's
 * own status, so they need no related lookups.
 */

import type { KubeObject } from '../cache/types';
import { humanDuration } from '../events/age';
import { parseTime } from '../events/model';
import type { Ctx } from './context';
import { describeEvents } from './events';
import {
  controllerOf,
  printAnnotationsMultiline,
  printBoolPtr,
  printLabelsMultiline,
  writeNameNamespace,
} from './format';
import { has, int, intOrUnset, isSet, num, rec, recs, str } from './fields';
import { describePodTemplate } from './podTemplate';
import { DescribeWriter, LEVEL_0 } from './printer';
import { selectorString } from './selector';

/** capIndexes is capIndexesListOrNone: a completed-indexes list cut after ~50 characters. */
function capIndexes(indexes: string, softLimit: number): string {
  if (indexes.length === 0) return '<none>';
  let ix = softLimit;
  while (ix < indexes.length && indexes[ix] !== ',') ix++;
  return ix >= indexes.length ? indexes : `${indexes.slice(0, ix + 1)}...`;
}

/** describeJob renders a Job as `kubectl describe job` does. */
export function describeJob(obj: KubeObject, ctx: Ctx): string {
  const w = new DescribeWriter();
  const meta = rec(obj.metadata);
  const spec = rec(obj.spec);
  const status = rec(obj.status);
  writeNameNamespace(w, meta);
  w.write(LEVEL_0, `Selector:\t${selectorString(spec.selector)}\n`);
  printLabelsMultiline(w, 'Labels', meta.labels);
  printAnnotationsMultiline(w, 'Annotations', meta.annotations);
  const controller = controllerOf(meta);
  if (controller) w.write(LEVEL_0, `Controlled By:\t${controller}\n`);
  if (int(spec.parallelism) !== undefined) w.write(LEVEL_0, `Parallelism:\t${int(spec.parallelism)}\n`);
  w.write(LEVEL_0, `Completions:\t${intOrUnset(spec.completions)}\n`);
  if (str(spec.completionMode)) w.write(LEVEL_0, `Completion Mode:\t${str(spec.completionMode)}\n`);
  if (typeof spec.suspend === 'boolean') w.write(LEVEL_0, `Suspend:\t${spec.suspend}\n`);
  if (int(spec.backoffLimit) !== undefined) w.write(LEVEL_0, `Backoff Limit:\t${int(spec.backoffLimit)}\n`);
  if (int(spec.ttlSecondsAfterFinished) !== undefined) {
    w.write(LEVEL_0, `TTL Seconds After Finished:\t${int(spec.ttlSecondsAfterFinished)}\n`);
  }
  if (isSet(status.startTime)) w.write(LEVEL_0, `Start Time:\t${ctx.time(status.startTime)}\n`);
  if (isSet(status.completionTime)) w.write(LEVEL_0, `Completed At:\t${ctx.time(status.completionTime)}\n`);
  const started = parseTime(status.startTime);
  const completed = parseTime(status.completionTime);
  if (started !== undefined && completed !== undefined) {
    w.write(LEVEL_0, `Duration:\t${humanDuration(completed - started)}\n`);
  }
  if (int(spec.activeDeadlineSeconds) !== undefined) {
    w.write(LEVEL_0, `Active Deadline Seconds:\t${int(spec.activeDeadlineSeconds)}s\n`);
  }
  const ready = int(status.ready);
  w.write(
    LEVEL_0,
    ready === undefined
      ? `Pods Statuses:\t${num(status.active)} Active / ${num(status.succeeded)} Succeeded / ${num(status.failed)} Failed\n`
      : `Pods Statuses:\t${num(status.active)} Active (${ready} Ready) / ${num(status.succeeded)} Succeeded / ${num(status.failed)} Failed\n`,
  );
  if (str(spec.completionMode) === 'Indexed') {
    w.write(LEVEL_0, `Completed Indexes:\t${capIndexes(str(status.completedIndexes), 50)}\n`);
  }
  describePodTemplate(w, spec.template, ctx.time);
  describeEvents(w, ctx.events, ctx.now);
  return w.text();
}

/** describeCronJob renders a CronJob as `kubectl describe cronjob` does. */
export function describeCronJob(obj: KubeObject, ctx: Ctx): string {
  const w = new DescribeWriter();
  const meta = rec(obj.metadata);
  const spec = rec(obj.spec);
  const status = rec(obj.status);
  writeNameNamespace(w, meta);
  printLabelsMultiline(w, 'Labels', meta.labels);
  printAnnotationsMultiline(w, 'Annotations', meta.annotations);
  w.write(LEVEL_0, `Schedule:\t${str(spec.schedule)}\n`);
  w.write(LEVEL_0, `Concurrency Policy:\t${str(spec.concurrencyPolicy)}\n`);
  w.write(LEVEL_0, `Suspend:\t${printBoolPtr(spec.suspend)}\n`);
  w.write(LEVEL_0, `Successful Job History Limit:\t${intOrUnset(spec.successfulJobsHistoryLimit)}\n`);
  w.write(LEVEL_0, `Failed Job History Limit:\t${intOrUnset(spec.failedJobsHistoryLimit)}\n`);
  const deadline = int(spec.startingDeadlineSeconds);
  w.write(LEVEL_0, `Starting Deadline Seconds:\t${deadline === undefined ? '<unset>' : `${deadline}s`}\n`);
  const jobSpec = rec(rec(spec.jobTemplate).spec);
  w.write(LEVEL_0, `Selector:\t${has(jobSpec.selector) ? selectorString(jobSpec.selector) : '<unset>'}\n`);
  w.write(LEVEL_0, `Parallelism:\t${intOrUnset(jobSpec.parallelism)}\n`);
  w.write(LEVEL_0, `Completions:\t${intOrUnset(jobSpec.completions)}\n`);
  if (int(jobSpec.activeDeadlineSeconds) !== undefined) {
    w.write(LEVEL_0, `Active Deadline Seconds:\t${int(jobSpec.activeDeadlineSeconds)}s\n`);
  }
  describePodTemplate(w, jobSpec.template, ctx.time);
  w.write(
    LEVEL_0,
    `Last Schedule Time:\t${isSet(status.lastScheduleTime) ? ctx.time(status.lastScheduleTime) : '<unset>'}\n`,
  );
  const active = recs(status.active).map((r) => str(r.name));
  w.write(LEVEL_0, `Active Jobs:\t${active.length === 0 ? '<none>' : active.join(', ')}\n`);
  describeEvents(w, ctx.events, ctx.now);
  return w.text();
}
