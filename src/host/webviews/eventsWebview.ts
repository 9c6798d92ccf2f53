import * as vscode from 'vscode';
import { DeltaPacer } from '../../core/stream/pacer';
import { presetNameProblem } from '../../core/stream/presets';
import type { PublishedDelta } from '../../core/stream/publisher';
import type { Event } from '../../core/util/emitter';
import {
  type CopyFormat,
  type EventRow,
  type ExportFormat,
  type HostFilter,
  type HostMessage,
  isWebviewMessage,
  type ObjectRefMessage,
  type ReplayInfo,
  type UiState,
  type WebviewMessage,
} from '../../protocol/events';
import type { ExplanationMessage, RolloutMark } from '../../protocol/explain';
import type { ExplainPanelHost } from '../explain/explainPanelHost';
import { newNonce, renderEventsHtml } from './html';
import type { PresetStore } from './presetStore';
import { snapshotChunks } from './snapshotChunks';
import type { UiStateStore } from './uiStateStore';

/**
 * RowSource is what a page reads its rows from: the live publisher (EventStreamPublisher), or a
 * replayed file whose rows never change (its onDelta never fires).
 */
export interface RowSource {
  readonly onDelta: Event<PublishedDelta>;
  flush(): void;
  rows(): EventRow[];
}

/** EventsWebviewDeps is what one Events webview (view or panel) needs from its owner. */
export interface EventsWebviewDeps {
  extensionUri: vscode.Uri;
  publisher: RowSource;
  uiState: UiStateStore;
  presets: PresetStore;
  /** Set for a page replaying an exported file (sent to the page before its snapshot). */
  replay?: ReplayInfo;
  /** Put these rows on the clipboard (ids from the page; unknown ones are ignored). */
  copyRows(format: CopyFormat, ids: readonly string[]): unknown;
  /** The command's filter to apply when the webview (re)loads, if any (taken once). */
  currentFilter(): HostFilter | null;
  /** Whether the filter box should get the focus when the webview (re)loads (taken once). */
  takeFocus?(): boolean;
  revealObject(ref: ObjectRefMessage): unknown;
  describe(ref: ObjectRefMessage): unknown;
  exportRows(format: ExportFormat, ids: readonly string[]): unknown;
  /** explainPanel builds the host side of one page's explanation panel (none: no answers). */
  explainPanel?(post: (m: ExplanationMessage) => void): ExplainPanelHost;
  /** rolloutMarks are the timeline's rollout marks; sent when the page loads and when they change. */
  rolloutMarks?: { marks(): RolloutMark[]; onDidChange(listener: () => void): { dispose(): void } };
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
  private readonly pacer = new DeltaPacer({ send: (d) => this.post(deltaMessage(d, Date.now())) });
  private readonly explainPanel: ExplainPanelHost | undefined;

  constructor(
    private readonly webview: vscode.Webview,
    private readonly deps: EventsWebviewDeps,
  ) {
    webview.options = webviewOptions(deps.extensionUri);
    this.explainPanel = deps.explainPanel?.((m) => {
      if (this.live) this.post(m);
    });
    if (this.explainPanel) this.disposables.push(this.explainPanel);
    const marks = deps.rolloutMarks;
    if (marks) this.disposables.push(marks.onDidChange(() => this.live && this.postMarks()));
    this.disposables.push(
      webview.onDidReceiveMessage((m: unknown) => this.onMessage(m)),
      deps.publisher.onDelta((d) => {
        if (this.live) this.pacer.push(d);
        else this.held?.push(deltaMessage(d));
      }),
      deps.presets.onDidChange((presets) => this.post({ type: 'presets', presets: [...presets] })),
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
    this.explainPanel?.reset();
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

  /** focusFilter puts the focus in the page's filter box; false when the page is not live. */
  focusFilter(): boolean {
    if (!this.live) return false;
    this.post({ type: 'focusFilter' });
    return true;
  }

  /** requestExport asks the page for its visible rows; false when the page is not live. */
  requestExport(format: ExportFormat): boolean {
    if (!this.live) return false;
    this.post({ type: 'requestExport', format });
    return true;
  }

  private postMarks(): void {
    const marks = this.deps.rolloutMarks?.marks();
    if (marks) this.post({ type: 'rolloutMarks', marks });
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
    if (this.deps.replay) this.post({ type: 'replay', info: this.deps.replay });
    this.post({ type: 'presets', presets: this.deps.presets.list() });
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
    this.postMarks();
    const filter = this.deps.currentFilter();
    if (filter) this.post({ type: 'setFilter', filter });
    if (this.deps.takeFocus?.()) this.post({ type: 'focusFilter' });
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
        // A replay shows a past cluster: nothing in it is looked up in today's.
        if (this.deps.replay) return;
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
        if (this.deps.replay) return;
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
      case 'explainSelect':
        this.explainPanel?.select(m);
        return;
      case 'explainStep':
      case 'openManifest':
        void Promise.resolve(
          m.type === 'explainStep' ? this.explainPanel?.step(m) : this.explainPanel?.openManifest(m),
        ).catch((err: unknown) => void vscode.window.showErrorMessage(`Kube Events: ${String(err)}`));
        return;
      case 'copy':
        void Promise.resolve(this.deps.copyRows(m.format, m.ids)).catch(
          (err: unknown) =>
            void vscode.window.showErrorMessage(vscode.l10n.t('Kube Events: copy failed: {0}', String(err))),
        );
        return;
      case 'savePreset':
        void this.savePreset(m.ui);
        return;
      case 'deletePreset':
        void this.deletePreset(m.name);
        return;
    }
  }

  /** savePreset asks for a name (bounded, see presetNameProblem) and saves the page's filters. */
  private async savePreset(ui: UiState): Promise<void> {
    const names = new Set(this.deps.presets.list().map((p) => p.name));
    const name = await vscode.window.showInputBox({
      title: vscode.l10n.t('Save Filter Preset'),
      prompt: vscode.l10n.t('A name for the current filters (text, chips, time range, sort and grouping)'),
      placeHolder: vscode.l10n.t('e.g. prod warnings'),
      validateInput: (v) => presetNameProblem(v),
    });
    if (name === undefined) return;
    try {
      await this.deps.presets.save(name, ui);
      const msg = names.has(name.trim())
        ? vscode.l10n.t('Kube Events: Replaced preset "{0}".', name.trim())
        : vscode.l10n.t('Kube Events: Saved preset "{0}".', name.trim());
      void vscode.window.setStatusBarMessage(msg, 4000);
    } catch (err) {
      void vscode.window.showErrorMessage(`Kube Events: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  /** deletePreset deletes `name`, or asks which when it is ''. */
  private async deletePreset(name: string): Promise<void> {
    let target: string | undefined = name;
    if (target === '') {
      const pick = await vscode.window.showQuickPick(
        this.deps.presets.list().map((p) => ({ label: p.name })),
        { title: vscode.l10n.t('Delete Filter Preset'), placeHolder: vscode.l10n.t('The preset to delete') },
      );
      target = pick?.label;
    }
    if (target) await this.deps.presets.delete(target);
  }

  dispose(): void {
    this.stop();
    this.pacer.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

function deltaMessage(d: PublishedDelta, sentAt?: number): HostMessage {
  return { type: 'delta', upsert: d.upsert, expire: d.expire, remove: d.remove, sentAt };
}
