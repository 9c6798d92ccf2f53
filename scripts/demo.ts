// demo: Kube Events on a fresh machine with no cluster.
//
//   npm run demo [-- --port 8080] [-- --speed 2] [-- --scale 3] [-- --no-open]
//
// Builds the VSIX, installs code-server when missing (scripts/vscode/setup.sh), starts the test
// API server with a realistic scenario (test/scenario/main.ts: a rollout, a CrashLoopBackOff
// whose BackOff count rises, FailedScheduling, ImagePullBackOff, a job completing, scaling),
// whose kubeconfig has two contexts (demo-admin, and demo-restricted: one namespace only),
// installs the VSIX into code-server with both contexts configured, and prints the URL.
// Ctrl-C stops all of it.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { installVsix, startCodeServer, type CodeServer } from '../test/integration/runner/codeServer';
import { freshRunDirs } from '../test/integration/runner/workspace';

const root = path.resolve(__dirname, '..');

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

function step(what: string): void {
  process.stdout.write(`\n==> ${what}\n`);
}

async function waitForFile(file: string, ms: number, alive: () => boolean): Promise<void> {
  const start = Date.now();
  while (!existsSync(file)) {
    if (!alive()) throw new Error('the demo API server exited; see its output above');
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${file}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function main(): Promise<void> {
  const port = Number(arg('--port', '8080'));
  step('building the extension package (npm run package)');
  execFileSync('npm', ['run', '--silent', 'package'], { cwd: root, stdio: 'inherit' });
  step('making sure code-server is installed (scripts/vscode/setup.sh)');
  execFileSync('bash', [path.join(root, 'scripts/vscode/setup.sh'), '--oldest-only'], {
    cwd: root,
    stdio: 'inherit',
  });

  const dirs = freshRunDirs('demo');
  const ready = path.join(dirs.root, 'demo.json');
  rmSync(ready, { force: true });
  step('starting the test API server and the scenario');
  const scenario = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(root, 'test/scenario/main.ts'),
      '--out',
      dirs.root,
      '--speed',
      arg('--speed', '1'),
      '--scale',
      arg('--scale', '1'),
      // The workspace gets the workloads' manifests (issue 15: Problems, CodeLens, hover).
      '--manifests',
      dirs.folder,
    ],
    { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  let scenarioAlive = true;
  scenario.on('exit', () => (scenarioAlive = false));
  process.on('exit', () => {
    if (scenarioAlive) scenario.kill('SIGTERM');
  });
  let server: CodeServer | undefined;
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write('\nstopping…\n');
    // The scenario first and synchronously: a second Ctrl-C must not leave it running.
    if (scenarioAlive) scenario.kill('SIGTERM');
    await server?.stop().catch(() => undefined);
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  try {
    await waitForFile(ready, 60_000, () => scenarioAlive);
    const demo = JSON.parse(readFileSync(ready, 'utf8')) as { kubeconfig: string; contexts: string[] };
    step('installing the VSIX into code-server');
    await installVsix(path.join(root, 'dist', 'kube-events.vsix'), dirs);
    server = await startCodeServer({
      ...dirs,
      port,
      settings: {
        'kubeEvents.kubeconfig': [demo.kubeconfig],
        'kubeEvents.contexts': demo.contexts,
      },
    });
    process.stdout.write(
      `\nKube Events is running in VS Code (code-server) at:\n\n    ${server.url}?folder=${encodeURIComponent(dirs.folder)}\n\n` +
        `Open it in a browser, click the Kube Events icon in the activity bar.\n` +
        `Contexts: ${demo.contexts.join(', ')} (kubeconfig ${demo.kubeconfig}).\nCtrl-C stops everything.\n`,
    );
  } catch (err) {
    process.stderr.write(`demo failed: ${err instanceof Error ? err.message : String(err)}\n`);
    await stop(1);
  }
}

void main();
