/**
 * tree: Playwright helpers for tree views (TreeDataProvider views) in the workbench. Trees are
 * virtualised: only rows scrolled into view exist in the DOM, so these read what a person sees.
 */
import { type Locator, type Page } from 'playwright-core';
import { exact, viewPane } from './workbench';

/** TreeRow is one visible row of a tree. */
export interface TreeRow {
  label: string;
  /** The grey text after the label ('' when none). */
  description: string;
  /** 1 for roots. */
  level: number;
  /** undefined for a leaf. */
  expanded: boolean | undefined;
}

/** treeRowsLocator is every rendered row of the tree in the view titled `viewTitle`. */
export function treeRowsLocator(page: Page, viewTitle: string): Locator {
  return viewPane(page, viewTitle).locator('.monaco-list[role="tree"] .monaco-list-row');
}

/** treeRow is the first row whose label is exactly `label`, in `viewTitle` or in any tree. */
export function treeRow(page: Page, label: string, viewTitle?: string): Locator {
  const rows = viewTitle
    ? treeRowsLocator(page, viewTitle)
    : page.locator('.monaco-list[role="tree"] .monaco-list-row');
  return rows.filter({ has: page.locator('.label-name', { hasText: exact(label) }) }).first();
}

/** treeRows returns the visible rows of the tree in the view titled `viewTitle`, top to bottom. */
export async function treeRows(page: Page, viewTitle: string): Promise<TreeRow[]> {
  const rows = await treeRowsLocator(page, viewTitle).evaluateAll((els) =>
    els.map((el) => ({
      top: parseFloat((el as HTMLElement).style.top || '0'),
      label: el.querySelector('.label-name')?.textContent?.trim() ?? '',
      description: el.querySelector('.label-description')?.textContent?.trim() ?? '',
      level: Number(el.getAttribute('aria-level') ?? '1'),
      expandedAttr: el.getAttribute('aria-expanded'),
    })),
  );
  return rows
    .sort((a, b) => a.top - b.top)
    .map((r) => ({
      label: r.label,
      description: r.description,
      level: r.level,
      expanded: r.expandedAttr === null ? undefined : r.expandedAttr === 'true',
    }));
}

/** treeItems returns the labels of the visible rows of the tree in `viewTitle`, top to bottom. */
export async function treeItems(page: Page, viewTitle: string): Promise<string[]> {
  return (await treeRows(page, viewTitle)).map((r) => r.label);
}

/** expandTreeItem expands the row labelled `label` in `viewTitle` if it is collapsed. */
export async function expandTreeItem(page: Page, viewTitle: string, label: string): Promise<void> {
  const row = treeRow(page, label, viewTitle);
  await row.waitFor();
  if ((await row.getAttribute('aria-expanded')) === 'false') await row.click();
}

/**
 * contextMenu right-clicks the tree row labelled `itemLabel` (in `viewTitle`, or in any tree)
 * and clicks the context menu entry labelled `menuLabel`.
 */
export async function contextMenu(
  page: Page,
  itemLabel: string,
  menuLabel: string,
  viewTitle?: string,
): Promise<void> {
  const row = treeRow(page, itemLabel, viewTitle);
  await row.waitFor();
  await row.click({ button: 'right' });
  const menu = page.locator('.context-view .monaco-menu');
  const entry = menu
    .locator('a.action-menu-item')
    .filter({ has: page.locator('.action-label', { hasText: exact(menuLabel) }) })
    .first();
  try {
    await entry.waitFor({ timeout: 10_000 });
  } catch {
    const shown = (await menu.locator('a.action-menu-item .action-label').allTextContents()).map((t) =>
      t.trim(),
    );
    await page.keyboard.press('Escape');
    throw new Error(
      `no "${menuLabel}" in the context menu of "${itemLabel}"; it shows: ${JSON.stringify(shown)}`,
    );
  }
  // The menu ignores a click that lands right after it opened; hover first, then click.
  await entry.hover();
  await entry.click();
  await menu.waitFor({ state: 'hidden' });
}

/**
 * waitForTree waits until the view titled `viewTitle` shows a tree, i.e. its extension has
 * registered the data provider (until then the workbench shows "There is no data provider...").
 */
export async function waitForTree(page: Page, viewTitle: string, timeoutMs = 30_000): Promise<void> {
  await viewPane(page, viewTitle).locator('.customview-tree:not(.hide)').waitFor({ timeout: timeoutMs });
}
