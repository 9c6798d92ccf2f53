/**
 * controllers: explains controller verdicts on workloads: `BackoffLimitExceeded` and
 * `DeadlineExceeded` (Job controller) and `FailedGetResourceMetric` (HorizontalPodAutoscaler).
 */
import type { KubeObject } from '../cache/types';
import { humanDuration } from '../events/age';
import { parseTime } from '../events/model';
import { int, rec } from '../resources/read';
import { allContainerStatuses, exitCodeMeaning, lastTermination } from './podFacts';
import { Builder, describeStep, involvedRef, kubectlStep, plural, ref } from './text';
import type { ExplainCache, ExplainEvent, Explanation } from './types';

/** explainJob explains BackoffLimitExceeded and DeadlineExceeded. */
export function explainJob(e: ExplainEvent, cache: ExplainCache, now: number): Explanation {
  const b = new Builder(e.reason);
  const target = involvedRef(e);
  b.step(describeStep(target));
  const job = e.involved.kind === 'Job' ? cache.get('Job', target.namespace, target.name) : undefined;
  if (!job) b.lower('partial');
  const spec = rec(job?.['spec']);
  const status = rec(job?.['status']);
  if (e.reason === 'DeadlineExceeded') {
    const deadline = spec['activeDeadlineSeconds'];
    const start = parseTime(status['startTime']);
    if (typeof deadline === 'number')
      b.fact(`activeDeadlineSeconds is ${deadline} (${humanDuration(deadline * 1000)})`, target);
    if (start !== undefined) b.fact(`The job started ${humanDuration(now - start)} ago`, target);
    return b.build(`Job ${target.name} ran longer than its activeDeadlineSeconds and was stopped`);
  }
  if (job)
    b.fact(
      `backoffLimit ${int(spec['backoffLimit'], 6)}; ${plural(int(status['failed']), 'failed pod')}`,
      target,
    );
  const pods = job?.metadata.uid ? cache.ownedBy('Pod', job.metadata.uid) : [];
  const exits = lastExits(pods);
  for (const x of exits.slice(0, 3))
    b.fact(
      `Pod ${x.pod}: container ${x.container} exited ${x.code ?? '?'}${x.reason ? ` (${x.reason})` : ''}: ${exitCodeMeaning(x.code, x.reason)}`,
      ref('Pod', target.namespace, x.pod),
    );
  if (exits[0])
    b.step(
      kubectlStep(
        "Read the failed pod's logs",
        `kubectl logs ${exits[0].pod} -n ${target.namespace} -c ${exits[0].container}`,
      ),
    );
  const why = exits[0]
    ? `: its pods fail (last exit ${exits[0].code ?? '?'}${exits[0].reason ? `, ${exits[0].reason}` : ''})`
    : '';
  return b.build(`Job ${target.name} gave up after reaching its backoffLimit${why}`);
}

function lastExits(pods: KubeObject[]) {
  const out: {
    pod: string;
    container: string;
    code: number | undefined;
    reason: string | undefined;
    at: number;
  }[] = [];
  for (const pod of pods.slice(0, 100))
    for (const st of allContainerStatuses(pod)) {
      const t = lastTermination(st);
      if (t && t.exitCode !== 0)
        out.push({
          pod: pod.metadata.name ?? '',
          container: String(st['name'] ?? ''),
          code: t.exitCode,
          reason: t.reason,
          at: t.finishedAt ?? 0,
        });
    }
  return out.sort((a, x) => x.at - a.at);
}

/** explainHpaMetric explains FailedGetResourceMetric / FailedGetPodsMetric / FailedComputeMetricsReplicas. */
export function explainHpaMetric(e: ExplainEvent, cache: ExplainCache): Explanation {
  const b = new Builder(e.reason);
  const target = involvedRef(e);
  b.step(describeStep(target));
  const msg = e.message.slice(0, 2048);
  const res = /failed to get (\w{1,64}) utilization/.exec(msg)?.[1];
  if (
    /the server could not find the requested resource \(get pods\.metrics\.k8s\.io\)|unable to fetch metrics from resource metrics API|no metrics returned from resource metrics API/.test(
      msg,
    )
  ) {
    b.fact(
      'The resource metrics API (metrics.k8s.io) did not answer: metrics-server is missing or unhealthy',
    );
    b.step(kubectlStep('Check the metrics API', 'kubectl get apiservice v1beta1.metrics.k8s.io'));
    return b.build(
      `The HPA cannot read ${res ?? 'resource'} metrics: metrics-server is not serving metrics.k8s.io`,
    );
  }
  const missing = /missing request for (\w{1,64}) in container (\S{1,253}) of Pod (\S{1,253})/.exec(msg);
  if (missing) {
    const pod = cache.get('Pod', target.namespace, missing[3]!);
    b.fact(
      `Container ${missing[2]} of pod ${missing[3]} sets no ${missing[1]} request; utilization is a percentage of the request`,
      pod ? ref('Pod', target.namespace, missing[3]!) : undefined,
    );
    return b.build(
      `The HPA targets ${missing[1]} utilization but container ${missing[2]} has no ${missing[1]} request`,
    );
  }
  if (/did not receive metrics for targeted pods|did not receive metrics for any ready pods/.test(msg)) {
    b.fact('No metrics for the targeted pods: they may be unready or just started');
    return b.lower('partial').build('The HPA has no metrics for its pods yet');
  }
  b.fact(`The HPA reported: ${msg}`).lower('generic');
  return b.build('The HorizontalPodAutoscaler could not read the metric it scales on');
}
