import type * as vscode from 'vscode';
import { Container } from './container';
import { settleShutdownWrites } from './host/shutdownWrites';

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

/**
 * deactivate: VS Code disposes context.subscriptions right after calling it, which stops every
 * informer and starts the Events history's last save; the returned promise lets that save
 * finish (at most SHUTDOWN_WRITES_MAX_MS) before the extension host exits.
 */
export function deactivate(): Promise<void> {
  return settleShutdownWrites();
}
