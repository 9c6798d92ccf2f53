// Local-time labels for the time range and the scaled timeline, and the range's English strings
// (kept here together so they are easy to localize).
import type { TimeRange, TimeRangeMode } from '../protocol/events';
import { t } from './l10n';

/** rangeModeLabel is a time range choice as the select shows it. */
export function rangeModeLabel(mode: TimeRangeMode): string {
  switch (mode) {
    case 'all':
      return t('All history');
    case '5m':
      return t('Last 5 min');
    case '15m':
      return t('Last 15 min');
    case '1h':
      return t('Last hour');
    case 'custom':
      return t('Custom…');
  }
}

const pad = (n: number) => String(n).padStart(2, '0');

/** localDateTime renders epoch ms as local `YYYY-MM-DD HH:MM` (the datetime-local value uses a T). */
export function localDateTime(t: number, sep = ' '): string {
  const d = new Date(t);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}${sep}${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** parseLocalDateTime reads a datetime-local value (local time) as epoch ms; NaN when invalid. */
export function parseLocalDateTime(v: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(v);
  if (!m) return NaN;
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0)) as number[];
  return new Date(y!, mo! - 1, d!, h!, mi!, s!).getTime();
}

/** bucketLabel renders a timeline bucket's start at the precision its width needs. */
export function bucketLabel(t: number, bucketMs: number): string {
  const d = new Date(t);
  const hm = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  if (bucketMs < 60_000) return `${hm}:${pad(d.getSeconds())}`;
  if (bucketMs < 3_600_000) return hm;
  if (bucketMs < 86_400_000) return `${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${hm}`;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** rangeLabel is a range in words, for its chip and the timeline's label. */
export function rangeLabel(r: TimeRange): string {
  if (r.mode !== 'custom') return rangeModeLabel(r.mode);
  return `${localDateTime(r.from)} – ${localDateTime(r.to)}`;
}
