/**
 * controllers: explains the Job controller's verdicts: `BackoffLimitExceeded` and
 * `DeadlineExceeded` (the HorizontalPodAutoscaler's are in hpa.ts).
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
