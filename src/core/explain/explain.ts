/**
 * explain: the entry point. `explain(event, cache, now, options)` picks the explainer for the event's
 * reason (and, for the kubelet's overloaded `Failed` / `BackOff`, its message), adds the
 * rollout context for a workload's pods, and never throws. A reason without an explainer is
 * explained from the involved object's conditions when they say something is wrong; an
 * explainer that fails, or an object whose status says nothing, yields the generic
 * explanation, which claims nothing the event does not say.
 */
import { explainCrashLoop, explainOOM, explainUnhealthy } from './containers';
import { explainConditions } from './conditions';
import { explainJob } from './controllers';
import { explainFailedCreate } from './create';
import { explainGeneric } from './generic';
import { explainHpaMetric, HPA_REASONS } from './hpa';
import { explainImage, isImageEvent } from './image';
import { explainLoadBalancer, LOAD_BALANCER_REASONS } from './loadBalancer';
import { explainNode, NODE_REASONS } from './node';
import { describeRollout, rolloutContext } from './rollout';
import { explainFailedScheduling } from './scheduling';
import { clip } from './text';
import type { ExplainCache, ExplainEvent, Explanation } from './types';
import { explainVolume } from './volumes';
import { englishL10n, type Localizer } from '../util/l10n';

/**
 * Explainer explains one event; its prose (cause, evidence, next-step titles) is in the
 * language of `l10n`, while names, reasons, cluster text and kubectl lines stay verbatim.
 */
type Explainer = (e: ExplainEvent, cache: ExplainCache, now: number, l10n: Localizer) => Explanation;

/** ExplainOptions: how to explain. */
export interface ExplainOptions {
  /** The language of the explanation's prose (vscode.l10n in the extension). Default English. */
  l10n?: Localizer;
}

const BY_REASON: Record<string, Explainer> = {
  FailedScheduling: explainFailedScheduling,
  CrashLoopBackOff: explainCrashLoop,
  OOMKilling: explainOOM,
  OOMKilled: explainOOM,
  SystemOOM: explainOOM,
  Unhealthy: explainUnhealthy,
  FailedMount: explainVolume,
  FailedAttachVolume: explainVolume,
  FailedBinding: explainVolume,
  ProvisioningFailed: explainVolume,
  FailedCreate: explainFailedCreate,
  BackoffLimitExceeded: explainJob,
  DeadlineExceeded: explainJob,
};

/**
 * explainerFor returns the dedicated explainer of an event, or undefined: the event is then
 * explained from its object's conditions when they say something (explainConditions), else by
 * the generic one. The kubelet's image `Failed` is matched by its message before anything else,
 * so an overloaded reason never reaches the conditions explainer.
 */
export function explainerFor(e: ExplainEvent): Explainer | undefined {
  if (isImageEvent(e)) return explainImage;
  if (e.reason === 'BackOff' && /^Back-off restarting failed container/.test(e.message))
    return explainCrashLoop;
  if (NODE_REASONS.has(e.reason)) return explainNode;
  if (HPA_REASONS.has(e.reason)) return explainHpaMetric;
  if (LOAD_BALANCER_REASONS.has(e.reason)) return explainLoadBalancer;
  return BY_REASON[e.reason];
}

/**
 * explain explains one event from the cache at time `now` (epoch ms), its prose in the
 * language of `options.l10n` (English by default). Pure: it reads the cache and mutates
 * nothing. It never throws.
 */
export function explain(
  event: ExplainEvent,
  cache: ExplainCache,
  now: number,
  options: ExplainOptions = {},
): Explanation {
  const l10n = options.l10n ?? englishL10n;
  const e = sanitize(event);
  let result: Explanation;
  try {
    result =
      explainerFor(e)?.(e, cache, now, l10n) ??
      explainConditions(e, cache, now, l10n) ??
      explainGeneric(e, l10n);
  } catch {
    result = explainGeneric(e, l10n);
  }
  if (e.type === 'Warning') {
    try {
      const rollout = rolloutContext(e, cache, l10n);
      if (rollout) {
        result.rollout = rollout;
        const w = rollout.workload;
        const cached = cache.get(w.kind, w.namespace, w.name) !== undefined;
        result.evidence.push(
          cached
            ? { text: clip(describeRollout(rollout, l10n)), ref: w }
            : { text: clip(describeRollout(rollout, l10n)) },
        );
      }
    } catch {
      // The rollout context is an extra: without it the explanation stands.
    }
  }
  return result;
}

function sanitize(e: ExplainEvent): ExplainEvent {
  const s = (v: unknown) => (typeof v === 'string' ? v : '');
  const inv = e.involved ?? ({} as ExplainEvent['involved']);
  return {
    type: s(e.type),
    reason: s(e.reason),
    message: s(e.message),
    count: typeof e.count === 'number' && Number.isFinite(e.count) && e.count > 0 ? e.count : 1,
    firstSeen: typeof e.firstSeen === 'number' && Number.isFinite(e.firstSeen) ? e.firstSeen : undefined,
    lastSeen: typeof e.lastSeen === 'number' && Number.isFinite(e.lastSeen) ? e.lastSeen : undefined,
    source: s(e.source),
    involved: {
      kind: s(inv.kind),
      namespace: s(inv.namespace),
      name: s(inv.name),
      uid: s(inv.uid),
      apiVersion: s(inv.apiVersion),
      fieldPath: s(inv.fieldPath),
    },
  };
}
