/**
 * editor: Playwright helpers for the text editor (Monaco) in the workbench. Monaco renders only
 * the lines in view, so editorText scrolls through the document and reads it line by line.
 */
import { type Locator, type Page } from 'playwright-core';
import { waitUntil, type WaitOptions } from './wait';

/** activeEditor is the Monaco editor of the active editor group. */
export function activeEditor(page: Page): Locator {
  return page.locator('.part.editor .editor-group-container.active .editor-instance .monaco-editor').first();
}

/** activeTabLabel returns the label of the active editor tab (e.g. `Pod web-1`). */
export async function activeTabLabel(page: Page): Promise<string> {
  const tab = page.locator('.part.editor .editor-group-container.active .tab.active').first();
  await tab.waitFor();
  return (await tab.getAttribute('data-resource-name')) ?? (await tab.innerText()).trim();
}

/** editorUri returns the URI of the document in the active editor (Monaco's `data-uri`). */
export async function editorUri(page: Page): Promise<string> {
  const editor = activeEditor(page);
  await editor.waitFor();
  return decodeURIComponent((await editor.getAttribute('data-uri')) ?? '');
}

/** visibleLines reads the rendered lines of `editor` as [line number, text] pairs. */
async function visibleLines(editor: Locator): Promise<[number, string][]> {
  return editor.evaluate((e) => {
    const numbers = new Map<number, number>();
    for (const d of Array.from(e.querySelectorAll<HTMLElement>('.margin-view-overlays > div'))) {
      const n = Number(d.querySelector('.line-numbers')?.textContent?.trim());
      if (Number.isInteger(n) && n > 0) numbers.set(parseFloat(d.style.top), n);
    }
    const out: [number, string][] = [];
    for (const d of Array.from(e.querySelectorAll<HTMLElement>('.view-lines > .view-line'))) {
      const n = numbers.get(parseFloat(d.style.top));
      if (n !== undefined) out.push([n, (d.textContent ?? '').replace(/\u00a0/g, ' ')]);
    }
    return out;
  });
}

/**
 * editorText returns the whole text of the active editor's document. It learns the line count
 * from "Go to Line" (Ctrl+G: `…between 1 and N…` on VS Code 1.100, `…from 1 to N…` on 1.139), then goes to the top and pages down,
 * collecting the rendered lines until it has all N (line numbers must be on, the default). It
 * leaves the cursor at the end of the document.
 */
export async function editorText(page: Page, o: WaitOptions = {}): Promise<string> {
  const editor = activeEditor(page);
  await editor.locator('.view-lines').click();
  await page.keyboard.press('Control+G');
  const lineRange = /(?:between 1 and|from 1 to) (\d+)/;
  const goTo = page.locator('.quick-input-widget', { hasText: lineRange });
  const total = Number(lineRange.exec(await goTo.innerText())![1]);
  await page.keyboard.press('Escape');
  await goTo.waitFor({ state: 'hidden' });
  await page.keyboard.press('Control+Home');
  await waitUntil(
    'the editor renders line 1',
    () => visibleLines(editor),
    (shown) => shown.some(([line]) => line === 1),
    o,
  );
  const lines = new Map<number, string>();
  for (;;) {
    const before = lines.size;
    await waitUntil(
      `the editor renders lines after line ${before}`,
      async () => {
        for (const [n, text] of await visibleLines(editor)) lines.set(n, text);
        return lines.size;
      },
      (size) => size > before,
      o,
    );
    if (lines.size >= total) break;
    await page.keyboard.press('PageDown');
  }
  await page.keyboard.press('Control+End');
  const out: string[] = [];
  for (let n = 1; n <= total; n++) out.push(lines.get(n) ?? '');
  return out.join('\n');
}
