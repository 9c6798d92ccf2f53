/**
 * conditions: explains a Warning without a dedicated explainer from the involved object's own
 * status, for any kind that has one (custom resources above all: a cert-manager Certificate, an
 * Argo CD Application, a Crossplane claim). It reads `status.conditions` the way
 * resources/conditions.ts (kstatus) does: a Ready/Available/Synced/Healthy condition that is
 * False, a Stalled/Degraded condition that is True, a condition whose type ends in
 * Failed/Failure/Error that is True (or, Argo CD style, listed without a status), and a
 * condition whose reason says it failed; Argo CD's `status.health` and `status.operationState`
 * add to it.
 *
 * Contract: it returns undefined, leaving the generic explanation, unless the event is a
 * Warning, the involved object is cached (same uid when both are known) and its status says
 * something is wrong. Pods and Nodes are left to their own explainers: their conditions are
 * consequences, not causes. It claims only what the status says; the confidence is `exact` when
 * a failing condition or operation repeats the event's message or reason, else `partial`.
 */
import type { KubeObject } from '../cache/types';
import { parseTime } from '../events/model';
import { conditionStatus } from '../resources/conditions';
import { rec, recs, str } from '../resources/read';
import { humanDuration } from '../events/age';
import { englishL10n, type Localizer } from '../util/l10n';
import { Builder, describeStep, eventsStep, involvedRef } from './text';
import type { ExplainCache, ExplainEvent, Explanation, Ref } from './types';

/** Conditions read from one object (untrusted: a status may hold any number). */
const MAX_CONDITIONS = 32;

const POSITIVE = new Set(['Ready', 'Available', 'Synced', 'Healthy']);
const NEGATIVE = new Set(['Stalled', 'Degraded']);
const FAILURE_TYPE = /(Failed|Failure|Error|Degraded)$/;
const FAILURE_REASON = /(Fail|Error)/;
const SKIPPED_KINDS = new Set(['Pod', 'Node']);

/** Failing is one condition that says something is wrong, with how telling it is (lower first). */
interface Failing {
  type: string;
  status: string;
  reason: string | undefined;
  message: string | undefined;
  since: number | undefined;
  rank: number;
}

/**
 * failingConditions lists the conditions of `obj` that say something is wrong, most telling
 * first; a False condition whose reason is `eventReason` counts too (a Deployment's Progressing
 * condition with reason ProgressDeadlineExceeded).
 */
export function failingConditions(obj: KubeObject, eventReason?: string): Failing[] {
  const out: Failing[] = [];
  for (const c of recs(rec(obj['status'])['conditions']).slice(0, MAX_CONDITIONS)) {
    const type = str(c['type']);
    if (!type) continue;
    const status = typeof c['status'] === 'string' ? c['status'] : '';
    const reason = str(c['reason']);
    let rank = -1;
    if (NEGATIVE.has(type) && status === 'True') rank = 0;
    else if (FAILURE_TYPE.test(type) && (status === 'True' || status === '')) rank = 0;
    else if (POSITIVE.has(type) && status === 'False') rank = 2;
    else if (status === 'False' && reason && (FAILURE_REASON.test(reason) || reason === eventReason))
      rank = 1;
    if (rank < 0) continue;
    out.push({
      type,
      status: status || 'present',
      reason,
      message: str(c['message']),
      since: parseTime(c['lastTransitionTime']),
      rank,
    });
  }
  return out.sort((a, x) => a.rank - x.rank);
}

/** explainConditions explains `e` from its object's status, or returns undefined (see above). */
export function explainConditions(
  e: ExplainEvent,
  cache: ExplainCache,
  now: number,
  l10n: Localizer = englishL10n,
): Explanation | undefined {
  if (e.type !== 'Warning' || SKIPPED_KINDS.has(e.involved.kind) || !e.involved.name) return undefined;
  const target = involvedRef(e);
  const obj = cache.get(target.kind, target.namespace, target.name);
  if (!obj) return undefined;
  if (e.involved.uid && obj.metadata.uid && e.involved.uid !== obj.metadata.uid) return undefined;
  const failing = failingConditions(obj, e.reason);
  const status = rec(obj['status']);
  const health = rec(status['health']);
  const healthStatus = str(health['status']);
  const operation = rec(status['operationState']);
  const phase = str(operation['phase']);
  const operationFailed = phase === 'Failed' || phase === 'Error';
  const overall = conditionStatus(obj);
  const unhealthy = healthStatus === 'Degraded' || healthStatus === 'Missing';
  if (failing.length === 0 && !operationFailed && !(unhealthy && overall.health === 'error'))
    return undefined;

  const b = new Builder(e.reason, l10n);
  b.step(describeStep(target, l10n)).step(eventsStep(target, l10n));
  const msg = e.message.slice(0, 2048);
  const echoes = (text: string | undefined) =>
    !!text && text.length >= 8 && (msg.includes(text.slice(0, 200)) || text.includes(msg.slice(0, 200)));
  for (const f of failing.slice(0, 6)) {
    const status = f.status === 'present' ? '' : `=${f.status}`;
    const condition = `${f.type}${status}`;
    const head =
      f.since !== undefined && now >= f.since
        ? l10n.t('{0} for {1}', condition, humanDuration(now - f.since))
        : condition;
    b.fact(`${head}${f.reason ? ` (${f.reason})` : ''}${f.message ? `: ${f.message}` : ''}`, target);
  }
  if (operationFailed) {
    const at = parseTime(operation['finishedAt']);
    const m = str(operation['message']);
    const last =
      at !== undefined && now >= at
        ? l10n.t('The last operation {0} {1} ago', phase!, humanDuration(now - at))
        : l10n.t('The last operation {0}', phase!);
    b.fact(`${last}${m ? `: ${m}` : ''}`, target);
  }
  if (healthStatus) {
    const hm = str(health['message']);
    b.fact(`${l10n.t('Health: {0}', healthStatus)}${hm ? `: ${hm}` : ''}`, target);
  }
  const sync = rec(status['sync']);
  const syncStatus = str(sync['status']);
  if (syncStatus) {
    const rev = str(sync['revision']);
    b.fact(
      rev ? l10n.t('Sync: {0} (revision {1})', syncStatus, rev) : l10n.t('Sync: {0}', syncStatus),
      target,
    );
  }

  const confirmed =
    failing.some((f) => echoes(f.message) || f.reason === e.reason) ||
    (operationFailed && echoes(str(operation['message'])));
  if (!confirmed) b.lower('partial');
  const op = operationFailed
    ? `${phase}${str(operation['message']) ? `: ${str(operation['message'])}` : ''}`
    : undefined;
  return b.build(causeOf(target, failing, e, overall.status, op, echoes, l10n));
}

function causeOf(
  target: Ref,
  failing: Failing[],
  e: ExplainEvent,
  overall: string,
  operation: string | undefined,
  echoes: (text: string | undefined) => boolean,
  l10n: Localizer,
): string {
  const who = `${target.kind} ${target.name}`;
  // The condition that repeats the event explains it best; else the most telling one.
  const main = failing.find((f) => echoes(f.message) || f.reason === e.reason) ?? failing[0];
  const notReady = overall && overall !== 'Ready' && overall !== 'Available';
  // "X is Failed: what" or "X reports: what"; the status word is the object's own (kstatus).
  const says = (what: string) =>
    notReady ? l10n.t('{0} is {1}: {2}', who, overall, what) : l10n.t('{0} reports: {1}', who, what);
  if (!main)
    return operation
      ? says(l10n.t('its last operation {0}', operation))
      : l10n.t('{0} is {1}', who, overall || l10n.t('unhealthy'));
  const status = main.status === 'present' ? '' : `=${main.status}`;
  const detail = main.message ?? main.reason ?? '';
  return says(
    `${main.type}${status}${main.reason && main.message ? ` (${main.reason})` : ''}${detail ? `: ${detail}` : ''}`,
  );
}
