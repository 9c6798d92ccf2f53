import * as vscode from 'vscode';
import type { ClusterSession } from '../../core/cluster/clusterSession';
import { apiVersionOf, kindId, type ResourceKind } from '../../core/kinds';
import { serverText } from '../../core/text/serverText';
import type { ObjectRef } from '../describe/describeUri';
import { phaseText } from '../contexts/statusText';
import { kindTitle, sectionTitle } from '../views/items';
import type { TreeNode } from '../views/nodes';
import { CLUSTER_KINDS, NAMESPACED_KINDS } from '../views/resourceTree';
import type { CommandDeps } from './deps';
import { kindPickRows, objectPickState, type ObjectPickState } from './pickRows';

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
 * kind (every kind the context serves, under the tree's section headings) and object. Picking a
 * lazy kind starts its informer for the time of the pick (see pickObjectOfKind).
 */
export async function pickObject(deps: CommandDeps, node?: TreeNode): Promise<ObjectRef | undefined> {
  const fromNode = refOfNode(node);
  if (fromNode) return fromNode;
  const context = await pickContext(deps, 'connected');
  if (!context) return undefined;
  const session = deps.connections.session(context);
  if (!session) return undefined;
  const kind = await pickKind(deps, context, session);
  if (!kind) return undefined;
  return pickObjectOfKind(deps, context, session, kind);
}

type KindItem = vscode.QuickPickItem & { resource?: ResourceKind };

/** pickKind asks for a kind of `context`: the eager kinds first, then the discovered ones by section. */
async function pickKind(
  deps: CommandDeps,
  context: string,
  session: ClusterSession,
): Promise<ResourceKind | undefined> {
  const rows = kindPickRows(deps.connections.kindsOf(context), [...NAMESPACED_KINDS, ...CLUSTER_KINDS]);
  const items: KindItem[] = rows.map((r) =>
    r.type === 'section'
      ? { label: sectionTitle(r.section), kind: vscode.QuickPickItemKind.Separator }
      : { label: kindTitle(r.kind), description: kindDescription(session, r.kind), resource: r.kind },
  );
  const picked = await vscode.window.showQuickPick(items, {
    placeHolder: vscode.l10n.t('Kind'),
    matchOnDescription: true,
  });
  return picked?.resource;
}

/**
 * kindDescription: the object count of a kind cached now, and a lazy kind's apiVersion. A lazy
 * kind counts only when cached cluster-wide (one opened in some namespaces holds those only).
 */
function kindDescription(session: ClusterSession, kind: ResourceKind): string {
  const wide = session.isEager(kind) || session.kindStatusOf(kind).phase !== 'idle';
  const size = wide ? session.storeOf(kind)?.size : undefined;
  if (session.isEager(kind)) return String(size ?? 0);
  return size === undefined ? apiVersionOf(kind) : `${size} · ${apiVersionOf(kind)}`;
}

type ObjectItem = vscode.QuickPickItem & { ref?: { namespace: string | undefined; name: string } };

/** How often the object pick re-renders while the kind's objects change. */
const PICK_REFRESH_MS = 250;

/**
 * pickObjectOfKind lists `kind`'s objects from the cache. A lazy kind is acquired while the pick
 * is open (its informer starts if it was not running) and released when the pick closes, picked
 * or not. The pick spans every namespace, so its lease is cluster-wide (the tree's namespace
 * leases ride on it meanwhile, and get their own watches back without churn after it); meanwhile the pick is busy with a "Loading…" row until the first list is in, shows a
 * forbidden kind as such, and follows the kind's changes (re-rendered at most every 250 ms).
 */
export function pickObjectOfKind(
  deps: CommandDeps,
  context: string,
  session: ClusterSession,
  kind: ResourceKind,
): Promise<ObjectRef | undefined> {
  return new Promise((resolve) => {
    const qp = vscode.window.createQuickPick<ObjectItem>();
    qp.matchOnDescription = true;
    const lease = session.acquire(kind);
    let timer: ReturnType<typeof setTimeout> | undefined;
    let settled = false;
    const render = () => {
      timer = undefined;
      const state = objectPickState(session.kindStatusOf(kind), session.storeOf(kind)?.list() ?? []);
      qp.busy = state.busy;
      const namespaces = new Set(state.objects.map((o) => o.namespace ?? ''));
      qp.placeholder = kind.namespaced
        ? vscode.l10n.t('{0} ({1} namespaces)', kindTitle(kind), namespaces.size)
        : kindTitle(kind);
      const note = noteItem(state.note, kind, context);
      qp.items = [
        ...(note ? [note] : []),
        // Cluster text shown as text; the ref keeps the raw name.
        ...state.objects.map((o) => ({
          label: serverText(o.name, 'treeLabel'),
          description: o.namespace === undefined ? undefined : serverText(o.namespace, 'treeLabel'),
          ref: o,
        })),
      ];
    };
    const later = () => {
      if (timer === undefined && !settled) timer = setTimeout(render, PICK_REFRESH_MS);
    };
    const id = kindId(kind);
    const subs = [
      deps.connections.onDidChangeKinds((c) => {
        if (c.context === context && c.kind && kindId(c.kind) === id) later();
      }),
      deps.connections.onDidChangeObject((c) => {
        if (c.context === context && kindId(c.kind) === id) later();
      }),
    ];
    const done = (ref: ObjectRef | undefined) => {
      if (settled) return;
      settled = true;
      if (timer !== undefined) clearTimeout(timer);
      for (const s of subs) s.dispose();
      lease.dispose();
      qp.dispose();
      resolve(ref);
    };
    qp.onDidAccept(() => {
      const picked = qp.selectedItems[0]?.ref;
      if (picked) done({ context, kind, namespace: picked.namespace, name: picked.name });
    });
    qp.onDidHide(() => done(undefined));
    render();
    qp.show();
  });
}

/** noteItem is the row saying why objects are missing (never a pick target). */
function noteItem(
  note: ObjectPickState['note'],
  kind: ResourceKind,
  context: string,
): ObjectItem | undefined {
  if (!note) return undefined;
  switch (note.type) {
    case 'loading':
      return { label: `$(loading~spin) ${vscode.l10n.t('Loading…')}`, alwaysShow: true };
    case 'forbidden':
      return {
        label: `$(warning) ${vscode.l10n.t('Listing {0} is forbidden in {1}.', kind.kind, context)}`,
        detail: serverText(note.error, 'notification'),
        alwaysShow: true,
      };
    case 'unauthorized':
      return {
        label: `$(error) ${vscode.l10n.t('Credentials rejected by {0}.', context)}`,
        detail: serverText(note.error, 'notification'),
        alwaysShow: true,
      };
    case 'retrying':
      return {
        label: `$(sync~spin) ${vscode.l10n.t('Retrying…')}`,
        detail: serverText(note.error, 'notification'),
        alwaysShow: true,
      };
    case 'empty':
      return { label: vscode.l10n.t('No {0} in {1}.', kindTitle(kind), context), alwaysShow: true };
    case 'more':
      return { label: vscode.l10n.t('{0} more not listed.', note.count), alwaysShow: true };
  }
}
