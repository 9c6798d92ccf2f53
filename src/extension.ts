import type * as vscode from 'vscode';
import { Container } from './container';

/**
 * activate builds the container (no network I/O on this path) and starts the start-up
 * contexts' informers. Everything is owned by context.subscriptions.
 */
export function activate(context: vscode.ExtensionContext): { container: Container } {
  const container = new Container(context);
  context.subscriptions.push(container);
  container.start();
  return { container };
}

/** deactivate: VS Code disposes context.subscriptions, which stops every informer. */
export function deactivate(): void {}
