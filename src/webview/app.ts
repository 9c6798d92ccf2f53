// The Events webview app: holds the rows the host sent, applies the view state, paints.
import { compileFilter, type StreamFilter, textTerms } from '../core/stream/filter';
import { flattenGroups, groupEntries, type ListItem } from '../core/stream/group';
import { EventListModel, FilteredView, type StreamEntry } from '../core/stream/listModel';
import { computeTimelineWindow } from '../core/stream/timeline';
import { isRelative, timelineSpan } from '../core/stream/timeRange';
import {
  type CopyFormat,
  type EventRow,
  type ExpireEntry,
  type ExportFormat,
  type HostMessage,
  parseHostMessage,
  type ReplayInfo,
  type SortColumn,
  type WebviewMessage,
} from '../protocol/events';
import type { RolloutMark } from '../protocol/explain';
import { el } from './dom';
import { ExplainPanel } from './explainPanel';
import { replayBannerText, rowMenuItems } from './rowActions';
import { RowMenu } from './rowMenu';
import { itemKey, itemRow, type RenderContext } from './rows';
import { TimelineView } from './timelineView';
import { Toolbar } from './toolbar';
import {
  addChip,
  applyHostFilter,
  applyPreset,
  setTimeRange,
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
  /** A refresh for deltas is queued for the next animation frame (see refreshOnFrame). */
  private frameRefreshQueued = false;
  private readonly buffer = new Map<string, Buffered>();
  private readonly bufferedNew = new Set<string>();
  private timelineVersion = -1;
  private timelineSlot = '';
  private persistTimer: ReturnType<typeof setTimeout> | undefined;
  private hadLocalState: boolean;
  private readonly rowMenu = new RowMenu();
  /** Set when this page replays an exported file: read-only, its times anchored at the capture. */
  private replay: ReplayInfo | undefined;
  private readonly banner = el('div', { class: 'replay-banner', role: 'note', hidden: '' });

  constructor(
    root: HTMLElement,
    private readonly api: VsCodeApi,
  ) {
    const saved = parseViewState(api.getState());
    this.hadLocalState = saved !== undefined;
    this.state = saved ?? initialViewState();
    this.filter = toStreamFilter(this.state, this.anchor());
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
      onTimeRange: (range) => this.setState(setTimeRange(this.state, range), true),
      onApplyPreset: (preset) => this.setState(applyPreset(this.state, preset), true),
      onSavePreset: () => this.api.postMessage({ type: 'savePreset', ui: this.state.ui }),
      onDeletePreset: () => this.api.postMessage({ type: 'deletePreset', name: '' }),
    });
    this.timeline = new TimelineView((start, context, span) => {
      const same = this.state.minute?.start === start && this.state.minute.context === context;
      this.setState({ ...this.state, minute: same ? null : { start, context, span } });
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
      onMenu: (item, x, y) =>
        this.rowMenu.open(
          rowMenuItems(item, (format, ids) => this.copyRows(format, ids)),
          x,
          y,
        ),
    });
    this.explainPanel = new ExplainPanel(
      (m) => this.api.postMessage(m),
      () => this.list.setContext(this.context()),
    );
    root.append(
      el(
        'div',
        { class: 'app' },
        this.banner,
        this.toolbar.root,
        this.timeline.root,
        this.list.root,
        this.explainPanel.root,
        this.rowMenu.root,
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
          this.filter = toStreamFilter(this.state, this.anchor());
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
          this.refreshOnFrame();
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
      case 'presets':
        this.toolbar.setPresets(msg.presets);
        return;
      case 'focusFilter':
        this.toolbar.focusFilter();
        return;
      case 'replay':
        this.replay = msg.info;
        this.banner.textContent = replayBannerText(msg.info);
        this.banner.hidden = false;
        this.banner.parentElement?.classList.add('replay');
        this.toolbar.setReadOnly(true);
        this.filter = toStreamFilter(this.state, this.anchor());
        return;
    }
  }

  /**
   * anchor is the time relative ranges and the timeline end at: now, or for a replay the time it
   * was captured (else its newest event), so "last 5 min" means the 5 minutes before the capture.
   */
  private anchor(): number {
    if (!this.replay) return Date.now();
    if (this.replay.capturedAt > 0) return this.replay.capturedAt;
    let newest = 0;
    for (const e of this.model.all()) newest = Math.max(newest, e.row.lastSeen);
    return newest || Date.now();
  }

  private copyRows(format: CopyFormat, ids: string[]): void {
    this.api.postMessage({ type: 'copy', format, ids });
  }

  /**
   * ackAfterPaint tells the host, once the frame showing the last delta has been painted, that
   * it may send the next (the host's DeltaPacer merges what arrives meanwhile): under load the
   * page gets one delta per frame it paints, never a queue it cannot keep up with.
   */
  private ackAfterPaint(): void {
    requestAnimationFrame(() => setTimeout(() => this.api.postMessage({ type: 'ack' }), 0));
  }

  /**
   * refreshOnFrame refreshes the list in the next animation frame, once however many deltas
   * arrive before it (the deltas held during a snapshot arrive together; so do those the host
   * sent on its ack timeout). Its callback is queued before the deltas' acks, so they follow
   * the paint.
   */
  private refreshOnFrame(): void {
    if (this.frameRefreshQueued) return;
    this.frameRefreshQueued = true;
    requestAnimationFrame(() => {
      this.frameRefreshQueued = false;
      this.refresh(true);
    });
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
    this.filter = toStreamFilter(next, this.anchor());
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
      timeRange: this.state.ui.timeRange,
      shown: this.filtered.length,
      total: this.model.size,
      loading: this.loading,
    });
  }

  /**
   * updateTimeline redraws the timeline over the time range's span (see timelineSpan), at most
   * once per model change and per 10 s (a relative range slides), unless forced.
   */
  private updateTimeline(force: boolean): void {
    const now = this.anchor();
    const range = this.state.ui.timeRange;
    const slot = `${Math.floor(now / 10_000)}\u0000${range.mode}\u0000${range.from}\u0000${range.to}`;
    if (!force && this.timelineVersion === this.model.version && this.timelineSlot === slot) return;
    this.timelineVersion = this.model.version;
    this.timelineSlot = slot;
    const contexts = this.state.ui.contexts;
    const source = contexts.length
      ? this.model.all().filter(compileFilter({ ...toStreamFilter(initialViewState()), contexts }))
      : this.model.all();
    let oldest = 0;
    if (range.mode === 'all')
      for (const e of source)
        if (e.row.lastSeen > 0 && (oldest === 0 || e.row.lastSeen < oldest)) oldest = e.row.lastSeen;
    this.timeline.update(
      computeTimelineWindow(source, timelineSpan(range, now, oldest)),
      this.state.minute,
      range,
      this.rolloutMarks,
    );
  }

  private tick(): void {
    // A relative range slides with the clock: the rows that left it go.
    if (!this.replay && isRelative(this.state.ui.timeRange)) {
      this.filter = toStreamFilter(this.state, this.anchor());
      this.refresh(false);
    } else this.list.setContext(this.context());
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
      case 'filter-source':
        if (row.source) this.setState(addChip(this.state, 'source', row.source), true);
        return;
      case 'filter-host':
        if (row.host) this.setState(addChip(this.state, 'host', row.host), true);
        return;
    }
  }

  private exportVisible(format: ExportFormat): void {
    this.api.postMessage({ type: 'export', format, ids: this.filtered.map((e) => e.row.id) });
  }
}
