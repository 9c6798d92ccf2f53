/**
 * session: one code-server session shared by every `*.ui.ts` file, as mocha root hooks
 * (`mochaHooks`, loaded through test/integration/ui/mocharc.json). beforeAll starts two test
 * clusters (contexts kind-alpha and kind-beta, one kubeconfig file each, both listed in
 * `kubeEvents.kubeconfig`), installs dist/kube-events.vsix, starts code-server, opens the
 * workbench in Chromium; afterAll stops all of it. A failed test leaves
 * test-results/failed-<title>.png behind. Test files read the session through session().
 *
 * One file alone: mocha adds `--spec` to the config's spec list instead of replacing it, so
 * leave the config out and name the file:
 *   KUBE_EVENTS_VSCODE=newest npx mocha --no-config --node-option import=tsx --extension ts \
 *     --require test/integration/ui/session.ts --timeout 60000 test/integration/ui/sidebar.ui.ts
 */
import * as path from 'node:path';
import { type Page } from 'playwright-core';
import { launchBrowser, type Browser } from '../runner/browser';
import { startClusters, type Clusters } from '../runner/clusters';
import { installVsix, startCodeServer, type CodeServer } from '../runner/codeServer';
import { repoRoot } from '../runner/paths';
import { activityItem, openWorkbench, screenshot } from '../runner/workbench';
import { freshRunDirs } from '../runner/workspace';
import { seedAlpha, seedBeta } from './seed';

/** UiSession is what the UI tests drive. */
export interface UiSession {
  readonly page: Page;
  readonly server: CodeServer;
  readonly clusters: Clusters;
  /** The code-server's user data folder (user settings in `User/settings.json`). */
  readonly userDataDir: string;
  /** The workspace folder code-server opened (tests may write files into it). */
  readonly folder: string;
}

let current: UiSession | undefined;
let browser: Browser | undefined;
let server: CodeServer | undefined;
let clusters: Clusters | undefined;

/** session returns the running session; it throws outside the root hooks' lifetime. */
export function session(): UiSession {
  if (!current)
    throw new Error('no UI session: run the *.ui.ts files through test/integration/ui/mocharc.json');
  return current;
}

/** vsixPath is what `npm run package` produces. */
export const vsixPath = path.join(repoRoot, 'dist', 'kube-events.vsix');

/** start builds the session; on failure whatever started is stopped by stop(). */
async function start(): Promise<void> {
  const dirs = freshRunDirs('ui');
  clusters = await startClusters({ dir: dirs.kubeconfigDir, contextNames: ['kind-alpha', 'kind-beta'] });
  seedAlpha(clusters.byContext('kind-alpha').server);
  seedBeta(clusters.byContext('kind-beta').server);
  await installVsix(vsixPath, dirs);
  server = await startCodeServer({
    ...dirs,
    settings: {
      'kubeEvents.kubeconfig': clusters.kubeconfigPaths,
      'kubeEvents.contexts': clusters.list.map((c) => c.contextName),
    },
  });
  browser = await launchBrowser();
  await openWorkbench(browser.page, `${server.url}?folder=${encodeURIComponent(dirs.folder)}`);
  // Laid out is not ready: the workbench connects to the server, then starts the extension
  // host, then shows our container. On a busy machine VS Code 1.139 took over 30 s for that.
  await activityItem(browser.page, 'Kube Events').waitFor({ timeout: 120_000 });
  current = { page: browser.page, server, clusters, userDataDir: dirs.userDataDir, folder: dirs.folder };
}

/** stop closes the browser, then code-server, then the clusters. */
async function stop(): Promise<void> {
  current = undefined;
  await browser?.close();
  await server?.stop();
  await clusters?.stop();
}

/** slug turns a test title into a file name. */
function slug(title: string): string {
  return title
    .replace(/[^a-z0-9]+/gi, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80);
}

/** mochaHooks are mocha's root hooks: they run once around all *.ui.ts files. */
export const mochaHooks = {
  async beforeAll(this: Mocha.Context): Promise<void> {
    this.timeout(300_000);
    await start();
  },
  async afterEach(this: Mocha.Context): Promise<void> {
    const test = this.currentTest;
    if (current && test?.state === 'failed') {
      const file = await screenshot(current.page, `failed-${slug(test.fullTitle())}`);
      process.stdout.write(`    screenshot: ${file}\n`);
    }
  },
  async afterAll(this: Mocha.Context): Promise<void> {
    this.timeout(30_000);
    await stop();
  },
};
