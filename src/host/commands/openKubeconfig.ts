import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { kubeconfigProblem } from '../../core/welcome/welcomeState';
import type { MessageLocation } from '../views/nodes';
import type { CommandDeps } from './deps';

/** isLocation checks a command argument (it may come from a command link: never trust it). */
function isLocation(arg: unknown): arg is MessageLocation {
  const a = arg as Record<string, unknown> | undefined;
  const pos = (v: unknown) => v === undefined || (typeof v === 'number' && Number.isInteger(v) && v > 0);
  return (
    !!a &&
    typeof a === 'object' &&
    typeof a.path === 'string' &&
    a.path !== '' &&
    pos(a.line) &&
    pos(a.column)
  );
}

/**
 * openKubeconfigError opens a kubeconfig file at the position of its error: the location given
 * (an error row of the Clusters view), else the first kubeconfig error. Says so when there is none.
 */
export async function openKubeconfigError(deps: CommandDeps, arg?: unknown): Promise<void> {
  const at = isLocation(arg) ? arg : deps.kubeconfig.current.errors.map((e) => kubeconfigProblem(e))[0];
  if (!at) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Kube Events: every kubeconfig file was read without error.'),
    );
    return;
  }
  const line = Math.max(0, (at.line ?? 1) - 1);
  const column = Math.max(0, (at.column ?? 1) - 1);
  const position = new vscode.Position(line, column);
  await vscode.window.showTextDocument(vscode.Uri.file(at.path), {
    selection: new vscode.Range(position, position),
    preview: false,
  });
}

/** openKubeconfig opens the first kubeconfig file that exists (e.g. to add a context to it). */
export async function openKubeconfig(deps: CommandDeps): Promise<void> {
  const file = deps.kubeconfig.files.find((f) => fs.existsSync(f));
  if (!file)
    throw new Error(
      vscode.l10n.t('no kubeconfig file exists (looked at {0})', deps.kubeconfig.files.join(', ')),
    );
  await vscode.window.showTextDocument(vscode.Uri.file(file), { preview: false });
}
