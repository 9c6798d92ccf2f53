/**
 * paths: where the real-VS Code tests find code-server and put their output. Everything is
 * absolute and derived from the repository root, so entries may run from any directory.
 */
import * as path from 'node:path';

/** repoRoot is the extension's folder (the one holding package.json). */
export const repoRoot = path.resolve(__dirname, '../../..');

/** codeServerDir is where scripts/vscode/setup.sh installs code-server. */
export const codeServerDir = path.join(repoRoot, '.cache', 'code-server');

/** codeServerEntry is code-server's Node entry point, run with the machine's node. */
export const codeServerEntry = path.join(
  codeServerDir,
  'node_modules',
  'code-server',
  'out',
  'node',
  'entry.js',
);

/** resultsDir collects screenshots and per-run VS Code folders; it is gitignored. */
export const resultsDir = path.join(repoRoot, 'test-results');
