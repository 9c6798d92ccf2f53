import * as vscode from 'vscode';
import type { ResourceKind } from '../../core/kinds';
import { controllerOf } from '../../core/resources/ownership';
import { objectKey } from '../describe/describeProvider';
import type { TreeNode } from '../views/nodes';
import type { CommandDeps } from './deps';
import { pickObject } from './pickers';

/** revealOwner selects the object's controller (owner) in the Clusters tree. */
export async function revealOwner(deps: CommandDeps, node?: TreeNode): Promise<void> {
  const ref = await pickObject(deps, node);
  if (!ref) return;
  const obj = deps.connections.session(ref.context)?.storeOf(ref.kind)?.get(objectKey(ref));
  const owner = obj && controllerOf(obj);
  if (!owner) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('{0} {1} has no owner.', ref.kind.kind, ref.name),
    );
    return;
  }
  const kind = deps.connections.resolveKind(ref.context, owner.kind, owner.apiVersion);
  if (!kind) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Owner {0} {1} is not a kind Kube Events shows.', owner.kind, owner.name),
    );
    return;
  }
  await revealObject(deps, {
    context: ref.context,
    kind,
    namespace: kind.namespaced ? ref.namespace : undefined,
    name: owner.name,
  });
}

/**
 * revealObject selects an object in the tree, expanding its ancestors. An object of a lazy kind
 * has its kind started first (and its first list awaited, bounded) so the tree can find it.
 */
export async function revealObject(
  deps: CommandDeps,
  ref: { context: string; kind: ResourceKind; namespace: string | undefined; name: string },
): Promise<void> {
  const node = deps.tree.nodes.object(ref.context, ref.kind, ref.namespace, ref.name);
  if (node.parent?.type === 'kind') await deps.tree.prepareReveal(node.parent);
  await vscode.commands.executeCommand('kubeEvents.resources.focus');
  await deps.treeView.reveal(node, { select: true, focus: true, expand: false });
}
