import type { TimeRange } from '../../protocol/events';

const MINUTE = 60_000;

/** RELATIVE_MS is how far back each relative mode reaches from its anchor. */
export const RELATIVE_MS = { '5m': 5 * MINUTE, '15m': 15 * MINUTE, '1h': 60 * MINUTE } as const;

/** TimeWindow is an absolute window over last-seen times (epoch ms, both ends inclusive). */
export interface TimeWindow {
  from: number;
  to: number;
}

/**
 * resolveTimeRange turns a range into the window the list applies, relative to `anchor` (now
 * for the live stream, the capture time for a replay): null for all history, [anchor - span,
 * anchor] for the relative modes (a newer event, from a clock ahead of ours, is kept: the window
 * is open at the top for them), and the range itself for custom.
 */
export function resolveTimeRange(range: TimeRange, anchor: number): TimeWindow | null {
  switch (range.mode) {
    case 'all':
      return null;
    case 'custom':
      return { from: range.from, to: range.to };
    default:
      return { from: anchor - RELATIVE_MS[range.mode], to: Infinity };
  }
}

/** isRelative reports a range that slides with the clock (its list must be refreshed as time passes). */
export function isRelative(range: TimeRange): boolean {
  return range.mode === '5m' || range.mode === '15m' || range.mode === '1h';
}

/** inWindow reports whether a last-seen time falls in the window; undated events (0) never do. */
export function inWindow(lastSeen: number, w: TimeWindow): boolean {
  return lastSeen !== 0 && lastSeen >= w.from && lastSeen <= w.to;
}

/** sameWindow compares two windows (or nulls) by value. */
export function sameWindow(a: TimeWindow | null, b: TimeWindow | null): boolean {
  return a === b || (a !== null && b !== null && a.from === b.from && a.to === b.to);
}

/** MIN_ALL_SPAN is the shortest timeline "all history" draws: the last hour, as before ranges. */
export const MIN_ALL_SPAN = 60 * MINUTE;

/**
 * timelineSpan is the window the timeline draws for a range: the relative modes' last minutes up
 * to the anchor; custom its own window; all history from the oldest dated event (at least the
 * last hour) to the anchor. `oldest` is the oldest last-seen time in the history (0 when none).
 */
export function timelineSpan(range: TimeRange, anchor: number, oldest: number): TimeWindow {
  switch (range.mode) {
    case 'custom':
      return { from: range.from, to: Math.max(range.from, range.to) };
    case 'all': {
      const from = oldest > 0 && oldest < anchor - MIN_ALL_SPAN ? oldest : anchor - MIN_ALL_SPAN;
      return { from, to: anchor };
    }
    default:
      return { from: anchor - RELATIVE_MS[range.mode], to: anchor };
  }
}
