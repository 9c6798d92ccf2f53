// Pure text formatting for the webview: ages, counts, and cluster text made safe to display.
import { humanDuration } from '../core/events/age';
import { sanitizeFor, visibleText } from '../core/text/sanitize';
import type { EventRow } from '../protocol/events';
import { t } from './l10n';

/** ONE_LINE_MAX bounds the text a one-line cell lays out (a 1 MB message is cut for the row). */
export const ONE_LINE_MAX = 1000;
/** EXPANDED_MAX bounds the text an expanded message lays out. */
export const EXPANDED_MAX = 100_000;

/**
 * displayText makes cluster text safe to show as text, with the one sanitizer (core/text):
 * bidi, zero-width, C1 and U+2028/2029 as visible `<U+XXXX>` tokens (an RTL override cannot
 * reorder what the user reads: CVE-2021-42574 "Trojan Source"), C0 controls as Control
 * Pictures; tab and newline kept. Not capped: the caller bounds the text (clip, oneLine) or
 * uses cellText / tooltipText / chipText.
 */
export function displayText(s: string): string {
  return visibleText(s, true);
}

/** cellText is a one-line row cell (context, namespace, kind, name, reason, source). */
export function cellText(s: string): string {
  return sanitizeFor(s, 'rowCell');
}

/** tooltipText is a title attribute (a hover tooltip). */
export function tooltipText(s: string): string {
  return sanitizeFor(s, 'tooltip');
}

/** chipText is a filter chip's label. */
export function chipText(s: string): string {
  return sanitizeFor(s, 'chip');
}

/** clip cuts text to `max` characters with a note of what was left out. */
export function clip(s: string, max: number): string {
  if (s.length <= max) return s;
  return `${s.slice(0, max)}… ${t('({0} more characters)', (s.length - max).toLocaleString('en-US'))}`;
}

/** oneLine is the message as shown in a row: clipped, newlines as ⏎, safe. */
export function oneLine(s: string): string {
  const cut = s.length > ONE_LINE_MAX ? `${s.slice(0, ONE_LINE_MAX)}…` : s;
  return displayText(cut.replace(/\r?\n/g, ' ⏎ '));
}

/** ageText is "last seen" relative to now ("5m"), or "—" for an undated event. */
export function ageText(t: number, now: number): string {
  return t > 0 ? humanDuration(now - t) : '—';
}

/**
 * countParts is a repeat's count in two parts, `xN` and ` over T` (T since first seen; '' when
 * undated): narrow layouts hide the second. Both '' for a single occurrence.
 */
export function countParts(r: Pick<EventRow, 'count' | 'firstSeen'>, now: number): [string, string] {
  if (r.count <= 1) return ['', ''];
  const over = r.firstSeen > 0 ? ' ' + t('over {0}', humanDuration(now - r.firstSeen)) : '';
  return [`x${r.count}`, over];
}

/** countText is `xN over T` for a repeat (T since first seen), '' for a single occurrence. */
export function countText(r: Pick<EventRow, 'count' | 'firstSeen'>, now: number): string {
  return countParts(r, now).join('');
}

/** isoTime is an ISO timestamp for tooltips, or 'unknown' for an undated event. */
export function isoTime(time: number): string {
  return time > 0 ? new Date(time).toISOString() : t('unknown');
}

/** minuteLabel renders a minute's start as local HH:MM. */
export function minuteLabel(t: number): string {
  const d = new Date(t);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}
