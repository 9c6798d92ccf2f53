import * as vscode from 'vscode';
import { entryNamespace, matchEntry } from '../../core/manifests/match';
import type { ManifestEntry } from '../../core/manifests/types';
import { ManifestIndex } from '../../core/manifests/manifestIndex';
import { ownerChain } from '../../core/resources/ownership';
import { ChangeCoalescer } from '../../core/util/coalescer';
import type { Logger } from '../../core/util/logger';
import type { Connections } from '../contexts/connections';
import { toVsDisposable } from '../disposables';
import { diagnosticsFor } from './diagnostics';
import type { EntryMatch } from './fileMatches';
import { createLiveCaches } from './liveCaches';
import { WorkspaceIndexer } from './workspaceIndexer';

/** MuteLists are the `kubeEvents.notifications.muted*` settings, honoured here too. */
export interface MuteLists {
  readonly mutedReasons: readonly string[];
  readonly mutedNamespaces: readonly string[];
  readonly mutedContexts: readonly string[];
}

export interface ManifestServiceOptions {
  connections: Connections;
  logger: Logger;
  /** The kubeconfig's current context (the default of `kubeEvents.manifests.context`). */
  currentContext: () => string | undefined;
  muted: () => MuteLists;
  /** Parses one YAML document (js-yaml's `load`, loaded lazily by the caller). */
  load: (text: string) => unknown;
  /** Recomputes are coalesced over this many ms. Default 100 (diagnostics within 250 ms). */
  coalesceMs?: number;
  /** Warnings age out: files with diagnostics are recomputed this often. Default 30 s. */
  ageOutMs?: number;
}

/**
 * ManifestService links the workspace's manifests to the live caches: a ManifestIndex fed by a
 * WorkspaceIndexer, a match per entry in the context chosen for its folder
 * (`kubeEvents.manifests.context`, else the kubeconfig's current context; a context NAME,
 * never a kubeconfig path, and never connected for the workspace: only a connected context
 * gives matches), and the `Kube Events` DiagnosticCollection.
 *
 * Live: object changes, event changes and context status changes mark the files whose entries
 * name the object or one of its owners (a Pod's Warning reaches the Deployment's file);
 * recomputes are coalesced (at most one per `coalesceMs`), past 2,000 files it recomputes all.
 * Nothing is indexed before `start()` (the first YAML document, see container.ts).
 */
export class ManifestService implements vscode.Disposable {
  readonly index: ManifestIndex;
  private readonly indexer: WorkspaceIndexer;
  private readonly collection = vscode.languages.createDiagnosticCollection('kube-events-manifests');
  private readonly matches = new Map<string, EntryMatch[]>();
  private readonly withDiagnostics = new Set<string>();
  private readonly dirty: ChangeCoalescer<string>;
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [];
  private started = false;
  /** onDidChange fires after matches were recomputed (CodeLens refresh). */
  readonly onDidChange = this.changeEmitter.event;

  constructor(private readonly options: ManifestServiceOptions) {
    this.index = new ManifestIndex({ load: options.load });
    this.indexer = new WorkspaceIndexer({
      index: this.index,
      logger: options.logger,
      onDidIndex: (files) => {
        for (const f of files) this.dirty.add(f);
      },
    });
    this.dirty = new ChangeCoalescer<string>({
      delayMs: options.coalesceMs ?? 100,
      maxItems: 2000,
      fire: (files) => this.recompute(files),
    });
    this.disposables.push(this.collection, this.changeEmitter, this.indexer);
  }

  /** start indexes the workspace and follows the caches (once). */
  start(): void {
    if (this.started) return;
    this.started = true;
    const { connections } = this.options;
    this.disposables.push(
      connections.onDidChangeObject((c) => {
        if (c.initial && this.index.entryCount === 0) return;
        this.touch(c.context, c.kind.kind, c.obj.metadata.name ?? '', c.obj.metadata.uid);
      }),
      toVsDisposable(
        connections.hub.onDidChange((batch) => {
          for (const change of batch) {
            const i = change.event.involved;
            this.touch(change.event.context, i.kind, i.name, i.uid);
          }
        }),
      ),
      connections.onDidChange(() => this.dirty.all()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (
          e.affectsConfiguration('kubeEvents.manifests') ||
          e.affectsConfiguration('kubeEvents.notifications')
        )
          this.dirty.all();
      }),
      new vscode.Disposable(() => this.dirty.dispose()),
    );
    const ageOut = setInterval(() => {
      for (const f of this.withDiagnostics) this.dirty.add(f);
    }, this.options.ageOutMs ?? 30_000);
    this.disposables.push(new vscode.Disposable(() => clearInterval(ageOut)));
    this.indexer.start();
  }

  /** contextFor is the context chosen for a file's folder. */
  contextFor(uri: vscode.Uri): string | undefined {
    const folder = uri.scheme === 'untitled' ? undefined : uri;
    const v = vscode.workspace.getConfiguration('kubeEvents.manifests', folder).get<unknown>('context');
    return typeof v === 'string' && v.trim() !== '' ? v.trim() : this.options.currentContext();
  }

  /** enabledFor reads `kubeEvents.manifests.enabled` for a file. */
  enabledFor(uri: vscode.Uri): boolean {
    return (
      vscode.workspace.getConfiguration('kubeEvents.manifests', uri).get<boolean>('enabled', true) !== false
    );
  }

  /** matchesFor returns a file's entries and matches (computed now when not cached). */
  matchesFor(uri: vscode.Uri): readonly EntryMatch[] {
    const key = uri.toString();
    const cached = this.matches.get(key);
    if (cached) return cached;
    const computed = this.compute(uri);
    this.matches.set(key, computed);
    return computed;
  }

  /**
   * definitionsOf lists the indexed entries that define an object of `context`: same kind and
   * name, and the same namespace once the context's default is applied to entries without one.
   */
  definitionsOf(context: string, kind: string, namespace: string | undefined, name: string): ManifestEntry[] {
    const caches = createLiveCaches(this.options.connections, context);
    return this.index.defining(kind, name).filter((e) => {
      if (this.contextFor(vscode.Uri.parse(e.file)) !== context) return false;
      if (!caches) return true;
      return entryNamespace(e, caches) === namespace;
    });
  }

  /** touch marks the files defining an object, or one of its owners, of `context`. */
  private touch(context: string, kind: string, name: string, uid: string | undefined): void {
    if (this.index.entryCount === 0) return;
    for (const e of this.index.defining(kind, name)) this.dirty.add(e.file);
    if (!uid) return;
    const lookup = this.options.connections.ownerLookup(context);
    const self = lookup?.byUid(uid);
    if (!lookup || !self) return;
    for (const owner of ownerChain(self.obj, lookup))
      for (const e of this.index.defining(owner.kind, owner.obj.metadata.name ?? '')) this.dirty.add(e.file);
  }

  private compute(uri: vscode.Uri): EntryMatch[] {
    const entries = this.index.entries(uri.toString());
    if (entries.length === 0 || !this.enabledFor(uri)) return [];
    const context = this.contextFor(uri);
    const status = context ? this.options.connections.status(context).phase : 'disconnected';
    const caches =
      context && status !== 'connecting' && status !== 'disconnected'
        ? createLiveCaches(this.options.connections, context)
        : undefined;
    if (!caches) return entries.map((entry) => ({ entry, match: { state: 'unavailable', context, status } }));
    const muted = this.options.muted();
    const now = Date.now();
    return entries.map((entry) => ({ entry, match: matchEntry(entry, caches, { now, ...muted }) }));
  }

  /** recompute refreshes the matches and diagnostics of `files` (undefined: every indexed file). */
  private recompute(files: string[] | undefined): void {
    const keys = files ?? [
      ...new Set([...this.index.allFiles(), ...this.withDiagnostics, ...this.matches.keys()]),
    ];
    for (const key of keys) {
      const uri = vscode.Uri.parse(key);
      this.matches.delete(key);
      if (this.index.entries(key).length === 0) {
        if (this.withDiagnostics.delete(key)) this.collection.delete(uri);
        continue;
      }
      const diagnostics = diagnosticsFor(this.matchesFor(uri));
      if (diagnostics.length > 0) {
        this.collection.set(uri, diagnostics);
        this.withDiagnostics.add(key);
      } else if (this.withDiagnostics.delete(key)) {
        this.collection.delete(uri);
      }
    }
    this.changeEmitter.fire();
  }

  dispose(): void {
    for (const d of this.disposables.splice(0).reverse()) d.dispose();
    this.matches.clear();
    this.withDiagnostics.clear();
  }
}
