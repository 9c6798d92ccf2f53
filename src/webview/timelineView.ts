// The timeline above the list: Warnings and Normals per minute over the last hour, per context.
import type { Timeline } from '../core/stream/timeline';
import type { TimeRange } from '../protocol/events';
import { el } from './dom';
import { cellText, tooltipText } from './format';
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
    'aria-label': 'Events per minute, last hour',
  });

  private bucketMs = 60_000;

  constructor(private readonly onMinute: (start: number, context: string, span: number) => void) {
    this.root.addEventListener('click', (e) => {
      const bar = (e.target as Element).closest('.tl-bar');
      if (!(bar instanceof HTMLElement)) return;
      this.onMinute(Number(bar.dataset.start), bar.dataset.context ?? '', this.bucketMs);
    });
  }

  update(t: Timeline, selected: { start: number; context: string } | null, range?: TimeRange): void {
    this.bucketMs = t.bucketMs;
    const rangeText = range ? rangeLabel(range) : 'Last hour';
    this.root.setAttribute('aria-label', `Events over time: ${rangeText}`);
    this.root.dataset.bucketMs = String(t.bucketMs);
    const rows: Node[] = [];
    const shown = t.series.slice(0, MAX_CONTEXTS);
    for (const s of shown) {
      const bars = el('div', { class: 'tl-bars' });
      for (let i = 0; i < t.minutes; i++) {
        const w = s.warning[i]!;
        const n = s.normal[i]!;
        const start = t.start + i * t.bucketMs;
        const label = `${bucketLabel(start, t.bucketMs)}: ${w} warning${w === 1 ? '' : 's'}, ${n} normal`;
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
        const scale = t.max > 0 ? 100 / t.max : 0;
        const wn = el('div', { class: 'tl-warning' });
        wn.style.height = `${w * scale}%`;
        const nn = el('div', { class: 'tl-normal' });
        nn.style.height = `${n * scale}%`;
        bar.append(wn, nn);
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
    if (t.series.length > MAX_CONTEXTS) {
      rows.push(
        el(
          'div',
          { class: 'tl-more' },
          `+${t.series.length - MAX_CONTEXTS} more contexts (filter by context to see one)`,
        ),
      );
    }
    if (rows.length === 0)
      rows.push(
        el(
          'div',
          { class: 'tl-empty' },
          !range || range.mode === 'all' || range.mode === '1h'
            ? 'No events in the last hour'
            : `No events in this time range (${rangeText})`,
        ),
      );
    this.root.replaceChildren(...rows);
  }
}
