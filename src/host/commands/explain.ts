import * as vscode from 'vscode';
import type { ContextEvent } from '../../core/events/hub';
import { descendants } from '../../core/resources/ownership';
import { sanitizeText } from '../../core/notify/sanitize';
import { objectKey } from '../describe/describeProvider';
import { openExplanation } from '../explain/explainProvider';
import type { TreeNode } from '../views/nodes';
import type { CommandDeps } from './deps';
import { refOfNode } from './pickers';

/** ExplainTarget is the explain command's argument from a notification or the Events view. */
export interface ExplainTarget {
  context: string;
  /** The event's key (`namespace/name`), as in ContextEvent.key. */
  key: string;
}

function isExplainTarget(v: unknown): v is ExplainTarget {
  const t = v as Partial<ExplainTarget> | undefined;
  return typeof t === 'object' && t !== null && typeof t.context === 'string' && typeof t.key === 'string';
}

const newestFirst = (a: ContextEvent, b: ContextEvent) => (b.lastSeen || 0) - (a.lastSeen || 0);

/**
 * explainCommand opens the explanation of a Warning: the event named by an ExplainTarget; for
 * an object of the tree, its newest Warning or its descendants' (a Deployment's Pods); else a
 * quick pick of the live Warnings, newest first.
 */
export async function explainCommand(deps: CommandDeps, arg?: TreeNode | ExplainTarget): Promise<void> {
  const hub = deps.connections.hub;
  if (isExplainTarget(arg)) {
    const event = hub.list().find((e) => e.context === arg.context && e.key === arg.key);
    if (!event) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t('Kube Events: that event is no longer in the cache.'),
      );
      return;
    }
    return openExplanation(event);
  }
  const warnings = hub.list().filter((e) => e.type === 'Warning');
  const ref = refOfNode(arg as TreeNode | undefined);
  if (ref) {
    const obj = deps.connections.session(ref.context)?.storeOf(ref.kind)?.get(objectKey(ref));
    const uid = obj?.metadata.uid;
    const lookup = deps.connections.ownerLookup(ref.context);
    const uids = new Set<string>(uid ? [uid] : []);
    if (uid && lookup)
      for (const d of descendants(uid, lookup)) if (d.obj.metadata.uid) uids.add(d.obj.metadata.uid);
    const mine = warnings
      .filter((e) => e.context === ref.context && uids.has(e.involved.uid))
      .sort(newestFirst);
    if (mine.length === 0) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t('Kube Events: no Warning events for {0}.', `${ref.kind.kind}/${ref.name}`),
      );
      return;
    }
    return openExplanation(mine[0]!);
  }
  if (warnings.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Kube Events: no Warning events to explain.'));
    return;
  }
  const items = warnings
    .sort(newestFirst)
    .slice(0, 500)
    .map((e) => ({
      label: `${sanitizeText(e.reason, 80)} · ${sanitizeText(e.involved.kind, 40)}/${sanitizeText(e.involved.name, 120)}`,
      description: `${sanitizeText(e.context, 60)}${e.namespace ? ` · ${sanitizeText(e.namespace, 63)}` : ''}`,
      detail: sanitizeText(e.message, 200),
      event: e,
    }));
  const picked = await vscode.window.showQuickPick(items, {
    placeHolder: vscode.l10n.t('Explain which Warning?'),
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (picked) await openExplanation(picked.event);
}
