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
  };
}

/**
 * writeUserSettings writes `<userDataDir>/User/settings.json`: baseSettings(colorTheme) with
 * `settings` laid over them. It replaces any settings file already there.
 */
export function writeUserSettings(
  userDataDir: string,
  colorTheme: string,
  settings: Record<string, unknown>,
): string {
  const dir = path.join(userDataDir, 'User');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'settings.json');
  writeFileSync(file, JSON.stringify({ ...baseSettings(colorTheme), ...settings }, null, 2) + '\n');
  return file;
}
