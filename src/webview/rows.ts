// One recycled DOM row of the virtual list, and how an item (event, group, member) fills it.
import { type EventGroup, groupSummary, type ListItem } from '../core/stream/group';
import type { StreamEntry } from '../core/stream/listModel';
import { ownerLabel } from '../core/stream/row';
import type { EventRow } from '../protocol/events';
import { el, icon, setHighlighted, setText, toggleClass } from './dom';
import {
  ageText,
  cellText,
  clip,
  countParts,
  countText,
  displayText,
  EXPANDED_MAX,
  isoTime,
  oneLine,
  tooltipText,
} from './format';
import { t, webviewL10n } from './l10n';

/** RenderContext is what every row of one paint shares. */
export interface RenderContext {
  now: number;
  terms: readonly string[];
  /** The selected item's key (see itemKey), or ''. */
  selectedKey: string;
  /** The expanded item's key (event id), or ''. */
  expandedKey: string;
  expandedGroups: ReadonlySet<string>;
}

/** itemKey identifies a list item across repaints (event id, or group key). */
export function itemKey(item: ListItem): string {
  if (item.kind === 'event') return item.row.id;
  if (item.kind === 'member') return item.entry.row.id;
  return `group\u0000${item.key}`;
}

/** itemRow is the event row an item shows (a group shows its newest member). */
export function itemRow(item: ListItem): EventRow {
  return item.kind === 'event' ? item.row : item.kind === 'member' ? item.entry.row : item.members[0]!.row;
}

/** detailAction is a labelled button of the expanded row (reveal, describe). */
function detailAction(action: string, iconName: string, label: string): HTMLButtonElement {
  return el(
    'button',
    { class: 'detail-action', type: 'button', 'data-action': action },
    icon(iconName),
    el('span', {}, label),
  );
}

function link(action: string, title: string): HTMLSpanElement {
  return el('span', { class: 'link', 'data-action': action, title });
}

/**
 * RowView owns one row element and its cells, created once and refilled as the list scrolls.
 * Only text nodes and attributes change; nothing is parsed as HTML.
 */
export class RowView {
  readonly root: HTMLDivElement;
  private readonly time = el('span', { class: 'cell time', role: 'gridcell' });
  private readonly typeIcon = icon('info');
  private readonly typeText = el('span', { class: 'sr-only' });
  private readonly type = el('span', { class: 'cell type', role: 'gridcell' }, this.typeIcon, this.typeText);
  private readonly context = link('filter-context', '');
  private readonly namespace = link('filter-namespace', '');
  private readonly chevron = icon('chevron-right', 'chevron');
  private readonly kind = link('filter-kind', '');
  private readonly name = link('reveal', '');
  private readonly object = el(
    'span',
    { class: 'cell object', role: 'gridcell' },
    this.chevron,
    this.kind,
    this.name,
  );
  private readonly reason = link('filter-reason', '');
  private readonly message = el('span', { class: 'cell message', role: 'gridcell' });
  /** The count: `xN` always shown, ` over T` only where there is room. */
  private readonly countN = el('span', { class: 'count-n' });
  private readonly countOver = el('span', { class: 'count-over' });
  private readonly count = el('span', { class: 'cell count', role: 'gridcell' }, this.countN, this.countOver);
  private readonly source = el('span', { class: 'cell source', role: 'gridcell' });
  private readonly details = el('div', { class: 'details' });
  private readonly detailsText = el('div', { class: 'details-message' });
  private readonly detailsMeta = el('div', { class: 'details-meta' });
  /** Explain: Warnings only (the explainer's subject); hidden on other rows. */
  private readonly explainAction = detailAction('explain', 'lightbulb', t('Explain'));
  /** The row's actions, visible in the expanded row at every width. */
  private readonly detailsActions = el(
    'div',
    { class: 'details-actions' },
    this.explainAction,
    detailAction('reveal', 'go-to-file', t('Reveal in Tree')),
    detailAction('describe', 'info', t('Describe')),
  );
  private shownRow: EventRow | undefined;
  private shownExpanded = false;

  constructor() {
    const actions = el(
      'span',
      { class: 'cell actions', role: 'gridcell' },
      el(
        'button',
        {
          class: 'icon-button',
          'data-action': 'reveal',
          title: t('Reveal object in tree'),
          'aria-label': t('Reveal object'),
        },
        icon('go-to-file'),
      ),
      el(
        'button',
        {
          class: 'icon-button',
          'data-action': 'describe',
          title: t('Describe object'),
          'aria-label': t('Describe object'),
        },
        icon('info'),
      ),
    );
    this.details.append(this.detailsText, this.detailsMeta, this.detailsActions);
    this.root = el(
      'div',
      { class: 'row', role: 'row' },
      this.time,
      this.type,
      el('span', { class: 'cell context', role: 'gridcell' }, this.context),
      el('span', { class: 'cell namespace', role: 'gridcell' }, this.namespace),
      this.object,
      el('span', { class: 'cell reason', role: 'gridcell' }, this.reason),
      this.message,
      this.count,
      this.source,
      actions,
      this.details,
    );
  }

  /** update fills the row for `item` at list index `index`, positioned at `top`. */
  update(item: ListItem, index: number, top: number, ctx: RenderContext): void {
    const row = itemRow(item);
    const key = itemKey(item);
    const r = this.root;
    r.style.transform = `translateY(${top}px)`;
    r.dataset.index = String(index);
    r.setAttribute('aria-rowindex', String(index + 2));
    r.id = `row-${index}`;
    const selected = key === ctx.selectedKey;
    r.setAttribute('aria-selected', String(selected));
    toggleClass(r, 'selected', selected);
    toggleClass(r, 'warning', row.type === 'Warning');
    toggleClass(r, 'expired', row.expired === 1);
    toggleClass(r, 'group', item.kind === 'group');
    toggleClass(r, 'member', item.kind === 'member');

    setText(this.time, ageText(row.lastSeen, ctx.now));
    this.time.title = row.expired
      ? t(
          'Last seen {0}, first seen {1} — expired {2}',
          isoTime(row.lastSeen),
          isoTime(row.firstSeen),
          isoTime(row.expiredAt),
        )
      : t('Last seen {0}, first seen {1}', isoTime(row.lastSeen), isoTime(row.firstSeen));
    const warning = row.type === 'Warning';
    this.typeIcon.className = `codicon codicon-${warning ? 'warning' : 'info'}`;
    setText(this.typeText, cellText(row.type || 'Normal'));
    this.type.title = tooltipText(row.type || 'Normal');
    this.fill(this.context, row.context, t('Filter to context {0}', row.context));
    this.fill(
      this.namespace,
      row.namespace,
      row.namespace ? t('Filter to namespace {0}', row.namespace) : '',
    );
    this.fill(this.reason, row.reason, t('Filter to reason {0}', row.reason), ctx.terms);
    setText(this.source, cellText(row.host ? `${row.source} ${row.host}` : row.source));
    this.source.title = tooltipText(this.source.textContent ?? '');

    if (item.kind === 'group') this.fillGroup(item, ctx);
    else this.fillEvent(item.kind === 'event' ? item : item.entry, ctx);

    const expanded = item.kind === 'group' ? ctx.expandedGroups.has(item.key) : key === ctx.expandedKey;
    r.setAttribute('aria-expanded', String(expanded));
    toggleClass(r, 'open', expanded);
    if (item.kind !== 'group' && expanded && (row !== this.shownRow || !this.shownExpanded))
      this.fillDetails(row);
    if (!expanded || item.kind === 'group') {
      if (this.shownExpanded) this.detailsText.textContent = this.detailsMeta.textContent = '';
      this.shownExpanded = false;
    } else this.shownExpanded = true;
    this.shownRow = row;
  }

  private fill(target: HTMLElement, raw: string, title: string, terms: readonly string[] = []): void {
    setHighlighted(target, cellText(raw), terms);
    target.title = tooltipText(title);
  }

  private fillEvent(e: StreamEntry, ctx: RenderContext): void {
    const row = e.row;
    this.chevron.className = 'codicon chevron blank';
    this.fill(this.kind, row.kind, t('Filter to kind {0}', row.kind), ctx.terms);
    this.fill(
      this.name,
      row.kind ? `/${row.name}` : row.name,
      t('Reveal {0}', `${row.kind}/${row.name}`),
      ctx.terms,
    );
    const text = oneLine(row.message);
    setHighlighted(this.message, text, ctx.terms);
    this.message.title = row.expired
      ? t('Expired: deleted by the API server. Press Enter for the full message.')
      : t('Press Enter for the full message');
    this.setCount(countParts(row, ctx.now));
    this.root.setAttribute('aria-label', rowLabel(row, ctx.now));
  }

  private fillGroup(g: EventGroup, ctx: RenderContext): void {
    const row = g.members[0]!.row;
    const open = ctx.expandedGroups.has(g.key);
    this.chevron.className = `codicon codicon-chevron-${open ? 'down' : 'right'} chevron`;
    const owner = g.mode === 'owner' && row.ownerName ? ownerLabel(row) : '';
    this.fill(
      this.kind,
      owner ? row.ownerKind : row.kind,
      t('Filter to kind {0}', owner ? row.ownerKind : row.kind),
      ctx.terms,
    );
    this.fill(
      this.name,
      owner ? `/${row.ownerName}` : row.kind ? `/${row.name}` : row.name,
      t('Reveal'),
      ctx.terms,
    );
    const summary = groupSummary(g, webviewL10n);
    setHighlighted(this.message, cellText(`${summary} — ${oneLine(row.message)}`), ctx.terms);
    this.message.title = t('Press Enter to expand the group');
    const n = g.members.length;
    this.setCount([n === 1 ? t('1 event, x{0}', g.count) : t('{0} events, x{1}', n, g.count), '']);
    this.root.setAttribute(
      'aria-label',
      g.warning
        ? t('Group: {0}, {1} events, warnings', cellText(summary), n)
        : t('Group: {0}, {1} events', cellText(summary), n),
    );
  }

  /** setCount shows `xN over T` as `xN` and ` over T` (narrow layouts hide the second part). */
  private setCount([n, over]: [string, string]): void {
    setText(this.countN, n);
    setText(this.countOver, over);
    this.count.title = n + over;
  }

  private fillDetails(row: EventRow): void {
    this.explainAction.hidden = row.type !== 'Warning';
    this.detailsText.textContent = displayText(clip(row.message, EXPANDED_MAX));
    const meta = [
      t('Event {0}', row.key),
      t('context {0}', row.context),
      t('first seen {0}', isoTime(row.firstSeen)),
      t('last seen {0}', isoTime(row.lastSeen)),
      t('count {0}', row.count),
      row.source ? (row.host ? t('from {0} on {1}', row.source, row.host) : t('from {0}', row.source)) : '',
      row.fieldPath ? t('field {0}', row.fieldPath) : '',
      row.uid ? t('uid {0}', row.uid) : '',
      row.expired ? t('expired {0}', isoTime(row.expiredAt)) : '',
    ];
    this.detailsMeta.textContent = tooltipText(meta.filter(Boolean).join(' · '));
  }

  /** detailsHeight measures the expanded details (call after update, when expanded). */
  detailsHeight(): number {
    return this.details.scrollHeight;
  }
}

/** rowLabel is a row's screen-reader label. */
function rowLabel(row: EventRow, now: number): string {
  const parts = [
    row.type || 'Normal',
    row.reason,
    `${row.kind} ${row.name}`,
    row.namespace ? t('in {0}', row.namespace) : '',
    t('last seen {0} ago', ageText(row.lastSeen, now)),
    countText(row, now),
    row.expired ? t('expired') : '',
  ];
  return tooltipText(parts.filter(Boolean).join(', '));
}
