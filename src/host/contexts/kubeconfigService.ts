import * as vscode from 'vscode';
import type { Logger } from '../../core/util/logger';
import { kubeconfigPaths, loadKubeconfigs, type LoadedKubeconfigs } from '../../kube/kubeconfig';
import { watchKubeconfigFiles } from '../../kube/kubeconfigWatcher';

/**
 * KubeconfigService owns the merged kubeconfig: it loads the files named by the
 * `kubeEvents.kubeconfig` setting (else KUBECONFIG, else ~/.kube/config) with kubectl's merge
 * rules, watches them, and fires `onDidChange` after every reload. A malformed file is reported
 * (once per distinct error) and skipped; the other files still load.
 */
export class KubeconfigService implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<LoadedKubeconfigs>();
  readonly onDidChange = this.emitter.event;
  private watcher: vscode.Disposable | undefined;
  private paths: string[] = [];
  /** Loaded on first read (after activation: see Connections.start). */
  private loaded: LoadedKubeconfigs | undefined;
  private reported = new Set<string>();

  constructor(
    private setting: readonly string[],
    private readonly logger: Logger,
  ) {}

  /**
   * current is the last loaded merge. The files are first read (and watched) when something asks:
   * not while the extension activates.
   */
  get current(): LoadedKubeconfigs {
    return (this.loaded ??= this.load());
  }

  /** files are the paths being read. */
  get files(): readonly string[] {
    void this.current;
    return this.paths;
  }

  /** updateSetting reloads when the kubeconfig setting changed. */
  updateSetting(setting: readonly string[]): void {
    if (JSON.stringify(setting) === JSON.stringify(this.setting)) return;
    this.setting = setting;
    this.reload();
  }

  /** reload re-reads the files now. */
  reload(): void {
    this.loaded = this.load();
    this.emitter.fire(this.loaded);
  }

  private load(): LoadedKubeconfigs {
    const paths = kubeconfigPaths(this.setting);
    if (JSON.stringify(paths) !== JSON.stringify(this.paths)) {
      this.paths = paths;
      this.watcher?.dispose();
      this.watcher = watchKubeconfigFiles(paths, () => this.reload(), { debounceMs: 300 });
    }
    const loaded = loadKubeconfigs(paths);
    for (const e of loaded.errors) {
      const id = `${e.path}: ${e.message}`;
      this.logger.warn(`kubeconfig ${id}`);
      if (!this.reported.has(id)) {
        this.reported.add(id);
        void vscode.window.showWarningMessage(`Kube Events: cannot read kubeconfig ${e.path}: ${e.message}`);
      }
    }
    this.logger.info(
      `kubeconfig: ${loaded.contexts.length} context(s) from ${paths.join(', ')}` +
        (loaded.currentContext ? `; current: ${loaded.currentContext}` : ''),
    );
    return loaded;
  }

  dispose(): void {
    this.watcher?.dispose();
    this.emitter.dispose();
  }
}
