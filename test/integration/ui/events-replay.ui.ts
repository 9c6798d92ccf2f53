/**
 * events-replay: the Events view's time range, Copy, and re-opening an export, in a real VS Code
 * (issue 9 item 5). A time range hides what is older and rescales the timeline; Copy puts the
 * event on the clipboard through the host (redacted); an exported JSON file opens back as a
 * read-only replay whose filters work.
 *
 * Each test writes events with reasons of its own and finds its rows by reason.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { type FrameLocator, type Page } from 'playwright-core';
import { event } from '../../server/fixtures';
import {
  chipLabels,
  eventRow,
  eventsFrameTitled,
  openEventsView,
  resetEventFilters,
  waitForEventRows,
} from '../runner/eventsView';
import { answerFileDialog } from '../runner/fileDialog';
import { waitUntil } from '../runner/wait';
import {
  collapseView,
  expandView,
  pickQuickItem,
  runCommand,
  screenshot,
  setSidebarWidth,
  waitForNotification,
} from '../runner/workbench';
import { session } from './session';

const MIN = 60_000;
const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJyZXBsYXkifQ.c2lnbmF0dXJlLXJlcGxheQ';

function alphaPod(): {
  apiVersion?: string;
  kind?: string;
  metadata: { name?: string; namespace?: string; uid?: string };
} {
  const obj = session()
    .clusters.byContext('kind-alpha')
    .server.get('v1', 'Pod', 'shop', 'web-5d9c7b6f8-abcde');
  if (!obj) throw new Error('seed.ts did not create Pod shop/web-5d9c7b6f8-abcde');
  return obj as never;
}

function write(reason: string, message: string, ageMs = 0): void {
  const at = Date.now() - ageMs;
  session()
    .clusters.byContext('kind-alpha')
    .server.create(event('shop', alphaPod(), { reason, message, firstTimestamp: at, lastTimestamp: at }));
}

describe('Events view: time range, copy, replay of an export', () => {
  let page: Page;
  let frame: FrameLocator;

  before(async () => {
    page = session().page;
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    frame = await openEventsView(page);
    await setSidebarWidth(page, 1000);
    await collapseView(page, 'Clusters');
  });

  after(async () => {
    // Leave the list unfiltered and the layout as the other files expect them.
    await resetEventFilters(await openEventsView(page));
    await expandView(page, 'Clusters');
    await setSidebarWidth(page, 300);
  });

  beforeEach(async () => {
    frame = await openEventsView(page);
    await resetEventFilters(frame);
  });

  it('a time range hides older events and rescales the timeline', async () => {
    write('RangeRecent', 'seen a minute ago', MIN);
    write('RangeTwenty', 'seen twenty minutes ago', 20 * MIN);
    await waitForEventRows(frame, 'both range events', (rows) =>
      ['RangeRecent', 'RangeTwenty'].every((r) => rows.some((row) => row.reason === r)),
    );
    const search = frame.locator('.toolbar input.search');
    await search.fill('Range');
    await frame.locator('.toolbar select.range').selectOption('5m');
    await waitForEventRows(
      frame,
      'the recent event only',
      (rows) => rows.some((r) => r.reason === 'RangeRecent') && !rows.some((r) => r.reason === 'RangeTwenty'),
    );
    assert.equal(await frame.locator('.timeline').getAttribute('data-bucket-ms'), '10000');
    assert.deepEqual(await chipLabels(frame), ['range: Last 5 min']);
    await frame.locator('.toolbar select.range').selectOption('1h');
    await eventRow(frame, 'RangeTwenty').waitFor();
    assert.equal(await frame.locator('.timeline').getAttribute('data-bucket-ms'), '60000');
    await screenshot(page, 'ui-events-time-range');
  });

  it('copies an event as JSON through the host, credentials redacted', async () => {
    write('CopyCheck', `pull failed: Authorization: Bearer ${TOKEN}`);
    const row = eventRow(frame, 'CopyCheck');
    await row.waitFor();
    await row.locator('.cell.message').click({ button: 'right' });
    await frame.locator('.row-menu [role="menuitem"]', { hasText: 'Copy Event as JSON' }).click();
    const text = await waitUntil(
      'the clipboard holds the copied event',
      () => page.evaluate(() => navigator.clipboard.readText()),
      (t) => t.includes('"CopyCheck"'),
    );
    const copied = JSON.parse(text) as Record<string, unknown>;
    assert.equal(copied.reason, 'CopyCheck');
    assert.equal(copied.context, 'kind-alpha');
    assert.equal(copied.kind, 'Pod');
    assert.ok(!text.includes(TOKEN), 'the token is not copied');
    assert.match(String(copied.message), /<redacted>/);
  });

  it('re-opens an exported JSON file as a read-only replay whose filters work', async () => {
    write('ReplayFirst', 'the first replayed event', 2 * MIN);
    write('ReplaySecond', 'the second replayed event', MIN);
    await waitForEventRows(frame, 'both replay events', (rows) =>
      ['ReplayFirst', 'ReplaySecond'].every((r) => rows.some((row) => row.reason === r)),
    );
    await frame.locator('.toolbar input.search').fill('replayed');
    await frame.locator('.toolbar .status', { hasText: /^2 of [\d,]+ events$/ }).waitFor();
    const folder = session().folder;
    const before = new Set(readdirSync(folder));
    await runCommand(page, 'Kube Events: Export Visible Events…', { opensPicker: true });
    await pickQuickItem(page, 'JSON');
    const exported = await waitUntil(
      'the export is written',
      async () => {
        // The simple save dialog offers the default name in the workspace: accept it.
        const input = page.locator('.quick-input-widget .quick-input-box input');
        if (await input.isVisible()) await input.press('Enter');
        return readdirSync(folder).filter((f) => !before.has(f) && /^kube-events-.*\.json$/.test(f));
      },
      (files) => files.length === 1,
    );
    const file = path.join(folder, exported[0]!);
    await waitForNotification(page, 'Exported 2 events.');
    const records = JSON.parse(readFileSync(file, 'utf8')) as { reason: string }[];
    assert.deepEqual(records.map((r) => r.reason).sort(), ['ReplayFirst', 'ReplaySecond']);

    await runCommand(page, 'Kube Events: Open Exported Events (Replay)…', { opensPicker: true });
    await answerFileDialog(page, file, { acceptLabel: 'Replay' });
    const replay = await eventsFrameTitled(page, `Replay: ${exported[0]!}`);
    const banner = replay.locator('.replay-banner');
    await banner.waitFor();
    assert.match(
      (await banner.textContent()) ?? '',
      new RegExp(
        `^Replay of ${exported[0]!.replace(/\./g, '\\.')}, captured \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d\\. Read-only: no live updates\\. 2 events\\.$`,
      ),
    );
    await waitForEventRows(replay, 'the two exported events', (rows) => rows.length === 2);
    assert.ok(
      await replay.locator('.toolbar button.tool', { hasText: 'Pause' }).isHidden(),
      'nothing live to pause',
    );
    // A live event reaches the Events view, never the replay.
    write('ReplayLive', 'a third replayed event, written after the export');
    await eventRow(frame, 'ReplayLive').waitFor();
    const still = await waitForEventRows(replay, 'still the two exported events', (rs) => rs.length === 2);
    assert.deepEqual(still.map((r) => r.reason).sort(), ['ReplayFirst', 'ReplaySecond']);
    await replay.locator('.toolbar input.search').fill('second');
    const rows = await waitForEventRows(replay, 'the filtered replay', (rs) => rs.length === 1);
    assert.equal(rows[0]!.reason, 'ReplaySecond');
    await screenshot(page, 'ui-events-replay');
    await runCommand(page, 'View: Close Editor');
  });

  it('keybindings: Ctrl+Alt+E focuses the filter, Ctrl+K Ctrl+Alt+E opens the Events editor', async () => {
    await page.locator('.part.sidebar .title-label').first().click();
    await page.keyboard.press('Control+Alt+E');
    await waitUntil(
      'the Events filter box has the focus',
      () =>
        frame
          .locator('.toolbar input.search')
          .evaluate((e) => document.hasFocus() && e === document.activeElement),
      (focused) => focused,
    );
    await page.keyboard.type('KeyCheck');
    assert.equal(await frame.locator('.toolbar input.search').inputValue(), 'KeyCheck');
    await page.locator('.part.sidebar .title-label').first().click();
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+Alt+E');
    const panel = await eventsFrameTitled(page, 'Kube Events');
    await panel.locator('.viewport').waitFor();
    await runCommand(page, 'View: Close Editor');
  });
});
