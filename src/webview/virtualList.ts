// The virtual list: a grid whose DOM holds only the visible rows (plus overscan), recycled.
import type { ListItem } from '../core/stream/group';
import type { SortColumn } from '../protocol/events';
import { el, icon } from './dom';
import { t } from './l10n';
import { itemKey, type RenderContext, RowView } from './rows';
import { revealScrollTop, type RowGeometry, rowTop, visibleWindow } from './virtualWindow';

/**
 * columns are the header cells: label, sort column (if sortable) and CSS class. A function: the
 * labels are read when the list is built, after the page loaded its strings.
 */
const columns = (): { label: string; sort?: SortColumn; cls: string }[] => [
  { label: t('Last Seen'), sort: 'lastSeen', cls: 'time' },
  { label: t('Type'), sort: 'type', cls: 'type' },
  { label: t('Context'), sort: 'context', cls: 'context' },
  { label: t('Namespace'), sort: 'namespace', cls: 'namespace' },
  { label: t('Object'), sort: 'object', cls: 'object' },
  { label: t('Reason'), sort: 'reason', cls: 'reason' },
  { label: t('Message'), sort: 'message', cls: 'message' },
  { label: t('Count'), sort: 'count', cls: 'count' },
  { label: t('Source'), sort: 'source', cls: 'source' },
  { label: t('Actions'), cls: 'actions' },
];

export interface VirtualListOptions {
  rowHeight: number;
  overscan: number;
  /** A row's link or button was used: reveal, describe, filter-context, … */
  onAction(action: string, item: ListItem): void;
  /** Enter or a click on a message/chevron: expand or collapse the item. */
  onToggle(item: ListItem): void;
  onSelect(item: ListItem): void;
  onSort(column: SortColumn): void;
  /** The user scrolled (scrollTop in px). */
  onScroll(scrollTop: number): void;
}

/**
 * VirtualList renders `items` as a grid of fixed-height rows (one item may be expanded and
 * taller). At most ceil(viewport / rowHeight) + 1 + 2 * overscan row elements exist; they are
 * reused as the list scrolls. Keyboard: arrows, Page Up/Down, Home/End move the selection,
 * Enter expands, Ctrl/Cmd+Enter reveals, Shift+Enter describes.
 */
export class VirtualList {
  readonly root: HTMLDivElement;
  private readonly viewport: HTMLDivElement;
  private readonly spacer: HTMLDivElement;
  private readonly headerCells = new Map<SortColumn, HTMLElement>();
  private readonly pool: RowView[] = [];
  private items: readonly ListItem[] = [];
  private ctx: RenderContext = {
    now: Date.now(),
    terms: [],
    selectedKey: '',
    expandedKey: '',
    expandedGroups: new Set(),
  };
  /** The row height in px: --row-height on the grid (taller rows in narrow layouts). */
  private rowHeight: number;
  private expandedIndex = -1;
  private expandedHeight = 0;
  private frame = 0;

  constructor(private readonly options: VirtualListOptions) {
    this.rowHeight = options.rowHeight;
    const header = el('div', { class: 'row header', role: 'row', 'aria-rowindex': '1' });
    const cols = columns();
    for (const c of cols) {
      const cell = el('span', { class: `cell ${c.cls}`, role: 'columnheader' });
      if (c.sort) {
        const sort = c.sort;
        const b = el(
          'button',
          { class: 'sort', title: t('Sort by {0}', c.label) },
          // The Type column holds icons: its header label is for screen readers only.
          c.cls === 'type' ? el('span', { class: 'sr-only' }, c.label) : c.label,
          icon('blank', 'sort-icon'),
        );
        b.addEventListener('click', () => options.onSort(sort));
        cell.append(b);
        cell.setAttribute('aria-sort', 'none');
        this.headerCells.set(sort, cell);
      } else cell.append(el('span', { class: 'sr-only' }, c.label));
      header.append(cell);
    }
    this.spacer = el('div', { class: 'spacer' });
    this.viewport = el('div', { class: 'viewport', role: 'rowgroup' }, this.spacer);
    this.root = el(
      'div',
      {
        class: 'grid',
        role: 'grid',
        tabindex: '0',
        'aria-label': t('Kubernetes events'),
        'aria-colcount': String(cols.length),
      },
      el('div', { class: 'header-wrap', role: 'rowgroup' }, header),
      this.viewport,
    );
    this.viewport.addEventListener('scroll', () => {
      this.options.onScroll(this.viewport.scrollTop);
      this.schedule();
    });
    this.viewport.addEventListener('click', (e) => this.onClick(e));
    this.root.addEventListener('keydown', (e) => this.onKey(e));
    new ResizeObserver(() => {
      this.readRowHeight();
      this.schedule();
    }).observe(this.viewport);
  }

  get scrollTop(): number {
    return this.viewport.scrollTop;
  }

  set scrollTop(v: number) {
    this.viewport.scrollTop = v;
  }

  /** rowCount is the number of row elements in the DOM (for tests and the status line). */
  get rowCount(): number {
    return this.pool.length;
  }

  /** setSort shows the sort column and direction on the header. */
  setSort(column: SortColumn, descending: boolean): void {
    for (const [c, cell] of this.headerCells) {
      const on = c === column;
      cell.setAttribute('aria-sort', on ? (descending ? 'descending' : 'ascending') : 'none');
      const i = cell.querySelector('.sort-icon');
      if (i)
        i.className = `codicon sort-icon codicon-${on ? (descending ? 'arrow-down' : 'arrow-up') : 'blank'}`;
    }
  }

  /**
   * setItems replaces the items. With `anchor`, the first visible item keeps its place on screen
   * when rows are inserted above it (reading while events arrive).
   */
  setItems(items: readonly ListItem[], ctx: RenderContext, anchor: boolean): void {
    let anchorKey = '';
    let anchorOffset = 0;
    const top = this.viewport.scrollTop;
    if (anchor && top > 0 && this.items.length) {
      const g = this.geometry();
      const first = visibleWindow(g, top, 1, 0).start;
      const item = this.items[first];
      if (item) {
        anchorKey = itemKey(item);
        anchorOffset = top - rowTop(g, first);
      }
    }
    this.items = items;
    this.ctx = ctx;
    this.root.setAttribute('aria-rowcount', String(items.length + 1));
    this.locateExpanded();
    if (anchorKey) {
      const i = this.indexOf(anchorKey);
      if (i >= 0) this.viewport.scrollTop = rowTop(this.geometry(), i) + anchorOffset;
    }
    this.render();
  }

  /** setContext changes selection/expansion/time without new items. */
  setContext(ctx: RenderContext): void {
    const relocate = ctx.expandedKey !== this.ctx.expandedKey;
    this.ctx = ctx;
    if (relocate) this.locateExpanded();
    this.render();
  }

  indexOf(key: string): number {
    if (!key) return -1;
    for (let i = 0; i < this.items.length; i++) if (itemKey(this.items[i]!) === key) return i;
    return -1;
  }

  /** reveal scrolls item `i` into view. */
  reveal(i: number): void {
    const g = this.geometry();
    this.viewport.scrollTop = revealScrollTop(g, i, this.viewport.scrollTop, this.viewport.clientHeight);
  }

  focus(): void {
    this.root.focus();
  }

  private locateExpanded(): void {
    this.expandedIndex = this.indexOf(this.ctx.expandedKey);
    if (this.expandedIndex < 0) this.expandedHeight = 0;
  }

  /**
   * readRowHeight takes --row-height from the CSS (the layout may have changed with the width);
   * the first visible item keeps its place on screen.
   */
  private readRowHeight(): void {
    const h = parseFloat(getComputedStyle(this.root).getPropertyValue('--row-height'));
    if (!(h > 0) || h === this.rowHeight) return;
    const top = this.viewport.scrollTop;
    const first = top > 0 ? visibleWindow(this.geometry(), top, 1, 0).start : 0;
    this.rowHeight = h;
    this.expandedHeight = 0;
    if (top > 0) this.viewport.scrollTop = rowTop(this.geometry(), first);
  }

  private geometry(): RowGeometry {
    return {
      count: this.items.length,
      rowHeight: this.rowHeight,
      expandedIndex: this.expandedIndex,
      expandedHeight: this.expandedHeight,
    };
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  /** render lays out the visible window now. */
  render(): void {
    const h = this.viewport.clientHeight;
    let g = this.geometry();
    let w = visibleWindow(g, this.viewport.scrollTop, h, this.options.overscan);
    this.spacer.style.height = `${w.totalHeight}px`;
    const needed = w.end - w.start;
    while (this.pool.length < needed) {
      const v = new RowView();
      this.pool.push(v);
      this.viewport.append(v.root);
    }
    while (this.pool.length > needed) this.pool.pop()!.root.remove();
    for (let k = 0; k < needed; k++) {
      const i = w.start + k;
      this.pool[k]!.update(this.items[i]!, i, rowTop(g, i), this.ctx);
      if (i === this.expandedIndex) {
        const want = this.rowHeight + Math.min(this.pool[k]!.detailsHeight(), 320);
        if (want !== this.expandedHeight) {
          this.expandedHeight = want;
          g = this.geometry();
          w = visibleWindow(g, this.viewport.scrollTop, h, this.options.overscan);
          this.spacer.style.height = `${w.totalHeight}px`;
          for (let j = k + 1; j < needed; j++) {
            const ij = w.start + j;
            if (ij < this.items.length) this.pool[j]!.root.style.transform = `translateY(${rowTop(g, ij)}px)`;
          }
        }
      }
    }
    let sel = -1;
    for (let i = w.start; i < w.end && this.ctx.selectedKey; i++) {
      if (itemKey(this.items[i]!) === this.ctx.selectedKey) sel = i;
    }
    if (sel >= 0) this.root.setAttribute('aria-activedescendant', `row-${sel}`);
    else this.root.removeAttribute('aria-activedescendant');
  }

  private itemAt(target: EventTarget | null): ListItem | undefined {
    const row = (target as Element | null)?.closest?.('.row');
    const idx = row instanceof HTMLElement ? Number(row.dataset.index) : NaN;
    return Number.isInteger(idx) ? this.items[idx] : undefined;
  }

  private onClick(e: MouseEvent): void {
    const item = this.itemAt(e.target);
    if (!item) return;
    this.options.onSelect(item);
    const target = e.target as Element;
    const action = target.closest('[data-action]')?.getAttribute('data-action');
    if (action) this.options.onAction(action, item);
    else if (target.closest('.details')) return;
    else if (target.closest('.message') || target.closest('.chevron') || item.kind === 'group')
      this.options.onToggle(item);
  }

  private onKey(e: KeyboardEvent): void {
    if (e.target !== this.root || this.items.length === 0) return;
    const page = Math.max(1, Math.floor(this.viewport.clientHeight / this.rowHeight) - 1);
    const cur = this.indexOf(this.ctx.selectedKey);
    let next: number;
    switch (e.key) {
      case 'ArrowDown':
        next = cur < 0 ? 0 : Math.min(this.items.length - 1, cur + 1);
        break;
      case 'ArrowUp':
        next = cur < 0 ? 0 : Math.max(0, cur - 1);
        break;
      case 'PageDown':
        next = Math.min(this.items.length - 1, Math.max(0, cur) + page);
        break;
      case 'PageUp':
        next = Math.max(0, cur - page);
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = this.items.length - 1;
        break;
      case 'Enter': {
        const item = this.items[cur];
        if (!item) return;
        e.preventDefault();
        if (e.ctrlKey || e.metaKey) this.options.onAction('reveal', item);
        else if (e.shiftKey) this.options.onAction('describe', item);
        else this.options.onToggle(item);
        return;
      }
      default:
        return;
    }
    e.preventDefault();
    const item = this.items[next];
    if (!item) return;
    this.options.onSelect(item);
    this.reveal(next);
  }
}
