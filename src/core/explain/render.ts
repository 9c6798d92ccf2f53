/**
 * render: an Explanation as the text of a read-only document (Markdown source, read as plain
 * text: nothing in it is rendered as HTML or followed as a link). Cluster text passes through
 * the notification sanitizer (no control or bidi characters, no `](` link openers) and is cut
 * per line, so a hostile event cannot forge structure or grow the document without bound.
 */
import { humanDuration } from '../events/age';
import { sanitizeText } from '../notify/sanitize';
import { englishL10n, type Localizer } from '../util/l10n';
import { describeRollout } from './rollout';
import type { Explanation, ExplainEvent, Ref, TemplateChange } from './types';

/** RENDER_LIMITS bound the document. */
export const RENDER_LIMITS = { line: 400, evidence: 30, steps: 12, changes: 30, message: 2000 } as const;

// Cut before sanitizing: the sanitizer's work then does not grow with a hostile text's length.
const t = (s: unknown, max: number = RENDER_LIMITS.line) =>
  sanitizeText(typeof s === 'string' ? s.slice(0, max * 2 + 16) : s, max);

function refText(r: Ref): string {
  return `${t(r.kind, 80)} ${r.namespace ? `${t(r.namespace, 80)}/` : ''}${t(r.name, 253)}`;
}

/** CONFIDENCE says what each confidence means, in the language of the Localizer. */
export const CONFIDENCE: Record<Explanation['confidence'], (l10n: Localizer) => string> = {
  exact: (l10n) => l10n.t('exact: the message was parsed and the cache confirms it'),
  partial: (l10n) => l10n.t('partial: part of the message or of the cache is unknown'),
  generic: (l10n) => l10n.t("generic: what the reason means; the message isn't parsed"),
};

/** AREA names what a template change is about (image, env…), in the language of the Localizer. */
export const AREA: Record<TemplateChange['area'], (l10n: Localizer) => string> = {
  image: (l10n) => l10n.t('image'),
  env: (l10n) => l10n.t('env'),
  resources: (l10n) => l10n.t('resources'),
  probe: (l10n) => l10n.t('probe'),
  volume: (l10n) => l10n.t('volume'),
  container: (l10n) => l10n.t('container'),
};

/** areaText is AREA's word for `area`, the area itself when it is not one AREA knows. */
export function areaText(area: TemplateChange['area'], l10n: Localizer): string {
  return Object.hasOwn(AREA, area) ? AREA[area](l10n) : String(area);
}

/**
 * renderExplanation renders `x`, the explanation of `event`, at `now` (epoch ms), its headings
 * and sentences in the language of `l10n` (the explanation's own prose is already in it). The
 * first line names the event; then the cause, the evidence (each with the object it came
 * from), the rollout context, and the next steps with their kubectl lines.
 */
export function renderExplanation(
  x: Explanation,
  event: ExplainEvent,
  now: number,
  l10n: Localizer = englishL10n,
): string {
  const out: string[] = [];
  const inv = event.involved;
  out.push(`# ${l10n.t('{0} {1} on {2}', t(event.type, 20), t(x.reason, 128), refText(inv))}`);
  out.push('');
  const seen = event.lastSeen
    ? l10n.t('Last seen {0} ago', humanDuration(now - event.lastSeen))
    : l10n.t('Last seen at an unknown time');
  const source = t(event.source, 128) || l10n.t('an unknown component');
  out.push(
    event.count > 1
      ? l10n.t('{0}, {1} times, from {2}.', seen, event.count, source)
      : l10n.t('{0}, from {1}.', seen, source),
  );
  out.push('');
  out.push(`> ${t(event.message, RENDER_LIMITS.message)}`);
  out.push('');
  out.push(`## ${l10n.t('Likely cause')}`);
  out.push('');
  out.push(t(x.cause));
  out.push('');
  out.push(l10n.t('Confidence: {0}.', CONFIDENCE[x.confidence](l10n)));
  if (x.evidence.length > 0) {
    out.push('', `## ${l10n.t('Evidence')}`, '');
    for (const e of x.evidence.slice(0, RENDER_LIMITS.evidence)) {
      const from = e.ref ? ` (${e.absent ? l10n.t('missing: {0}', refText(e.ref)) : refText(e.ref)})` : '';
      out.push(`- ${t(e.text)}${from}`);
    }
  }
  if (x.rollout) {
    const r = x.rollout;
    out.push('', `## ${l10n.t('Rollout')}`, '');
    out.push(`- ${t(describeRollout(r, l10n))}`);
    if (r.warningsPerRevision.length > 0) {
      out.push(
        `- ${l10n.t('Warnings per revision: {0}', r.warningsPerRevision.map((w) => `${t(w.revision, 20)}: ${w.warnings}`).join(', '))}`,
      );
    }
    if (r.changes.length > 0) {
      out.push(`- ${l10n.t('Changed since revision {0}:', t(r.previousRevision ?? '?', 20))}`);
      for (const c of r.changes.slice(0, RENDER_LIMITS.changes)) {
        out.push(
          `  - ${areaText(c.area, l10n)}${c.container ? ` (${t(c.container, 63)})` : ''}: ${t(c.text)}`,
        );
      }
    }
  }
  if (x.nextSteps.length > 0) {
    out.push('', `## ${l10n.t('Next steps')}`, '');
    for (const s of x.nextSteps.slice(0, RENDER_LIMITS.steps)) {
      const target = s.target ? `: ${refText(s.target)}` : '';
      out.push(`- ${t(s.title, 200)}${s.command === 'kubectl' ? '' : target}`);
      if (s.kubectl) out.push(`  \`${t(s.kubectl).replace(/`/g, "'")}\``);
    }
  }
  out.push('');
  return out.join('\n');
}
