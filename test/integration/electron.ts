/**
 * electron: runs the extension-host suite in VS Code desktop through @vscode/test-electron, for a
 * developer machine with a display and internet access (it downloads VS Code; it cannot run on
 * the project's CI machines, which use extensionHost.ts and code-server instead).
 *
 *   npm run test:electron                      # VS Code 1.100.3, the oldest engines.vscode admits
 *   KUBE_EVENTS_VSCODE_VERSION=stable npm run test:electron
 *
 * Like extensionHost.ts, one test API server backs the `kubeEvents.kubeconfig` setting.
 */
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { startClusters } from './runner/clusters';
import { repoRoot } from './runner/paths';
import { writeUserSettings } from './runner/settings';
import { freshRunDirs } from './runner/workspace';

async function main(): Promise<number> {
  const dirs = freshRunDirs('electron');
  const clusters = await startClusters({ dir: dirs.kubeconfigDir, contextNames: ['kind-alpha'] });
  try {
    writeUserSettings(dirs.userDataDir, 'Default Dark Modern', {
      'kubeEvents.kubeconfig': clusters.kubeconfigPaths,
    });
    return await runTests({
      version: process.env.KUBE_EVENTS_VSCODE_VERSION ?? '1.100.3',
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: path.join(repoRoot, 'out', 'integration', 'suite', 'index.js'),
      launchArgs: [
        dirs.folder,
        `--user-data-dir=${dirs.userDataDir}`,
        `--extensions-dir=${dirs.extensionsDir}`,
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
      ],
    });
  } finally {
    await clusters.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(
      `electron tests: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    process.exit(1);
  },
);
