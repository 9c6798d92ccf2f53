/**
 * paths: where the real-VS Code tests find code-server and put their output. Everything is
 * absolute and derived from the repository root, so entries may run from any directory.
 *
 * Two code-servers are installed by scripts/vscode/setup.sh: the oldest VS Code that
 * `engines.vscode` admits (code-server 4.100.3, VS Code 1.100, run on this machine's Node 20) and
 * the newest the registry serves (4.139.1, VS Code 1.139, run on Node 24 from .cache/node24).
 * `KUBE_EVENTS_VSCODE=newest` selects the newest; anything else (or unset) the oldest.
 */
import * as path from 'node:path';

/** repoRoot is the extension's folder (the one holding package.json). */
export const repoRoot = path.resolve(__dirname, '../../..');

/** VsCodeFlavor names one of the two installed code-servers. */
export type VsCodeFlavor = 'oldest' | 'newest';

/** vscodeFlavor is the code-server this process drives, from KUBE_EVENTS_VSCODE. */
export const vscodeFlavor: VsCodeFlavor = process.env.KUBE_EVENTS_VSCODE === 'newest' ? 'newest' : 'oldest';

/** codeServerDir is where scripts/vscode/setup.sh installs the selected code-server. */
export const codeServerDir = path.join(
  repoRoot,
  '.cache',
  vscodeFlavor === 'newest' ? 'code-server-newest' : 'code-server',
);

/** codeServerEntry is code-server's Node entry point, run with codeServerNode. */
export const codeServerEntry = path.join(
  codeServerDir,
  'node_modules',
  'code-server',
  'out',
  'node',
  'entry.js',
);

/** codeServerNode is the Node that runs the selected code-server (and so its extension host). */
export const codeServerNode =
  vscodeFlavor === 'newest'
    ? path.join(repoRoot, '.cache', 'node24', 'node_modules', 'node', 'bin', 'node')
    : process.execPath;

/** resultsDir collects screenshots and per-run VS Code folders; it is gitignored. */
export const resultsDir = path.join(repoRoot, 'test-results', vscodeFlavor === 'newest' ? 'newest' : '');
