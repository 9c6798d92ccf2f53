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

/** mutedMessage is the confirmation that `value` was added to a `notifications.muted*` setting. */
function mutedMessage(key: string, value: string): string {
  switch (key) {
    case 'mutedReasons':
      return vscode.l10n.t('Kube Events: muted reason “{0}”.', value);
    case 'mutedNamespaces':
      return vscode.l10n.t('Kube Events: muted namespace “{0}”.', value);
    case 'mutedContexts':
      return vscode.l10n.t('Kube Events: muted context “{0}”.', value);
    default:
      return vscode.l10n.t('Kube Events: muted warnings of “{0}”.', value);
  }
}

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
  const items: (vscode.QuickPickItem & { key: string; value: string; prompt?: string })[] = [];
  if (target.reason)
    items.push({
      label: vscode.l10n.t('Mute reason “{0}”', target.reason),
      key: 'mutedReasons',
      value: target.reason,
    });
  if (target.namespace)
    items.push({
      label: vscode.l10n.t('Mute namespace “{0}”', target.namespace),
      key: 'mutedNamespaces',
      value: target.namespace,
    });
  if (target.context)
    items.push({
      label: vscode.l10n.t('Mute context “{0}”', target.context),
      key: 'mutedContexts',
      value: target.context,
    });
  items.push(
    {
      label: vscode.l10n.t('Mute a reason…'),
      key: 'mutedReasons',
      value: '',
      prompt: vscode.l10n.t('Mute a reason'),
    },
    {
      label: vscode.l10n.t('Mute a namespace…'),
      key: 'mutedNamespaces',
      value: '',
      prompt: vscode.l10n.t('Mute a namespace'),
    },
    { label: vscode.l10n.t('Mute a context…'), key: 'mutedContexts', value: '' },
  );
  const picked = await vscode.window.showQuickPick(items, {
    placeHolder: vscode.l10n.t('Stop Warning notifications for…'),
  });
  if (!picked) return;
  let value = picked.value;
  if (!value) {
    if (picked.key === 'mutedContexts') {
      const ctx = await vscode.window.showQuickPick(deps.connections.contexts().map((c) => c.name));
      value = ctx ?? '';
    } else {
      value = (await vscode.window.showInputBox({ prompt: picked.prompt })) ?? '';
    }
  }
  value = value.trim();
  if (!value) return;
  await appendToListSetting(`notifications.${picked.key}`, value);
  void vscode.window.showInformationMessage(mutedMessage(picked.key, value));
}
