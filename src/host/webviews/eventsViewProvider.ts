import type * as vscode from 'vscode';
import { EventsWebview, type EventsWebviewDeps } from './eventsWebview';

/** EVENTS_VIEW_ID is the webview view declared in package.json. */
export const EVENTS_VIEW_ID = 'kubeEvents.events';

/**
 * EventsViewProvider resolves the `kubeEvents.events` webview view. The view is not retained
 * when hidden: each time it is shown again, VS Code reloads the page, which asks for a snapshot
 * and rebuilds its rows; filters and sort come back from the page's own state. Not retaining
 * saves ~80 MiB of page heap per hidden view at 100,000 rows; the re-show stays quick because the
 * snapshot's first message holds the newest rows, which the page paints at once (see
 * snapshotChunks).
 */
export class EventsViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  private current: { view: vscode.WebviewView; page: EventsWebview; subs: vscode.Disposable[] } | undefined;

  constructor(private readonly deps: EventsWebviewDeps) {}

  /** page is the live page of the view, if it was resolved. */
  get page(): EventsWebview | undefined {
    return this.current?.page;
  }

  get visible(): boolean {
    return this.current?.view.visible ?? false;
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.release();
    const page = new EventsWebview(view.webview, this.deps);
    const subs = [
      view.onDidChangeVisibility(() => {
        if (!view.visible) page.hidden();
      }),
      view.onDidDispose(() => {
        if (this.current?.view === view) this.release();
      }),
    ];
    this.current = { view, page, subs };
  }

  private release(): void {
    const c = this.current;
    this.current = undefined;
    if (!c) return;
    c.page.dispose();
    for (const d of c.subs) d.dispose();
  }

  dispose(): void {
    this.release();
  }
}
