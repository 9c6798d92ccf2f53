import * as vscode from 'vscode';
import type { CommandDeps } from '../commands/deps';
import { openDescribe } from '../commands/describe';
import { revealObject } from '../commands/revealOwner';
import type { ObjectRef } from '../describe/describeUri';
import { appendToListSetting } from '../settings';
import { resourceKind } from './liveCaches';
import { openManifest, type ManifestLookup } from './openManifest';

/**
 * ManifestTarget is the plain-JSON argument of the manifest commands (CodeLens, quick fixes):
 * what a manifest document defines, in which context.
 */
export interface ManifestTarget {
  readonly context: string;
  readonly kind: string;
  readonly namespace: string | undefined;
  readonly name: string;
  /** For Mute reason. */
  readonly reason?: string;
}

/** MANIFEST_COMMANDS are the ids the manifest lenses and quick fixes run (not in the palette). */
export const MANIFEST_COMMANDS = {
  showEvents: 'kubeEvents.manifests.showEvents',
  describe: 'kubeEvents.manifests.describe',
  reveal: 'kubeEvents.manifests.revealInTree',
  muteReason: 'kubeEvents.manifests.muteReason',
  connect: 'kubeEvents.manifests.connect',
  openManifest: 'kubeEvents.manifests.openManifest',
} as const;

function isTarget(x: unknown): x is ManifestTarget {
  const t = x as ManifestTarget;
  return (
    typeof t === 'object' &&
    t !== null &&
    typeof t.context === 'string' &&
    typeof t.kind === 'string' &&
    typeof t.name === 'string'
  );
}

/** refOf resolves a target to an ObjectRef of a kind the extension shows. */
export function refOf(t: ManifestTarget): ObjectRef | undefined {
  const kind = resourceKind(t.kind);
  if (!kind) return undefined;
  return { context: t.context, kind, namespace: kind.namespaced ? t.namespace : undefined, name: t.name };
}

async function withRef(arg: unknown, run: (ref: ObjectRef) => PromiseLike<unknown>): Promise<void> {
  const ref = isTarget(arg) ? refOf(arg) : undefined;
  if (!ref) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Kube Events: this manifest is not an object Kube Events shows.'),
    );
    return;
  }
  await run(ref);
}

/**
 * registerManifestCommands registers the manifest commands. Show Events, Describe and Reveal
 * reuse the tree's commands on the object's tree node; Mute reason adds the reason to
 * `kubeEvents.notifications.mutedReasons` (which the manifests honour too); Open manifest goes
 * from an object (a tree node) to the workspace file that defines it.
 */
export function registerManifestCommands(deps: CommandDeps, manifests: ManifestLookup): vscode.Disposable[] {
  const handlers: Record<string, (arg: unknown) => Promise<void>> = {
    [MANIFEST_COMMANDS.showEvents]: (a) =>
      withRef(a, (r) =>
        vscode.commands.executeCommand(
          'kubeEvents.showRelatedEvents',
          deps.tree.nodes.object(r.context, r.kind, r.namespace, r.name),
        ),
      ),
    [MANIFEST_COMMANDS.describe]: (a) => withRef(a, (r) => openDescribe(r)),
    [MANIFEST_COMMANDS.reveal]: (a) => withRef(a, (r) => revealObject(deps, r)),
    [MANIFEST_COMMANDS.muteReason]: async (a) => {
      const reason = isTarget(a) ? a.reason : undefined;
      if (!reason) return;
      await appendToListSetting('notifications.mutedReasons', reason);
      void vscode.window.showInformationMessage(vscode.l10n.t('Kube Events: muted reason “{0}”.', reason));
    },
    [MANIFEST_COMMANDS.openManifest]: (a) => openManifest(manifests, a),
    [MANIFEST_COMMANDS.connect]: async (a) => {
      if (isTarget(a)) deps.connections.manager.connect(a.context);
    },
  };
  return Object.entries(handlers).map(([id, handler]) =>
    vscode.commands.registerCommand(id, async (arg?: unknown) => {
      try {
        await handler(arg);
      } catch (err) {
        void vscode.window.showErrorMessage(
          vscode.l10n.t('Kube Events: {0}', err instanceof Error ? err.message : String(err)),
        );
      }
    }),
  );
}
