/**
 * manifests: the workspace's manifests meet the cluster (issue 15). A Deployment manifest of
 * kind-alpha's seeded `web` gets its live Warnings (the crash-looping Pod's BackOff) in the
 * Problems panel, a status CodeLens, a "not found" lens for an object never applied, a new
 * Warning within seconds, and the "Show Events" quick fix opens the Events view filtered to it.
 * Leaves test-results/ui-manifests.png.
 *
 * The manifest and the folder setting (`kubeEvents.manifests.context: kind-alpha`) are written
 * into the workspace folder at run time: the indexer's watcher and VS Code's settings watcher
 * pick them up, as they would a `git pull`.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { type Page } from 'playwright-core';
import { event } from '../../server/fixtures';
import { chipLabels, eventsFrame } from '../runner/eventsView';
import { activeEditor } from '../runner/editor';
import { clearNotifications, runCommand, screenshot } from '../runner/workbench';
import { waitUntil } from '../runner/wait';
import { session } from './session';

const MANIFEST = `# The shop's web front end (seeded in kind-alpha by seed.ts)
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: 2
---
apiVersion: v1
kind: Service
metadata:
  name: never-applied
  namespace: shop
spec:
  ports:
    - port: 80
`;

async function problems(page: Page): Promise<string[]> {
  return (await page.locator('.markers-panel .monaco-list-row').allInnerTexts()).map((t) =>
    t.replace(/\s+/g, ' '),
  );
}

async function lenses(page: Page): Promise<string[]> {
  return (await activeEditor(page).locator('.codelens-decoration').allInnerTexts()).map((t) => t.trim());
}

describe('Workspace manifests', () => {
  let page: Page;

  before(async () => {
    page = session().page;
    const folder = session().folder;
    mkdirSync(path.join(folder, '.vscode'), { recursive: true });
    writeFileSync(
      path.join(folder, '.vscode', 'settings.json'),
      JSON.stringify({ 'kubeEvents.manifests.context': 'kind-alpha' }, null, 2),
    );
    mkdirSync(path.join(folder, 'deploy'), { recursive: true });
    writeFileSync(path.join(folder, 'deploy', 'web.yaml'), MANIFEST);
    // Quick Open: the first YAML document starts the index.
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor();
    await input.fill('deploy/web.yaml');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'web.yaml' }).first().waitFor();
    await page.keyboard.press('Enter');
    await activeEditor(page).locator('.view-lines', { hasText: 'never-applied' }).waitFor();
  });

  after(async () => {
    await page.keyboard.press('Escape');
    await runCommand(page, 'View: Close All Editors');
    // The Problems panel is open since the second test; the palette has no "Close Panel".
    await runCommand(page, 'View: Toggle Panel Visibility');
    // The probe Warning raised a notification; leave none for the next files.
    await clearNotifications(page);
  });

  it('shows the status CodeLens of the live Deployment, and "not found" for an object never applied', async () => {
    const shown = await waitUntil(
      'the manifest lenses',
      () => lenses(page),
      (l) => l.some((t) => /· 1 warning/.test(t)) && l.some((t) => t.includes('not found in kind-alpha')),
    );
    assert.ok(
      shown.some((t) => t.includes('Show Events') && t.includes('Describe')),
      JSON.stringify(shown),
    );
    assert.ok(
      shown.some((t) => t.includes('not found in kind-alpha (namespace shop)')),
      JSON.stringify(shown),
    );
  });

  it("lists the Pods' BackOff on the Deployment in the Problems panel, and a new Warning within seconds", async () => {
    await page.keyboard.press('Control+Shift+M');
    await waitUntil(
      'the BackOff problem',
      () => problems(page),
      (p) => p.some((t) => t.includes('BackOff x7 (pods of web): Back-off restarting failed container app')),
    );
    const alpha = session().clusters.byContext('kind-alpha').server;
    const crashing = alpha.get('v1', 'Pod', 'shop', 'web-5d9c7b6f8-fghij') as Parameters<typeof event>[1];
    const t0 = Date.now();
    alpha.create(
      event('shop', crashing, {
        name: 'manifest-probe',
        type: 'Warning',
        reason: 'ManifestProbe',
        message: 'Readiness probe failed: 503',
        count: 2,
      }),
    );
    await waitUntil(
      'the new Warning in the Problems panel',
      () => problems(page),
      (p) => p.some((t) => t.includes('ManifestProbe x2 (pods of web): Readiness probe failed: 503')),
      { timeoutMs: 10_000, intervalMs: 50 },
    );
    process.stdout.write(`      write -> Problems panel: ${Date.now() - t0} ms (includes 50 ms polling)\n`);
    await screenshot(page, 'ui-manifests');
    // Later files count this pod's Warnings: take ours back.
    alpha.delete('v1', 'Event', 'shop', 'manifest-probe');
  });

  it('"Show Events" quick fix opens the Events view filtered to the Deployment', async () => {
    // Enter on a problem puts the editor's cursor on it; Ctrl+. lists its quick fixes.
    await page.locator('.markers-panel .monaco-list-row', { hasText: 'BackOff x7' }).first().click();
    await page.keyboard.press('Enter');
    await activeEditor(page).locator('.cursor').first().waitFor();
    await page.keyboard.press('Control+.');
    const fix = page.locator('.action-widget .monaco-list-row', { hasText: 'Show Events of Deployment web' });
    // Under load the focus can stay in the Problems panel, where Ctrl+. does nothing: then ask
    // the palette for the editor's Quick Fix (the cursor is on the problem already).
    await fix
      .first()
      .waitFor({ timeout: 5000 })
      .catch(async () => {
        await page.keyboard.press('Escape');
        await runCommand(page, 'Quick Fix...');
        await fix.first().waitFor();
      });
    const titles = (await page.locator('.action-widget .monaco-list-row').allInnerTexts()).map((t) =>
      t.trim(),
    );
    assert.ok(
      titles.some((t) => t.includes('Describe Deployment web')),
      JSON.stringify(titles),
    );
    assert.ok(
      titles.some((t) => t.includes('Reveal in Clusters tree')),
      JSON.stringify(titles),
    );
    assert.ok(
      titles.some((t) => t.includes('Mute reason “BackOff”')),
      JSON.stringify(titles),
    );
    // The preferred fix is focused; a click may land on the widget's pointer block.
    await page.keyboard.press('Enter');
    const frame = eventsFrame(page);
    await waitUntil(
      'the Events view filtered to the Deployment',
      () => chipLabels(frame),
      (c) => c.length === 1 && c[0] === 'object: Deployment/web',
    );
  });

  it('hovering metadata.name shows the status and the last events', async () => {
    const squiggle = activeEditor(page).locator('.squiggly-warning').first();
    await squiggle.waitFor({ state: 'attached' });
    await squiggle.hover({ force: true });
    const hover = page.locator('.monaco-hover', { hasText: 'Last events' }).first();
    await hover.waitFor({ timeout: 15_000 });
    const text = (await hover.innerText()).replace(/\s+/g, ' ');
    assert.match(text, /Deployment web/);
    assert.match(text, /BackOff x7/);
  });
});
