import * as vscode from 'vscode';
import { NAMESPACE_INDEX } from '../../core/cache/indexers';
import type { ResourceKind } from '../../core/kinds';
import type { ObjectRef } from '../describe/describeUri';
import { phaseText } from '../contexts/statusText';
import { kindTitle } from '../views/items';
import type { TreeNode } from '../views/nodes';
import { CLUSTER_KINDS, NAMESPACED_KINDS } from '../views/resourceTree';
import type { CommandDeps } from './deps';

/** refOfNode turns an object tree node into an ObjectRef. */
export function refOfNode(node: TreeNode | undefined): ObjectRef | undefined {
  if (node?.type !== 'object') return undefined;
  return { context: node.context, kind: node.kind, namespace: node.namespace, name: node.name };
}

/** pickContext asks for a context, optionally only connected / disconnected ones. */
export async function pickContext(
  deps: CommandDeps,
  filter: 'connected' | 'disconnected' | 'any' = 'any',
): Promise<string | undefined> {
  const items = deps.connections
    .contexts()
    .map((c) => ({ c, status: deps.connections.status(c.name) }))
    .filter(({ status }) =>
      filter === 'any'
        ? true
        : filter === 'connected'
          ? status.phase !== 'disconnected'
          : status.phase === 'disconnected',
    )
    .map(({ c, status }) => ({
      label: c.name,
      description: phaseText(status.phase, vscode.l10n),
      detail: c.server,
    }));
  if (items.length === 0) {
    void vscode.window.showInformationMessage(
      filter === 'connected'
        ? vscode.l10n.t('Kube Events: no connected context.')
        : filter === 'disconnected'
          ? vscode.l10n.t('Kube Events: no disconnected context.')
          : vscode.l10n.t('Kube Events: no context.'),
    );
    return undefined;
  }
  if (items.length === 1 && filter !== 'any') return items[0]!.label;
  const picked = await vscode.window.showQuickPick(items, { placeHolder: vscode.l10n.t('Context') });
  return picked?.label;
}

/**
 * pickObject resolves a command's target: the tree node given, else a quick pick of context,
 * kind and object (from the cache; no network).
 */
export async function pickObject(deps: CommandDeps, node?: TreeNode): Promise<ObjectRef | undefined> {
  const fromNode = refOfNode(node);
  if (fromNode) return fromNode;
  const context = await pickContext(deps, 'connected');
  if (!context) return undefined;
  const session = deps.connections.session(context);
  if (!session) return undefined;
  const kinds: ResourceKind[] = [...NAMESPACED_KINDS, ...CLUSTER_KINDS];
  const kindPick = await vscode.window.showQuickPick(
    kinds.map((k) => ({ label: kindTitle(k), description: String(session.store(k).size), resource: k })),
    { placeHolder: vscode.l10n.t('Kind') },
  );
  if (!kindPick) return undefined;
  const store = session.store(kindPick.resource);
  const objects = store.list().sort((a, b) => keyOf(a).localeCompare(keyOf(b)));
  const objPick = await vscode.window.showQuickPick(
    objects.map((o) => ({
      label: o.metadata.name ?? '',
      description: o.metadata.namespace,
      namespace: o.metadata.namespace,
    })),
    {
      placeHolder: vscode.l10n.t(
        '{0} ({1} namespaces)',
        kindTitle(kindPick.resource),
        store.indexValues(NAMESPACE_INDEX).length,
      ),
      matchOnDescription: true,
    },
  );
  if (!objPick) return undefined;
  return { context, kind: kindPick.resource, namespace: objPick.namespace, name: objPick.label };
}

function keyOf(o: { metadata: { namespace?: string; name?: string } }): string {
  return `${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`;
}
