import * as vscode from 'vscode';
import type { CommandDeps } from './deps';

/** learnMore shows the extension's README (it ships in the VSIX), rendered. */
export async function learnMore(deps: CommandDeps): Promise<void> {
  await vscode.commands.executeCommand(
    'markdown.showPreview',
    vscode.Uri.joinPath(deps.extensionUri, 'README.md'),
  );
}
