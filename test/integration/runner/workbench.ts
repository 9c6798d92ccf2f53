/**
 * workbench: Playwright helpers for the VS Code web workbench (code-server 4.100 / VS Code 1.100
 * DOM). Each waits for what it acts on and fails with the locator it waited for.
 */
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { type Locator, type Page } from 'playwright-core';
import { resultsDir } from './paths';

/** exact matches the whole text `s` (a RegExp with `s` escaped). */
export function exact(s: string): RegExp {
  return new RegExp(`^\\s*${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
}

/**
 * openWorkbench loads `url` and waits until the workbench is laid out (activity bar and status
 * bar shown). The first load compiles a few MB of script: allow `timeoutMs` (default 60 s) for
 * the page to answer, and as long again for the workbench to be laid out.
 */
export async function openWorkbench(page: Page, url: string, timeoutMs = 60_000): Promise<void> {
  // Not the page's load event: VS Code 1.139's workbench script is 19 MB (1.100: 11 MB), and on
  // a busy machine the event came after more than 60 s. What the tests need is the laid-out
  // workbench, waited for below.
  await page.goto(url, { waitUntil: 'commit', timeout: timeoutMs });
  await waitForWorkbench(page, timeoutMs);
}

/** waitForWorkbench waits until the loaded workbench is laid out (after a load or reload). */
export async function waitForWorkbench(page: Page, timeoutMs = 60_000): Promise<void> {
  await page.locator('.monaco-workbench').waitFor({ timeout: timeoutMs });
  await page.locator('.monaco-workbench .part.activitybar').waitFor({ timeout: timeoutMs });
  await page.locator('.monaco-workbench .part.statusbar').waitFor({ timeout: timeoutMs });
}

/**
 * activityItem is the activity bar entry of the view container titled `title`. Its label may
 * carry a keybinding (`Explorer (Ctrl+Shift+E)`) or a badge's tooltip (`Kube Events - 2 Warning
 * events in the last hour`).
 */
export function activityItem(page: Page, title: string): Locator {
  return page.locator('.part.activitybar li.action-item').filter({
    has: page.locator(
      [`="${title}"`, `^="${title} ("`, `^="${title} - "`]
        .map((m) => `a.action-label[aria-label${m}]`)
        .join(', '),
    ),
  });
}

/**
 * openViewContainer shows the view container titled `title` in the side bar (clicking its
 * activity bar item unless it is already the shown one) and waits for its title.
 */
export async function openViewContainer(page: Page, title: string): Promise<void> {
  const item = activityItem(page, title);
  await item.waitFor();
  if ((await item.getAttribute('aria-selected')) !== 'true') {
    await item.click();
    // Move off the item so its hover label does not cover the side bar in screenshots.
    await page.mouse.move(900, 450);
  }
  await page.locator('.part.sidebar .composite.title h2', { hasText: exact(title) }).waitFor();
}

/** viewTitles returns the titles of the views in the side bar, top to bottom. */
export async function viewTitles(page: Page): Promise<string[]> {
  const titles = await page.locator('.part.sidebar .pane-header h3.title').allTextContents();
  return titles.map((t) => t.trim());
}

/** viewPane is the pane (header and body) of the view titled `viewTitle`, wherever it is. */
export function viewPane(page: Page, viewTitle: string): Locator {
  return page.locator('.pane').filter({
    has: page.locator(
      `.pane-header[aria-label="${viewTitle} Section"], .pane-header[aria-label^="${viewTitle} Section: "]`,
    ),
  });
}

/** expandView opens the view titled `viewTitle` if its pane is collapsed. */
export async function expandView(page: Page, viewTitle: string): Promise<void> {
  const header = viewPane(page, viewTitle).locator('.pane-header');
  await header.waitFor();
  if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
}

/** screenshot saves the page as test-results/`name`.png and returns the file's path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/**
 * runCommand runs the command whose palette label is `label` (e.g. `Kube Events: Refresh`)
 * through F1; it fails when no palette entry has exactly that label. It waits until the quick
 * input closes, unless `opensPicker` says the command shows a quick pick of its own (then
 * pickQuickItem answers it).
 */
export async function runCommand(
  page: Page,
  label: string,
  o: { opensPicker?: boolean } = {},
): Promise<void> {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  // F1 can be swallowed, or the palette closed again at once, while another quick input is
  // closing: open it and type again (at most three times) until the text is in.
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('F1');
    try {
      await input.waitFor({ state: 'visible', timeout: 5_000 });
      await input.fill(`>${label}`, { timeout: 5_000 });
      break;
    } catch (err) {
      if (attempt === 3) throw err;
      await page.keyboard.press('Escape');
    }
  }
  const rows = page.locator('.quick-input-widget .monaco-list-row');
  const row = rows.filter({ has: page.locator('.label-name', { hasText: exact(label) }) }).first();
  try {
    await row.waitFor({ timeout: 10_000 });
  } catch {
    const shown = (await rows.locator('.label-name').allTextContents()).map((t) => t.trim());
    if (shown[0] === label) {
      // Listed first (and focused) but not matched as visible while the list re-rendered.
      await page.keyboard.press('Enter');
      if (!o.opensPicker) await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
      return;
    }
    await page.keyboard.press('Escape');
    throw new Error(`no command labelled "${label}" in the palette; it shows: ${JSON.stringify(shown)}`);
  }
  // The focused (first) entry is run with Enter: a click can find it "not visible" while the
  // list re-renders under load.
  if (await row.evaluate((el) => el.classList.contains('focused'))) await page.keyboard.press('Enter');
  else await row.click();
  if (!o.opensPicker) await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

/**
 * collapseAllInView runs a tree view's "Collapse All" title action (shown on hover), so a test
 * starts from the top-level rows whatever earlier files left expanded or scrolled.
 */
export async function collapseAllInView(page: Page, viewTitle: string): Promise<void> {
  const pane = viewPane(page, viewTitle);
  await pane.locator('.pane-header').hover();
  await pane.locator('.pane-header .action-label[aria-label^="Collapse All"]').click();
}

/**
 * pickQuickItem types `label` into the open quick pick, clicks the entry labelled exactly
 * `label` and waits until that entry is gone (the pick closed, or the next input replaced it).
 */
export async function pickQuickItem(page: Page, label: string): Promise<void> {
  const widget = page.locator('.quick-input-widget');
  await widget.locator('.quick-input-box input').fill(label);
  const rows = widget.locator('.monaco-list-row');
  const row = rows.filter({ has: page.locator('.label-name', { hasText: exact(label) }) }).first();
  try {
    await row.waitFor({ timeout: 10_000 });
  } catch {
    const shown = (await rows.locator('.label-name').allTextContents()).map((t) => t.trim());
    await page.keyboard.press('Escape');
    throw new Error(`no entry "${label}" in the quick pick; it shows: ${JSON.stringify(shown)}`);
  }
  await row.click();
  // The pick is done when its entry is gone: the widget closes, or (a save dialog opening right
  // after) the same widget shows the next input, so waiting for it to hide could wait forever.
  await row.waitFor({ state: 'hidden' });
}

/**
 * setColorTheme picks the color theme labelled `theme` (e.g. `Light Modern`) the way a person
 * does, through "Preferences: Color Theme"; the choice is saved in the user settings. It waits
 * until the workbench wears the theme's kind (`vs` light, `vs-dark` dark, `hc-black`...).
 */
export async function setColorTheme(
  page: Page,
  theme: string,
  kind: 'vs' | 'vs-dark' | 'hc-black' | 'hc-light',
): Promise<void> {
  await runCommand(page, 'Preferences: Color Theme', { opensPicker: true });
  await pickQuickItem(page, theme);
  await page.locator(`.monaco-workbench.${kind}`).waitFor();
}

/**
 * setSidebarWidth drags the side bar's edge so that it is `width` pixels wide (the workbench
 * keeps the editor area at its minimum width, so a very wide request may end narrower).
 */
export async function setSidebarWidth(page: Page, width: number): Promise<void> {
  const sidebar = page.locator('.part.sidebar');
  const box = await sidebar.boundingBox();
  if (!box) throw new Error('the side bar is not shown');
  const edge = box.x + box.width;
  const sashes = page.locator('.monaco-sash.vertical:not(.disabled)');
  const boxes = await sashes.evaluateAll((els) =>
    els.map((e) => {
      const r = e.getBoundingClientRect();
      return { x: r.x + r.width / 2, y: r.y + r.height / 2, height: r.height };
    }),
  );
  const sash = boxes.find((b) => b.height > 0 && Math.abs(b.x - edge) <= 4);
  if (!sash) throw new Error(`no sash at the side bar's edge (x=${edge})`);
  await page.mouse.move(sash.x, sash.y);
  await page.mouse.down();
  await page.mouse.move(box.x + width, sash.y, { steps: 5 });
  await page.mouse.up();
  await page.mouse.move(box.x + width + 200, sash.y);
}

/** collapseView closes the view titled `viewTitle` if its pane is expanded. */
export async function collapseView(page: Page, viewTitle: string): Promise<void> {
  const header = viewPane(page, viewTitle).locator('.pane-header');
  await header.waitFor();
  if ((await header.getAttribute('aria-expanded')) === 'true') await header.click();
  await header.and(page.locator('[aria-expanded="false"]')).waitFor();
}

/** statusBarItem is the status bar entry with the id `id` (e.g. `publisher.ext.itemId`). */
export function statusBarItem(page: Page, id: string): Locator {
  return page.locator(`.part.statusbar .statusbar-item[id="${id}"]`);
}

/** clearNotifications closes every notification toast (cosmetic, before a screenshot). */
export async function clearNotifications(page: Page): Promise<void> {
  if ((await page.locator('.notifications-toasts .notification-toast').count()) === 0) return;
  await runCommand(page, 'Notifications: Clear All Notifications');
  await page.locator('.notifications-toasts .notification-toast').first().waitFor({ state: 'detached' });
}

/** waitForNotification waits for a notification toast containing `text` and returns it. */
export async function waitForNotification(
  page: Page,
  text: string | RegExp,
  timeoutMs = 30_000,
): Promise<Locator> {
  const toast = page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
  await toast.waitFor({ timeout: timeoutMs });
  return toast;
}

/**
 * waitForDialog waits for a modal dialog containing `text` (the workbench shows a command's
 * error as one) and returns it; closeDialog(page) dismisses it.
 */
export async function waitForDialog(page: Page, text: string | RegExp, timeoutMs = 30_000): Promise<Locator> {
  const dialog = page.locator('.monaco-dialog-box', { hasText: text }).first();
  await dialog.waitFor({ timeout: timeoutMs });
  return dialog;
}

/** closeDialog presses Escape on the open modal dialog and waits until none is shown. */
export async function closeDialog(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await page.locator('.monaco-dialog-box').waitFor({ state: 'hidden' });
}
