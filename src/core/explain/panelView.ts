/**
 * panelView: an Explanation as the Events view's explanation panel shows it (protocol
 * ExplainItemView): every string passes through the notification sanitizer (no control or
 * bidi characters, secrets redacted) and is cut to a line, and every list is bounded, so the
 * webview receives text it can insert as text, within the protocol's limits.
 */
import { sanitizeText } from '../notify/sanitize';
import { englishL10n, type Localizer } from '../util/l10n';
import { EXPLAIN_LIMITS, type ExplainItemView } from '../../protocol/explain';
import { areaText } from './render';
import { describeRollout } from './rollout';
import type { Explanation, ExplainEvent, Ref } from './types';

/** LINE is the longest line of the panel, in code points (below the protocol's limit). */
const LINE = 400;

const t = (s: unknown, max = LINE) => sanitizeText(typeof s === 'string' ? s.slice(0, max * 2 + 16) : s, max);

function refText(r: Ref): string {
  return `${t(r.kind, 80)} ${r.namespace ? `${t(r.namespace, 80)}/` : ''}${t(r.name, 253)}`;
}

/**
 * explanationView renders `x`, the explanation of `event` (context `context`, key `key`), for
 * the panel: cause, evidence (each with the object it came from), the rollout context and
 * the next steps, with their kubectl lines. Its own words are in the language of `l10n` (the
 * explanation's prose is already in it); names and commands are never translated.
 */
export function explanationView(
  x: Explanation,
  event: ExplainEvent,
  context: string,
  key: string,
  l10n: Localizer = englishL10n,
): ExplainItemView {
  const evidence = x.evidence.slice(0, EXPLAIN_LIMITS.evidence).map((e) => {
    const from = e.ref ? ` (${e.absent ? l10n.t('missing: {0}', refText(e.ref)) : refText(e.ref)})` : '';
    return t(`${t(e.text)}${from}`, LINE + 300);
  });
  const rollout: string[] = [];
  if (x.rollout) {
    const r = x.rollout;
    rollout.push(t(describeRollout(r, l10n)));
    if (r.warningsPerRevision.length > 0)
      rollout.push(
        t(
          l10n.t(
            'Warnings per revision: {0}',
            r.warningsPerRevision.map((w) => `${t(w.revision, 20)}: ${w.warnings}`).join(', '),
          ),
        ),
      );
    for (const c of r.changes.slice(0, EXPLAIN_LIMITS.rollout - 2))
      rollout.push(
        t(
          `${l10n.t('Changed since revision {0}:', t(r.previousRevision ?? '?', 20))} ${areaText(c.area, l10n)}${c.container ? ` (${t(c.container, 63)})` : ''}: ${t(c.text)}`,
        ),
      );
  }
  return {
    event: { context, key },
    reason: t(x.reason, 128),
    subject: refText(event.involved),
    cause: t(x.cause),
    confidence: x.confidence,
    evidence,
    rollout,
    steps: x.nextSteps.slice(0, EXPLAIN_LIMITS.steps).map((s) => ({
      title: t(s.title, 200),
      command: s.command,
      kubectl: s.kubectl ? t(s.kubectl) : '',
    })),
  };
}
