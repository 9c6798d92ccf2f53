/**
 * welcome: the Clusters view's empty states in a real VS Code (issue 9). The kubeconfig setting
 * is pointed at a missing file, at a file that does not parse and at one with no contexts; the
 * view must say so each time, with its buttons, and come back to the two test clusters when the
 * setting is restored. Also: every context disconnected. Leaves test-results/ui-welcome-*.png.
 * Runs before window-reload.ui.ts (name order), and restores what it changed.
 */
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { type Locator, type Page } from 'playwright-core';
import { treeRow, treeRows } from '../runner/tree';
import { answerFileDialog } from '../runner/fileDialog';
import { waitUntil } from '../runner/wait';
import {
  expandView,
  openViewContainer,
  pickQuickItem,
  runCommand,
  screenshot,
  viewPane,
} from '../runner/workbench';
import { session } from './session';

/** SETTINGS_FILES are where writeUserSettings puts machine-scoped keys: both are edited. */
const SETTINGS_FILES = ['User', 'Machine'];

/** setKubeconfigSetting writes `kubeEvents.kubeconfig` into the settings files, other keys kept. */
function setKubeconfigSetting(userDataDir: string, value: readonly string[]): void {
  for (const folder of SETTINGS_FILES) {
    const file = path.join(userDataDir, folder, 'settings.json');
    const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    json['kubeEvents.kubeconfig'] = value;
    writeFileSync(file, JSON.stringify(json, null, 2) + '\n');
  }
}

/** welcomeText is the text of the Clusters view's welcome content ('' when not shown). */
async function welcomeText(page: Page): Promise<string> {
  const content = viewPane(page, 'Clusters').locator('.welcome-view-content');
  return (await content.count()) && (await content.isVisible()) ? (await content.innerText()).trim() : '';
}

/** welcomeButton is the welcome content's button labelled `label`. */
function welcomeButton(page: Page, label: string): Locator {
  return viewPane(page, 'Clusters').locator('.welcome-view-content .monaco-button', { hasText: label });
}

/** treeMessage is the text of the Clusters view's message (TreeView.message; '' when none). */
async function treeMessage(page: Page): Promise<string> {
  const m = viewPane(page, 'Clusters').locator('.tree-explorer-viewlet-tree-view > .message');
  return (await m.count()) && (await m.isVisible()) ? (await m.innerText()).trim() : '';
}

/** cursorPosition reads the status bar's `Ln L, Col C`. */
async function cursorPosition(page: Page): Promise<string> {
  const item = page.locator('.part.statusbar .statusbar-item[id="status.editor.selection"]');
  return (await item.count()) ? (await item.innerText()).trim() : '';
}

describe('Clusters view welcome states', () => {
  let page: Page;
  let original: string[];
  let dir: string;

  before(async () => {
    const s = session();
    page = s.page;
    original = s.clusters.kubeconfigPaths;
    dir = path.dirname(original[0]!);
    await openViewContainer(page, 'Kube Events');
    await expandView(page, 'Clusters');
  });

  after(async () => {
    setKubeconfigSetting(session().userDataDir, original);
    await runCommand(page, 'View: Close All Editors');
    await openViewContainer(page, 'Kube Events');
    await waitUntil(
      'both contexts are back',
      async () => (await treeRows(page, 'Clusters')).filter((r) => r.level === 1).map((r) => r.label),
      (labels) => labels.includes('kind-alpha') && labels.includes('kind-beta'),
      { timeoutMs: 30_000 },
    );
  });

  it('says where it looked when no kubeconfig exists, with its three buttons', async () => {
    setKubeconfigSetting(session().userDataDir, [path.join(dir, 'missing', 'config')]);
    const text = await waitUntil(
      'the no-kubeconfig welcome shows',
      () => welcomeText(page),
      (t) => t.startsWith('No kubeconfig found.'),
    );
    assert.match(text, /files named by the Kube Events › Kubeconfig setting do not exist/);
    assert.match(text, /KUBECONFIG and ~\/\.kube\/config count only when it is empty/);
    for (const label of ['Select kubeconfig file…', 'Open Settings', 'Learn more']) {
      await welcomeButton(page, label).waitFor();
    }
    assert.deepEqual(await treeRows(page, 'Clusters'), []);
    await screenshot(page, 'ui-welcome-no-kubeconfig');
  });

  it('"Select kubeconfig file…" writes the setting; a file that does not parse shows as a row that opens it there', async () => {
    const broken = path.join(dir, 'broken-config');
    writeFileSync(broken, 'apiVersion: v1\nkind: Config\ncontexts:\n  - name: a\n    context: {cluster: a\n');
    await welcomeButton(page, 'Select kubeconfig file…').click();
    // code-server's own file dialog: a quick input that takes a path.
    await answerFileDialog(page, broken, { acceptLabel: 'Use as kubeconfig' });
    const row = await waitUntil(
      'the kubeconfig error row shows',
      async () =>
        (await treeRows(page, 'Clusters')).find((r) => r.label.startsWith('Cannot read broken-config')),
      (r) => r !== undefined,
      { timeoutMs: 30_000 },
    );
    const at = /^Cannot read broken-config:(\d+):(\d+)$/.exec(row!.label);
    assert.ok(at, `the row names the file, line and column: ${row!.label}`);
    // The parser's own reason, without the file's path (the label has the file and position).
    assert.match(row!.description, /end of the stream|flow collection|YAML/i);
    assert.doesNotMatch(row!.description, /broken-config/);
    assert.match(await treeMessage(page), /cannot read the kubeconfig/);
    const machine = JSON.parse(
      readFileSync(path.join(session().userDataDir, 'Machine', 'settings.json'), 'utf8'),
    ) as Record<string, unknown>;
    const user = JSON.parse(
      readFileSync(path.join(session().userDataDir, 'User', 'settings.json'), 'utf8'),
    ) as Record<string, unknown>;
    assert.ok(
      [machine, user].some((s) => JSON.stringify(s['kubeEvents.kubeconfig']) === JSON.stringify([broken])),
      'the picked file is in the kubeEvents.kubeconfig setting',
    );
    await screenshot(page, 'ui-welcome-parse-error');

    await treeRow(page, row!.label, 'Clusters').click();
    await waitUntil(
      'the kubeconfig opens at the error',
      () => cursorPosition(page),
      (p) => p.startsWith(`Ln ${at![1]}, Col ${at![2]}`),
    );
  });

  it('says when the kubeconfig has no contexts, with "Open kubeconfig file"', async () => {
    const empty = path.join(dir, 'empty-config');
    writeFileSync(empty, 'apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\n');
    setKubeconfigSetting(session().userDataDir, [empty]);
    await openViewContainer(page, 'Kube Events');
    const text = await waitUntil(
      'the no-contexts welcome shows',
      () => welcomeText(page),
      (t) => t.startsWith('The kubeconfig defines no context.'),
    );
    assert.match(text, /kubectl config set-context/);
    assert.equal(await treeMessage(page), '');
    await screenshot(page, 'ui-welcome-no-contexts');
    await welcomeButton(page, 'Open kubeconfig file').click();
    await waitUntil(
      'the empty kubeconfig is the active editor',
      () =>
        page
          .locator('.part.editor .editor-group-container.active .tab.active')
          .first()
          .getAttribute('data-resource-name'),
      (n) => n === 'empty-config',
    );
  });

  it('says how to connect when every context is disconnected', async () => {
    setKubeconfigSetting(session().userDataDir, original);
    await openViewContainer(page, 'Kube Events');
    await waitUntil(
      'both contexts are back',
      async () => (await treeRows(page, 'Clusters')).filter((r) => r.level === 1).length,
      (n) => n === 2,
      { timeoutMs: 30_000 },
    );
    // Collapse both: expanding (or refreshing an expanded) disconnected context connects it.
    for (const name of ['kind-alpha', 'kind-beta']) {
      const row = treeRow(page, name, 'Clusters');
      if ((await row.getAttribute('aria-expanded')) === 'true')
        await row.locator('.monaco-tl-twistie').click();
      await row.and(page.locator('[aria-expanded="false"]')).waitFor();
    }
    // With one context left to choose from, the command takes it without asking.
    await runCommand(page, 'Kube Events: Disconnect Context', { opensPicker: true });
    await pickQuickItem(page, 'kind-alpha');
    await runCommand(page, 'Kube Events: Disconnect Context');
    const message = await waitUntil(
      'the view says no context is connected',
      () => treeMessage(page),
      (m) => m.startsWith('No context is connected.'),
    );
    assert.match(message, /Kube Events: Connect Context/);
    await screenshot(page, 'ui-welcome-all-disconnected');
    await runCommand(page, 'Kube Events: Connect Context', { opensPicker: true });
    await pickQuickItem(page, 'kind-alpha');
    await runCommand(page, 'Kube Events: Connect Context');
    await waitUntil(
      'the message is gone once a context connects',
      () => treeMessage(page),
      (m) => m === '',
    );
  });
});
