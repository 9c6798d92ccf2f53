// Browser scenarios for the Events view's time range, source/host chips, presets, row menu (copy),
// replay mode and the focus-filter message. Run with run.ts (--grep narrows them).
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { defaultUiState, type EventRow } from '../../src/protocol/events';
import type { Harness } from './run';

interface TestWindow {
  __posted: { type: string; [k: string]: unknown }[];
  __row(p: Partial<EventRow>): EventRow;
  __send(m: unknown): void;
  __snapshot(rows: EventRow[], ui?: unknown): void;
  __frame(): Promise<number>;
}
const w = () => window as unknown as TestWindow;
const MIN = 60_000;

/** rowsAt: three events seen 2 minutes, 10 minutes and 2 hours before `at`. */
function rowsAt(at: number): Partial<EventRow>[] {
  return [
    {
      id: 'recent',
      key: 'ns/recent',
      name: 'recent',
      lastSeen: at - 2 * MIN,
      source: 'kubelet',
      host: 'node-1',
    },
    {
      id: 'ten',
      key: 'ns/ten',
      name: 'ten',
      type: 'Warning',
      reason: 'BackOff',
      lastSeen: at - 10 * MIN,
      source: 'kubelet',
      host: 'node-2',
    },
    {
      id: 'old',
      key: 'ns/old',
      name: 'old',
      lastSeen: at - 120 * MIN,
      source: 'default-scheduler',
      host: '',
    },
  ];
}

async function load(page: Page, rows: Partial<EventRow>[]): Promise<void> {
  await page.evaluate((rs) => {
    const t = w();
    t.__snapshot(rs.map((r) => t.__row(r)));
  }, rows);
  await statusIs(page, `${rows.length} events`);
}

async function statusIs(page: Page, text: string): Promise<void> {
  await page.waitForFunction((t) => document.querySelector('.status')?.textContent === t, text);
}

async function posted(page: Page, type: string): Promise<{ type: string; [k: string]: unknown }[]> {
  return page.evaluate((ty) => w().__posted.filter((m) => m.type === ty), type);
}

export const toolScenarios: Record<string, (h: Harness) => Promise<void>> = {
  async 'time range: last 5/15 min and custom filter the list, scale the timeline, persist'(h) {
    const page = await h.open('vscode-dark');
    await load(page, rowsAt(Date.now()));
    // All history: the timeline reaches back to the 2-hour-old event, in wider bars.
    const allBucket = Number(await page.locator('.timeline').getAttribute('data-bucket-ms'));
    assert.ok(allBucket > MIN && allBucket <= 5 * MIN, `bucket ${allBucket}`);
    assert.ok((await page.locator('.timeline .tl-row').first().locator('.tl-bar').count()) <= 60);
    await page.locator('select.range').selectOption('5m');
    await statusIs(page, '1 of 3 events');
    assert.equal(await page.locator('.timeline').getAttribute('data-bucket-ms'), '10000');
    assert.equal(await page.locator('.timeline .tl-row').first().locator('.tl-bar').count(), 30);
    assert.equal(await page.locator('.chip[data-kind="range"]').textContent(), 'range: Last 5 min');
    await page.locator('select.range').selectOption('15m');
    await statusIs(page, '2 of 3 events');
    assert.equal(await page.locator('.timeline').getAttribute('data-bucket-ms'), '30000');
    const sent = (await posted(page, 'filterChanged')).at(-1)!;
    assert.deepEqual((sent.ui as { timeRange: unknown }).timeRange, { mode: '15m', from: 0, to: 0 });
    // Custom: from-to inputs appear; a window around the 2-hour-old event shows it alone.
    await page.locator('select.range').selectOption('custom');
    assert.ok(await page.locator('.range-custom').isVisible());
    const local = (t: number) => {
      const d = new Date(t);
      const p = (n: number) => String(n).padStart(2, '0');
      return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
    };
    const now = Date.now();
    await page.locator('input.range-from').fill(local(now - 130 * MIN));
    await page.locator('input.range-to').fill(local(now - 110 * MIN));
    await statusIs(page, '1 of 3 events');
    assert.equal(await page.locator('.viewport .row .cell.object').first().textContent(), 'Pod/old');
    // A start after the end is refused and marked, the last good range stays.
    await page.locator('input.range-from').fill(local(now - 100 * MIN));
    assert.equal(await page.locator('input.range-from').getAttribute('aria-invalid'), 'true');
    await statusIs(page, '1 of 3 events');
    // The chip removes the range; the state survives a reload of the page.
    await page.locator('select.range').selectOption('5m');
    await statusIs(page, '1 of 3 events');
    const state = await page.evaluate(() => (window as unknown as { __state: unknown }).__state);
    const again = await h.open('vscode-dark', 1200, 720, state);
    await again.evaluate((rs) => {
      const t = w();
      t.__snapshot(rs.map((r) => t.__row(r)));
    }, rowsAt(Date.now()));
    await statusIs(again, '1 of 3 events');
    assert.equal(await again.locator('select.range').inputValue(), '5m');
    await again.locator('.chip[data-kind="range"] .chip-remove').click();
    await statusIs(again, '3 events');
  },

  async 'source and host: chips from the row links and from source:/host: words'(h) {
    const page = await h.open('vscode-dark', 1200);
    await load(page, rowsAt(Date.now()));
    await page
      .locator('.viewport .row .cell.source .link[data-action="filter-source"]', { hasText: 'kubelet' })
      .first()
      .click();
    await statusIs(page, '2 of 3 events');
    assert.equal(
      await page.locator('.chip[data-kind="source"] .chip-label').textContent(),
      'source: kubelet',
    );
    await page
      .locator('.viewport .row .cell.source .link[data-action="filter-host"]', { hasText: 'node-2' })
      .click();
    await statusIs(page, '1 of 3 events');
    await page.locator('.chip-clear').click();
    await statusIs(page, '3 events');
    await page.locator('input.search').fill('host:node-1');
    await page.locator('input.search').press('Enter');
    await statusIs(page, '1 of 3 events');
    assert.equal(await page.locator('.chip[data-kind="host"] .chip-label').textContent(), 'host: node-1');
  },

  async 'row menu: copy an event or a group (text, JSON, YAML) asks the host, by mouse and keyboard'(h) {
    const page = await h.open('vscode-dark');
    await load(page, rowsAt(Date.now()));
    const row = page.locator('.viewport .row', { hasText: 'ten' });
    await row.click({ button: 'right' });
    const items = page.locator('.row-menu [role="menuitem"]');
    assert.deepEqual(await items.allTextContents(), [
      'Copy Event as Text',
      'Copy Event as JSON',
      'Copy Event as YAML',
    ]);
    assert.ok(
      await items.first().evaluate((e) => e === document.activeElement),
      'the first item has the focus',
    );
    await page.locator('.row-menu [role="menuitem"]', { hasText: 'YAML' }).click();
    assert.deepEqual(
      (await posted(page, 'copy')).map((m) => [m.format, m.ids]),
      [['yaml', ['ten']]],
    );
    assert.ok(await page.locator('.row-menu').isHidden());
    // The "…" button of the row opens the same menu; Escape closes it.
    await row.hover();
    await row.locator('button[data-action="menu"]').click();
    assert.ok(await page.locator('.row-menu').isVisible());
    await page.keyboard.press('Escape');
    assert.ok(await page.locator('.row-menu').isHidden());
    // Grouped by object + reason: a group copies its rows; Shift+F10 opens the menu from the keyboard.
    await page.evaluate(() => {
      const t = w();
      t.__send({
        type: 'delta',
        upsert: [
          t.__row({
            id: 'ten2',
            key: 'ns/ten2',
            name: 'ten',
            uid: 'u',
            type: 'Warning',
            reason: 'BackOff',
            lastSeen: Date.now() - 9 * 60_000,
          }),
        ],
        expire: [],
        remove: [],
      });
    });
    await statusIs(page, '4 events');
    await page.locator('select.group').selectOption('object');
    await page.locator('.grid').focus();
    await page.keyboard.press('Home');
    const groupIndex = await page
      .locator('.viewport .row.group', { hasText: 'BackOff' })
      .getAttribute('data-index');
    for (let i = 0; i < Number(groupIndex); i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Shift+F10');
    const labels = await items.allTextContents();
    assert.deepEqual(labels, [
      'Copy Group as Text (2 events)',
      'Copy Group as JSON (2 events)',
      'Copy Group as YAML (2 events)',
    ]);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const copy = (await posted(page, 'copy')).at(-1)!;
    assert.equal(copy.format, 'json');
    assert.deepEqual([...(copy.ids as string[])].sort(), ['ten', 'ten2']);
    assert.ok(
      await page.locator('.grid').evaluate((e) => e === document.activeElement),
      'focus back on the list',
    );
  },

  async 'presets: listed from the host, applied from the menu; save and delete ask the host'(h) {
    const page = await h.open('vscode-dark');
    await load(page, rowsAt(Date.now()));
    const preset = { ...defaultUiState(), warningsOnly: true, timeRange: { mode: '15m', from: 0, to: 0 } };
    await page.evaluate(
      (p) => w().__send({ type: 'presets', presets: [{ name: 'recent warnings', ui: p }] }),
      preset,
    );
    await page.locator('.presets-button').click();
    const items = page.locator('.presets-menu [role="menuitem"]');
    assert.deepEqual(await items.allTextContents(), [
      'recent warnings',
      'Save Current Filters as Preset…',
      'Delete a Preset…',
    ]);
    await items.first().click();
    await statusIs(page, '1 of 3 events');
    assert.equal(await page.locator('select.range').inputValue(), '15m');
    await page.locator('.presets-button').click();
    await page.locator('.presets-menu [role="menuitem"]', { hasText: 'Save Current' }).click();
    const save = (await posted(page, 'savePreset')).at(-1)!;
    assert.equal((save.ui as { warningsOnly: boolean }).warningsOnly, true);
    await page.locator('.presets-button').click();
    await page.locator('.presets-menu [role="menuitem"]', { hasText: 'Delete' }).click();
    assert.deepEqual((await posted(page, 'deletePreset')).at(-1), { type: 'deletePreset', name: '' });
    // No presets: the menu says so, and Delete is disabled.
    await page.evaluate(() => w().__send({ type: 'presets', presets: [] }));
    await page.locator('.presets-button').click();
    assert.equal(await items.first().textContent(), 'No saved presets');
    assert.equal(await items.last().getAttribute('aria-disabled'), 'true');
  },

  async 'replay: banner, read-only, relative ranges anchored at the capture time; focusFilter'(h) {
    const page = await h.open('vscode-dark');
    const captured = Date.now() - 3 * 86_400_000;
    await page.evaluate(
      (at) =>
        w().__send({
          type: 'replay',
          info: { file: 'kube-events-x.json', capturedAt: at, total: 5, skipped: 2 },
        }),
      captured,
    );
    await load(page, rowsAt(captured));
    const banner = (await page.locator('.replay-banner').textContent()) ?? '';
    assert.match(
      banner,
      /^Replay of kube-events-x\.json, captured \d{4}-\d\d-\d\d \d\d:\d\d\. Read-only: no live updates\./,
    );
    assert.match(banner, /3 of 5 events; 2 invalid ones skipped\./);
    assert.ok(await page.locator('.tool', { hasText: 'Pause' }).isHidden(), 'no follow/pause in a replay');
    await page.locator('select.range').selectOption('5m');
    await statusIs(page, '1 of 3 events');
    const row = page.locator('.viewport .row').first();
    await row.hover();
    assert.ok(
      await row.locator('.cell.actions button[data-action="reveal"]').isHidden(),
      'no reveal in the live tree',
    );
    assert.ok(await row.locator('button[data-action="menu"]').isVisible(), 'copy stays');
    await page.evaluate(() => w().__send({ type: 'focusFilter' }));
    await page.waitForFunction(() => document.activeElement?.classList.contains('search'));
  },
};
