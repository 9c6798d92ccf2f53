import * as vscode from 'vscode';
import { captureTimeFromName, parseExport, REPLAY_LIMITS, ReplayError } from '../../core/stream/replay';
import type { EventRow, ReplayInfo } from '../../protocol/events';
import { copyToClipboard } from './copyEvents';
import { EventsWebview, type EventsWebviewDeps, type RowSource, webviewOptions } from './eventsWebview';
import { writeExport } from './exportEvents';
import type { PresetStore } from './presetStore';
import { UiStateStore } from './uiStateStore';

/** REPLAY_PANEL_TYPE is the view type of a panel replaying an exported file. */
export const REPLAY_PANEL_TYPE = 'kubeEvents.replayPanel';

/** ReplayDeps is what a replay panel needs from the Events views. */
export interface ReplayDeps {
  extensionUri: vscode.Uri;
  presets: PresetStore;
}

/** staticRows is a RowSource over rows that never change: no delta ever fires. */
function staticRows(rows: EventRow[]): RowSource {
  return {
    onDelta: () => ({ dispose: () => undefined }),
    flush: () => undefined,
    rows: () => rows,
  };
}

function baseName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

/**
 * ReplayPanels opens exported JSON files (`kubeEvents.openExportedEvents`) in editor panels: the
 * same page as the Events view, read-only (no live updates, no reveal/describe/explain against
 * today's cluster), its filters, copy and export working on the file's rows. The file is
 * untrusted: its size is checked before it is read (REPLAY_LIMITS), then parseExport validates
 * the shape and every record, skipping and counting the bad ones. Each panel's view state lives
 * in memory only (the live view's filters are not touched).
 */
export class ReplayPanels implements vscode.Disposable {
  private readonly open = new Set<vscode.WebviewPanel>();

  constructor(private readonly deps: ReplayDeps) {}

  /** openFile asks for a file when none is given, validates it and shows it; errors are shown. */
  async openFile(uri?: vscode.Uri): Promise<void> {
    const target =
      uri ??
      (
        await vscode.window.showOpenDialog({
          title: vscode.l10n.t('Open Exported Events'),
          canSelectMany: false,
          filters: { [vscode.l10n.t('Kube Events export')]: ['json'] },
          openLabel: vscode.l10n.t('Replay'),
        })
      )?.[0];
    if (!target) return;
    const name = baseName(target);
    const stat = await vscode.workspace.fs.stat(target);
    if (stat.size > REPLAY_LIMITS.maxBytes) {
      const mib = Math.round(REPLAY_LIMITS.maxBytes / 1048576);
      throw new Error(vscode.l10n.t('{0} is larger than {1} MiB: not replayed.', name, mib));
    }
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
    let parsed;
    try {
      parsed = parseExport(text);
    } catch (err) {
      if (err instanceof ReplayError) throw new Error(`${name}: ${err.message}`, { cause: err });
      throw err;
    }
    if (parsed.rows.length === 0)
      throw new Error(
        vscode.l10n.t(
          '{0} holds no valid events ({1} records, {2} invalid).',
          name,
          parsed.total.toLocaleString('en-US'),
          parsed.skipped.toLocaleString('en-US'),
        ),
      );
    const info: ReplayInfo = {
      file: name,
      capturedAt: captureTimeFromName(name) ?? stat.mtime,
      total: parsed.total,
      skipped: parsed.skipped + parsed.dropped,
    };
    this.show(info, parsed.rows);
    const notes: string[] = [];
    if (parsed.skipped)
      notes.push(vscode.l10n.t('{0} invalid records were skipped', parsed.skipped.toLocaleString('en-US')));
    if (parsed.dropped)
      notes.push(
        vscode.l10n.t(
          '{0} events past the first {1} were left out',
          parsed.dropped.toLocaleString('en-US'),
          REPLAY_LIMITS.maxEvents.toLocaleString('en-US'),
        ),
      );
    if (notes.length) void vscode.window.showWarningMessage(`Kube Events: ${name}: ${notes.join('; ')}.`);
  }

  /** show opens a panel replaying `rows` (already validated). */
  show(info: ReplayInfo, rows: EventRow[]): vscode.WebviewPanel {
    const byId = new Map(rows.map((r) => [r.id, r]));
    const rowsOf = (ids: readonly string[]) =>
      ids.map((id) => byId.get(id)).filter((r): r is EventRow => r !== undefined);
    const panel = vscode.window.createWebviewPanel(
      REPLAY_PANEL_TYPE,
      `Replay: ${info.file}`,
      vscode.ViewColumn.Active,
      { ...webviewOptions(this.deps.extensionUri), retainContextWhenHidden: false },
    );
    panel.iconPath = vscode.Uri.joinPath(this.deps.extensionUri, 'media', 'kube-events.svg');
    const uiState = new UiStateStore({ read: async () => undefined, write: async () => undefined });
    const pageDeps: EventsWebviewDeps = {
      extensionUri: this.deps.extensionUri,
      publisher: staticRows(rows),
      uiState,
      presets: this.deps.presets,
      replay: info,
      currentFilter: () => null,
      revealObject: () => undefined,
      describe: () => undefined,
      exportRows: (format, ids) => writeExport(format, rowsOf(ids)),
      copyRows: (format, ids) => copyToClipboard(format, rowsOf(ids)),
    };
    const page = new EventsWebview(panel.webview, pageDeps);
    const subs = [
      panel.onDidChangeViewState(() => {
        if (!panel.visible) page.hidden();
      }),
    ];
    this.open.add(panel);
    panel.onDidDispose(() => {
      this.open.delete(panel);
      page.dispose();
      uiState.dispose();
      for (const d of subs) d.dispose();
    });
    return panel;
  }

  dispose(): void {
    for (const p of [...this.open]) p.dispose();
  }
}
