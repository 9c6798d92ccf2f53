/**
 * activation: the extension is installed in the running VS Code, activates when one of its
 * commands runs, and registers every command its manifest contributes.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const extensionId = 'kube-events.kube-events';

/** ManifestCommand is one entry of package.json `contributes.commands`. */
interface ManifestCommand {
  command: string;
}

/** extension returns Kube Events as VS Code sees it, failing the test when it is missing. */
function extension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(extensionId);
  assert.ok(ext, `${extensionId} is not installed`);
  return ext;
}

describe('activation', () => {
  it('the extension is present', () => {
    assert.equal(extension().id, extensionId);
  });

  it('activates when kubeEvents.refresh runs', async () => {
    await vscode.commands.executeCommand('kubeEvents.refresh');
    assert.equal(extension().isActive, true);
  });

  it('registers every command of contributes.commands', async () => {
    await extension().activate();
    const contributed = (extension().packageJSON.contributes.commands as ManifestCommand[]).map(
      (c) => c.command,
    );
    assert.ok(contributed.length > 0, 'the manifest contributes no command');
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(
      contributed.filter((id) => !registered.has(id)),
      [],
      'contributed but not registered',
    );
  });
});
