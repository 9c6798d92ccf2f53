// The toolbar above the list: free text, Warnings only, grouping, follow/pause, export, chips.
// One line down to a 300 px side bar: below 700 px the buttons show icons only.
import type { ExportFormat, GroupMode } from '../protocol/events';
import { el, icon, toggleClass } from './dom';
import { chipText, tooltipText } from './format';
import { t } from './l10n';
import { MenuButton } from './menuButton';
import type { Chip } from './viewState';

export interface ToolbarOptions {
  onText(text: string): void;
  /** Enter in the text box: turn `ns:foo`-style words into chips. */
  onCommitText(text: string): void;
  onWarningsOnly(on: boolean): void;
  onGroup(mode: GroupMode): void;
  onFollow(follow: boolean): void;
  onExport(format: ExportFormat): void;
  onRemoveChip(chip: Chip): void;
  /** The object chip's toggle: include the object's descendants' events or not. */
  onDescendants(on: boolean): void;
  onClearAll(): void;
}

function button(label: string, iconName: string, title: string): HTMLButtonElement {
  return el(
    'button',
    { class: 'tool', title, type: 'button', 'aria-label': label },
    icon(iconName),
    el('span', { class: 'label' }, label),
  );
}

/** Toolbar renders the controls; it holds no state of its own beyond the DOM. */
export class Toolbar {
  readonly root: HTMLElement;
  readonly input: HTMLInputElement;
  private readonly warnings = button(t('Warnings'), 'warning', t('Show Warnings only'));
  private readonly follow = button(t('Pause'), 'debug-pause', t('Pause: freeze the list while reading'));
  private readonly newCount = el('button', { class: 'new-count', type: 'button', hidden: '' });
  private readonly group = el('select', {
    class: 'group',
    title: t('Group similar events'),
    'aria-label': t('Group events'),
  });
  /** Narrow layouts show the group select as an icon (the select stays, transparent, on top). */
  private readonly groupBox = el(
    'div',
    { class: 'group-box' },
    icon('group-by-ref-type', 'group-icon'),
    this.group,
  );
  private readonly chips = el('div', { class: 'chips', role: 'list', 'aria-label': t('Active filters') });
  private readonly status = el('span', { class: 'status', role: 'status', 'aria-live': 'polite' });
  private following = true;

  constructor(private readonly options: ToolbarOptions) {
    this.input = el('input', {
      class: 'search',
      type: 'text',
      placeholder: t('Filter (text, ns:, kind:, reason:, ctx:, type:warning)'),
      title: t('Filter: free text, or ns:, kind:, reason:, ctx:, type:warning (Enter makes them chips)'),
      'aria-label': t('Filter events'),
      spellcheck: 'false',
    });
    this.input.addEventListener('input', () => options.onText(this.input.value));
    this.input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') options.onCommitText(this.input.value);
      if (e.key === 'Escape' && this.input.value) {
        this.input.value = '';
        options.onText('');
      }
    });
    this.warnings.setAttribute('aria-pressed', 'false');
    this.warnings.addEventListener('click', () =>
      options.onWarningsOnly(this.warnings.getAttribute('aria-pressed') !== 'true'),
    );
    this.follow.addEventListener('click', () => options.onFollow(!this.following));
    this.newCount.addEventListener('click', () => options.onFollow(true));
    for (const [value, label] of [
      ['none', t('No grouping')],
      ['object', t('Group by object + reason')],
      ['owner', t('Group by owner + reason')],
    ] as const) {
      this.group.append(el('option', { value }, label));
    }
    this.group.addEventListener('change', () => options.onGroup(this.group.value as GroupMode));
    const exportMenu = new MenuButton({
      label: t('Export'),
      iconName: 'export',
      title: t('Export the visible events…'),
      items: [
        {
          label: 'CSV',
          ariaLabel: t('Export the visible events as CSV'),
          run: () => options.onExport('csv'),
        },
        {
          label: 'JSON',
          ariaLabel: t('Export the visible events as JSON'),
          run: () => options.onExport('json'),
        },
      ],
    });
    this.root = el(
      'header',
      { class: 'toolbar' },
      el(
        'div',
        { class: 'controls' },
        el('div', { class: 'search-box' }, icon('search'), this.input),
        this.warnings,
        this.groupBox,
        this.follow,
        this.newCount,
        exportMenu.root,
      ),
      el('div', { class: 'chip-row' }, this.chips, this.status),
    );
  }

  /** update shows the current state; it does not touch the text box while the user types. */
  update(s: {
    text: string;
    warningsOnly: boolean;
    group: GroupMode;
    following: boolean;
    newCount: number;
    chips: Chip[];
    shown: number;
    total: number;
    /** The newest rows of a snapshot are shown; the rest is on its way. */
    loading: boolean;
  }): void {
    if (document.activeElement !== this.input && this.input.value !== s.text) this.input.value = s.text;
    this.warnings.setAttribute('aria-pressed', String(s.warningsOnly));
    toggleClass(this.warnings, 'on', s.warningsOnly);
    this.group.value = s.group;
    toggleClass(this.groupBox, 'on', s.group !== 'none');
    this.following = s.following;
    this.follow.replaceChildren(
      icon(s.following ? 'debug-pause' : 'play'),
      el('span', { class: 'label' }, s.following ? t('Pause') : t('Follow')),
    );
    this.follow.title = s.following
      ? t('Pause: freeze the list while reading')
      : t('Follow: apply what arrived and keep up');
    this.follow.setAttribute('aria-pressed', String(!s.following));
    this.follow.setAttribute('aria-label', s.following ? t('Pause') : t('Follow'));
    this.newCount.hidden = s.following || s.newCount === 0;
    this.newCount.textContent = t('{0} new', s.newCount.toLocaleString('en-US'));
    this.newCount.title = t('Show the events that arrived while paused');
    this.renderChips(s.chips);
    const shown = s.shown.toLocaleString('en-US');
    const text =
      s.shown === s.total
        ? t('{0} events', shown)
        : t('{0} of {1} events', shown, s.total.toLocaleString('en-US'));
    this.status.textContent = s.loading ? t('{0}, loading…', text) : text;
  }

  /**
   * renderChips rebuilds the chips; a chip control that had the focus (a toggle pressed with the
   * keyboard) gets it back in the new chips, so Space can flip the toggle again.
   */
  private renderChips(chips: Chip[]): void {
    const active = document.activeElement;
    const focusKey =
      active instanceof HTMLElement && this.chips.contains(active) ? active.dataset.focusKey : undefined;
    const nodes: Node[] = chips.map((chip) => {
      const remove = el(
        'button',
        {
          class: 'chip-remove',
          type: 'button',
          'aria-label': t('Remove filter {0}', chipText(chip.label)),
          title: t('Remove filter'),
        },
        icon('close'),
      );
      remove.dataset.focusKey = `remove\u0000${chip.kind}\u0000${chip.value}`;
      remove.addEventListener('click', () => this.options.onRemoveChip(chip));
      const parts: Node[] = [
        el('span', { class: 'chip-label', title: tooltipText(chip.label) }, chipText(chip.label)),
      ];
      if (chip.descendants) parts.push(this.descendantsToggle(chip, chip.descendants));
      return el('span', { class: 'chip', role: 'listitem', 'data-kind': chip.kind }, ...parts, remove);
    });
    if (chips.length > 1) {
      const clear = el(
        'button',
        { class: 'chip-clear', type: 'button', title: t('Remove every filter') },
        t('Clear all'),
      );
      clear.addEventListener('click', () => this.options.onClearAll());
      nodes.push(clear);
    }
    this.chips.replaceChildren(...nodes);
    if (focusKey !== undefined) {
      const controls = Array.from(this.chips.querySelectorAll<HTMLElement>('[data-focus-key]'));
      controls.find((b) => b.dataset.focusKey === focusKey)?.focus();
    }
  }

  /** descendantsToggle is the object chip's checkbox-like "+ N descendants" button. */
  private descendantsToggle(chip: Chip, d: { count: number; on: boolean }): HTMLButtonElement {
    const n = d.count === 1 ? t('1 descendant') : t('{0} descendants', d.count.toLocaleString('en-US'));
    const toggle = el(
      'button',
      {
        class: `chip-toggle${d.on ? ' on' : ''}`,
        type: 'button',
        'aria-pressed': String(d.on),
        'aria-label': t('Include the events of {0}', n),
        title: d.on
          ? t("Showing the events of this object and its {0}; click for the object's own events only", n)
          : t("Showing this object's own events; click to add its {0}", n),
      },
      el('span', { class: 'chip-check', 'aria-hidden': 'true' }, d.on ? icon('check') : ''),
      el('span', { class: 'chip-toggle-label' }, t('+ {0}', n)),
    );
    toggle.dataset.focusKey = `descendants\u0000${chip.value}`;
    toggle.addEventListener('click', () => this.options.onDescendants(!d.on));
    return toggle;
  }
}
