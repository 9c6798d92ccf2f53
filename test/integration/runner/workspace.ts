/**
 * workspace: one fresh folder tree per test run under test-results/vscode/NAME: the user data,
 * extensions and opened folder of a code-server, and the kubeconfig files. It is emptied at the
 * start of a run and left afterwards, so its logs can be read after a failure.
 */
import { mkdirSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { resultsDir } from './paths';

/** RunDirs are the folders of one run. */
export interface RunDirs {
  readonly root: string;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  /** folder is the workspace folder the workbench opens. */
  readonly folder: string;
  readonly kubeconfigDir: string;
}

/** freshRunDirs empties and creates test-results/vscode/`name`. */
export function freshRunDirs(name: string): RunDirs {
  const root = path.join(resultsDir, 'vscode', name);
  rmSync(root, { recursive: true, force: true });
  const dirs: RunDirs = {
    root,
    userDataDir: path.join(root, 'user-data'),
    extensionsDir: path.join(root, 'extensions'),
    folder: path.join(root, 'workspace'),
    kubeconfigDir: path.join(root, 'kubeconfig'),
  };
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  return dirs;
}
