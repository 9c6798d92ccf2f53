import * as vscode from 'vscode';
import { ALL_KINDS } from '../../core/kinds';
import { controllerOf } from '../../core/resources/ownership';
import { objectKey } from '../describe/describeProvider';
import type { TreeNode } from '../views/nodes';
import type { CommandDeps } from './deps';
import { pickObject } from './pickers';

/** revealOwner selects the object's controller (owner) in the Clusters tree. */
export async function revealOwner(deps: CommandDeps, node?: TreeNode): Promise<void> {
  const ref = await pickObject(deps, node);
  if (!ref) return;
  const obj = deps.connections.session(ref.context)?.store(ref.kind).get(objectKey(ref));
  const owner = obj && controllerOf(obj);
  if (!owner) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('{0} {1} has no owner.', ref.kind.kind, ref.name),
    );
    return;
  }
  const kind = ALL_KINDS.find(
    (k) => k.kind === owner.kind && owner.apiVersion === (k.group ? `${k.group}/${k.version}` : k.version),
  );
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

/** revealObject selects an object in the tree, expanding its ancestors. */
export async function revealObject(
  deps: CommandDeps,
  ref: { context: string; kind: (typeof ALL_KINDS)[number]; namespace: string | undefined; name: string },
): Promise<void> {
  const node = deps.tree.nodes.object(ref.context, ref.kind, ref.namespace, ref.name);
  await vscode.commands.executeCommand('kubeEvents.resources.focus');
  await deps.treeView.reveal(node, { select: true, focus: true, expand: false });
}
