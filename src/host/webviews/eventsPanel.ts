import * as vscode from 'vscode';
import { EventsWebview, type EventsWebviewDeps, webviewOptions } from './eventsWebview';

/** EVENTS_PANEL_TYPE is the editor panel's view type. */
export const EVENTS_PANEL_TYPE = 'kubeEvents.eventsPanel';

/**
 * EventsPanel is the event stream in an editor tab (`kubeEvents.openEventsPanel`): the same page
 * and the same EventsWebview as the sidebar view. One panel at a time; opening again reveals it.
 * A panel left open comes back after a window reload: VS Code hands it to restore() through the
 * serializer registered for EVENTS_PANEL_TYPE (activation event `onWebviewPanel:...`).
 */
export class EventsPanel implements vscode.Disposable {
  private current: { panel: vscode.WebviewPanel; page: EventsWebview; subs: vscode.Disposable[] } | undefined;

  constructor(private readonly deps: EventsWebviewDeps) {}

  get page(): EventsWebview | undefined {
    return this.current?.page;
  }

  get active(): boolean {
    return this.current?.panel.active ?? false;
  }

  /** open shows the panel, creating it if needed. */
  open(): void {
    if (this.current) {
      this.current.panel.reveal();
      return;
    }
    this.adopt(
      vscode.window.createWebviewPanel(
        EVENTS_PANEL_TYPE,
        vscode.l10n.t('Kube Events'),
        vscode.ViewColumn.Active,
        {
          ...webviewOptions(this.deps.extensionUri),
          retainContextWhenHidden: false,
        },
      ),
    );
  }

  /**
   * restore takes over a panel VS Code revived after a reload: the page is rendered afresh and
   * asks for its snapshot, like a new one. Should a panel already be open, the revived one
   * replaces it (one panel at a time).
   */
  restore(panel: vscode.WebviewPanel): void {
    this.release(true);
    this.adopt(panel);
  }

  private adopt(panel: vscode.WebviewPanel): void {
    panel.iconPath = vscode.Uri.joinPath(this.deps.extensionUri, 'media', 'kube-events.svg');
    const page = new EventsWebview(panel.webview, this.deps);
    const subs = [
      panel.onDidChangeViewState(() => {
        if (!panel.visible) page.hidden();
      }),
      panel.onDidDispose(() => this.release(false)),
    ];
    this.current = { panel, page, subs };
  }

  private release(disposePanel: boolean): void {
    const c = this.current;
    this.current = undefined;
    if (!c) return;
    c.page.dispose();
    for (const d of c.subs) d.dispose();
    if (disposePanel) c.panel.dispose();
  }

  dispose(): void {
    this.release(true);
  }
}
