/**
 * tree: Playwright helpers for tree views (TreeDataProvider views) in the workbench. Trees are
 * virtualised: only rows scrolled into view exist in the DOM, so these read what a person sees.
 */
import { type Locator, type Page } from 'playwright-core';
import { waitUntil, type WaitOptions } from './wait';
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

/**
 * treeRowsLocator is every rendered row of the tree in the view titled `viewTitle`, without the
 * sticky-scroll copies of ancestors pinned at its top when it is scrolled.
 */
export function treeRowsLocator(page: Page, viewTitle: string): Locator {
  return viewPane(page, viewTitle).locator(
    '.monaco-list[role="tree"] .monaco-list-row:not(.monaco-tree-sticky-row)',
  );
}

/** treeRow is the first row whose label is exactly `label`, in `viewTitle` or in any tree. */
export function treeRow(page: Page, label: string, viewTitle?: string): Locator {
  const rows = viewTitle
    ? treeRowsLocator(page, viewTitle)
    : page.locator('.monaco-list[role="tree"] .monaco-list-row:not(.monaco-tree-sticky-row)');
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

/**
 * treeRowAt is the row reached by `path` (labels from a root down, e.g. `['kind-alpha', 'shop',
 * 'Pods']`): each label is looked for among the rows below the previous one, one level deeper,
 * so equal labels under different parents are told apart. The ancestors must be expanded (see
 * expandTreePath). The locator names the row by its current position: use it before the tree
 * changes shape.
 */
export async function treeRowAt(page: Page, viewTitle: string, path: readonly string[]): Promise<Locator> {
  const rows = treeRowsLocator(page, viewTitle);
  const found = await rows.evaluateAll((els, labels) => {
    const list = els
      .map((el) => ({
        index: Number(el.getAttribute('data-index')),
        label: el.querySelector('.label-name')?.textContent?.trim() ?? '',
        level: Number(el.getAttribute('aria-level') ?? '1'),
      }))
      .sort((a, b) => a.index - b.index);
    let from = 0;
    let at: (typeof list)[number] | undefined;
    for (let depth = 0; depth < labels.length; depth++) {
      at = undefined;
      for (let i = from; i < list.length; i++) {
        const r = list[i]!;
        if (depth > 0 && r.level <= depth) break; // left the parent's subtree
        if (r.level === depth + 1 && r.label === labels[depth]) {
          at = r;
          from = i + 1;
          break;
        }
      }
      if (!at) return { missing: labels[depth]!, shown: list.map((r) => `${r.level}:${r.label}`) };
    }
    return { index: at!.index };
  }, path);
  if ('missing' in found) {
    throw new Error(
      `no "${found.missing}" on the path ${JSON.stringify(path)} in ${viewTitle}; it shows ${JSON.stringify(found.shown)}`,
    );
  }
  return rows.and(page.locator(`[data-index="${found.index}"]`));
}

/** waitForTreeRowAt waits until the row at `path` (see treeRowAt) shows and returns it. */
export async function waitForTreeRowAt(
  page: Page,
  viewTitle: string,
  path: readonly string[],
  o: WaitOptions = {},
): Promise<Locator> {
  let lastError: unknown;
  let misses = 0;
  const row = await waitUntil(
    `the ${viewTitle} tree shows ${JSON.stringify(path)}`,
    () =>
      treeRowAt(page, viewTitle, path).catch(async (err: unknown) => {
        lastError = err;
        // The tree renders only the rows in its viewport: a path scrolled out of it is looked
        // for again from the top, then a little lower each time.
        await scrollTreeForSearch(page, viewTitle, misses++).catch(() => undefined);
        return undefined;
      }),
    (r) => r !== undefined,
    o,
  ).catch((err: unknown) => {
    throw lastError instanceof Error ? lastError : err;
  });
  return row!;
}

/**
 * scrollTreeForSearch scrolls the tree of `viewTitle` with the mouse wheel: to the top on the
 * first miss (and every 8th), else one step of 150 px down.
 */
async function scrollTreeForSearch(page: Page, viewTitle: string, miss: number): Promise<void> {
  const box = await viewPane(page, viewTitle).locator('.monaco-list[role="tree"]').first().boundingBox();
  if (!box) return;
  await page.mouse.move(box.x + box.width / 2, box.y + Math.min(box.height / 2, 40));
  await page.mouse.wheel(0, miss % 8 === 0 ? -100_000 : 150);
}

/**
 * expandTreePath expands every row of `path` (see treeRowAt) from the root down, waiting for
 * each one's children to show, and returns the last row. Rows shift while the tree grows
 * (discovery adds sections and kinds) and a row's locator is its position: so each row is found
 * again by its path right before the click, and whether it expanded is read by its path too; a
 * click that landed on a row that moved in is retried (within the wait's timeout).
 */
export async function expandTreePath(
  page: Page,
  viewTitle: string,
  path: readonly string[],
  o: WaitOptions = {},
): Promise<Locator> {
  let row: Locator | undefined;
  const expandedAt = (sub: readonly string[]) =>
    treeRowAt(page, viewTitle, sub)
      .then((r) => r.getAttribute('aria-expanded'))
      .catch(() => null);
  for (let depth = 1; depth <= path.length; depth++) {
    const sub = path.slice(0, depth);
    row = await waitUntil(
      `the ${viewTitle} tree shows ${JSON.stringify(sub)} expanded`,
      async () => {
        const r = await waitForTreeRowAt(page, viewTitle, sub, o);
        if ((await r.getAttribute('aria-expanded')) !== 'false') return r;
        await scrollIntoTreeView(page, viewTitle, r);
        await (await treeRowAt(page, viewTitle, sub)).locator('.monaco-tl-twistie').click();
        // Give the click time to show before looking again (a second click would collapse it).
        await waitUntil(
          'the click to show',
          () => expandedAt(sub),
          (v) => v !== 'false',
          {
            timeoutMs: 2000,
          },
        ).catch(() => undefined);
        return undefined;
      },
      (r) => r !== undefined,
      o,
    );
  }
  return row!;
}

/** treeBadge returns the decoration badge of a row (e.g. a warning count), or '' when none. */
export async function treeBadge(row: Locator): Promise<string> {
  return row
    .locator('.monaco-icon-label')
    .first()
    .evaluate((label) => {
      const content = getComputedStyle(label, '::after').content;
      return content === 'none' || content === 'normal' ? '' : content.replace(/^"|"$/g, '');
    });
}

/**
 * scrollIntoTreeView scrolls the tree in `viewTitle` with the mouse wheel until `row` lies
 * inside the list's visible area (the list scrolls itself: Playwright's scrolling does not move
 * it, and a click on a row below the fold lands on whatever is drawn there). At most 20 turns.
 */
export async function scrollIntoTreeView(page: Page, viewTitle: string, row: Locator): Promise<void> {
  const list = viewPane(page, viewTitle).locator('.monaco-list[role="tree"]').first();
  for (let turn = 0; turn < 20; turn++) {
    const r = await row.boundingBox();
    const l = await list.boundingBox();
    if (!r || !l) return;
    const below = r.y + r.height - (l.y + l.height);
    const above = l.y + r.height * 2 - r.y; // room for a sticky ancestor row or two
    if (below <= 0 && above <= 0) return;
    await page.mouse.move(l.x + l.width / 2, l.y + l.height / 2);
    await page.mouse.wheel(0, below > 0 ? below + r.height : -(above + r.height));
    const moved = await waitUntil(
      'the tree scrolls',
      async () => (await row.boundingBox())?.y,
      (y) => y !== r.y,
      { timeoutMs: 2000 },
    ).then(
      () => true,
      () => false,
    );
    // A list that cannot scroll further (the row is as far in as it goes) is done: waiting
    // 2 s a turn for 20 turns cost 40 s and brought tests near their timeout.
    if (!moved) return;
  }
}

/**
 * selectedTreePath returns the labels from the selected row of the tree in `viewTitle` up to
 * its highest ancestor in view, root first ([] when no row is selected). Use it where a reveal
 * scrolled the tree: the root's row may then be out of view, pinned by sticky scroll.
 */
export async function selectedTreePath(page: Page, viewTitle: string): Promise<string[]> {
  const rows = await treeRowsLocator(page, viewTitle).evaluateAll((els) =>
    els
      .map((el) => ({
        index: Number(el.getAttribute('data-index')),
        label: el.querySelector('.label-name')?.textContent?.trim() ?? '',
        level: Number(el.getAttribute('aria-level') ?? '1'),
        selected: el.getAttribute('aria-selected') === 'true',
      }))
      .sort((a, b) => a.index - b.index),
  );
  const at = rows.findIndex((r) => r.selected);
  if (at < 0) return [];
  const path = [rows[at]!.label];
  for (let i = at - 1, level = rows[at]!.level; i >= 0 && level > 1; i--) {
    if (rows[i]!.level === level - 1) {
      path.unshift(rows[i]!.label);
      level--;
    }
  }
  return path;
}
