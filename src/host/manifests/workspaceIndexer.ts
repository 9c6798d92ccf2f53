import * as vscode from 'vscode';
import { ExcludeMatcher } from '../../core/manifests/exclude';
import type { ManifestIndex } from '../../core/manifests/manifestIndex';
import { DEFAULT_MAX_CHARS } from '../../core/manifests/parse';
import type { Logger } from '../../core/util/logger';

/** MANIFEST_GLOB is what the index reads. */
export const MANIFEST_GLOB = '**/*.{yaml,yml,json}';
const EXTENSION = /\.(ya?ml|json)$/i;
const SCHEMES = new Set(['file', 'untitled', 'vscode-remote']);

export interface WorkspaceIndexerOptions {
  index: ManifestIndex;
  logger: Logger;
  /** Called with the keys (URI strings) of files whose entries changed, after each batch. */
  onDidIndex: (files: string[]) => void;
  /** Files found at start at most. Default 20,000. */
  maxFiles?: number;
  /** Files read per batch; the next batch runs on a later turn. Default 100. */
  maxFilesPerTick?: number;
  /** Quiet time before a changed file is re-read. Default 300 ms. */
  debounceMs?: number;
  /** Files larger than this are skipped (and logged). Default 2 MiB. */
  maxFileBytes?: number;
}

/**
 * WorkspaceIndexer keeps a ManifestIndex in step with the workspace: it finds the YAML/JSON
 * files once (`start`), then follows file creations, changes, deletions and renames and the
 * editors' unsaved text (an open document's text wins over the disk). `node_modules`, `.git`
 * and what `files.exclude` / `search.exclude` hide are skipped. Work is bounded: changes are
 * debounced, at most `maxFilesPerTick` files are read per turn, files over `maxFileBytes` are
 * not read. It only reads files, so it works in untrusted and remote workspaces.
 */
export class WorkspaceIndexer implements vscode.Disposable {
  private readonly pending = new Map<string, vscode.Uri>();
  private readonly disposables: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private excludes = this.readExcludes();
  private started = false;
  private disposed = false;
  private draining = false;
  private readonly maxFileBytes: number;

  constructor(private readonly options: WorkspaceIndexerOptions) {
    this.maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_CHARS;
  }

  /** start finds the workspace's manifest files and starts following changes (once). */
  start(): void {
    if (this.started || this.disposed) return;
    this.started = true;
    const watcher = vscode.workspace.createFileSystemWatcher(MANIFEST_GLOB);
    this.disposables.push(
      watcher,
      watcher.onDidCreate((u) => this.queue(u)),
      watcher.onDidChange((u) => this.queue(u)),
      watcher.onDidDelete((u) => this.removeFile(u)),
      vscode.workspace.onDidRenameFiles((e) => {
        for (const { oldUri, newUri } of e.files) this.renameFile(oldUri, newUri);
      }),
      vscode.workspace.onDidOpenTextDocument((d) => this.queue(d.uri, d.languageId)),
      vscode.workspace.onDidChangeTextDocument((e) => this.queue(e.document.uri, e.document.languageId)),
      vscode.workspace.onDidCloseTextDocument((d) => this.queue(d.uri, d.languageId)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('files.exclude') || e.affectsConfiguration('search.exclude')) {
          this.excludes = this.readExcludes();
          void this.scan();
        }
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.scan()),
    );
    for (const d of vscode.workspace.textDocuments) this.queue(d.uri, d.languageId);
    void this.scan();
  }

  /** scan lists the workspace's files (bounded), queues them and drops excluded ones. */
  private async scan(): Promise<void> {
    const max = this.options.maxFiles ?? 20_000;
    const exclude = `{${this.excludes.globs.join(',')}}`;
    let uris: vscode.Uri[];
    try {
      uris = await vscode.workspace.findFiles(MANIFEST_GLOB, exclude, max);
    } catch (err) {
      this.options.logger.warn(`manifests: cannot list the workspace's files: ${String(err)}`);
      return;
    }
    if (this.disposed) return;
    if (uris.length >= max)
      this.options.logger.warn(`manifests: more than ${max} YAML/JSON files; the rest are not indexed`);
    const removed: string[] = [];
    for (const file of this.options.index.allFiles()) {
      const uri = vscode.Uri.parse(file);
      if (this.isExcluded(uri) && this.options.index.remove(file)) removed.push(file);
    }
    if (removed.length > 0) this.options.onDidIndex(removed);
    for (const u of uris) this.queue(u);
  }

  private readExcludes(): ExcludeMatcher {
    const files = vscode.workspace.getConfiguration('files').get<unknown>('exclude');
    const search = vscode.workspace.getConfiguration('search').get<unknown>('exclude');
    return new ExcludeMatcher([files, search]);
  }

  private isExcluded(uri: vscode.Uri): boolean {
    if (uri.scheme === 'untitled') return false;
    return this.excludes.excludes(vscode.workspace.asRelativePath(uri, false));
  }

  /** isCandidate: a YAML/JSON file (by name, or an untitled document's language) we may read. */
  private isCandidate(uri: vscode.Uri, languageId?: string): boolean {
    if (!SCHEMES.has(uri.scheme)) return false;
    const byName = EXTENSION.test(uri.path);
    if (!byName && !(uri.scheme === 'untitled' && (languageId === 'yaml' || languageId === 'json')))
      return false;
    return !this.isExcluded(uri);
  }

  private queue(uri: vscode.Uri, languageId?: string): void {
    if (!this.started || this.disposed || !this.isCandidate(uri, languageId)) return;
    this.pending.set(uri.toString(), uri);
    if (this.timer === undefined && !this.draining)
      this.timer = setTimeout(() => void this.drain(), this.options.debounceMs ?? 300);
  }

  private removeFile(uri: vscode.Uri): void {
    const key = uri.toString();
    this.pending.delete(key);
    if (this.options.index.remove(key)) this.options.onDidIndex([key]);
  }

  private renameFile(from: vscode.Uri, to: vscode.Uri): void {
    const a = from.toString();
    const b = to.toString();
    if (!this.isCandidate(to)) return this.removeFile(from);
    if (this.options.index.rename(a, b)) this.options.onDidIndex([a, b]);
    else this.queue(to);
  }

  /** drain reads at most `maxFilesPerTick` queued files, then yields if more are waiting. */
  private async drain(): Promise<void> {
    this.timer = undefined;
    if (this.disposed) return;
    this.draining = true;
    const batch = [...this.pending.entries()].slice(0, this.options.maxFilesPerTick ?? 100);
    for (const [key] of batch) this.pending.delete(key);
    const changed: string[] = [];
    try {
      await Promise.all(
        batch.map(async ([key, uri]) => {
          if (await this.read(key, uri)) changed.push(key);
        }),
      );
    } finally {
      this.draining = false;
    }
    if (this.disposed) return;
    if (changed.length > 0) this.options.onDidIndex(changed);
    if (this.pending.size > 0) this.timer = setTimeout(() => void this.drain(), 0);
  }

  /** read indexes one file from its open document or the disk; true when its entries may have changed. */
  private async read(key: string, uri: vscode.Uri): Promise<boolean> {
    const index = this.options.index;
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key && !d.isClosed);
    if (open) {
      const text = open.getText();
      if (text.length > this.maxFileBytes) return this.skipLarge(key, text.length);
      const before = index.get(key);
      return changedEntries(before?.entries, index.update(key, text).entries);
    }
    if (uri.scheme === 'untitled') return index.remove(key);
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.size > this.maxFileBytes) return this.skipLarge(key, stat.size);
      if ((stat.type & vscode.FileType.File) === 0) return index.remove(key);
      const bytes = await vscode.workspace.fs.readFile(uri);
      if (this.disposed) return false;
      const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
      const before = index.get(key);
      return changedEntries(before?.entries, index.update(key, text).entries);
    } catch {
      return index.remove(key); // deleted meanwhile, or unreadable
    }
  }

  private skipLarge(key: string, size: number): boolean {
    const had = this.options.index.get(key);
    if (had?.skipped !== 'too-large')
      this.options.logger.info(`manifests: skipped ${key} (${size} bytes, over ${this.maxFileBytes})`);
    this.options.index.skip(key, 'too-large');
    return (had?.entries.length ?? 0) > 0;
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending.clear();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

/** changedEntries: whether a file's entries differ in anything the views show. */
function changedEntries(
  before:
    | readonly {
        kind: string;
        name: string;
        nameLine: number;
        startLine: number;
        endLine: number;
        namespace: string | undefined;
      }[]
    | undefined,
  after: readonly {
    kind: string;
    name: string;
    nameLine: number;
    startLine: number;
    endLine: number;
    namespace: string | undefined;
  }[],
): boolean {
  if (!before || before.length !== after.length) return true;
  return before.some((b, i) => {
    const a = after[i]!;
    return (
      a.kind !== b.kind ||
      a.name !== b.name ||
      a.namespace !== b.namespace ||
      a.nameLine !== b.nameLine ||
      a.startLine !== b.startLine ||
      a.endLine !== b.endLine
    );
  });
}
