// The browser scenario of the webview's strings: a bundle the host embeds in the page (see
// server.ts, `?l10n=test`) reaches the controls and the status line.
import * as assert from 'node:assert/strict';
import type { L10nBundle } from '../../src/protocol/l10n';
import type { Harness } from './run';

/** TEST_BUNDLE is what the test server embeds for `/?l10n=test`: a few messages, "translated". */
export const TEST_BUNDLE: L10nBundle = {
  Pause: 'Pause (test)',
  'Filter events': 'Filter the events (test)',
  '{0} events': '{0} events (test)',
  'Group by owner + reason': 'Group by owner (test)',
};

interface TestWindow {
  __posted: { type: string }[];
  __makeRows(n: number, now: number): unknown[];
  __snapshot(rows: unknown[]): void;
}
const w = () => window as unknown as TestWindow;

export const l10nScenarios: Record<string, (h: Harness) => Promise<void>> = {
  async 'strings from the bundle the host embeds reach the page; the rest stays English'(h) {
    const page = await h.open();
    assert.equal(await page.locator('.tool .label').first().textContent(), 'Warnings');
    await page.goto(new URL('/?l10n=test', page.url()).toString());
    await page.waitForFunction(() => w().__posted.some((m) => m.type === 'ready'));
    const follow = page.locator('.tool', { hasText: 'Pause (test)' });
    assert.equal(await follow.count(), 1, 'the Pause button speaks the bundle');
    assert.equal(await page.locator('input.search').getAttribute('aria-label'), 'Filter the events (test)');
    assert.equal(
      await page.locator('select.group option[value="owner"]').textContent(),
      'Group by owner (test)',
    );
    // Not in the test bundle: English.
    assert.equal(await page.locator('.tool .label').first().textContent(), 'Warnings');
    await page.evaluate(() => w().__snapshot(w().__makeRows(3, Date.now())));
    await page.waitForFunction(() => document.querySelector('.status')?.textContent === '3 events (test)');
  },
};
