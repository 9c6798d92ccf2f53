import type { ContextStatus } from '../../core/cluster/status';
import type { Match } from '../../core/manifests/match';
import type { ManifestEntry } from '../../core/manifests/types';
import { englishL10n, type Localizer } from '../../core/util/l10n';

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

/** statusLine renders the lens' first segment: `● Available 3/3` (`● Exists` without a status). */
export function statusLine(m: Extract<Match, { state: 'found' }>, l10n: Localizer = englishL10n): string {
  const s = m.summary;
  const ready = s.ready ? ` ${s.ready.ready}/${s.ready.desired}` : '';
  const glyph =
    s.health === 'error' ? '✖' : s.health === 'warning' ? '▲' : s.health === 'progressing' ? '◐' : '●';
  return `${glyph} ${s.status || l10n.t('Exists')}${ready}`;
}
