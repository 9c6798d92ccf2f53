/**
 * extensionHost: runs the extension-host suite (out/integration/suite, built by
 * scripts/vscode/build-tests.mjs) inside code-server with the extension loaded from the
 * repository (dist/extension.js, built by `npm run build`). One test API server backs the
 * `kubeEvents.kubeconfig` setting, so the extension never reads the machine's ~/.kube/config.
 *
 *   npx tsx test/integration/extensionHost.ts
 *
 * Exits with the test run's exit code.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { startClusters } from './runner/clusters';
import { startCodeServer } from './runner/codeServer';
import { runExtensionTests } from './runner/extensionTests';
import { repoRoot } from './runner/paths';
import { suiteLog } from './runner/suiteLog';
import { freshRunDirs } from './runner/workspace';

async function main(): Promise<number> {
  const testsPath = path.join(repoRoot, 'out', 'integration', 'suite');
  for (const f of [path.join(testsPath, 'index.js'), path.join(repoRoot, 'dist', 'extension.js')]) {
    if (!existsSync(f)) throw new Error(`missing ${f}: run scripts/vscode/build-tests.mjs and npm run build`);
  }
  const dirs = freshRunDirs('extension-host');
  const clusters = await startClusters({ dir: dirs.kubeconfigDir, contextNames: ['kind-alpha'] });
  try {
    const server = await startCodeServer({
      ...dirs,
      settings: { 'kubeEvents.kubeconfig': clusters.kubeconfigPaths },
      smokeTestDriver: true, // VS Code 1.139 runs the `payload`'s tests only with it
    });
    const log = suiteLog(path.join(dirs.root, 'workbench.log'));
    try {
      const code = await runExtensionTests({
        server,
        extensionDevelopmentPath: repoRoot,
        extensionTestsPath: testsPath,
        log: log.log,
      });
      if (code !== 0) log.dumpChatter();
      return code;
    } catch (err) {
      log.dumpChatter();
      process.stderr.write(`code-server output:\n${server.output()}\n`);
      throw err;
    } finally {
      await server.stop();
    }
  } finally {
    await clusters.stop();
  }
}

main().then(
  (code) => {
    process.stdout.write(`extension-host tests: exit code ${code}\n`);
    process.exit(code);
  },
  (err: unknown) => {
    process.stderr.write(
      `extension-host tests: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    process.exit(1);
  },
);
