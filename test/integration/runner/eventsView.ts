/**
 * eventsView: Playwright helpers for Kube Events' Events webview view. A webview lives in two
 * nested iframes (the workbench's `iframe.webview` host, then `#active-frame` with our page);
 * these helpers reach into the inner one and read the virtualised list as a person sees it:
 * only rows in view exist in the DOM.
 */
import { type FrameLocator, type Locator, type Page } from 'playwright-core';
import { waitUntil, type WaitOptions } from './wait';
import { exact, expandView, openViewContainer } from './workbench';

/** EventListRow is one rendered row of the Events list. */
export interface EventListRow {
  /** Position in the list, 0 = top. */
  index: number;
  type: 'Warning' | 'Normal';
  context: string;
  namespace: string;
  /** `Kind/name`. */
  object: string;
  reason: string;
  /** The one-line message, as displayed. */
  message: string;
  /** `xN over T`, or '' for a single occurrence. */
  count: string;
  expired: boolean;
  /** The row's screen-reader label. */
  label: string;
}

/** eventsFrame is the Events view's page (inside its webview's nested iframes). */
export function eventsFrame(page: Page): FrameLocator {
  return page
    .locator('iframe.webview.ready')
    .filter({ visible: true })
    .first()
    .contentFrame()
    .locator('iframe#active-frame[title="Events"]')
    .contentFrame();
}

/**
 * eventsFrameTitled finds the page of the shown webview titled `title` (`Events` for the side bar
 * view, `Kube Events` for the editor panel): webview hosts carry no title, their inner frames do.
 */
export async function eventsFrameTitled(
  page: Page,
  title: string,
  o: WaitOptions = {},
): Promise<FrameLocator> {
  const hosts = page.locator('iframe.webview.ready').filter({ visible: true });
  const inner = (i: number) => hosts.nth(i).contentFrame().locator(`iframe#active-frame[title="${title}"]`);
  const index = await waitUntil(
    `a shown webview titled "${title}"`,
    async () => {
      const n = await hosts.count();
      for (let i = 0; i < n; i++) if ((await inner(i).count()) > 0) return i;
      return -1;
    },
    (i) => i >= 0,
    o,
  );
  return inner(index).contentFrame();
}

/**
 * openEventsView shows the Kube Events container and its Events view, and waits for its list.
 * The view's page is found by its title: an Events editor panel left open (window-reload.ui.ts)
 * is a shown webview too, and may come first.
 */
export async function openEventsView(page: Page): Promise<FrameLocator> {
  await openViewContainer(page, 'Kube Events');
  await expandView(page, 'Events');
  const frame = await eventsFrameTitled(page, 'Events');
  await frame.locator('.viewport').waitFor();
  return frame;
}

/** eventRowsLocator is every rendered row of the list (not the header). */
export function eventRowsLocator(frame: FrameLocator): Locator {
  return frame.locator('.viewport .row');
}

/** eventRow is the first rendered row whose reason is exactly `reason`. */
export function eventRow(frame: FrameLocator, reason: string): Locator {
  return eventRowsLocator(frame)
    .filter({ has: frame.locator('.cell.reason', { hasText: exact(reason) }) })
    .first();
}

/** eventRows reads the rendered rows, top to bottom. */
export async function eventRows(frame: FrameLocator): Promise<EventListRow[]> {
  // No helper functions inside: the test runner's transpiler would name them with a helper
  // (`__name`) that does not exist in the page.
  const rows = await eventRowsLocator(frame).evaluateAll((els) =>
    els.map((el) => ({
      index: Number((el as HTMLElement).dataset.index),
      type: el.classList.contains('warning') ? ('Warning' as const) : ('Normal' as const),
      context: el.querySelector('.cell.context')?.textContent ?? '',
      namespace: el.querySelector('.cell.namespace')?.textContent ?? '',
      object: el.querySelector('.cell.object')?.textContent ?? '',
      reason: el.querySelector('.cell.reason')?.textContent ?? '',
      message: el.querySelector('.cell.message')?.textContent ?? '',
      count: el.querySelector('.cell.count')?.textContent ?? '',
      expired: el.classList.contains('expired'),
      label: el.getAttribute('aria-label') ?? '',
    })),
  );
  return rows.sort((a, b) => a.index - b.index);
}

/** waitForEventRows waits until the rendered rows satisfy `ok` and returns them. */
export function waitForEventRows(
  frame: FrameLocator,
  what: string,
  ok: (rows: EventListRow[]) => boolean,
  o: WaitOptions = {},
): Promise<EventListRow[]> {
  return waitUntil(`the Events list shows ${what}`, () => eventRows(frame), ok, o);
}

/** chipLabels returns the labels of the active filter chips (e.g. `object: Pod/web-1`). */
export async function chipLabels(frame: FrameLocator): Promise<string[]> {
  return (await frame.locator('.chips .chip .chip-label').allTextContents()).map((t) => t.trim());
}

/** warningsButton is the toolbar's "Warnings" toggle. */
export function warningsButton(frame: FrameLocator): Locator {
  return frame.locator('.toolbar button.tool', { hasText: exact('Warnings') });
}

/**
 * resetEventFilters brings the list back to everything, newest first: it removes every chip
 * (Warnings only is one), empties the text box, turns grouping off and resumes following.
 */
export async function resetEventFilters(frame: FrameLocator): Promise<void> {
  const search = frame.locator('.toolbar input.search');
  if ((await search.inputValue()) !== '') await search.fill('');
  const group = frame.locator('.toolbar select.group');
  if ((await group.inputValue()) !== 'none') await group.selectOption('none');
  const follow = frame.locator('.toolbar button.tool', { hasText: exact('Follow') });
  if (await follow.count()) await follow.click();
  const remove = frame.locator('.chips .chip-remove');
  for (let n = await remove.count(); n > 0; n = await remove.count()) {
    await remove.first().click();
    await waitUntil(
      'a filter chip is removed',
      () => remove.count(),
      (left) => left < n,
    );
  }
  await frame.locator('.toolbar .status', { hasText: /^[\d,]+ events$/ }).waitFor();
}
