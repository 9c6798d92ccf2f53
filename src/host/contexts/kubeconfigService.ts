import * as vscode from 'vscode';
import type { Logger } from '../../core/util/logger';
import { kubeconfigPaths, readKubeconfigs, type LoadedKubeconfigs } from '../../kube/kubeconfig';
import { watchKubeconfigFiles } from '../../kube/kubeconfigWatcher';

/**
 * KubeconfigService owns the merged kubeconfig: it loads the files named by the
 * `kubeEvents.kubeconfig` setting (else KUBECONFIG, else ~/.kube/config) with kubectl's merge
 * rules, asynchronously and with bounds (see readKubeconfigs), watches them, and fires
 * `onDidChange` after every reload. A malformed file is reported (once per distinct error) and
 * skipped; the other files still load. Overlapping reloads are ordered: only the newest result
 * is applied.
 */
export class KubeconfigService implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<LoadedKubeconfigs>();
  readonly onDidChange = this.emitter.event;
  private watcher: vscode.Disposable | undefined;
  private paths: string[] = [];
  private loaded: LoadedKubeconfigs = EMPTY;
  private first: Promise<LoadedKubeconfigs> | undefined;
  private generation = 0;
  private disposed = false;
  private reported = new Set<string>();

  constructor(
    private setting: readonly string[],
    private readonly logger: Logger,
  ) {}

  /** current is the last loaded merge (empty until the first load finished: see ready()). */
  get current(): LoadedKubeconfigs {
    return this.loaded;
  }

  /**
   * ready resolves with the first load's result, starting it when nothing asked before: the files
   * are not read (nor watched) while the extension activates.
   */
  ready(): Promise<LoadedKubeconfigs> {
    return (this.first ??= this.load());
  }

  /** files are the paths being read. */
  get files(): readonly string[] {
    return this.paths;
  }

  /** updateSetting reloads when the kubeconfig setting changed. */
  updateSetting(setting: readonly string[]): void {
    if (JSON.stringify(setting) === JSON.stringify(this.setting)) return;
    this.setting = setting;
    void this.reload();
  }

  /** reload re-reads the files now; resolves once the result is applied (or superseded). */
  async reload(): Promise<void> {
    await this.ready();
    const loaded = await this.load();
    if (loaded === this.loaded) this.emitter.fire(loaded);
  }

  private async load(): Promise<LoadedKubeconfigs> {
    const generation = ++this.generation;
    const paths = kubeconfigPaths(this.setting);
    if (JSON.stringify(paths) !== JSON.stringify(this.paths)) {
      this.paths = paths;
      this.watcher?.dispose();
      this.watcher = watchKubeconfigFiles(paths, () => void this.reload(), { debounceMs: 300 });
    }
    const loaded = await readKubeconfigs(paths);
    if (generation !== this.generation || this.disposed) return this.loaded;
    this.loaded = loaded;
    for (const e of loaded.errors) {
      const id = `${e.path}: ${e.message}`;
      this.logger.warn(`kubeconfig ${id}`);
      if (!this.reported.has(id)) {
        this.reported.add(id);
        void vscode.window.showWarningMessage(
          vscode.l10n.t('Kube Events: cannot read kubeconfig {0}: {1}', e.path, e.message),
        );
      }
    }
    this.logger.info(
      `kubeconfig: ${loaded.contexts.length} context(s) from ${paths.join(', ')}` +
        (loaded.currentContext ? `; current: ${loaded.currentContext}` : ''),
    );
    return loaded;
  }

  dispose(): void {
    this.disposed = true;
    this.watcher?.dispose();
    this.emitter.dispose();
  }
}

const EMPTY: LoadedKubeconfigs = {
  contexts: [],
  errors: [],
  config: { clusters: [], users: [], contexts: [] },
};
