import type { EventRow, SortColumn } from '../../protocol/events';
import { objectLabel } from './row';

/** SortKeys holds a row's precomputed, lowercased sort keys (strings compare with <, not locale). */
export interface SortKeys {
  type: string;
  context: string;
  namespace: string;
  object: string;
  reason: string;
  message: string;
  source: string;
}

/** sortKeys precomputes a row's keys; the message key is its first 200 characters. */
export function sortKeys(r: EventRow): SortKeys {
  return {
    type: r.type.toLowerCase(),
    context: r.context.toLowerCase(),
    namespace: r.namespace.toLowerCase(),
    object: objectLabel(r).toLowerCase(),
    reason: r.reason.toLowerCase(),
    message: r.message.slice(0, 200).toLowerCase(),
    source: r.source.toLowerCase(),
  };
}

/** Sortable is what a comparator reads. */
export interface Sortable {
  readonly row: EventRow;
  readonly keys: SortKeys;
}

export type Comparator = (a: Sortable, b: Sortable) => number;

function cmpStr(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * byRecency orders newest first by last seen (kubectl's fallbacks are already folded into
 * lastSeen: series.lastObservedTime, lastTimestamp, eventTime, creationTimestamp); undated
 * events go last; ties by first seen (newest first), then id. A total order.
 */
function byRecency(a: Sortable, b: Sortable): number {
  const ta = a.row.lastSeen;
  const tb = b.row.lastSeen;
  if (ta !== tb) {
    if (ta === 0) return 1;
    if (tb === 0) return -1;
    return tb - ta;
  }
  const fa = a.row.firstSeen;
  const fb = b.row.firstSeen;
  if (fa !== fb) return fb - fa;
  return cmpStr(a.row.id, b.row.id);
}

/**
 * comparator returns a total order for a column. Descending flips the column's own order;
 * recency stays the tiebreak (newest first) and undated events stay last for the time column.
 */
export function comparator(column: SortColumn, descending: boolean): Comparator {
  if (column === 'lastSeen') {
    return descending
      ? byRecency
      : (a, b) => {
          const ta = a.row.lastSeen;
          const tb = b.row.lastSeen;
          if (ta === tb || ta === 0 || tb === 0) return byRecency(a, b);
          return ta - tb;
        };
  }
  const sign = descending ? -1 : 1;
  if (column === 'count') {
    return (a, b) => (a.row.count - b.row.count) * sign || byRecency(a, b);
  }
  const key = column;
  return (a, b) => cmpStr(a.keys[key], b.keys[key]) * sign || byRecency(a, b);
}

/**
 * insertionIndex finds where `item` belongs in `sorted` (binary search under `cmp`). With a total
 * order, an item already present is found at its own index.
 */
export function insertionIndex<T>(sorted: readonly T[], item: T, cmp: (a: T, b: T) => number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cmp(sorted[mid]!, item) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
