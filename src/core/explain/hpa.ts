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
import { englishL10n, type Localizer } from '../util/l10n';
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
export function explainHpaMetric(
  e: ExplainEvent,
  cache: ExplainCache,
  _now?: number,
  l10n: Localizer = englishL10n,
): Explanation {
  const b = new Builder(e.reason, l10n);
  const target = involvedRef(e);
  b.step(describeStep(target, l10n));
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
    b.fact(
      l10n.t(
        "{0} of the HPA's {1} metrics could not be read; the first error follows",
        invalid[1]!,
        invalid[2]!,
      ),
    );
    msg = msg.slice(invalid[0].length);
  }
  const res = /failed to get (\w{1,64}) utilization/.exec(msg)?.[1];
  if (METRICS_API_DOWN.test(msg)) {
    b.fact(
      l10n.t(
        'The resource metrics API (metrics.k8s.io) did not answer: metrics-server is missing or unhealthy',
      ),
    );
    b.step(kubectlStep(l10n.t('Check the metrics API'), 'kubectl get apiservice v1beta1.metrics.k8s.io'));
    return b.build(
      res
        ? l10n.t('The HPA cannot read {0} metrics: metrics-server is not serving metrics.k8s.io', res)
        : l10n.t('The HPA cannot read resource metrics: metrics-server is not serving metrics.k8s.io'),
    );
  }
  const missing = /missing request for (\w{1,64}) in container (\S{1,253}) of Pod (\S{1,253})/.exec(msg);
  if (missing) {
    const pod = cache.get('Pod', target.namespace, missing[3]!);
    b.fact(
      l10n.t(
        'Container {0} of pod {1} sets no {2} request; utilization is a percentage of the request',
        missing[2]!,
        missing[3]!,
        missing[1]!,
      ),
      pod ? ref('Pod', target.namespace, missing[3]!) : undefined,
    );
    return b.build(
      l10n.t(
        'The HPA targets {0} utilization but container {1} has no {0} request',
        missing[1]!,
        missing[2]!,
      ),
    );
  }
  if (/did not receive metrics for targeted pods|did not receive metrics for any ready pods/.test(msg)) {
    b.fact(l10n.t('No metrics for the targeted pods: they may be unready or just started'));
    return b.lower('partial').build(l10n.t('The HPA has no metrics for its pods yet'));
  }
  b.fact(l10n.t('The HPA reported: {0}', msg));
  const active = hpa ? condition(rec(hpa['status'])['conditions'], 'ScalingActive') : undefined;
  if (active?.['status'] === 'False') {
    b.step(eventsStep(target, l10n));
    return b
      .lower('partial')
      .build(
        l10n.t(
          'The HPA cannot compute its replicas: ScalingActive is False ({0})',
          str(active['reason']) ?? l10n.t('no reason given'),
        ),
      );
  }
  b.lower('generic');
  return b.build(l10n.t('The HorizontalPodAutoscaler could not read the metric it scales on'));
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
  const { l10n } = b;
  if (kind && name) {
    const top = typeof max === 'number' ? max : '?';
    b.fact(
      typeof current === 'number'
        ? l10n.t('It scales {0} between {1} and {2} replicas (now {3})', `${kind} ${name}`, min, top, current)
        : l10n.t('It scales {0} between {1} and {2} replicas', `${kind} ${name}`, min, top),
      target,
    );
    b.step(describeStep(ref(kind, target.namespace, name), l10n));
  }
  for (const type of ['AbleToScale', 'ScalingActive']) {
    const c = condition(status['conditions'], type);
    if (c?.['status'] !== 'False') continue;
    const reason = str(c['reason']);
    const message = str(c['message']);
    b.fact(`${type}=False${reason ? ` (${reason})` : ''}${message ? `: ${message}` : ''}`, target);
  }
}
