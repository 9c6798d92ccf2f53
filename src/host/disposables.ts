import * as vscode from 'vscode';

/** toVsDisposable adapts a core Disposable to VS Code's. */
export function toVsDisposable(d: { dispose(): void }): vscode.Disposable {
  return new vscode.Disposable(() => d.dispose());
}
