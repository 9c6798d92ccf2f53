import * as vscode from 'vscode';
import type { ContextEvent } from '../../core/events/hub';
import { eventId } from '../../core/events/hub';
import { LeaseRounds } from '../../core/explain/revisionLeases';
import type { Connections } from '../contexts/connections';
import { toVsDisposable } from '../disposables';
import type { ExplainService } from './explainService';

/** EXPLAIN_SCHEME is the scheme of the read-only explanation documents. */
export const EXPLAIN_SCHEME = 'kube-explain';

/** explainUri names the explanation of one event: `kube-explain:/Explain REASON NAME.md?context=…&key=…`. */
export function explainUri(event: Pick<ContextEvent, 'context' | 'key' | 'reason' | 'involved'>): vscode.Uri {
  const title = `Explain ${event.reason} ${event.involved.name}`.replace(/[^\w .-]+/g, '_').slice(0, 120);
  return vscode.Uri.from({
    scheme: EXPLAIN_SCHEME,
    path: `/${title}.md`,
    query: new URLSearchParams({ context: event.context, key: event.key }).toString(),
  });
}

/** parseExplainUri returns the event id an explanation document is about. */
export function parseExplainUri(uri: vscode.Uri): string | undefined {
  if (uri.scheme !== EXPLAIN_SCHEME) return undefined;
  const q = new URLSearchParams(uri.query);
  const context = q.get('context');
  const key = q.get('key');
  return context && key ? eventId(context, key) : undefined;
}

/**
 * ExplainProvider serves `kube-explain:` documents (Markdown text, read-only): the explanation
 * of one event from the caches. Open documents re-render at most once a second while anything
 * in their context changes, so the text follows the cause (a node frees CPU, a secret appears).
 * An event that expired keeps its last explanation. While a document is open it keeps the lazy
 * informers its explanation reads (ControllerRevisions for a StatefulSet's or DaemonSet's pod)
 * running; closing it releases them.
 */
export class ExplainProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly last = new Map<string, string>();
  /** The leases of each open document, by URI. */
  private readonly leases = new Map<string, LeaseRounds>();
  private readonly dirty = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly connections: Connections,
    private readonly service: ExplainService,
  ) {
    this.disposables.push(
      this.emitter,
      vscode.workspace.registerTextDocumentContentProvider(EXPLAIN_SCHEME, this),
      connections.onDidChangeObject(({ context }) => this.touch(context)),
      toVsDisposable(
        connections.hub.onDidChange((changes) => changes.forEach((c) => this.touch(c.event.context))),
      ),
      connections.onDidChangeKinds(({ context }) => this.touch(context)),
      vscode.workspace.onDidCloseTextDocument((d) => {
        const key = d.uri.toString();
        this.last.delete(key);
        this.leases.get(key)?.dispose();
        this.leases.delete(key);
      }),
    );
  }

  private touch(context: string): void {
    for (const doc of vscode.workspace.textDocuments) {
      if (doc.uri.scheme !== EXPLAIN_SCHEME) continue;
      if (new URLSearchParams(doc.uri.query).get('context') === context) this.dirty.add(doc.uri.toString());
    }
    if (this.dirty.size > 0 && this.timer === undefined) this.timer = setTimeout(() => this.flush(), 1000);
  }

  private flush(): void {
    this.timer = undefined;
    for (const s of this.dirty) this.emitter.fire(vscode.Uri.parse(s));
    this.dirty.clear();
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const id = parseExplainUri(uri);
    if (!id) return vscode.l10n.t('Not a Kube Events explanation.') + '\n';
    const event = this.connections.hub.get(id);
    const key = uri.toString();
    if (!event) {
      this.leases.get(key)?.clear();
      const before = this.last.get(key);
      return before
        ? `${before}\n---\n${vscode.l10n.t('This event has expired from the cluster; the explanation above is the last one computed.')}\n`
        : vscode.l10n.t('This event is not in the cache (expired, or its context is not connected).') + '\n';
    }
    let leases = this.leases.get(key);
    if (!leases) this.leases.set(key, (leases = new LeaseRounds()));
    const text = leases.round((holder) => this.service.render(event, holder));
    this.last.set(key, text);
    return text;
  }

  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    for (const l of this.leases.values()) l.dispose();
    this.leases.clear();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

/** openExplanation shows the explanation document of `event` beside the active editor. */
export async function openExplanation(event: ContextEvent): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(explainUri(event));
  await vscode.languages.setTextDocumentLanguage(doc, 'markdown');
  await vscode.window.showTextDocument(doc, { preview: true, viewColumn: vscode.ViewColumn.Beside });
}
