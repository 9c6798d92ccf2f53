/**
 * settings: the user settings every test workbench starts with. They keep the workbench quiet
 * and deterministic: no workspace-trust modal, no welcome page, no telemetry, no update checks.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

/** baseSettings returns the defaults; `colorTheme` picks the theme for screenshots. */
export function baseSettings(colorTheme: string): Record<string, unknown> {
  return {
    'security.workspace.trust.enabled': false,
    'workbench.startupEditor': 'none',
    'workbench.colorTheme': colorTheme,
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'git.enabled': false,
    'window.restoreWindows': 'none',
    'chat.commandCenter.enabled': false,
    'chat.disableAIFeatures': true,
    // VS Code 1.139 opens the secondary side bar (Chat) in every new workspace, narrowing the
    // editor and stealing focus at startup; 1.100 keeps it closed and ignores the key.
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
  };
}

/** MACHINE_KEYS are Kube Events' machine-scoped settings (package.json `scope: machine`). */
const MACHINE_KEYS = new Set(['kubeEvents.kubeconfig', 'kubeEvents.contexts']);

/**
 * writeUserSettings writes `<userDataDir>/User/settings.json`: baseSettings(colorTheme) with
 * `settings` laid over them; the machine-scoped keys among `settings` also go to
 * `<userDataDir>/Machine/settings.json`, where code-server's Settings editor puts them (its
 * "Remote" tab). A remote window applies machine-scoped keys from there: read from the local
 * user settings alone they were lost after a window reload or an unrelated settings change. A
 * desktop VS Code (electron.ts) reads them from the user settings. Both files are replaced.
 * Returns the user settings file.
 */
export function writeUserSettings(
  userDataDir: string,
  colorTheme: string,
  settings: Record<string, unknown>,
): string {
  const user: Record<string, unknown> = { ...baseSettings(colorTheme) };
  const machine: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(settings)) {
    user[k] = v;
    if (MACHINE_KEYS.has(k)) machine[k] = v;
  }
  const write = (folder: string, values: Record<string, unknown>) => {
    const dir = path.join(userDataDir, folder);
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'settings.json');
    writeFileSync(file, JSON.stringify(values, null, 2) + '\n');
    return file;
  };
  write('Machine', machine);
  return write('User', user);
}
