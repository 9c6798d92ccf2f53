// The Events webview app: holds the rows the host sent, applies the view state, paints.
import { compileFilter, type StreamFilter, textTerms } from '../core/stream/filter';
import { flattenGroups, groupEntries, type ListItem } from '../core/stream/group';
import { EventListModel, FilteredView, type StreamEntry } from '../core/stream/listModel';
import { computeTimeline } from '../core/stream/timeline';
import {
  type EventRow,
  type ExpireEntry,
  type ExportFormat,
  type HostMessage,
  parseHostMessage,
  type SortColumn,
  type WebviewMessage,
} from '../protocol/events';
import type { RolloutMark } from '../protocol/explain';
import { el } from './dom';
import { ExplainPanel } from './explainPanel';
import { itemKey, itemRow, type RenderContext } from './rows';
import { TimelineView } from './timelineView';
import { Toolbar } from './toolbar';
import {
  addChip,
  applyHostFilter,
  applyTokens,
  chipsOf,
  initialViewState,
  parseViewState,
  removeChip,
  setIncludeDescendants,
  toStreamFilter,
  type ViewState,
} from './viewState';
import { VirtualList } from './virtualList';

/** VsCodeApi is the part of acquireVsCodeApi() the app uses. */
export interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}

export const ROW_HEIGHT = 22;
const OVERSCAN = 8;

type Buffered = { op: 'upsert'; row: EventRow } | { op: 'expire'; at: number } | { op: 'remove' };

/**
 * EventsApp is the webview's controller. It trusts no message it did not validate, inserts
 * cluster text as text only, and keeps its view state in vscode.setState so it survives being
 * hidden; rows are rebuilt from the host's snapshot.
 */
export class EventsApp {
  private readonly model = new EventListModel();
  private readonly view = new FilteredView(this.model);
  private readonly list: VirtualList;
  private readonly toolbar: Toolbar;
  private readonly timeline: TimelineView;
  private readonly explainPanel: ExplainPanel;
  private rolloutMarks: RolloutMark[] = [];
  private state: ViewState;
  private filter: StreamFilter;
  private filtered: StreamEntry[] = [];
  private selectedKey = '';
  private expandedKey = '';
  private readonly expandedGroups = new Set<string>();
  private snapshot: EventRow[] | undefined;
  /** A snapshot's first (newest) rows are shown; the rest has not arrived yet. */
  private loading = false;
  private readonly buffer = new Map<string, Buffered>();
  private readonly bufferedNew = new Set<string>();
  private timelineVersion = -1;
  private timelineMinute = 0;
  private persistTimer: ReturnType<typeof setTimeout> | undefined;
  private hadLocalState: boolean;

  constructor(
    root: HTMLElement,
    private readonly api: VsCodeApi,
  ) {
    const saved = parseViewState(api.getState());
    this.hadLocalState = saved !== undefined;
    this.state = saved ?? initialViewState();
    this.filter = toStreamFilter(this.state);
    this.model.setSort(this.state.ui.sort, this.state.ui.descending);
    this.toolbar = new Toolbar({
      onText: (text) => this.setState({ ...this.state, ui: { ...this.state.ui, text } }),
      onCommitText: (text) => this.setState(applyTokens(this.state, text), true),
      onWarningsOnly: (on) => this.setState({ ...this.state, ui: { ...this.state.ui, warningsOnly: on } }),
      onGroup: (group) => this.setState({ ...this.state, ui: { ...this.state.ui, group } }),
      onFollow: (follow) => this.setFollow(follow),
      onExport: (format) => this.exportVisible(format),
      onRemoveChip: (chip) => this.setState(removeChip(this.state, chip)),
      onDescendants: (on) => this.setState(setIncludeDescendants(this.state, on), true),
      onClearAll: () => this.setState(applyHostFilter(this.state, { clearOthers: true }), true),
    });
    this.timeline = new TimelineView((start, context) => {
      const same = this.state.minute?.start === start && this.state.minute.context === context;
      this.setState({ ...this.state, minute: same ? null : { start, context } });
    });
    this.list = new VirtualList({
      rowHeight: ROW_HEIGHT,
      overscan: OVERSCAN,
      onAction: (action, item) => this.onAction(action, item),
      onToggle: (item) => this.onToggle(item),
      onSelect: (item) => {
        this.selectedKey = itemKey(item);
        this.explainPanel.select(item, this.selectedKey);
        this.list.setContext(this.context());
      },
      onSort: (column) => this.onSort(column),
      onScroll: () => undefined,
    });
    this.explainPanel = new ExplainPanel(
      (m) => this.api.postMessage(m),
      () => this.list.setContext(this.context()),
    );
    root.append(
      el(
        'div',
        { class: 'app' },
        this.toolbar.root,
        this.timeline.root,
        this.list.root,
        this.explainPanel.root,
      ),
    );
    this.list.setSort(this.state.ui.sort, this.state.ui.descending);
    setInterval(() => this.tick(), 5000);
    this.refresh(false);
  }

  /**
   * handle processes one message from the host; anything that fails validation is dropped (an
   * invalid row alone, never the rows beside it: see parseHostMessage).
   */
  handle(data: unknown): void {
    const parsed = parseHostMessage(data);
    if (!parsed) return;
    const msg: HostMessage = parsed.message;
    switch (msg.type) {
      case 'snapshot':
        if (msg.first) this.snapshot = [];
        this.snapshot?.push(...msg.rows);
        if (msg.first && msg.ui && !this.hadLocalState) {
          this.state = { ...this.state, ui: msg.ui };
          this.filter = toStreamFilter(this.state);
          this.model.setSort(msg.ui.sort, msg.ui.descending);
          this.list.setSort(msg.ui.sort, msg.ui.descending);
        }
        if (msg.last && this.snapshot) {
          this.model.reset(this.snapshot);
          this.snapshot = undefined;
          this.loading = false;
          this.buffer.clear();
          this.bufferedNew.clear();
          this.refresh(true);
        } else if (msg.first && this.newestFirst()) {
          // The host sends the newest rows first: in this order they are the top of the list,
          // so paint them now and the rest when it has arrived.
          this.model.reset(msg.rows);
          this.loading = true;
          this.refresh(true);
        }
        return;
      case 'delta':
        if (this.state.paused) this.bufferDelta(msg.upsert, msg.expire, msg.remove);
        else {
          this.model.apply(msg);
          this.refresh(true);
        }
        this.ackAfterPaint();
        return;
      case 'setFilter':
        this.setState(applyHostFilter(this.state, msg.filter), true);
        this.setFollow(true);
        this.list.scrollTop = 0;
        return;
      case 'requestExport':
        this.exportVisible(msg.format);
        return;
      case 'explanation':
        this.explainPanel.show(msg);
        return;
      case 'rolloutMarks':
        this.rolloutMarks = msg.marks;
        this.updateTimeline(true);
        return;
    }
  }

  /**
   * ackAfterPaint tells the host, once the frame showing the last delta has been painted, that
   * it may send the next (the host's DeltaPacer merges what arrives meanwhile): under load the
   * page gets one delta per frame it paints, never a queue it cannot keep up with.
   */
  private ackAfterPaint(): void {
    requestAnimationFrame(() => setTimeout(() => this.api.postMessage({ type: 'ack' }), 0));
  }

  private bufferDelta(
    upsert: readonly EventRow[],
    expire: readonly ExpireEntry[],
    remove: readonly string[],
  ): void {
    for (const row of upsert) {
      this.buffer.set(row.id, { op: 'upsert', row });
      if (!this.model.get(row.id)) this.bufferedNew.add(row.id);
    }
    for (const { id, at } of expire) {
      const b = this.buffer.get(id);
      if (b?.op === 'upsert') b.row = { ...b.row, expired: 1, expiredAt: at };
      else this.buffer.set(id, { op: 'expire', at });
    }
    for (const id of remove) {
      this.buffer.set(id, { op: 'remove' });
      this.bufferedNew.delete(id);
    }
    this.updateToolbar();
  }

  /** newestFirst: the list's order is the default one (newest first), the snapshot's head order. */
  private newestFirst(): boolean {
    return this.state.ui.sort === 'lastSeen' && this.state.ui.descending;
  }

  private setFollow(follow: boolean): void {
    if (follow && this.buffer.size) {
      const upsert: EventRow[] = [];
      const expire: ExpireEntry[] = [];
      const remove: string[] = [];
      for (const [id, b] of this.buffer) {
        if (b.op === 'upsert') upsert.push(b.row);
        else if (b.op === 'expire') expire.push({ id, at: b.at });
        else remove.push(id);
      }
      this.buffer.clear();
      this.bufferedNew.clear();
      this.model.apply({ upsert, expire, remove });
    }
    this.state = { ...this.state, paused: !follow };
    this.persist(false);
    this.refresh(true);
  }

  private setState(next: ViewState, immediate = false): void {
    const sortChanged =
      next.ui.sort !== this.state.ui.sort || next.ui.descending !== this.state.ui.descending;
    this.state = next;
    this.filter = toStreamFilter(next);
    if (sortChanged) {
      this.model.setSort(next.ui.sort, next.ui.descending);
      this.list.setSort(next.ui.sort, next.ui.descending);
    }
    this.persist(immediate);
    this.refresh(false);
  }

  private persist(immediate: boolean): void {
    this.api.setState(this.state);
    if (this.persistTimer) clearTimeout(this.persistTimer);
    const send = () => this.api.postMessage({ type: 'filterChanged', ui: this.state.ui });
    if (immediate) send();
    else this.persistTimer = setTimeout(send, 500);
  }

  private context(): RenderContext {
    return {
      now: Date.now(),
      terms: textTerms(this.state.ui.text),
      selectedKey: this.selectedKey,
      expandedKey: this.expandedKey,
      expandedGroups: this.expandedGroups,
      manifestKey: this.explainPanel.manifestKey(),
    };
  }

  /** refresh recomputes the visible items and repaints (synchronously). */
  private refresh(dataChanged: boolean): void {
    this.filtered = this.view.compute(this.filter);
    const mode = this.state.ui.group;
    const items: readonly ListItem[] =
      mode === 'none' ? this.filtered : flattenGroups(groupEntries(this.filtered, mode), this.expandedGroups);
    this.list.setItems(items, this.context(), dataChanged);
    this.list.root.setAttribute('aria-busy', String(this.loading));
    this.updateToolbar();
    this.updateTimeline(false);
  }

  private updateToolbar(): void {
    const u = this.state.ui;
    this.toolbar.update({
      text: u.text,
      warningsOnly: u.warningsOnly,
      group: u.group,
      following: !this.state.paused,
      newCount: this.bufferedNew.size,
      chips: chipsOf(this.state),
      shown: this.filtered.length,
      total: this.model.size,
      loading: this.loading,
    });
  }

  private updateTimeline(force: boolean): void {
    const now = Date.now();
    const minute = Math.floor(now / 60_000);
    if (!force && this.timelineVersion === this.model.version && this.timelineMinute === minute) return;
    this.timelineVersion = this.model.version;
    this.timelineMinute = minute;
    const contexts = this.state.ui.contexts;
    const source = contexts.length
      ? this.model.all().filter(compileFilter({ ...toStreamFilter(initialViewState()), contexts }))
      : this.model.all();
    this.timeline.update(computeTimeline(source, now), this.state.minute, this.rolloutMarks);
  }

  private tick(): void {
    this.list.setContext(this.context());
    this.updateTimeline(false);
  }

  private onSort(column: SortColumn): void {
    const u = this.state.ui;
    const descending = u.sort === column ? !u.descending : column === 'lastSeen' || column === 'count';
    this.setState({ ...this.state, ui: { ...u, sort: column, descending } });
  }

  private onToggle(item: ListItem): void {
    this.selectedKey = itemKey(item);
    this.explainPanel.select(item, this.selectedKey);
    if (item.kind === 'group') {
      if (!this.expandedGroups.delete(item.key)) this.expandedGroups.add(item.key);
      this.refresh(false);
      return;
    }
    const key = itemKey(item);
    this.expandedKey = this.expandedKey === key ? '' : key;
    this.list.setContext(this.context());
  }

  private onAction(action: string, item: ListItem): void {
    const row = itemRow(item);
    const owner = item.kind === 'group' && item.mode === 'owner' && row.ownerName !== '';
    switch (action) {
      case 'reveal':
      case 'describe':
        this.api.postMessage({
          type: action === 'reveal' ? 'revealObject' : 'describe',
          context: row.context,
          kind: owner ? row.ownerKind : row.kind,
          namespace: row.namespace,
          name: owner ? row.ownerName : row.name,
          uid: owner ? row.ownerUid : row.uid,
        });
        return;
      case 'explain':
        if (row.type === 'Warning')
          this.api.postMessage({ type: 'explain', context: row.context, key: row.key });
        return;
      case 'open-manifest':
        this.explainPanel.openManifest();
        return;
      case 'filter-context':
        return this.setState(addChip(this.state, 'context', row.context), true);
      case 'filter-namespace':
        if (row.namespace) this.setState(addChip(this.state, 'namespace', row.namespace), true);
        return;
      case 'filter-kind':
        return this.setState(addChip(this.state, 'kind', row.kind), true);
      case 'filter-reason':
        return this.setState(addChip(this.state, 'reason', row.reason), true);
    }
  }

  private exportVisible(format: ExportFormat): void {
    this.api.postMessage({ type: 'export', format, ids: this.filtered.map((e) => e.row.id) });
  }
}
