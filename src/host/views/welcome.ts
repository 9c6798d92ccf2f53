import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  type KubeconfigProblem,
  kubeconfigProblem,
  kubeconfigSource,
  type WelcomeState,
  welcomeState,
} from '../../core/welcome/welcomeState';
import type { Connections } from '../contexts/connections';
import type { KubeconfigService } from '../contexts/kubeconfigService';

/** STATE_KEY is the context key the `viewsWelcome` entries of package.json read. */
export const STATE_KEY = 'kubeEvents.state';
/** SOURCE_KEY says where the kubeconfig paths came from: `setting`, `env` or `default`. */
export const SOURCE_KEY = 'kubeEvents.kubeconfigSource';

/** messageFor is the Clusters view's message (TreeView.message) for the states that have rows. */
function messageFor(state: WelcomeState): string | undefined {
  switch (state) {
    case 'parseError':
      return vscode.l10n.t(
        'Kube Events cannot read the kubeconfig. Click the error to open the file where it is; once you save a fix it is read again.',
      );
    case 'allDisconnected':
      return vscode.l10n.t(
        'No context is connected. Expand a context to connect it, or run "Kube Events: Connect Context".',
      );
    default:
      return undefined;
  }
}

export interface WelcomeViewOptions {
  connections: Connections;
  kubeconfig: KubeconfigService;
  treeView: vscode.TreeView<unknown>;
  /** The `kubeEvents.kubeconfig` setting. */
  setting: () => readonly string[];
  /** Re-renders the tree (its kubeconfig error rows changed). */
  refreshTree: () => void;
  /** The extension host's KUBECONFIG (default: process.env.KUBECONFIG). */
  kubeconfigEnv?: () => string | undefined;
  /** Whether a file exists (default: fs.existsSync). */
  exists?: (file: string) => boolean;
}

/**
 * WelcomeView keeps the Clusters view's empty states in step with the kubeconfig and the
 * contexts: it sets the `kubeEvents.state` and `kubeEvents.kubeconfigSource` context keys (the
 * `viewsWelcome` content of package.json shows for noKubeconfig and noContexts, when the tree is
 * empty), sets the view's message when the tree has rows that need a word (kubeconfig errors,
 * every context disconnected), and refreshes the tree when the kubeconfig's errors change.
 * Context keys are set only when they change.
 */
export class WelcomeView implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private readonly keys = new Map<string, string>();
  private lastProblems = '[]';
  private current: WelcomeState = 'loading';

  constructor(private readonly options: WelcomeViewOptions) {
    const { connections, kubeconfig } = options;
    this.disposables.push(
      connections.onDidChange(() => this.update()),
      kubeconfig.onDidChange(() => this.update()),
    );
    void connections.whenStarted.then(() => this.update());
    this.update();
  }

  /** state is the view's current state. */
  get state(): WelcomeState {
    return this.current;
  }

  /** problems are the kubeconfig files that could not be read (none before start). */
  problems(): KubeconfigProblem[] {
    if (!this.options.connections.started) return [];
    return this.options.kubeconfig.current.errors.map((e) => kubeconfigProblem(e, vscode.l10n));
  }

  private update(): void {
    const { connections, kubeconfig } = this.options;
    const exists = this.options.exists ?? fs.existsSync;
    const started = connections.started;
    const problems = this.problems();
    this.current = welcomeState({
      started,
      existingFiles: started ? kubeconfig.files.filter((f) => exists(f)).length : 0,
      problems,
      phases: started ? connections.contexts().map((c) => connections.status(c.name).phase) : [],
    });
    const env = (this.options.kubeconfigEnv ?? (() => process.env.KUBECONFIG))();
    this.setKey(SOURCE_KEY, kubeconfigSource(this.options.setting(), env, path.delimiter));
    this.setKey(STATE_KEY, this.current);
    const message = messageFor(this.current);
    if (this.options.treeView.message !== message) this.options.treeView.message = message;
    const key = JSON.stringify(problems);
    if (key !== this.lastProblems) {
      this.lastProblems = key;
      this.options.refreshTree();
    }
  }

  private setKey(key: string, value: string): void {
    if (this.keys.get(key) === value) return;
    this.keys.set(key, value);
    void vscode.commands.executeCommand('setContext', key, value);
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
