/**
 * The kubeconfig and the start-up contexts choose what code runs (a kubeconfig's exec plugin), so
 * a workspace must never set them: they are machine-scoped in package.json, and readSettings reads
 * them from the user (global) settings only, even if VS Code handed it a workspace value.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';
import type * as SettingsModule from '../../../src/host/settings';

interface Inspected {
  globalValue?: unknown;
  workspaceValue?: unknown;
  workspaceFolderValue?: unknown;
}

/** loadSettingsWith loads src/host/settings.ts against a fake `vscode` holding `values`. */
function loadSettingsWith(values: Record<string, Inspected>): typeof SettingsModule {
  const fakeVscode = {
    workspace: {
      getConfiguration: () => ({
        get: (key: string, dflt?: unknown) => {
          const v = values[key];
          return v?.workspaceFolderValue ?? v?.workspaceValue ?? v?.globalValue ?? dflt;
        },
        inspect: (key: string) => values[key],
      }),
    },
  };
  const loader = Module as unknown as { _load: (req: string, ...rest: unknown[]) => unknown };
  const original = loader._load;
  loader._load = (req, ...rest) => (req === 'vscode' ? fakeVscode : original(req, ...rest));
  try {
    const file = require.resolve('../../../src/host/settings');
    delete require.cache[file];
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(file) as typeof SettingsModule;
  } finally {
    loader._load = original;
  }
}

describe('untrusted workspaces cannot choose a kubeconfig or exec plugin', () => {
  it('declares kubeEvents.kubeconfig and kubeEvents.contexts machine-scoped', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../package.json'), 'utf8')) as {
      contributes: { configuration: { properties: Record<string, { scope?: string }> } };
      capabilities: { untrustedWorkspaces: { supported: unknown } };
    };
    const props = pkg.contributes.configuration.properties;
    assert.equal(props['kubeEvents.kubeconfig']!.scope, 'machine');
    assert.equal(props['kubeEvents.contexts']!.scope, 'machine');
    assert.notEqual(pkg.capabilities.untrustedWorkspaces.supported, true);
  });

  it('reads them from the user settings only, ignoring workspace and folder values', () => {
    const settings = loadSettingsWith({
      kubeconfig: { globalValue: ['/home/me/.kube/config'], workspaceValue: ['./evil-kubeconfig'] },
      contexts: { workspaceFolderValue: ['evil-context'] },
      namespaces: { workspaceValue: ['team-a'] },
    }).readSettings();
    assert.deepEqual(settings.kubeconfig, ['/home/me/.kube/config']);
    assert.deepEqual(settings.contexts, []);
    // Harmless settings still follow the workspace.
    assert.deepEqual(settings.namespaces, ['team-a']);
  });

  it('drops non-string entries of a user value', () => {
    const settings = loadSettingsWith({
      kubeconfig: { globalValue: ['/a', 3, '', { x: 1 }] },
    }).readSettings();
    assert.deepEqual(settings.kubeconfig, ['/a']);
  });
});
