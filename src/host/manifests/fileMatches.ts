import type { ContextStatus } from '../../core/cluster/status';
import type { Match } from '../../core/manifests/match';
import type { ManifestEntry } from '../../core/manifests/types';

/**
 * EntryMatch is one manifest entry and what its context says about it: a Match, or
 * `unavailable` while the chosen context is not connected or not synced yet (no diagnostics
 * then: "not found" before the first list would be a lie).
 */
export interface EntryMatch {
  readonly entry: ManifestEntry;
  readonly match:
    | Match
    | {
        readonly state: 'unavailable';
        readonly context: string | undefined;
        readonly status: ContextStatus['phase'];
      };
}

/** warningCount sums a match's Warning groups (0 when not found). */
export function warningCount(m: EntryMatch['match']): number {
  return m.state === 'found' ? m.warnings.length : 0;
}

/** statusLine renders the lens' first segment: `● Available 3/3`. */
export function statusLine(m: Extract<Match, { state: 'found' }>): string {
  const s = m.summary;
  const ready = s.ready ? ` ${s.ready.ready}/${s.ready.desired}` : '';
  const glyph =
    s.health === 'error' ? '✖' : s.health === 'warning' ? '▲' : s.health === 'progressing' ? '◐' : '●';
  return `${glyph} ${s.status || 'Exists'}${ready}`;
}

/** LensAction is what one lens of a found object runs. */
export type LensAction = 'showEvents' | 'describe' | 'explain';

/**
 * foundLenses lists a found object's lenses, left to right: `● Running 3/3 · 2 warnings` and
 * `Show Events` (both show its events), `Describe`, and `Explain` (its newest Warning's
 * explanation) when it or its descendants have a live Warning.
 */
export function foundLenses(m: Extract<Match, { state: 'found' }>): { title: string; action: LensAction }[] {
  const n = m.warnings.length;
  const warnings = n > 0 ? ` · ${n} warning${n === 1 ? '' : 's'}` : '';
  const out: { title: string; action: LensAction }[] = [
    { title: `${statusLine(m)}${warnings}`, action: 'showEvents' },
    { title: 'Show Events', action: 'showEvents' },
    { title: 'Describe', action: 'describe' },
  ];
  if (n > 0) out.push({ title: 'Explain', action: 'explain' });
  return out;
}
