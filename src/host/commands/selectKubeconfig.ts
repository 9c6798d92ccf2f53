import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CommandDeps } from './deps';

/**
 * selectKubeconfig asks for one or more kubeconfig files and writes them to the machine-scoped
 * `kubeEvents.kubeconfig` setting in the user (global) settings, which VS Code keeps per machine
 * (a remote window: the remote's). The kubeconfig is re-read by the settings listener. Cancelling
 * changes nothing.
 */
export async function selectKubeconfig(_deps: CommandDeps): Promise<void> {
  const kubeDir = path.join(os.homedir(), '.kube');
  const uris = await vscode.window.showOpenDialog({
    title: vscode.l10n.t('Select kubeconfig file(s)'),
    openLabel: vscode.l10n.t('Use as kubeconfig'),
    canSelectFiles: true,
    canSelectFolders: false,
    canSelectMany: true,
    defaultUri: vscode.Uri.file(kubeDir),
  });
  if (!uris || uris.length === 0) return;
  const paths = uris.filter((u) => u.scheme === 'file').map((u) => u.fsPath);
  if (paths.length === 0) {
    throw new Error(vscode.l10n.t('a kubeconfig must be a file on the machine the extension runs on'));
  }
  await vscode.workspace
    .getConfiguration('kubeEvents')
    .update('kubeconfig', paths, vscode.ConfigurationTarget.Global);
}
