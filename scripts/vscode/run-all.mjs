// run-all: `npm run test:integration`. Runs the real-VS Code tests in order, stopping at the
// first failure, and prints how long each step took:
//   1. scripts/vscode/setup.sh   Debian packages + both code-servers in .cache/ (seconds when done before)
//   2. build-tests.mjs           out/integration/suite/*.js
//   3. npm run package           dist/extension.js and dist/kube-events.vsix
//   4. extensionHost.ts          the mocha suite inside code-server's extension host
//   5. ui/*.ui.ts                Playwright + Chromium against code-server with the VSIX installed
// Steps 4 and 5 run twice: on the oldest VS Code we support (code-server 4.100.3, VS Code 1.100,
// Node 20) and on the newest the registry serves (4.139.1, VS Code 1.139, Node 24), selected by
// KUBE_EVENTS_VSCODE (test/integration/runner/paths.ts). KUBE_EVENTS_VSCODE=oldest or =newest
// in this process's environment runs only that one.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

const flavors = process.env.KUBE_EVENTS_VSCODE ? [process.env.KUBE_EVENTS_VSCODE] : ['oldest', 'newest'];
const steps = [
  ['setup', 'bash', ['scripts/vscode/setup.sh'], {}],
  ['build tests', process.execPath, ['scripts/vscode/build-tests.mjs'], {}],
  ['package', 'npm', ['run', '--silent', 'package'], {}],
  ...flavors.flatMap((flavor) => [
    [
      `extension-host tests (${flavor} VS Code)`,
      bin('tsx'),
      ['test/integration/extensionHost.ts'],
      { KUBE_EVENTS_VSCODE: flavor },
    ],
    [
      `UI tests (${flavor} VS Code)`,
      bin('mocha'),
      ['--config', 'test/integration/ui/mocharc.json'],
      { KUBE_EVENTS_VSCODE: flavor },
    ],
  ]),
];

const started = Date.now();
const shown = (a) => (a.startsWith(root + path.sep) ? path.relative(root, a) : path.basename(a));
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const times = [];
for (const [name, command, args, env] of steps) {
  console.log(`\n==> ${name}: ${[command, ...args].map(shown).join(' ')}`);
  const t0 = Date.now();
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  times.push(`${name} ${seconds(Date.now() - t0)}`);
  if (r.status !== 0) {
    const why = r.error ? r.error.message : r.signal ? `signal ${r.signal}` : `exit code ${r.status}`;
    console.error(`\ntest:integration: ${name} failed (${why}) after ${seconds(Date.now() - started)}`);
    process.exit(r.status || 1);
  }
}
console.log(`\ntest:integration passed in ${seconds(Date.now() - started)} (${times.join(', ')})`);
