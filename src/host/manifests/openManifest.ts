import * as vscode from 'vscode';
import type { ManifestEntry } from '../../core/manifests/types';
import type { TreeNode } from '../views/nodes';
import type { ManifestTarget } from './manifestCommands';

/** ManifestLookup is what "Open manifest" needs from the manifest service. */
export interface ManifestLookup {
  /** start indexes the workspace if it was not yet (the first YAML document does it too). */
  start(): void;
  /** definitionsOf lists the entries defining the object in `context`. */
  definitionsOf(context: string, kind: string, namespace: string | undefined, name: string): ManifestEntry[];
}

function targetOfArg(arg: unknown): ManifestTarget | undefined {
  const node = arg as TreeNode | undefined;
  if (node && typeof node === 'object' && node.type === 'object')
    return { context: node.context, kind: node.kind.kind, namespace: node.namespace, name: node.name };
  const t = arg as ManifestTarget | undefined;
  if (
    t &&
    typeof t === 'object' &&
    typeof t.context === 'string' &&
    typeof t.kind === 'string' &&
    typeof t.name === 'string'
  )
    return t;
  return undefined;
}

/**
 * openManifest opens the workspace file that defines an object (a tree node, or a
 * ManifestTarget), with the cursor on its `metadata.name`; a quick pick when several do. The
 * tree's object context menu offers it ("Open Manifest"); it is hidden from the palette, which
 * has no object to give it.
 */
export async function openManifest(lookup: ManifestLookup, arg: unknown): Promise<void> {
  const t = targetOfArg(arg);
  if (!t) return;
  lookup.start();
  const entries = lookup.definitionsOf(t.context, t.kind, t.namespace, t.name);
  if (entries.length === 0) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Kube Events: no manifest in the workspace defines {0} {1}.', t.kind, t.name),
    );
    return;
  }
  let entry = entries[0]!;
  if (entries.length > 1) {
    const picked = await vscode.window.showQuickPick(
      entries.map((e) => ({
        label: vscode.workspace.asRelativePath(vscode.Uri.parse(e.file)),
        description: vscode.l10n.t('line {0}', e.nameLine + 1),
        e,
      })),
      { placeHolder: vscode.l10n.t('Manifests defining {0} {1}', t.kind, t.name) },
    );
    if (!picked) return;
    entry = picked.e;
  }
  const pos = new vscode.Position(entry.nameLine, entry.nameColumn);
  await vscode.window.showTextDocument(vscode.Uri.parse(entry.file), {
    selection: new vscode.Range(pos, pos),
  });
}
