/**
 * render: an Explanation as the text of a read-only document (Markdown source, read as plain
 * text: nothing in it is rendered as HTML or followed as a link). Cluster text passes through
 * the notification sanitizer (no control or bidi characters, no `](` link openers) and is cut
 * per line, so a hostile event cannot forge structure or grow the document without bound.
 */
import { humanDuration } from '../events/age';
import { sanitizeText } from '../notify/sanitize';
import { describeRollout } from './rollout';
import type { Explanation, ExplainEvent, Ref } from './types';

/** RENDER_LIMITS bound the document. */
export const RENDER_LIMITS = { line: 400, evidence: 30, steps: 12, changes: 30, message: 2000 } as const;

// Cut before sanitizing: the sanitizer's work then does not grow with a hostile text's length.
const t = (s: unknown, max: number = RENDER_LIMITS.line) =>
  sanitizeText(typeof s === 'string' ? s.slice(0, max * 2 + 16) : s, max);

function refText(r: Ref): string {
  return `${t(r.kind, 80)} ${r.namespace ? `${t(r.namespace, 80)}/` : ''}${t(r.name, 253)}`;
}

const CONFIDENCE: Record<Explanation['confidence'], string> = {
  exact: 'exact: the message was parsed and the cache confirms it',
  partial: 'partial: part of the message or of the cache is unknown',
  generic: "generic: what the reason means; the message isn't parsed",
};

/**
 * renderExplanation renders `x`, the explanation of `event`, at `now` (epoch ms). The first
 * line names the event; then the cause, the evidence (each with the object it came from), the
 * rollout context, and the next steps with their kubectl lines.
 */
export function renderExplanation(x: Explanation, event: ExplainEvent, now: number): string {
  const out: string[] = [];
  const inv = event.involved;
  out.push(`# ${t(event.type, 20)} ${t(x.reason, 128)} on ${refText(inv)}`);
  out.push('');
  const seen = event.lastSeen ? `${humanDuration(now - event.lastSeen)} ago` : 'at an unknown time';
  out.push(
    `Last seen ${seen}${event.count > 1 ? `, ${event.count} times` : ''}, from ${t(event.source, 128) || 'an unknown component'}.`,
  );
  out.push('');
  out.push(`> ${t(event.message, RENDER_LIMITS.message)}`);
  out.push('');
  out.push('## Likely cause');
  out.push('');
  out.push(t(x.cause));
  out.push('');
  out.push(`Confidence: ${CONFIDENCE[x.confidence]}.`);
  if (x.evidence.length > 0) {
    out.push('', '## Evidence', '');
    for (const e of x.evidence.slice(0, RENDER_LIMITS.evidence)) {
      const from = e.ref ? ` (${e.absent ? 'missing: ' : ''}${refText(e.ref)})` : '';
      out.push(`- ${t(e.text)}${from}`);
    }
  }
  if (x.rollout) {
    const r = x.rollout;
    out.push('', '## Rollout', '');
    out.push(`- ${t(describeRollout(r))}`);
    if (r.warningsPerRevision.length > 0) {
      out.push(
        `- Warnings per revision: ${r.warningsPerRevision.map((w) => `${t(w.revision, 20)}: ${w.warnings}`).join(', ')}`,
      );
    }
    if (r.changes.length > 0) {
      out.push(`- Changed since revision ${t(r.previousRevision ?? '?', 20)}:`);
      for (const c of r.changes.slice(0, RENDER_LIMITS.changes)) {
        out.push(`  - ${c.area}${c.container ? ` (${t(c.container, 63)})` : ''}: ${t(c.text)}`);
      }
    }
  }
  if (x.nextSteps.length > 0) {
    out.push('', '## Next steps', '');
    for (const s of x.nextSteps.slice(0, RENDER_LIMITS.steps)) {
      const target = s.target ? `: ${refText(s.target)}` : '';
      out.push(`- ${t(s.title, 200)}${s.command === 'kubectl' ? '' : target}`);
      if (s.kubectl) out.push(`  \`${t(s.kubectl).replace(/`/g, "'")}\``);
    }
  }
  out.push('');
  return out.join('\n');
}
