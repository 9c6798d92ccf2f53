import type * as vscode from 'vscode';
import { Container } from './container';

/**
 * activate builds the container and returns. The start-up contexts connect right after, on the
 * next turn of the event loop: no network I/O (and no loading of the Kubernetes client) on the
 * activation path. Everything is owned by context.subscriptions.
 */
export function activate(context: vscode.ExtensionContext): { container: Container } {
  const container = new Container(context);
  context.subscriptions.push(container);
  const timer = setTimeout(() => container.start(), 0);
  context.subscriptions.push({ dispose: () => clearTimeout(timer) });
  return { container };
}

/** deactivate: VS Code disposes context.subscriptions, which stops every informer. */
export function deactivate(): void {}
