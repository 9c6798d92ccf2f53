import * as vscode from 'vscode';
import type { Logger } from '../../core/util/logger';
import type * as YamlEntry from '../../kube/yamlEntry';
import type { CommandDeps } from '../commands/deps';
import { ManifestCodeActions } from './codeActions';
import { ManifestCodeLensProvider } from './codeLens';
import { ManifestHoverProvider } from './hover';
import { registerManifestCommands } from './manifestCommands';
import { ManifestService, type MuteLists } from './manifestService';

let yaml: typeof YamlEntry | undefined;

/** loadYaml is js-yaml's `load` from the lazy yaml chunk (dist/yaml.js), required on first use. */
function loadYaml(text: string): unknown {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  yaml ??= require('../../kube/yamlEntry') as typeof YamlEntry;
  return yaml.load(text);
}

/** SELECTOR: the documents that get lenses, hovers and quick fixes. */
const SELECTOR: vscode.DocumentSelector = [{ language: 'yaml' }, { language: 'json' }];

export interface RegisterManifestsOptions {
  deps: CommandDeps;
  logger: Logger;
  currentContext: () => string | undefined;
  muted: () => MuteLists;
}

function enabled(): boolean {
  return vscode.workspace.getConfiguration('kubeEvents.manifests').get<boolean>('enabled', true) !== false;
}

/**
 * registerManifests wires the workspace manifests feature: the service, its providers and
 * commands. It stays lazy: nothing is read before the first YAML document is open (the
 * extension contributes `onLanguage:yaml`, not `workspaceContains`, which would scan the
 * workspace at start-up) and while `kubeEvents.manifests.enabled` is false.
 */
export function registerManifests(
  o: RegisterManifestsOptions,
): vscode.Disposable & { readonly service: ManifestService } {
  const service = new ManifestService({
    connections: o.deps.connections,
    logger: o.logger,
    currentContext: o.currentContext,
    muted: o.muted,
    load: loadYaml,
  });
  const disposables: vscode.Disposable[] = [
    service,
    vscode.languages.registerCodeLensProvider(SELECTOR, new ManifestCodeLensProvider(service)),
    vscode.languages.registerHoverProvider(SELECTOR, new ManifestHoverProvider(service)),
    vscode.languages.registerCodeActionsProvider(SELECTOR, new ManifestCodeActions(service), {
      providedCodeActionKinds: [vscode.CodeActionKind.QuickFix],
    }),
    ...registerManifestCommands(o.deps, service),
  ];
  const maybeStart = () => {
    if (enabled() && vscode.workspace.textDocuments.some((d) => d.languageId === 'yaml')) service.start();
  };
  disposables.push(
    vscode.workspace.onDidOpenTextDocument((d) => {
      if (d.languageId === 'yaml') maybeStart();
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('kubeEvents.manifests.enabled')) maybeStart();
    }),
  );
  maybeStart();
  return {
    service,
    dispose: () => {
      for (const d of disposables.splice(0).reverse()) d.dispose();
    },
  };
}
