/**
 * events: the Events webview view in a real VS Code (issue 4). Events written to the test API
 * servers show up live; Warnings only; a repeat updates its row in place; an event the server
 * deletes stays, marked expired; hostile event text stays inert text; a selected Warning is
 * explained in the view's panel (issue 14). Leaves test-results/ui-events-dark.png,
 * ui-events-light.png and ui-explain-panel.png.
 *
 * Each test writes events with reasons of its own and finds its rows by reason: the list is
 * newest first, so they are at the top, in view. Tests that write Warnings raise notifications;
 * the notifier's budget (5 at once) leaves room for sidebar.ui.ts.
 */
import * as assert from 'node:assert/strict';
import { type FrameLocator, type Page } from 'playwright-core';
import { event, rfc3339 } from '../../server/fixtures';
import { type TestServer } from '../../server/index';
import {
  chipLabels,
  eventRow,
  eventRows,
  openEventsView,
  resetEventFilters,
  waitForEventRows,
  warningsButton,
} from '../runner/eventsView';
import {
  clearNotifications,
  collapseView,
  expandView,
  screenshot,
  setColorTheme,
  setSidebarWidth,
  viewPane,
} from '../runner/workbench';
import { activeTabLabel, editorUri } from '../runner/editor';
import { waitForTreeRowAt } from '../runner/tree';
import { waitUntil } from '../runner/wait';
import { session } from './session';

type Obj = {
  apiVersion?: string;
  kind?: string;
  metadata: { name?: string; namespace?: string; uid?: string };
};

function server(context: 'kind-alpha' | 'kind-beta'): TestServer {
  return session().clusters.byContext(context).server;
}

/** seeded returns an object the seed created (see seed.ts). */
function seeded(
  context: 'kind-alpha' | 'kind-beta',
  apiVersion: string,
  kind: string,
  ns: string,
  name: string,
): Obj {
  const obj = server(context).get(apiVersion, kind, ns, name) as Obj | undefined;
  if (!obj) throw new Error(`seed.ts did not create ${kind} ${ns}/${name} in ${context}`);
  return obj;
}

const okPod = () => seeded('kind-alpha', 'v1', 'Pod', 'shop', 'web-5d9c7b6f8-abcde');
const pendingPod = () => seeded('kind-beta', 'v1', 'Pod', 'batch', 'report-0');

describe('Events view', () => {
  let page: Page;
  let frame: FrameLocator;

  before(async () => {
    page = session().page;
    frame = await openEventsView(page);
    // A wide side bar shows every column; the Events view gets the whole height.
    await setSidebarWidth(page, 1000);
    await collapseView(page, 'Clusters');
  });

  after(async () => {
    // Leave the layout as the other files expect it.
    await expandView(page, 'Clusters');
    await setSidebarWidth(page, 300);
  });

  beforeEach(async () => {
    frame = await openEventsView(page);
    await resetEventFilters(frame);
  });

  it('looks native in the dark and light themes (screenshots)', async () => {
    const alpha = server('kind-alpha');
    const dep = seeded('kind-alpha', 'apps/v1', 'Deployment', 'shop', 'web');
    const rs = seeded('kind-alpha', 'apps/v1', 'ReplicaSet', 'shop', 'web-5d9c7b6f8');
    const controller = (component: string) => ({ source: component, reportingComponent: component });
    alpha.create(
      event('shop', dep, {
        reason: 'ScalingReplicaSet',
        message: 'Scaled up replica set web-5d9c7b6f8 from 0 to 2',
        ...controller('deployment-controller'),
      }),
    );
    alpha.create(
      event('shop', rs, {
        reason: 'SuccessfulCreate',
        message: 'Created pod: web-5d9c7b6f8-abcde',
        ...controller('replicaset-controller'),
      }),
    );
    for (const [reason, message] of [
      ['Pulled', 'Container image "nginx:1.27" already present on machine'],
      ['Created', 'Created container: app'],
      ['Started', 'Started container app'],
    ]) {
      alpha.create(
        event('shop', okPod(), { reason: reason!, message: message!, fieldPath: 'spec.containers{app}' }),
      );
    }
    await waitForEventRows(frame, 'the five new events', (rows) =>
      ['ScalingReplicaSet', 'SuccessfulCreate', 'Pulled', 'Created', 'Started'].every((r) =>
        rows.some((row) => row.reason === r),
      ),
    );
    const messageColor = () =>
      eventRow(frame, 'Pulled')
        .locator('.cell.message')
        .evaluate((e) => getComputedStyle(e).color);

    await clearNotifications(page);
    await frame.locator('.toolbar .status').click(); // focus the view, not the Clusters header
    assert.equal(await frame.locator('body').getAttribute('data-vscode-theme-kind'), 'vscode-dark');
    const dark = await messageColor();
    await page.waitForTimeout(300); // cosmetic: let the timeline and fonts settle
    await screenshot(page, 'ui-events-dark');
    try {
      await setColorTheme(page, 'Light Modern', 'vs');
      await frame.locator('body.vscode-light').waitFor();
      const light = await messageColor();
      assert.notEqual(light, dark, 'the rows take their colours from the theme');
      await clearNotifications(page);
      await page.waitForTimeout(300); // cosmetic
      await screenshot(page, 'ui-events-light');
    } finally {
      await setColorTheme(page, 'Dark Modern', 'vs-dark');
    }
  });

  it('shows an event written to the API server, live', async () => {
    const t0 = Date.now();
    server('kind-alpha').create(
      event('shop', okPod(), { reason: 'LiveCheck', message: 'written by the events UI test' }),
    );
    const row = eventRow(frame, 'LiveCheck');
    await row.waitFor();
    process.stdout.write(`      write -> row: ${Date.now() - t0} ms\n`);
    const [shown] = (await eventRows(frame)).filter((r) => r.reason === 'LiveCheck');
    assert.deepEqual(
      { ...shown, index: undefined, label: undefined },
      {
        index: undefined,
        label: undefined,
        type: 'Normal',
        context: 'kind-alpha',
        namespace: 'shop',
        object: 'Pod/web-5d9c7b6f8-abcde',
        reason: 'LiveCheck',
        message: 'written by the events UI test',
        count: '',
        expired: false,
      },
    );
  });

  it('shows only Warning rows while "Warnings" is on', async () => {
    server('kind-alpha').create(
      event('shop', okPod(), { reason: 'NormalForToggle', message: 'a Normal event' }),
    );
    server('kind-beta').create(
      event('batch', pendingPod(), {
        type: 'Warning',
        reason: 'WarningForToggle',
        message: 'a Warning event',
        source: 'default-scheduler',
      }),
    );
    await waitForEventRows(frame, 'both new events', (rows) =>
      ['NormalForToggle', 'WarningForToggle'].every((r) => rows.some((row) => row.reason === r)),
    );

    await warningsButton(frame).click();
    const rows = await waitForEventRows(
      frame,
      'Warning rows only',
      (rs) => rs.length > 0 && rs.every((r) => r.type === 'Warning'),
    );
    assert.ok(rows.some((r) => r.reason === 'WarningForToggle'));
    assert.ok(!rows.some((r) => r.reason === 'NormalForToggle'));
    assert.equal(await warningsButton(frame).getAttribute('aria-pressed'), 'true');
    assert.deepEqual(await chipLabels(frame), ['type: Warning']);

    await warningsButton(frame).click();
    await eventRow(frame, 'NormalForToggle').waitFor();
    assert.equal(await warningsButton(frame).getAttribute('aria-pressed'), 'false');
  });

  it('updates a repeated event in place (one row, its count rising)', async () => {
    const alpha = server('kind-alpha');
    const first = Date.now() - 30_000;
    let ev = alpha.create(
      event('shop', okPod(), {
        reason: 'RepeatCheck',
        message: 'the same event, again',
        firstTimestamp: first,
        lastTimestamp: first,
      }),
    ) as Obj & { count: number; lastTimestamp: string };
    await eventRow(frame, 'RepeatCheck').waitFor();
    for (const count of [2, 3]) {
      ev = alpha.update({ ...ev, count, lastTimestamp: rfc3339(Date.now()) });
      const rows = await waitForEventRows(frame, `RepeatCheck counted x${count}`, (rs) =>
        rs.some((r) => r.reason === 'RepeatCheck' && r.count.startsWith(`x${count} over `)),
      );
      const mine = rows.filter((r) => r.reason === 'RepeatCheck');
      assert.equal(mine.length, 1, `one row for the repeated event, not ${mine.length}`);
      assert.match(mine[0]!.count, new RegExp(`^x${count} over \\d+s$`));
    }
  });

  it('keeps an event the API server deleted, marked expired', async () => {
    const alpha = server('kind-alpha');
    const ev = alpha.create(
      event('shop', okPod(), { reason: 'ExpiryCheck', message: 'deleted by the API server (TTL)' }),
    ) as Obj;
    await eventRow(frame, 'ExpiryCheck').waitFor();
    const before = (await eventRows(frame)).length;
    alpha.delete('v1', 'Event', 'shop', ev.metadata.name!);
    const row = eventRow(frame, 'ExpiryCheck');
    await row.and(frame.locator('.expired')).waitFor();
    const rows = await eventRows(frame);
    const mine = rows.filter((r) => r.reason === 'ExpiryCheck');
    assert.equal(mine.length, 1);
    assert.equal(mine[0]!.message, 'deleted by the API server (TTL)');
    assert.match(mine[0]!.label, /, expired$/);
    assert.equal(rows.length, before, 'no row is dropped');
    const mark = await row.locator('.cell.time').evaluate((e) => getComputedStyle(e, '::after').content);
    assert.match(mark, /expired/, 'the time cell says "expired"');
  });

  it("reveals a row's object in the tree, and describes it", async () => {
    // The seeded FailedScheduling (kind-beta, Pod batch/report-0), alone in the list: when the
    // tree opens, the Events view shrinks and its oldest rows would leave it.
    await frame.locator('.toolbar input.search').fill('FailedScheduling');
    await waitForEventRows(frame, 'FailedScheduling alone', (rs) => rs.length === 1);
    const row = eventRow(frame, 'FailedScheduling');
    await row.locator('.link[data-action="reveal"]').click();
    await viewPane(page, 'Clusters').locator('.pane-header[aria-expanded="true"]').waitFor();
    const revealed = await waitForTreeRowAt(page, 'Clusters', ['kind-beta', 'batch', 'Pods', 'report-0']);
    await revealed.and(page.locator('[aria-selected="true"]')).waitFor();

    await row.hover();
    // The row's hover action (the expanded row has a labelled Describe button of its own).
    await row.locator('button.icon-button[data-action="describe"]').click();
    await waitUntil(
      'the pod is described',
      () => activeTabLabel(page),
      (l) => l === 'Pod report-0',
    );
    assert.match(await editorUri(page), /^kube-describe:\/Pod report-0\?.*context=kind-beta/);
    await collapseView(page, 'Clusters');
  });

  it("explains a selected Warning in the view's panel, and updates nothing else (screenshot)", async () => {
    // The seeded FailedScheduling (kind-beta, Pod batch/report-0): "3 Insufficient memory".
    await frame.locator('.toolbar input.search').fill('FailedScheduling');
    await waitForEventRows(frame, 'FailedScheduling alone', (rs) => rs.length === 1);
    await eventRow(frame, 'FailedScheduling').locator('.cell.time').click();
    const cause = frame.locator('.explain-panel .explain-cause');
    await cause.waitFor({ timeout: 15_000 });
    const text = (await cause.textContent()) ?? '';
    assert.match(text, /memory/, text);
    assert.doesNotMatch(text, /was reported/, 'a dedicated explanation, not the generic one');
    assert.ok((await frame.locator('.explain-panel .explain-steps button').count()) >= 2);
    await screenshot(page, 'ui-explain-panel');
    await frame.locator('.explain-panel [data-panel="close"]').click();
  });

  it('shows hostile event text as text and runs none of it', async () => {
    // A probe in the page: elements a renderer that parsed HTML would add, CSP violations, and
    // whatever the payloads would run if they ever executed.
    const body = frame.locator('body');
    await body.evaluate(() => {
      const probe = { added: [] as string[], violations: [] as string[], ran: [] as string[] };
      (window as unknown as { __probe: typeof probe }).__probe = probe;
      const risky = /^(IMG|SCRIPT|IFRAME|OBJECT|EMBED|SVG|STYLE|LINK|META|BASE|FORM|A|VIDEO|AUDIO)$/i;
      new MutationObserver((records) => {
        for (const r of records) {
          for (const n of Array.from(r.addedNodes)) {
            if (!(n instanceof Element)) continue;
            for (const e of [n, ...Array.from(n.querySelectorAll('*'))])
              if (risky.test(e.tagName)) probe.added.push(e.tagName);
          }
        }
      }).observe(document, { subtree: true, childList: true });
      document.addEventListener('securitypolicyviolation', (e) =>
        probe.violations.push(`${e.violatedDirective} ${e.blockedURI}`),
      );
    });
    const run = (what: string) => `window.__probe.ran.push('${what}')`;
    const hostile = [
      { reason: 'HostileImg', message: `<img src=x onerror="${run('img')}">` },
      { reason: 'HostileScript', message: `<script>${run('script')}</script>` },
      { reason: 'HostileBidi', message: 'invoice\u202Efdp.exe is fine' },
      { reason: `<b onmouseover="${run('reason')}">HostileReason</b>`, message: '<svg onload=alert(1)>' },
    ];
    const alpha = server('kind-alpha');
    for (const h of hostile) alpha.create(event('shop', okPod(), h));
    const rows = await waitForEventRows(frame, 'the four hostile events', (rs) =>
      hostile.every((h) => rs.some((r) => r.reason === h.reason)),
    );
    const message = (reason: string) => rows.find((r) => r.reason === reason)!.message;
    assert.equal(message('HostileImg'), hostile[0]!.message);
    assert.equal(message('HostileScript'), hostile[1]!.message);
    assert.equal(
      message('HostileBidi'),
      'invoice<U+202E>fdp.exe is fine',
      'a bidi override is shown, not obeyed',
    );
    assert.equal(message(hostile[3]!.reason), '<svg onload=alert(1)>');

    // Hover the hostile reason, as a person reading it would.
    await eventRow(frame, hostile[3]!.reason).locator('.cell.reason').hover();
    const probe = await body.evaluate(() => {
      const p = (window as unknown as { __probe?: { added: string[]; violations: string[]; ran: string[] } })
        .__probe;
      return {
        probe: p ?? null,
        images: document.querySelectorAll('img, svg, iframe, object, embed').length,
        // VS Code adds an inline script of its own (acquireVsCodeApi); ours is the only file.
        scripts: {
          files: Array.from(document.scripts)
            .filter((s) => s.src)
            .map((s) => s.src.split('/').pop()),
          withPayload: Array.from(document.scripts).filter((s) => s.text.includes('__probe')).length,
        },
      };
    });
    assert.ok(probe.probe, 'the page was not reloaded during the test (the probe is still there)');
    assert.deepEqual(probe.probe, { added: [], violations: [], ran: [] });
    assert.equal(probe.images, 0);
    assert.deepEqual(probe.scripts, { files: ['webview.js'], withPayload: 0 });
  });
});
