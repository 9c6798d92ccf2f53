import type { RawEventTimes } from './model';

/**
 * humanDuration renders a duration the way kubectl does (`duration.HumanDuration` in
 * apimachinery): "45s", "5m30s", "3h4m", "2d5h", "45d", "2y30d". Negative durations (clock
 * skew) print as "0s"; an undefined one as "<unknown>".
 */
export function humanDuration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '<unknown>';
  const seconds = Math.trunc(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = Math.floor(hours / 24) % 365;
    return dy === 0 ? `${Math.floor(hours / 24 / 365)}y` : `${Math.floor(hours / 24 / 365)}y${dy}d`;
  }
  return `${Math.floor(hours / 24 / 365)}y`;
}

/**
 * describeEventAge renders the Age column of `kubectl describe`'s Events section exactly as
 * kubectl 1.32 does: "first" is eventTime, else firstTimestamp; with a series it prints
 * `SERIES_LAST (xSERIES_COUNT over FIRST)`, with count > 1 `LAST (xCOUNT over FIRST)`, else
 * FIRST. A missing time prints "<unknown>".
 */
export function describeEventAge(raw: RawEventTimes, now: number): string {
  const since = (t: number | undefined) => (t === undefined ? '<unknown>' : humanDuration(now - t));
  const first = since(raw.eventTime ?? raw.firstTimestamp);
  if (raw.seriesCount !== undefined) {
    return `${since(raw.seriesLastObserved)} (x${raw.seriesCount} over ${first})`;
  }
  if ((raw.legacyCount ?? 0) > 1) {
    return `${since(raw.lastTimestamp)} (x${raw.legacyCount} over ${first})`;
  }
  return first;
}

/**
 * eventAge renders an event's age for our own views: last seen, and when the event repeated,
 * `LAST (xN over FIRST)`. Unknown times render as "<unknown>", never as decades.
 */
export function eventAge(
  e: { lastSeen: number | undefined; firstSeen: number | undefined; count: number },
  now: number,
): string {
  const last = e.lastSeen === undefined ? undefined : now - e.lastSeen;
  if (e.count > 1) {
    const first = e.firstSeen === undefined ? undefined : now - e.firstSeen;
    return `${humanDuration(last)} (x${e.count} over ${humanDuration(first)})`;
  }
  return humanDuration(last);
}
