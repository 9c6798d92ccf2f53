// The filters commands set on the Events view, and their delivery to pages that may not be loaded
// yet. No vscode here: unit-tested under plain Node.
import { type HostFilter, mergeHostFilters } from '../../protocol/events';

/** ObjectEventsRequest is what "Show Events" asks for (the commands' RelatedEventsFilter). */
export interface ObjectEventsRequest {
  readonly context: string;
  readonly label: string;
  readonly uids: readonly string[];
  readonly descendantUids: readonly string[];
  readonly includeDescendants: boolean;
}

/**
 * objectEventsFilter is "Show Events" for an object: only that object (and, while the toggle on
 * its chip is on, its descendants), every other filter removed. The webview flips the toggle
 * itself, so both uid lists always travel.
 */
export function objectEventsFilter(r: ObjectEventsRequest): HostFilter {
  return {
    clearOthers: true,
    object: {
      context: r.context,
      label: r.label,
      uids: [...r.uids],
      descendantUids: [...r.descendantUids],
      includeDescendants: r.includeDescendants,
    },
  };
}

/** WarningsScope narrows "Show Warnings" to what a notification summary covered. */
export interface WarningsScope {
  readonly context: string;
  /** The namespaces; empty or absent for all of the context's. */
  readonly namespaces?: readonly string[];
}

/**
 * warningsFilter is "Show Warnings": from the status bar, every Warning of every connected
 * context (the list matches the status bar count); from a notification summary, the Warnings of
 * its context and namespaces. Every other filter is removed.
 */
export function warningsFilter(scope?: WarningsScope): HostFilter {
  if (!scope) return { clearOthers: true, warningsOnly: true };
  const namespaces = scope.namespaces ?? [];
  return {
    clearOthers: true,
    warningsOnly: true,
    contexts: [scope.context],
    // A cluster-scoped object's warnings have no namespace to filter on: the context alone.
    ...(namespaces.length > 0 && !namespaces.includes('') ? { namespaces: [...namespaces] } : {}),
  };
}

/** summaryScope is the WarningsScope of a notification summary. */
export function summaryScope(s: {
  context: string;
  namespace: string;
  namespaces?: readonly string[];
}): WarningsScope {
  return { context: s.context, namespaces: s.namespaces ?? [s.namespace] };
}

/** FilterTarget is a page; postFilter returns false when the page is not live (nothing sent). */
export interface FilterTarget {
  postFilter(filter: HostFilter): boolean;
}

/**
 * PendingFilter delivers a command's filter: live pages get it now; when the page of the view
 * being focused is not live (never shown yet, or hidden and dropped), the filter waits, merged
 * with any earlier one, for the next page that loads, which takes it once.
 */
export class PendingFilter {
  private pending: HostFilter | null = null;

  /** send posts `filter` to the live pages among `others` and to `focused`, or keeps it for later. */
  send(
    filter: HostFilter,
    focused: FilterTarget | undefined,
    others: readonly (FilterTarget | undefined)[],
  ): void {
    for (const page of others) page?.postFilter(filter);
    if (!focused?.postFilter(filter)) this.pending = mergeHostFilters(this.pending, filter);
  }

  /** take returns the waiting filter, if any, and forgets it. */
  take(): HostFilter | null {
    const f = this.pending;
    this.pending = null;
    return f;
  }
}
