import type { EventRow } from '../../protocol/events';

export const MINUTE = 60_000;

/** TimelineSeries counts one context's events per minute, oldest minute first. */
export interface TimelineSeries {
  context: string;
  warning: number[];
  normal: number[];
}

/**
 * Timeline holds `minutes` buckets of `bucketMs` each (one minute unless a time range scaled it),
 * the last one holding the window's end.
 */
export interface Timeline {
  /** Start of the oldest bucket (epoch ms, a whole bucket). */
  start: number;
  /** The number of buckets (named when every bucket was a minute). */
  minutes: number;
  /** The width of one bucket in ms. */
  bucketMs: number;
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
  return bucketize(entries, end - minutes * MINUTE, minutes, MINUTE);
}

/** BUCKET_SIZES are the widths a scaled timeline picks from, smallest first. */
const BUCKET_SIZES = [10, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400].map(
  (s) => s * 1000,
);
const DAY = 86_400_000;

/**
 * bucketFor picks the smallest bucket width (from BUCKET_SIZES, else whole days) that covers the
 * window [from, to] in at most `maxBuckets` buckets.
 */
export function bucketFor(from: number, to: number, maxBuckets: number): number {
  const fits = (size: number) => bucketCount(from, to, size) <= maxBuckets;
  for (const size of BUCKET_SIZES) if (fits(size)) return size;
  let days = Math.max(1, Math.ceil((to - from) / DAY / Math.max(1, maxBuckets)));
  while (!fits(days * DAY)) days++;
  return days * DAY;
}

function bucketCount(from: number, to: number, size: number): number {
  return Math.max(1, Math.ceil((to - from) / size));
}

/**
 * computeTimelineWindow buckets events like computeTimeline over the window [from, to] (a time
 * range's, see timelineSpan), with the bucket width bucketFor picks: never more than
 * `maxBuckets` buckets, whatever the window (a bogus timestamp decades old included). The last
 * bucket is the one holding `to` (for the last hour: 60 minutes ending with the current one,
 * as computeTimeline draws it).
 */
export function computeTimelineWindow(
  entries: Iterable<{ row: EventRow }>,
  window: { from: number; to: number },
  maxBuckets = 60,
): Timeline {
  const to = Math.max(window.from, window.to);
  const size = bucketFor(window.from, to, maxBuckets);
  const count = bucketCount(window.from, to, size);
  const start = (Math.floor(to / size) - count + 1) * size;
  return bucketize(entries, start, count, size);
}

function bucketize(
  entries: Iterable<{ row: EventRow }>,
  start: number,
  minutes: number,
  size: number,
): Timeline {
  const end = start + minutes * size;
  const byContext = new Map<string, TimelineSeries>();
  for (const { row } of entries) {
    const t = row.lastSeen;
    if (t === 0 || t < start || t >= end) continue;
    let s = byContext.get(row.context);
    if (!s) {
      s = { context: row.context, warning: new Array(minutes).fill(0), normal: new Array(minutes).fill(0) };
      byContext.set(row.context, s);
    }
    const i = Math.floor((t - start) / size);
    if (row.type === 'Warning') s.warning[i]!++;
    else s.normal[i]!++;
  }
  const series = [...byContext.values()].sort((a, b) => (a.context < b.context ? -1 : 1));
  let max = 0;
  for (const s of series) for (let i = 0; i < minutes; i++) max = Math.max(max, s.warning[i]! + s.normal[i]!);
  return { start, minutes, bucketMs: size, series, max };
}
