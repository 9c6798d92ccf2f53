/**
 * jobs: the CronJob and Job controllers of the simulation. A CronJob creates a Job per
 * scheduled time (named `<cronjob>-<minutes since epoch>`), the Job creates one pod, and when
 * that pod succeeds the Job becomes Complete and the CronJob notes it and prunes its history
 * beyond `successfulJobsHistoryLimit`, with the events those controllers emit.
 */
import type { KubeObject } from '../../src/core/cache/types';
import { cronJob, job, ownerRef, rfc3339 } from '../server/fixtures';
import type { Sim } from './controllers';
import { cronJobSuffix } from './names';
import { setSucceeded } from './objects';

type Rec = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const HISTORY_LIMIT = 3;

/** createCronJob creates a CronJob running `image`. */
export function createCronJob(
  sim: Sim,
  namespace: string,
  name: string,
  o: { schedule: string; at: number; image?: string },
): Rec {
  const c = cronJob(namespace, name, {
    schedule: o.schedule,
    creationTimestamp: o.at,
    labels: { app: name },
  }) as Rec;
  const tpl = c.spec.jobTemplate.spec.template;
  tpl.spec.containers[0].name = name;
  tpl.spec.containers[0].image = o.image ?? 'busybox:1.36';
  tpl.spec.containers[0].command = ['sh', '-c', 'echo syncing reports; sleep 20'];
  c.spec.successfulJobsHistoryLimit = HISTORY_LIMIT;
  c.spec.failedJobsHistoryLimit = 1;
  return sim.server.create(c as KubeObject) as Rec;
}

/** jobsOf returns the CronJob's Jobs, oldest first. */
export function jobsOf(sim: Sim, cron: Rec): Rec[] {
  return (sim.server.list('batch/v1', 'Job', cron.metadata.namespace) as Rec[])
    .filter((j) => (j.metadata.ownerReferences ?? []).some((r: Rec) => r.uid === cron.metadata.uid))
    .sort((a, b) => String(a.metadata.name).localeCompare(String(b.metadata.name)));
}

/** isComplete tells whether a Job has its Complete condition. */
export function isComplete(j: Rec): boolean {
  return ((j.status?.conditions ?? []) as Rec[]).some((c) => c.type === 'Complete' && c.status === 'True');
}

/** startJob is the CronJob firing for `scheduledAt`: a Job with one running pod. Returns both. */
export function startJob(sim: Sim, cronIn: Rec, scheduledAt: number, at: number): { job: Rec; pod: Rec } {
  const ns = cronIn.metadata.namespace;
  const name = `${cronIn.metadata.name}-${cronJobSuffix(scheduledAt)}`;
  const uid = sim.random.uuid();
  const labels = {
    'batch.kubernetes.io/controller-uid': uid,
    'batch.kubernetes.io/job-name': name,
    'controller-uid': uid,
    'job-name': name,
  };
  const j = job(ns, name, { uid, owner: cronIn as KubeObject, creationTimestamp: at, labels }) as Rec;
  j.metadata.annotations = { 'batch.kubernetes.io/cronjob-scheduled-timestamp': rfc3339(scheduledAt) };
  j.spec.template = JSON.parse(JSON.stringify(cronIn.spec.jobTemplate.spec.template));
  j.spec.template.metadata = { labels };
  j.spec.selector = { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } };
  j.spec.backoffLimit = 6;
  j.spec.completionMode = 'NonIndexed';
  j.status = { startTime: rfc3339(at), active: 1, ready: 0, terminating: 0, uncountedTerminatedPods: {} };
  const created = sim.server.create(j as KubeObject) as Rec;
  sim.recorder.record(cronIn as KubeObject, {
    reason: 'SuccessfulCreate',
    message: `Created job ${name}`,
    component: 'cronjob-controller',
    at,
  });

  const cron = sim.mustGet('batch/v1', 'CronJob', ns, cronIn.metadata.name);
  const ref = ownerRef(created as KubeObject);
  cron.status = {
    ...cron.status,
    active: [
      ...(cron.status?.active ?? []),
      {
        apiVersion: 'batch/v1',
        kind: 'Job',
        name,
        namespace: ns,
        uid: ref.uid,
        resourceVersion: created.metadata.resourceVersion,
      },
    ],
    lastScheduleTime: rfc3339(scheduledAt),
  };
  sim.server.update(cron as KubeObject);

  const c = created.spec.template.spec.containers[0];
  const podName = `${name}-${sim.random.suffix()}`;
  const pod = sim.launch({
    namespace: ns,
    name: podName,
    generateName: `${name}-`,
    labels,
    owner: created as KubeObject,
    image: c.image,
    container: c.name,
    restartPolicy: created.spec.template.spec.restartPolicy,
    at,
  });
  sim.recorder.record(created as KubeObject, {
    reason: 'SuccessfulCreate',
    message: `Created pod: ${podName}`,
    component: 'job-controller',
    at,
  });
  const live = sim.mustGet('batch/v1', 'Job', ns, name);
  live.status = { ...live.status, ready: 1 };
  return { job: sim.server.update(live as KubeObject) as Rec, pod };
}

/**
 * completeJob finishes a running Job in the 2 s before `at`: its pod Succeeded, the Job
 * Complete (succeeded=1), the `Completed` and `SawCompletedJob` events, and old Jobs pruned.
 * Returns the Job as stored.
 */
export function completeJob(sim: Sim, jobIn: Rec, at: number): Rec {
  const ns = jobIn.metadata.namespace;
  const name = jobIn.metadata.name;
  for (const p of sim.ownedPods(jobIn)) {
    if (p.status?.phase === 'Running' || p.status?.phase === 'Pending')
      sim.server.update(setSucceeded(p, at - 2000) as KubeObject);
  }
  const j = sim.mustGet('batch/v1', 'Job', ns, name);
  const t = rfc3339(at - 1000);
  const cond = (type: string, reason: string, message: string) => ({
    type,
    status: 'True',
    lastProbeTime: t,
    lastTransitionTime: t,
    reason,
    message,
  });
  j.status = {
    startTime: j.status?.startTime,
    completionTime: t,
    succeeded: 1,
    ready: 0,
    terminating: 0,
    uncountedTerminatedPods: {},
    conditions: [
      cond('SuccessCriteriaMet', 'CompletionsReached', 'Reached expected number of succeeded pods'),
      cond('Complete', 'CompletionsReached', 'Reached expected number of succeeded pods'),
    ],
  };
  const done = sim.server.update(j as KubeObject) as Rec;
  sim.recorder.record(done as KubeObject, {
    reason: 'Completed',
    message: 'Job completed',
    component: 'job-controller',
    at: at - 1000,
  });

  const ownerUid = (j.metadata.ownerReferences ?? [])[0]?.uid;
  const cron = ownerUid
    ? (sim.server.list('batch/v1', 'CronJob', ns) as Rec[]).find((c) => c.metadata.uid === ownerUid)
    : undefined;
  if (cron) {
    cron.status = { ...cron.status, lastSuccessfulTime: t };
    cron.status.active = ((cron.status.active ?? []) as Rec[]).filter((r) => r.name !== name);
    if (cron.status.active.length === 0) delete cron.status.active;
    const stored = sim.server.update(cron as KubeObject) as Rec;
    sim.recorder.record(stored as KubeObject, {
      reason: 'SawCompletedJob',
      message: `Saw completed job: ${name}, condition: Complete`,
      component: 'cronjob-controller',
      at,
    });
    pruneJobs(sim, stored, at);
  }
  return done;
}

/** pruneJobs deletes the CronJob's oldest complete Jobs (and their pods) beyond the history limit. */
export function pruneJobs(sim: Sim, cron: Rec, at: number): string[] {
  const complete = jobsOf(sim, cron).filter(isComplete);
  const limit = cron.spec.successfulJobsHistoryLimit ?? HISTORY_LIMIT;
  const gone: string[] = [];
  for (const j of complete.slice(0, Math.max(0, complete.length - limit))) {
    for (const p of sim.ownedPods(j)) sim.server.delete('v1', 'Pod', p.metadata.namespace, p.metadata.name);
    sim.server.delete('batch/v1', 'Job', j.metadata.namespace, j.metadata.name);
    sim.recorder.record(cron as KubeObject, {
      reason: 'SuccessfulDelete',
      message: `Deleted job ${j.metadata.name}`,
      component: 'cronjob-controller',
      at,
    });
    gone.push(j.metadata.name);
  }
  return gone;
}
