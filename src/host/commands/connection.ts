import type { TreeNode } from '../views/nodes';
import type { CommandDeps } from './deps';
import { pickContext } from './pickers';

/** connectContext starts watching a context (the node's, or one picked). */
export async function connectContext(deps: CommandDeps, node?: TreeNode): Promise<void> {
  const name = node?.type === 'context' ? node.context : await pickContext(deps, 'disconnected');
  if (name) deps.connections.manager.connect(name);
}

/** disconnectContext stops watching a context and drops its cache. */
export async function disconnectContext(deps: CommandDeps, node?: TreeNode): Promise<void> {
  const name = node?.type === 'context' ? node.context : await pickContext(deps, 'connected');
  if (name) deps.connections.manager.disconnect(name);
}

/** refresh re-reads the kubeconfig; a context node given is reconnected (fresh lists). */
export async function refresh(deps: CommandDeps, node?: TreeNode): Promise<void> {
  await deps.kubeconfig.reload();
  if (node?.type === 'context') deps.connections.manager.reconnect(node.context);
  deps.tree.refreshAll();
}
