import * as vscode from 'vscode';
import type { EventHub } from '../../core/events/hub';
import { EventStreamPublisher } from '../../core/stream/publisher';
import type { OwnerLookup } from '../../core/stream/row';
import type { EventRow, ExportFormat, HostFilter, ObjectRefMessage } from '../../protocol/events';
import { EVENTS_PANEL_TYPE, EventsPanel } from './eventsPanel';
import { EVENTS_VIEW_ID, EventsViewProvider } from './eventsViewProvider';
import { copyToClipboard } from './copyEvents';
import type { EventsWebviewDeps } from './eventsWebview';
import { pickExportFormat, writeExport } from './exportEvents';
import { fileStore } from './fileStore';
import { PendingFilter } from './hostFilters';
import { type PresetMemento, PresetStore } from './presetStore';
import { ReplayPanels } from './replayPanel';
import { UiStateStore } from './uiStateStore';
import { trackShutdownWrite } from '../shutdownWrites';

/** EventsViewsDeps is what the composition root hands to the Events views. */
export interface EventsViewsDeps {
  extensionUri: vscode.Uri;
  hub: EventHub;
  /** context.globalStorageUri: the history and the view state are kept there. */
  storageUri: vscode.Uri;
  /** context.globalState: the saved filter presets are kept there. */
  globalState: PresetMemento;
  /** kubeEvents.history.maxEvents. */
  getMaxEvents(): number;
  /** Fires when kubeEvents.history.maxEvents may have changed. */
  onDidChangeMaxEvents: (listener: () => void) => vscode.Disposable;
  /** The top controller of an object (a cache read); see OwnerLookup. */
  ownerOf: OwnerLookup;
  revealObject(ref: ObjectRefMessage): unknown;
  describe(ref: ObjectRefMessage): unknown;
  /** The explanation panel's host side and the timeline's rollout marks (see EventsWebviewDeps). */
  explainPanel?: EventsWebviewDeps['explainPanel'];
  rolloutMarks?: EventsWebviewDeps['rolloutMarks'];
}

/** EventsViews is what registerEventsViews returns; the lead maps the commands to its handlers. */
export interface EventsViews extends vscode.Disposable {
  /**
   * showFilter focuses the Events view with a command's filter (an object and its descendants
   * toggle, Warnings only...). A page that is live gets it now; the sidebar view, when its page is
   * not live (never shown, or hidden and dropped), gets it when its page next loads.
   */
  showFilter(filter: HostFilter): Promise<void>;
  /** exportEvents handles `kubeEvents.exportEvents`: the visible rows as JSON or CSV. */
  exportEvents(): Promise<void>;
  /** openEventsPanel handles `kubeEvents.openEventsPanel`. */
  openEventsPanel(): void;
  /**
   * focusFilter handles `kubeEvents.focusEventsFilter`: the filter box of the active Events
   * editor, else of the Events view (focused first; a page still loading takes it when ready).
   */
  focusFilter(): Promise<void>;
  /** openExportedEvents handles `kubeEvents.openExportedEvents`: replay an exported JSON file. */
  openExportedEvents(uri?: vscode.Uri): Promise<void>;
}

/** HISTORY_FILE and UI_FILE live under globalStorageUri. */
export const HISTORY_FILE = 'events-history.ndjson';
export const UI_FILE = 'events-ui.json';

/**
 * registerEventsViews builds the event stream (history + coalesced deltas, persisted to
 * globalStorageUri), registers the `kubeEvents.events` webview view and prepares the editor
 * panel. Everything it creates is released by the returned dispose(), which also writes the
 * history one last time.
 */
export function registerEventsViews(deps: EventsViewsDeps): EventsViews {
  const disposables: vscode.Disposable[] = [];
  const publisher = new EventStreamPublisher({
    feed: deps.hub,
    maxEvents: deps.getMaxEvents(),
    ownerOf: deps.ownerOf,
    store: fileStore(deps.storageUri, HISTORY_FILE),
    onFinalWrite: trackShutdownWrite,
    onError: (err) => console.error('Kube Events: event history', err),
  });
  void publisher.start();
  const uiState = new UiStateStore(fileStore(deps.storageUri, UI_FILE));
  const pending = new PendingFilter();
  const presets = new PresetStore(deps.globalState);
  const replays = new ReplayPanels({ extensionUri: deps.extensionUri, presets });
  let focusPending = false;

  const pageDeps: EventsWebviewDeps = {
    extensionUri: deps.extensionUri,
    publisher,
    uiState,
    currentFilter: () => pending.take(),
    takeFocus: () => {
      const f = focusPending;
      focusPending = false;
      return f;
    },
    presets,
    copyRows: (format, ids) => copyToClipboard(format, rowsOf(ids)),
    revealObject: (ref) => deps.revealObject(ref),
    describe: (ref) => deps.describe(ref),
    exportRows: (format, ids) => writeExport(format, rowsOf(ids)),
    ...(deps.explainPanel ? { explainPanel: deps.explainPanel } : {}),
    ...(deps.rolloutMarks ? { rolloutMarks: deps.rolloutMarks } : {}),
  };
  const rowsOf = (ids: readonly string[]): EventRow[] =>
    ids.map((id) => publisher.get(id)).filter((r): r is EventRow => r !== undefined);

  const provider = new EventsViewProvider(pageDeps);
  const panel = new EventsPanel(pageDeps);
  disposables.push(
    vscode.window.registerWebviewViewProvider(EVENTS_VIEW_ID, provider, {
      webviewOptions: { retainContextWhenHidden: false },
    }),
    provider,
    panel,
    replays,
    vscode.window.registerWebviewPanelSerializer(EVENTS_PANEL_TYPE, {
      deserializeWebviewPanel: async (revived) => panel.restore(revived),
    }),
    deps.onDidChangeMaxEvents(() => publisher.setMaxEvents(deps.getMaxEvents())),
  );

  const livePages = () => [panel.page, provider.page].filter((p) => p?.isLive);

  return {
    async showFilter(f) {
      // The view is what gets focused: if its page is not live, the page it loads applies this.
      pending.send(f, provider.page, [panel.page]);
      await vscode.commands.executeCommand(`${EVENTS_VIEW_ID}.focus`);
    },
    async exportEvents() {
      const format: ExportFormat | undefined = await pickExportFormat();
      if (!format) return;
      const page = panel.active && panel.page?.isLive ? panel.page : livePages()[0];
      if (page?.requestExport(format)) return;
      // No page open: export the whole history, newest first.
      const rows = publisher.rows().sort((a, b) => (b.lastSeen || -Infinity) - (a.lastSeen || -Infinity));
      await writeExport(format, rows);
    },
    openEventsPanel() {
      panel.open();
    },
    async focusFilter() {
      if (panel.active && panel.page?.focusFilter()) return;
      focusPending = true;
      await vscode.commands.executeCommand(`${EVENTS_VIEW_ID}.focus`);
      if (provider.page?.focusFilter()) focusPending = false;
    },
    openExportedEvents: (uri) => replays.openFile(uri),
    dispose() {
      for (const d of disposables.splice(0).reverse()) d.dispose();
      uiState.dispose();
      presets.dispose();
      publisher.dispose();
    },
  };
}
