import { type KubeEvent, type ObjectRef } from '../events/model';
import { englishL10n, type Localizer } from '../util/l10n';
import { sanitizeText } from './sanitize';

/**
 * WarningNotification asks the UI to show one Warning. `title` and `message` are plain text,
 * already sanitised and truncated (see sanitizeText); `event` is the raw normalised event, whose
 * strings are cluster text and must be rendered as text only.
 */
export interface WarningNotification {
  kind: 'warning';
  context: string;
  /** The namespace used for muting and grouping: the involved object's ('' if cluster-scoped). */
  namespace: string;
  event: KubeEvent;
  /** Occurrences of this (object, reason) suppressed by the cooldown since the last notice. */
  repeatsFolded: number;
  title: string;
  message: string;
}

/** ReasonCount is one reason of a summary and how many warnings had it. */
export interface ReasonCount {
  reason: string;
  count: number;
}

/**
 * SummaryNotification stands for `count` warnings in (context, namespace) that were over the
 * notification budget. `byReason` is sorted by count (descending), then reason; `objects` are
 * labels such as "pod web-1", most frequent first. Strings are sanitised.
 */
export interface SummaryNotification {
  kind: 'summary';
  context: string;
  namespace: string;
  count: number;
  byReason: ReasonCount[];
  objects: string[];
  /**
   * Set when the summary covers several namespaces of the context (`namespace` is then ''):
   * their names, most warnings first.
   */
  namespaces?: string[];
  message: string;
}

/** Notification is a decision of the WarningNotifier for the UI to render. */
export type Notification = WarningNotification | SummaryNotification;

/** objectLabel names an object for people, e.g. "pod web-1" (sanitised, at most 120 chars). */
export function objectLabel(ref: Pick<ObjectRef, 'kind' | 'name'>, l10n: Localizer = englishL10n): string {
  const kind = sanitizeText(ref.kind.toLowerCase(), 40) || l10n.t('object');
  return `${kind} ${sanitizeText(ref.name, 80) || l10n.t('<unnamed>')}`;
}

/** scopeLabel is "context/namespace", or the context alone for cluster-scoped warnings. */
export function scopeLabel(context: string, namespace: string): string {
  return namespace ? `${context}/${namespace}` : context;
}

/** warningTitle: "BackOff x12 on pod web-1 (3 more since last notice)". */
export function warningTitle(event: KubeEvent, repeatsFolded: number, l10n: Localizer = englishL10n): string {
  const reason = sanitizeText(event.reason, 80) || l10n.t('Warning');
  const times = event.count > 1 ? ` x${event.count}` : '';
  const on = l10n.t('{0} on {1}', `${reason}${times}`, objectLabel(event.involved, l10n));
  return sanitizeText(repeatsFolded > 0 ? l10n.t('{0} ({1} more since last notice)', on, repeatsFolded) : on);
}

/** warningMessage: "prod/web: BackOff x12 on pod web-1: Back-off restarting failed container". */
export function warningMessage(context: string, namespace: string, event: KubeEvent, title: string): string {
  const text = sanitizeText(event.message, 1000);
  const scope = sanitizeText(scopeLabel(context, namespace), 120);
  return sanitizeText(text ? `${scope}: ${title}: ${text}` : `${scope}: ${title}`);
}

/**
 * summaryMessage: "12 more warnings in prod/web: BackOff x9, FailedScheduling x3 (pod web-1, +4
 * more)"; with `namespaces`: "40 more warnings in prod, 5 other namespaces (db, cache, +3): ...".
 */
export function summaryMessage(
  context: string,
  namespace: string,
  count: number,
  byReason: readonly ReasonCount[],
  objects: readonly string[],
  namespaces?: readonly string[],
  l10n: Localizer = englishL10n,
): string {
  let scope = sanitizeText(scopeLabel(context, namespace), 120);
  if (namespaces && namespaces.length > 0) {
    const named = namespaces.filter((n) => n !== '');
    const listed = named.slice(0, 3).join(', ') + (named.length > 3 ? `, +${named.length - 3}` : '');
    const others =
      namespaces.length === 1
        ? l10n.t('{0}, 1 other namespace', context)
        : l10n.t('{0}, {1} other namespaces', context, namespaces.length);
    scope = sanitizeText(`${others}${listed ? ` (${listed})` : ''}`, 200);
  }
  const reasons = byReason
    .slice(0, 4)
    .map((r) => `${r.reason} x${r.count}`)
    .join(', ');
  const moreReasons = byReason.length > 4 ? l10n.t(', +{0} other reasons', byReason.length - 4) : '';
  const shown = objects.slice(0, 3).join(', ');
  const moreObjects = objects.length > 3 ? l10n.t(', +{0} more', objects.length - 3) : '';
  const objectsPart = shown ? ` (${shown}${moreObjects})` : '';
  const head =
    count === 1 ? l10n.t('1 more warning in {0}', scope) : l10n.t('{0} more warnings in {1}', count, scope);
  return sanitizeText(`${head}: ${reasons}${moreReasons}${objectsPart}`);
}
