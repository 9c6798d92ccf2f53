import * as vscode from 'vscode';
import { appendToListSetting } from '../settings';
import type { TreeNode } from '../views/nodes';
import type { CommandDeps } from './deps';

/** MuteTarget is what a notification's "Mute…" action knows about its warning. */
export interface MuteTarget {
  readonly context?: string;
  readonly namespace?: string;
  readonly reason?: string;
}

/** MUTED_NOUN names what a `notifications.muted*` setting lists, for the confirmation. */
const MUTED_NOUN: Record<string, string> = {
  mutedReasons: 'reason',
  mutedNamespaces: 'namespace',
  mutedContexts: 'context',
};

function isMuteTarget(x: unknown): x is MuteTarget {
  return typeof x === 'object' && x !== null && !('type' in x);
}

/**
 * muteWarnings stops notifications for a reason, a namespace or a context, saved in the user
 * settings (`kubeEvents.notifications.muted*`). From a notification it offers that warning's
 * reason/namespace/context; from the palette it asks.
 */
export async function muteWarnings(deps: CommandDeps, arg?: MuteTarget | TreeNode): Promise<void> {
  const target: MuteTarget = isMuteTarget(arg)
    ? arg
    : arg && arg.type !== 'message'
      ? { context: arg.context, namespace: 'namespace' in arg ? arg.namespace : undefined }
      : {};
  const items: (vscode.QuickPickItem & { key: string; value: string })[] = [];
  if (target.reason)
    items.push({ label: `Mute reason “${target.reason}”`, key: 'mutedReasons', value: target.reason });
  if (target.namespace)
    items.push({
      label: `Mute namespace “${target.namespace}”`,
      key: 'mutedNamespaces',
      value: target.namespace,
    });
  if (target.context)
    items.push({ label: `Mute context “${target.context}”`, key: 'mutedContexts', value: target.context });
  items.push(
    { label: 'Mute a reason…', key: 'mutedReasons', value: '' },
    { label: 'Mute a namespace…', key: 'mutedNamespaces', value: '' },
    { label: 'Mute a context…', key: 'mutedContexts', value: '' },
  );
  const picked = await vscode.window.showQuickPick(items, { placeHolder: 'Stop Warning notifications for…' });
  if (!picked) return;
  let value = picked.value;
  if (!value) {
    if (picked.key === 'mutedContexts') {
      const ctx = await vscode.window.showQuickPick(deps.connections.contexts().map((c) => c.name));
      value = ctx ?? '';
    } else {
      value = (await vscode.window.showInputBox({ prompt: picked.label.replace('…', '') })) ?? '';
    }
  }
  value = value.trim();
  if (!value) return;
  await appendToListSetting(`notifications.${picked.key}`, value);
  void vscode.window.showInformationMessage(
    `Kube Events: muted ${MUTED_NOUN[picked.key] ?? 'warnings of'} “${value}”.`,
  );
}
