import type { EventRow, ObjectFilter } from '../../protocol/events';
import { objectLabel } from './row';
import { inWindow, sameWindow, type TimeWindow } from './timeRange';

/**
 * StreamFilter is every filter the list applies; they combine with AND, the values inside one
 * list with OR (two namespace chips show both namespaces). Empty lists filter nothing.
 */
export interface StreamFilter {
  warningsOnly: boolean;
  contexts: readonly string[];
  namespaces: readonly string[];
  kinds: readonly string[];
  reasons: readonly string[];
  /** Reporting components (row.source: source.component / reportingController). */
  sources: readonly string[];
  /** Reporting hosts (row.host: source.host / reportingInstance). */
  hosts: readonly string[];
  /** The time range, resolved (see resolveTimeRange): last-seen within it; null for all. */
  time: TimeWindow | null;
  /**
   * "Show Events" from the tree: events about the object's uids in its context, and about its
   * descendants' uids while `includeDescendants` is on.
   */
  object: ObjectFilter | null;
  /**
   * A timeline bar: events last seen in [start, start + span) (span defaults to 60 s),
   * optionally of one context.
   */
  minute: { start: number; context: string; span?: number } | null;
  /** Free text over message, reason and object; whitespace-separated terms must all match. */
  text: string;
}

/** emptyFilter filters nothing. */
export function emptyFilter(): StreamFilter {
  return {
    warningsOnly: false,
    contexts: [],
    namespaces: [],
    kinds: [],
    reasons: [],
    sources: [],
    hosts: [],
    time: null,
    object: null,
    minute: null,
    text: '',
  };
}

/** searchText builds a row's lowercased haystack for free-text search (precomputed once). */
export function searchText(r: EventRow): string {
  return `${objectLabel(r)}\u0001${r.namespace}\u0001${r.reason}\u0001${r.message}`.toLowerCase();
}

/** textTerms splits free text into lowercased terms (empty input gives none). */
export function textTerms(text: string): string[] {
  const t = text.trim().toLowerCase();
  return t ? t.split(/\s+/) : [];
}

/** Searchable is what a compiled filter reads: the row and its precomputed haystack. */
export interface Searchable {
  readonly row: EventRow;
  readonly search: string;
}

/**
 * compileFilter turns a filter into one predicate, checking the cheapest conditions first.
 * The predicate never allocates.
 */
export function compileFilter(f: StreamFilter): (e: Searchable) => boolean {
  const contexts = f.contexts.length ? new Set(f.contexts) : undefined;
  const namespaces = f.namespaces.length ? new Set(f.namespaces) : undefined;
  const kinds = f.kinds.length ? new Set(f.kinds) : undefined;
  const reasons = f.reasons.length ? new Set(f.reasons) : undefined;
  const sources = f.sources.length ? new Set(f.sources) : undefined;
  const hosts = f.hosts.length ? new Set(f.hosts) : undefined;
  const time = f.time;
  const span = f.minute?.span ?? 60_000;
  const object = f.object;
  const uids = object ? objectUids(object) : undefined;
  const minute = f.minute;
  const terms = textTerms(f.text);
  const warningsOnly = f.warningsOnly;
  return (e) => {
    const r = e.row;
    if (warningsOnly && r.type !== 'Warning') return false;
    if (contexts && !contexts.has(r.context)) return false;
    if (namespaces && !namespaces.has(r.namespace)) return false;
    if (kinds && !kinds.has(r.kind)) return false;
    if (reasons && !reasons.has(r.reason)) return false;
    if (sources && !sources.has(r.source)) return false;
    if (hosts && !hosts.has(r.host)) return false;
    if (time && !inWindow(r.lastSeen, time)) return false;
    if (uids && (r.context !== object!.context || !uids.has(r.uid))) return false;
    if (minute) {
      if (r.lastSeen === 0 || r.lastSeen < minute.start || r.lastSeen >= minute.start + span) return false;
      if (minute.context && r.context !== minute.context) return false;
    }
    for (let i = 0; i < terms.length; i++) if (!e.search.includes(terms[i]!)) return false;
    return true;
  };
}

/** objectUids is the uid set an object filter matches: its own, plus its descendants' when on. */
export function objectUids(o: ObjectFilter): Set<string> {
  const uids = new Set(o.uids);
  if (o.includeDescendants) for (const u of o.descendantUids) uids.add(u);
  return uids;
}

/** hasConditions reports whether the filter has any condition besides free text. */
export function hasConditions(f: StreamFilter): boolean {
  return (
    f.warningsOnly ||
    f.contexts.length > 0 ||
    f.namespaces.length > 0 ||
    f.kinds.length > 0 ||
    f.reasons.length > 0 ||
    f.sources.length > 0 ||
    f.hosts.length > 0 ||
    f.time !== null ||
    f.object !== null ||
    f.minute !== null
  );
}

/**
 * narrows reports whether every row `next` accepts is also accepted by `prev`, so that `next`
 * can be applied to `prev`'s result instead of the whole list (typing more characters).
 */
export function narrows(prev: StreamFilter, next: StreamFilter): boolean {
  if (
    (prev.warningsOnly && !next.warningsOnly) ||
    !sameList(prev.contexts, next.contexts) ||
    !sameList(prev.namespaces, next.namespaces) ||
    !sameList(prev.kinds, next.kinds) ||
    !sameList(prev.reasons, next.reasons) ||
    !sameList(prev.sources, next.sources) ||
    !sameList(prev.hosts, next.hosts) ||
    !sameWindow(prev.time, next.time) ||
    !objectNarrows(prev.object, next.object) ||
    prev.minute !== next.minute
  ) {
    return false;
  }
  const a = textTerms(prev.text);
  const b = textTerms(next.text);
  // Every old term must be contained in some new term.
  return a.every((t) => b.some((u) => u.includes(t)));
}

/** objectNarrows: the same object filter, or the same object with its descendants switched off. */
function objectNarrows(prev: ObjectFilter | null, next: ObjectFilter | null): boolean {
  if (prev === next) return true;
  if (!prev || !next) return false;
  return (
    prev.context === next.context &&
    sameList(prev.uids, next.uids) &&
    (!next.includeDescendants ||
      (prev.includeDescendants && sameList(prev.descendantUids, next.descendantUids)))
  );
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a === b || (a.length === b.length && a.every((v, i) => v === b[i]));
}

/** MatchRange is a half-open [start, end) range of UTF-16 code units in the original text. */
export type MatchRange = readonly [number, number];

/**
 * matchRanges finds every occurrence of the terms in `text`, case-insensitively, as sorted,
 * merged ranges over the original string. Terms are lowercased already (see textTerms).
 */
export function matchRanges(text: string, terms: readonly string[]): MatchRange[] {
  if (terms.length === 0 || text === '') return [];
  const lower = text.toLowerCase();
  // toLowerCase can change the length (e.g. U+0130); fall back to per-char folding.
  const map = lower.length === text.length ? undefined : foldMap(text);
  const hay = map ? map.folded : lower;
  const found: [number, number][] = [];
  for (const t of terms) {
    if (!t) continue;
    let i = hay.indexOf(t);
    while (i !== -1) {
      found.push(map ? [map.index[i]!, map.index[i + t.length]!] : [i, i + t.length]);
      i = hay.indexOf(t, i + t.length);
    }
  }
  if (found.length === 0) return found;
  found.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const merged: [number, number][] = [found[0]!];
  for (let k = 1; k < found.length; k++) {
    const last = merged[merged.length - 1]!;
    const cur = found[k]!;
    if (cur[0] <= last[1]) last[1] = Math.max(last[1], cur[1]);
    else merged.push(cur);
  }
  return merged;
}

function foldMap(text: string): { folded: string; index: number[] } {
  let folded = '';
  const index: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const l = text[i]!.toLowerCase();
    for (let k = 0; k < l.length; k++) index.push(i);
    folded += l;
  }
  index.push(text.length);
  return { folded, index };
}
