// The timeline above the list: Warnings and Normals per minute over the last hour, per context.
import type { Timeline } from '../core/stream/timeline';
import { el } from './dom';
import { cellText, minuteLabel, tooltipText } from './format';
import { t } from './l10n';

const MAX_CONTEXTS = 6;

/**
 * TimelineView draws one row of 60 bars per context (DOM divs, heights via CSSOM, no inline
 * style attributes). A click on a bar calls `onMinute` with the minute and its context.
 */
export class TimelineView {
  readonly root = el('div', {
    class: 'timeline',
    role: 'group',
    'aria-label': t('Events per minute, last hour'),
  });

  constructor(private readonly onMinute: (start: number, context: string) => void) {
    this.root.addEventListener('click', (e) => {
      const bar = (e.target as Element).closest('.tl-bar');
      if (!(bar instanceof HTMLElement)) return;
      this.onMinute(Number(bar.dataset.start), bar.dataset.context ?? '');
    });
  }

  update(tl: Timeline, selected: { start: number; context: string } | null): void {
    const rows: Node[] = [];
    const shown = tl.series.slice(0, MAX_CONTEXTS);
    for (const s of shown) {
      const bars = el('div', { class: 'tl-bars' });
      for (let i = 0; i < tl.minutes; i++) {
        const w = s.warning[i]!;
        const n = s.normal[i]!;
        const start = tl.start + i * 60_000;
        const label =
          w === 1
            ? t('{0}: 1 warning, {1} normal', minuteLabel(start), n)
            : t('{0}: {1} warnings, {2} normal', minuteLabel(start), w, n);
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
    if (rows.length === 0) rows.push(el('div', { class: 'tl-empty' }, t('No events in the last hour')));
    this.root.replaceChildren(...rows);
  }
}
