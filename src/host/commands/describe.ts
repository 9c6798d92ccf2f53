import * as vscode from 'vscode';
import { setDescribeLanguage } from '../describe/describeLanguage';
import { describeUri, type ObjectRef } from '../describe/describeUri';
import type { TreeNode } from '../views/nodes';
import type { CommandDeps } from './deps';
import { pickObject } from './pickers';

/** describe opens the read-only kubectl-describe-like document of an object. */
export async function describe(deps: CommandDeps, node?: TreeNode): Promise<void> {
  const ref = await pickObject(deps, node);
  if (ref) await openDescribe(ref);
}

/** openDescribe shows the describe document of `ref` (it re-renders while open). */
export async function openDescribe(ref: ObjectRef): Promise<void> {
  const doc = await setDescribeLanguage(await vscode.workspace.openTextDocument(describeUri(ref)));
  await vscode.window.showTextDocument(doc, { preview: true });
}
