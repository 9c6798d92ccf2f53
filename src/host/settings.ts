import * as vscode from 'vscode';

/** Settings is a typed, read-only view of the `kubeEvents.*` configuration. */
export interface Settings {
  /** Kubeconfig paths (machine scope: only user/machine settings count). */
  readonly kubeconfig: readonly string[];
  /** Contexts to connect at start; empty means the kubeconfig's current context. */
  readonly contexts: readonly string[];
  readonly namespaces: readonly string[];
  readonly notifications: {
    readonly enabled: boolean;
    readonly mutedReasons: readonly string[];
    readonly mutedNamespaces: readonly string[];
    readonly mutedContexts: readonly string[];
    readonly cooldownSeconds: number;
  };
  readonly historyMaxEvents: number;
}

const SECTION = 'kubeEvents';

function strings(config: vscode.WorkspaceConfiguration, key: string): string[] {
  const v = config.get<unknown>(key);
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.trim() !== '') : [];
}

/**
 * machineStrings reads a machine-scoped list from the user (global) settings only, so that a
 * workspace's settings can never choose a kubeconfig or context: an exec plugin runs code.
 * (VS Code already ignores machine-scoped keys in workspace settings; this is belt and braces.)
 */
function machineStrings(config: vscode.WorkspaceConfiguration, key: string): string[] {
  const v = config.inspect<unknown>(key)?.globalValue;
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.trim() !== '') : [];
}

/** readSettings reads the current configuration. */
export function readSettings(): Settings {
  const c = vscode.workspace.getConfiguration(SECTION);
  const cooldown = c.get<number>('notifications.cooldownSeconds', 300);
  const maxEvents = c.get<number>('history.maxEvents', 50_000);
  return {
    kubeconfig: machineStrings(c, 'kubeconfig'),
    contexts: machineStrings(c, 'contexts'),
    namespaces: strings(c, 'namespaces'),
    notifications: {
      enabled: c.get<boolean>('notifications.enabled', true),
      mutedReasons: strings(c, 'notifications.mutedReasons'),
      mutedNamespaces: strings(c, 'notifications.mutedNamespaces'),
      mutedContexts: strings(c, 'notifications.mutedContexts'),
      cooldownSeconds: Number.isFinite(cooldown) && cooldown >= 0 ? cooldown : 300,
    },
    historyMaxEvents: Number.isFinite(maxEvents) && maxEvents >= 0 ? Math.floor(maxEvents) : 50_000,
  };
}

/**
 * onDidChangeSettings fires when any `kubeEvents.*` key changes, with the new settings and
 * `changed(key)` (e.g. `changed('kubeconfig')`) telling which keys this change touched.
 */
export function onDidChangeSettings(
  listener: (s: Settings, changed: (key: string) => boolean) => void,
): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration(SECTION))
      listener(readSettings(), (key) => e.affectsConfiguration(`${SECTION}.${key}`));
  });
}

/**
 * keepUnchangedMachineSettings returns `next` with the machine-scoped keys (`kubeconfig`,
 * `contexts`) taken from `before` unless this change touched them. In a remote window VS Code
 * may report a machine-scoped key from the local user settings at start and no longer after an
 * unrelated change (seen in code-server 4.100: after "Mute…" wrote a muted reason,
 * `kubeEvents.kubeconfig` read as unset and every context disappeared).
 */
export function keepUnchangedMachineSettings(
  before: Settings,
  next: Settings,
  changed: (key: string) => boolean,
): Settings {
  return {
    ...next,
    kubeconfig: changed('kubeconfig') ? next.kubeconfig : before.kubeconfig,
    contexts: changed('contexts') ? next.contexts : before.contexts,
  };
}

/** appendToListSetting adds `value` to a list setting in the user settings (no duplicate). */
export async function appendToListSetting(key: string, value: string): Promise<void> {
  const c = vscode.workspace.getConfiguration(SECTION);
  const current = c.inspect<string[]>(key)?.globalValue ?? [];
  if (current.includes(value)) return;
  await c.update(key, [...current, value], vscode.ConfigurationTarget.Global);
}
