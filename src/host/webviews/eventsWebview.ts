import * as vscode from 'vscode';
import { DeltaPacer } from '../../core/stream/pacer';
import type { EventStreamPublisher, PublishedDelta } from '../../core/stream/publisher';
import {
  type ExportFormat,
  type HostFilter,
  type HostMessage,
  isWebviewMessage,
  type ObjectRefMessage,
  type WebviewMessage,
} from '../../protocol/events';
import { newNonce, renderEventsHtml } from './html';
import { snapshotChunks } from './snapshotChunks';
import type { UiStateStore } from './uiStateStore';

/** EventsWebviewDeps is what one Events webview (view or panel) needs from its owner. */
export interface EventsWebviewDeps {
  extensionUri: vscode.Uri;
  publisher: EventStreamPublisher;
  uiState: UiStateStore;
  /** The command's filter to apply when the webview (re)loads, if any (taken once). */
  currentFilter(): HostFilter | null;
  revealObject(ref: ObjectRefMessage): unknown;
  describe(ref: ObjectRefMessage): unknown;
  exportRows(format: ExportFormat, ids: readonly string[]): unknown;
}

/** webviewOptions limits the webview to scripts from `dist` and resources from `media`/`dist`. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    localResourceRoots: [
      vscode.Uri.joinPath(extensionUri, 'media'),
      vscode.Uri.joinPath(extensionUri, 'dist'),
    ],
  };
}

/**
 * EventsWebview drives one webview showing the event stream: it renders the HTML (fresh nonce
 * per render), sends a snapshot in chunks when the page says `ready` (again after every
 * hide/show, since the page is not retained), then coalesced deltas while the page is live. The
 * snapshot's first message carries the newest rows and goes out alone, so the page paints them
 * while the rest is serialized; deltas published meanwhile are held and sent after the last
 * chunk, in order. While live, deltas are paced by the page (DeltaPacer): one goes out at once
 * when the page has acknowledged the last, else they merge until it does. Every message from the
 * page is validated first; invalid ones are dropped.
 */
export class EventsWebview implements vscode.Disposable {
  private live = false;
  /** Deltas held while a snapshot is being sent (undefined when none is). */
  private held: HostMessage[] | undefined;
  /** Rises on every render/hide/dispose: a snapshot in flight for an older page stops. */
  private generation = 0;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly pacer = new DeltaPacer({ send: (d) => this.post(deltaMessage(d)) });

  constructor(
    private readonly webview: vscode.Webview,
    private readonly deps: EventsWebviewDeps,
  ) {
    webview.options = webviewOptions(deps.extensionUri);
    this.disposables.push(
      webview.onDidReceiveMessage((m: unknown) => this.onMessage(m)),
      deps.publisher.onDelta((d) => {
        if (this.live) this.pacer.push(d);
        else this.held?.push(deltaMessage(d));
      }),
    );
    this.render();
  }

  /** isLive reports that the page is loaded and receiving deltas. */
  get isLive(): boolean {
    return this.live;
  }

  /** render (re)loads the page; it will ask for a snapshot. */
  render(): void {
    this.stop();
    const uri = (...p: string[]) =>
      this.webview.asWebviewUri(vscode.Uri.joinPath(this.deps.extensionUri, ...p)).toString();
    this.webview.html = renderEventsHtml({
      cspSource: this.webview.cspSource,
      nonce: newNonce(),
      scriptUri: uri('dist', 'webview.js'),
      styleUris: [uri('media', 'codicons', 'codicon.css'), uri('media', 'events.css')],
      l10n: vscode.l10n.bundle ?? {},
      title: vscode.l10n.t('Kube Events'),
    });
  }

  /** hidden marks the page gone (its content is dropped when hidden); deltas stop until ready. */
  hidden(): void {
    this.stop();
  }

  private stop(): void {
    this.pacer.reset();
    this.live = false;
    this.held = undefined;
    this.generation++;
  }

  /** postFilter sends a command's filter; false when the page is not live (nothing sent). */
  postFilter(filter: HostFilter): boolean {
    if (!this.live) return false;
    this.post({ type: 'setFilter', filter });
    return true;
  }

  /** requestExport asks the page for its visible rows; false when the page is not live. */
  requestExport(format: ExportFormat): boolean {
    if (!this.live) return false;
    this.post({ type: 'requestExport', format });
    return true;
  }

  private post(message: HostMessage): void {
    void this.webview.postMessage(message);
  }

  private async sendSnapshot(): Promise<void> {
    this.stop();
    const generation = this.generation;
    const ui = await this.deps.uiState.get();
    if (generation !== this.generation) return;
    this.deps.publisher.flush();
    this.held = [];
    const chunks = snapshotChunks(this.deps.publisher.rows());
    const now = Date.now();
    for (let i = 0; i < chunks.length; i++) {
      const message: HostMessage = {
        type: 'snapshot',
        rows: chunks[i]!,
        first: i === 0,
        last: i === chunks.length - 1,
        now,
        ui: i === 0 ? ui : null,
      };
      // The newest rows go out alone: the page paints them while the rest is serialized.
      if (i === 0 && chunks.length > 1) await this.webview.postMessage(message).then(undefined, () => false);
      else this.post(message);
      if (generation !== this.generation) return;
    }
    for (const m of this.held ?? []) this.post(m);
    this.held = undefined;
    this.live = true;
    const filter = this.deps.currentFilter();
    if (filter) this.post({ type: 'setFilter', filter });
  }

  private onMessage(raw: unknown): void {
    if (!isWebviewMessage(raw)) return;
    const m: WebviewMessage = raw;
    switch (m.type) {
      case 'ready':
        void this.sendSnapshot();
        return;
      case 'ack':
        this.pacer.ack();
        return;
      case 'revealObject':
      case 'describe': {
        const ref: ObjectRefMessage = {
          context: m.context,
          kind: m.kind,
          namespace: m.namespace,
          name: m.name,
          uid: m.uid,
        };
        void Promise.resolve(
          m.type === 'describe' ? this.deps.describe(ref) : this.deps.revealObject(ref),
        ).catch(
          (err: unknown) =>
            void vscode.window.showErrorMessage(vscode.l10n.t('Kube Events: {0}', String(err))),
        );
        return;
      }
      case 'explain':
        void Promise.resolve(
          vscode.commands.executeCommand('kubeEvents.explain', { context: m.context, key: m.key }),
        ).catch(
          (err: unknown) =>
            void vscode.window.showErrorMessage(vscode.l10n.t('Kube Events: {0}', String(err))),
        );
        return;
      case 'export':
        void Promise.resolve(this.deps.exportRows(m.format, m.ids)).catch(
          (err: unknown) =>
            void vscode.window.showErrorMessage(
              vscode.l10n.t('Kube Events: export failed: {0}', String(err)),
            ),
        );
        return;
      case 'filterChanged':
        this.deps.uiState.set(m.ui);
        return;
    }
  }

  dispose(): void {
    this.stop();
    this.pacer.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

function deltaMessage(d: PublishedDelta): HostMessage {
  return { type: 'delta', upsert: d.upsert, expire: d.expire, remove: d.remove };
}
