import type { EventRow } from '../../protocol/events';

export const MINUTE = 60_000;

/** TimelineSeries counts one context's events per minute, oldest minute first. */
export interface TimelineSeries {
  context: string;
  warning: number[];
  normal: number[];
}

/** Timeline holds per-minute buckets for `minutes` minutes ending with the current minute. */
export interface Timeline {
  /** Start of the oldest bucket (epoch ms, a whole minute). */
  start: number;
  minutes: number;
  /** One series per context, sorted by context name. */
  series: TimelineSeries[];
  /** The largest warning + normal total in any bucket (for scaling bars). */
  max: number;
}

/**
 * computeTimeline buckets events by the minute they were last seen, per context, over the last
 * `minutes` minutes (the current minute included). Each event counts once, in its last-seen
 * minute; undated events and events outside the window are left out.
 */
export function computeTimeline(entries: Iterable<{ row: EventRow }>, now: number, minutes = 60): Timeline {
  const end = Math.floor(now / MINUTE) * MINUTE + MINUTE;
  const start = end - minutes * MINUTE;
  const byContext = new Map<string, TimelineSeries>();
  for (const { row } of entries) {
    const t = row.lastSeen;
    if (t === 0 || t < start || t >= end) continue;
    let s = byContext.get(row.context);
    if (!s) {
      s = { context: row.context, warning: new Array(minutes).fill(0), normal: new Array(minutes).fill(0) };
      byContext.set(row.context, s);
    }
    const i = Math.floor((t - start) / MINUTE);
    if (row.type === 'Warning') s.warning[i]!++;
    else s.normal[i]!++;
  }
  const series = [...byContext.values()].sort((a, b) => (a.context < b.context ? -1 : 1));
  let max = 0;
  for (const s of series) for (let i = 0; i < minutes; i++) max = Math.max(max, s.warning[i]! + s.normal[i]!);
  return { start, minutes, series, max };
}
