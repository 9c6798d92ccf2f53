/**
 * explain-demo: every Warning of the demo cluster (test/scenario: what `npm run demo` serves,
 * seeded and played one round, see demoCluster.ts) gets a correct explanation in the Events
 * view's panel, in a real VS Code (issue 14). For each reason of demoExplanations' table, each
 * demo Warning of that reason is selected in the list (narrowed by the filter box to its
 * reason and object, so it is in view however long the list) and its panel must show the
 * heading, the cause, the evidence and the next-step buttons computed from what the demo
 * wrote. A Warning the table has no entry for fails the first test ("no expectation for reason
 * X"). Leaves test-results/ui-explain-demo.png (the FailedScheduling panel).
 *
 * The demo runs in a window of its own: a second workbench page on the shared code-server,
 * opened on a folder of its own while the settings list the demo's kubeconfig and connect only
 * demo-admin. The first window never connects it, so the other files' Events list never holds
 * the demo's rows (a disconnected context's rows stay, expired). The settings are restored and
 * the window closed afterwards.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { type FrameLocator, type Page } from 'playwright-core';
import type { KubeEvent } from '../../../src/core/events/model';
import {
  eventsFrame,
  openEventsView,
  resetEventFilters,
  waitForEventRows,
  warningsButton,
} from '../runner/eventsView';
import { treeRows } from '../runner/tree';
import { waitUntil } from '../runner/wait';
import {
  activityItem,
  clearNotifications,
  collapseView,
  expandView,
  openViewContainer,
  openWorkbench,
  screenshot,
  setSidebarWidth,
} from '../runner/workbench';
import { startDemoCluster, type DemoCluster } from './demoCluster';
import { checkExplanation, EXPECTATIONS, expectationFor, type ShownExplanation } from './demoExplanations';
import { session } from './session';

/** SETTINGS_FILES hold the machine-scoped keys (see runner/settings.ts): both are edited. */
const SETTINGS_FILES = ['User', 'Machine'];
const KEYS = ['kubeEvents.kubeconfig', 'kubeEvents.contexts'] as const;

/** setSettings writes `values` into both settings files (other keys kept) and returns what they held. */
function setSettings(userDataDir: string, values: Record<string, unknown>): Record<string, unknown> {
  let before: Record<string, unknown> = {};
  for (const [i, folder] of SETTINGS_FILES.entries()) {
    const file = path.join(userDataDir, folder, 'settings.json');
    const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    if (i === 0) before = Object.fromEntries(Object.keys(values).map((k) => [k, json[k]]));
    Object.assign(json, values);
    writeFileSync(file, JSON.stringify(json, null, 2) + '\n');
  }
  return before;
}

/** subjectOf is a Warning's row object: `Kind/name`. */
const subjectOf = (w: KubeEvent) => `${w.involved.kind}/${w.involved.name}`;

/** readPanel reads the first explanation of the panel, or null while it has none. */
async function readPanel(frame: FrameLocator): Promise<(ShownExplanation & { document: boolean }) | null> {
  // No helper functions inside: the test runner's transpiler would name them with a helper
  // (`__name`) that does not exist in the page.
  return frame.locator('.explain-panel').evaluate((panel) => {
    const item = panel.querySelector('.explain-item');
    if ((panel as HTMLElement).hidden || panel.getAttribute('aria-busy') === 'true' || !item) return null;
    const buttons = Array.from(item.querySelectorAll('.explain-steps button'));
    return {
      heading: item.querySelector('.explain-heading')?.textContent ?? '',
      cause: item.querySelector('.explain-cause')?.textContent ?? '',
      confidence: item.querySelector('.explain-confidence')?.textContent ?? '',
      evidence: Array.from(item.querySelectorAll('.explain-evidence li')).map((li) => li.textContent ?? ''),
      steps: buttons
        .filter((b) => !(b as HTMLElement).dataset.panel)
        .map((b) => (b.textContent ?? '').trim()),
      document: buttons.some((b) => (b as HTMLElement).dataset.panel === 'document'),
    };
  });
}

describe("Explanations of the demo cluster's Warnings", () => {
  let demo: DemoCluster;
  let page: Page;
  let frame: FrameLocator;
  let restore: Record<string, unknown> | undefined;

  before(async function () {
    this.timeout(420_000);
    const s = session();
    const root = path.join(path.dirname(s.folder), 'explain-demo');
    const folder = path.join(root, 'workspace');
    mkdirSync(folder, { recursive: true });
    demo = await startDemoCluster({ dir: root });
    const original = JSON.parse(
      readFileSync(path.join(s.userDataDir, 'User', 'settings.json'), 'utf8'),
    ) as Record<string, unknown>;
    const kubeconfigs = (original[KEYS[0]] as string[] | undefined) ?? [];
    restore = setSettings(s.userDataDir, {
      [KEYS[0]]: [...kubeconfigs, demo.kubeconfig.file],
      [KEYS[1]]: [demo.kubeconfig.adminContext],
    });
    page = await s.page.context().newPage();
    await page.setViewportSize({ width: 1400, height: 900 });
    try {
      // As the session's first window: a second workbench loads the same large script (1.139:
      // 19 MB) and starts an extension host of its own, slow on a busy machine.
      await openWorkbench(page, `${s.server.url}?folder=${encodeURIComponent(folder)}`, 120_000);
      await activityItem(page, 'Kube Events').waitFor({ timeout: 120_000 });
      await openViewContainer(page, 'Kube Events');
      await expandView(page, 'Events');
      // The view's webview starts with the extension host: allow it the same time.
      await eventsFrame(page).locator('.viewport').waitFor({ timeout: 120_000 });
      frame = await openEventsView(page);
      // A wide side bar shows every column; the Events view (list and panel) gets the whole height.
      await setSidebarWidth(page, 1000);
      await collapseView(page, 'Clusters');
      await resetEventFilters(frame);
      await warningsButton(frame).click();
      await waitUntil(
        'Warnings only',
        () => warningsButton(frame).getAttribute('aria-pressed'),
        (p) => p === 'true',
      );
    } catch (err) {
      process.stdout.write(`    screenshot: ${await screenshot(page, 'failed-explain-demo-window')}\n`);
      throw err;
    }
  });

  afterEach(async function () {
    const t = this.currentTest;
    if (page && t?.state === 'failed') {
      const name = `failed-explain-demo-${t.title.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}`;
      process.stdout.write(`    screenshot: ${await screenshot(page, name)}\n`);
    }
  });

  after(async function () {
    this.timeout(60_000);
    await page?.close();
    const s = session();
    if (restore) setSettings(s.userDataDir, restore);
    await demo?.stop();
    // The first window listed the demo's contexts (never connected): wait until they are gone.
    await waitUntil(
      "the first window drops the demo's contexts",
      async () => (await treeRows(s.page, 'Clusters')).map((r) => r.label),
      (labels) => !labels.some((l) => l.startsWith('demo-')),
    );
  });

  it('has an expectation for every Warning reason the demo emits, and no other', () => {
    assert.ok(demo.warnings.length > 0, 'the demo emits Warnings');
    for (const w of demo.warnings) expectationFor(w, demo.server); // throws "no expectation for reason X"
    const emitted = new Set(demo.warnings.map((w) => w.reason));
    assert.deepEqual(
      Object.keys(EXPECTATIONS).filter((r) => !emitted.has(r)),
      [],
      'expectations for reasons the demo no longer emits',
    );
  });

  for (const reason of Object.keys(EXPECTATIONS)) {
    it(`explains ${reason}: the cause, the evidence and the next steps the demo confirms`, async function () {
      this.timeout(180_000);
      const warnings = demo.warnings.filter((w) => w.reason === reason);
      assert.ok(warnings.length > 0, `the demo no longer emits ${reason}`);
      const problems: string[] = [];
      for (const w of warnings) {
        const expected = expectationFor(w, demo.server);
        // Narrowed to the reason and the object, the row is in view however long the list is.
        await frame.locator('.toolbar input.search').fill(`${w.reason} ${w.involved.name}`);
        const prefix = w.message.slice(0, 40);
        const isMine = (r: { context: string; reason: string; object: string; message: string }) =>
          r.context === demo.kubeconfig.adminContext &&
          r.reason === w.reason &&
          r.object === subjectOf(w) &&
          r.message.startsWith(prefix);
        const rows = await waitForEventRows(
          frame,
          `${w.reason} on ${subjectOf(w)} (${prefix}…)`,
          (rs) => rs.some(isMine),
          {
            timeoutMs: 60_000,
          },
        );
        const row = rows.find(isMine)!;
        await frame.locator(`.viewport .row[data-index="${row.index}"] .cell.time`).click();
        // A Warning on a lazy kind (a PVC, an HPA, a custom resource) is explained fully once the
        // panel's lease has that kind synced: wait until the panel says what is expected.
        const complete = (p: Awaited<ReturnType<typeof readPanel>>) =>
          p !== null &&
          p.heading === expected.heading &&
          p.document &&
          checkExplanation(p, expected).length === 0;
        let shown = await waitUntil(
          `the panel explains ${expected.heading}`,
          () => readPanel(frame),
          complete,
          {
            timeoutMs: 30_000,
          },
        ).catch(() => readPanel(frame));
        if (!shown || shown.heading !== expected.heading) {
          problems.push(`${expected.heading} (${prefix}…): the panel shows ${JSON.stringify(shown)}`);
          shown = null;
        }
        if (shown && !shown.document) problems.push(`${expected.heading}: no "Open as Document" button`);
        if (shown)
          for (const p of checkExplanation(shown, expected))
            problems.push(`${expected.heading} (${prefix}…): ${p}`);
        if (reason === 'FailedScheduling' && problems.length === 0) {
          await clearNotifications(page);
          await page.mouse.move(1300, 880); // no hover highlight on the list
          await screenshot(page, 'ui-explain-demo');
        }
      }
      assert.deepEqual(problems, []);
    });
  }
});
