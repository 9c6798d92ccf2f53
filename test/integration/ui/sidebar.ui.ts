/**
 * sidebar: the Clusters tree, describe documents, Warning notifications, "Show Events" and the
 * status bar item in a real VS Code (issue 3). Nothing here runs a refresh command: what changes
 * on the test API servers must show up by itself. Leaves test-results/ui-tree.png,
 * ui-describe.png and ui-notification.png.
 *
 * Warnings written here raise notifications: each test gives its own a reason of its own (the
 * notifier's cooldown is per object and reason) and puts them on pod web-5d9c7b6f8-abcde, so
 * the seeded crash-looping pod keeps exactly one Warning.
 */
import * as assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { type Page } from 'playwright-core';
import { event, pod } from '../../server/fixtures';
import { type TestServer } from '../../server/index';
import { activeTabLabel, editorText, editorUri } from '../runner/editor';
import { chipLabels, eventRow, eventsFrame, waitForEventRows, warningsButton } from '../runner/eventsView';
import {
  contextMenu,
  expandTreePath,
  selectedTreePath,
  treeBadge,
  treeRow,
  treeRowAt,
  treeRows,
} from '../runner/tree';
import { outputChannelLogs } from '../runner/logs';
import { waitUntil } from '../runner/wait';
import {
  clearNotifications,
  collapseAllInView,
  collapseView,
  expandView,
  openViewContainer,
  pickQuickItem,
  runCommand,
  screenshot,
  setSidebarWidth,
  statusBarItem,
  viewPane,
  waitForNotification,
} from '../runner/workbench';
import { session } from './session';

type Obj = {
  apiVersion?: string;
  kind?: string;
  metadata: { name?: string; namespace?: string; uid?: string };
};

const alphaPods = ['kind-alpha', 'shop', 'Pods'];
const betaPods = ['kind-beta', 'batch', 'Pods'];
const CRASHING = 'web-5d9c7b6f8-fghij';
const OK = 'web-5d9c7b6f8-abcde';
/**
 * AGE is an age as kubectl prints it (src/core/events/age.ts): `45s`, but `2m36s` once the
 * seeded objects are two minutes old, which a slow start-up (VS Code 1.139 on a busy machine)
 * reaches before this file runs.
 */
const AGE = String.raw`\d+[smhdy](?:\d+[smh])?`;

function alpha(): TestServer {
  return session().clusters.byContext('kind-alpha').server;
}

function alphaObject(apiVersion: string, kind: string, name: string): Obj {
  const obj = alpha().get(apiVersion, kind, 'shop', name) as Obj | undefined;
  if (!obj) throw new Error(`seed.ts did not create ${kind} shop/${name} in kind-alpha`);
  return obj;
}

/** children returns the rows right below the row at `path`, one level deeper. */
async function children(page: Page, path: string[]): Promise<{ label: string; description: string }[]> {
  const rows = await treeRows(page, 'Clusters');
  let at = -1;
  for (let depth = 0, from = 0; depth < path.length; depth++) {
    at = rows.findIndex((r, i) => i >= from && r.level === depth + 1 && r.label === path[depth]);
    if (at < 0) return [];
    from = at + 1;
  }
  const out: { label: string; description: string }[] = [];
  for (let i = at + 1; i < rows.length && rows[i]!.level > path.length; i++) {
    if (rows[i]!.level === path.length + 1)
      out.push({ label: rows[i]!.label, description: rows[i]!.description });
  }
  return out;
}

describe('Clusters tree and sidebar', () => {
  let page: Page;

  before(async () => {
    page = session().page;
    await openViewContainer(page, 'Kube Events');
    await expandView(page, 'Clusters');
    await collapseAllInView(page, 'Clusters'); // earlier files may leave the tree scrolled
    await setSidebarWidth(page, 560);
  });

  after(async () => {
    await setSidebarWidth(page, 300);
  });

  beforeEach(async () => {
    await openViewContainer(page, 'Kube Events');
    await expandView(page, 'Clusters');
  });

  it('shows both contexts synced, and their objects live from the cache', async () => {
    const contexts = await waitUntil(
      'both contexts are synced',
      async () => (await treeRows(page, 'Clusters')).filter((r) => r.level === 1),
      (rows) => rows.length === 2 && rows.every((r) => r.description === 'synced'),
    );
    assert.deepEqual(
      contexts.map((r) => r.label),
      ['kind-alpha', 'kind-beta'],
    );

    await collapseView(page, 'Events'); // room for the whole tree in the picture
    try {
      await expandTreePath(page, 'Clusters', alphaPods);
      await expandTreePath(page, 'Clusters', betaPods);
      const pods = await waitUntil(
        'the seeded pods show',
        () => children(page, alphaPods),
        (rows) => [OK, CRASHING].every((name) => rows.some((r) => r.label === name)),
      );
      const description = (name: string) => pods.find((r) => r.label === name)!.description;
      assert.match(description(OK), new RegExp(`^1/1 · ${AGE}$`));
      assert.match(description(CRASHING), new RegExp(`^0/1 · 7 restarts \\(.+ ago\\) · ${AGE}$`));
      const beta = await waitUntil(
        'the pods of kind-beta show',
        () => children(page, betaPods),
        (rows) => rows.length > 0,
      );
      assert.deepEqual(
        beta.map((r) => r.label),
        ['report-0'],
      );
      assert.match(beta[0]!.description, new RegExp(`^0/1 · ${AGE}$`));

      // Warning badges (decorations, which may follow the rows): the crash-looping pod's BackOff,
      // rolled up to kind, namespace and context.
      const badgePaths = [
        [...alphaPods, CRASHING],
        alphaPods,
        ['kind-alpha', 'shop'],
        ['kind-alpha'],
        ['kind-beta'],
      ];
      const badges = await waitUntil(
        'the warning badges show',
        async () => {
          const out: string[] = [];
          for (const path of badgePaths) out.push(await treeBadge(await treeRowAt(page, 'Clusters', path)));
          return out;
        },
        (b) => b.every((n) => Number(n) >= 1),
      );
      assert.equal(badges[0], '1', 'the crash-looping pod has one Warning');
      await clearNotifications(page);
      await page.mouse.move(1000, 450); // cosmetic: no hover on a row
      await screenshot(page, 'ui-tree');
    } finally {
      await expandView(page, 'Events');
      await eventsFrame(page).locator('.viewport .row').first().waitFor();
    }
  });

  it('shows a pod created on the server without a refresh, and drops it when deleted', async () => {
    await expandTreePath(page, 'Clusters', alphaPods);
    const podCount = async () =>
      Number(
        await (await treeRowAt(page, 'Clusters', alphaPods)).locator('.label-description').textContent(),
      );
    const before = await podCount();
    const rs = alphaObject('apps/v1', 'ReplicaSet', 'web-5d9c7b6f8');
    const t0 = Date.now();
    alpha().create(pod('shop', 'web-5d9c7b6f8-live1', { owner: rs }));
    const row = treeRow(page, 'web-5d9c7b6f8-live1', 'Clusters');
    await row.waitFor();
    process.stdout.write(`      create -> tree row: ${Date.now() - t0} ms\n`);
    assert.match((await row.locator('.label-description').textContent()) ?? '', /^1\/1 · \d+s$/);
    assert.ok(
      (await children(page, alphaPods)).some((r) => r.label === 'web-5d9c7b6f8-live1'),
      'the new pod is under kind-alpha > shop > Pods',
    );
    await waitUntil('the Pods count rises', podCount, (n) => n === before + 1);

    alpha().delete('v1', 'Pod', 'shop', 'web-5d9c7b6f8-live1');
    await row.waitFor({ state: 'detached' });
    await waitUntil('the Pods count falls back', podCount, (n) => n === before);
  });

  it('describes a pod from its context menu, with its Warning in the Events section', async () => {
    await clearNotifications(page); // cosmetic: no toast over the document in the picture
    await expandTreePath(page, 'Clusters', alphaPods);
    await contextMenu(page, CRASHING, 'Describe', 'Clusters');
    await waitUntil(
      'the describe document is the active editor',
      () => activeTabLabel(page),
      (l) => l === `Pod ${CRASHING}`,
    );
    assert.match(await editorUri(page), new RegExp(`^kube-describe:/Pod ${CRASHING}\\?`));
    assert.match(await editorUri(page), /context=kind-alpha/);

    const text = await editorText(page);
    for (const line of [
      `Name:             ${CRASHING}`,
      'Namespace:        shop',
      'Status:           Running',
      'Controlled By:  ReplicaSet/web-5d9c7b6f8',
      '    State:          Waiting',
      '      Reason:       CrashLoopBackOff',
      '    Restart Count:  7',
      'Events:',
    ]) {
      assert.ok(
        text.split('\n').includes(line),
        `the document has the line ${JSON.stringify(line)}:\n${text}`,
      );
    }
    const events = text.slice(text.lastIndexOf('\nEvents:\n'));
    assert.match(events, /\n {2}Type {5}Reason {3}Age +From {5}Message\n/);
    assert.match(
      events,
      new RegExp(
        `\\n {2}Warning {2}BackOff {2}\\S+ \\(x7 over \\S+\\) +kubelet {2}Back-off restarting failed container app in pod ${CRASHING}_shop\\n`,
      ),
    );
    await screenshot(page, 'ui-describe');

    // The open document re-renders when the object's events change.
    alpha().create(
      event('shop', alphaObject('v1', 'Pod', CRASHING), {
        reason: 'Pulling',
        message: 'Pulling image "nginx:1.27"',
      }),
    );
    await waitUntil(
      'the describe document lists the new event',
      () => editorText(page, { timeoutMs: 5000 }),
      (t) => /\n {2}Normal {3}Pulling +\S+ +kubelet +Pulling image "nginx:1\.27"\n/.test(t),
    );
  });

  it("explains a pod's Warning from its context menu, beside the editor", async () => {
    await clearNotifications(page);
    await expandTreePath(page, 'Clusters', alphaPods);
    try {
      await contextMenu(page, CRASHING, 'Explain Warning', 'Clusters');
      await waitUntil(
        'the explanation is the active editor',
        () => activeTabLabel(page),
        (l) => l === `Explain BackOff ${CRASHING}.md`,
      );
      assert.match(await editorUri(page), /^kube-explain:/);
      // Markdown wraps long lines in this narrow editor: read whole lines' starts and sections.
      const text = await editorText(page);
      assert.match(text.split('\n')[0]!, /^# Warning BackOff on Pod shop\//);
      assert.match(text, /\n## Likely cause\n/);
      assert.match(text, /restart/i, 'the crash loop explanation cites the restarts');
      assert.match(text, /\n## Next steps\n/);
      await screenshot(page, 'ui-explain');
    } finally {
      // The explanation opened beside: later files expect one editor group.
      await runCommand(page, 'View: Close All Editor Groups');
    }
  });

  it('raises a notification for a new Warning, and counts it in the badges without a blink', async () => {
    await clearNotifications(page); // cosmetic: one toast in the picture
    await expandTreePath(page, 'Clusters', alphaPods);
    const contextRow = await treeRowAt(page, 'Clusters', ['kind-alpha']);
    const crashingRow = await treeRowAt(page, 'Clusters', [...alphaPods, CRASHING]);
    const before = Number(await treeBadge(contextRow));
    alpha().create(
      event('shop', alphaObject('v1', 'Pod', OK), {
        type: 'Warning',
        reason: 'FailedMount',
        message: 'MountVolume.SetUp failed for volume "config" : configmap "web-config" not found',
      }),
    );
    // Sample the badges until the context's counts the new Warning: none may go blank meanwhile
    // (a provider that refreshes all its decorations at once makes every badge blink).
    const seen: string[][] = [];
    await waitUntil(
      'the kind-alpha badge counts the new Warning',
      async () => {
        const badges = [await treeBadge(contextRow), await treeBadge(crashingRow)];
        seen.push(badges);
        return badges;
      },
      ([context]) => Number(context) === before + 1,
      { intervalMs: 10 },
    );
    assert.ok(
      seen.every((b) => b.every((x) => x !== '')),
      `no badge blinked off (kind-alpha/${CRASHING}: ${seen.map((b) => b.join('/')).join(' ')})`,
    );

    const toast = await waitForNotification(page, 'FailedMount');
    assert.equal(
      (await toast.locator('.notification-list-item-message').textContent())?.trim(),
      `kind-alpha/shop: FailedMount on pod ${OK}: MountVolume.SetUp failed for volume "config" : configmap "web-config" not found`,
    );
    assert.deepEqual(
      (
        await toast.locator('.notification-list-item-buttons-container a.monaco-button').allTextContents()
      ).map((t) => t.trim()),
      ['Explain', 'Show Events', 'Describe', 'Mute…'],
    );
    assert.ok(await toast.locator('.codicon-warning').count(), 'a warning toast');
    await toast.and(page.locator('.notification-fade-in-done')).waitFor();
    await page.mouse.move(1000, 300); // cosmetic: no hover on a row
    await screenshot(page, 'ui-notification');

    // Its "Describe" opens the pod's describe document.
    await toast.locator('a.monaco-button', { hasText: 'Describe' }).click();
    await waitUntil(
      'the pod is described',
      () => activeTabLabel(page),
      (l) => l === `Pod ${OK}`,
    );
    assert.match(
      await editorText(page),
      /\n {2}Warning {2}FailedMount +\S+ +kubelet +MountVolume\.SetUp failed/,
    );
  });

  it('"Mute…" on a notification saves the reason in the user settings', async () => {
    alpha().create(
      event('shop', alphaObject('v1', 'Pod', OK), {
        type: 'Warning',
        reason: 'MuteCheck',
        message: 'a warning nobody wants to see again',
      }),
    );
    const toast = await waitForNotification(page, 'MuteCheck');
    await toast.locator('a.monaco-button', { hasText: 'Mute…' }).click();
    await pickQuickItem(page, 'Mute reason “MuteCheck”');
    await waitForNotification(page, 'Kube Events: muted reason “MuteCheck”.');
    const settingsFile = path.join(session().userDataDir, 'User', 'settings.json');
    const muted = await waitUntil(
      'the user settings list the muted reason',
      async () =>
        (JSON.parse(await readFile(settingsFile, 'utf8')) as Record<string, unknown>)[
          'kubeEvents.notifications.mutedReasons'
        ],
      (v) => Array.isArray(v) && v.includes('MuteCheck'),
    );
    assert.deepEqual(muted, ['MuteCheck']);
  });

  it('"Reveal Owner" on a pod selects its ReplicaSet in the tree', async () => {
    await expandTreePath(page, 'Clusters', alphaPods);
    // Fold the owner's kind, so that the command has to open it.
    const replicaSets = await treeRowAt(page, 'Clusters', ['kind-alpha', 'shop', 'ReplicaSets']);
    if ((await replicaSets.getAttribute('aria-expanded')) === 'true') {
      await replicaSets.locator('.monaco-tl-twistie').click();
      await replicaSets.and(page.locator('[aria-expanded="false"]')).waitFor();
    }
    await contextMenu(page, CRASHING, 'Reveal Owner', 'Clusters');
    // The tree scrolls to the owner: the context's row may be out of view (sticky scroll), so
    // the selected row's ancestors are read from the rows above it.
    const selected = await waitUntil(
      'the tree selects the ReplicaSet',
      () => selectedTreePath(page, 'Clusters'),
      (p) => p.at(-1) === 'web-5d9c7b6f8',
    );
    assert.deepEqual(selected.slice(-3), ['shop', 'ReplicaSets', 'web-5d9c7b6f8']);
  });

  it('"Show Events" on a notification reveals the Events view filtered to the object', async () => {
    // Start with the Events view closed: the command must open it and filter it.
    await collapseView(page, 'Events');
    alpha().create(
      event('shop', alphaObject('v1', 'Pod', OK), {
        type: 'Warning',
        reason: 'Unhealthy',
        message: 'Readiness probe failed: HTTP probe failed with statuscode: 503',
      }),
    );
    const toast = await waitForNotification(page, 'Unhealthy');
    await toast.locator('a.monaco-button', { hasText: 'Show Events' }).click();

    await viewPane(page, 'Events').locator('.pane-header[aria-expanded="true"]').waitFor();
    const frame = eventsFrame(page);
    await waitUntil(
      'the object chip shows',
      () => chipLabels(frame),
      (c) => c.length === 1 && c[0] === `object: Pod/${OK}`,
    );
    const rows = await waitForEventRows(frame, `only ${OK}'s events, the new Warning among them`, (rs) =>
      rs.some((r) => r.reason === 'Unhealthy'),
    );
    assert.deepEqual([...new Set(rows.map((r) => `${r.context} ${r.object}`))], [`kind-alpha Pod/${OK}`]);
    assert.ok(rows.length >= 2, `the pod's earlier events show too (${rows.length} rows)`);
  });

  it('"Show Events" on a Deployment in the tree includes its ReplicaSets\' and Pods\' events', async () => {
    // A reveal above may have scrolled the context's row out of view: start from the top.
    await collapseAllInView(page, 'Clusters');
    await expandTreePath(page, 'Clusters', ['kind-alpha', 'shop', 'Deployments']);
    await contextMenu(page, 'web', 'Show Events', 'Clusters');
    const frame = eventsFrame(page);
    await waitUntil(
      'the object chip shows',
      () => chipLabels(frame),
      (c) => c.length === 1 && c[0] === 'object: Deployment/web',
    );
    const toggle = frame.locator('.chip .chip-toggle');
    assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
    assert.match((await toggle.textContent()) ?? '', /^\+ \d+ descendants$/);

    const family = /^(Deployment\/web|ReplicaSet\/web-5d9c7b6f8|Pod\/web-5d9c7b6f8-\w+)$/;
    const listed = await waitForEventRows(frame, 'the family of deployment web', (rs) => rs.length > 0);
    for (const r of listed)
      assert.match(r.object, family, `${r.reason} on ${r.object} belongs to deployment web`);
    // The pod's BackOff may be below the fold of a narrow side bar: narrow by text to find it.
    const search = frame.locator('.toolbar input.search');
    await search.fill('BackOff');
    const rows = await waitForEventRows(frame, "the crash-looping pod's BackOff", (rs) =>
      rs.some((r) => r.reason === 'BackOff'),
    );
    for (const r of rows)
      assert.match(r.object, family, `${r.reason} on ${r.object} belongs to deployment web`);
    assert.ok(rows.every((r) => r.context === 'kind-alpha'));

    // The toggle off: the Deployment's own events only.
    await toggle.click();
    await eventRow(frame, 'BackOff').waitFor({ state: 'detached' });
    await search.fill('');
    const own = await waitForEventRows(frame, "the Deployment's own events only", (rs) =>
      rs.every((r) => r.object === 'Deployment/web'),
    );
    assert.ok(own.every((r) => r.object === 'Deployment/web'));
  });

  it('counts live Warnings in the status bar, and opens them from there', async () => {
    const item = statusBarItem(page, 'kube-events.kube-events.kubeEvents.warnings');
    const count = await waitUntil(
      'the status bar counts the Warnings',
      async () => Number(((await item.textContent()) ?? '').trim()),
      (n) => n > 0,
    );
    assert.match(
      (await item.getAttribute('aria-label')) ?? '',
      new RegExp(`${count} Kubernetes Warning events in the last hour`),
    );

    await item.click();
    const frame = eventsFrame(page);
    await waitUntil(
      'the Warnings chip shows',
      () => chipLabels(frame),
      (c) => c.length === 1 && c[0] === 'type: Warning',
    );
    assert.equal(await warningsButton(frame).getAttribute('aria-pressed'), 'true');
    const rows = await waitForEventRows(
      frame,
      'Warning rows only',
      (rs) => rs.length > 0 && rs.every((r) => r.type === 'Warning'),
    );
    assert.ok(rows.some((r) => r.reason === 'BackOff'));
    // Every Warning of the last hour is in view (there are few), and none has expired: the list
    // shows what the status bar counts.
    assert.equal(
      rows.filter((r) => !r.expired).length,
      Number(((await item.textContent()) ?? '').trim()),
      `the Warning rows (${rows.map((r) => r.reason).join(', ')}) are the ones counted`,
    );
  });

  it('logs status transitions only, after all of the above', () => {
    const { userDataDir } = session();
    // Every test above changed objects (pods created and deleted, events written): with a log line
    // per object count the channel had one per change. A transition changes the phase or reason.
    for (const log of outputChannelLogs(userDataDir)) {
      const last = new Map<string, string>();
      for (const m of log.matchAll(
        /\[info\] (kind-\w+): (connecting…|synced.*|retrying.*|forbidden.*|error.*)$/gm,
      )) {
        const [, context, status] = m;
        assert.notEqual(last.get(context!), status, `a repeated status line for ${context}: ${status}`);
        assert.doesNotMatch(status!, /objects/, 'a status line counts objects');
        last.set(context!, status!);
      }
    }
    // Not asserted: VS Code's "No tree item with id" (a row refreshed while a child of it is being
    // expanded). Its causes found so far are fixed; one remains in a clean run (see CHANGELOG).
  });
});
