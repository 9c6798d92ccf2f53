import * as vscode from 'vscode';
import type { TreeNode } from '../views/nodes';
import { connectContext, disconnectContext, refresh } from './connection';
import type { CommandDeps } from './deps';
import { describe } from './describe';
import { explainCommand, type ExplainTarget } from './explain';
import { learnMore } from './learnMore';
import { openKubeconfig, openKubeconfigError } from './openKubeconfig';
import { selectKubeconfig } from './selectKubeconfig';
import { muteWarnings } from './muteWarnings';
import { revealOwner } from './revealOwner';
import { showRelatedEvents } from './showRelatedEvents';

/** COMMANDS maps every contributed command id to its handler: the one registry. */
const COMMANDS: Record<string, (deps: CommandDeps, arg?: never) => Promise<void>> = {
  'kubeEvents.refresh': (d, n?: TreeNode) => refresh(d, n),
  'kubeEvents.describe': (d, n?: TreeNode) => describe(d, n),
  'kubeEvents.explain': (d, a?: TreeNode | ExplainTarget) => explainCommand(d, a),
  'kubeEvents.showRelatedEvents': (d, n?: TreeNode) => showRelatedEvents(d, n),
  'kubeEvents.revealOwner': (d, n?: TreeNode) => revealOwner(d, n),
  'kubeEvents.connectContext': (d, n?: TreeNode) => connectContext(d, n),
  'kubeEvents.disconnectContext': (d, n?: TreeNode) => disconnectContext(d, n),
  'kubeEvents.muteWarnings': (d, a?: never) => muteWarnings(d, a),
  'kubeEvents.openEventsPanel': (d) => d.eventsView.openPanel(),
  'kubeEvents.exportEvents': (d) => d.eventsView.exportVisible(),
  'kubeEvents.selectKubeconfig': (d) => selectKubeconfig(d),
  'kubeEvents.openKubeconfig': (d) => openKubeconfig(d),
  'kubeEvents.openKubeconfigError': (d, a?: unknown) => openKubeconfigError(d, a),
  'kubeEvents.learnMore': (d) => learnMore(d),
};

/** registerCommands registers every command; errors become a message, never a silent failure. */
export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  return Object.entries(COMMANDS).map(([id, handler]) =>
    vscode.commands.registerCommand(id, async (arg?: never) => {
      try {
        await handler(deps, arg);
      } catch (err) {
        void vscode.window.showErrorMessage(
          vscode.l10n.t('Kube Events: {0}', err instanceof Error ? err.message : String(err)),
        );
      }
    }),
  );
}

/** COMMAND_IDS lists the registered ids (tests compare them with package.json). */
export const COMMAND_IDS: readonly string[] = Object.keys(COMMANDS);
