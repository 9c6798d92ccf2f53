// The timeline above the list: Warnings and Normals per minute over the last hour, per context.
import type { Timeline } from '../core/stream/timeline';
import type { TimeRange } from '../protocol/events';
import type { RolloutMark } from '../protocol/explain';
import { el } from './dom';
import { cellText, tooltipText } from './format';
import { t } from './l10n';
import { bucketLabel, rangeLabel } from './timeLabels';

const MAX_CONTEXTS = 6;

/**
 * TimelineView draws one row of bars per context (at most 60, one per bucket of the time range's
 * span; DOM divs, heights via CSSOM, no inline style attributes). A click on a bar calls
 * `onMinute` with the bucket's start, its context and its width.
 */
export class TimelineView {
  readonly root = el('div', {
    class: 'timeline',
    role: 'group',
    'aria-label': t('Events per minute, last hour'),
  });

  private bucketMs = 60_000;

  constructor(private readonly onMinute: (start: number, context: string, span: number) => void) {
    this.root.addEventListener('click', (e) => {
      const bar = (e.target as Element).closest('.tl-bar');
      if (!(bar instanceof HTMLElement)) return;
      this.onMinute(Number(bar.dataset.start), bar.dataset.context ?? '', this.bucketMs);
    });
  }

  /**
   * update redraws the bars for `range` (default: the last hour); `marks` (rollouts) flag the
   * bucket they fall in, with their text.
   */
  update(
    tl: Timeline,
    selected: { start: number; context: string } | null,
    range?: TimeRange,
    marks: readonly RolloutMark[] = [],
  ): void {
    this.bucketMs = tl.bucketMs;
    const rangeText = range ? rangeLabel(range) : t('Last hour');
    this.root.setAttribute('aria-label', t('Events over time: {0}', rangeText));
    this.root.dataset.bucketMs = String(tl.bucketMs);
    const rollouts = rolloutsByBucket(tl, marks);
    const rows: Node[] = [];
    const shown = tl.series.slice(0, MAX_CONTEXTS);
    for (const s of shown) {
      const bars = el('div', { class: 'tl-bars' });
      for (let i = 0; i < tl.minutes; i++) {
        const w = s.warning[i]!;
        const n = s.normal[i]!;
        const start = tl.start + i * tl.bucketMs;
        const rolled = rollouts.get(`${s.context}\u0000${i}`);
        const when = bucketLabel(start, tl.bucketMs);
        const counts =
          w === 1 ? t('{0}: 1 warning, {1} normal', when, n) : t('{0}: {1} warnings, {2} normal', when, w, n);
        const label = rolled ? t('{0}; rolled out: {1}', counts, rolled.join(', ')) : counts;
        const bar = el('button', {
          class: 'tl-bar',
          type: 'button',
          title: label,
          'aria-label': `${cellText(s.context)} ${label}`,
        });
        bar.dataset.start = String(start);
        bar.dataset.context = s.context;
        if (selected && selected.start === start && selected.context === s.context)
          bar.classList.add('selected');
        const scale = tl.max > 0 ? 100 / tl.max : 0;
        const wn = el('div', { class: 'tl-warning' });
        wn.style.height = `${w * scale}%`;
        const nn = el('div', { class: 'tl-normal' });
        nn.style.height = `${n * scale}%`;
        bar.append(wn, nn);
        if (rolled) {
          bar.classList.add('rollout');
          bar.append(el('div', { class: 'tl-rollout' }));
        }
        bars.append(bar);
      }
      rows.push(
        el(
          'div',
          { class: 'tl-row' },
          el('span', { class: 'tl-label', title: tooltipText(s.context) }, cellText(s.context)),
          bars,
        ),
      );
    }
    if (tl.series.length > MAX_CONTEXTS) {
      rows.push(
        el(
          'div',
          { class: 'tl-more' },
          t('+{0} more contexts (filter by context to see one)', tl.series.length - MAX_CONTEXTS),
        ),
      );
    }
    if (rows.length === 0)
      rows.push(
        el(
          'div',
          { class: 'tl-empty' },
          !range || range.mode === 'all' || range.mode === '1h'
            ? t('No events in the last hour')
            : t('No events in this time range ({0})', rangeText),
        ),
      );
    this.root.replaceChildren(...rows);
  }
}

/** rolloutsByBucket maps `context NUL bucket index` to the rollouts of that bucket, as text. */
function rolloutsByBucket(tl: Timeline, marks: readonly RolloutMark[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const m of marks) {
    const i = Math.floor((m.at - tl.start) / tl.bucketMs);
    if (i < 0 || i >= tl.minutes) continue;
    const key = `${m.context}\u0000${i}`;
    const list = out.get(key) ?? [];
    if (list.length < 5) list.push(cellText(t('{0} revision {1}', m.workload, m.revision)));
    out.set(key, list);
  }
  return out;
}
