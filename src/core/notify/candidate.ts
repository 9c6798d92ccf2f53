import { type KubeObject } from '../cache/types';
import { isWarning, type KubeEvent, normalizeEvent } from '../events/model';

/** WarningCandidate is a Warning occurrence worth considering for a notification. */
export interface WarningCandidate {
  event: KubeEvent;
  /** How many occurrences this change stands for: 1 for a new event, the count's rise for a repeat. */
  occurrences: number;
}

/**
 * warningCandidate decides whether an event change is a new Warning occurrence: an added
 * Warning (`prev` undefined), or an updated one whose count rose. A rise is any of: the
 * normalised count (series.count ?? count), series.count, or the legacy count going up, so a
 * series that starts (recorders add `series` on the second occurrence) counts too. Updates that
 * raise nothing (metadata, annotations, a re-sent object) and Normal events yield undefined.
 */
export function warningCandidate(
  prev: KubeObject | undefined,
  next: KubeObject,
): WarningCandidate | undefined {
  const event = normalizeEvent(next);
  if (!isWarning(event)) return undefined;
  if (prev === undefined) return { event, occurrences: 1 };
  const before = normalizeEvent(prev);
  const rise = Math.max(
    event.count - before.count,
    (event.raw.seriesCount ?? 0) - (before.raw.seriesCount ?? 0),
    (event.raw.legacyCount ?? 0) - (before.raw.legacyCount ?? 0),
  );
  if (rise <= 0) return undefined;
  // The normalised count measures occurrences best (a series starting at 2 after a legacy 1 is
  // one more, not two); a rise seen only in one of the raw counts stands for one.
  return { event, occurrences: Math.max(1, event.count - before.count) };
}
