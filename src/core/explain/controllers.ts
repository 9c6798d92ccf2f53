/**
 * controllers: explains the Job controller's verdicts: `BackoffLimitExceeded` and
 * `DeadlineExceeded` (the HorizontalPodAutoscaler's are in hpa.ts).
 */
import type { KubeObject } from '../cache/types';
import { humanDuration } from '../events/age';
import { parseTime } from '../events/model';
import { int, rec } from '../resources/read';
import { englishL10n, type Localizer } from '../util/l10n';
import { allContainerStatuses, exitCodeMeaning, lastTermination } from './podFacts';
import { Builder, describeStep, involvedRef, kubectlStep, ref } from './text';
import type { ExplainCache, ExplainEvent, Explanation } from './types';

/** explainJob explains BackoffLimitExceeded and DeadlineExceeded. */
export function explainJob(
  e: ExplainEvent,
  cache: ExplainCache,
  now: number,
  l10n: Localizer = englishL10n,
): Explanation {
  const b = new Builder(e.reason, l10n);
  const target = involvedRef(e);
  b.step(describeStep(target, l10n));
  const job = e.involved.kind === 'Job' ? cache.get('Job', target.namespace, target.name) : undefined;
  if (!job) b.lower('partial');
  const spec = rec(job?.['spec']);
  const status = rec(job?.['status']);
  if (e.reason === 'DeadlineExceeded') {
    const deadline = spec['activeDeadlineSeconds'];
    const start = parseTime(status['startTime']);
    if (typeof deadline === 'number')
      b.fact(l10n.t('activeDeadlineSeconds is {0} ({1})', deadline, humanDuration(deadline * 1000)), target);
    if (start !== undefined) b.fact(l10n.t('The job started {0} ago', humanDuration(now - start)), target);
    return b.build(l10n.t('Job {0} ran longer than its activeDeadlineSeconds and was stopped', target.name));
  }
  if (job) {
    const failed = int(status['failed']);
    b.fact(
      failed === 1
        ? l10n.t('backoffLimit {0}; 1 failed pod', int(spec['backoffLimit'], 6))
        : l10n.t('backoffLimit {0}; {1} failed pods', int(spec['backoffLimit'], 6), failed),
      target,
    );
  }
  const pods = job?.metadata.uid ? cache.ownedBy('Pod', job.metadata.uid) : [];
  const exits = lastExits(pods);
  for (const x of exits.slice(0, 3))
    b.fact(
      l10n.t(
        'Pod {0}: container {1} exited {2}: {3}',
        x.pod,
        x.container,
        `${x.code ?? '?'}${x.reason ? ` (${x.reason})` : ''}`,
        exitCodeMeaning(x.code, x.reason, l10n),
      ),
      ref('Pod', target.namespace, x.pod),
    );
  if (exits[0])
    b.step(
      kubectlStep(
        l10n.t("Read the failed pod's logs"),
        `kubectl logs ${exits[0].pod} -n ${target.namespace} -c ${exits[0].container}`,
      ),
    );
  return b.build(
    exits[0]
      ? l10n.t(
          'Job {0} gave up after reaching its backoffLimit: its pods fail (last exit {1})',
          target.name,
          `${exits[0].code ?? '?'}${exits[0].reason ? `, ${exits[0].reason}` : ''}`,
        )
      : l10n.t('Job {0} gave up after reaching its backoffLimit', target.name),
  );
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
