/**
 * hpa: explains the HorizontalPodAutoscaler controller's metric Warnings:
 * `FailedGetResourceMetric`, `FailedGetPodsMetric`, `FailedGetContainerResourceMetric`,
 * `FailedGetObjectMetric`, `FailedGetExternalMetric` (one metric could not be read) and
 * `FailedComputeMetricsReplicas` (no replica count could be computed: "invalid metrics (N
 * invalid out of M), first error is: <the metric's error>", in older releases prefixed by
 * "failed to compute desired number of replicas based on listed metrics for <Kind/ns/name>: ").
 * The metric's error is parsed (metrics API missing, missing request, no metrics for the
 * pods); the cached HPA adds its scale target, replica bounds and ScalingActive/AbleToScale
 * conditions, which also carry the explanation when the message is not understood.
 */
import type { KubeObject } from '../cache/types';
import { condition, rec, str } from '../resources/read';
import { Builder, describeStep, eventsStep, involvedRef, kubectlStep, ref } from './text';
import type { ExplainCache, ExplainEvent, Explanation, Ref } from './types';

/** HPA_REASONS are the reasons this file explains. */
export const HPA_REASONS = new Set([
  'FailedGetResourceMetric',
  'FailedGetPodsMetric',
  'FailedGetContainerResourceMetric',
  'FailedGetObjectMetric',
  'FailedGetExternalMetric',
  'FailedComputeMetricsReplicas',
]);

const METRICS_API_DOWN =
  /the server could not find the requested resource \(get pods\.metrics\.k8s\.io\)|unable to fetch metrics from resource metrics API|no metrics returned from resource metrics API|the server is currently unable to handle the request \(get pods\.metrics\.k8s\.io\)/;

/** explainHpaMetric explains one HPA metric Warning. */
export function explainHpaMetric(e: ExplainEvent, cache: ExplainCache): Explanation {
  const b = new Builder(e.reason);
  const target = involvedRef(e);
  b.step(describeStep(target));
  const hpa =
    e.involved.kind === 'HorizontalPodAutoscaler'
      ? cache.get('HorizontalPodAutoscaler', target.namespace, target.name)
      : undefined;
  if (hpa) hpaFacts(b, hpa, target);
  let msg = e.message.slice(0, 2048);
  msg = msg.replace(
    /^failed to compute desired number of replicas based on listed metrics for \S{1,512}: /,
    '',
  );
  const invalid = /^invalid metrics \((\d{1,4}) invalid out of (\d{1,4})\), first error is: /.exec(msg);
  if (invalid) {
    b.fact(`${invalid[1]} of the HPA's ${invalid[2]} metrics could not be read; the first error follows`);
    msg = msg.slice(invalid[0].length);
  }
  const res = /failed to get (\w{1,64}) utilization/.exec(msg)?.[1];
  if (METRICS_API_DOWN.test(msg)) {
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
  b.fact(`The HPA reported: ${msg}`);
  const active = hpa ? condition(rec(hpa['status'])['conditions'], 'ScalingActive') : undefined;
  if (active?.['status'] === 'False') {
    b.step(eventsStep(target));
    return b
      .lower('partial')
      .build(
        `The HPA cannot compute its replicas: ScalingActive is False (${str(active['reason']) ?? 'no reason given'})`,
      );
  }
  b.lower('generic');
  return b.build('The HorizontalPodAutoscaler could not read the metric it scales on');
}

/** hpaFacts adds the HPA's scale target, bounds and failing conditions. */
function hpaFacts(b: Builder, hpa: KubeObject, target: Ref): void {
  const spec = rec(hpa['spec']);
  const status = rec(hpa['status']);
  const scaleRef = rec(spec['scaleTargetRef']);
  const kind = str(scaleRef['kind']);
  const name = str(scaleRef['name']);
  const min = typeof spec['minReplicas'] === 'number' ? spec['minReplicas'] : 1;
  const max = spec['maxReplicas'];
  const current = status['currentReplicas'];
  if (kind && name) {
    b.fact(
      `It scales ${kind} ${name} between ${min} and ${typeof max === 'number' ? max : '?'} replicas${typeof current === 'number' ? ` (now ${current})` : ''}`,
      target,
    );
    b.step(describeStep(ref(kind, target.namespace, name)));
  }
  for (const type of ['AbleToScale', 'ScalingActive']) {
    const c = condition(status['conditions'], type);
    if (c?.['status'] !== 'False') continue;
    const reason = str(c['reason']);
    const message = str(c['message']);
    b.fact(`${type}=False${reason ? ` (${reason})` : ''}${message ? `: ${message}` : ''}`, target);
  }
}
