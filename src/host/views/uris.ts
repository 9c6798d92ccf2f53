import * as vscode from 'vscode';
import type { TreeNode } from './nodes';

/** TREE_SCHEME is the scheme of the tree items' resourceUris (used only for decorations). */
export const TREE_SCHEME = 'kube-events-tree';

/**
 * resourceUriFor gives a node a stable URI carrying its id, so a FileDecorationProvider can put
 * a warning badge on it. The URI is never opened.
 */
export function resourceUriFor(node: TreeNode): vscode.Uri {
  return vscode.Uri.from({ scheme: TREE_SCHEME, path: '/' + encodeURIComponent(node.id) });
}

/** nodeIdOf reverses resourceUriFor; undefined for other URIs. */
export function nodeIdOf(uri: vscode.Uri): string | undefined {
  if (uri.scheme !== TREE_SCHEME) return undefined;
  try {
    return decodeURIComponent(uri.path.slice(1));
  } catch {
    return undefined;
  }
}
