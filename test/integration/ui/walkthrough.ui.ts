/**
 * walkthrough: "Get started with Kube Events" opens from "Welcome: Open Walkthrough..." with its
 * four steps, and each step shows its picture and its command buttons (issue 9). Leaves
 * test-results/ui-walkthrough.png.
 */
import * as assert from 'node:assert/strict';
import { type Page } from 'playwright-core';
import { waitUntil } from '../runner/wait';
import { runCommand, screenshot } from '../runner/workbench';
import { session } from './session';

const STEPS = [
  'Connect a context',
  'Read the Events view and its filters',
  'Describe from the tree',
  'Notifications and muting',
];

/**
 * shownImage is the loaded picture of the expanded step: the file it shows (`currentSrc`: the
 * workbench sets a srcset) and its width in CSS pixels.
 */
async function shownImage(page: Page): Promise<{ src: string; width: number } | undefined> {
  return page.locator('.gettingStartedContainer .getting-started-media img').evaluateAll((imgs) => {
    const img = (imgs as HTMLImageElement[]).find((i) => i.offsetParent !== null && i.complete);
    return img ? { src: decodeURIComponent(img.currentSrc), width: img.naturalWidth } : undefined;
  });
}

describe('walkthrough', () => {
  after(async () => {
    const { page } = session();
    try {
      await runCommand(page, 'View: Close All Editors');
    } catch {
      // The walkthrough editor can keep the palette from showing: close with the keyboard.
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+K');
      await page.keyboard.press('Control+W');
    }
  });

  it('opens with its four steps, each with a picture and its commands', async () => {
    const { page } = session();
    await runCommand(page, 'Welcome: Open Walkthrough...', { opensPicker: true });
    // Not a click: the picker's entries show a hover that may cover the one to click.
    const widget = page.locator('.quick-input-widget');
    await widget.locator('.quick-input-box input').fill('Get started with Kube Events');
    await widget
      .locator('.monaco-list-row.focused', { hasText: 'Get started with Kube Events' })
      .first()
      .waitFor();
    await page.keyboard.press('Enter');
    await widget.waitFor({ state: 'hidden' });
    const container = page.locator('.gettingStartedContainer');
    await container.locator('h2', { hasText: 'Get started with Kube Events' }).first().waitFor();
    const titles = await waitUntil(
      'the steps are listed',
      async () =>
        (await container.locator('.getting-started-step .step-title').allInnerTexts()).map((t) => t.trim()),
      (t) => t.length === STEPS.length,
    );
    assert.deepEqual(titles, STEPS);
    const pictures = ['connect.png', 'events.png', 'describe.png', 'notifications.png'];
    for (const [i, title] of STEPS.entries()) {
      await container.locator('.getting-started-step .step-title', { hasText: title }).first().click();
      const img = await waitUntil(
        `the picture of "${title}" shows`,
        () => shownImage(page),
        (im) => im !== undefined && im.src.includes(`/media/walkthrough/${pictures[i]}`) && im.width > 0,
      );
      assert.ok(img!.width >= 300, `${pictures[i]} is a readable picture (${img!.width}px)`);
      const step = container.locator('.getting-started-step.expanded');
      assert.ok((await step.locator('.monaco-button').count()) >= 1, `"${title}" has a command button`);
      if (i === 2) await screenshot(page, 'ui-walkthrough');
    }
  });
});
