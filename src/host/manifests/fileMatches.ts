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

/** LensAction is what one lens of a found object runs. */
export type LensAction = 'showEvents' | 'describe' | 'explain';

/**
 * foundLenses lists a found object's lenses, left to right: `● Running 3/3 · 2 warnings` and
 * `Show Events` (both show its events), `Describe`, and `Explain` (its newest Warning's
 * explanation) when it or its descendants have a live Warning.
 */
export function foundLenses(
  m: Extract<Match, { state: 'found' }>,
  l10n: Localizer = englishL10n,
): { title: string; action: LensAction }[] {
  const n = m.warnings.length;
  const line = statusLine(m, l10n);
  const out: { title: string; action: LensAction }[] = [
    {
      title:
        n === 0 ? line : n === 1 ? l10n.t('{0} · 1 warning', line) : l10n.t('{0} · {1} warnings', line, n),
      action: 'showEvents',
    },
    { title: l10n.t('Show Events'), action: 'showEvents' },
    { title: l10n.t('Describe'), action: 'describe' },
  ];
  if (n > 0) out.push({ title: l10n.t('Explain'), action: 'explain' });
  return out;
}
